/**
 * What a row of the backing Sheet's Resellers tab means, decided without any Apps Script: each row
 * is read as cell values (as the Sheets API returns them, formulas marked), checked field by field,
 * and either accepted as a reseller or flagged with what is wrong. A flagged row is never applied:
 * the reseller keeps what the directory held for it.
 */
import { DOMAIN_RE, EMAIL_RE } from './syntax';
import { RESELLER_ID_PATTERN } from './assignment';
import {
  MAX_ALIAS_LENGTH,
  MAX_ALIASES,
  MAX_CONTACTS,
  RESELLER_STATUSES,
  type Reseller,
  type ResellerStatus,
} from './reseller';

/** A cell as the sync reads it: the entered value, or a formula someone typed. */
export type Cell = string | number | boolean | { formula: string } | null;

export const MAX_NAME_LENGTH = 200;
export const MAX_DOMAIN_LENGTH = 253;
const MAX_FIELD_LENGTH = 1000;

/** The status words of the Resellers tab (its data validation list), by status. */
export const STATUS_WORDS: Readonly<Record<ResellerStatus, string>> = {
  applied: 'applied',
  agreement_sent: 'agreement sent',
  agreement_signed: 'agreement signed',
  approved: 'approved',
  rejected: 'rejected',
  suspended: 'suspended',
};

const STATUS_BY_WORD = new Map<string, ResellerStatus>(RESELLER_STATUSES.map((s) => [STATUS_WORDS[s], s]));

/** Why a row is not applied; the UI words each in the Settings language. */
export type RowProblem =
  | { kind: 'formula'; column: string }
  | { kind: 'notText'; column: string }
  | { kind: 'missing'; column: string }
  | { kind: 'tooLong'; column: string; max: number }
  | { kind: 'badId' }
  | { kind: 'duplicateId'; id: string }
  | { kind: 'badDomain' }
  | { kind: 'duplicateDomain'; domain: string }
  | { kind: 'badCountry' }
  | { kind: 'badStatus' }
  | { kind: 'badEmail'; email: string }
  | { kind: 'tooManyAliases'; max: number }
  | { kind: 'aliasTooLong'; alias: string; max: number }
  | { kind: 'tooManyContacts'; max: number };

/** A reseller row, as the sync needs it: its reseller, or why it is not applied. */
export type ResellerRow =
  | { kind: 'blank' }
  | { kind: 'ok'; reseller: Reseller; needsId: boolean }
  | { kind: 'flagged'; id: string | null; problem: RowProblem };

/** Columns of the Resellers tab, in order (schema.ts holds their headers and notes). */
export const RESELLER_COLUMNS = [
  'id',
  'name',
  'aliases',
  'domain',
  'country',
  'contacts',
  'status',
  'notes',
  'syncStatus',
] as const;

export type ResellerColumn = (typeof RESELLER_COLUMNS)[number];

const COUNTRY_RE = /^[A-Z]{2}$/;

function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** A cell as text, or the problem that keeps it from being one. */
function textOf(cell: Cell | undefined, column: ResellerColumn, max = MAX_FIELD_LENGTH): string | RowProblem {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return { kind: 'formula', column };
  if (typeof cell !== 'string') return { kind: 'notText', column };
  const text = cell.trim();
  return text.length > max ? { kind: 'tooLong', column, max } : text;
}

function isProblem(value: string | RowProblem): value is RowProblem {
  return typeof value !== 'string';
}

function isAliasProblem(value: string[] | RowProblem): value is RowProblem {
  return !Array.isArray(value);
}

/** The items of a list cell (commas, semicolons or line breaks between them), each once. */
function listOf(text: string, sameItem: (item: string) => string = (item) => item): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const part of text.split(/[,;\n]/)) {
    const item = part.trim().replace(/\s+/g, ' ');
    if (item === '' || seen.has(sameItem(item))) continue;
    seen.add(sameItem(item));
    items.push(item);
  }
  return items;
}

/** The aliases of a row, or the problem with them; an alias that is the name itself adds nothing. */
function aliasesOf(text: string, name: string): string[] | RowProblem {
  const folded = (item: string): string => item.toLowerCase();
  const aliases = listOf(text, folded).filter((alias) => folded(alias) !== folded(name));
  if (aliases.length > MAX_ALIASES) return { kind: 'tooManyAliases', max: MAX_ALIASES };
  const long = aliases.find((alias) => alias.length > MAX_ALIAS_LENGTH);
  if (long !== undefined) return { kind: 'aliasTooLong', alias: long, max: MAX_ALIAS_LENGTH };
  return aliases;
}

