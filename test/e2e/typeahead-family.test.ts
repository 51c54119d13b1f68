/**
 * The typeahead in the simulator orders a family of near-duplicate names as a user expects: the
 * family's main entry first, its legal-form variants after it (not before it for being shorter),
 * a branch with a longer name last; the same in English and German.
 */
import type { Browser, Page } from 'playwright-core';
import {
  combobox,
  expectNewCard,
  launchBrowser,
  nameOfSuggestion,
  openPage,
  startTestSimulator,
  t,
  typeAndWaitForSuggestions,
  type Lang,
  type OpenedPage,
  type TestSimulator,
} from './support';

describe.each<Lang>(['en', 'de'])('a family of near-duplicate names in the typeahead (%s)', (lang) => {
  let browser: Browser;
  let sim: TestSimulator;
  let opened: OpenedPage;
  let page: Page;

  beforeAll(async () => {
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    opened = await openPage(browser, sim.url, { identity: 'anna', lang });
    page = opened.page;
    await expectNewCard(page, 'search', () =>
      page.getByRole('button', { name: t(lang, 'question.hasReseller') }).click(),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  it('lists the main entry first, then the AG and SE variants, then the branch', async () => {
    await combobox(page).click();
    const labels = await typeAndWaitForSuggestions(page, 'Löffler Sys');
    expect(labels.map(nameOfSuggestion)).toEqual([
      'Löffler Systemhaus GmbH & Co. KG',
      'Löffler Systemhaus AG',
      'Löffler Systemhaus SE',
      'Löffler Systemhaus Ost GmbH',
    ]);
    // The domain tells the variants apart in every label.
    expect(labels[1]).toContain('loeffler-ag.de');
    expect(opened.errors).toEqual([]);
  });
});
