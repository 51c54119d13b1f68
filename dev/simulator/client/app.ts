/// <reference lib="dom" />
/**
 * The simulator page: a Gmail-like sidebar that renders the add-on's cards and behaves as Gmail
 * does — card stack with push, pop, update and pop-to-root, notifications as toasts, a spinner for
 * actions with a load indicator, typeahead as the user pauses typing, the universal actions menu and
 * a refresh that re-runs the homepage trigger (or, with a mail open, the contextual trigger) — plus
 * an inbox whose mails run the contextual trigger when opened, switches for identity and language,
 * panels that show what the add-on stored, and the owner's side: setup, the sync and the Sheet.
 */
import type { ActionJson, CardJson, NavigationJson, OpenLinkJson } from '../../runtime/card-service';
import { applyNavigations } from '../../runtime/navigation';
import { renderCard, type RenderedAction } from '../renderer';
import { $, api } from './api';
import { initGoogleViews, type GoogleAnswer, type GoogleViews } from './google';
import { initInbox, type Inbox } from './inbox';
import { initInstallPanel, type InstallPanel } from './install-panel';
import { initOwnerPanel, refreshClock } from './owner-panel';
import { collectForm, fillRows, fillStore, type StoreView } from './page-state';
import { initSheetPanel } from './sheet-panel';
import { wireTypeahead } from './typeahead';

interface IdentityInfo {
  id: string;
  email: string;
  label: string;
  locale: string;
}

interface Bootstrap {
  build: { ok: boolean; message?: string };
  addOns: {
    common?: {
      name?: string;
      logoUrl?: string;
      layoutProperties?: { primaryColor?: string; secondaryColor?: string };
      homepageTrigger?: { runFunction?: string };
      universalActions?: { label: string; runFunction?: string; openLink?: string }[];
    };
    gmail?: {
      homepageTrigger?: { runFunction?: string };
      contextualTriggers?: { onTriggerFunction?: string }[];
    };
  } | null;
  identities: IdentityInfo[];
}

interface ExecutionResult extends GoogleAnswer {
  ok: boolean;
  value?: unknown;
  error?: { message: string };
  budgetCalls: number;
  durationMs: number;
}

interface ActionResponseJson {
  action?: { navigations?: NavigationJson[]; notification?: { text?: string }; link?: OpenLinkJson };
}

const state = {
  boot: undefined as Bootstrap | undefined,
  identityId: '',
  locale: '',
  stack: [] as CardJson[],
  actions: [] as RenderedAction[],
  busy: false,
  renders: 0,
  /** Counts homepage and contextual trigger runs: only the latest one's cards are shown. */
  triggerRuns: 0,
};

let inbox: Inbox | undefined;
let google: GoogleViews | undefined;
let install: InstallPanel | undefined;

function currentLocale(): string {
  const identity = state.boot?.identities.find((i) => i.id === state.identityId);
  return state.locale || identity?.locale || 'en';
}

function homepageFunction(): string {
  const addOns = state.boot?.addOns;
  return (
    addOns?.gmail?.homepageTrigger?.runFunction ??
    addOns?.common?.homepageTrigger?.runFunction ??
    'onHomepage'
  );
}

function contextualFunction(): string {
  return state.boot?.addOns?.gmail?.contextualTriggers?.[0]?.onTriggerFunction ?? 'onGmailMessage';
}

// ---- what the user sees -------------------------------------------------------------------------

function toast(text: string, kind: 'info' | 'error' = 'info'): void {
  const box = $('#toast');
  box.textContent = text;
  box.className = `toast toast-${kind} toast-visible`;
  window.clearTimeout(Number(box.dataset.timer ?? 0));
  box.dataset.timer = String(window.setTimeout(() => box.classList.remove('toast-visible'), 6000));
  log(kind === 'error' ? `Error: ${text}` : `Notification: ${text}`);
}

