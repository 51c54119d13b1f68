/**
 * The owner's sync (a time-driven trigger, `runSync`; `syncNow` by hand): the store's committed
 * changes go to the backing Sheet, support's edits of the Sheet come back into the store. What
 * each tab gets written is computed in sheet-writes.ts; this module does the reads, the commits and
 * the writes, in an order that makes every stop safe to run again.
 *
 * One read of every tab, one write of every result, whatever the row count. The order: the
 * directory (from the Resellers tab), support's edits of Assignments and answers in Requests
 * (committed as changes, like a user's), then the Sheet, then the outbox is drained. A run stopped
 * anywhere is simply run again: Audit and Requests rows are keyed by commit sequence and skipped
 * when present, Assignments rows are keyed by organisation and written with the store's values,
 * and an edit already applied no longer differs from what its row's status says was written.
 *
 * The Resellers tab is the source of truth for resellers: a row that passes every check replaces
 * the directory's entry; a flagged row changes nothing (its reseller keeps its old entry); a
 * reseller missing from the tab is written back to it, never dropped (suspend, do not delete).
 */
import type { Change } from '../domain/assignment';
import { decodeOrganisation, NO_RECORD_TEXT } from '../domain/organisation';
import type { Reseller } from '../domain/reseller';
import {
  linkedValue,
  readAssignmentRows,
  rowsToCheck,
  type AssignmentRowsRead,
  type LinkEdit,
  type StoredRow,
} from '../domain/assignment-rows';
import { parseStoredSettings, readSettingsRows } from '../domain/settings-rows';
import {
  columnsRead,
  isKnownHeader,
  readTabs,
  rowsRange,
  TabMissingError,
  writeRows,
  type TabRows,
} from '../sheet/backing-sheet';
import { SHEET_TEXTS, sheetLanguage } from '../sheet/messages';
import { tab, TABS } from '../sheet/schema';
import { storeFillPercent, STORE_WARNING_PERCENT } from '../store/capacity';
import { readDirectory } from '../store/directory';
import { LABELS } from '../store/labels';
import { rewriteSelected, selectFrom, selectMore, selectOrAll } from '../store/select';
import { KEYS } from '../store/keys';
import { listOutbox, encodeSequence } from '../store/outbox';
import { commitRequestAnswers, commitSupportAssignments } from '../store/assignments';
import { commitLinks } from '../store/links';
import { readRequestRows } from '../domain/request-rows';
import { LOCK_TIMEOUT_MS } from '../store/locking';
import { replaceDirectory } from '../store/replace-directory';
import { refusalForNonOwner, type OwnerDependencies } from './owner';
import { applyProgramme, roleDomains, roleWrites, rolesFromDirectory } from './programme-sync';
import {
  answeredRequests,
  appendBySequence,
  assignmentWrites,
  auditRows,
  directoryChanged,
  isRequest,
  requestRow,
  resellerResults,
  settingsWrites,
} from './sheet-writes';

export interface SyncReport {
  ok: boolean;
  lines: string[];
  /** Changes written to the Sheet (and drained) by this run. */
  changes: number;
  resellers: number;
  flagged: number;
}

interface SyncState {
  /** When a run last happened (an idle run records it at most hourly). */
  lastRunAt: number;
  /** When the Sheet was last read and written. */
  lastReadAt: number;
  /** The highest commit sequence written to the Sheet. */
  lastSequence: number;
}

/** Support's edits of the Sheet arrive within this time even when nothing else calls for a sync. */
export const FULL_READ_EVERY_MS = 60 * 60 * 1000;
/** An idle run records that it ran at most this often (support's card needs the hour, not the minute). */
export const HEARTBEAT_EVERY_MS = 60 * 60 * 1000;

/**
 * One run. The trigger's run returns after two calls (the owner check and one read of the store)
 * when there is nothing to do: no change waiting, no "Sync now" request, and the Sheet read less
 * than an hour ago. `force` (the owner running it by hand) always reads the Sheet.
 */
