/**
 * The reseller search with the keyboard only: Tab and Enter to the search card, the typeahead's
 * listbox driven with the arrow keys, Enter and Escape; Enter on a suggestion picks it, which opens
 * its confirm card at once. A half-typed word left with Tab does nothing; Search (Tab, Enter) lists
 * the matches for it.
 */
import type { Browser, Page } from 'playwright-core';
import {
  cardText,
  checkAccessibility,
  clearScreenshots,
  combobox,
  expectNewCard,
  footerButtons,
  launchBrowser,
  nameOfSuggestion,
  openPage,
  renderedCard,
  screenshotSidebar,
  startTestSimulator,
  suggestionOptions,
  t,
  tabUntil,
  textPattern,
  typeAndWaitForSuggestions,
  waitForIdle,
  watchExecutions,
  type Execution,
  type OpenedPage,
  type TestSimulator,
} from './support';

// jest.config.cjs sets testTimeout per project, which Jest 30 ignores (it reads only the global one).

interface ComboboxState {
  value: string;
  focused: boolean;
  expanded: string | null;
  activeDescendant: string | null;
  listboxHidden: boolean;
  options: { id: string; text: string; selected: string | null }[];
}

function comboboxState(page: Page): Promise<ComboboxState> {
  return page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('#sidebar-body [role="combobox"]');
    if (!input) throw new Error('The card has no combobox');
    const listbox = document.getElementById(input.getAttribute('aria-controls') ?? '');
    return {
      value: input.value,
      focused: document.activeElement === input,
      expanded: input.getAttribute('aria-expanded'),
      activeDescendant: input.getAttribute('aria-activedescendant'),
      listboxHidden: !listbox || listbox.hidden,
      options: Array.from(listbox?.querySelectorAll('[role="option"]') ?? []).map((option) => ({
        id: option.id,
        text: option.textContent ?? '',
        selected: option.getAttribute('aria-selected'),
      })),
    };
  });
}

/** The option `index` is the active one: aria-activedescendant points at it and only it is selected. */
function expectActive(state: ComboboxState, index: number): void {
  const option = state.options[index];
  expect(option).toBeDefined();
  expect(state.activeDescendant).toBe(option?.id);
  expect(state.options.map((o) => o.selected)).toEqual(
    state.options.map((_, i) => (i === index ? 'true' : 'false')),
  );
}

