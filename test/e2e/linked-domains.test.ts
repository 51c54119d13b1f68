/**
 * Linked domains in the simulator: the demo adds Acme Logistik's Austrian domain to the
 * organisation. Support opens Felix's mail and sees where his domain belongs, with the
 * organisation's reseller; Felix himself sees that reseller; support removes the link and adds it
 * again from the card, in English and German. Axe clean.
 */
import type { Page } from 'playwright-core';
import {
  cardText,
  checkAccessibility,
  expectNewCard,
  expectToast,
  t,
  type Lang,
  useSimulatorPage,
} from './support';

const LINKED = 'acme-logistik.at';
const ORGANISATION = 'acme-logistik.de';

function sidebarButton(page: Page, name: string) {
  return page.locator('#sidebar-body').getByRole('button', { name, exact: true }).first();
}

describe.each<Lang>(['en', 'de'])('linked domains, support’s side (%s)', (lang) => {
  const session = useSimulatorPage({ identity: 'support', lang });

  it('opens Felix’s mail: his domain belongs to Acme Logistik, whose reseller it shows', async () => {
    const { page } = session;
    await expectNewCard(page, 'supportOrganisation', () =>
      page
        .locator('#mail-list')
        .getByRole('button', { name: /^Felix Gruber/ })
        .click(),
    );
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'support.org.linkedTo', { domain: LINKED, organisation: ORGANISATION }));
    expect(text).toMatch(/Reseller: .+/);
    expect(await checkAccessibility(page, `${lang}-linked-domain`)).toEqual([]);
  });

  it('removes the link, and adds the domain to the organisation again', async () => {
    const { page } = session;
    await sidebarButton(page, t(lang, 'support.unlink.button')).click();
    await expectToast(page, t(lang, 'support.unlink.saved', { domain: LINKED, organisation: ORGANISATION }));
    expect(await cardText(page)).toContain(t(lang, 'support.org.none', { domain: LINKED }));
    await page.getByLabel(t(lang, 'support.link.label', { domain: LINKED })).fill(ORGANISATION);
    await sidebarButton(page, t(lang, 'support.link.button', { domain: LINKED })).click();
    await expectToast(page, t(lang, 'support.link.saved', { domain: LINKED, organisation: ORGANISATION }));
    expect(await cardText(page)).toContain(
      t(lang, 'support.org.linkedTo', { domain: LINKED, organisation: ORGANISATION }),
    );
  });
});

describe('linked domains, the customer’s side', () => {
  const session = useSimulatorPage({ identity: 'felix', lang: 'de' });

  it('Felix sees the reseller his parent organisation chose', async () => {
    const text = await cardText(session.page);
    expect(text).toContain(t('de', 'status.title'));
    expect(text).toContain(t('de', 'status.resellerIntro', { domain: LINKED }));
  });
});
