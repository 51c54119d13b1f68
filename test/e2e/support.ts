/// <reference lib="dom" />
/**
 * Shared helpers of the browser tests: Chromium via playwright-core, a simulator per test file
 * with its own temporary state file (never .local/), the page opened as an identity, waits that
 * follow the page's own signals (the card's name, a new render, aria-busy, the toast), sidebar
 * screenshots and an axe-core check of the sidebar.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import { startSimulator, type Simulator } from '../../dev/simulator/server';
import { DEPLOYMENT } from '../../src/deployment';
import { de } from '../../src/ui/i18n/de';
import { en, type MessageKey } from '../../src/ui/i18n/en';
import { CHROMIUM_ARGS, ensureChromium } from './chromium';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');
export const DOCS_SCREENSHOT = path.join(ROOT, 'docs', 'sidebar.png');

export type Lang = 'en' | 'de';

// ---- texts --------------------------------------------------------------------------------------

const CATALOGUES = { en, de } as const;

/** The add-on's exact text, with {placeholders} filled in. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The support address the cards name (the deployment's default: the simulator sets none). */
export const SUPPORT_EMAIL = DEPLOYMENT.supportEmail;

/** A text whose {placeholders} may be anything (dates): a RegExp matching the whole text. */
export function textPattern(
  lang: Lang,
  key: MessageKey,
  params: Record<string, string | number> = {},
): RegExp {
  const parts = CATALOGUES[lang][key].split(/(\{\w+\})/);
  const source = parts
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegExp(part);
      return name in params ? escapeRegExp(String(params[name])) : '.+?';
    })
    .join('');
  return new RegExp(source);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- browser and simulator ----------------------------------------------------------------------

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? ensureChromium(),
    args: CHROMIUM_ARGS,
  });
}

export interface TestSimulator {
  simulator: Simulator;
  url: string;
  stateFile: string;
  /** What the simulator logged (it would otherwise print to the console). */
  logs: string[];
  close: () => Promise<void>;
}

/** A simulator on a free port with the demo data, its state in a new temporary directory. */
export async function startTestSimulator(): Promise<TestSimulator> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-'));
  const stateFile = path.join(dir, 'state.json');
  const logs: string[] = [];
  const started = await startSimulator({ stateFile, log: (line) => logs.push(line) });
  return {
    simulator: started.simulator,
    url: started.url,
    stateFile,
    logs,
    close: async () => {
      await started.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page; tests expect none. */
  errors: string[];
}

/** A new browser context (its own storage) with the simulator page open as `identity`. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  options: { identity?: string; lang?: Lang | '' } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const query = new URLSearchParams();
  if (options.identity) query.set('identity', options.identity);
  if (options.lang) query.set('lang', options.lang);
  const search = query.toString();
  await page.goto(`${baseUrl}/${search ? `?${search}` : ''}`);
  await waitForIdle(page);
  return { context, page, errors };
}

// ---- waits --------------------------------------------------------------------------------------

/** The render counter of the card on screen (the page prefixes every id of a card with c<n>-). */
async function renderToken(page: Page): Promise<string> {
  return page.evaluate(() => {
    const first = document.querySelector('#sidebar-body [id]');
    return first ? (first.id.split('-')[0] ?? '') : '';
  });
}

/** A card is on screen and no action is running. */
export async function waitForIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const body = document.querySelector<HTMLElement>('#sidebar-body');
    return !!body && !!body.dataset.card && body.getAttribute('aria-busy') !== 'true';
  });
}

/** Runs `act` and waits until a newly rendered card named `card` is on screen, with no action running. */
export async function expectNewCard(page: Page, card: string, act: () => Promise<unknown>): Promise<void> {
  const before = await renderToken(page);
  await act();
  try {
    await page.waitForFunction(
      ([previous, name]) => {
        const body = document.querySelector<HTMLElement>('#sidebar-body');
        const first = body?.querySelector('[id]');
        const token = first ? first.id.split('-')[0] : '';
        return (
          !!body &&
          body.dataset.card === name &&
          token !== previous &&
          body.getAttribute('aria-busy') !== 'true'
        );
      },
      [before, card] as const,
      { timeout: 15_000 },
    );
  } catch (error) {
    const now = await page.evaluate(() => ({
      card: document.querySelector<HTMLElement>('#sidebar-body')?.dataset.card,
      toast: document.querySelector('#toast')?.textContent,
    }));
    if (error instanceof Error)
      error.message = `Expected a new "${card}" card; the page shows "${now.card ?? ''}" (toast: "${now.toast ?? ''}"). ${error.message}`;
    throw error;
  }
}