describe('the reseller typeahead with the keyboard only', () => {
  let browser: Browser;
  let sim: TestSimulator;
  let opened: OpenedPage;
  let page: Page;
  let executions: Execution[] = [];

  beforeAll(async () => {
    clearScreenshots('keyboard-');
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    opened = await openPage(browser, sim.url, { identity: 'anna', lang: 'en' });
    page = opened.page;
    executions = watchExecutions(page);
  });

  /** The on-change executions the page ran since `executions` was last emptied, as [text, value]. */
  async function picks(): Promise<[unknown, unknown][]> {
    const fired = executions.filter((e) => e.functionName === 'onPickReseller');
    return Promise.all(
      fired.map(async (e) => [e.formInputs.resellerQuery, await e.value] as [unknown, unknown]),
    );
  }

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  afterEach(() => {
    expect(opened?.errors).toEqual([]);
  });

  it('reaches "I have a Google Workspace reseller" with Tab and opens the search with Enter', async () => {
    const label = t('en', 'question.hasReseller');
    await tabUntil(
      page,
      `the "${label}" button`,
      (focused) => focused.tag === 'button' && focused.text === label,
    );
    await expectNewCard(page, 'search', () => page.keyboard.press('Enter'));
    expect(await cardText(page)).toContain(t('en', 'search.title'));
  });

  it('opens the suggestions as the user types and closes them with Escape', async () => {
    await tabUntil(page, 'the reseller combobox', (focused) => focused.role === 'combobox');
    const labels = await typeAndWaitForSuggestions(page, 'schae');
    expect(labels.length).toBeGreaterThanOrEqual(2);
    for (const label of labels) expect(label.toLowerCase()).toMatch(/^(schäfer|schaefer)/);

    await page.keyboard.press('Escape');
    // The list closes shortly after the field loses focus.
    await page.waitForFunction(
      () =>
        document.querySelector('#sidebar-body [role="combobox"]')?.getAttribute('aria-expanded') === 'false',
    );
    const closed = await comboboxState(page);
    expect(closed).toMatchObject({
      value: 'schae',
      focused: true,
      expanded: 'false',
      activeDescendant: null,
      listboxHidden: true,
    });
  });

  it('moves through the options with the arrow keys, and Enter on one opens its confirm card', async () => {
    // Typing again reopens the list.
    await page.keyboard.press('Backspace');
    const labels = await typeAndWaitForSuggestions(page, 'e');
    expect((await comboboxState(page)).activeDescendant).toBeNull();

    await page.keyboard.press('ArrowDown');
    expectActive(await comboboxState(page), 0);
    await page.keyboard.press('ArrowDown');
    expectActive(await comboboxState(page), 1);
    await page.keyboard.press('ArrowUp');
    const state = await comboboxState(page);
    expectActive(state, 0);
    await screenshotSidebar(page, 'keyboard-01-active-option');
    await checkAccessibility(page, 'search card, option active');

    // Enter picks the active option; its on-change action opens the confirm card, once.
    const picked = labels[0] ?? '';
    executions.length = 0;
    await expectNewCard(page, 'confirm', () => page.keyboard.press('Enter'));
    expect(executions.map((e) => e.functionName)).toEqual(['onPickReseller']);
    expect(executions[0]?.formInputs.resellerQuery).toBe(picked);
    const text = await cardText(page);
    expect(text).toContain(t('en', 'confirm.title'));
    expect(text).toContain(nameOfSuggestion(picked));
    expect(text).toContain(t('en', 'confirm.permissions', { reseller: nameOfSuggestion(picked) }));
    // Keyboard users start on the new card's title.
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H2');
    await screenshotSidebar(page, 'keyboard-02-confirm');
    await checkAccessibility(page, 'confirm card, reached with the keyboard');
    // Leaving the card (the combobox is gone with it) fires nothing more.
    await page.keyboard.press('Tab');
    await waitForIdle(page);
    expect(executions.map((e) => e.functionName)).toEqual(['onPickReseller']);
  });

  it('goes back to the search with Tab and Enter on the outlined Back, and suggests Müller and Mueller for "mül"', async () => {
    const back = t('en', 'common.back');
    expect(await footerButtons(page)).toEqual([
      { text: t('en', 'confirm.share'), variant: 'filled' },
      { text: back, variant: 'outlined' },
    ]);
    await tabUntil(page, 'the Back button', (focused) => focused.tag === 'button' && focused.text === back);
    await expectNewCard(page, 'search', () => page.keyboard.press('Enter'));
    await tabUntil(page, 'the reseller combobox', (focused) => focused.role === 'combobox');
    await expect(combobox(page).inputValue()).resolves.toBe('');
    const labels = await typeAndWaitForSuggestions(page, 'mül');
    const names = labels.map(nameOfSuggestion);
    expect(names.some((name) => name.startsWith('Müller'))).toBe(true);
    expect(names.some((name) => name.startsWith('Mueller'))).toBe(true);
    await expect(suggestionOptions(page).count()).resolves.toBe(labels.length);
    await screenshotSidebar(page, 'keyboard-03-mueller');
  });

  it('does nothing when the user leaves a half-typed word with Tab', async () => {
    const card = await renderedCard(page);
    executions.length = 0;
    const search = t('en', 'search.button');
    // The next stop after the combobox is Search (the options are not tab stops).
    await tabUntil(
      page,
      'the Search button',
      (focused) => focused.tag === 'button' && focused.text === search,
      1,
    );
    await waitForIdle(page);
    // Leaving the field fires the on-change action once, with the typed text; its answer is empty.
    expect(await picks()).toEqual([['mül', { action: {} }]]);
    expect(executions.map((e) => e.functionName)).toEqual(['onPickReseller']);
    await expect(page.locator('#sidebar-body').getAttribute('data-card')).resolves.toBe('search');
    expect(await renderedCard(page)).toBe(card); // not even re-rendered
    await expect(combobox(page).inputValue()).resolves.toBe('mül');
    await expect(page.locator('#toast').getAttribute('class')).resolves.not.toContain('toast-visible');
    // The list closes shortly after the field loses focus.
    await page.waitForFunction(
      () =>
        document.querySelector('#sidebar-body [role="combobox"]')?.getAttribute('aria-expanded') === 'false',
    );
    const closed = await comboboxState(page);
    expect(closed).toMatchObject({ value: 'mül', focused: false, expanded: 'false', listboxHidden: true });
    await screenshotSidebar(page, 'keyboard-04-left-half-typed');
    await checkAccessibility(page, 'search card, half-typed word left');
  });

  it('lists the matches for the typed word with Enter on Search, each with its domain and country', async () => {
    executions.length = 0;
    await expectNewCard(page, 'search', () => page.keyboard.press('Enter'));
    expect(executions.map((e) => e.functionName)).toEqual(['onSearchResellers']);
    const text = await cardText(page);
    expect(text).toMatch(textPattern('en', 'search.results.many', { query: 'mül' }));
    expect(text).toContain('Müller IT GmbH mueller-it.de (Germany)');
    expect(text).toContain('Mueller IT GmbH mueller-it.at (Austria)');
    await expect(combobox(page).inputValue()).resolves.toBe('mül');
    await screenshotSidebar(page, 'keyboard-05-results');
    await checkAccessibility(page, 'search card with results');
  });
});
