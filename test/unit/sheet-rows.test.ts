/**
 * Rows of the backing Sheet's Resellers tab (src/domain/sheet-rows.ts): accepted as resellers, or
 * flagged with what is wrong and never applied.
 */
import { readResellerRow, readResellerRows, type Cell } from '../../src/domain/sheet-rows';

/** id, name, aliases, domain, country, contacts, status, notes, sync status */
function row(overrides: Partial<Record<number, Cell>> = {}): Cell[] {
  const base: Cell[] = [
    'R-00001',
    'Müller IT GmbH',
    'Mueller IT',
    'mueller-it.de',
    'DE',
    'anna@mueller-it.de',
    'approved',
    '',
    '',
  ];
  return base.map((cell, i) => (i in overrides ? (overrides[i] as Cell) : cell));
}

describe('a Resellers row', () => {
  it('is a reseller when every field checks out', () => {
    expect(readResellerRow(row())).toEqual({
      kind: 'ok',
      reseller: {
        id: 'R-00001',
        name: 'Müller IT GmbH',
        domain: 'mueller-it.de',
        country: 'DE',
        status: 'approved',
        aliases: ['Mueller IT'],
        contacts: ['anna@mueller-it.de'],
      },
      needsId: false,
    });
  });

  it('normalises case where it does not matter: domain, country, status, contacts', () => {
    const read = readResellerRow(
      row({ 3: ' Mueller-IT.de ', 4: 'de', 6: 'Agreement Sent', 5: 'Anna@Mueller-IT.de; ben@mueller-it.de' }),
    );
    expect(read).toMatchObject({
      kind: 'ok',
      reseller: {
        domain: 'mueller-it.de',
        country: 'DE',
        status: 'agreement_sent',
        contacts: ['anna@mueller-it.de', 'ben@mueller-it.de'],
      },
    });
  });

  it('ignores the sync status column and a blank row', () => {
    expect(readResellerRow(row({ 8: 'whatever support typed' })).kind).toBe('ok');
    expect(readResellerRow(['', null, '  ', '', '', '', '', '', 'OK'])).toEqual({ kind: 'blank' });
  });

  it.each<[string, Partial<Record<number, Cell>>, string]>([
    ['a formula where text belongs', { 1: { formula: '=HYPERLINK("x")' } }, 'formula'],
    ['a number where text belongs', { 3: 42 }, 'notText'],
    ['a boolean status', { 6: true }, 'notText'],
    ['no name', { 1: '' }, 'missing'],
    ['no domain', { 3: '' }, 'missing'],
    ['a 50,000-character name', { 1: 'x'.repeat(50_000) }, 'tooLong'],
    ['a malformed domain', { 3: 'mueller it.de' }, 'badDomain'],
    ['a domain without a dot', { 3: 'localhost' }, 'badDomain'],
    ['a country that is no code', { 4: 'Germany' }, 'badCountry'],
    ['a status not in the list', { 6: 'maybe' }, 'badStatus'],
    ['a malformed contact email', { 5: 'anna at mueller-it.de' }, 'badEmail'],
    ['an id the sync never gave out', { 0: 'R 1' }, 'badId'],
    ['eleven aliases', { 2: 'A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11' }, 'tooManyAliases'],
    ['an alias of 201 characters', { 2: `MIT, ${'x'.repeat(201)}` }, 'aliasTooLong'],
    [
      'twenty-one contact emails',
      { 5: Array.from({ length: 21 }, (_, i) => `staff${i}@mueller-it.de`).join(', ') },
      'tooManyContacts',
    ],
    ['an aliases cell over 1,000 characters', { 2: 'x, '.repeat(400) }, 'tooLong'],
  ])('is flagged for %s', (_, overrides, kind) => {
    const read = readResellerRow(row(overrides));
    expect(read.kind).toBe('flagged');
    expect(read.kind === 'flagged' && read.problem.kind).toBe(kind);
  });

  it('takes up to 10 aliases of up to 200 characters and 20 contacts, each once, without the name itself', () => {
    const letters = Array.from({ length: 7 }, (_, i) => `A${i}`);
    const long = 'y'.repeat(200);
    const contacts = Array.from({ length: 20 }, (_, i) => `Staff${i}@mueller-it.de`);
    const read = readResellerRow(
      row({
        // "mit" repeats "MIT" and "müller it gmbh" is the name: 10 aliases remain.
        2: ['MIT', 'Müller  IT', 'mit', 'müller it gmbh', ...letters].join(', ') + `;${long}`,
        5: [...contacts, 'staff0@mueller-it.de'].join('\n'),
      }),
    );
    expect(read).toMatchObject({
      kind: 'ok',
      reseller: {
        aliases: ['MIT', 'Müller IT', ...letters, long],
        contacts: contacts.map((email) => email.toLowerCase()),
      },
    });
  });

  it('leaves aliases and contacts out of a reseller that has none', () => {
    const read = readResellerRow(row({ 2: ' , ', 5: '' }));
    expect(read.kind === 'ok' && read.reseller).toEqual({
      id: 'R-00001',
      name: 'Müller IT GmbH',
      domain: 'mueller-it.de',
      country: 'DE',
      status: 'approved',
    });
  });

  it('keeps the id of a flagged row, so its reseller keeps its directory entry', () => {
    expect(readResellerRow(row({ 3: 'bad domain' }))).toMatchObject({ kind: 'flagged', id: 'R-00001' });
  });
});

describe('the rows of the Resellers tab', () => {
  it('gives new rows ids above every id ever given out, and never reuses one', () => {
    const rows = [row(), row({ 0: '', 3: 'neu.de' }), row({ 0: '', 3: 'noch-neuer.de' })];
    const read = readResellerRows(rows, 7);
    expect(read.rows.map((r) => (r.kind === 'ok' ? r.reseller.id : r.kind))).toEqual([
      'R-00001',
      'R-00008',
      'R-00009',
    ]);
    expect(read.lastIdNumber).toBe(9);
  });

  it('flags the second row with an id or a domain already taken', () => {
    const read = readResellerRows([row(), row({ 3: 'other.de' }), row({ 0: 'R-00002' })], 0);
    expect(read.rows.map((r) => (r.kind === 'flagged' ? r.problem.kind : r.kind))).toEqual([
      'ok',
      'duplicateId',
      'duplicateDomain',
    ]);
  });
});
