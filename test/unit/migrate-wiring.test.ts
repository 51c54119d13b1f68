/**
 * The migration as the add-on wires it: the Firestore guard (guardedFirestore) costs no round trip
 * and answers busy once Firestore is frozen, also for a write that raced the freeze; the Script
 * Properties guard answers busy after the switch; `configureFirestore` turns a pasted key into
 * f:config only once Firestore answers, never logging the key; the default build's store commands
 * refuse, saying which build to deploy.
 */
import { configureFirestore, FIRESTORE_KEY_KEY } from '../../src/owner/firestore-setup';
import { FREEZE_WAIT_MS } from '../../src/owner/migrate';
import { BACKEND_MARKER_KEY } from '../../src/store/firestore-config';
import { guardedFirestore, guardedLock } from '../../src/store/backend-guard';
import {
  propertiesBuildRefusal,
  refuseOnPropertiesBuild,
  STORE_COMMANDS,
} from '../../src/owner/store-commands';
import type { SheetsApi } from '../../src/sheet/ports';
import {
  FIRESTORE_CONFIG_KEY,
  readFirestoreConfig,
  type FirestoreConfig,
} from '../../src/store/firestore-config';
import { FirestoreRest } from '../../src/store/firestore-rest';
import { firestoreStore, OPTIMISTIC_LEASE_MS } from '../../src/store/firestore-store';
import type { KeyValueStore } from '../../src/store/ports';
import { fakeFirestoreStore, FirestoreFake } from '../support/firestore-fake';
import { FakeLock, MemoryCache, MemoryStore } from '../support/memory-ports';

