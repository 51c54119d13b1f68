import { displayInvitationCode } from '../../domain/invitation';
import type { Reseller } from '../../domain/reseller';
import { ACTIONS } from '../actions';
import type { CardModel } from '../../cards/card-model';
import { escapeHtml, html } from '../../cards/html';
import { countryName } from '../i18n';
import type { View } from '../view';

export const CONFIRM_CARD = 'confirm';

/**
 * The chosen reseller's details and, in plain words, what the app may do, before anything is saved.
 * The parameters carry the name the user is shown (confirming checks it against the directory) and
 * the search query, so that a reseller that can no longer be chosen leads back to the same search.
 */
export function confirmCard(
  view: View,
  domain: string,
  reseller: Reseller,
  query: string,
  /** The invitation code that pre-selected the reseller, if one did (checked again on confirming). */
  invitation?: string,
): CardModel {
  const { t } = view;
  const parameters: Record<string, string> = { resellerId: reseller.id, domain, name: reseller.name, query };
  if (invitation !== undefined) parameters.invitation = invitation;
  return {
    name: CONFIRM_CARD,
    title: t('confirm.title'),
    subtitle: domain,
    sections: [
      {
        widgets: [
          { kind: 'paragraph', html: escapeHtml(t('confirm.intro', { domain })) },
          { kind: 'fact', label: t('confirm.name'), html: html`<b>${reseller.name}</b>` },
          { kind: 'fact', label: t('confirm.domain'), html: escapeHtml(reseller.domain) },
          {
            kind: 'fact',
            label: t('confirm.country'),
            html: escapeHtml(countryName(view.language, reseller.country)),
          },
          ...(invitation === undefined
            ? []
            : [
                {
                  kind: 'paragraph' as const,
                  html: escapeHtml(t('confirm.invitation', { code: displayInvitationCode(invitation) })),
                },
              ]),
        ],
      },
      {
        header: escapeHtml(t('confirm.permissionsHeader')),
        widgets: [
          { kind: 'paragraph', html: escapeHtml(t('confirm.permissions', { reseller: reseller.name })) },
        ],
      },
    ],
    footer: {
      primary: {
        text: t('confirm.share'),
        action: { functionName: ACTIONS.confirmReseller, parameters, spinner: true },
        filled: true,
      },
      secondary: { text: t('common.back'), action: { functionName: ACTIONS.goBack } },
    },
  };
}