/** The toast shows exactly `text` (and is visible). */
export async function expectToast(page: Page, text: string): Promise<void> {
  await page
    .waitForFunction(
      (expected) => {
        const toast = document.querySelector('#toast');
        return toast?.textContent === expected && toast.classList.contains('toast-visible');
      },
      text,
      { timeout: 15_000 },
    )
    .catch(async (error: unknown) => {
      const shown = await page.locator('#toast').textContent();
      if (error instanceof Error)
        error.message = `Expected the toast "${text}", it shows "${shown ?? ''}". ${error.message}`;
      throw error;
    });
}

/** Waits until the visible toast has any text, and returns it. */
export async function nextToast(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const toast = document.querySelector('#toast');
    return !!toast?.textContent && toast.classList.contains('toast-visible');
  });
  return (await page.locator('#toast').textContent()) ?? '';
}

/** The text of the sidebar's card, whitespace collapsed. */
export async function cardText(page: Page): Promise<string> {
  const text = await page.locator('#sidebar-body').innerText();
  return text.replace(/\s+/g, ' ').trim();
}

/** The render counter of the card on screen: changes with every render, also of the same card. */
export function renderedCard(page: Page): Promise<string> {
  return renderToken(page);
}

export interface Execution {
  functionName: string;
  parameters: Record<string, string>;
  formInputs: Record<string, unknown>;
  /** What the add-on returned (the execution result's value), once the response arrived. */
  value: Promise<unknown>;
}

/**
 * Every /api/execute request the page makes from now on, in order (a live array: read it after the
 * page settled). Counting them shows what the simulator fired, e.g. one on-change per pick.
 */
export function watchExecutions(page: Page): Execution[] {
  const seen: Execution[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/execute') || request.method() !== 'POST') return;
    let body: {
      functionName?: string;
      parameters?: Record<string, string>;
      formInputs?: Record<string, unknown>;
    };
    try {
      body = JSON.parse(request.postData() ?? '') as typeof body;
    } catch {
      return;
    }
    const value = request
      .response()
      .then(async (response) => ((await response?.json()) as { value?: unknown } | undefined)?.value)
      .catch(() => undefined);
    seen.push({
      functionName: body.functionName ?? '',
      parameters: body.parameters ?? {},
      formInputs: body.formInputs ?? {},
      value,
    });
  });
  return seen;
}

/** The buttons of the card's fixed footer, in order, with their rendered type. */
export async function footerButtons(page: Page): Promise<{ text: string; variant: string }[]> {
  return page.locator('#sidebar-body footer button').evaluateAll((buttons) =>
    buttons.map((button) => ({
      text: (button.textContent ?? '').trim(),
      variant: /rc-button--(\w+)/.exec(button.className)?.[1] ?? '',
    })),
  );
}

/**
 * The keys in the page's Script Properties panel, once the panel shows what the server stores (the
 * page refreshes it asynchronously after every execution).
 */
export async function scriptPanelKeys(page: Page, baseUrl: string): Promise<string[]> {
  const view = (await (await fetch(`${baseUrl}/api/state`)).json()) as StoreView;
  const expected = view.script.entries.map((entry) => entry.key);
  try {
    await page.waitForFunction(
      (keys) => {
        const shown = Array.from(document.querySelectorAll('#script-props tr td:first-child')).map(
          (cell) => cell.textContent,
        );
        return JSON.stringify(shown) === JSON.stringify(keys);
      },
      expected,
      { timeout: 15_000 },
    );
  } catch (error) {
    const shown = await page.locator('#script-props tr td:first-child').allTextContents();
    if (error instanceof Error)
      error.message = `The Script Properties panel shows ${shown.join(', ')}; the server stores ${expected.join(', ')}. ${error.message}`;
    throw error;
  }
  return expected;
}

// ---- the search card's typeahead ------------------------------------------------------------------

export function combobox(page: Page): Locator {
  return page.locator('#sidebar-body [role="combobox"]');
}

export function suggestionOptions(page: Page): Locator {
  return page.locator('#sidebar-body [role="listbox"] [role="option"]');
}

/** Whether an /api/execute request asked for suggestions for `query`. */
function asksSuggestionsFor(postData: string | null, query: string): boolean {
  try {
    const body = JSON.parse(postData ?? '') as { kind?: string; formInputs?: Record<string, unknown> };
    return body.kind === 'action' && body.formInputs?.resellerQuery === query;
  } catch {
    return false;
  }
}

