/**
 * Aliases and contact emails of resellers, through build/Code.js in the local runtime: support
 * enters them in the Resellers tab, the owner's sync stores them in the directory, and customers'
 * typeahead finds the reseller by an alias, labelled (and chosen) by its real name, in English and
 * German. Rows over the limits are flagged and change nothing; a lost row is written back whole.
 */
import type { LocalRuntime } from '../../dev/runtime/runtime';
import { readDirectory } from '../../src/store/directory';
import { client, domainRecord, runtimeWith, user } from '../support/addon';

const OWNER = user('owner@resellerconnect.example', 'en');
const CLOUDWERK_EN = 'Cloudwerk GmbH — cloudwerk.de (Germany)';
const CLOUDWERK_DE = 'Cloudwerk GmbH — cloudwerk.de (Deutschland)';
/** Columns of the Resellers tab, by letter. */
const ALIASES = 'C';
const CONTACTS = 'F';

function run(runtime: LocalRuntime, functionName: 'setup' | 'runSync' | 'syncNow'): string {
  const result = runtime.run({ functionName, identity: OWNER, event: {} });
  if (!result.ok) throw new Error(`${functionName} failed: ${result.error?.message ?? '?'}`);
  return result.logs.join('\n');
}

function sheetId(runtime: LocalRuntime): string {
  const id = runtime.host.scriptProperties.get('s:sheet');
  if (id === null) throw new Error('setup stored no Sheet id');
  return id;
}

function resellerRows(runtime: LocalRuntime): string[][] {
  return runtime.host.sheets.readTab(sheetId(runtime), 'Resellers');
}

/** The Sheet row number (1-based) of a reseller id. */
function rowOf(runtime: LocalRuntime, id: string): number {
  const row = resellerRows(runtime).findIndex((r) => r[0] === id) + 1;
  if (row < 1) throw new Error(`${id} is not in the Resellers tab`);
  return row;
}

function edit(runtime: LocalRuntime, id: string, column: string, value: string): void {
  runtime.host.sheets.editCell(sheetId(runtime), 'Resellers', `${column}${rowOf(runtime, id)}`, value);
}

/** Support's edits are read by the trigger's next full run: an hour later. */
function syncLater(runtime: LocalRuntime): string {
  runtime.host.advanceClock(60 * 60 * 1000);
  return run(runtime, 'runSync');
}

function directoryEntry(runtime: LocalRuntime, id: string) {
  const read = readDirectory(runtime.host.scriptProperties.getAll());
  if (!read.ok) throw new Error(read.problem);
  return read.resellers.find((r) => r.id === id);
}

function synced(): LocalRuntime {
  const runtime = runtimeWith();
  run(runtime, 'setup');
  run(runtime, 'runSync');
  return runtime;
}

