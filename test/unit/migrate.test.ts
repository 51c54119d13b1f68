/**
 * The owner's migration (src/owner/migrate.ts): Script Properties (MemoryStore) to Firestore (the
 * store over the in-memory REST fake) and back — counts and checksums, a crash after any batch,
 * writes during the copy, a lossy target, the private key kept home, the way back's limits.
 */
import {
  entriesChecksum,
  migrateBackToProperties,
  migratedEntries,
  migrateToFirestore,
  MIGRATION_BATCH_KEYS,
  MIGRATION_STATE_KEY,
  type MigrationDependencies,
} from '../../src/owner/migrate';
import { configuredBackend, guardedLock } from '../../src/store/backend-guard';
import type { SheetsApi } from '../../src/sheet/ports';
import {
  BACKEND_MARKER_KEY,
  FIRESTORE_CONFIG_KEY,
  readFirestoreConfig,
} from '../../src/store/firestore-config';
import type { KeyValueStore } from '../../src/store/ports';
import { fakeFirestoreStore, FirestoreFake } from '../support/firestore-fake';
import { FakeLock, MemoryCache, MemoryStore } from '../support/memory-ports';

const OWNER = 'owner@reseller-connect.example';
const KEY_BODY = 'MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAsecretsecretsecret';
const PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----\n`;
const CONFIG = JSON.stringify({
  projectId: 'demo-project',
  clientEmail: 'migrator@demo-project.iam.gserviceaccount.com',
  privateKey: PRIVATE_KEY,
});

const sheets: SheetsApi = {
  create: () => {
    throw new Error('no Sheets in a migration');
  },
  get: () => {
    throw new Error('no Sheets in a migration');
  },
  batchUpdate: () => undefined,
  writeValues: () => undefined,
};

/** A store the test can make fail or lose keys; everything else goes to `inner`. */
class Faulty implements KeyValueStore {
  setAllCalls = 0;
  failAt: number | null = null;
  lose: string | null = null;
  afterSetAll: ((call: number) => void) | null = null;
  constructor(readonly inner: KeyValueStore) {}
  get(key: string): string | null {
    return this.inner.get(key);
  }
  getAll(): Record<string, string> {
    return this.inner.getAll();
  }
  setAll(values: Record<string, string>): void {
    this.setAllCalls++;
    if (this.setAllCalls === this.failAt) throw new Error(`crash at setAll ${this.setAllCalls}`);
    const kept = { ...values };
    if (this.lose !== null) delete kept[this.lose];
    this.inner.setAll(kept);
    this.afterSetAll?.(this.setAllCalls);
  }
  delete(key: string): void {
    this.inner.delete(key);
  }
  replaceAll(values: Record<string, string>): void {
    this.inner.replaceAll(values);
  }
}

function dataset(count: number, valueBytes = 40): Record<string, string> {
  const data: Record<string, string> = {
    'c:seq': '1a',
    'r:meta': 'v1|3',
    's:sheet': 'sheet-1',
  };
  for (let i = 0; i < count; i++)
    data[`d:customer-${String(i).padStart(4, '0')}.de`] = `R${i}|`.padEnd(valueBytes, 'x');
  data['o:1'] = '{"kind":"choice"}';
  data['i:ABC123'] = 'R1|2026';
  return data;
}

function setupWorld(data: Record<string, string>, email = OWNER) {
  const properties = new MemoryStore();
  for (const [key, value] of Object.entries({ ...data, [FIRESTORE_CONFIG_KEY]: CONFIG }))
    properties.data.set(key, value);
  const fake = new FirestoreFake();
  const firestore = new Faulty(fakeFirestoreStore(fake).store);
  const lines: string[] = [];
  const lock = new FakeLock();
  const deps: MigrationDependencies = {
    effectiveEmail: () => email,
    locale: () => 'en',
    ownerEmail: OWNER,
    scriptStore: properties,
    cache: new MemoryCache(),
    lock,
    sheets,
    now: () => 1_700_000_000_000,
    sleep: () => undefined,
    log: (line) => lines.push(line),
    firestore,
  };
  return { properties, fake, firestore, lines, deps, lock };
}

const backendOf = (properties: MemoryStore): string | undefined => readFirestoreConfig(properties)?.backend;

describe('migrateToFirestore', () => {
  it('copies every owned key in batches, verifies counts and checksum, then switches', () => {
    const data = dataset(450);
    const world = setupWorld(data);
    const report = migrateToFirestore(world.deps);
    const expected = migratedEntries(data);
    expect(report).toMatchObject({
      ok: true,
      changed: true,
      keys: expected.length,
      batches: Math.ceil(expected.length / MIGRATION_BATCH_KEYS),
      checksum: entriesChecksum(expected),
    });
    expect(migratedEntries(world.firestore.getAll())).toEqual(expected);
    expect(world.firestore.get(BACKEND_MARKER_KEY)).toBe('firestore');
    expect(backendOf(world.properties)).toBe('firestore');
    // The rest of f:config is kept as it was.
    expect(readFirestoreConfig(world.properties)?.privateKey.reveal()).toBe(PRIVATE_KEY);
    expect(world.lines).toHaveLength(1);
    expect(world.lines[0]).toMatch(/455 keys in 3 batches .*checksum \w+; the add-on now runs on Firestore/);
    // Commits stay far below Firestore's 500 writes.
    for (const entry of world.fake.log.filter((e) => e.method === 'commit'))
      expect((entry.body.writes as unknown[]).length).toBeLessThanOrEqual(MIGRATION_BATCH_KEYS);
  });

  it('never copies f:config or the private key, nor its own state', () => {
    const world = setupWorld(dataset(30));
    migrateToFirestore(world.deps);
    const sent = JSON.stringify(world.fake.log);
    expect(sent).not.toContain(KEY_BODY);
    expect(sent).not.toContain('migrator@');
    expect(
      Object.keys(world.firestore.getAll()).filter(
        (k) => k.startsWith('f:config') || k === MIGRATION_STATE_KEY,
      ),
    ).toEqual([]);
    expect(world.lines.join('\n')).not.toContain(KEY_BODY);
  });

  it('running again after success changes nothing and says so', () => {
    const world = setupWorld(dataset(50));
    migrateToFirestore(world.deps);
    const properties = world.properties.snapshot();
    const commits = world.fake.count('commit');
    const again = migrateToFirestore(world.deps);
    expect(again).toMatchObject({ ok: true, changed: false });
    expect(world.lines[1]).toMatch(/already done .*nothing was changed/);
    expect(world.properties.snapshot()).toEqual(properties);
    expect(world.fake.count('commit')).toBe(commits);
  });

  const batchCount = Math.ceil(migratedEntries(dataset(450)).length / MIGRATION_BATCH_KEYS);
  it.each(Array.from({ length: batchCount + 1 }, (_, i) => i + 1))(
    'a crash at the target write %i resumes and converges, switching once',
    (n) => {
      const data = dataset(450);
      const world = setupWorld(data);
      world.firestore.failAt = n;
      expect(() => migrateToFirestore(world.deps)).toThrow(`crash at setAll ${n}`);
      expect(backendOf(world.properties)).toBe('properties');
      world.firestore.failAt = null;
      const before = world.firestore.setAllCalls;
      const report = migrateToFirestore(world.deps);
      expect(report).toMatchObject({ ok: true, changed: true });
      expect(migratedEntries(world.firestore.getAll())).toEqual(migratedEntries(data));
      // Only the batches after the last one recorded are copied again.
      const recopied = world.firestore.setAllCalls - before;
      expect(recopied).toBeLessThanOrEqual(batchCount - Math.min(n - 1, batchCount) + 2);
      const switches = world.properties.writes.filter((w) => FIRESTORE_CONFIG_KEY in w);
      expect(switches).toHaveLength(1);
      expect(migrateToFirestore(world.deps).changed).toBe(false);
    },
  );

  it('carries a customer write made between batches through the final pass', () => {
    const world = setupWorld(dataset(450));
    world.firestore.afterSetAll = (call) => {
      if (call === 1) {
        world.properties.data.set('d:customer-0000.de', 'R9|changed');
        world.properties.data.set('d:new-customer.de', 'R2|new');
        world.properties.data.delete('i:ABC123');
      }
    };
    const report = migrateToFirestore(world.deps);
    expect(report.ok).toBe(true);
    const target = world.firestore.getAll();
    expect(target['d:customer-0000.de']).toBe('R9|changed');
    expect(target['d:new-customer.de']).toBe('R2|new');
    expect(target['i:ABC123']).toBeUndefined();
    expect(migratedEntries(target)).toEqual(migratedEntries(world.properties.snapshot()));
    expect(world.lines[0]).toMatch(/2 written and 1 deleted in the final pass/);
  });

  it('detects a target that loses a key and switches nothing', () => {
    const world = setupWorld(dataset(30));
    world.firestore.lose = 'd:customer-0007.de';
    const report = migrateToFirestore(world.deps);
    expect(report.ok).toBe(false);
    expect(backendOf(world.properties)).toBe('properties');
    expect(world.firestore.get(BACKEND_MARKER_KEY)).toBeNull();
    expect(world.lines[0]).toMatch(
      /verification failed, nothing was switched: Script Properties has 35 keys .*Firestore 34 .*first differing key: d:customer-0007\.de/,
    );
    expect(world.lines[0]).not.toContain('R7|');
  });

  it('refuses a caller who is not the owner, changing nothing', () => {
    const world = setupWorld(dataset(10), 'anna@acme.de');
    const report = migrateToFirestore(world.deps);
    expect(report.ok).toBe(false);
    expect(world.fake.count('commit')).toBe(0);
    expect(world.properties.writes).toEqual([]);
    expect(migrateBackToProperties(world.deps).ok).toBe(false);
  });

  it('refuses when Firestore is not configured', () => {
    const world = setupWorld(dataset(10));
    world.properties.data.delete(FIRESTORE_CONFIG_KEY);
    expect(migrateToFirestore(world.deps)).toMatchObject({ ok: false, changed: false });
    expect(world.lines[0]).toMatch(/not configured/);
  });
});

describe('migrateBackToProperties', () => {
  it('copies Firestore back, deletes what is stale, and switches; again changes nothing', () => {
    const world = setupWorld(dataset(300));
    migrateToFirestore(world.deps);
    // On Firestore now: customers write there; Script Properties keep the stale copy.
    world.firestore.setAll({ 'd:later.de': 'R3|later', 'd:customer-0001.de': 'R4|moved' });
    world.firestore.delete('d:customer-0002.de');
    const report = migrateBackToProperties(world.deps);
    expect(report).toMatchObject({ ok: true, changed: true });
    expect(migratedEntries(world.properties.snapshot())).toEqual(migratedEntries(world.firestore.getAll()));
    expect(world.properties.data.get('d:customer-0002.de')).toBeUndefined();
    expect(backendOf(world.properties)).toBe('properties');
    expect(world.firestore.get(BACKEND_MARKER_KEY)).toBe('properties');
    expect(world.lines[1]).toMatch(/Migration back to Script Properties: \d+ keys in \d+ batches .*checksum/);
    expect(migrateBackToProperties(world.deps).changed).toBe(false);
  });

  it('refuses data over 500 KB, changing nothing', () => {
    const world = setupWorld(dataset(10));
    migrateToFirestore(world.deps);
    const big: Record<string, string> = {};
    for (let i = 0; i < 70; i++) big[`d:big-${i}.de`] = 'x'.repeat(8000);
    world.firestore.setAll(big);
    const properties = world.properties.snapshot();
    const commits = world.fake.count('commit');
    const report = migrateBackToProperties(world.deps);
    expect(report).toMatchObject({ ok: false, changed: false });
    expect(world.lines[1]).toMatch(/refused, the data needs \d+ bytes, over the 512000 bytes/);
    expect(world.properties.snapshot()).toEqual(properties);
    expect(world.fake.count('commit')).toBe(commits);
  });

  it('refuses a value over 9 KB', () => {
    const world = setupWorld(dataset(10));
    migrateToFirestore(world.deps);
    world.firestore.setAll({ 'r:0': 'ü'.repeat(5000) });
    expect(migrateBackToProperties(world.deps).ok).toBe(false);
    expect(world.lines[1]).toMatch(/value of r:0 has 10000 bytes/);
  });

  it('resumes after a crash at any batch', () => {
    for (let n = 1; n <= 3; n++) {
      const world = setupWorld(dataset(450));
      migrateToFirestore(world.deps);
      const properties = new Faulty(world.properties);
      const deps = { ...world.deps, scriptStore: properties };
      properties.failAt = n * 2 - 1; // batch n's data write (each batch also writes the state)
      expect(() => migrateBackToProperties(deps)).toThrow();
      properties.failAt = null;
      expect(migrateBackToProperties(deps).ok).toBe(true);
      expect(migratedEntries(world.properties.snapshot())).toEqual(migratedEntries(world.firestore.getAll()));
      expect(backendOf(world.properties)).toBe('properties');
    }
  });
});

describe('guardedLock', () => {
  it('answers busy to a Script Properties writer once the switch is written', () => {
    const world = setupWorld(dataset(5));
    const guarded = guardedLock(world.properties, world.lock, 'properties');
    expect(guarded.withLock(100, () => 1)).toEqual({ acquired: true, value: 1 });
    migrateToFirestore(world.deps);
    expect(configuredBackend(world.properties.get(FIRESTORE_CONFIG_KEY))).toBe('firestore');
    expect(guarded.withLock(100, () => 1)).toEqual({ acquired: false });
  });

  it('answers busy to a Firestore writer once the way back froze Firestore', () => {
    const fake = new FirestoreFake();
    const ports = fakeFirestoreStore(fake);
    const guarded = guardedLock(ports.store, ports.lock, 'firestore');
    expect(guarded.withLock(100, () => ports.store.setAll({ 'd:a.de': '1' }))).toMatchObject({
      acquired: true,
    });
    ports.store.setAll({ [BACKEND_MARKER_KEY]: 'properties' });
    expect(guarded.withLock(100, () => ports.store.setAll({ 'd:a.de': '2' }))).toEqual({ acquired: false });
    expect(ports.store.get('d:a.de')).toBe('1');
  });
});