/**
 * Types with real key presses into the focused combobox (caret at the end), then waits for the
 * add-on's suggestions for the whole text and for the listbox to show exactly those; returns them.
 * Waiting for that answer, not just for an open list, ignores a list left from an earlier keystroke.
 */
export async function typeAndWaitForSuggestions(page: Page, text: string): Promise<string[]> {
  const query = (await combobox(page).inputValue()) + text;
  const answer = page.waitForResponse(
    (response) =>
      response.url().endsWith('/api/execute') && asksSuggestionsFor(response.request().postData(), query),
    { timeout: 15_000 },
  );
  await page.keyboard.type(text, { delay: 40 });
  const result = (await (await answer).json()) as {
    value?: { suggestions?: { items?: { text?: string }[] } };
  };
  const items = (result.value?.suggestions?.items ?? []).map((item) => item.text ?? '');
  if (items.length === 0) throw new Error(`The add-on suggested nothing for "${query}".`);
  await page.waitForFunction(
    ([value, expected]) => {
      const input = document.querySelector<HTMLInputElement>('#sidebar-body [role="combobox"]');
      const listbox = document.getElementById(input?.getAttribute('aria-controls') ?? '');
      if (!input || !listbox || listbox.hidden || input.value !== value) return false;
      const shown = Array.from(listbox.querySelectorAll('[role="option"]')).map((o) => o.textContent);
      return (
        input.getAttribute('aria-expanded') === 'true' && JSON.stringify(shown) === JSON.stringify(expected)
      );
    },
    [query, items] as const,
    { timeout: 15_000 },
  );
  return items;
}

/**
 * The id of the demo reseller named `name`: an organisation's record stores the reseller's id (its
 * name lives in the directory only).
 */
export function demoResellerId(name: string): string {
  const found = DEMO_RESELLERS.filter((reseller) => reseller.name === name);
  if (found.length !== 1) throw new Error(`${found.length} demo resellers are named "${name}"`);
  return (found[0] as { id: string }).id;
}

/** Whether a stored record names the reseller `id` (as a whole id: R-00001 is not R-00010). */
export function recordNames(record: string, id: string): boolean {
  return new RegExp(`(^|[^\\w-])${escapeRegExp(id)}($|[^\\w-])`).test(record);
}

/** The reseller's name in a suggestion label ("Müller IT GmbH — mueller-it.de (Germany)"). */
export function nameOfSuggestion(label: string): string {
  return label.split(' — ')[0] ?? label;
}

/**
 * From the question card to the confirm card: the reseller button, a typed query, a picked
 * suggestion (picking fires the input's on-change action, which opens the confirm card at once).
 */
export async function reachConfirmCard(page: Page, lang: Lang, query: string, pick = 0): Promise<string> {
  await expectNewCard(page, 'search', () =>
    page.getByRole('button', { name: t(lang, 'question.hasReseller') }).click(),
  );
  await combobox(page).click();
  const labels = await typeAndWaitForSuggestions(page, query);
  const label = labels[pick];
  if (label === undefined) throw new Error(`No suggestion ${pick} for "${query}": ${labels.join(', ')}`);
  await expectNewCard(page, 'confirm', () => suggestionOptions(page).nth(pick).click());
  return nameOfSuggestion(label);
}

// ---- keyboard -----------------------------------------------------------------------------------

/** Presses Tab until `matches` holds for the focused element (at most `limit` presses). */
export async function tabUntil(
  page: Page,
  describe: string,
  matches: (focused: { text: string; role: string; tag: string }) => boolean,
  limit = 40,
): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return {
        text: (element?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        role: element?.getAttribute('role') ?? '',
        tag: element?.tagName.toLowerCase() ?? '',
      };
    });
    if (matches(focused)) return;
    seen.push(`${focused.tag}${focused.role ? `[${focused.role}]` : ''} "${focused.text.slice(0, 30)}"`);
  }
  throw new Error(`Tab never reached ${describe} within ${limit} presses; focus went: ${seen.join(' → ')}`);
}

// ---- screenshots and accessibility --------------------------------------------------------------

/** Screenshot of the sidebar into test-results/screenshots/<name>.png. */
export async function screenshotSidebar(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.locator('.sidebar').screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  return file;
}

/** Removes earlier screenshots whose names start with `prefix`, so that a run leaves only its own. */
export function clearScreenshots(prefix: string): void {
  if (!fs.existsSync(SCREENSHOT_DIR)) return;
  for (const file of fs.readdirSync(SCREENSHOT_DIR)) {
    if (file.startsWith(prefix) && file.endsWith('.png')) fs.rmSync(path.join(SCREENSHOT_DIR, file));
  }
}

