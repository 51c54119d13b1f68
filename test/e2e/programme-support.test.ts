/**
 * Support's side of the reseller programme in the simulator: an application waits on support's
 * homepage; support opens it, sends the agreement (the card then offers the mail as a mailto: link),
 * opens the applicant's reply with the signed PDF from the inbox, marks it signed and approves, in
 * English and German. Axe clean on every card.
 */
import { storeOver, UNCONTENDED_LOCK } from '../../dev/runtime/adapters';
import { findIdentity } from '../../dev/simulator/identities';
import { commitApplication } from '../../src/store/programme';
import {
  cardText,
  checkAccessibility,
  clearScreenshots,
  expectNewCard,
  expectToast,
  screenshotSidebar,
  t,
  type Lang,
  useSimulatorPage,
  waitForIdle,
} from './support';

const DOMAIN = 'partner-it.example';
const PDF = 'Reseller-Vertrag-signiert.pdf';

beforeAll(() => clearScreenshots('programme-support-'));

describe.each<Lang>(['en', 'de'])('support takes an application to approval in the sidebar (%s)', (lang) => {
  const session = useSimulatorPage({ identity: 'support', lang });

  beforeAll(async () => {
    // Petra applied (as the applicant's card does, through the store) and her reply with the
    // signed agreement waits in support's inbox.
    const { host } = session.sim.simulator;
    const support = findIdentity('support')?.email ?? '';
    const applied = commitApplication(storeOver(host.scriptProperties), UNCONTENDED_LOCK, {
      application: {
        company: 'Partner IT GmbH',
        domain: DOMAIN,
        contactName: 'Petra Partner',
        contactEmail: `petra@${DOMAIN}`,
        country: 'DE',
        website: '',
        message: '',
      },
      actorEmail: `petra@${DOMAIN}`,
      clock: () => host.now(),
    });
    expect(applied).toEqual({ outcome: 'applied' });
    host.gmail.addMessage({
      from: `Petra Partner <petra@${DOMAIN}>`,
      to: support,
      subject: 'Re: Reseller agreement',
      attachments: [{ name: PDF, contentType: 'application/pdf', size: 183_296 }],
    });
    await session.page.reload();
    await waitForIdle(session.page);
  });

  it('lists the application on support’s homepage', async () => {
    const { page } = session;
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'support.programme.header'));
    expect(text).toContain(
      t(lang, 'support.programme.queue.group', {
        status: t(lang, 'support.programme.status.applied'),
        count: 1,
      }),
    );
    expect(text).toContain('Partner IT GmbH');
    expect(await checkAccessibility(page, `${lang}-programme-home`)).toEqual([]);
  });

  it('opens it and sends the agreement: the card offers the mail as a link', async () => {
    const { page } = session;
    await expectNewCard(page, 'supportReseller', () =>
      page
        .locator('#sidebar-body')
        .getByRole('button', { name: t(lang, 'support.programme.open') })
        // Applications come first; the demo's own applicant (agreement sent) follows.
        .first()
        .click(),
    );
    expect(await cardText(page)).toContain(t(lang, 'support.programme.status.applied'));
    await expectNewCard(page, 'supportReseller', () =>
      page.getByRole('button', { name: t(lang, 'support.programme.sendAgreement'), exact: true }).click(),
    );
    await expectToast(page, t(lang, 'support.programme.saved.sent', { domain: DOMAIN }));
    const mail = page.getByRole('button', { name: t(lang, 'support.programme.mail.button') });
    await mail.click();
    // The simulator has no mail program: it lists the link it was asked to open (a folded panel).
    const opened = page.locator('#links li', { hasText: `mailto:petra@${DOMAIN}?subject=` }).first();
    await opened.waitFor({ state: 'attached' });
    expect(await opened.textContent()).toContain(
      `subject=${encodeURIComponent(t(lang, 'support.programme.mail.subject', { company: 'Partner IT GmbH' }))}`,
    );
    expect(await cardText(page)).toContain(
      t(lang, 'support.programme.mail.to', { email: `petra@${DOMAIN}` }),
    );
    await screenshotSidebar(page, `programme-support-${lang}-sent`);
    expect(await checkAccessibility(page, `${lang}-programme-sent`)).toEqual([]);
  });

  it('marks the PDF of Petra’s reply signed, and approves', async () => {
    const { page } = session;
    await expectNewCard(page, 'supportReseller', () =>
      page
        .locator('#mail-list')
        .getByRole('button', { name: /^Petra Partner/ })
        .click(),
    );
    expect(await cardText(page)).toContain(PDF);
    expect(await checkAccessibility(page, `${lang}-programme-reply`)).toEqual([]);
    await expectNewCard(page, 'supportReseller', () =>
      page.getByRole('button', { name: t(lang, 'support.programme.markSigned'), exact: true }).click(),
    );
    await expectToast(page, t(lang, 'support.programme.saved.signed', { domain: DOMAIN, name: PDF }));
    expect(await cardText(page)).toContain(t(lang, 'support.programme.status.agreement_signed'));
    await expectNewCard(page, 'supportReseller', () =>
      page.getByRole('button', { name: t(lang, 'support.programme.approve'), exact: true }).click(),
    );
    await expectToast(
      page,
      t(lang, 'support.programme.saved', {
        domain: DOMAIN,
        status: t(lang, 'support.programme.status.approved'),
      }),
    );
    await screenshotSidebar(page, `programme-support-${lang}-approved`);
    expect(await checkAccessibility(page, `${lang}-programme-approved`)).toEqual([]);
  });
});
