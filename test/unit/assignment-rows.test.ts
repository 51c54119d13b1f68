/** Support's edits of the Assignments tab (src/domain/assignment-rows.ts). */
import { assignmentStatus, readAssignmentRows, writtenValue } from '../../src/domain/assignment-rows';
import type { Cell } from '../../src/domain/sheet-rows';

const approved = (id: string): boolean => ['R-00001', 'R-00012'].includes(id);

/** organisation, linked, reseller id, name, source, set by, set at, reason, sync status */
function row(domain: Cell, id: Cell, reason: Cell, status: Cell): Cell[] {
  return [domain, '', id, '', 'customer', 'anna@kunde.example', '2026-11-01', reason, status];
}

describe('Assignments rows', () => {
  const current = new Map([
    ['kunde.example', 'R-00001'],
    ['direkt.example', 'direct'],
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
    expect(read).toEqual({ edits: [], flagged: [] });
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

  it('flags the second row of one organisation', () => {
    const read = readAssignmentRows(
      [row('kunde.example', 'R-00001', '', 'OK (R-00001)'), row('kunde.example', 'R-00012', 'x', '')],
      current,
      approved,
    );
    expect(read.flagged).toEqual([{ row: 1, problem: { kind: 'duplicateOrganisation' } }]);
  });
});
