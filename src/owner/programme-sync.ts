/**
 * The reseller programme in the owner's sync. Pure: sync.ts does the I/O.
 *
 * - Before the Resellers tab is read into the directory, the outbox's applications become rows
 *   (status "applied", the next id) and support's status changes from the sidebar are applied to
 *   their rows, so the directory the sync then builds already holds them. An application whose
 *   domain has a row already (a re-run after a crash, or a rejected applicant applying again)
 *   changes that row instead of adding one.
 * - After the directory is written, the reseller roles (organisation.ts) that domains hold follow
 *   it: a new id, a new status, or gone with the reseller or the contact. Roles are not handed out
 *   to every reseller's domain (5,000 of them would take a third of the store): an applicant's comes
 *   with the application, a reseller's staff claim theirs once from the sidebar (store/programme.ts).
 *   Domains with a programme change still waiting keep theirs until that change has been written.
 */
import type { Change } from '../domain/assignment';
import {
  decodeDomainText,
  encodeRolesOnly,
  isLinkedCopy,
  organisationTexts,
  type DomainRole,
} from '../domain/organisation';
import { checkTransition } from '../domain/programme';
import type { Reseller, ResellerStatus } from '../domain/reseller';
import { formatResellerId, RESELLER_COLUMNS, STATUS_WORDS, type Cell } from '../domain/sheet-rows';
import { rowsRange, type TabRows } from '../sheet/backing-sheet';
import { tab } from '../sheet/schema';
import { KEYS } from '../store/keys';
import type { Row } from './sheet-writes';

const column = (name: (typeof RESELLER_COLUMNS)[number]): number => RESELLER_COLUMNS.indexOf(name);

const STATUS_BY_WORD = new Map(
  (Object.entries(STATUS_WORDS) as [ResellerStatus, string][]).map(([status, word]) => [word, status]),
);

function statusOf(cell: Cell | undefined): ResellerStatus | undefined {
  return typeof cell === 'string' ? STATUS_BY_WORD.get(cell.trim().toLowerCase()) : undefined;
}

export interface ProgrammeRows {
  /** The Resellers tab with the programme's changes applied (what the directory is read from). */
  tabs: TabRows;
  writes: { range: string; values: Row[] }[];
  lastIdNumber: number;
  /** Sidebar status changes the tab's row no longer allowed: they are not applied. */
  refused: { domain: string; to: ResellerStatus; tabStatus: ResellerStatus | undefined }[];
}

/** Applications and status changes of `changes`, applied to the Resellers tab's rows. */
export function applyProgramme(
  tabs: TabRows,
  changes: readonly Change[],
  lastIdNumber: number,
): ProgrammeRows {
  const t = tab('resellers');
  const rows = tabs.resellers.map((row) => [...row]);
  const writes: { range: string; values: Row[] }[] = [];
  const refused: ProgrammeRows['refused'] = [];
  let next = lastIdNumber;
  const rowOfDomain = (domain: string): number =>
    rows.findIndex(
      (row, i) =>
        i > 0 &&
        typeof row[column('domain')] === 'string' &&
        (row[column('domain')] as string).trim().toLowerCase() === domain,
    );
  const setStatus = (index: number, status: ResellerStatus): void => {
    (rows[index] as Cell[])[column('status')] = STATUS_WORDS[status];
    writes.push({ range: rowsRange(t, index + 1, 1, column('status'), 1), values: [[STATUS_WORDS[status]]] });
  };
  for (const change of changes) {
    if (change.type === 'applied') {
      const index = rowOfDomain(change.domain);
      if (index > 0) {
        // Written by a run that stopped before its drain, or a rejected applicant trying again.
        if (statusOf(rows[index]?.[column('status')]) === 'rejected') setStatus(index, 'applied');
        continue;
      }
      const { application: a } = change;
      const row: Row = [
        formatResellerId(++next),
        a.company,
        '',
        a.domain,
        a.country,
        a.contactEmail,
        STATUS_WORDS.applied,
        [
          `Applied ${new Date(change.at).toISOString().slice(0, 10)} by ${a.contactName} <${a.contactEmail}>`,
          a.website,
          a.message,
        ]
          .filter((part) => part !== '')
          .join(' · ')
          .slice(0, 1000),
      ];
      rows.push([...row, '']);
      writes.push({ range: rowsRange(t, rows.length, 1, 0, row.length), values: [row] });
    } else if (change.type === 'resellerStatus') {
      const byId =
        change.resellerId === ''
          ? -1
          : rows.findIndex((row, i) => i > 0 && row[column('id')] === change.resellerId);
      const index = byId > 0 ? byId : rowOfDomain(change.domain);
      if (index <= 0) continue;
      const now = statusOf(rows[index]?.[column('status')]);
      if (now === change.to) continue;
      // The tab may have been edited since: a step the row's status no longer allows is not taken.
      if (now === undefined || (now !== change.from && !checkTransition(now, change.to).ok)) {
        refused.push({ domain: change.domain, to: change.to, tabStatus: now });
        continue;
      }
      setStatus(index, change.to);
      if (change.agreement) {
        // The signed file stays findable in the row, not only in Audit.
        const { name, contentType, size, messageId } = change.agreement;
        const notes = rows[index] as Cell[];
        const before = typeof notes[column('notes')] === 'string' ? (notes[column('notes')] as string) : '';
        const line = `Signed agreement ${new Date(change.at).toISOString().slice(0, 10)}: ${name} (${contentType}, ${size} bytes), message ${messageId}`;
        const text = (before === '' ? line : `${before} · ${line}`).slice(0, 1000);
        notes[column('notes')] = text;
        writes.push({ range: rowsRange(t, index + 1, 1, column('notes'), 1), values: [[text]] });
      }
    }
  }
  return { tabs: { ...tabs, resellers: rows }, writes, lastIdNumber: next, refused };
}

