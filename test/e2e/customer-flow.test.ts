/**
 * The whole customer flow in Chromium, in English and in German: Anna (no answer yet) finds her
 * reseller with the typeahead (picking a suggestion with the mouse opens its confirm card at once),
 * confirms it, requests a change; her colleague Ben then sees the organisation's answer. A
 * screenshot of the sidebar and an axe-core check at every step.
 */
import type { Browser, Page } from 'playwright-core';
import {
  cardText,
  checkAccessibility,
  clearScreenshots,
  combobox,
  demoResellerId,
  expectNewCard,
  expectToast,
  footerButtons,
  launchBrowser,
  nameOfSuggestion,
  openPage,
  recordNames,
  screenshotSidebar,
  scriptPanelKeys,
  startTestSimulator,
  storedStateText,
  suggestionOptions,
  t,
  textPattern,
  typeAndWaitForSuggestions,
  updateDocsScreenshot,
  watchExecutions,
  type Execution,
  type Lang,
  type OpenedPage,
  type StoreView,
  type TestSimulator,
} from './support';

interface FooterJson {
  primaryButton?: { type?: string };
  secondaryButton?: { type?: string };
}

// jest.config.cjs sets testTimeout per project, which Jest 30 ignores (it reads only the global one).

const DOMAIN = 'kunde-gmbh.de';

/** The plain-words permission sentence, as the brief words it. */
const PERMISSION_WORDING: Record<Lang, string> = {
  en: 'view, add, delete and sync',
  de: 'anzeigen, hinzufügen, löschen und synchronisieren',
};

const QUERY: Record<Lang, string> = { en: 'müller', de: 'müller' };

/** The suggestion for Müller IT GmbH: the country named in the user's language. */
const MUELLER_LABEL: Record<Lang, string> = {
  en: 'Müller IT GmbH — mueller-it.de (Germany)',
  de: 'Müller IT GmbH — mueller-it.de (Deutschland)',
};

const REASON: Record<Lang, string> = {
  en: 'We move to Schäfer Cloud AG on 1 January.',
  de: 'Wir wechseln zum 1. Januar zu Schäfer Cloud AG.',
};

