/**
 * The marker the store's writers respect during a migration (src/owner/migrate.ts): a ScriptLock
 * wrapper that, once the lock (or the Firestore transaction) is held, checks that the backend this
 * execution chose is still the one in use, and otherwise answers `{ acquired: false }` — the
 * "busy, try again" every locked writer already handles — so nothing is written into a store the
 * migration has left. On Script Properties it reads `f:config` (the migration switches it holding
 * the script lock); on Firestore the marker document `f:backend` (read inside the transaction, so a
 * transaction that read it before the way back froze Firestore aborts at commit).
 */
import { FIRESTORE_CONFIG_KEY, type StoreBackend } from '../store/firestore-config';
import type { KeyValueStore, ScriptLock } from '../store/ports';
import { BACKEND_MARKER_KEY } from './migrate';

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

export function guardedLock(store: KeyValueStore, lock: ScriptLock, backend: StoreBackend): ScriptLock {
  const stillCurrent = (): boolean =>
    backend === 'properties'
      ? configuredBackend(store.get(FIRESTORE_CONFIG_KEY)) === 'properties'
      : store.get(BACKEND_MARKER_KEY) !== 'properties';
  return {
    withLock(timeoutMs, critical) {
      try {
        return lock.withLock(timeoutMs, () => {
          if (!stillCurrent()) throw new BackendMoved();
          return critical();
        });
      } catch (error) {
        if (error instanceof BackendMoved) return { acquired: false };
        throw error;
      }
    },
  };
}
