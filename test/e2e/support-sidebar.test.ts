/**
 * Support's sidebar in the simulator: the demo lists the vendor's support identity in the Settings
 * tab, so it gets support's homepage; it finds David's organisation (a change request waits) and
 * answers it, in English and German. Axe clean.
 */
import type { Browser, Page } from 'playwright-core';
import {
  cardText,
  checkAccessibility,
  expectNewCard,
  launchBrowser,
  openPage,
  t,
  type Lang,
  type OpenedPage,
  type TestSimulator,
  startTestSimulator,
} from './support';

describe.each<Lang>(['en', 'de'])('support’s sidebar (%s)', (lang) => {
  let browser: Browser;
  let sim: TestSimulator;
  let opened: OpenedPage;
  let page: Page;

  beforeAll(async () => {
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    opened = await openPage(browser, sim.url, { identity: 'support', lang });
    page = opened.page;
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  afterEach(() => {
    expect(opened?.errors).toEqual([]);
  });

  it('shows support’s homepage with the open request and the sync', async () => {
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'support.find.header'));
    expect(text).toContain('hafen-spedition.at');
    expect(text).toContain(t(lang, 'support.sync.header'));
    expect(await checkAccessibility(page, `${lang}-support-home`)).toEqual([]);
  });

  it('opens the organisation and answers its request without a change', async () => {
    await page.getByLabel(t(lang, 'support.find.label')).fill('hafen-spedition.at');
    await expectNewCard(page, 'supportOrganisation', () =>
      page
        .locator('#sidebar-body')
        .getByRole('button', { name: t(lang, 'support.find.button'), exact: true })
        .first()
        .click(),
    );
    expect(await cardText(page)).toContain(t(lang, 'support.assign.header'));
    await page.getByLabel(t(lang, 'support.assign.reason')).fill('Bitte senden Sie uns den neuen Vertrag.');
    await page.getByRole('button', { name: t(lang, 'support.answer.button'), exact: true }).click();
    await page
      .locator('#toast')
      .getByText(t(lang, 'support.answer.saved', { domain: 'hafen-spedition.at' }))
      .waitFor();
    expect(await checkAccessibility(page, `${lang}-support-organisation`)).toEqual([]);
  });
});
