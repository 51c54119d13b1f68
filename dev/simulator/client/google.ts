/// <reference lib="dom" />
/**
 * What Google, not the add-on, shows in Gmail's sidebar (see dev/runtime/authorization.ts):
 * - the consent prompt over the sidebar when ScriptApp.requireScopes ended an execution, or when
 *   the user opens the add-on's getAuthorizationUrl() link or clicks "Authorize access": the app's
 *   name, the account, one checkbox per missing scope in plain words (granular consent: the user may
 *   untick some), Cancel and Allow. Allow grants the ticked scopes and Gmail runs the homepage again;
 * - Google's authorization card instead of the add-on when gmail.addons.execute is not granted;
 * - no add-on at all when the admin has not turned it on for the user's org unit, with a note of the
 *   simulator's saying why.
 * In the identity's Gmail language (English or German), as Google's own screens are.
 */
import { scopeInWords } from '../../runtime/authorization';
import type { AuthorizationPrompt, RefusedExecution } from '../../runtime/execution';
import { $, api } from './api';

export interface GoogleAnswer {
  authorizationPrompt?: AuthorizationPrompt;
  refused?: RefusedExecution;
}

export interface GoogleViewsOptions {
  identityId: () => string;
  email: () => string;
  locale: () => string;
  appName: () => string;
  /** The add-on's card stack is gone: Google's view replaced it. */
  clearStack: () => void;
  /** Allow granted scopes: Gmail runs the homepage again. */
  onAllowed: () => void;
  log: (line: string) => void;
}

export interface GoogleViews {
  /** Shows what Gmail shows for an execution Google answered; `trigger`: no card of the add-on stays. */
  show(answer: GoogleAnswer, trigger: boolean): void;
  /** The consent prompt for `scopes` (empty: nothing to ask, nothing shown). */
  openConsent(scopes: readonly string[]): void;
  /** An OpenLink of the add-on: true when it was this simulator's consent link, now open. */
  openLink(url: string): boolean;
  /** A card of the add-on is shown again: the sidebar is the add-on's. */
  clear(): void;
}

const TEXTS = {
  en: {
    wants: (app: string) => `${app} wants additional access to your Google Account`,
    select: (app: string) => `Select what ${app} can access`,
    all: 'Select all',
    trust: (app: string) =>
      `Make sure you trust ${app}. You can change this access at any time in your Google Account.`,
    cancel: 'Cancel',
    allow: 'Allow',
    needs: (app: string) => `${app} needs your permission to run in Gmail.`,
    authorize: 'Authorize access',
    off: (app: string) =>
      `Gmail shows no ${app} here: your admin installed it for your domain, but has not turned it on for your organizational unit. Your admin turns it on in the Admin console (Apps › Google Workspace Marketplace apps › ${app} › User access).`,
    offNote: 'Simulator note',
  },
  de: {
    wants: (app: string) => `${app} möchte zusätzlichen Zugriff auf Ihr Google-Konto`,
    select: (app: string) => `Wählen Sie aus, worauf ${app} zugreifen darf`,
    all: 'Alle auswählen',
    trust: (app: string) =>
      `Sie sollten ${app} vertrauen. Sie können diesen Zugriff jederzeit in Ihrem Google-Konto ändern.`,
    cancel: 'Abbrechen',
    allow: 'Zulassen',
    needs: (app: string) => `${app} benötigt Ihre Berechtigung, um in Gmail ausgeführt zu werden.`,
    authorize: 'Zugriff autorisieren',
    off: (app: string) =>
      `Gmail zeigt hier kein ${app}: Ihr Administrator hat es für Ihre Domain installiert, aber für Ihre Organisationseinheit nicht aktiviert. Er aktiviert es in der Admin-Konsole (Apps › Google Workspace Marketplace-Apps › ${app} › Nutzerzugriff).`,
    offNote: 'Hinweis des Simulators',
  },
} as const;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
}

