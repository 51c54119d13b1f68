import { ACTIONS } from '../actions';
import type { CardModel } from '../../cards/card-model';
import { escapeHtml } from '../../cards/html';
import type { View } from '../view';

export const LATER_CARD = 'later';

/** Shown instead of the question while the user has snoozed it. */
export function laterCard(view: View, askAgainAt: number): CardModel {
  const { t } = view;
  return {
    name: LATER_CARD,
    title: t('later.title'),
    sections: [
      {
        widgets: [
          { kind: 'paragraph', html: escapeHtml(t('later.text', { date: view.date(askAgainAt) })) },
          {
            kind: 'buttons',
            buttons: [{ text: t('later.answerNow'), action: { functionName: ACTIONS.showQuestion } }],
          },
        ],
      },
    ],
  };
}
