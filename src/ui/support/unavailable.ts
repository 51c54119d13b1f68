/**
 * What the vendor's owner and support staff see when the store cannot be used
 * (StoreUnavailableError, answered by src/index.ts): what is wrong in plain words and what to do —
 * a refused key, a damaged f:config, Firestore overloaded or unreachable — and what the store's
 * error said. That text is made only of statuses and fixed words (src/store/firestore-retry.ts,
 * firestore-token.ts, firestore-config.ts) and is scrubbed once more here: no key, token or JWT.
 */
import type { CardModel, WidgetModel } from '../../cards/card-model';
import { escapeHtml } from '../../cards/html';
import { scrubSecrets, type UnavailableReason } from '../../store/errors';
import { ACTIONS } from '../actions';
import type { MessageKey } from '../i18n';
import type { View } from '../view';

export const SUPPORT_UNAVAILABLE_CARD = 'supportStoreUnavailable';

const EXPLANATION: Record<UnavailableReason, MessageKey> = {
  credentials: 'unavailable.support.credentials',
  configuration: 'unavailable.support.configuration',
  overloaded: 'unavailable.support.overloaded',
  unreachable: 'unavailable.support.unreachable',
};

export interface UnavailableProblem {
  reason: UnavailableReason;
  /** The error's own message (for support; the customer never sees it). */
  detail: string;
  outcomeUnknown: boolean;
}

export function supportUnavailableCard(view: View, problem: UnavailableProblem): CardModel {
  const { t } = view;
  const paragraph = (text: string): WidgetModel => ({ kind: 'paragraph', html: escapeHtml(text) });
  const widgets: WidgetModel[] = [paragraph(t(EXPLANATION[problem.reason]))];
  if (problem.outcomeUnknown) widgets.push(paragraph(t('unavailable.support.unknown')));
  widgets.push(
    paragraph(t('unavailable.support.customers')),
    paragraph(t('unavailable.support.detail', { detail: scrubSecrets(problem.detail) })),
    {
      kind: 'buttons',
      buttons: [{ text: t('unavailable.retry'), action: { functionName: ACTIONS.homepage } }],
    },
  );
  return { name: SUPPORT_UNAVAILABLE_CARD, title: t('unavailable.support.title'), sections: [{ widgets }] };
}
