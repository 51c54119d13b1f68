/**
 * The reseller programme in the demo data: Petra's company applied and got the agreement; her
 * signed copy waits in support's inbox. Support opens it, marks the PDF signed and approves, in
 * English and German. Axe clean.
 */
import { cardText, checkAccessibility, expectNewCard, t, type Lang, useSimulatorPage } from './support';

describe.each<Lang>(['en', 'de'])(
  'support finishing Petra’s application from the demo inbox (%s)',
  (lang) => {
    const session = useSimulatorPage({ identity: 'support', lang });

    it('marks the signed agreement from her reply and approves the reseller', async () => {
      const { page } = session;
      // The applicant's domain has a programme role: her mail opens its reseller card.
      await expectNewCard(page, 'supportReseller', () =>
        page
          .locator('#mail-list')
          .getByRole('button', { name: /^Petra Nord/ })
          .click(),
      );
      const sidebar = page.locator('#sidebar-body');
      await sidebar
        .getByRole('button', { name: t(lang, 'support.programme.markSigned') })
        .first()
        .click();
      await sidebar
        .getByRole('button', { name: t(lang, 'support.programme.approve'), exact: true })
        .waitFor();
      expect(await cardText(page)).toContain('Reseller-Vertrag-unterschrieben.pdf');
      expect(await checkAccessibility(page, `${lang}-programme-signed`)).toEqual([]);
      await sidebar.getByRole('button', { name: t(lang, 'support.programme.approve'), exact: true }).click();
      await sidebar.getByText(t(lang, 'support.programme.status.approved')).first().waitFor();
    });
  },
);
