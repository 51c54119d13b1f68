/**
 * The store backend of the Firestore build (webpack.config.cjs puts it in store-backend.ts's place):
 * chosen once per execution, on its first use. With Script Property `f:config` set, the script
 * store and the lock are Cloud Firestore's (src/store/firestore-store.ts: every withLock is one
 * read-write transaction); without it, Script Properties and the script lock, as in the default
 * build, so a fresh deployment works before it is configured (and a migration can switch it by
 * setting f:config). User Properties and the cache stay Apps Script's in both cases.
 */
import { readFirestoreConfig } from '../store/firestore-config';
import { FirestoreRest } from '../store/firestore-rest';
import { firestoreStore } from '../store/firestore-store';
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
  if (!config) {
    chosen = { store: scriptProperties(), lock: scriptLock() };
    return chosen;
  }
  const rest = new FirestoreRest(urlFetchAll, config, firestoreAccessToken(config));
  const { store, lock } = firestoreStore(rest, { now: () => Date.now(), sleep: (ms) => Utilities.sleep(ms) });
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
