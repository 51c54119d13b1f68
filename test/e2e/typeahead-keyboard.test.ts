/**
 * The reseller search with the keyboard only: Tab and Enter to the search card, the typeahead's
 * listbox driven with the arrow keys, Enter and Escape, then Tab and Enter to the confirm card.
 */
import type { Browser, Page } from 'playwright-core';
import {
  cardText,
  checkAccessibility,
  clearScreenshots,
  combobox,
  expectNewCard,
  launchBrowser,
  nameOfSuggestion,
  openPage,
  screenshotSidebar,
  startTestSimulator,
  suggestionOptions,
  t,
  tabUntil,
  typeAndWaitForSuggestions,
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
  let picked = '';

  beforeAll(async () => {
    clearScreenshots('keyboard-');
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    opened = await openPage(browser, sim.url, { identity: 'anna', lang: 'en' });
    page = opened.page;
  });

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
    const closed = await comboboxState(page);
    expect(closed).toMatchObject({
      value: 'schae',
      focused: true,
      expanded: 'false',
      activeDescendant: null,
      listboxHidden: true,
    });
  });

  it('moves through the options with the arrow keys and picks one with Enter', async () => {
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

    await page.keyboard.press('Enter');
    picked = labels[0] ?? '';
    await expect(combobox(page).inputValue()).resolves.toBe(picked);
    const after = await comboboxState(page);
    expect(after).toMatchObject({
      value: picked,
      focused: true,
      expanded: 'false',
      activeDescendant: null,
      listboxHidden: true,
    });
    // Enter picked the option; it did not also press Search.
    await expect(page.locator('#sidebar-body').getAttribute('data-card')).resolves.toBe('search');
  });

  it('goes to the confirm card of the picked reseller with Tab and Enter on Search', async () => {
    const search = t('en', 'search.button');
    await tabUntil(
      page,
      'the Search button',
      (focused) => focused.tag === 'button' && focused.text === search,
    );
    await expectNewCard(page, 'confirm', () => page.keyboard.press('Enter'));
    const text = await cardText(page);
    expect(text).toContain(t('en', 'confirm.title'));
    expect(text).toContain(nameOfSuggestion(picked));
    expect(text).toContain(t('en', 'confirm.permissions', { reseller: nameOfSuggestion(picked) }));
    await screenshotSidebar(page, 'keyboard-02-confirm');
  });

  it('suggests both Müller and Mueller for "mül"', async () => {
    const back = t('en', 'common.back');
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
});
