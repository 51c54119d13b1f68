/**
 * When the simulator fires a typeahead input's on-change action, held to what Google documents:
 * it fires once after a suggestion is selected; pressing Enter or leaving the field without
 * modifying the selection does not fire it again; editing the selection does, when the field is
 * left; with no selection it fires when the field is left.
 *
 * The add-on's answer to the on-change action is replaced by an empty one, so that the search card
 * stays on screen after a pick and what the page does next can be seen: this tests the simulator
 * page, not the add-on (customer-flow and typeahead-keyboard test the add-on's answer).
 */
import type { Browser, Page } from 'playwright-core';
import {
  combobox,
  expectNewCard,
  launchBrowser,
  openPage,
  startTestSimulator,
  suggestionOptions,
  t,
  typeAndWaitForSuggestions,
  waitForIdle,
  watchExecutions,
  type Execution,
  type OpenedPage,
  type TestSimulator,
} from './support';

// jest.config.cjs sets testTimeout per project, which Jest 30 ignores (it reads only the global one).

const ON_CHANGE = 'onPickReseller';

describe("the simulator fires a typeahead's on-change action as Gmail does", () => {
  let browser: Browser;
  let sim: TestSimulator;
  let opened: OpenedPage;
  let page: Page;
  let executions: Execution[] = [];

  /** The texts the on-change action fired with since the last call, once the page is idle. */
  async function fired(): Promise<unknown[]> {
    // Give a change event that would fire late (a blur's) the time to reach the server.
    await page.waitForTimeout(300);
    await waitForIdle(page);
    const texts = executions
      .filter((e) => e.functionName === ON_CHANGE)
      .map((e) => e.formInputs.resellerQuery);
    executions.length = 0;
    return texts;
  }

  async function focusField(): Promise<void> {
    await combobox(page).focus();
    await page.keyboard.press('End');
  }

  beforeAll(async () => {
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    opened = await openPage(browser, sim.url, { identity: 'anna', lang: 'en' });
    page = opened.page;
    await page.route('**/api/execute', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { functionName?: string };
      if (body.functionName !== ON_CHANGE) return route.continue();
      return route.fulfill({ json: { ok: true, value: { action: {} }, budgetCalls: 0, durationMs: 0 } });
    });
    executions = watchExecutions(page);
    await expectNewCard(page, 'search', () =>
      page.getByRole('button', { name: t('en', 'question.hasReseller') }).click(),
    );
    executions.length = 0;
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  afterEach(async () => {
    expect(opened?.errors).toEqual([]);
    await expect(page.locator('#sidebar-body').getAttribute('data-card')).resolves.toBe('search');
  });

  it('fires once when a suggestion is picked with the mouse, not again on Enter or when leaving the field', async () => {
    await focusField();
    const labels = await typeAndWaitForSuggestions(page, 'müller');
    await suggestionOptions(page).first().click();
    await expect(combobox(page).inputValue()).resolves.toBe(labels[0]);
    expect(await fired()).toEqual([labels[0]]);

    await page.keyboard.press('Enter');
    expect(await fired()).toEqual([]);
    await page.keyboard.press('Tab');
    expect(await fired()).toEqual([]);
    // Back in and out again without a change.
    await focusField();
    await page.keyboard.press('Tab');
    expect(await fired()).toEqual([]);
  });

  it('fires again when the user edits the picked text and leaves the field', async () => {
    await focusField();
    const picked = await combobox(page).inputValue();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Tab');
    expect(await fired()).toEqual([picked.slice(0, -1)]);
  });

  it('fires once when a suggestion is picked with the arrow keys and Enter, not again when leaving the field', async () => {
    await combobox(page).fill('');
    await focusField();
    const labels = await typeAndWaitForSuggestions(page, 'schä');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await fired()).toEqual([labels[0]]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await fired()).toEqual([]);
  });

  it('fires once, when the field is left, for typed text with no selection', async () => {
    await combobox(page).fill('');
    await focusField();
    await page.keyboard.type('weiss', { delay: 40 });
    expect(await fired()).toEqual([]); // typing alone fires nothing (suggestions are another action)
    await page.keyboard.press('Tab');
    expect(await fired()).toEqual(['weiss']);
  });
});
