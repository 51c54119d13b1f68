import { ACTIONS } from '../actions';
import type { CardModel } from '../../cards/card-model';
import { escapeHtml } from '../../cards/html';
import type { View } from '../view';
import { invitationSection, type InvitationEntry } from './invitation';

export const QUESTION_CARD = 'question';

/** The first question, asked once per organisation. */
export function questionCard(view: View, domain: string, invitation?: InvitationEntry): CardModel {
  const { t } = view;
  return {
    name: QUESTION_CARD,
    title: t('question.title'),
    subtitle: domain,
    sections: [
      {
        widgets: [
          { kind: 'paragraph', html: escapeHtml(t('question.text', { domain })) },
          {
            kind: 'buttons',
            buttons: [
              {
                text: t('question.hasReseller'),
                action: { functionName: ACTIONS.answerHasReseller, parameters: { domain } },
                filled: true,
              },
            ],
          },
          {
            kind: 'buttons',
            buttons: [
              {
                text: t('question.direct'),
                action: { functionName: ACTIONS.answerDirect, parameters: { domain }, spinner: true },
              },
              {
                text: t('question.later'),
                action: { functionName: ACTIONS.answerLater, parameters: { domain } },
              },
            ],
          },
        ],
      },
      invitationSection(view, domain, QUESTION_CARD, invitation),
      {
        // Installed by this user alone, the add-on is only theirs: the Help card says what the
        // admin does (Apps Script cannot tell an individual install from the admin's).
        widgets: [
          {
            kind: 'buttons',
            buttons: [{ text: t('question.colleagues'), action: { functionName: ACTIONS.showHelp } }],
          },
        ],
      },
    ],
  };
}
