/** Support's edits of the Assignments tab (src/domain/assignment-rows.ts). */
import {
  assignmentStatus,
  readAssignmentRows,
  writtenAssignment,
  writtenValue,
  type StoredRow,
} from '../../src/domain/assignment-rows';
import type { Cell } from '../../src/domain/sheet-rows';

const approved = (id: string): boolean => ['R-00001', 'R-00012'].includes(id);

/** organisation, linked, reseller id, name, source, set by, set at, reason, sync status */
function row(domain: Cell, id: Cell, reason: Cell, status: Cell, linked: Cell = ''): Cell[] {
  return [domain, linked, id, '', 'customer', 'anna@kunde.example', '2026-11-01', reason, status];
}

describe('Assignments rows', () => {
  const current = new Map<string, StoredRow>([
    ['kunde.example', { value: 'R-00001', links: [] }],
    ['direkt.example', { value: 'direct', links: [] }],
    ['gruppe.example', { value: 'R-00001', links: ['gruppe.at'] }],
    ['gruppe.at', { value: '→ gruppe.example', links: [] }],
  ]);

  it('reads what the sync wrote back from its status', () => {
    expect(writtenValue(assignmentStatus('OK', 'R-00001'))).toBe('R-00001');
    expect(writtenValue('OK')).toBeUndefined();
    expect(writtenValue(42)).toBeUndefined();
  });

  it('finds no edit in rows the sync wrote, nor in blank rows', () => {
    const read = readAssignmentRows(
      [
        row('kunde.example', 'R-00001', '', 'OK (R-00001)'),
        row('direkt.example', '', 'buys directly', 'OK (direct)'),
        row('', '', '', ''),
      ],
      current,
      approved,
    );
    expect(read).toEqual({ edits: [], links: [], flagged: [] });
  });

  it('turns a changed reseller id with a reason into an edit, also for a new organisation', () => {
    const read = readAssignmentRows(
      [
        row('kunde.example', 'R-00012', 'Moved', 'OK (R-00001)'),
        row('Neu.Example', 'R-00001', 'Imported', ''),
      ],
      current,
      approved,
    );
    expect(read.edits).toEqual([
      { row: 0, domain: 'kunde.example', resellerId: 'R-00012', reason: 'Moved' },
      { row: 1, domain: 'neu.example', resellerId: 'R-00001', reason: 'Imported' },
    ]);
  });

  it.each<[string, Cell[], string]>([
    ['a formula', row('kunde.example', { formula: '=A1' }, 'x', 'OK (R-00001)'), 'formula'],
    ['a malformed organisation', row('not a domain', 'R-00012', 'x', ''), 'badDomain'],
    ['an id that is none', row('kunde.example', 'R 12', 'x', 'OK (R-00001)'), 'badResellerId'],
    ['an unknown reseller', row('kunde.example', 'R-99999', 'x', 'OK (R-00001)'), 'unknownReseller'],
    ['no reason', row('kunde.example', 'R-00012', '', 'OK (R-00001)'), 'noReason'],
  ])('flags %s', (_, cells, kind) => {
    const read = readAssignmentRows([cells], current, approved);
    expect(read.edits).toEqual([]);
    expect(read.flagged[0]?.problem.kind).toBe(kind);
  });

  it('reads the linked domains the sync wrote from the status', () => {
    expect(writtenAssignment(assignmentStatus('OK', 'R-00001', ['a.example', 'b.example']))).toEqual({
      value: 'R-00001',
      links: ['a.example', 'b.example'],
    });
    expect(writtenAssignment('OK (direct)')).toEqual({ value: 'direct', links: [] });
  });

  it('turns domains added to or removed from Linked domains into link edits', () => {
    const read = readAssignmentRows(
      [
        row('gruppe.example', 'R-00001', '', 'OK (R-00001; gruppe.at)', 'gruppe.ch; Gruppe.DE'),
        row('kunde.example', 'R-00001', 'Same company', 'OK (R-00001)', 'kunde.at'),
      ],
      current,
      approved,
    );
    expect(read.flagged).toEqual([]);
    expect(read.edits).toEqual([]);
    expect(read.links).toEqual([
      { row: 0, kind: 'link', domain: 'gruppe.ch', organisation: 'gruppe.example', reason: '' },
      { row: 0, kind: 'link', domain: 'gruppe.de', organisation: 'gruppe.example', reason: '' },
      { row: 0, kind: 'unlink', domain: 'gruppe.at', organisation: 'gruppe.example', reason: '' },
      { row: 1, kind: 'link', domain: 'kunde.at', organisation: 'kunde.example', reason: 'Same company' },
    ]);
  });

  it('keeps a link made in the sidebar since the last sync: only the cell differing from what was written counts', () => {
    // The store has gruppe.at linked, the row was written before that link.
    const read = readAssignmentRows(
      [row('gruppe.example', 'R-00001', '', 'OK (R-00001)', '')],
      current,
      approved,
    );
    expect(read.links).toEqual([]);
  });

  it.each<[string, Cell[], string]>([
    [
      'a malformed linked domain',
      row('kunde.example', 'R-00001', '', 'OK (R-00001)', 'kunde at'),
      'badLinkedDomain',
    ],
    [
      'the organisation linked to itself',
      row('kunde.example', 'R-00001', '', 'OK (R-00001)', 'kunde.example'),
      'badLinkedDomain',
    ],
    [
      'a formula in Linked domains',
      row('kunde.example', 'R-00001', '', 'OK (R-00001)', { formula: '=B2' }),
      'formula',
    ],
    [
      'a reseller typed into a linked domain’s row',
      row('gruppe.at', 'R-00012', 'x', 'OK (→ gruppe.example)'),
      'linkedRow',
    ],
  ])('flags %s', (_, cells, kind) => {
    const read = readAssignmentRows([cells], current, approved);
    expect(read.edits).toEqual([]);
    expect(read.links).toEqual([]);
    expect(read.flagged[0]?.problem.kind).toBe(kind);
  });

  it('flags the second row of one organisation', () => {
    const read = readAssignmentRows(
      [row('kunde.example', 'R-00001', '', 'OK (R-00001)'), row('kunde.example', 'R-00012', 'x', '')],
      current,
      approved,
    );
    expect(read.flagged).toEqual([{ row: 1, problem: { kind: 'duplicateOrganisation' } }]);
  });
});
