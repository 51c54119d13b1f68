/**
 * The owner's migration between the two stores: `migrateToFirestore` copies the add-on's data from
 * Script Properties into Firestore and then switches `f:config` to `backend: "firestore"`;
 * `migrateBackToProperties` does the reverse. Pure over ports: the Script Properties store and the
 * script lock (OwnerDependencies), the Firestore store, the clock and the log.
 *
 * What is copied: every key the add-on owns (d:, r:, o:, c:, i:, s:), never `f:config` (the private
 * key stays in Script Properties) nor the migration's own state key, `s:mig`.
 *
 * How, so that a crash at any point converges when the command is run again:
 * 1. Bulk copy, in key order, MIGRATION_BATCH_KEYS keys per write; after each batch the last key
 *    copied is recorded in `s:mig` (Script Properties). A re-run resumes after it; a batch copied
 *    twice writes the same values again.
 * 2. Final pass, holding the script lock (every Script Properties writer takes it; a writer that
 *    waited for it re-reads the backend, see src/store/backend-guard.ts): the source is read again and what
 *    differs from the target is written (keys the target lacks or holds with another value), what
 *    the target has beyond the source is deleted. On the way back Firestore's writers are frozen
 *    first by the marker document `f:backend` = "properties", which every guarded Firestore
 *    writer reads with its first keys; the final pass then waits FREEZE_WAIT_MS, by which time a
 *    writer that read it before has committed or run again and been refused.
 * 3. Verification: the target is read back; counts and a checksum over every (key, value) pair
 *    must match the source. Only then the switch is written — `f:config` and `s:mig` in one
 *    all-or-nothing write, still under the lock. On a mismatch nothing is switched (the way back
 *    unfreezes Firestore) and the log says what differs: counts and the first differing key, never
 *    a value.
 *
 * Running again after success changes nothing and says so. The way back refuses, before writing
 * anything, data that Script Properties cannot hold (500 KB in all, 9 KB per value, UTF-8).
 */
import { fnvFinish, fnvStart, fnvUpdate } from '../domain/hash';
import { utf8Length } from '../domain/utf8';
import { STORE_MAX_BYTES } from '../store/capacity';
import {
  BACKEND_MARKER_KEY,
  FIRESTORE_CONFIG_KEY,
  FirestoreConfigError,
  readFirestoreConfig,
  type StoreBackend,
} from '../store/firestore-config';
import type { KeyValueStore } from '../store/ports';
import { refusalForNonOwner, type OwnerDependencies } from './owner';

/** The migration's state in Script Properties (JSON MigrationState). */
export const MIGRATION_STATE_KEY = 's:mig';
/** Keys per write of the bulk copy (a Firestore commit takes at most 500 writes). */
export const MIGRATION_BATCH_KEYS = 200;
/** How long the final pass waits for the script lock. */
export const MIGRATION_LOCK_TIMEOUT_MS = 30000;
/**
 * How long the way back waits after freezing Firestore before its final pass reads it: longer than
 * an optimistic Firestore attempt may take from its first read to its commit (OPTIMISTIC_LEASE_MS,
 * 5 s, src/store/firestore-store.ts), so no writer that read the marker before the freeze is left.
 */
export const FREEZE_WAIT_MS = 6000;
/** Apps Script's limit for one Script Property's value. */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;

const MIGRATED = /^[drocis]:/;

export interface MigrationDependencies extends OwnerDependencies {
  /** The Firestore store (firestoreStore(...).store), built from `f:config`. */
  firestore: KeyValueStore;
}

export interface MigrationReport {
  ok: boolean;
  /** Whether this run wrote anything. */
  changed: boolean;
  /** The one-line summary, also logged. */
  line: string;
  keys: number;
  batches: number;
  checksum: string;
}

interface MigrationState {
  to: StoreBackend;
  /** The last key of the last batch copied; '' before the first. */
  lastKey: string;
  batches: number;
  startedAt: number;
  /** The switch was written. */
  done: boolean;
}

/** Whether the migration copies `key`. */
export function isMigratedKey(key: string): boolean {
  return MIGRATED.test(key) && key !== MIGRATION_STATE_KEY;
}