describe('aliases support enters in the Resellers tab', () => {
  it('the first sync writes the demo resellers’ aliases and contacts into the tab', () => {
    const runtime = synced();
    const mueller = resellerRows(runtime)[rowOf(runtime, 'R-00001') - 1] ?? [];
    expect(mueller.slice(0, 3)).toEqual(['R-00001', 'Müller IT GmbH', 'MIT, Müller Informationstechnik']);
    expect(mueller[5]).toBe('anna.berger@mueller-it.de, vertrieb@mueller-it.de');
  });

  it('reach the directory with the contacts, and an English customer finds and chooses the reseller by one', () => {
    const runtime = synced();
    edit(runtime, 'R-00012', ALIASES, 'Wolkenwerk; CW Cloud');
    edit(runtime, 'R-00012', CONTACTS, 'Partner@Cloudwerk.de, lena@cloudwerk.de');
    syncLater(runtime);
    expect(resellerRows(runtime)[rowOf(runtime, 'R-00012') - 1]?.[8]).toBe('OK');
    expect(directoryEntry(runtime, 'R-00012')).toMatchObject({
      aliases: ['Wolkenwerk', 'CW Cloud'],
      contacts: ['partner@cloudwerk.de', 'lena@cloudwerk.de'],
    });

    const anna = client(runtime, user('anna@kunde.example'));
    anna.click('I have a Google Workspace reseller');
    // The real label, once, first: exact, prefix and folded typing of the alias.
    for (const typed of ['Wolkenwerk', 'wolkenw', 'cw clo', 'WOLKENWERK']) {
      const suggestions = anna.suggest('resellerQuery', typed);
      expect([typed, suggestions[0]]).toEqual([typed, CLOUDWERK_EN]);
      expect(suggestions.filter((s) => s.startsWith('Cloudwerk GmbH'))).toHaveLength(1);
    }
    // Picking the suggestion puts its label in the field: the search resolves it to the reseller.
    anna.type('resellerQuery', CLOUDWERK_EN);
    anna.click('Search');
    expect(anna.card.name).toBe('confirm');
    expect(anna.texts().join('\n')).toContain('Cloudwerk GmbH');
    anna.click('Share contacts now');
    expect(domainRecord(runtime, 'kunde.example')).toContain('R-00012');
  });

  it('a German customer finds the reseller by an alias, with umlauts folded, and chooses it', () => {
    const runtime = synced();
    edit(runtime, 'R-00012', ALIASES, 'Wolkenwerk Süd');
    syncLater(runtime);
    const ben = client(runtime, user('ben@kunde.example', 'de'));
    ben.click('Ich habe einen Google Workspace-Reseller');
    for (const typed of ['Wolkenwerk Süd', 'wolkenwerk sued', 'sud wolken']) {
      expect([typed, ben.suggest('resellerQuery', typed)[0]]).toEqual([typed, CLOUDWERK_DE]);
    }
    ben.type('resellerQuery', CLOUDWERK_DE);
    ben.click('Suchen');
    expect(ben.card.name).toBe('confirm');
    ben.click('Kontakte jetzt freigeben');
    expect(domainRecord(runtime, 'kunde.example')).toContain('R-00012');
  });

  it('an alias removed in the tab no longer finds the reseller; a row over the limits changes nothing', () => {
    const runtime = synced();
    const carl = client(runtime, user('carl@kunde.example'));
    carl.click('I have a Google Workspace reseller');
    expect(carl.suggest('resellerQuery', 'MIT')[0]).toBe('Müller IT GmbH — mueller-it.de (Germany)');
    expect(carl.suggest('resellerQuery', 'Informationstechnik')).toEqual([
      'Müller IT GmbH — mueller-it.de (Germany)',
    ]);
    edit(runtime, 'R-00001', ALIASES, '');
    edit(runtime, 'R-00005', ALIASES, Array.from({ length: 11 }, (_, i) => `KSH ${i}`).join(', '));
    syncLater(runtime);
    expect(carl.suggest('resellerQuery', 'Informationstechnik')).toEqual([]);
    expect(resellerRows(runtime)[rowOf(runtime, 'R-00005') - 1]?.[8]).toBe(
      'Not applied: more than 10 aliases; keep the ones customers really type.',
    );
    // The flagged row kept what the directory held: its old alias still finds it.
    expect(directoryEntry(runtime, 'R-00005')?.aliases).toEqual(['KSH']);
    expect(carl.suggest('resellerQuery', 'KSH')[0]).toMatch(/^Köhler Systemhaus GmbH & Co\. KG — /);
  });

  it('flags the limits in German when the Settings language is German', () => {
    const runtime = synced();
    const settings = runtime.host.sheets.readTab(sheetId(runtime), 'Settings');
    const language = settings.findIndex((r) => r[0] === 'statusLanguage') + 1;
    runtime.host.sheets.editCell(sheetId(runtime), 'Settings', `B${language}`, 'de');
    edit(runtime, 'R-00012', CONTACTS, Array.from({ length: 21 }, (_, i) => `s${i}@cloudwerk.de`).join(', '));
    syncLater(runtime);
    expect(resellerRows(runtime)[rowOf(runtime, 'R-00012') - 1]?.[8]).toBe(
      'Nicht übernommen: mehr als 20 Kontakt-E-Mails.',
    );
    expect(directoryEntry(runtime, 'R-00012')?.contacts).toEqual(['partner@cloudwerk.de']);
  });

  it('writes a reseller the tab lost back with its aliases and contacts', () => {
    const runtime = synced();
    edit(runtime, 'R-00012', ALIASES, 'Wolkenwerk');
    syncLater(runtime);
    runtime.host.sheets.deleteTab(sheetId(runtime), 'Resellers');
    run(runtime, 'setup');
    run(runtime, 'syncNow');
    const row = resellerRows(runtime)[rowOf(runtime, 'R-00012') - 1] ?? [];
    expect([row[2], row[5]]).toEqual(['Wolkenwerk', 'partner@cloudwerk.de']);
    expect(row[8]).toMatch(/^Restored/);
    expect(directoryEntry(runtime, 'R-00012')?.aliases).toEqual(['Wolkenwerk']);
  });
});
