/**
 * Applying to become a reseller in the simulator: Emma (Direct Buyer Ltd) opens the universal
 * actions menu, chooses "Become a reseller", sends the form once with a mistake (the problem is
 * shown beside the field), then correctly, sees the thank-you and, on the next homepage, her
 * application's status. Max, on a personal gmail.com account, is told what applying needs. Axe
 * clean, in English and German.
 */
import type { Page } from 'playwright-core';
import {
  cardText,
  checkAccessibility,
  expectNewCard,
  expectToast,
  screenshotSidebar,
  t,
  type Lang,
  useSimulatorPage,
} from './support';

const DOMAIN = 'direct-buyer.co.uk';
const EMAIL = 'emma.jones@direct-buyer.co.uk';

function sidebarButton(page: Page, name: string) {
  return page.locator('#sidebar-body').getByRole('button', { name, exact: true }).first();
}

function field(page: Page, label: string) {
  return page.locator('#sidebar-body').getByLabel(label, { exact: true });
}

/** The menu of universal actions (Gmail's ⋮ in the add-on's header), then one of its entries. */
async function openUniversalAction(page: Page, label: string, card: string): Promise<void> {
  await page.locator('#menu-button').click();
  await expectNewCard(page, card, () =>
    page.locator('#universal-menu').getByRole('menuitem', { name: label, exact: true }).click(),
  );
}

describe.each<Lang>(['en', 'de'])('an applicant (%s)', (lang) => {
  const session = useSimulatorPage({ identity: 'emma', lang });

  it('opens "Become a reseller" from the menu: the form for the own domain', async () => {
    const { page } = session;
    await openUniversalAction(page, 'Become a reseller', 'applicationForm');
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'apply.title'));
    expect(text).toContain(t(lang, 'apply.intro'));
    expect(text).toContain(DOMAIN);
    expect(await field(page, t(lang, 'apply.contactEmail')).inputValue()).toBe(EMAIL);
    // The domain is shown, never an input.
    expect(await page.locator('#sidebar-body input, #sidebar-body textarea').count()).toBe(6);
    expect(await checkAccessibility(page, `${lang}-application-form`)).toEqual([]);
  });

  it('shows a problem beside its field, keeping what was typed', async () => {
    const { page } = session;
    await field(page, t(lang, 'apply.contactName')).fill('Emma Jones');
    await field(page, t(lang, 'apply.country')).fill('United Kingdom');
    await expectNewCard(page, 'applicationForm', () => sidebarButton(page, t(lang, 'apply.send')).click());
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'apply.problems.many', { count: 2 }));
    expect(text).toContain(t(lang, 'apply.problem.company.missing'));
    expect(text).toContain(t(lang, 'apply.problem.badCountry'));
    expect(await field(page, t(lang, 'apply.contactName')).inputValue()).toBe('Emma Jones');
    await screenshotSidebar(page, `application-${lang}-problems`);
    expect(await checkAccessibility(page, `${lang}-application-problems`)).toEqual([]);
  });

  it('sends the application and shows the thank-you', async () => {
    const { page } = session;
    await field(page, t(lang, 'apply.company')).fill('Direct Buyer <Cloud> Ltd');
    await field(page, t(lang, 'apply.country')).fill('gb');
    await field(page, t(lang, 'apply.website')).fill('https://www.direct-buyer.co.uk');
    await field(page, t(lang, 'apply.message')).fill('We resell Workspace in the UK.\nSince 2019.');
    await expectNewCard(page, 'applicationStatus', () => sidebarButton(page, t(lang, 'apply.send')).click());
    await expectToast(page, t(lang, 'apply.sent'));
    expect(await cardText(page)).toContain(t(lang, 'apply.thanks', { domain: DOMAIN, email: EMAIL }));
    await screenshotSidebar(page, `application-${lang}-sent`);
    expect(await checkAccessibility(page, `${lang}-application-sent`)).toEqual([]);
  });

  it('shows the application’s status on the next homepage, and in the action', async () => {
    const { page } = session;
    await expectNewCard(page, 'status', () => page.locator('#refresh').click());
    expect(await cardText(page)).toContain(
      t(lang, 'apply.section', { status: t(lang, 'apply.word.applied') }),
    );
    expect(await checkAccessibility(page, `${lang}-homepage-with-application`)).toEqual([]);
    await openUniversalAction(page, 'Become a reseller', 'applicationStatus');
    expect(await cardText(page)).toContain(t(lang, 'apply.status.applied', { domain: DOMAIN }));
  });
});

describe('a personal gmail.com account', () => {
  const session = useSimulatorPage({ identity: 'max', lang: 'de' });

  it('is told to apply from the company’s Google Workspace account', async () => {
    const { page } = session;
    await openUniversalAction(page, 'Become a reseller', 'applicantAccount');
    expect(await cardText(page)).toContain(
      t('de', 'apply.personal.text', { email: 'max.mustermann@gmail.com' }),
    );
    expect(await checkAccessibility(page, 'de-application-personal')).toEqual([]);
  });
});
