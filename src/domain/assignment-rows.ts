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

/**
 * The status the sync writes for a row holding `value` (a reseller id, "direct", "→ domain" for a
 * linked domain, or "none") and, for an organisation with linked domains, the ones it wrote.
 */
export function assignmentStatus(ok: string, value: string, links: readonly string[] = []): string {
  return links.length === 0 ? `${ok} (${value})` : `${ok} (${value}; ${links.join(', ')})`;
}

/** The value a status says the sync wrote, or undefined for a status it did not write. */
export function writtenValue(status: Cell | undefined): string | undefined {
  if (typeof status !== 'string') return undefined;
  return /\(([^()]*)\)\s*$/.exec(status)?.[1];
}

/** What the sync wrote into an Assignments row, from its status: the value and the linked domains. */
export function writtenAssignment(status: Cell | undefined): { value: string; links: string[] } | undefined {
  const written = writtenValue(status);
  if (written === undefined) return undefined;
  const split = written.indexOf('; ');
  return split < 0
    ? { value: written, links: [] }
    : { value: written.slice(0, split), links: domainList(written.slice(split + 2)) };
}

/** The value of a linked domain's row: the organisation it belongs to. */
export function linkedValue(organisation: string): string {
  return `→ ${organisation}`;
}

export function linkedOrganisation(value: string): string | undefined {
  return value.startsWith('→ ') ? value.slice(2) : undefined;
}

/** Domains as support types them into the linked domains cell: commas, semicolons or spaces. */
export function domainList(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d !== '');
}

export type AssignmentRowProblem =
  | { kind: 'formula' }
  | { kind: 'badDomain' }
  | { kind: 'duplicateOrganisation' }
  | { kind: 'badResellerId' }
  | { kind: 'unknownReseller'; id: string }
  | { kind: 'noReason' }
  | { kind: 'badLinkedDomain'; domain: string }
  /** A linked domain's row names a reseller: its organisation's row is where that belongs. */
  | { kind: 'linkedRow'; organisation: string }
  /** The store refused the link (see store/links.ts for each rule). */
  | {
      kind: 'linkRefused';
      domain: string;
      why:
        'noOrganisation' | 'hasLinks' | 'tooMany' | 'notLinked' | 'unreadable' | 'sameDomain' | 'isReseller';
    };

export interface AssignmentEdit {
  /** 0-based index among the data rows (below the header). */
  row: number;
  domain: string;
  resellerId: string;
  reason: string;
}

export interface LinkEdit {
  row: number;
  kind: 'link' | 'unlink';
  /** The linked domain. */
  domain: string;
  /** The row's organisation. */
  organisation: string;
  reason: string;
}

export interface AssignmentRowsRead {
  edits: AssignmentEdit[];
  links: LinkEdit[];
  flagged: { row: number; problem: AssignmentRowProblem }[];
}

/** An organisation (or a linked domain) as the store holds it now. */
export interface StoredRow {
  /** The reseller id, "direct", or linkedValue(organisation) for a linked domain. */
  value: string;
  links: readonly string[];
}

/**
 * The edits support made, checked. `current` is each domain's state in the store now;
 * `isApproved` says whether a reseller id may be assigned. A row the sync wrote and nobody changed
 * is neither an edit nor flagged. The linked domains cell is compared with what the sync wrote
 * there (its status says), so a link made in the sidebar since is kept, not undone.
 */
export function readAssignmentRows(
  rows: readonly (readonly Cell[])[],
  current: ReadonlyMap<string, StoredRow>,
  isApproved: (id: string) => boolean,
): AssignmentRowsRead {
  const edits: AssignmentEdit[] = [];
  const links: LinkEdit[] = [];
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
    const linksCell = cells[column('linkedDomains')];
    if (
      typeof raw !== 'string' ||
      isFormula(idCell) ||
      isFormula(cells[column('reason')]) ||
      isFormula(linksCell)
    )
      return flag({ kind: 'formula' });
    const domain = raw.trim().toLowerCase();
    if (!DOMAIN_RE.test(domain)) return flag({ kind: 'badDomain' });
    if (seen.has(domain)) return flag({ kind: 'duplicateOrganisation' });
    seen.add(domain);
    const stored = current.get(domain);
    const written = writtenAssignment(cells[column('syncStatus')]) ?? {
      value: stored?.value ?? '',
      links: [...(stored?.links ?? [])],
    };
    const id = idCell === null || idCell === undefined ? '' : String(idCell).trim();
    const reasonCell = cells[column('reason')];
    const reason = typeof reasonCell === 'string' ? reasonCell.trim().slice(0, MAX_REASON_CHARS) : '';
    const linkedTo = linkedOrganisation(written.value) ?? linkedOrganisation(stored?.value ?? '');
    if (linkedTo !== undefined) {
      // A linked domain's row only says where it belongs.
      if (id !== '') flag({ kind: 'linkedRow', organisation: linkedTo });
      return;
    }
    const inStore = stored?.value ?? '';
    // Unchanged since the sync wrote it (or a row the store agrees with): nothing to do.
    const unchanged =
      id === written.value ||
      (id === inStore && id !== '') ||
      (id === '' && (written.value === 'direct' || written.value === 'none'));
    if (!unchanged) {
      if (!RESELLER_ID_PATTERN.test(id)) return flag({ kind: 'badResellerId' });
      if (!isApproved(id)) return flag({ kind: 'unknownReseller', id });
      if (reason === '') return flag({ kind: 'noReason' });
    }
    const typed = typeof linksCell === 'string' ? domainList(linksCell) : [];
    const bad = typed.find((d) => !DOMAIN_RE.test(d) || d === domain);
    if (bad !== undefined) return flag({ kind: 'badLinkedDomain', domain: cutDomain(bad) });
    if (!unchanged) edits.push({ row, domain, resellerId: id, reason });
    const before = new Set(written.links);
    const after = new Set(typed);
    for (const d of after)
      if (!before.has(d)) links.push({ row, kind: 'link', domain: d, organisation: domain, reason });
    for (const d of before)
      if (!after.has(d)) links.push({ row, kind: 'unlink', domain: d, organisation: domain, reason });
  });
  return { edits, links, flagged };
}

/**
 * The domains whose stored state readAssignmentRows may need: rows without a status the sync wrote
 * (typed by hand) and rows whose reseller cell differs from it (perhaps an edit). A row the sync
 * wrote and nobody changed is decided from the row alone, so a store of 100,000 organisations is
 * read for the few rows support touched, not for every row.
 */
export function rowsToCheck(rows: readonly (readonly Cell[])[]): string[] {
  const domains: string[] = [];
  for (const cells of rows) {
    const raw = cells[column('organisation')];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const written = writtenAssignment(cells[column('syncStatus')]);
    const idCell = cells[column('resellerId')];
    const id = idCell === null || idCell === undefined ? '' : String(idCell).trim();
    if (
      !written ||
      (id !== written.value && !(id === '' && (written.value === 'direct' || written.value === 'none')))
    )
      domains.push(raw.trim().toLowerCase());
  }
  return domains;
}

function cutDomain(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
