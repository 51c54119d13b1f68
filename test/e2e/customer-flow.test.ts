/**
 * The whole customer flow in Chromium, in English and in German: Anna (no answer yet) finds her
 * reseller with the typeahead, confirms it, requests a change; her colleague Ben then sees the
 * organisation's answer. A screenshot of the sidebar and an axe-core check at every step.
 */
import type { Browser, Page } from 'playwright-core';
import {
  cardText,
  checkAccessibility,
  clearScreenshots,
  combobox,
  expectNewCard,
  expectToast,
  launchBrowser,
  nameOfSuggestion,
  openPage,
  screenshotSidebar,
  scriptPanelKeys,
  startTestSimulator,
  storedStateText,
  suggestionOptions,
  t,
  textPattern,
  typeAndWaitForSuggestions,
  updateDocsScreenshot,
  type Lang,
  type OpenedPage,
  type StoreView,
  type TestSimulator,
} from './support';

// jest.config.cjs sets testTimeout per project, which Jest 30 ignores (it reads only the global one).

const DOMAIN = 'kunde-gmbh.de';

/** The plain-words permission sentence, as the brief words it. */
const PERMISSION_WORDING: Record<Lang, string> = {
  en: 'view, add, delete and sync',
  de: 'anzeigen, hinzufügen, löschen und synchronisieren',
};

const QUERY: Record<Lang, string> = { en: 'müller', de: 'müller' };

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
    await record('search');
  });

  it('suggests resellers as Anna types, and takes the one she picks', async () => {
    await combobox(page).click();
    const labels = await typeAndWaitForSuggestions(page, QUERY[lang]);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.map(nameOfSuggestion)).toContain('Müller IT GmbH');
    await expect(combobox(page).getAttribute('aria-expanded')).resolves.toBe('true');
    await record('suggestions');
    if (lang === 'de') await updateDocsScreenshot(page);

    const index = labels.findIndex((label) => nameOfSuggestion(label) === 'Müller IT GmbH');
    const label = labels[index] ?? '';
    await suggestionOptions(page).nth(index).click();
    await page.waitForFunction((value) => {
      const input = document.querySelector<HTMLInputElement>('#sidebar-body [role="combobox"]');
      return input?.value === value && input.getAttribute('aria-expanded') === 'false';
    }, label);
    reseller = nameOfSuggestion(label);
    await record('picked');
  });

  it('goes straight to the confirm card for a picked suggestion, in plain words', async () => {
    await expectNewCard(page, 'confirm', () =>
      page
        .locator('#sidebar-body')
        .getByRole('button', { name: t(lang, 'search.button'), exact: true })
        .click(),
    );
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'confirm.title'));
    expect(text).toContain(t(lang, 'confirm.intro', { domain: DOMAIN }));
    expect(text).toContain(reseller);
    expect(text).toContain(PERMISSION_WORDING[lang]);
    expect(text).toContain(t(lang, 'confirm.permissions', { reseller }));
    await expect(page.locator('#back').isVisible()).resolves.toBe(true);
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
    expect(stored).toContain(reseller);
    expect(shown).toBe(stored.length > 160 ? `${stored.slice(0, 160)}…` : stored);
  });
});
