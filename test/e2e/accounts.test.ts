/**
 * Accounts that cannot link an organisation: a personal gmail.com account and one whose domain
 * hides the email address from add-ons. Each sees an explaining card, in English and in German,
 * and nothing is stored for them. The hidden account's card names the support address as a real
 * mailto link.
 */
import type { Browser, Page } from 'playwright-core';
import {
  cardText,
  checkAccessibility,
  clearScreenshots,
  expectNewCard,
  launchBrowser,
  openPage,
  screenshotSidebar,
  scriptPanelKeys,
  startTestSimulator,
  storedStateText,
  SUPPORT_EMAIL,
  t,
  tabUntil,
  type Lang,
  type StoreView,
  type TestSimulator,
} from './support';

// jest.config.cjs sets testTimeout per project, which Jest 30 ignores (it reads only the global one).

describe('accounts without an organisation to link', () => {
  let browser: Browser;
  let sim: TestSimulator;
  let initialKeys: string[];

  beforeAll(async () => {
    clearScreenshots('accounts-');
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    const state = (await (await fetch(`${sim.url}/api/state?identity=max`)).json()) as StoreView;
    initialKeys = state.script.entries.map((entry) => entry.key);
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  async function expectCard(
    page: Page,
    lang: Lang,
    card: string,
    title: string,
    text: string,
  ): Promise<void> {
    await expect(page.locator('#sidebar-body').getAttribute('data-card')).resolves.toBe(card);
    const shown = await cardText(page);
    expect(shown).toContain(title);
    expect(shown).toContain(text);
    // Nothing to answer: no buttons on the card.
    await expect(page.locator('#sidebar-body button').count()).resolves.toBe(0);
    await screenshotSidebar(page, `accounts-${card}-${lang}`);
    await checkAccessibility(page, `${card} card (${lang})`);
  }

  /**
   * The support address on the card is one real link (a mailto: href the renderer kept, named by
   * the address, reachable with Tab), and the card passes axe with it (expectCard ran axe).
   */
  async function expectSupportLink(page: Page): Promise<void> {
    const links = page.locator('#sidebar-body a[href^="mailto:"]');
    await expect(links.count()).resolves.toBe(1);
    await expect(links.getAttribute('href')).resolves.toBe(`mailto:${SUPPORT_EMAIL}`);
    await expect(
      page.locator('#sidebar-body').getByRole('link', { name: SUPPORT_EMAIL, exact: true }).count(),
    ).resolves.toBe(1);
    // Nothing of the markup shows as text (a link the renderer refused would be escaped).
    expect(await cardText(page)).not.toMatch(/<a |href=|mailto:/);
    await tabUntil(
      page,
      'the support link',
      (focused) => focused.tag === 'a' && focused.text === SUPPORT_EMAIL,
    );
  }

  it('shows max (gmail.com) the personal-account card in English and German, and stores nothing', async () => {
    const { page, errors, context } = await openPage(browser, sim.url, { identity: 'max', lang: 'en' });
    const email = 'max.mustermann@gmail.com';
    await expectCard(
      page,
      'en',
      'personalAccount',
      t('en', 'personal.title'),
      t('en', 'personal.text', { email }),
    );

    await expectNewCard(page, 'personalAccount', () => page.selectOption('#language', 'de'));
    await expectCard(
      page,
      'de',
      'personalAccount',
      t('de', 'personal.title'),
      t('de', 'personal.text', { email }),
    );

    const keys = await scriptPanelKeys(page, sim.url);
    expect(keys).not.toContain('d:gmail.com');
    expect(keys.filter((key) => key.startsWith('d:') && key.includes('gmail'))).toEqual([]);
    expect(keys).toEqual(initialKeys);
    const state = JSON.parse(await storedStateText(page, 'max')) as StoreView;
    expect(state.script.entries.map((entry) => entry.key)).not.toContain('d:gmail.com');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows hidden (no email) the "we cannot see your account" card in English and German', async () => {
    const { page, errors, context } = await openPage(browser, sim.url, { identity: 'hidden', lang: 'en' });
    const support = { support: SUPPORT_EMAIL };
    await expectCard(page, 'en', 'hiddenAccount', t('en', 'hidden.title'), t('en', 'hidden.text', support));
    expect(t('en', 'hidden.title')).toBe('We cannot see your account');
    await expectSupportLink(page);

    await expectNewCard(page, 'hiddenAccount', () => page.selectOption('#language', 'de'));
    await expectCard(page, 'de', 'hiddenAccount', t('de', 'hidden.title'), t('de', 'hidden.text', support));
    await expectSupportLink(page);

    await expect(page.locator('#user-props-owner').textContent()).resolves.toBe('(email hidden)');
    await expect(page.locator('#user-props tr').count()).resolves.toBe(0);
    expect(await scriptPanelKeys(page, sim.url)).toEqual(initialKeys);
    expect(errors).toEqual([]);
    await context.close();
  });
});