export function sync(deps: OwnerDependencies, options: { force?: boolean } = {}): SyncReport {
  const refusal = refusalForNonOwner(deps);
  if (refusal !== undefined) return failed(deps, refusal);
  // Step by step on a store with select (Firestore, where the whole store is every organisation):
  // the changes and the sync's own keys first, which say whether there is anything to do; on
  // Script Properties one read of everything answers every step.
  let all = selectOrAll(deps.scriptStore, { prefixes: SYNC_PREFIXES });
  const state = readState(all);
  let { changes } = listOutbox(all);
  const now = deps.now();
  const requested = all[KEYS.syncRequest] !== undefined;
  if (!options.force && changes.length === 0 && !requested && now - state.lastReadAt < FULL_READ_EVERY_MS) {
    if (now - state.lastRunAt >= HEARTBEAT_EVERY_MS)
      deps.scriptStore.setAll({ [KEYS.syncState]: JSON.stringify({ ...state, lastRunAt: now }) });
    return { ok: true, lines: [], changes: 0, resellers: 0, flagged: 0 };
  }
  const ownerTexts = SHEET_TEXTS[sheetLanguage(deps.locale())].report;
  selectMore(deps.scriptStore, all, { prefixes: [KEYS.directoryPrefix] });
  const id = all[KEYS.sheetId];
  if (id === undefined) return failed(deps, ownerTexts.noSheet);
  const directory = readDirectory(all);
  if (!directory.ok)
    return failed(deps, `The reseller directory cannot be read (${directory.problem}); nothing was changed.`);
  let tabs: TabRows;
  try {
    tabs = withBackoff(deps, () => readTabs(deps.sheets, id));
  } catch (error) {
    if (error instanceof TabMissingError) return failed(deps, ownerTexts.tabMissing(error.tab));
    if (isQuotaError(error)) return failed(deps, ownerTexts.quota);
    throw error;
  }
  const damaged = TABS.find((t) => !isKnownHeader(t, tabs[t.id][0] ?? [], columnsRead(t)));
  if (damaged) return failed(deps, ownerTexts.headerDamaged(damaged.title));
  // The organisations this run writes rows for or checks support's edits against.
  selectMore(deps.scriptStore, all, { keys: recordKeys(changes, rowsToCheck(tabs.assignments.slice(1))) });
  const settings = readSettingsRows(tabs.settings.slice(1), parseStoredSettings(all[KEYS.settings] ?? null));
  const language = settings.settings.statusLanguage;

  // Applications and the sidebar's status changes go into the Resellers rows first, so that the
  // directory read from them holds them (programme-sync.ts).
  const programme = applyProgramme(tabs, changes, Number(all[KEYS.lastResellerId] ?? 0) || 0);
  for (const refused of programme.refused) deps.log(ownerTexts.programmeRefused(refused.domain, refused.to));
  const resellers = resellerResults(
    programme.tabs,
    directory.resellers,
    programme.lastIdNumber,
    language,
    state.lastReadAt === 0,
  );
  // The directory first: support's edits of Assignments are checked against it, and a run stopped
  // after this point writes the same directory again.
  if (directoryChanged(directory.resellers, resellers.directory)) {
    replaceDirectory(
      deps.scriptStore,
      deps.cache,
      deps.lock,
      resellers.directory,
      `sheet-${encodeSequence(deps.now())}`,
    );
  }
  const edits = applyAssignmentEdits(deps, tabs, all, resellers.directory);
  const answers = applyRequestAnswers(deps, tabs);
  if (edits.applied + answers.applied > 0) {
    // The edits are changes now, with their own commit sequences: read them like any other.
    all = selectOrAll(deps.scriptStore, { prefixes: [...SYNC_PREFIXES, KEYS.directoryPrefix] });
    changes = listOutbox(all).changes;
    selectMore(deps.scriptStore, all, { keys: recordKeys(changes, rowsToCheck(tabs.assignments.slice(1))) });
  }
  const names = new Map(resellers.directory.map((r) => [r.id, r.name]));
  const okText = SHEET_TEXTS[language].status.ok;
  const data = [
    ...programme.writes,
    ...resellers.writes,
    ...settingsWrites(tabs, settings.rows, language),
    ...assignmentWrites(
      tabs,
      changes,
      all,
      names,
      okText,
      new Map(
        edits.flagged.map(({ row, problem }) => [row + 2, SHEET_TEXTS[language].status.assignment(problem)]),
      ),
    ),
    ...appendBySequence(tabs, 'requests', changes.filter(isRequest).map(requestRow)),
    ...answeredRequests(tabs, changes, okText),
    ...answers.flagged.map(({ row, problem }) => ({
      range: rowsRange(tab('requests'), row + 2, 1, tab('requests').columns.indexOf('syncStatus'), 1),
      values: [[SHEET_TEXTS[language].status.request(problem)]],
    })),
    ...appendBySequence(tabs, 'audit', auditRows(tabs, changes, all)),
  ];
  try {
    withBackoff(deps, () => writeRows(deps.sheets, id, tabs, data));
  } catch (error) {
    if (isQuotaError(error)) return failed(deps, ownerTexts.quota);
    throw error;
  }
  const lastSequence = changes.reduce((max, c) => Math.max(max, c.seq), state.lastSequence);
  const after: SyncState = { lastRunAt: now, lastReadAt: now, lastSequence };
  const written = {
    [KEYS.syncState]: JSON.stringify(after),
    [KEYS.lastResellerId]: String(resellers.lastIdNumber),
    [KEYS.settings]: JSON.stringify(settings.settings),
  };
  // Drained last, in two calls whatever their number: every change above is in the Sheet now (one
  // left behind would only be skipped next time). Under the lock, so that no customer's change
  // committed meanwhile can be lost by the rewrite.
  const drained = new Set(changes.map((c) => KEYS.outbox(encodeSequence(c.seq))));
  if (requested) drained.add(KEYS.syncRequest);
  const done = deps.lock.withLock(LOCK_TIMEOUT_MS, () => {
    // What the drain changes, not the whole store (on Firestore, every organisation): the changes
    // and the sync's own keys by prefix, role holders and removed links by label, and the texts of
    // the domains the directory gives roles to (a linked domain's says whose copy it is).
    const current = selectFrom(deps.scriptStore, {
      prefixes: [KEYS.outboxPrefix, 's:', KEYS.sequence],
      labels: [LABELS.roles, LABELS.noRecord],
      keys: roleDomains(resellers.directory).map((domain) => KEYS.domain(domain)),
      // A change or a marker created meanwhile is left for the next run, and every key written
      // here was read (its precondition guards it): no transaction, no locks held over the outbox.
      tolerateNewKeys: true,
    });
    const deletes = new Set<string>(drained);
    const writes: Record<string, string> = {};
    // Domains whose link was removed: dropped in the same commit, so nothing can be left
    // half-unlinked by dropping them.
    for (const [key, value] of Object.entries(current))
      if (value === NO_RECORD_TEXT && key.startsWith(KEYS.domainPrefix)) deletes.add(key);
    // Every domain's reseller roles follow the directory just written, except where a programme
    // change committed since is still waiting (its role is newer than the directory).
    const keep = new Set(
      listOutbox(current)
        .changes.filter((c) => !drained.has(KEYS.outbox(encodeSequence(c.seq))))
        .filter((c) => c.type === 'applied' || c.type === 'resellerStatus')
        .map((c) => c.domain),
    );
    for (const [domain, text] of roleWrites(
      current,
      rolesFromDirectory(resellers.directory, current),
      keep,
    )) {
      if (text === null) deletes.add(KEYS.domain(domain));
      else writes[KEYS.domain(domain)] = text;
    }
    // An id given out meanwhile by nobody else, but never step back.
    const lastId = Math.max(Number(current[KEYS.lastResellerId] ?? 0) || 0, resellers.lastIdNumber);
    rewriteSelected(
      deps.scriptStore,
      current,
      { ...writes, ...written, [KEYS.lastResellerId]: String(lastId) },
      deletes,
    );
  });
  if (!done.acquired) deps.scriptStore.setAll(written);
  const line = ownerTexts.synced(changes.length, resellers.directory.length, resellers.flagged);
  deps.log(line);
  const percent = deps.scriptStore.unbounded ? 0 : storeFillPercent(all);
  if (percent >= STORE_WARNING_PERCENT) deps.log(ownerTexts.storeFilling(percent));
  return {
    ok: true,
    lines: [line],
    changes: changes.length,
    resellers: resellers.directory.length,
    flagged: resellers.flagged,
  };
}