/** The migrated keys of `all`, in key order. */
export function migratedEntries(all: Record<string, string>): [string, string][] {
  return Object.entries(all)
    .filter(([key]) => isMigratedKey(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** FNV-1a over every (key, value) pair in key order, each part length-prefixed. */
export function entriesChecksum(entries: readonly [string, string][]): string {
  let hash = fnvStart();
  for (const [key, value] of entries) {
    hash = fnvUpdate(hash, `${key.length}:${key}${value.length}:`);
    hash = fnvUpdate(hash, value);
  }
  return fnvFinish(hash).toString(36);
}

export function migrateToFirestore(deps: MigrationDependencies): MigrationReport {
  return migrate(deps, 'firestore');
}

export function migrateBackToProperties(deps: MigrationDependencies): MigrationReport {
  return migrate(deps, 'properties');
}

const TITLE: Record<StoreBackend, string> = {
  firestore: 'Migration to Firestore',
  properties: 'Migration back to Script Properties',
};

function migrate(deps: MigrationDependencies, to: StoreBackend): MigrationReport {
  const title = TITLE[to];
  const refusal = refusalForNonOwner(deps);
  if (refusal !== undefined) return finish(deps, fail(refusal));
  const rawConfig = deps.scriptStore.get(FIRESTORE_CONFIG_KEY);
  let backend: StoreBackend;
  try {
    const config = readFirestoreConfig(deps.scriptStore);
    if (config === null || rawConfig === null)
      return finish(
        deps,
        fail(`${title}: Firestore is not configured (${FIRESTORE_CONFIG_KEY}); nothing was changed.`),
      );
    backend = config.backend;
  } catch (error) {
    // Its messages are fixed words and field names only (firestore-config.ts).
    if (error instanceof FirestoreConfigError)
      return finish(deps, fail(`${title}: ${error.message}; nothing was changed.`));
    throw error;
  }
  const source = to === 'firestore' ? deps.scriptStore : deps.firestore;
  const target = to === 'firestore' ? deps.firestore : deps.scriptStore;
  const state = readState(deps.scriptStore.get(MIGRATION_STATE_KEY));

  if (backend === to) {
    const entries = migratedEntries(target.getAll());
    const line = `${title}: already done (the add-on runs on ${name(to)}); nothing was changed. ${entries.length} keys, checksum ${entriesChecksum(entries)}.`;
    return finish(deps, {
      ok: true,
      changed: false,
      line,
      keys: entries.length,
      batches: 0,
      checksum: entriesChecksum(entries),
    });
  }

  // 1. Bulk copy, resumable.
  const first = migratedEntries(source.getAll());
  if (to === 'properties') {
    const misfit = propertiesMisfit(deps.scriptStore.getAll(), first);
    if (misfit) return finish(deps, fail(`${title}: refused, ${misfit}; nothing was changed.`));
  }
  const resumed = state !== null && state.to === to && !state.done;
  let progress: MigrationState = resumed
    ? state
    : { to, lastKey: '', batches: 0, startedAt: deps.now(), done: false };
  if (resumed)
    deps.log(`${title}: resuming after ${progress.batches} batches (last key ${progress.lastKey}).`);
  const pending = first.filter(([key]) => key > progress.lastKey);
  for (let i = 0; i < pending.length; i += MIGRATION_BATCH_KEYS) {
    const batch = pending.slice(i, i + MIGRATION_BATCH_KEYS);
    target.setAll(Object.fromEntries(batch));
    const last = batch[batch.length - 1];
    progress = { ...progress, lastKey: last ? last[0] : progress.lastKey, batches: progress.batches + 1 };
    deps.scriptStore.setAll({ [MIGRATION_STATE_KEY]: JSON.stringify(progress) });
  }

  // 2. and 3. Final pass, verification and switch under the script lock.
  const locked = deps.lock.withLock(MIGRATION_LOCK_TIMEOUT_MS, (): MigrationReport => {
    if (to === 'properties') {
      deps.firestore.setAll({ [BACKEND_MARKER_KEY]: 'properties' });
      // A Firestore writer that read the marker just before commits within its lease or runs again
      // and sees it (firestore-store.ts's optimistic attempts): the final pass reads after that.
      deps.sleep(FREEZE_WAIT_MS);
    }
    const unfreeze = (): void => {
      if (to === 'properties') deps.firestore.setAll({ [BACKEND_MARKER_KEY]: 'firestore' });
    };
    const wanted = migratedEntries(source.getAll());
    if (to === 'properties') {
      const misfit = propertiesMisfit(deps.scriptStore.getAll(), wanted);
      if (misfit) {
        unfreeze();
        return fail(`${title}: refused, ${misfit}; the add-on stays on ${name(backend)}.`);
      }
    }
    const wantedMap = new Map(wanted);
    const present = new Map(migratedEntries(target.getAll()));
    const changed = wanted.filter(([key, value]) => present.get(key) !== value);
    for (let i = 0; i < changed.length; i += MIGRATION_BATCH_KEYS)
      target.setAll(Object.fromEntries(changed.slice(i, i + MIGRATION_BATCH_KEYS)));
    const extra = [...present.keys()].filter((key) => !wantedMap.has(key));
    for (const key of extra) target.delete(key);

    const copied = migratedEntries(target.getAll());
    const sum = entriesChecksum(wanted);
    const copiedSum = entriesChecksum(copied);
    const batches = progress.batches + Math.ceil(changed.length / MIGRATION_BATCH_KEYS);
    if (copied.length !== wanted.length || copiedSum !== sum) {
      unfreeze();
      const line =
        `${title}: verification failed, nothing was switched: ${name(source === deps.scriptStore ? 'properties' : 'firestore')} ` +
        `has ${wanted.length} keys (checksum ${sum}), ${name(to)} ${copied.length} (checksum ${copiedSum}); ` +
        `first differing key: ${firstDifference(wanted, copied) ?? '(none)'}. Run it again once the cause is fixed.`;
      return { ok: false, changed: true, line, keys: wanted.length, batches, checksum: sum };
    }
    if (to === 'firestore') deps.firestore.setAll({ [BACKEND_MARKER_KEY]: 'firestore' });
    const done: MigrationState = { ...progress, batches, done: true };
    deps.scriptStore.setAll({
      [FIRESTORE_CONFIG_KEY]: withBackend(rawConfig, to),
      [MIGRATION_STATE_KEY]: JSON.stringify(done),
    });
    const line =
      `${title}: ${wanted.length} keys in ${batches} batches (${changed.length} written and ${extra.length} deleted ` +
      `in the final pass), checksum ${sum}; the add-on now runs on ${name(to)}.`;
    return { ok: true, changed: true, line, keys: wanted.length, batches, checksum: sum };
  });
  if (!locked.acquired)
    return finish(
      deps,
      fail(
        `${title}: the script lock could not be had; the copy is kept, nothing was switched. Run it again.`,
      ),
    );
  return finish(deps, locked.value);
}

function name(backend: StoreBackend): string {
  return backend === 'firestore' ? 'Firestore' : 'Script Properties';
}

function fail(line: string): MigrationReport {
  return { ok: false, changed: false, line, keys: 0, batches: 0, checksum: '' };
}

function finish(deps: MigrationDependencies, report: MigrationReport): MigrationReport {
  deps.log(report.line);
  return report;
}

function readState(raw: string | null): MigrationState | null {
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<MigrationState> | null;
    if (
      parsed &&
      (parsed.to === 'firestore' || parsed.to === 'properties') &&
      typeof parsed.lastKey === 'string' &&
      typeof parsed.batches === 'number'
    )
      return {
        to: parsed.to,
        lastKey: parsed.lastKey,
        batches: parsed.batches,
        startedAt: typeof parsed.startedAt === 'number' ? parsed.startedAt : 0,
        done: parsed.done === true,
      };
  } catch {
    // A damaged state starts the copy over, which is always safe.
  }
  return null;
}

/** `f:config`'s JSON with `backend` set; every other field kept as stored (the key never logged). */
function withBackend(raw: string, backend: StoreBackend): string {
  const fields = JSON.parse(raw) as Record<string, unknown>;
  return JSON.stringify({ ...fields, backend });
}

/** Why `entries` would not fit in Script Properties beside its other keys, or null when it fits. */
function propertiesMisfit(
  properties: Record<string, string>,
  entries: readonly [string, string][],
): string | null {
  let bytes = 0;
  for (const [key, value] of Object.entries(properties))
    if (!isMigratedKey(key)) bytes += utf8Length(key) + utf8Length(value);
  for (const [key, value] of entries) {
    const valueBytes = utf8Length(value);
    if (valueBytes > PROPERTY_VALUE_MAX_BYTES)
      return `the value of ${key} has ${valueBytes} bytes, over the ${PROPERTY_VALUE_MAX_BYTES} bytes of one Script Property`;
    bytes += utf8Length(key) + valueBytes;
  }
  if (bytes > STORE_MAX_BYTES)
    return `the data needs ${bytes} bytes, over the ${STORE_MAX_BYTES} bytes Script Properties hold`;
  return null;
}

/** The first key, in key order, whose presence or value differs between the two sides. */
function firstDifference(a: readonly [string, string][], b: readonly [string, string][]): string | null {
  const left = new Map(a);
  const right = new Map(b);
  const keys = [...new Set([...left.keys(), ...right.keys()])].sort();
  return keys.find((key) => left.get(key) !== right.get(key)) ?? null;
}
