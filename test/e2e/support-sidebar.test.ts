/**
 * Support's sidebar in the simulator: the demo lists the vendor's support identity in the Settings
 * tab, so it gets support's homepage; it finds David's organisation (a change request waits) and
 * answers it, in English and German. Axe clean.
 */
import { cardText, checkAccessibility, expectNewCard, t, type Lang, useSimulatorPage } from './support';

describe.each<Lang>(['en', 'de'])('support’s sidebar (%s)', (lang) => {
  const session = useSimulatorPage({ identity: 'support', lang });

  it('shows support’s homepage with the open request and the sync', async () => {
    const { page } = session;
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'support.find.header'));
    expect(text).toContain('hafen-spedition.at');
    expect(text).toContain(t(lang, 'support.sync.header'));
    expect(await checkAccessibility(page, `${lang}-support-home`)).toEqual([]);
  });

  it('opens the organisation and answers its request without a change', async () => {
    const { page } = session;
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