/** The changes, the sync's own keys (s:sheet, s:sync, s:set, …) and the commit counter. */
const SYNC_PREFIXES = [KEYS.outboxPrefix, 's:', KEYS.sequence];

/** The domain records a run needs: every change's organisation (and linked domain) and the rows to check. */
function recordKeys(changes: readonly Change[], rows: readonly string[]): string[] {
  const domains = new Set(rows);
  for (const change of changes) {
    domains.add(change.domain);
    if (change.type === 'linked' || change.type === 'unlinked') domains.add(change.organisation);
  }
  return [...domains].map((domain) => KEYS.domain(domain));
}

function failed(deps: OwnerDependencies, line: string): SyncReport {
  deps.log(line);
  return { ok: false, lines: [line], changes: 0, resellers: 0, flagged: 0 };
}

/**
 * Waits before the next try after a quota error (HTTP 429): the Sheets quota is per minute, so the
 * waits add up to a little over one. A run that still fails stops with a message; the trigger's
 * next run continues where it stopped.
 */
const BACKOFF_MS = [5_000, 15_000, 45_000];

function withBackoff<T>(deps: OwnerDependencies, call: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return call();
    } catch (error) {
      const wait = BACKOFF_MS[attempt];
      if (!isQuotaError(error) || wait === undefined) throw error;
      deps.sleep(wait);
    }
  }
}