const OWNER = 'owner@reseller-connect.example';
const KEY_BODY = 'MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAsecretsecretsecret';
const PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----\n`;
/** What the Cloud console downloads as the service account's JSON key. */
const KEY_FILE = JSON.stringify({
  type: 'service_account',
  project_id: 'demo-project',
  private_key_id: 'abc123',
  private_key: PRIVATE_KEY,
  client_email: 'migrator@demo-project.iam.gserviceaccount.com',
  client_id: '1234567890',
  token_uri: 'https://oauth2.googleapis.com/token',
});

const sheets: SheetsApi = {
  create: () => {
    throw new Error('no Sheets here');
  },
  get: () => {
    throw new Error('no Sheets here');
  },
  batchUpdate: () => undefined,
  writeValues: () => undefined,
};

function ownerDeps(properties: MemoryStore, email = OWNER) {
  const lines: string[] = [];
  return {
    lines,
    deps: {
      effectiveEmail: () => email,
      locale: () => 'en',
      ownerEmail: OWNER,
      scriptStore: properties as KeyValueStore,
      cache: new MemoryCache(),
      lock: new FakeLock(),
      sheets,
      now: () => 0,
      sleep: () => undefined,
      log: (line: string) => lines.push(line),
    },
  };
}

describe('guardedFirestore', () => {
  it('reads the marker with the transaction first keys: no round trip of its own', () => {
    const bare = new FirestoreFake();
    const plain = fakeFirestoreStore(bare);
    const guardedFake = new FirestoreFake();
    const ports = fakeFirestoreStore(guardedFake);
    const both = guardedFirestore(ports.store, ports.lock);
    const confirm = (store: KeyValueStore) => () => {
      store.prefetch?.(['d:a.de', 'r:meta', 'c:seq']);
      const seq = store.get('c:seq');
      store.setAll({ 'd:a.de': `R1|${seq ?? ''}`, 'c:seq': '2' });
      return 'saved';
    };
    expect(plain.lock.withLock(1000, confirm(plain.store))).toEqual({ acquired: true, value: 'saved' });
    const before = guardedFake.roundTrips;
    expect(both.lock.withLock(1000, confirm(both.store))).toEqual({ acquired: true, value: 'saved' });
    expect(guardedFake.roundTrips - before).toBe(bare.roundTrips);
    // A single get as the first read takes the marker along too.
    const single = guardedFake.roundTrips;
    both.lock.withLock(1000, () => both.store.setAll({ 'd:b.de': both.store.get('d:b.de') ?? 'x' }));
    expect(guardedFake.roundTrips - single).toBe(2); // the batchGet and the commit
  });

  it('takes the marker along with a first select too, and leaves it out of the answer', () => {
    const fake = new FirestoreFake();
    const ports = fakeFirestoreStore(fake);
    const { store, lock } = guardedFirestore(ports.store, ports.lock);
    store.setAll({ 'o:1': 'a', 'o:2': 'b', [BACKEND_MARKER_KEY]: 'firestore' });
    const before = fake.roundTrips;
    const drain = () => {
      const read = store.select?.({ prefixes: ['o:'], tolerateNewKeys: true }) ?? {};
      for (const key of Object.keys(read)) store.delete(key);
      return Object.keys(read);
    };
    expect(lock.withLock(1000, drain)).toEqual({ acquired: true, value: ['o:1', 'o:2'] });
    expect(fake.roundTrips - before).toBe(2); // the select (with the marker) and the commit
    store.setAll({ 'o:3': 'c', [BACKEND_MARKER_KEY]: 'properties' });
    expect(lock.withLock(1000, drain)).toEqual({ acquired: false });
    expect(ports.store.get('o:3')).toBe('c');
  });

  it('answers busy once the way back froze Firestore, writing nothing', () => {
    const fake = new FirestoreFake();
    const ports = fakeFirestoreStore(fake);
    const { store, lock } = guardedFirestore(ports.store, ports.lock);
    store.setAll({ [BACKEND_MARKER_KEY]: 'properties' });
    const write = () => {
      store.prefetch?.(['d:a.de']);
      store.setAll({ 'd:a.de': '2' });
      return 'saved';
    };
    expect(lock.withLock(1000, write)).toEqual({ acquired: false });
    // Also a write that reads nothing first.
    expect(lock.withLock(1000, () => store.setAll({ 'd:b.de': '1' }))).toEqual({ acquired: false });
    expect(ports.store.get('d:a.de')).toBeNull();
    expect(ports.store.get('d:b.de')).toBeNull();
    store.setAll({ [BACKEND_MARKER_KEY]: 'firestore' });
    expect(lock.withLock(1000, write)).toEqual({ acquired: true, value: 'saved' });
  });

  it('runs again, and is refused, a write that read the marker before the freeze and outlived its lease', () => {
    const fake = new FirestoreFake();
    let now = 0;
    const rest = new FirestoreRest(
      fake.http,
      { firestoreUrl: fake.baseUrl, projectId: 'demo-project', databaseId: '(default)' },
      () => 'test-token',
    );
    const ports = firestoreStore(rest, { now: () => now, sleep: (ms) => (now += ms), random: () => 0.5 });
    const { store, lock } = guardedFirestore(ports.store, ports.lock);
    const other = fakeFirestoreStore(fake);
    let attempts = 0;
    const result = lock.withLock(30_000, () => {
      attempts++;
      store.prefetch?.(['d:a.de']);
      if (attempts === 1) {
        // The way back freezes Firestore and waits FREEZE_WAIT_MS while this attempt still runs.
        other.store.setAll({ [BACKEND_MARKER_KEY]: 'properties' });
        now += FREEZE_WAIT_MS;
      }
      store.setAll({ 'd:a.de': '1' });
      return 'saved';
    });
    expect(FREEZE_WAIT_MS).toBeGreaterThan(OPTIMISTIC_LEASE_MS);
    expect(result).toEqual({ acquired: false });
    expect(attempts).toBe(2);
    expect(ports.store.get('d:a.de')).toBeNull();
  });

  it('guardedLock on Script Properties answers busy after the switch, before anything is written', () => {
    const properties = new MemoryStore();
    const lock = guardedLock(properties, new FakeLock(), 'properties');
    expect(lock.withLock(100, () => 1)).toEqual({ acquired: true, value: 1 });
    properties.data.set(FIRESTORE_CONFIG_KEY, JSON.stringify({ backend: 'firestore' }));
    let ran = false;
    expect(lock.withLock(100, () => (ran = true))).toEqual({ acquired: false });
    expect(ran).toBe(false);
  });
});

describe('configureFirestore', () => {
  function world(email = OWNER) {
    const properties = new MemoryStore();
    const fake = new FirestoreFake();
    const { deps, lines } = ownerDeps(properties, email);
    const connected: FirestoreConfig[] = [];
    const connect = (config: FirestoreConfig): KeyValueStore => {
      connected.push(config);
      return fakeFirestoreStore(fake).store;
    };
    return { properties, fake, lines, connected, deps: { ...deps, connect } };
  }

  it('turns the pasted key file into f:config once Firestore answers, and deletes f:key', () => {
    const w = world();
    w.properties.data.set(FIRESTORE_KEY_KEY, KEY_FILE);
    const report = configureFirestore(w.deps);
    expect(report.ok).toBe(true);
    expect(w.connected).toHaveLength(1);
    const config = readFirestoreConfig(w.properties);
    expect(config).toMatchObject({
      projectId: 'demo-project',
      databaseId: '(default)',
      clientEmail: 'migrator@demo-project.iam.gserviceaccount.com',
      backend: 'properties',
    });
    expect(config?.privateKey.reveal()).toBe(PRIVATE_KEY);
    expect(w.properties.data.has(FIRESTORE_KEY_KEY)).toBe(false);
    expect(w.lines.join('\n')).toContain('still runs on Script Properties; run migrateToFirestore');
    expect(w.lines.join('\n')).not.toContain(KEY_BODY);
  });

  it('keeps the store in use and refuses a key of another project while on Firestore', () => {
    const w = world();
    w.properties.data.set(FIRESTORE_KEY_KEY, KEY_FILE);
    configureFirestore(w.deps);
    const onFirestore = {
      ...JSON.parse(w.properties.data.get(FIRESTORE_CONFIG_KEY) ?? '{}'),
      backend: 'firestore',
    };
    w.properties.data.set(FIRESTORE_CONFIG_KEY, JSON.stringify(onFirestore));
    // A rotated key of the same project: accepted, still on Firestore.
    w.properties.data.set(FIRESTORE_KEY_KEY, KEY_FILE);
    expect(configureFirestore(w.deps).ok).toBe(true);
    expect(readFirestoreConfig(w.properties)?.backend).toBe('firestore');
    // Another project would leave the data behind.
    w.properties.data.set(FIRESTORE_KEY_KEY, KEY_FILE.replace(/demo-project/g, 'other-project'));
    const report = configureFirestore(w.deps);
    expect(report.ok).toBe(false);
    expect(report.line).toContain('Run migrateBackToProperties first');
    expect(readFirestoreConfig(w.properties)?.projectId).toBe('demo-project');
  });

  it('changes nothing when Firestore does not answer, and never logs the key', () => {
    const w = world();
    w.fake.tokens = new Set(['another-token']);
    w.properties.data.set(FIRESTORE_KEY_KEY, KEY_FILE);
    const report = configureFirestore(w.deps);
    expect(report.ok).toBe(false);
    expect(report.line).toContain('Firestore did not answer');
    expect(w.properties.data.has(FIRESTORE_CONFIG_KEY)).toBe(false);
    expect(w.properties.data.get(FIRESTORE_KEY_KEY)).toBe(KEY_FILE);
    expect(w.lines.join('\n')).not.toContain(KEY_BODY);
  });

  it.each([
    ['text that is not JSON', `{"private_key": "${KEY_BODY}"`, 'f:key is not valid JSON'],
    [
      'a key file without its key',
      JSON.stringify({ project_id: 'demo-project', client_email: 'a@b.iam.gserviceaccount.com' }),
      'privateKey is missing',
    ],
  ])('refuses %s without quoting it', (_label, pasted, message) => {
    const w = world();
    w.properties.data.set(FIRESTORE_KEY_KEY, pasted);
    const report = configureFirestore(w.deps);
    expect(report).toMatchObject({ ok: false });
    expect(report.line).toContain(message);
    expect(report.line).not.toContain(KEY_BODY);
    expect(w.connected).toHaveLength(0);
  });

  it('says what to do when nothing is configured, and refuses anyone but the owner', () => {
    const w = world();
    expect(configureFirestore(w.deps).line).toContain(`into Script Property ${FIRESTORE_KEY_KEY}`);
    const stranger = world('someone@customer.example');
    stranger.properties.data.set(FIRESTORE_KEY_KEY, KEY_FILE);
    expect(configureFirestore(stranger.deps).ok).toBe(false);
    expect(stranger.properties.data.has(FIRESTORE_CONFIG_KEY)).toBe(false);
    expect(stranger.connected).toHaveLength(0);
  });
});

describe('the store commands on the default build', () => {
  it.each(STORE_COMMANDS)('%s refuses, saying which build to deploy', (command) => {
    const properties = new MemoryStore();
    const { deps, lines } = ownerDeps(properties);
    expect(refuseOnPropertiesBuild(deps, command).ok).toBe(false);
    expect(lines).toEqual([propertiesBuildRefusal(command)]);
    expect(lines[0]).toContain('deploy the Firestore build first (npm run build:firestore');
    expect(properties.calls).toEqual({ get: 0, getAll: 0, setAll: 0, delete: 0 });
  });

  it('answers anyone but the owner with the owner refusal', () => {
    const { deps, lines } = ownerDeps(new MemoryStore(), 'someone@customer.example');
    refuseOnPropertiesBuild(deps, 'migrateToFirestore');
    expect(lines[0]).not.toContain('build:firestore');
  });
});
