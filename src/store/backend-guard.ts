/**
 * The marker the store's writers respect during a migration (src/owner/migrate.ts): a ScriptLock
 * wrapper that checks that the backend this execution chose is still the one in use, and otherwise
 * answers `{ acquired: false }` — the "busy, try again" every locked writer already handles — so
 * nothing is written into a store the migration has left. On Script Properties it reads `f:config`
 * once the script lock is held (the migration switches it holding that lock); on Firestore the
 * marker document `f:backend`, read inside the transaction together with the transaction's first
 * keys (so it costs no round trip) and checked before the commit. A writer that read it just before
 * the way back froze Firestore commits within its optimistic lease or runs again and is refused; the
 * migration waits that lease out before its final pass (FREEZE_WAIT_MS).
 *
 * The default build needs none of it: it cannot run a migration, and only the Firestore build runs
 * on either store (src/platform/store-backend-firestore.ts).
 */
import { BACKEND_MARKER_KEY, FIRESTORE_CONFIG_KEY, type StoreBackend } from './firestore-config';
import type { KeyValueStore, ScriptLock } from './ports';

class BackendMoved extends Error {}

/** The backend `f:config` names ('properties' when it is missing, damaged or says nothing). */
export function configuredBackend(raw: string | null): StoreBackend {
  if (raw === null) return 'properties';
  try {
    const parsed = JSON.parse(raw) as { backend?: unknown } | null;
    return parsed?.backend === 'firestore' ? 'firestore' : 'properties';
  } catch {
    return 'properties';
  }
}

/**
 * The lock `backend`'s writers take. Script Properties are written at once, so the check comes
 * first, once the script lock is held. Firestore's writes are buffered until the commit, so there
 * it comes after `critical`, from the marker read with the transaction's other keys (see
 * guardedFirestore).
 */
export function guardedLock(store: KeyValueStore, lock: ScriptLock, backend: StoreBackend): ScriptLock {
  if (backend === 'firestore') return guardedFirestore(store, lock).lock;
  return busyWhenMoved(lock, (critical) => {
    if (configuredBackend(store.get(FIRESTORE_CONFIG_KEY)) !== 'properties') throw new BackendMoved();
    return critical();
  });
}

/**
 * The Firestore store and lock with the marker respected, at no round trip of its own: inside the
 * lock, the transaction's first read (the store's prefetch of a confirm's keys, or a single get)
 * fetches `f:backend` in the same batchGet, and the check after `critical` finds it read. Frozen,
 * the writer answers busy, its buffered writes dropped: nothing reaches the store left behind.
 */
export function guardedFirestore(
  store: KeyValueStore,
  lock: ScriptLock,
): { store: KeyValueStore; lock: ScriptLock } {
  /** Nesting depth of guarded critical sections (a store function inside another: one transaction). */
  let depth = 0;
  /** The marker is among the current attempt's reads. */
  let markerRead = false;
  const withMarker = (keys: readonly string[]): void => {
    if (depth === 0 || markerRead) return;
    markerRead = true;
    store.prefetch?.([...keys, BACKEND_MARKER_KEY]);
  };
  // Writes (buffered by the transaction) and any other read pass through unchanged.
  const guarded: KeyValueStore = {
    ...store,
    prefetch: (keys) => {
      if (depth > 0 && !markerRead) withMarker(keys);
      else store.prefetch?.(keys);
    },
    get: (key) => {
      withMarker([key]);
      return store.get(key);
    },
    getAll: () => {
      // The whole collection holds the marker too.
      if (depth > 0) markerRead = true;
      return store.getAll();
    },
    replaceAll: (values) => {
      if (depth > 0) markerRead = true;
      store.replaceAll(values);
    },
  };
  const select = store.select?.bind(store);
  if (select) {
    // The marker rides with the section's first select too (the sync's drain, support's batch),
    // and is taken out of the answer, which holds only what was asked for.
    guarded.select = (query) => {
      if (depth === 0 || markerRead || (query.keys ?? []).includes(BACKEND_MARKER_KEY)) return select(query);
      markerRead = true;
      const answer = select({ ...query, keys: [...(query.keys ?? []), BACKEND_MARKER_KEY] });
      delete answer[BACKEND_MARKER_KEY];
      return answer;
    };
  }
  const guardedLockPort = busyWhenMoved(lock, (critical) => {
    // Each attempt is a new transaction (a retry after contention reads everything again).
    if (depth === 0) markerRead = false;
    depth++;
    try {
      const value = critical();
      if (store.get(BACKEND_MARKER_KEY) === 'properties') throw new BackendMoved();
      return value;
    } finally {
      depth--;
    }
  });
  return { store: guarded, lock: guardedLockPort };
}

/** `lock` running every critical section through `check`; a BackendMoved is "busy, nothing changed". */
function busyWhenMoved(lock: ScriptLock, check: <T>(critical: () => T) => T): ScriptLock {
  return {
    withLock(timeoutMs, critical) {
      try {
        return lock.withLock(timeoutMs, () => check(critical));
      } catch (error) {
        if (error instanceof BackendMoved) return { acquired: false };
        throw error;
      }
    },
  };
}