/** The roles the directory gives, by the domain whose text carries them. */
export function rolesFromDirectory(
  directory: readonly Reseller[],
  all: Record<string, string>,
): Map<string, DomainRole[]> {
  const roles = new Map<string, DomainRole[]>();
  const add = (domain: string, role: DomainRole): void => {
    // An address on a linked domain: its organisation's text carries the role.
    const text = all[KEYS.domain(domain)];
    const owner =
      text !== undefined && isLinkedCopy(text)
        ? (decodeDomainText(domain, text)?.organisation?.organisation ?? domain)
        : domain;
    const list = roles.get(owner) ?? [];
    if (!list.some((r) => r.member === role.member)) list.push(role);
    roles.set(owner, list);
  };
  for (const reseller of directory) {
    add(reseller.domain, { resellerId: reseller.id, status: reseller.status, member: reseller.domain });
    for (const contact of reseller.contacts ?? []) {
      const domain = contact.slice(contact.lastIndexOf('@') + 1);
      if (domain !== reseller.domain)
        add(domain, { resellerId: reseller.id, status: reseller.status, member: contact });
    }
  }
  return roles;
}

/** The domains rolesFromDirectory gives roles to: each reseller's own and its contacts'. */
export function roleDomains(directory: readonly Reseller[]): string[] {
  const domains = new Set<string>();
  for (const reseller of directory) {
    domains.add(reseller.domain);
    for (const contact of reseller.contacts ?? []) domains.add(contact.slice(contact.lastIndexOf('@') + 1));
  }
  return [...domains];
}

const rolesKey = (roles: readonly DomainRole[] | undefined): string =>
  (roles ?? [])
    .map((r) => `${r.resellerId}:${r.status}:${r.member}`)
    .sort()
    .join(' ');

/**
 * The store's new values for every domain whose roles no longer say what `wanted` (the directory)
 * says (null: remove the key, a domain that held nothing but a role). Domains in `keep` (a
 * programme change still waiting) and texts that cannot be read are left as they are.
 */
export function roleWrites(
  all: Record<string, string>,
  wanted: ReadonlyMap<string, DomainRole[]>,
  keep: ReadonlySet<string>,
): Map<string, string | null> {
  const writes = new Map<string, string | null>();
  for (const [key, text] of Object.entries(all)) {
    if (!key.startsWith(KEYS.domainPrefix) || !text.startsWith('P')) continue;
    const domain = key.slice(KEYS.domainPrefix.length);
    if (keep.has(domain)) continue;
    const decoded = decodeDomainText(domain, text);
    if (!decoded) continue;
    // Each role the domain holds, as the directory has it now; gone when the directory has none.
    const now = wanted.get(domain) ?? [];
    const roles = decoded.roles.flatMap((role) => now.filter((w) => w.member === role.member).slice(0, 1));
    if (rolesKey(decoded.roles) === rolesKey(roles)) continue;
    if (decoded.organisation) {
      for (const [d, t] of organisationTexts({ ...decoded.organisation, roles })) writes.set(d, t);
    } else {
      writes.set(domain, roles.length > 0 ? encodeRolesOnly(roles) : null);
    }
  }
  return writes;
}
