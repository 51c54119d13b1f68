/**
 * The customer admin's room: what a user sees when the add-on runs without a permission it needs
 * (installed by the user alone with a permission unticked, or an admin install "partially granted"
 * after an update), and the Help card (what the add-on does, how an admin installs it for
 * everyone, which permissions it uses and why).
 */
import type { CardModel, WidgetModel } from '../../cards/card-model';
import { escapeHtml, html, withSupportLink } from '../../cards/html';
import { SCOPES, scopeName, type ScopeName } from '../../domain/scopes';
import { ACTIONS } from '../actions';
import type { MessageKey } from '../i18n';
import type { View } from '../view';

export const MISSING_SCOPES_CARD = 'missingScopes';
export const HELP_CARD = 'help';

const WHAT: Record<ScopeName, MessageKey> = {
  email: 'scope.email.what',
  locale: 'scope.locale.what',
  message: 'scope.message.what',
  sheet: 'scope.sheet.what',
};

const WHY: Record<ScopeName, MessageKey> = {
  email: 'scope.email.why',
  locale: 'scope.locale.why',
  message: 'scope.message.why',
  sheet: 'scope.sheet.why',
};

/** A permission's name in plain words (support's homepage names it too). */
export function permissionName(view: View, scope: string): string {
  const name = scopeName(scope);
  return name === undefined ? view.t('scope.other', { scope }) : view.t(WHAT[name]);
}

/** One permission in plain words: what it lets the add-on do, and why it needs that. */
function permission(view: View, scope: string): WidgetModel {
  const name = scopeName(scope);
  if (name === undefined) return { kind: 'fact', html: escapeHtml(view.t('scope.other', { scope })) };
  return { kind: 'fact', html: html`<b>${view.t(WHAT[name])}</b>`, bottomLabel: view.t(WHY[name]) };
}

export function missingScopesCard(view: View, missing: readonly string[], canGrant: boolean): CardModel {
  const { t } = view;
  const grant: WidgetModel[] = [{ kind: 'paragraph', html: escapeHtml(t('auth.self.text')) }];
  if (canGrant)
    grant.push({
      kind: 'buttons',
      buttons: [
        {
          text: t('auth.self.button'),
          action: { functionName: ACTIONS.grantAccess, parameters: { scopes: missing.join(' ') } },
          filled: true,
        },
      ],
    });
  return {
    name: MISSING_SCOPES_CARD,
    title: t('auth.title'),
    sections: [
      {
        widgets: [
          {
            kind: 'paragraph',
            html: escapeHtml(t(missing.length === 1 ? 'auth.intro.one' : 'auth.intro.many')),
          },
          ...missing.map((scope) => permission(view, scope)),
        ],
      },
      { header: escapeHtml(t('auth.self.header')), widgets: grant },
      {
        header: escapeHtml(t('auth.admin.header')),
        widgets: [
          { kind: 'paragraph', html: escapeHtml(t('auth.admin.text')) },
          {
            kind: 'buttons',
            buttons: [{ text: t('auth.retry'), action: { functionName: ACTIONS.homepage } }],
          },
        ],
      },
    ],
  };
}

/** The scopes a customer's admin grants, in the order the consent screen lists the product's own. */
const LISTED: readonly string[] = [SCOPES.email, SCOPES.message, SCOPES.locale, SCOPES.sheet];

export function helpCard(view: View, supportEmail: string): CardModel {
  const { t } = view;
  return {
    name: HELP_CARD,
    title: t('help.title'),
    sections: [
      { widgets: [{ kind: 'paragraph', html: escapeHtml(t('help.what')) }] },
      {
        header: escapeHtml(t('help.install.header')),
        widgets: [
          { kind: 'paragraph', html: escapeHtml(t('help.install.text')) },
          { kind: 'paragraph', html: escapeHtml(t('help.install.orgUnit')) },
        ],
      },
      {
        header: escapeHtml(t('help.permissions.header')),
        widgets: [
          { kind: 'paragraph', html: escapeHtml(t('help.permissions.intro')) },
          ...LISTED.map((scope) => permission(view, scope)),
        ],
      },
      { widgets: [{ kind: 'paragraph', html: withSupportLink(t('help.support'), supportEmail) }] },
    ],
  };
}
