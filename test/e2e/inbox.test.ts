/**
 * The simulator's inbox: opening a mail runs Gmail's contextual trigger with that sender. Support
 * opens David's mail and sees his organisation with its waiting change request (English and
 * German), a gmail.com sender gets the personal-account message, closing the mail (button or
 * Escape) brings the homepage back; a customer opening a mail sees their own homepage. Axe clean.
 */
import type { Browser, Page } from 'playwright-core';
import {
  cardText,
  checkAccessibility,
  checkAccessibilityOf,
  clearScreenshots,
  expectNewCard,
  launchBrowser,
  openPage,
  screenshotSidebar,
  startTestSimulator,
  t,
  textPattern,
  type Lang,
  type OpenedPage,
  type TestSimulator,
  useSimulatorPage,
} from './support';

const MAIL_AREA = 'main.mail';

/** The inbox's button for the mail from `sender` (the name the list shows). */
function mailFrom(page: Page, sender: string) {
  return page.locator('#mail-list').getByRole('button', { name: new RegExp(`^${sender}`) });
}

async function inboxSenders(page: Page): Promise<string[]> {
  await page.locator('#mail-list .mail-item').first().waitFor();
  return page.locator('#mail-list .mail-item-from').allTextContents();
}

beforeAll(() => clearScreenshots('inbox-'));

describe.each<Lang>(['en', 'de'])('support opening mails of the inbox (%s)', (lang) => {
  const session = useSimulatorPage({ identity: 'support', lang });

  it('lists the mails from the demo customers and a personal sender', async () => {
    const { page } = session;
    expect(await inboxSenders(page)).toEqual(
      expect.arrayContaining(['David Huber', 'Carla Meyer', 'Anna Schmidt', 'Tom Becker']),
    );
    expect(await page.locator('#inbox-owner').textContent()).toContain('support@resellerconnect.example');
    expect(await page.locator('#mail-list time').first().getAttribute('datetime')).toMatch(/^\d{4}-/);
    expect(await checkAccessibilityOf(page, MAIL_AREA, `${lang}-inbox`)).toEqual([]);
  });

  it('opens David’s mail: the sidebar shows his organisation and the waiting request', async () => {
    const { page } = session;
    await expectNewCard(page, 'supportOrganisation', () => mailFrom(page, 'David Huber').click());
    const mail = page.locator('#mail-view');
    expect(await mail.isVisible()).toBe(true);
    expect(await page.locator('#mail-from').textContent()).toBe(
      'David Huber <david.huber@hafen-spedition.at>',
    );
    expect(await page.locator('#mail-body').textContent()).toContain('Zürcher Informatik AG');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('mail-subject');
    const text = await cardText(page);
    expect(text).toContain('hafen-spedition.at');
    expect(text).toMatch(textPattern(lang, 'support.org.pending'));
    await screenshotSidebar(page, `inbox-${lang}-david`);
    expect(await checkAccessibility(page, `${lang}-mail-david`)).toEqual([]);
    expect(await checkAccessibilityOf(page, MAIL_AREA, `${lang}-mail-david-area`)).toEqual([]);
  });

  it('re-runs the contextual trigger on refresh while the mail is open', async () => {
    const { page } = session;
    await expectNewCard(page, 'supportOrganisation', () => page.locator('#refresh').click());
    expect(await cardText(page)).toMatch(textPattern(lang, 'support.org.pending'));
  });

  it('closing the mail goes back to the inbox and the homepage', async () => {
    const { page } = session;
    await expectNewCard(page, 'supportHome', () =>
      page.getByRole('button', { name: /Back to the inbox/ }).click(),
    );
    expect(await page.locator('#mail-view').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('David Huber');
    expect(await cardText(page)).not.toContain(t(lang, 'support.message.unknown'));
  });

  it('opens the gmail.com mail with the keyboard: the personal-account message; Escape closes it', async () => {
    const { page } = session;
    await mailFrom(page, 'Tom Becker').focus();
    await expectNewCard(page, 'supportHome', () => page.keyboard.press('Enter'));
    expect(await cardText(page)).toContain(
      t(lang, 'support.message.personal', { email: 'tom.becker.privat@gmail.com' }),
    );
    await screenshotSidebar(page, `inbox-${lang}-personal`);
    expect(await checkAccessibility(page, `${lang}-mail-personal`)).toEqual([]);
    await expectNewCard(page, 'supportHome', () => page.keyboard.press('Escape'));
    expect(await page.locator('#mail-view').isHidden()).toBe(true);
    expect(await cardText(page)).not.toContain('tom.becker.privat@gmail.com');
  });
});

describe('a customer opening a mail', () => {
  let browser: Browser;
  let sim: TestSimulator;
  let opened: OpenedPage;
  let page: Page;

  beforeAll(async () => {
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    opened = await openPage(browser, sim.url, { identity: 'support', lang: 'en' });
    page = opened.page;
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  afterEach(() => {
    expect(opened?.errors).toEqual([]);
  });

  it('signing in as another identity closes the open mail and lists their inbox', async () => {
    await expectNewCard(page, 'supportOrganisation', () => mailFrom(page, 'David Huber').click());
    await expectNewCard(page, 'status', () => page.locator('#identity').selectOption('carla'));
    expect(await page.locator('#mail-view').isHidden()).toBe(true);
    await page.locator('#inbox-owner').getByText('carla.meyer@acme-logistik.de').waitFor();
    expect(await inboxSenders(page)).toEqual(['Reseller Connect Support']);
  });

  it('sees their own homepage for the mail they open', async () => {
    const homepage = await cardText(page);
    expect(homepage).toContain('acme-logistik.de');
    await expectNewCard(page, 'status', () => mailFrom(page, 'Reseller Connect Support').click());
    expect(await page.locator('#mail-subject').textContent()).toBe('Ihr Reseller ist eingetragen');
    expect(await cardText(page)).toBe(homepage);
    await screenshotSidebar(page, 'inbox-customer');
    expect(await checkAccessibility(page, 'customer-mail')).toEqual([]);
    expect(await checkAccessibilityOf(page, MAIL_AREA, 'customer-mail-area')).toEqual([]);
  });

  it('an identity without an address has an empty inbox', async () => {
    await expectNewCard(page, 'hiddenAccount', () => page.locator('#identity').selectOption('hidden'));
    await page.locator('#inbox-empty').waitFor();
    expect(await page.locator('#mail-list .mail-item').count()).toBe(0);
  });
});
