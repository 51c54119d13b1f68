/**
 * The owner's store commands on the Firestore build (webpack.config.cjs puts this module in
 * migration-backend.ts's place): `configureFirestore` (src/owner/firestore-setup.ts) and the two
 * migrations (src/owner/migrate.ts). Whichever store the add-on runs on, they work on both at once:
 * Script Properties and the script lock as they are (never the guarded backend of this execution),
 * and a Firestore store built from `f:config` when first used, so a refusal before that (not the
 * owner, not configured) makes no request.
 */
import { configureFirestore } from '../owner/firestore-setup';
import { migrateBackToProperties, migrateToFirestore } from '../owner/migrate';
import type { StoreCommand } from '../owner/store-commands';
import { readFirestoreConfig, type FirestoreConfig } from '../store/firestore-config';
import { FirestoreRest } from '../store/firestore-rest';
import { retryingHttp } from '../store/firestore-retry';
import { firestoreStore } from '../store/firestore-store';
import { labelsOf } from '../store/labels';
import type { KeyValueStore } from '../store/ports';
import { firestoreAccessToken } from './firestore-auth';
import { scriptLock } from './lock';
import { ownerServices } from './owner-platform';
import { scriptProperties } from './properties';
import { urlFetchAll } from './url-fetch';

function connect(config: FirestoreConfig): KeyValueStore {
  const now = (): number => Date.now();
  const sleep = (ms: number): void => Utilities.sleep(ms);
  const rest = new FirestoreRest(
    retryingHttp(urlFetchAll, { now, sleep }),
    config,
    firestoreAccessToken(config),
  );
  // Labelled as the add-on's own writes are, so that what the migration copies is found by label.
  return firestoreStore(rest, { now, sleep, labelsOf }).store;
}

/** The Firestore store of `f:config`, made on its first call (migrate.ts reads the config itself first). */
function lazyFirestore(properties: KeyValueStore): KeyValueStore {
  let store: KeyValueStore | undefined;
  const target = (): KeyValueStore => {
    if (store) return store;
    const config = readFirestoreConfig(properties);
    if (!config) throw new Error('Firestore is not configured (f:config)');
    store = connect(config);
    return store;
  };
  return {
    get: (key) => target().get(key),
    getAll: () => target().getAll(),
    setAll: (values) => target().setAll(values),
    delete: (key) => target().delete(key),
    replaceAll: (values) => target().replaceAll(values),
  };
}

export function runStoreCommand(command: StoreCommand, ownerEmail: string): void {
  const properties = scriptProperties();
  const deps = { ...ownerServices(), ownerEmail, scriptStore: properties, lock: scriptLock() };
  if (command === 'configureFirestore') {
    configureFirestore({ ...deps, connect });
    return;
  }
  const migration = { ...deps, firestore: lazyFirestore(properties) };
  if (command === 'migrateToFirestore') migrateToFirestore(migration);
  else migrateBackToProperties(migration);
}
