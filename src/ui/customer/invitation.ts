import { ACTIONS, FIELDS } from '../actions';
import type { SectionModel, WidgetModel } from '../../cards/card-model';
import type { Html } from '../../cards/html';
import type { View } from '../view';

/** What the user typed into the invitation code field, and why it did not work, if it did not. */
export interface InvitationEntry {
  code?: string;
  /** Already in the user's language; may contain the support address as a link. */
  problem?: Html;
}

/**
 * "Have an invitation code?": a field and a button, on the question and the search card. `card`
 * names the card it is on, so that a wrong code is explained on that same card.
 */
export function invitationSection(
  view: View,
  domain: string,
  card: 'question' | 'search',
  entry: InvitationEntry = {},
): SectionModel {
  const { t } = view;
  const widgets: WidgetModel[] = [
    {
      kind: 'textInput',
      name: FIELDS.invitationCode,
      label: t('invitation.label'),
      hint: t('invitation.hint'),
      ...(entry.code !== undefined ? { value: entry.code } : {}),
    },
  ];
  if (entry.problem) widgets.push({ kind: 'paragraph', html: `<b>${entry.problem}</b>` as Html });
  widgets.push({
    kind: 'buttons',
    buttons: [
      {
        text: t('invitation.button'),
        action: { functionName: ACTIONS.useInvitation, parameters: { domain, card }, spinner: true },
      },
    ],
  });
  return { widgets };
}