/** Google's advanced services report a 429 as an exception whose message names the quota. */
export function isQuotaError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /quota|rate limit|429/i.test(message);
}

function readState(all: Record<string, string>): SyncState {
  try {
    const parsed: unknown = JSON.parse(all[KEYS.syncState] ?? '');
    if (typeof parsed === 'object' && parsed !== null) {
      const { lastRunAt, lastReadAt, lastSequence } = parsed as Record<string, unknown>;
      if (typeof lastRunAt === 'number' && typeof lastReadAt === 'number' && typeof lastSequence === 'number')
        return { lastRunAt, lastReadAt, lastSequence };
    }
  } catch {
    // No state yet, or damaged: the sync then relies on the sequences in the Sheet alone.
  }
  return { lastRunAt: 0, lastReadAt: 0, lastSequence: 0 };
}

/** The editor of a Sheet cell is not known to the API: Audit names the tab instead. */
export const SHEET_EDITOR = 'support (Assignments tab)';

/**
 * Support's edits of the Assignments tab, checked and applied as support assignments in one
 * commit. The rule for a customer changed by a user and by support between two syncs: support's
 * edit wins, as it is committed after the user's change; the Audit tab shows both, in that order.
 */
function applyAssignmentEdits(
  deps: OwnerDependencies,
  tabs: TabRows,
  all: Record<string, string>,
  directory: readonly Reseller[],
): { applied: number; flagged: AssignmentRowsRead['flagged'] } {
  const current = new Map<string, StoredRow>();
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(KEYS.domainPrefix)) continue;
    const domain = key.slice(KEYS.domainPrefix.length);
    const stored = decodeOrganisation(domain, value);
    if (!stored) continue;
    current.set(
      domain,
      stored.organisation !== domain
        ? { value: linkedValue(stored.organisation), links: [] }
        : {
            value: stored.record.kind === 'reseller' ? stored.record.resellerId : 'direct',
            links: stored.links,
          },
    );
  }
  const approved = new Set(directory.filter((r) => r.status === 'approved').map((r) => r.id));
  const read = readAssignmentRows(tabs.assignments.slice(1), current, (id) => approved.has(id));
  const flagged = [...read.flagged];
  let applied = 0;
  if (read.edits.length > 0) {
    const result = commitSupportAssignments(
      deps.scriptStore,
      deps.lock,
      read.edits.map((edit) => ({ ...edit, actorEmail: SHEET_EDITOR, clock: deps.now })),
    );
    applied += result.outcome === 'saved' ? result.saved.length : 0;
  }
  if (read.links.length > 0) {
    const result = commitLinks(
      deps.scriptStore,
      deps.lock,
      read.links.map((edit) => ({ ...edit, actorEmail: SHEET_EDITOR, clock: deps.now })),
    );
    if (result.outcome === 'saved')
      result.results.forEach((outcome, i) => {
        const edit = read.links[i] as LinkEdit;
        if (outcome.outcome === 'linked' || outcome.outcome === 'unlinked') applied++;
        else if (outcome.outcome !== 'unchanged')
          flagged.push({
            row: edit.row,
            problem: { kind: 'linkRefused', domain: edit.domain, why: outcome.outcome },
          });
      });
  }
  return { applied, flagged };
}

/** Support's answers typed into the Requests tab, checked and committed in one go. */
function applyRequestAnswers(
  deps: OwnerDependencies,
  tabs: TabRows,
): { applied: number; flagged: ReturnType<typeof readRequestRows>['flagged'] } {
  const read = readRequestRows(tabs.requests.slice(1));
  if (read.answers.length === 0) return { applied: 0, flagged: read.flagged };
  const result = commitRequestAnswers(
    deps.scriptStore,
    deps.lock,
    read.answers.map((a) => ({ ...a, actorEmail: 'support (Requests tab)', clock: deps.now })),
  );
  return { applied: result.outcome === 'saved' ? result.saved.length : 0, flagged: read.flagged };
}