export function initGoogleViews(options: GoogleViewsOptions): GoogleViews {
  const dialog = $('#consent');
  const sidebar = $('.sidebar');
  let returnFocus: HTMLElement | null = null;
  const texts = () => (options.locale().toLowerCase().startsWith('de') ? TEXTS.de : TEXTS.en);

  /** Google's view in the sidebar body instead of the add-on's card. */
  const replaceCard = (name: string, ...content: HTMLElement[]): void => {
    options.clearStack();
    const body = $('#sidebar-body');
    body.replaceChildren(el('div', { className: 'google-view' }, ...content));
    body.dataset.card = name;
  };

  const authorizationCard = (scopes: readonly string[]): void => {
    const t = texts();
    const title = el(
      'h2',
      { className: 'google-title', id: 'google-card-title', tabIndex: -1 },
      options.appName(),
    );
    const button = el('button', { type: 'button', className: 'page-button google-primary' }, t.authorize);
    button.addEventListener('click', () => openConsent(scopes));
    replaceCard('google:authorization', title, el('p', {}, t.needs(options.appName())), button);
  };

  const close = (): void => {
    if (dialog.hidden) return;
    dialog.hidden = true;
    dialog.replaceChildren();
    for (const child of Array.from(sidebar.children)) if (child !== dialog) child.removeAttribute('inert');
    returnFocus?.focus();
    returnFocus = null;
  };

  const allow = async (scopes: string[]): Promise<void> => {
    try {
      await api('POST', '/api/consent', { identityId: options.identityId(), scopes });
      options.log(`Google consent: allowed ${scopes.length > 0 ? scopes.join(', ') : 'nothing'}`);
      close();
      options.onAllowed();
    } catch (error) {
      options.log(`Google consent failed: ${(error as Error).message}`);
    }
  };

  const openConsent = (scopes: readonly string[]): void => {
    if (scopes.length === 0) return;
    close();
    const t = texts();
    const app = options.appName();
    const locale = options.locale();
    returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const boxes = scopes.map((scope) =>
      el('input', { type: 'checkbox', checked: true, value: scope, className: 'consent-scope' }),
    );
    const items = boxes.map((box) =>
      el('li', {}, el('label', {}, box, ' ', scopeInWords(box.value, locale))),
    );
    const all = el('input', { type: 'checkbox', checked: true });
    all.addEventListener('change', () => boxes.forEach((box) => (box.checked = all.checked)));
    boxes.forEach((box) =>
      box.addEventListener('change', () => (all.checked = boxes.every((b) => b.checked))),
    );
    const cancel = el('button', { type: 'button', className: 'page-button' }, t.cancel);
    const allowButton = el('button', { type: 'button', className: 'page-button google-primary' }, t.allow);
    cancel.addEventListener('click', () => {
      options.log('Google consent: cancelled');
      close();
    });
    allowButton.addEventListener(
      'click',
      () => void allow(boxes.filter((b) => b.checked).map((b) => b.value)),
    );
    dialog.replaceChildren(
      el(
        'div',
        { className: 'consent-box' },
        el('p', { className: 'consent-google' }, 'Google'),
        el('h2', { id: 'consent-title', className: 'consent-title' }, t.wants(app)),
        el('p', { className: 'consent-account' }, options.email() || '—'),
        el('p', { id: 'consent-select', className: 'consent-select' }, t.select(app)),
        ...(boxes.length > 1 ? [el('label', { className: 'consent-all' }, all, ' ', t.all)] : []),
        el('ul', { className: 'consent-scopes' }, ...items),
        el('p', { className: 'consent-note' }, t.trust(app)),
        el('div', { className: 'consent-buttons' }, cancel, allowButton),
      ),
    );
    dialog.hidden = false;
    // Modal over the sidebar: nothing under it is reachable until Cancel or Allow.
    for (const child of Array.from(sidebar.children)) if (child !== dialog) child.setAttribute('inert', '');
    (boxes[0] ?? allowButton).focus();
    options.log(`Google consent prompt: ${scopes.join(', ')}`);
  };

  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      const focusable = Array.from(dialog.querySelectorAll<HTMLElement>('input, button'));
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  });

  return {
    show(answer, trigger) {
      close(); // a prompt still open belonged to an earlier execution
      const refused = answer.refused;
      if (refused?.reason === 'notTurnedOn') {
        sidebar.classList.add('sidebar--no-addon');
        const t = texts();
        replaceCard(
          'google:not-turned-on',
          el('p', { className: 'google-note' }, el('strong', {}, `${t.offNote}: `), t.off(options.appName())),
        );
        return;
      }
      if (refused) {
        authorizationCard(refused.scopes);
        return;
      }
      const prompt = answer.authorizationPrompt;
      if (!prompt) return;
      // A trigger that ended in the prompt leaves no card of the add-on: Gmail's card asks again.
      if (trigger) authorizationCard(prompt.scopes);
      openConsent(prompt.scopes);
    },
    openConsent,
    openLink(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return false;
      }
      if (parsed.origin !== location.origin || parsed.pathname !== '/authorize') return false;
      openConsent((parsed.searchParams.get('scope') ?? '').split(' ').filter(Boolean));
      return true;
    },
    clear() {
      close();
      sidebar.classList.remove('sidebar--no-addon');
    },
  };
}
