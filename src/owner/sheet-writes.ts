/**
 * What the owner's sync writes into the backing Sheet, computed from what it read (the tabs) and
 * what the store holds: statuses of checked rows, the Resellers tab's answer to the directory, and
 * the rows of Assignments, Requests and Audit for the changes of one run. Pure: sync.ts does the I/O.
 */
import type { Assignment, Change } from '../domain/assignment';
import { decodeOrganisation, NO_RECORD_TEXT, type StoredOrganisation } from '../domain/organisation';
import type { Reseller } from '../domain/reseller';
import {
  highestIdNumber,
  readResellerRows,
  STATUS_WORDS,
  type Cell,
  type ResellerRow,
} from '../domain/sheet-rows';
import { assignmentStatus, linkedValue, writtenAssignment, writtenValue } from '../domain/assignment-rows';
import { type SettingRow } from '../domain/settings-rows';
import { rowsRange, type TabRows } from '../sheet/backing-sheet';
import { SHEET_TEXTS, type SheetLanguage } from '../sheet/messages';
import { tab } from '../sheet/schema';

import { KEYS } from '../store/keys';

export type Row = (string | number)[];

/** The Settings rows' status column, where it changed. */
export function settingsWrites(
  tabs: TabRows,
  rows: readonly SettingRow[],
  language: SheetLanguage,
): { range: string; values: Row[] }[] {
  const texts = SHEET_TEXTS[language].status;
  const t = tab('settings');
  const column = t.columns.indexOf('syncStatus');
  const writes: { range: string; values: Row[] }[] = [];
  rows.forEach((row, i) => {
    const status = row.kind === 'ok' ? texts.ok : row.kind === 'blank' ? '' : texts.setting(row.problem);
    if (cellText(tabs.settings[i + 1]?.[column]) !== status)
      writes.push({ range: rowsRange(t, i + 2, 1, column, 1), values: [[status]] });
  });
  return writes;
}