function log(line: string): void {
  const list = $('#log');
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${line}`;
  list.prepend(item);
  while (list.children.length > 50) list.lastElementChild?.remove();
}

function setBusy(busy: boolean): void {
  state.busy = busy;
  $('#spinner').hidden = !busy;
  $('#sidebar-body').setAttribute('aria-busy', String(busy));
}

/** Renders the top card; after an action, focus moves to its title so keyboard users start there. */
function render(moveFocus = false): void {
  const card = state.stack[state.stack.length - 1];
  const body = $('#sidebar-body');
  google?.clear();
  $<HTMLButtonElement>('#back').hidden = state.stack.length <= 1;
  if (!card) {
    body.innerHTML = '';
    return;
  }
  const { html, actions } = renderCard(card, { idPrefix: `c${++state.renders}` });
  state.actions = actions;
  body.innerHTML = html;
  body.dataset.card = card.name ?? '';
  body.scrollTop = 0;
  wireCard(body);
  if (moveFocus) {
    const title = body.querySelector<HTMLElement>('h2');
    if (title) {
      title.tabIndex = -1;
      title.focus();
    }
  }
  if (!document.body.dataset.firstCardMs)
    document.body.dataset.firstCardMs = String(Math.round(performance.now()));
}

function showBuild(): void {
  const banner = $('#build-banner');
  const build = state.boot?.build;
  banner.hidden = !build || build.ok;
  banner.textContent = build && !build.ok ? `The add-on bundle failed to build: ${build.message ?? ''}` : '';
}

async function refreshPanels(): Promise<void> {
  try {
    const view = await api<StoreView>('GET', `/api/state?identity=${encodeURIComponent(state.identityId)}`);
    // The bundle may have been rebuilt (or failed to build) since the page loaded.
    if (state.boot) {
      state.boot.build = view.build;
      showBuild();
    }
    fillStore('#script-props', '#script-bytes', view.script.entries, view.script.bytes, view.limitBytes);
    fillStore('#user-props', '#user-bytes', view.user.entries, view.user.bytes, view.limitBytes);
    $('#firestore-panel').hidden = !view.firestore;
    if (view.firestore) fillRows('#firestore-docs', view.firestore.entries);
    $('#user-props-owner').textContent = view.user.email || '(email hidden)';
  } catch (error) {
    log(`Could not read the stored state: ${(error as Error).message}`);
  }
}

// ---- running the add-on -------------------------------------------------------------------------

async function execute(
  functionName: string,
  kind: 'homepage' | 'action',
  action?: ActionJson,
  formInputs?: Record<string, string | string[]>,
): Promise<ExecutionResult | undefined> {
  const parameters: Record<string, string> = {};
  for (const p of action?.parameters ?? []) if (p.key !== undefined) parameters[p.key] = p.value ?? '';
  return callAddOn(functionName, '/api/execute', {
    identityId: state.identityId,
    locale: currentLocale(),
    functionName,
    kind,
    parameters,
    formInputs,
  });
}

/** One execution on the server (`url` builds its event): logged, a failure shown as a toast. */
async function callAddOn(
  functionName: string,
  url: string,
  body: Record<string, unknown>,
): Promise<ExecutionResult | undefined> {
  try {
    const result = await api<ExecutionResult>('POST', url, body);
    log(
      `${functionName}: ${result.ok ? 'ok' : 'failed'} · ${result.budgetCalls} service calls · ${result.durationMs.toFixed(1)} ms`,
    );
    if (result.authorizationPrompt || result.refused) {
      // Google answered, not the add-on: its consent prompt, its authorization card, or no add-on.
      google?.show(result, url === '/api/open-mail' || body.kind === 'homepage');
      return undefined;
    }
    if (!result.ok) {
      toast(`The add-on failed in ${functionName}: ${result.error?.message ?? 'unknown error'}`, 'error');
      return undefined;
    }
    return result;
  } catch (error) {
    toast((error as Error).message, 'error');
    return undefined;
  } finally {
    void refreshPanels();
  }
}

function hideToast(): void {
  $('#toast').classList.remove('toast-visible');
}

/**
 * Runs a trigger that returns cards (the homepage, or the contextual trigger of an open mail) and
 * shows its first card as a new stack, as Gmail does; a run overtaken by a later one shows nothing.
 */
async function runTrigger(run: () => Promise<ExecutionResult | undefined>): Promise<void> {
  hideToast(); // a notification belongs to the card it came with, not to the next identity's
  const mine = ++state.triggerRuns;
  setBusy(true);
  try {
    const result = await run();
    if (!result || mine !== state.triggerRuns) return;
    const cards = (Array.isArray(result.value) ? result.value : [result.value]) as CardJson[];
    state.stack = cards.slice(0, 1);
    render();
  } finally {
    if (mine === state.triggerRuns) setBusy(false);
  }
}

function openHomepage(): Promise<void> {
  return runTrigger(() => execute(homepageFunction(), 'homepage'));
}

/** Gmail's contextual trigger for the mail the user opened, with its id and access token. */
function openMailCard(messageId: string): Promise<void> {
  const functionName = contextualFunction();
  return runTrigger(() =>
    callAddOn(functionName, '/api/open-mail', {
      identityId: state.identityId,
      locale: currentLocale(),
      messageId,
    }),
  );
}

/** What Gmail's refresh re-runs: the open mail's contextual trigger, else the homepage. */
function refreshSidebar(): Promise<void> {
  const open = inbox?.openId();
  return open ? openMailCard(open) : openHomepage();
}

/** A new identity or fresh demo data: the inbox's list again, and the homepage. */
async function reloadMailAndHomepage(): Promise<void> {
  inbox?.closeQuietly();
  void inbox?.load(state.identityId, currentLocale());
  await openHomepage();
}

function openLink(link: OpenLinkJson | undefined): void {
  if (!link?.url || google?.openLink(link.url)) return;
  const item = document.createElement('li');
  item.textContent = `${link.url} (${link.openAs ?? 'FULL_SIZE'}, on close: ${link.onClose ?? 'NOTHING'})`;
  $('#links').prepend(item);
  toast(`Opened link (not loaded, the simulator has no network): ${link.url}`);
}

async function runAction(action: ActionJson, spinner: boolean): Promise<void> {
  if (!action.function) return;
  if (state.busy) {
    // The card is covered by the spinner of another action: the click or change reaches nothing.
    log(`${action.function}: not run, another action with a spinner is still running`);
    return;
  }
  if (spinner) setBusy(true);
  try {
    const result = await execute(action.function, 'action', action, collectForm());
    if (!result) return;
    const response = result.value as ActionResponseJson | undefined;
    const navigations = response?.action?.navigations ?? [];
    applyNavigations(state.stack, navigations);
    if (navigations.length > 0) render(true);
    if (response?.action?.notification?.text) toast(response.action.notification.text);
    openLink(response?.action?.link);
  } finally {
    if (spinner) setBusy(false);
  }
}

// ---- card interaction ---------------------------------------------------------------------------

function wireCard(body: HTMLElement): void {
  body.querySelectorAll<HTMLElement>('[data-action]').forEach((element) => {
    const activate = (event: Event): void => {
      event.preventDefault();
      void trigger(state.actions[Number(element.dataset.action)], element.dataset.spinner === 'true');
    };
    element.addEventListener('click', activate);
    if (element.tagName !== 'BUTTON') {
      element.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') activate(event);
      });
    }
  });
  body.querySelectorAll<HTMLElement>('[data-change-action]').forEach((element) => {
    // A typeahead input fires its on-change action as Gmail does for it (see wireTypeahead).
    if (element.dataset.suggestionsAction !== undefined) return;
    element.addEventListener('change', () => {
      void trigger(state.actions[Number(element.dataset.changeAction)], false);
    });
  });
  body.querySelectorAll<HTMLInputElement>('[data-suggestions-action]').forEach((input) =>
    wireTypeahead(input, {
      action: (index) => state.actions[index],
      trigger: (rendered) => void trigger(rendered, false),
      suggest: async (action) => {
        const result = await execute(action.function ?? '', 'action', action, collectForm());
        return (
          (result?.value as { suggestions?: { items?: { text?: string }[] } } | undefined)?.suggestions
            ?.items ?? []
        ).map((i) => i.text ?? '');
      },
    }),
  );
}

async function trigger(rendered: RenderedAction | undefined, spinner: boolean): Promise<void> {
  if (!rendered) return;
  if (rendered.kind === 'openLink') return openLink(rendered.openLink);
  if (rendered.kind === 'card') {
    state.stack.push(rendered.card);
    return render();
  }
  if (rendered.kind === 'suggestions') return;
  await runAction(rendered.action, spinner || rendered.action.loadIndicator === 'SPINNER');
}

// ---- the page around the sidebar ----------------------------------------------------------------

function fillControls(boot: Bootstrap): void {
  const select = $<HTMLSelectElement>('#identity');
  select.replaceChildren(
    ...boot.identities.map((identity) => {
      const option = document.createElement('option');
      option.value = identity.id;
      option.textContent = `${identity.label}${identity.email ? ` <${identity.email}>` : ''}`;
      return option;
    }),
  );
  const common = boot.addOns?.common;
  const name = common?.name ?? 'Add-on';
  $('#addon-name').textContent = name;
  document.title = `${name} — sidebar simulator`;
  const colours = common?.layoutProperties ?? {};
  if (colours.primaryColor) document.documentElement.style.setProperty('--rc-primary', colours.primaryColor);
  if (colours.secondaryColor)
    document.documentElement.style.setProperty('--rc-secondary', colours.secondaryColor);
  const menu = $('#universal-menu');
  menu.replaceChildren(
    ...(common?.universalActions ?? []).map((item) => {
      const entry = document.createElement('button');
      entry.type = 'button';
      entry.setAttribute('role', 'menuitem');
      entry.textContent = item.label;
      entry.addEventListener('click', () => {
        menu.hidden = true;
        if (item.openLink) openLink({ url: item.openLink });
        else if (item.runFunction) void runUniversal(item.runFunction);
      });
      return entry;
    }),
    refreshMenuItem(),
  );
}

function refreshMenuItem(): HTMLElement {
  const entry = document.createElement('button');
  entry.type = 'button';
  entry.setAttribute('role', 'menuitem');
  entry.textContent = 'Refresh';
  entry.addEventListener('click', () => {
    $('#universal-menu').hidden = true;
    void refreshSidebar();
  });
  return entry;
}

async function runUniversal(functionName: string): Promise<void> {
  setBusy(true);
  try {
    const result = await execute(functionName, 'action');
    const response = result?.value as
      { action?: { navigations?: { pushCard: CardJson }[]; link?: OpenLinkJson } } | undefined;
    const cards = (response?.action?.navigations ?? []).map((n) => n.pushCard);
    if (cards.length > 0) {
      state.stack = [state.stack[0] as CardJson, ...cards].filter(Boolean);
      render();
    }
    openLink(response?.action?.link);
  } finally {
    setBusy(false);
  }
}

async function start(): Promise<void> {
  try {
    state.boot = await api<Bootstrap>('GET', '/api/bootstrap');
  } catch (error) {
    toast(`The simulator server did not answer: ${(error as Error).message}`, 'error');
    return;
  }
  fillControls(state.boot);
  showBuild();
  const fromUrl = new URLSearchParams(location.search);
  state.identityId = fromUrl.get('identity') ?? state.boot.identities[0]?.id ?? '';
  state.locale = fromUrl.get('lang') ?? '';
  $<HTMLSelectElement>('#identity').value = state.identityId;
  $<HTMLSelectElement>('#language').value = state.locale;
  const sheet = initSheetPanel();
  initOwnerPanel({
    ownerEmail: state.boot.identities.find((identity) => identity.id === 'owner')?.email ?? '',
    onRan: () => {
      void refreshPanels();
      void sheet.refresh();
    },
    log,
  });
  void sheet.refresh();
  void refreshClock();
  inbox = initInbox({
    onOpen: (mail) => void openMailCard(mail.messageId),
    // As in Gmail: closing the mail shows the homepage again.
    onClose: () => void openHomepage(),
    log,
  });
  void inbox.load(state.identityId, currentLocale());
  google = initGoogleViews({
    identityId: () => state.identityId,
    email: () => state.boot?.identities.find((i) => i.id === state.identityId)?.email ?? '',
    locale: currentLocale,
    appName: () => state.boot?.addOns?.common?.name ?? 'Add-on',
    clearStack: () => {
      state.stack = [];
      $<HTMLButtonElement>('#back').hidden = true;
    },
    onAllowed: () => {
      void install?.load(state.identityId);
      void openHomepage();
    },
    log,
  });
  install = initInstallPanel({ onChanged: () => void refreshSidebar(), log });
  void install.load(state.identityId);

  $<HTMLSelectElement>('#identity').addEventListener('change', (event) => {
    state.identityId = (event.target as HTMLSelectElement).value;
    void install?.load(state.identityId);
    void reloadMailAndHomepage();
  });
  $<HTMLSelectElement>('#language').addEventListener('change', (event) => {
    state.locale = (event.target as HTMLSelectElement).value;
    void inbox?.load(state.identityId, currentLocale());
    void refreshSidebar();
  });
  $('#back').addEventListener('click', () => {
    applyNavigations(state.stack, [{ popCard: true }]);
    render(true);
  });
  $('#refresh').addEventListener('click', () => void refreshSidebar());
  $('#menu-button').addEventListener('click', () => {
    const menu = $('#universal-menu');
    menu.hidden = !menu.hidden;
    $('#menu-button').setAttribute('aria-expanded', String(!menu.hidden));
  });
  $('#reset').addEventListener('click', async () => {
    try {
      await api('POST', '/api/reset', {});
      toast('Stored state reset to the demo data.');
      void install?.load(state.identityId);
      void sheet.refresh();
      void refreshClock();
      await reloadMailAndHomepage();
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  });
  await openHomepage();
  // Opened from a getAuthorizationUrl() link (the server's /authorize): Google's consent prompt.
  const consent = fromUrl.get('consent')?.split(' ').filter(Boolean) ?? [];
  if (consent.length > 0) google.openConsent(consent);
}

void start();
