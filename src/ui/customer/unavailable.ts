/**
 * What a customer sees when the store cannot be reached or refuses the add-on (StoreUnavailableError,
 * answered by the entry points in src/index.ts): a plain "temporarily unavailable", that nothing was
 * changed, and a way to try again. Never why: the reason is for the vendor's support (the support
 * card of the same name in ui/support/), and may name the vendor's configuration.
 */
import type { CardModel } from '../../cards/card-model';
import { escapeHtml } from '../../cards/html';
import { ACTIONS } from '../actions';
import type { View } from '../view';

export const UNAVAILABLE_CARD = 'storeUnavailable';

/**
 * `outcomeUnknown`: a change was on its way when the answer was lost, so "nothing was changed"
 * cannot be promised; the card says it may have been saved (once, never twice) instead.
 */
export function unavailableCard(view: View, outcomeUnknown = false): CardModel {
  const { t } = view;
  return {
    name: UNAVAILABLE_CARD,
    title: t('unavailable.title'),
    sections: [
      {
        widgets: [
          {
            kind: 'paragraph',
            html: escapeHtml(t(outcomeUnknown ? 'unavailable.unknown' : 'unavailable.text')),
          },
          {
            kind: 'buttons',
            buttons: [{ text: t('unavailable.retry'), action: { functionName: ACTIONS.homepage } }],
          },
        ],
      },
    ],
  };
}