export function resellerResults(
  tabs: TabRows,
  current: readonly Reseller[],
  storedLastId: number,
  language: SheetLanguage,
  /** The first sync after setup fills the tab from the directory: nothing was lost. */
  firstSync: boolean,
): {
  directory: Reseller[];
  writes: { range: string; values: Row[] }[];
  flagged: number;
  lastIdNumber: number;
} {
  const texts = SHEET_TEXTS[language].status;
  const t = tab('resellers');
  const rows = tabs.resellers.slice(1);
  const read = readResellerRows(rows, Math.max(storedLastId, highestIdNumber(current.map((r) => r.id))));
  const byId = new Map(current.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const directory: Reseller[] = [];
  const writes: { range: string; values: Row[] }[] = [];
  const statusColumn = t.columns.indexOf('syncStatus');
  let flagged = 0;
  read.rows.forEach((row: ResellerRow, i) => {
    const sheetRow = i + 2;
    let status: string;
    if (row.kind === 'ok') {
      directory.push(row.reseller);
      seen.add(row.reseller.id);
      status = row.needsId ? texts.newId(row.reseller.id) : texts.ok;
      if (row.needsId) writes.push({ range: rowsRange(t, sheetRow, 1, 0, 1), values: [[row.reseller.id]] });
    } else if (row.kind === 'flagged') {
      flagged++;
      const kept = row.id === null ? undefined : byId.get(row.id);
      if (kept && !seen.has(kept.id)) {
        directory.push(kept);
        seen.add(kept.id);
      }
      status = texts.problem(row.problem);
    } else {
      status = texts.blank;
    }
    if (cellText(rows[i]?.[statusColumn]) !== status)
      writes.push({ range: rowsRange(t, sheetRow, 1, statusColumn, 1), values: [[status]] });
  });
  const restored = current.filter((r) => !seen.has(r.id));
  if (restored.length > 0) {
    writes.push({
      range: rowsRange(t, rows.length + 2, restored.length),
      values: restored.map((r) => [
        r.id,
        r.name,
        listCell(r.aliases),
        r.domain,
        r.country,
        listCell(r.contacts),
        STATUS_WORDS[r.status],
        '',
        firstSync ? texts.added : texts.restored,
      ]),
    });
    directory.push(...restored);
  }
  return { directory, writes, flagged, lastIdNumber: read.lastIdNumber };
}

function cellText(cell: Cell | undefined): string {
  return typeof cell === 'string' ? cell : '';
}

/** Aliases or contacts as support types them in a cell (the row reader splits at the commas). */
function listCell(items: readonly string[] = []): string {
  return items.join(', ');
}

export function directoryChanged(before: readonly Reseller[], after: readonly Reseller[]): boolean {
  const key = (list: readonly Reseller[]): string =>
    list
      .map((r) =>
        [r.id, r.name, r.domain, r.country, r.status, listCell(r.aliases), listCell(r.contacts)].join('\t'),
      )
      .sort()
      .join('\n');
  return key(before) !== key(after);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * One row per organisation changed since the last sync, with what the store holds now; a row per
 * domain linked or unlinked by a change; and the linked domains cell of every organisation whose
 * links differ from what its row says was written (a domain that moved to another organisation).
 */
export function assignmentWrites(
  tabs: TabRows,
  changes: readonly Change[],
  all: Record<string, string>,
  names: ReadonlyMap<string, string>,
  okText: string,
  /** Sheet row number → the status of a row whose edit was (partly) refused: it wins over OK. */
  flaggedStatus: ReadonlyMap<number, string> = new Map(),
): { range: string; values: Row[] }[] {
  const t = tab('assignments');
  const linksColumn = t.columns.indexOf('linkedDomains');
  const statusColumn = t.columns.indexOf('syncStatus');
  const existing = new Map<string, number>();
  const touched = new Set<string>();
  tabs.assignments.slice(1).forEach((row, i) => {
    if (typeof row[0] !== 'string' || row[0] === '') return;
    existing.set(row[0], i + 2);
    const stored = storedOrganisation(all, row[0]);
    const written = writtenAssignment(row[statusColumn]);
    if (
      stored &&
      stored.organisation === row[0] &&
      written &&
      written.links.join(' ') !== stored.links.join(' ')
    )
      touched.add(row[0]);
  });
  let nextRow = tabs.assignments.length + 1;
  const rowOf = (domain: string): number => {
    const at = existing.get(domain) ?? nextRow++;
    existing.set(domain, at);
    return at;
  };
  const lastChange = new Map<string, Change>();
  const linkChanges = new Map<string, Change & { type: 'linked' | 'unlinked' }>();
  for (const change of changes) {
    if (change.type === 'linked' || change.type === 'unlinked') {
      linkChanges.set(change.domain, change);
      touched.add(change.organisation);
    } else if (
      change.type !== 'changeRequested' &&
      change.type !== 'applied' &&
      change.type !== 'resellerStatus'
    )
      lastChange.set(change.domain, change);
  }
  const writes: { range: string; values: Row[] }[] = [];
  const status = (at: number, ok: string): string => flaggedStatus.get(at) ?? ok;
  const written = new Set<number>();
  for (const [domain, change] of lastChange) {
    const stored = storedOrganisation(all, domain);
    if (!stored || stored.organisation !== domain) continue;
    const { record, links } = stored;
    const resellerId = record.kind === 'reseller' ? record.resellerId : '';
    const row: Row = [
      domain,
      links.join(', '),
      resellerId,
      resellerId === '' ? '' : (names.get(resellerId) ?? ''),
      record.source === 'support' ? 'support' : record.source === 'invitation' ? 'invitation' : 'customer',
      change.actorEmail,
      iso(record.since),
      change.type === 'supportAssigned' ? change.reason : record.kind === 'direct' ? 'buys directly' : '',
      // What the sync wrote, so that the next run tells support's edit of the row from it.
      assignmentStatus(okText, resellerId === '' ? 'direct' : resellerId, links),
    ];
    const at = rowOf(domain);
    row[statusColumn] = status(at, row[statusColumn] as string);
    written.add(at);
    writes.push({ range: rowsRange(t, at, 1), values: [row] });
  }
  for (const domain of touched) {
    const stored = storedOrganisation(all, domain);
    const at = existing.get(domain);
    if (lastChange.has(domain) || !stored || stored.organisation !== domain || at === undefined) continue;
    const value = stored.record.kind === 'reseller' ? stored.record.resellerId : 'direct';
    writes.push(
      { range: rowsRange(t, at, 1, linksColumn, 1), values: [[stored.links.join(', ')]] },
      {
        range: rowsRange(t, at, 1, statusColumn, 1),
        values: [[assignmentStatus(okText, value, stored.links)]],
      },
    );
  }
  for (const [domain, change] of linkChanges) {
    const stored = storedOrganisation(all, domain);
    const linkedTo = stored && stored.organisation !== domain ? stored.organisation : undefined;
    if (linkedTo === undefined && !existing.has(domain)) continue;
    const value = linkedTo === undefined ? 'none' : linkedValue(linkedTo);
    const row: Row = [
      domain,
      linkedTo === undefined ? '' : value,
      '',
      '',
      linkedTo === undefined ? '' : 'support',
      change.actorEmail,
      iso(change.at),
      change.reason,
      assignmentStatus(okText, value),
    ];
    const at = rowOf(domain);
    row[statusColumn] = status(at, row[statusColumn] as string);
    written.add(at);
    writes.push({ range: rowsRange(t, at, 1), values: [row] });
  }
  // Flagged rows nothing above wrote: their status alone (no two writes ever meet in one cell).
  for (const [at, text] of flaggedStatus)
    if (!written.has(at)) writes.push({ range: rowsRange(t, at, 1, statusColumn, 1), values: [[text]] });
  return writes;
}

function storedOrganisation(all: Record<string, string>, domain: string): StoredOrganisation | null {
  const text = all[KEYS.domain(domain)];
  return text === undefined || text === NO_RECORD_TEXT ? null : decodeOrganisation(domain, text);
}

type RequestChange = Extract<Change, { type: 'changeRequested' }>;

export function isRequest(change: Change): change is RequestChange {
  return change.type === 'changeRequested';
}

export function requestRow(change: RequestChange): Row {
  return [
    change.seq,
    change.domain,
    change.actorEmail,
    iso(change.at),
    change.resellerId,
    change.reason,
    'open',
    '',
    'OK (open)',
  ];
}

/**
 * Support's assignment answers the organisation's open requests: their state becomes approved and
 * the reason support gave is the answer. (Requests written by this same run are answered by the
 * next one, since they are appended below the rows read.)
 */
export function answeredRequests(
  tabs: TabRows,
  changes: readonly Change[],
  okText: string,
): { range: string; values: Row[] }[] {
  const t = tab('requests');
  const answers = new Map<string, [string, string]>();
  for (const change of changes) {
    if (change.type === 'supportAssigned') answers.set(change.domain, ['approved', change.reason]);
    if (change.type === 'requestAnswered') answers.set(change.domain, [change.state, change.answer]);
  }
  const state = t.columns.indexOf('state');
  const status = t.columns.indexOf('syncStatus');
  const writes: { range: string; values: Row[] }[] = [];
  tabs.requests.slice(1).forEach((row, i) => {
    const answer = typeof row[1] === 'string' ? answers.get(row[1]) : undefined;
    if (answer === undefined || writtenValue(row[status]) !== 'open') return;
    writes.push({
      range: rowsRange(t, i + 2, 1, state, 3),
      values: [[answer[0], answer[1], assignmentStatus(okText, 'answered')]],
    });
  });
  return writes;
}

function describe(record: Assignment | null): string {
  if (!record) return '';
  return record.kind === 'reseller' ? record.resellerId : 'direct';
}

/** Audit rows of the changes, each with the organisation's state before and after it. */
export function auditRows(tabs: TabRows, changes: readonly Change[], all: Record<string, string>): Row[] {
  // Each organisation as the last sync wrote it (its status says which value), not as support may
  // have edited it since.
  const before = new Map<string, string>();
  const status = tab('assignments').columns.indexOf('syncStatus');
  tabs.assignments.slice(1).forEach((row) => {
    if (typeof row[0] !== 'string') return;
    const written = writtenAssignment(row[status])?.value;
    before.set(row[0], written === 'none' ? '' : (written ?? (typeof row[2] === 'string' ? row[2] : '')));
  });
  return changes.map((change) => {
    const was = before.get(change.domain) ?? '';
    // The programme's changes concern the reseller of the domain, not the organisation's answer.
    if (change.type === 'applied')
      return [
        change.seq,
        iso(change.at),
        change.actorEmail,
        change.type,
        '',
        `applied: ${change.application.company}`,
      ];
    if (change.type === 'resellerStatus')
      return [
        change.seq,
        iso(change.at),
        change.actorEmail,
        change.type,
        `${change.resellerId || change.domain}: ${STATUS_WORDS[change.from]}`,
        [
          STATUS_WORDS[change.to],
          change.reason,
          change.agreement
            ? `${change.agreement.name} (${change.agreement.contentType}, ${change.agreement.size} bytes)`
            : '',
        ]
          .filter((part) => part !== '')
          .join(' — '),
      ];
    const after =
      change.type === 'assigned' || change.type === 'supportAssigned'
        ? change.resellerId
        : change.type === 'direct'
          ? 'direct'
          : change.type === 'requestAnswered'
            ? `${was}, request ${change.state}: ${change.answer}`
            : change.type === 'linked'
              ? linkedValue(change.organisation)
              : change.type === 'unlinked'
                ? ''
                : `${was || describe(storedOrganisation(all, change.domain)?.record ?? null)}, change requested`;
    if (change.type !== 'changeRequested' && change.type !== 'requestAnswered')
      before.set(change.domain, after);
    return [change.seq, iso(change.at), change.actorEmail, change.type, was, after];
  });
}

/** Rows keyed by commit sequence (column A), appended after the tab's last row unless present. */
export function appendBySequence(
  tabs: TabRows,
  id: 'requests' | 'audit',
  rows: readonly Row[],
): { range: string; values: Row[] }[] {
  const present = new Set(tabs[id].slice(1).map((row) => row[0]));
  const missing = rows.filter((row) => !present.has(row[0] as number) && !present.has(String(row[0])));
  if (missing.length === 0) return [];
  return [{ range: rowsRange(tab(id), tabs[id].length + 1, missing.length), values: [...missing] }];
}
