/**
 * The reseller's view in the simulator (German, as the demo's reseller staff identity speaks): Müller
 * IT's staff see their customers, make an invitation code, a customer of another organisation
 * enters it and confirms, and the refreshed view shows the customer "with your invitation". A
 * screenshot and an axe-core check at every step.
 *
 * The demo's roles come from the owner's sync; where the stored demo data has no approved role for
 * info@mueller-it.de yet, the test gives mueller-it.de the role the sync writes (through the
 * simulator's own store), so that the view can be tested either way.
 */
import type { Browser, Page } from 'playwright-core';
import {
  decodeDomainText,
  encodeRolesOnly,
  organisationTexts,
  rolesOf,
  type DomainRole,
} from '../../src/domain/organisation';
import {
  cardText,
  checkAccessibility,
  clearScreenshots,
  demoResellerId,
  expectNewCard,
  launchBrowser,
  openPage,
  screenshotSidebar,
  startTestSimulator,
  t,
  type OpenedPage,
  type TestSimulator,
} from './support';

const LANG = 'de';

describe('the reseller’s view in the sidebar (de)', () => {
  let browser: Browser;
  let sim: TestSimulator;
  let reseller: OpenedPage;
  let customer: OpenedPage;
  let step = 0;
  let code = '';

  async function record(page: Page, name: string): Promise<void> {
    step++;
    const label = `reseller-view-${String(step).padStart(2, '0')}-${name}`;
    await screenshotSidebar(page, label);
    await checkAccessibility(page, label);
  }

  /** The role the sync writes for Müller IT's domain, unless the demo data has one already. */
  function ensureRole(): void {
    const store = sim.simulator.host.scriptProperties;
    const text = store.get('d:mueller-it.de');
    const decoded = text === null ? null : decodeDomainText('mueller-it.de', text);
    const id = demoResellerId('Müller IT GmbH');
    if (
      rolesOf(decoded?.roles, 'info@mueller-it.de').some(
        (r) => r.resellerId === id && r.status === 'approved',
      )
    )
      return;
    const roles: DomainRole[] = [{ resellerId: id, status: 'approved', member: 'mueller-it.de' }];
    const organisation = decoded?.organisation;
    const values: Record<string, string> = {};
    if (organisation)
      for (const [domain, value] of organisationTexts({ ...organisation, roles }))
        values[`d:${domain}`] = value;
    else values['d:mueller-it.de'] = encodeRolesOnly(roles);
    store.setAll(values, false);
  }

  beforeAll(async () => {
    clearScreenshots('reseller-view-');
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    ensureRole();
    reseller = await openPage(browser, sim.url, { identity: 'reseller', lang: LANG });
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  afterEach(() => {
    expect(reseller?.errors).toEqual([]);
    expect(customer?.errors ?? []).toEqual([]);
  });

  it('shows Müller IT’s own customers as the homepage', async () => {
    const page = reseller.page;
    await expect(page.locator('#sidebar-body').getAttribute('data-card')).resolves.toBe('resellerCustomers');
    const text = await cardText(page);
    expect(text).toContain(t(LANG, 'reseller.title'));
    expect(text).toContain('Müller IT GmbH');
    expect(text).toContain(t(LANG, 'reseller.count.customers'));
    expect(text).toContain(t(LANG, 'reseller.asOf.now'));
    await record(page, 'view');
  });

  it('makes an invitation code with a mail text', async () => {
    const page = reseller.page;
    await expectNewCard(page, 'resellerInvitation', () =>
      page.getByRole('button', { name: t(LANG, 'reseller.invite') }).click(),
    );
    const text = await cardText(page);
    code = /[2-9A-Z]{4}-[2-9A-Z]{4}/.exec(text)?.[0] ?? '';
    expect(code).not.toBe('');
    await expect(page.getByLabel(t(LANG, 'invite.mailLabel')).inputValue()).resolves.toContain(code);
    await record(page, 'invitation');
  });

  it('lets a customer use the code and confirm; the record’s source is the invitation', async () => {
    customer = await openPage(browser, sim.url, { identity: 'anna', lang: LANG });
    const page = customer.page;
    await expect(page.locator('#sidebar-body').getAttribute('data-card')).resolves.toBe('question');
    await page.getByLabel(t(LANG, 'invitation.label')).click();
    await page.keyboard.type(code.toLowerCase(), { delay: 10 });
    await expectNewCard(page, 'confirm', () =>
      page.getByRole('button', { name: t(LANG, 'invitation.button') }).click(),
    );
    expect(await cardText(page)).toContain(t(LANG, 'confirm.invitation', { code }));
    await record(page, 'confirm');
    await expectNewCard(page, 'status', () =>
      page.getByRole('button', { name: t(LANG, 'confirm.share') }).click(),
    );
    expect(await cardText(page)).toContain(t(LANG, 'status.viaInvitation'));
    await record(page, 'status');
  });

  it('shows the new customer in the refreshed view', async () => {
    const page = reseller.page;
    await expectNewCard(page, 'resellerCustomers', () => page.locator('#refresh').click());
    await expectNewCard(page, 'resellerCustomers', () =>
      page.getByRole('button', { name: t(LANG, 'reseller.refresh') }).click(),
    );
    const text = await cardText(page);
    expect(text).toContain('kunde-gmbh.de');
    expect(text).toContain(t(LANG, 'reseller.source.invitation'));
    await record(page, 'refreshed');
  });
});
