/**
 * The typeahead in the simulator finds a demo reseller by an alias (an abbreviation, a former
 * name) and shows its real name; picking that suggestion opens its confirm card. English and German.
 */
import {
  combobox,
  expectNewCard,
  nameOfSuggestion,
  suggestionOptions,
  t,
  typeAndWaitForSuggestions,
  useSimulatorPage,
  type Lang,
} from './support';

describe.each<Lang>(['en', 'de'])('an alias in the typeahead (%s)', (lang) => {
  const session = useSimulatorPage({ identity: 'anna', lang });

  it('suggests Müller IT GmbH first for "MIT", and Zürcher Informatik AG for its former name', async () => {
    const { page } = session;
    await expectNewCard(page, 'search', () =>
      page.getByRole('button', { name: t(lang, 'question.hasReseller') }).click(),
    );
    await combobox(page).click();
    const byAbbreviation = await typeAndWaitForSuggestions(page, 'MIT');
    expect(byAbbreviation[0]).toBe(
      `Müller IT GmbH — mueller-it.de (${lang === 'de' ? 'Deutschland' : 'Germany'})`,
    );
    // Once only, though "MIT" is also one typo away from its name ("Müller IT").
    expect(byAbbreviation.filter((label) => nameOfSuggestion(label) === 'Müller IT GmbH')).toHaveLength(1);

    await combobox(page).fill('');
    // Only the former name has "Zürich": the name's words are "Zürcher" and "Informatik".
    const byFormerName = await typeAndWaitForSuggestions(page, 'Informatik Zürich');
    expect(byFormerName.map(nameOfSuggestion)).toEqual(['Zürcher Informatik AG']);
    await expectNewCard(page, 'confirm', () => suggestionOptions(page).first().click());
    expect(await page.locator('#sidebar-body').innerText()).toContain('Zürcher Informatik AG');
  });
});
