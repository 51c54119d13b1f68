/**
 * Support's edits of the backing Sheet's Assignments tab. The sync writes each row's "Sync status"
 * as "OK (R-00012)" — the reseller id (or "direct") it wrote — so an edit shows as a row whose
 * reseller id is no longer the one in its status. An edited row with a known, approved reseller and
 * a reason becomes a support assignment; anything else is flagged and changes nothing.
 */
import { DOMAIN_RE } from './syntax';
import { RESELLER_ID_PATTERN } from './assignment';
import type { Cell } from './sheet-rows';

/** Columns of the Assignments tab, in order. */
export const ASSIGNMENT_COLUMNS = [
  'organisation',
  'linkedDomains',
  'resellerId',
  'resellerName',
  'source',
  'setBy',
  'setAt',
  'reason',
  'syncStatus',
] as const;

const column = (name: (typeof ASSIGNMENT_COLUMNS)[number]): number => ASSIGNMENT_COLUMNS.indexOf(name);

const MAX_REASON_CHARS = 500;

function isFormula(cell: Cell | undefined): boolean {
  return cell !== null && typeof cell === 'object';
}

/** The status the sync writes for a row holding `value` (a reseller id, or "direct"). */
export function assignmentStatus(ok: string, value: string): string {
  return `${ok} (${value})`;
}

/** The value a status says the sync wrote, or undefined for a status it did not write. */
export function writtenValue(status: Cell | undefined): string | undefined {
  if (typeof status !== 'string') return undefined;
  return /\(([^()]*)\)\s*$/.exec(status)?.[1];
}

export type AssignmentRowProblem =
  | { kind: 'formula' }
  | { kind: 'badDomain' }
  | { kind: 'duplicateOrganisation' }
  | { kind: 'badResellerId' }
  | { kind: 'unknownReseller'; id: string }
  | { kind: 'noReason' };

export interface AssignmentEdit {
  /** 0-based index among the data rows (below the header). */
  row: number;
  domain: string;
  resellerId: string;
  reason: string;
}

export interface AssignmentRowsRead {
  edits: AssignmentEdit[];
  flagged: { row: number; problem: AssignmentRowProblem }[];
}

/**
 * The edits support made, checked. `current` is each organisation's value in the store now (its
 * reseller id, or "direct"); `isApproved` says whether a reseller id may be assigned. A row the
 * sync wrote and nobody changed is neither an edit nor flagged.
 */
export function readAssignmentRows(
  rows: readonly (readonly Cell[])[],
  current: ReadonlyMap<string, string>,
  isApproved: (id: string) => boolean,
): AssignmentRowsRead {
  const edits: AssignmentEdit[] = [];
  const flagged: { row: number; problem: AssignmentRowProblem }[] = [];
  const seen = new Set<string>();
  rows.forEach((cells, row) => {
    const raw = cells[column('organisation')];
    const idCell = cells[column('resellerId')];
    if (
      (raw === null || raw === undefined || raw === '') &&
      (idCell === null || idCell === undefined || idCell === '')
    )
      return;
    const flag = (problem: AssignmentRowProblem): void => void flagged.push({ row, problem });
    if (typeof raw !== 'string' || isFormula(idCell) || isFormula(cells[column('reason')]))
      return flag({ kind: 'formula' });
    const domain = raw.trim().toLowerCase();
    if (!DOMAIN_RE.test(domain)) return flag({ kind: 'badDomain' });
    if (seen.has(domain)) return flag({ kind: 'duplicateOrganisation' });
    seen.add(domain);
    const id = idCell === null || idCell === undefined ? '' : String(idCell).trim();
    const written = writtenValue(cells[column('syncStatus')]) ?? current.get(domain) ?? '';
    const inStore = current.get(domain) ?? '';
    // Unchanged since the sync wrote it (or a row the store agrees with): nothing to do.
    if (id === written || (id === inStore && id !== '') || (id === '' && written === 'direct')) return;
    if (!RESELLER_ID_PATTERN.test(id)) return flag({ kind: 'badResellerId' });
    if (!isApproved(id)) return flag({ kind: 'unknownReseller', id });
    const reasonCell = cells[column('reason')];
    const reason = typeof reasonCell === 'string' ? reasonCell.trim().slice(0, MAX_REASON_CHARS) : '';
    if (reason === '') return flag({ kind: 'noReason' });
    edits.push({ row, domain, resellerId: id, reason });
  });
  return { edits, flagged };
}
