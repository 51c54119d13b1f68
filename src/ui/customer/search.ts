import type { SearchMatch } from '../../domain/search';
import { ACTIONS, FIELDS } from '../actions';
import type { CardModel, SectionModel, WidgetModel } from '../../cards/card-model';
import { escapeHtml, html, withSupportLink } from '../../cards/html';
import { countryName } from '../i18n';
import type { View } from '../view';
import { invitationSection, type InvitationEntry } from './invitation';

export const SEARCH_CARD = 'search';

/** What to show under the search box. */
export type SearchOutcome =
  | { kind: 'none' }
  | { kind: 'problem'; message: string }
  /** The reseller list cannot be read: say so, and how to reach support. */
  | { kind: 'unavailable' }
  | { kind: 'results'; query: string; matches: readonly SearchMatch[]; capped: boolean };

/**
 * The search box with typeahead. Picking a suggestion fires the input's change action, which opens
 * the confirm card at once; "Search" lists matches for whatever was typed. No footer: its primary
 * button would have to be the main action, and Gmail's header arrow already goes back.
 */
export function searchCard(
  view: View,
  domain: string,
  query: string,
  outcome: SearchOutcome,
  /** Asked for only when the card names support (it may cost a read). */
  supportEmail: () => string,
  /** The invitation code field's value and problem, after "Use code" on this card. */
  invitation?: InvitationEntry,
): CardModel {
  const { t } = view;
  const sections: SectionModel[] = [
    {
      widgets: [
        { kind: 'paragraph', html: escapeHtml(t('search.intro')) },
        {
          kind: 'textInput',
          name: FIELDS.resellerQuery,
          label: t('search.label'),
          hint: t('search.hint'),
          value: query,
          suggestions: { functionName: ACTIONS.suggestResellers },
          // No spinner: leaving the field with a half-typed word also fires this (it answers with
          // nothing), and a spinner would swallow the click on Search that caused the blur.
          onChange: { functionName: ACTIONS.pickReseller, parameters: { domain } },
        },
        {
          kind: 'buttons',
          buttons: [
            {
              text: t('search.button'),
              action: { functionName: ACTIONS.searchResellers, parameters: { domain }, spinner: true },
              filled: true,
            },
          ],
        },
      ],
    },
  ];
  const results = resultsSection(view, domain, outcome, supportEmail);
  if (results) sections.push(results);
  sections.push(invitationSection(view, domain, SEARCH_CARD, invitation));
  return { name: SEARCH_CARD, title: t('search.title'), subtitle: domain, sections };
}

function resultsSection(
  view: View,
  domain: string,
  outcome: SearchOutcome,
  supportEmail: () => string,
): SectionModel | null {
  const { t } = view;
  switch (outcome.kind) {
    case 'none':
      return null;
    case 'problem':
      return { widgets: [{ kind: 'paragraph', html: html`<b>${outcome.message}</b>` }] };
    case 'unavailable':
      return {
        widgets: [{ kind: 'paragraph', html: withSupportLink(t('search.unavailable'), supportEmail()) }],
      };
    case 'results': {
      if (outcome.matches.length === 0) {
        return {
          header: escapeHtml(t('search.noResults.title', { query: outcome.query })),
          widgets: [{ kind: 'paragraph', html: withSupportLink(t('search.noResults.text'), supportEmail()) }],
        };
      }
      const count = outcome.matches.length;
      const widgets: WidgetModel[] = outcome.matches.map((match) => ({
        kind: 'fact',
        html: html`<b>${match.reseller.name}</b>`,
        // Domain and country exactly as the suggestions name them.
        bottomLabel: `${match.reseller.domain} (${countryName(view.language, match.reseller.country)})`,
        button: {
          text: t('search.choose'),
          action: {
            functionName: ACTIONS.chooseReseller,
            parameters: { resellerId: match.reseller.id, domain, query: outcome.query },
          },
        },
      }));
      if (outcome.capped) {
        widgets.push({ kind: 'paragraph', html: escapeHtml(t('search.results.capped', { count })) });
      }
      return {
        header: escapeHtml(
          count === 1
            ? t('search.results.one', { query: outcome.query })
            : t('search.results.many', { count, query: outcome.query }),
        ),
        widgets,
      };
    }
  }
}