/** Writes docs/sidebar.png, only when UPDATE_SCREENSHOT=1 (normal runs leave it alone). */
export async function updateDocsScreenshot(page: Page): Promise<void> {
  if (process.env.UPDATE_SCREENSHOT !== '1') return;
  fs.mkdirSync(path.dirname(DOCS_SCREENSHOT), { recursive: true });
  await page.locator('.sidebar').screenshot({ path: DOCS_SCREENSHOT, animations: 'disabled', caret: 'hide' });
  const bytes = fs.statSync(DOCS_SCREENSHOT).size;
  console.log(`docs/sidebar.png updated (${bytes} bytes)`);
  expect(bytes).toBeLessThan(60 * 1024);
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  targets: string[];
}

interface AxeWindow {
  axe?: {
    run(context: Element | null): Promise<{
      violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }>;
  };
}

/**
 * Runs axe-core on the sidebar. Fails on any violation of impact serious or critical; prints the
 * ids of lesser ones. Returns all violations.
 */
export async function checkAccessibility(page: Page, label: string): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as AxeWindow).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as AxeWindow).axe;
    if (!axe) throw new Error('axe-core did not load');
    const results = await axe.run(document.querySelector('.sidebar'));
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  });
  const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lesser = violations.filter((v) => !severe.includes(v));
  if (lesser.length > 0) {
    console.log(
      `axe on ${label}: ${lesser.map((v) => `${v.id} (${v.impact ?? 'no impact'}: ${v.targets.join(', ')})`).join('; ')}`,
    );
  }
  expect(severe.map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.targets.join(', ')}`)).toEqual([]);
  return violations;
}

/** Screenshot of one element of the page (a panel) into test-results/screenshots/<name>.png. */
export async function screenshotElement(page: Page, selector: string, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.locator(selector).screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  return file;
}

/**
 * Runs axe-core on one element of the page (a panel beside the sidebar), as checkAccessibility does
 * on the sidebar: fails on any violation of impact serious or critical, prints the lesser ones.
 */
export async function checkAccessibilityOf(
  page: Page,
  selector: string,
  label: string,
): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as AxeWindow).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async (where) => {
    const axe = (window as unknown as AxeWindow).axe;
    if (!axe) throw new Error('axe-core did not load');
    const element = document.querySelector(where);
    if (!element) throw new Error(`The page has no ${where}`);
    const results = await axe.run(element);
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  }, selector);
  const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lesser = violations.filter((v) => !severe.includes(v));
  if (lesser.length > 0) {
    console.log(
      `axe on ${label}: ${lesser.map((v) => `${v.id} (${v.impact ?? 'no impact'}: ${v.targets.join(', ')})`).join('; ')}`,
    );
  }
  expect(severe.map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.targets.join(', ')}`)).toEqual([]);
  return violations;
}

// ---- the stored state, read from the page ---------------------------------------------------------

export interface StoreView {
  script: { entries: { key: string; value: string; bytes: number }[] };
  user: { email: string; entries: { key: string; value: string; bytes: number }[] };
}

/** GET /api/state from inside the page (the same request the page makes), as text. */
export function storedStateText(page: Page, identity: string): Promise<string> {
  return page.evaluate(async (who) => {
    const response = await fetch(`/api/state?identity=${encodeURIComponent(who)}`);
    return response.text();
  }, identity);
}

/** One browser and one fresh simulator for a describe block, with a page open as an identity. */
export interface SimulatorSession {
  readonly browser: Browser;
  readonly sim: TestSimulator;
  readonly opened: OpenedPage;
  readonly page: Page;
}

/**
 * Starts them before the block's tests, closes them after, and fails every test after which the
 * page logged an error. Call inside `describe`; read the fields only inside hooks and tests.
 */
export function useSimulatorPage(options: { identity: string; lang: Lang }): SimulatorSession {
  let state: SimulatorSession | undefined;
  const session = (): SimulatorSession => {
    if (!state) throw new Error('The simulator page is used before beforeAll opened it');
    return state;
  };
  beforeAll(async () => {
    const [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    const opened = await openPage(browser, sim.url, options);
    state = { browser, sim, opened, page: opened.page };
  });
  afterAll(async () => {
    await state?.browser.close();
    await state?.sim.close();
  });
  afterEach(() => {
    expect(state?.opened.errors).toEqual([]);
  });
  return {
    get browser() {
      return session().browser;
    },
    get sim() {
      return session().sim;
    },
    get opened() {
      return session().opened;
    },
    get page() {
      return session().page;
    },
  };
}