describe.each<Lang>(['en', 'de'])('the customer flow in the browser (%s)', (lang) => {
  let browser: Browser;
  let sim: TestSimulator;
  let opened: OpenedPage;
  let page: Page;
  let step = 0;
  let reseller = '';
  let executions: Execution[] = [];

  /** Screenshot and axe check of the sidebar as it is now. */
  async function record(name: string): Promise<void> {
    step++;
    const label = `${lang}-${String(step).padStart(2, '0')}-${name}`;
    await screenshotSidebar(page, label);
    await checkAccessibility(page, label);
  }

  beforeAll(async () => {
    clearScreenshots(`${lang}-`);
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    opened = await openPage(browser, sim.url, { identity: 'anna', lang });
    page = opened.page;
    executions = watchExecutions(page);
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  afterEach(() => {
    expect(opened?.errors).toEqual([]);
  });

  it('shows Anna the question card', async () => {
    await expect(page.locator('#sidebar-body').getAttribute('data-card')).resolves.toBe('question');
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'question.title'));
    expect(text).toContain(t(lang, 'question.text', { domain: DOMAIN }));
    await record('question');
  });

  it('opens the search card from "I have a Google Workspace reseller"', async () => {
    await expectNewCard(page, 'search', () =>
      page.getByRole('button', { name: t(lang, 'question.hasReseller') }).click(),
    );
    expect(await cardText(page)).toContain(t(lang, 'search.title'));
    await expect(page.locator('#back').isVisible()).resolves.toBe(true); // pushed onto the question card
    // No fixed footer (its primary would have to be the main action): Gmail's header arrow goes back.
    expect(await footerButtons(page)).toEqual([]);
    await expect(
      page
        .locator('#sidebar-body')
        .getByRole('button', { name: t(lang, 'search.button'), exact: true })
        .count(),
    ).resolves.toBe(1);
    await record('search');
  });

  it('suggests resellers as Anna types, naming the country in her language', async () => {
    await combobox(page).click();
    const labels = await typeAndWaitForSuggestions(page, QUERY[lang]);
    expect(labels).toContain(MUELLER_LABEL[lang]);
    await expect(combobox(page).getAttribute('aria-expanded')).resolves.toBe('true');
    await record('suggestions');
    if (lang === 'de') await updateDocsScreenshot(page);
  });

  it('opens the confirm card at once when Anna picks a suggestion with the mouse, in plain words', async () => {
    const labels = await suggestionOptions(page).allTextContents();
    const index = labels.indexOf(MUELLER_LABEL[lang]);
    expect(index).toBeGreaterThanOrEqual(0);
    executions.length = 0;
    await expectNewCard(page, 'confirm', () => suggestionOptions(page).nth(index).click());
    reseller = nameOfSuggestion(MUELLER_LABEL[lang]);

    // One pick, one on-change execution with the picked label; no Search in between.
    expect(executions.map((e) => [e.functionName, e.formInputs.resellerQuery])).toEqual([
      ['onPickReseller', MUELLER_LABEL[lang]],
    ]);
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'confirm.title'));
    expect(text).toContain(t(lang, 'confirm.intro', { domain: DOMAIN }));
    expect(text).toContain(reseller);
    expect(text).toContain(PERMISSION_WORDING[lang]);
    expect(text).toContain(t(lang, 'confirm.permissions', { reseller }));
    await expect(page.locator('#back').isVisible()).resolves.toBe(true);
    expect(await footerButtons(page)).toEqual([
      { text: t(lang, 'confirm.share'), variant: 'filled' },
      { text: t(lang, 'common.back'), variant: 'outlined' },
    ]);
    // As sent, not only as drawn (the page draws an untyped footer primary as filled).
    const sent = (await executions[0]?.value) as
      { action?: { navigations?: { pushCard?: { fixedFooter?: FooterJson } }[] } } | undefined;
    const footer = sent?.action?.navigations?.[0]?.pushCard?.fixedFooter;
    expect(footer?.primaryButton?.type).toBe('FILLED');
    expect(footer?.secondaryButton?.type).toBe('OUTLINED');
    await record('confirm');
  });

  it('saves with "Share contacts now": status card and a notification', async () => {
    await expectNewCard(page, 'status', () =>
      page.getByRole('button', { name: t(lang, 'confirm.share') }).click(),
    );
    await expectToast(page, t(lang, 'notice.saved', { domain: DOMAIN, reseller }));
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'status.title'));
    expect(text).toContain(t(lang, 'status.resellerIntro', { domain: DOMAIN }));
    expect(text).toContain(reseller);
    expect(text).toContain(t(lang, 'status.setBy.you'));
    await expect(page.locator('#back').isVisible()).resolves.toBe(false); // popped to the root
    expect(await scriptPanelKeys(page, sim.url)).toContain(`d:${DOMAIN}`);
    await record('status');
  });

  it('opens the change request card', async () => {
    await expectNewCard(page, 'changeRequest', () =>
      page.getByRole('button', { name: t(lang, 'status.requestChange') }).click(),
    );
    expect(await cardText(page)).toContain(t(lang, 'change.intro'));
    expect(await footerButtons(page)).toEqual([
      { text: t(lang, 'change.send'), variant: 'filled' },
      { text: t(lang, 'common.back'), variant: 'outlined' },
    ]);
    await record('change-request');
  });

  it('sends the change request: status card with the pending text, and a notification', async () => {
    await page.getByLabel(t(lang, 'change.label')).click();
    await page.keyboard.type(REASON[lang], { delay: 10 });
    await expect(page.getByLabel(t(lang, 'change.label')).inputValue()).resolves.toBe(REASON[lang]);
    await record('reason-typed');
    await expectNewCard(page, 'status', () =>
      page.getByRole('button', { name: t(lang, 'change.send') }).click(),
    );
    await expectToast(page, t(lang, 'change.sent'));
    const text = await cardText(page);
    expect(text).toMatch(textPattern(lang, 'status.pending'));
    expect(text).toContain(reseller);
    await expect(page.getByRole('button', { name: t(lang, 'status.requestChange') }).count()).resolves.toBe(
      0,
    );
    await record('pending');
  });

  it('shows Ben, a colleague of the same domain, the status card "set by a colleague"', async () => {
    await expectNewCard(page, 'status', () => page.selectOption('#identity', 'ben'));
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'status.resellerIntro', { domain: DOMAIN }));
    expect(text).toContain(reseller);
    expect(text).toContain(t(lang, 'status.setBy.colleague'));
    expect(text).not.toContain(t(lang, 'status.setBy.you'));
    expect(text).toMatch(textPattern(lang, 'status.pending'));
    await record('colleague');
  });

  it('shows the organisation’s record in the Script Properties panel', async () => {
    const keys = await scriptPanelKeys(page, sim.url);
    expect(keys.filter((key) => key === `d:${DOMAIN}`)).toHaveLength(1);
    const row = page.locator('#script-props tr', {
      has: page.locator('td:first-child', { hasText: `d:${DOMAIN}` }),
    });
    const shown = (await row.locator('td').nth(1).textContent()) ?? '';
    const state = JSON.parse(await storedStateText(page, 'ben')) as StoreView;
    const stored = state.script.entries.find((entry) => entry.key === `d:${DOMAIN}`)?.value ?? '';
    expect(reseller).toBe('Müller IT GmbH');
    expect(recordNames(stored, demoResellerId(reseller))).toBe(true);
    expect(shown).toBe(stored.length > 160 ? `${stored.slice(0, 160)}…` : stored);
  });
});
