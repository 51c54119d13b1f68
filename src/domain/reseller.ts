/** A reseller as the directory knows it. Only `approved` resellers can be chosen by customers. */
export type ResellerStatus =
  'applied' | 'agreement_sent' | 'agreement_signed' | 'approved' | 'rejected' | 'suspended';

export const RESELLER_STATUSES: readonly ResellerStatus[] = [
  'applied',
  'agreement_sent',
  'agreement_signed',
  'approved',
  'rejected',
  'suspended',
];

/**
 * How many aliases and contacts one reseller may have, and how long an alias may be. With the
 * Sheet's 1,000 characters per cell, every reseller's record stays well inside one directory chunk.
 */
export const MAX_ALIASES = 10;
export const MAX_ALIAS_LENGTH = 200;
export const MAX_CONTACTS = 20;

export interface Reseller {
  /** Stable id, e.g. "R-00042"; never reused. */
  id: string;
  /** Display name as the reseller wrote it (may contain umlauts, '&', even markup: always shown as text). */
  name: string;
  /** The reseller's own Workspace domain, lower case, e.g. "mueller-it.de". */
  domain: string;
  /** ISO 3166-1 alpha-2 country code, upper case, e.g. "DE". */
  country: string;
  status: ResellerStatus;
  /**
   * Other names customers may type for it (an abbreviation, a former name), as written; the
   * typeahead finds the reseller by them but always shows its real name. Absent: none.
   */
  aliases?: readonly string[];
  /**
   * Email addresses of its staff, lower case (issue 10: such a user sees the reseller's own
   * customers). Never in the search index, so a search match does not carry them. Absent: none.
   */
  contacts?: readonly string[];
}

/** Two directory entries with one id that disagree: reported, and resolved by `oneEntryPerId`. */
export interface DuplicateIdConflict {
  id: string;
  kept: Reseller;
  dropped: Reseller[];
}

/** Do two entries say the same, aliases and contacts included (in their order)? */
export function sameEntry(a: Reseller, b: Reseller): boolean {
  return (
    a.name === b.name &&
    a.domain === b.domain &&
    a.country === b.country &&
    a.status === b.status &&
    sameList(a.aliases, b.aliases) &&
    sameList(a.contacts, b.contacts)
  );
}

function sameList(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * One entry per reseller id, decided before anything filters by status: when copies of an id
 * disagree, a copy that is not approved wins over an approved one (the first such copy), so that a
 * suspended or rejected reseller can never be chosen through an approved duplicate. Otherwise the
 * first copy wins. Order of first appearance is kept.
 */
export function oneEntryPerId(resellers: readonly Reseller[]): {
  resellers: Reseller[];
  conflicts: DuplicateIdConflict[];
} {
  // The common case, no id twice, without an array per id: a rebuild of the search index runs
  // this over the whole directory inside one user's keystroke.
  const firstAt = new Map<string, number>();
  const kept: Reseller[] = [];
  let repeated: Map<string, Reseller[]> | undefined;
  for (const r of resellers) {
    const at = firstAt.get(r.id);
    if (at === undefined) {
      firstAt.set(r.id, kept.length);
      kept.push(r);
    } else {
      repeated ??= new Map();
      const copies = repeated.get(r.id);
      if (copies) copies.push(r);
      else repeated.set(r.id, [kept[at] as Reseller, r]);
    }
  }
  const conflicts: DuplicateIdConflict[] = [];
  for (const [id, copies] of repeated ?? []) {
    const first = copies[0] as Reseller;
    const winner = copies.find((r) => r.status !== 'approved') ?? first;
    kept[firstAt.get(id) as number] = winner;
    const dropped = copies.filter((r) => r !== winner);
    if (dropped.some((r) => !sameEntry(r, winner))) conflicts.push({ id, kept: winner, dropped });
  }
  return { resellers: kept, conflicts };
}
