/**
 * The store backend of the Firestore build (webpack.config.cjs puts it in store-backend.ts's place):
 * chosen once per execution, on its first use. When Script Property `f:config` names
 * `backend: "firestore"` (which the owner's migration writes, src/owner/migrate.ts), the script store
 * and the lock are Cloud Firestore's (src/store/firestore-store.ts: every withLock is an optimistic
 * commit guarded by preconditions, or a read-write transaction when it reads many keys); otherwise — not configured yet, or configured and not migrated — Script Properties
 * and the script lock, as in the default build. User Properties and the cache stay Apps Script's.
 *
 * Either lock is guarded (src/store/backend-guard.ts): an execution that chose a store before the
 * migration switched away from it answers "busy" instead of writing into the store left behind.
 * On Script Properties that is one more read (f:config) per locked write, on this build only; on
 * Firestore no round trip (the marker comes with the transaction's first read).
 */
import { guardedFirestore, guardedLock } from '../store/backend-guard';
import { readFirestoreConfig } from '../store/firestore-config';
import { FirestoreRest } from '../store/firestore-rest';
import { retryingHttp } from '../store/firestore-retry';
import { firestoreStore } from '../store/firestore-store';
import { labelsOf } from '../store/labels';
import type { KeyValueStore, ScriptLock } from '../store/ports';
import { firestoreAccessToken } from './firestore-auth';
import { scriptLock } from './lock';
import { scriptProperties } from './properties';
import { urlFetchAll } from './url-fetch';

/**
 * How long a Firestore transaction may keep trying. The store asks for the script lock's 5 s
 * (LOCK_TIMEOUT_MS), but a Firestore attempt can be held that long by the server itself: a read
 * waits for another transaction's lock on the same document until one of them is aborted (about 5 s
 * on the emulator with many writers of one organisation), and the retry, which would see the
 * winner at once, must still be allowed. Well inside the 30 s add-on callback limit.
 */
export const FIRESTORE_LOCK_TIMEOUT_MS = 15_000;

interface Backend {
  store: KeyValueStore;
  lock: ScriptLock;
}

/** One per execution: the store and the lock share the transaction in progress. */
let chosen: Backend | null = null;

function backend(): Backend {
  if (chosen) return chosen;
  const config = readFirestoreConfig(scriptProperties());
  if (!config || config.backend !== 'firestore') {
    // Guarded even when not configured: the owner may configure and migrate while this runs.
    const properties = scriptProperties();
    chosen = { store: properties, lock: guardedLock(properties, scriptLock(), 'properties') };
    return chosen;
  }
  const http = retryingHttp(urlFetchAll, {
    now: () => Date.now(),
    sleep: (ms) => Utilities.sleep(ms),
  });
  const rest = new FirestoreRest(http, config, firestoreAccessToken(config));
  const firestore = firestoreStore(rest, {
    now: () => Date.now(),
    sleep: (ms) => Utilities.sleep(ms),
    labelsOf,
  });
  const { store, lock } = guardedFirestore(firestore.store, firestore.lock);
  chosen = {
    store,
    lock: {
      withLock: (timeoutMs, critical) =>
        lock.withLock(Math.max(timeoutMs, FIRESTORE_LOCK_TIMEOUT_MS), critical),
    },
  };
  return chosen;
}

export const backendScriptStore = (): KeyValueStore => backend().store;
export const backendLock = (): ScriptLock => backend().lock;
