/**
 * The search's ways out when the typeahead is not enough: "Search" lists the matches for a typed
 * word (domain and country under each name), "Choose" opens the confirm card; a reseller that can
 * no longer be chosen when Anna confirms sends her back to the search with her query kept and the
 * reason shown; a search without a match names the support address as a mailto link.
 */
import type { Browser, Page } from 'playwright-core';
import { loadDirectory } from '../../dev/runtime/adapters';
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import {
  cardText,
  checkAccessibility,
  clearScreenshots,
  combobox,
  expectNewCard,
  launchBrowser,
  openPage,
  screenshotSidebar,
  startTestSimulator,
  storedStateText,
  SUPPORT_EMAIL,
  t,
  tabUntil,
  typeAndWaitForSuggestions,
  waitForIdle,
  watchExecutions,
  type Execution,
  type OpenedPage,
  type StoreView,
  type TestSimulator,
} from './support';

// jest.config.cjs sets testTimeout per project, which Jest 30 ignores (it reads only the global one).

const DOMAIN = 'kunde-gmbh.de';

describe('the search when the typeahead is not enough', () => {
  let browser: Browser;
  let sim: TestSimulator;
  let opened: OpenedPage;
  let page: Page;
  let executions: Execution[] = [];

  async function record(name: string): Promise<void> {
    await screenshotSidebar(page, `dead-ends-${name}`);
    await checkAccessibility(page, name);
  }

  /**
   * Types `query` into the emptied search box (waiting for its suggestions, if it has any), leaves
   * it with Tab (on to Search) and clicks Search.
   */
  async function search(query: string, suggests: boolean): Promise<void> {
    await combobox(page).fill('');
    await combobox(page).click();
    if (suggests) await typeAndWaitForSuggestions(page, query);
    else await page.keyboard.type(query, { delay: 40 });
    await page.keyboard.press('Escape');
    const button = t('en', 'search.button');
    await tabUntil(
      page,
      'the Search button',
      (focused) => focused.tag === 'button' && focused.text === button,
      1,
    );
    await waitForIdle(page); // leaving the field ran its on-change action, which did nothing
    await expect(page.locator('#sidebar-body').getAttribute('data-card')).resolves.toBe('search');
    await expectNewCard(page, 'search', () =>
      page.locator('#sidebar-body').getByRole('button', { name: button, exact: true }).click(),
    );
  }

  async function domainRecord(): Promise<string | undefined> {
    const state = JSON.parse(await storedStateText(page, 'anna')) as StoreView;
    return state.script.entries.find((entry) => entry.key === `d:${DOMAIN}`)?.value;
  }

  beforeAll(async () => {
    clearScreenshots('dead-ends-');
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    opened = await openPage(browser, sim.url, { identity: 'anna', lang: 'en' });
    page = opened.page;
    executions = watchExecutions(page);
    await expectNewCard(page, 'search', () =>
      page.getByRole('button', { name: t('en', 'question.hasReseller') }).click(),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  afterEach(() => {
    expect(opened?.errors).toEqual([]);
  });

  it('lists the matches for a typed word, each with its domain and country under the name', async () => {
    await search('müller', true);
    const text = await cardText(page);
    expect(text).toContain('Müller IT GmbH mueller-it.de (Germany)');
    expect(text).toContain('Mueller IT GmbH mueller-it.at (Austria)');
    await expect(combobox(page).inputValue()).resolves.toBe('müller');
    await record('results');
  });

  it('sends Anna back to her search, query kept and reason shown, when the reseller can no longer be chosen', async () => {
    const result = page.locator('#sidebar-body .rc-widget', { hasText: 'mueller-it.de (Germany)' });
    await expectNewCard(page, 'confirm', () =>
      result.getByRole('button', { name: t('en', 'search.choose') }).click(),
    );
    expect(await cardText(page)).toContain('Müller IT GmbH');

    // Suspended in the directory (the source of truth) while the confirm card is open.
    const mueller = DEMO_RESELLERS.find((reseller) => reseller.name === 'Müller IT GmbH');
    loadDirectory(
      sim.simulator.host,
      DEMO_RESELLERS.map((reseller) =>
        reseller === mueller ? { ...reseller, status: 'suspended' } : reseller,
      ),
      'e2e-suspended',
    );

    executions.length = 0;
    await expectNewCard(page, 'search', () =>
      page.getByRole('button', { name: t('en', 'confirm.share') }).click(),
    );
    expect(executions.map((e) => e.functionName)).toEqual(['onConfirmReseller']);
    await expect(combobox(page).inputValue()).resolves.toBe('müller');
    expect(await cardText(page)).toContain(t('en', 'error.resellerUnavailable'));
    await expect(page.locator('#toast').getAttribute('class')).resolves.not.toContain('toast-visible');
    await expect(page.locator('#back').isVisible()).resolves.toBe(true); // the question card is under it
    expect(await domainRecord()).toBeUndefined();
    await record('unavailable');
  });

  it('names the support address as a mailto link when nothing matches', async () => {
    await search('zzzzqqq', false);
    const text = await cardText(page);
    expect(text).toContain(t('en', 'search.noResults.title', { query: 'zzzzqqq' }));
    expect(text).toContain(t('en', 'search.noResults.text', { support: SUPPORT_EMAIL }));
    const link = page.locator('#sidebar-body a[href^="mailto:"]');
    await expect(link.count()).resolves.toBe(1);
    await expect(link.getAttribute('href')).resolves.toBe(`mailto:${SUPPORT_EMAIL}`);
    await expect(link.textContent()).resolves.toBe(SUPPORT_EMAIL);
    await record('no-match');
  });

  it('lists matches when Search is clicked with the mouse straight from the search box', async () => {
    // The click blurs the box first, which runs its change action; that must not swallow the click.
    await combobox(page).fill('');
    await combobox(page).click();
    await page.keyboard.type('cloudwerk', { delay: 40 });
    await page.keyboard.press('Escape');
    executions.length = 0;
    await expectNewCard(page, 'search', () =>
      page
        .locator('#sidebar-body')
        .getByRole('button', { name: t('en', 'search.button'), exact: true })
        .click(),
    );
    expect(executions.map((e) => e.functionName)).toContain('onSearchResellers');
    expect(await cardText(page)).toContain('Cloudwerk GmbH cloudwerk.de (Germany)');
  });
});