/**
 * One row, checked on its own (duplicates across rows are `readResellerRows`' business). The
 * status column is the sync's own, so it is never read as data.
 */
export function readResellerRow(cells: readonly Cell[]): ResellerRow {
  const cell = (column: ResellerColumn): Cell | undefined => cells[RESELLER_COLUMNS.indexOf(column)];
  const data = RESELLER_COLUMNS.filter((c) => c !== 'syncStatus');
  if (data.every((column) => isBlank(cell(column)))) return { kind: 'blank' };
  const fields: Partial<Record<ResellerColumn, string>> = {};
  for (const column of data) {
    const max = column === 'name' ? MAX_NAME_LENGTH : column === 'domain' ? MAX_DOMAIN_LENGTH : undefined;
    const value = textOf(cell(column), column, max);
    const rawId = cell('id');
    if (isProblem(value))
      return { kind: 'flagged', id: typeof rawId === 'string' ? rawId.trim() : null, problem: value };
    fields[column] = value;
  }
  const id = fields.id ?? '';
  const flag = (problem: RowProblem): ResellerRow => ({
    kind: 'flagged',
    id: id === '' ? null : id,
    problem,
  });
  if (id !== '' && !RESELLER_ID_PATTERN.test(id)) return flag({ kind: 'badId' });
  const name = fields.name ?? '';
  if (name === '') return flag({ kind: 'missing', column: 'name' });
  const domain = (fields.domain ?? '').toLowerCase();
  if (domain === '') return flag({ kind: 'missing', column: 'domain' });
  if (!DOMAIN_RE.test(domain)) return flag({ kind: 'badDomain' });
  const country = (fields.country ?? '').toUpperCase();
  if (!COUNTRY_RE.test(country)) return flag({ kind: 'badCountry' });
  const status = STATUS_BY_WORD.get((fields.status ?? '').toLowerCase());
  if (status === undefined) return flag({ kind: 'badStatus' });
  const aliases = aliasesOf(fields.aliases ?? '', name);
  if (isAliasProblem(aliases)) return flag(aliases);
  const contacts = listOf((fields.contacts ?? '').toLowerCase());
  const badEmail = contacts.find((email) => !EMAIL_RE.test(email));
  if (badEmail !== undefined) return flag({ kind: 'badEmail', email: badEmail });
  if (contacts.length > MAX_CONTACTS) return flag({ kind: 'tooManyContacts', max: MAX_CONTACTS });
  const reseller: Reseller = { id, name, domain, country, status };
  // Left out when empty, as the directory stores them.
  if (aliases.length > 0) reseller.aliases = aliases;
  if (contacts.length > 0) reseller.contacts = contacts;
  return { kind: 'ok', reseller, needsId: id === '' };
}

/** The highest number of an id of the form "R-00042", or 0. */
export function highestIdNumber(ids: Iterable<string>): number {
  let highest = 0;
  for (const id of ids) {
    const match = /^R-(\d{1,9})$/.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

export function formatResellerId(n: number): string {
  return `R-${String(n).padStart(5, '0')}`;
}

/**
 * Every row of the tab (below the header), checked, with ids given to new rows and duplicates
 * flagged: the second row with an id or a domain already taken is not applied. `lastIdNumber` is
 * the highest id number ever given out, so that an id is never reused even after its row was
 * deleted.
 */
export function readResellerRows(
  rows: readonly (readonly Cell[])[],
  lastIdNumber: number,
): { rows: ResellerRow[]; lastIdNumber: number } {
  const read = rows.map(readResellerRow);
  const ids = new Set<string>();
  const domains = new Set<string>();
  let next = Math.max(
    lastIdNumber,
    highestIdNumber(read.flatMap((r) => (r.kind === 'ok' ? [r.reseller.id] : []))),
  );
  const checked = read.map((row): ResellerRow => {
    if (row.kind !== 'ok') return row;
    let { id } = row.reseller;
    if (id !== '' && ids.has(id)) return { kind: 'flagged', id: null, problem: { kind: 'duplicateId', id } };
    if (domains.has(row.reseller.domain))
      return {
        kind: 'flagged',
        id: id || null,
        problem: { kind: 'duplicateDomain', domain: row.reseller.domain },
      };
    if (id === '') id = formatResellerId(++next);
    ids.add(id);
    domains.add(row.reseller.domain);
    return { ...row, reseller: { ...row.reseller, id } };
  });
  return { rows: checked, lastIdNumber: next };
}
