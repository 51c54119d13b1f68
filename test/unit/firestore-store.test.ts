/**
 * The store's ports on Firestore (src/store/firestore-store.ts over firestore-rest.ts), against an
 * in-memory fake of the REST API: the existing store functions run unchanged and race-safely, writes
 * are all or nothing, and any key round-trips through a valid document id.
 */
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import type { Reseller } from '../../src/domain/reseller';
import { commitChoice, readAssignment, type ChoiceInput } from '../../src/store/assignments';
import { writeDirectory } from '../../src/store/directory';
import { replaceDirectory } from '../../src/store/replace-directory';
import { StoreFullError } from '../../src/store/errors';
import {
  decodeKey,
  encodeKey,
  FirestoreError,
  FirestoreRest,
  KeyTooLongError,
} from '../../src/store/firestore-rest';
import { firestoreStore, OPTIMISTIC_LEASE_MS } from '../../src/store/firestore-store';
import { KEYS } from '../../src/store/keys';
import { LABELS, labelsOf } from '../../src/store/labels';
import { selectFrom } from '../../src/store/select';
import { listOutbox } from '../../src/store/outbox';
import { error, FirestoreFake } from '../support/firestore-fake';

const NOW = Date.UTC(2026, 10, 23, 9, 30, 15);
const MUELLER = DEMO_RESELLERS[0] as Reseller;
const SCHAEFER = DEMO_RESELLERS[2] as Reseller;

/** One execution of the add-on on the fake: its own client, store, lock and clock. */
function execution(fake: FirestoreFake) {
  const rest = new FirestoreRest(
    fake.http,
    { firestoreUrl: fake.baseUrl, projectId: 'demo-project', databaseId: '(default)' },
    () => 'test-token',
  );
  const clock = { now: 0, sleeps: [] as number[] };
  const ports = firestoreStore(rest, {
    now: () => clock.now,
    sleep: (ms) => {
      clock.sleeps.push(ms);
      clock.now += ms;
    },
    random: () => 0.5,
    labelsOf,
  });
  return { rest, clock, ...ports };
}

function choice(pick: ChoiceInput['choice'], actorEmail: string): ChoiceInput {
  return { domain: 'acme.de', actorEmail, choice: pick, clock: () => NOW };
}

function withDirectory(): FirestoreFake {
  const fake = new FirestoreFake();
  const setup = execution(fake);
  writeDirectory(setup.store, setup.lock, DEMO_RESELLERS, 'demo-1');
  return fake;
}

describe('commitChoice on Firestore', () => {
  it('saves a choice with plain reads and one commit guarded by preconditions', () => {
    const fake = withDirectory();
    const anna = execution(fake);
    const before = fake.roundTrips;
    const outcome = commitChoice(
      anna.store,
      anna.lock,
      choice({ kind: 'reseller', resellerId: MUELLER.id }, 'anna@acme.de'),
    );
    expect(outcome).toMatchObject({ outcome: 'saved', record: { kind: 'reseller', resellerId: MUELLER.id } });
    expect(fake.count('beginTransaction')).toBe(0);
    expect(fake.count('commit')).toBe(2); // the directory's, and this one
    const reads = fake.log.slice(-(fake.roundTrips - before)).map((entry) => entry.method);
    // The record, the directory's meta entry and the counter come in one batchGet (the prefetch),
    // the reseller's directory chunk in a second; one commit ends it.
    expect(reads).toEqual(['batchGet', 'batchGet', 'commit']);
    expect(readAssignment(anna.store, 'acme.de')).toMatchObject({
      state: 'ok',
      record: { resellerId: MUELLER.id },
    });
    expect(listOutbox(anna.store.getAll()).changes).toHaveLength(1);
  });

  it('two users race: the first commit wins, the other is refused by its precondition, reads the winner and writes nothing', () => {
    const fake = withDirectory();
    const anna = execution(fake);
    const bert = execution(fake);
    let bertsOutcome: unknown = null;
    fake.before = (method) => {
      // Bert's whole attempt runs while Anna's commit is on its way.
      if (method === 'commit' && bertsOutcome === null) {
        bertsOutcome = 'running';
        bertsOutcome = commitChoice(
          bert.store,
          bert.lock,
          choice({ kind: 'reseller', resellerId: SCHAEFER.id }, 'bert@acme.de'),
        );
      }
    };
    const commitsBefore = fake.count('commit');
    const logBefore = fake.log.length;
    const annas = commitChoice(
      anna.store,
      anna.lock,
      choice({ kind: 'reseller', resellerId: MUELLER.id }, 'anna@acme.de'),
    );
    expect(bertsOutcome).toMatchObject({ outcome: 'saved', record: { resellerId: SCHAEFER.id } });
    expect(annas).toMatchObject({ outcome: 'alreadyBound', record: { resellerId: SCHAEFER.id } });
    // Anna's commit was refused (create-only), she waited once, read again and wrote nothing:
    // two commits in all (Bert's and Anna's refused one), no transaction, nothing held.
    expect(anna.clock.sleeps).toHaveLength(1);
    expect(fake.count('commit') - commitsBefore).toBe(2);
    expect(
      fake.log.slice(logBefore).some((entry) => entry.body.newTransaction || entry.body.transaction),
    ).toBe(false);
    // One record, one change in the outbox, the sequence advanced once.
    const all = anna.store.getAll();
    expect(listOutbox(all).changes.map((c) => [c.seq, c.type, c.actorEmail])).toEqual([
      [1, 'assigned', 'bert@acme.de'],
    ]);
    expect(readAssignment(anna.store, 'acme.de')).toMatchObject({
      state: 'ok',
      record: { resellerId: SCHAEFER.id },
    });
  });

  it('runs a critical section that reads the whole store as a read-write transaction, which a concurrent write aborts', () => {
    const fake = new FirestoreFake();
    const anna = execution(fake);
    const bert = execution(fake);
    anna.store.setAll({ 'o:1': 'a' });
    let raced = false;
    fake.before = (method, body) => {
      if (method === 'commit' && body.transaction && !raced) {
        raced = true;
        bert.store.setAll({ 'o:2': 'b' });
      }
    };
    const result = anna.lock.withLock(5000, () => {
      const count = Object.keys(anna.store.getAll()).length;
      anna.store.setAll({ count: String(count) });
      return count;
    });
    // The first transaction read one change; Bert's write aborted its commit; the retry read two.
    expect(result).toEqual({ acquired: true, value: 2 });
    expect(anna.store.get('count')).toBe('2');
    const retried = fake.log.filter(
      (entry) =>
        (entry.body.newTransaction as { readWrite?: { retryTransaction?: string } } | undefined)?.readWrite
          ?.retryTransaction,
    );
    expect(retried).toHaveLength(1);
  });

  it('abandons an optimistic attempt whose reads are older than the lease, and runs it again', () => {
    const fake = new FirestoreFake();
    const anna = execution(fake);
    let attempts = 0;
    const result = anna.lock.withLock(20_000, () => {
      attempts++;
      const seen = anna.store.get('a');
      if (attempts === 1) anna.clock.now += OPTIMISTIC_LEASE_MS + 1;
      anna.store.setAll({ a: `${seen ?? ''}x` });
      return attempts;
    });
    expect(result).toEqual({ acquired: true, value: 2 });
    expect(anna.store.get('a')).toBe('x');
  });

  it('gives up with "busy" when every commit is refused until the timeout, and writes nothing', () => {
    const fake = withDirectory();
    const anna = execution(fake);
    fake.before = (method) =>
      method === 'commit' ? error(409, 'ABORTED', 'Too much contention') : undefined;
    const outcome = commitChoice(anna.store, anna.lock, choice({ kind: 'direct' }, 'anna@acme.de'));
    expect(outcome).toEqual({ outcome: 'busy' });
    fake.before = null;
    expect(anna.store.get(KEYS.domain('acme.de'))).toBeNull();
    // Backoff doubles up to a ceiling and stays within the lock timeout (5 s).
    expect(anna.clock.sleeps.slice(0, 4)).toEqual([38, 75, 150, 300]);
    expect(anna.clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5000);
  });

  it('passes on an error that is not contention, after rolling the transaction back', () => {
    const fake = withDirectory();
    const anna = execution(fake);
    fake.before = (method) =>
      method === 'commit'
        ? error(403, 'PERMISSION_DENIED', 'Missing or insufficient permissions.')
        : undefined;
    expect(() => commitChoice(anna.store, anna.lock, choice({ kind: 'direct' }, 'anna@acme.de'))).toThrow(
      FirestoreError,
    );
    const failing = execution(fake);
    fake.before = (method) =>
      method === 'batchGet' ? error(503, 'UNAVAILABLE', 'The service is unavailable.') : undefined;
    expect(() => failing.lock.withLock(1000, () => failing.store.get('x'))).toThrow(/UNAVAILABLE/);
  });
});

describe('the Firestore store inside withLock', () => {
  it('sees its own buffered writes, and commits them only at the end', () => {
    const fake = new FirestoreFake();
    const { store, lock } = execution(fake);
    store.setAll({ a: '1', b: '2' });
    const result = lock.withLock(1000, () => {
      store.setAll({ a: 'one', c: '3' });
      store.delete('b');
      expect(fake.count('commit')).toBe(1);
      return { a: store.get('a'), b: store.get('b'), all: store.getAll() };
    });
    expect(result).toEqual({ acquired: true, value: { a: 'one', b: null, all: { a: 'one', c: '3' } } });
    expect(store.getAll()).toEqual({ a: 'one', c: '3' });
  });

  it('reads a key once per attempt; an attempt that wrote nothing sends nothing more', () => {
    const fake = new FirestoreFake();
    const { store, lock } = execution(fake);
    store.setAll({ a: '1' });
    const before = fake.roundTrips;
    lock.withLock(1000, () => [store.get('a'), store.get('a'), store.get('missing'), store.get('missing')]);
    expect(fake.log.slice(-(fake.roundTrips - before)).map((e) => e.method)).toEqual([
      'batchGet',
      'batchGet',
    ]);
  });

  it('rolls back a transaction that wrote nothing', () => {
    const fake = new FirestoreFake();
    const { store, lock } = execution(fake);
    store.setAll({ a: '1' });
    const before = fake.roundTrips;
    lock.withLock(1000, () => store.getAll());
    expect(fake.log.slice(-(fake.roundTrips - before)).map((e) => e.method)).toEqual([
      'runQuery',
      'rollback',
    ]);
  });

  it('replaceAll keeps exactly the values given', () => {
    const fake = new FirestoreFake();
    const { store, lock } = execution(fake);
    store.setAll({ a: '1', b: '2', c: '3' });
    lock.withLock(1000, () => store.replaceAll({ b: 'two', d: '4' }));
    expect(store.getAll()).toEqual({ b: 'two', d: '4' });
    store.replaceAll({ e: '5' });
    expect(store.getAll()).toEqual({ e: '5' });
  });

  it('runs a nested withLock in the same transaction', () => {
    const fake = new FirestoreFake();
    const { store, lock } = execution(fake);
    lock.withLock(1000, () => lock.withLock(1000, () => store.setAll({ a: '1' })));
    expect(store.get('a')).toBe('1');
    expect(fake.count('commit')).toBe(1);
  });
});

describe('setAll is all or nothing', () => {
  const huge = 'x'.repeat(2_000_000);

  it('outside a transaction: one commit; a value Firestore refuses writes none of them', () => {
    const fake = new FirestoreFake();
    const { store } = execution(fake);
    store.setAll({ a: '1', b: '2' });
    expect(fake.count('commit')).toBe(1);
    expect(() => store.setAll({ a: 'new', big: huge, c: '3' })).toThrow(StoreFullError);
    expect(store.getAll()).toEqual({ a: '1', b: '2' });
  });

  it('inside a transaction: the commit is refused whole, and the error is passed on', () => {
    const fake = new FirestoreFake();
    const { store, lock } = execution(fake);
    store.setAll({ a: '1' });
    expect(() =>
      lock.withLock(1000, () => {
        store.get('a');
        store.setAll({ a: '2' });
        store.setAll({ big: huge });
      }),
    ).toThrow(StoreFullError);
    expect(store.getAll()).toEqual({ a: '1' });
  });
});

describe('getAll', () => {
  it('reads every page of the collection, a round trip each', () => {
    const fake = new FirestoreFake();
    const { store, rest } = execution(fake);
    const values: Record<string, string> = {};
    for (let i = 0; i < 23; i++) values[`k/${i}`] = `v${i}`;
    store.setAll(values);
    const before = fake.roundTrips;
    const page = rest.listAll(null, false, 5);
    expect(page.documents).toHaveLength(23);
    expect(fake.roundTrips - before).toBe(5);
    expect(store.getAll()).toEqual(values);
  });
});

describe('select: part of a large store in one round trip', () => {
  function organisations(fake: FirestoreFake) {
    const setup = execution(fake);
    writeDirectory(setup.store, setup.lock, DEMO_RESELLERS, 'demo-1');
    for (let i = 0; i < 12; i++) {
      const outcome = commitChoice(setup.store, setup.lock, {
        domain: `kunde${i}.de`,
        actorEmail: `a@kunde${i}.de`,
        choice:
          i % 3 === 2
            ? { kind: 'direct' }
            : { kind: 'reseller', resellerId: i % 3 ? SCHAEFER.id : MUELLER.id },
        clock: () => NOW,
      });
      expect(outcome).toMatchObject({ outcome: 'saved' });
    }
    return setup;
  }

  it('answers keys, prefixes and labels together, and only what was asked', () => {
    const fake = new FirestoreFake();
    const { store } = organisations(fake);
    const before = fake.roundTrips;
    const read = store.select?.({
      keys: [KEYS.sequence, 'd:nowhere.example'],
      prefixes: [KEYS.directoryPrefix],
      labels: [LABELS.customerOf(MUELLER.id)],
    });
    expect(fake.roundTrips - before).toBe(1);
    const keys = Object.keys(read ?? {}).sort();
    expect(keys.filter((k) => k.startsWith('d:'))).toEqual([
      'd:kunde0.de',
      'd:kunde3.de',
      'd:kunde6.de',
      'd:kunde9.de',
    ]);
    expect(keys).toContain(KEYS.sequence);
    expect(keys).toContain(KEYS.directoryMeta);
    expect(keys.some((k) => k.startsWith('o:'))).toBe(false);
    // The same answer, filtered from the whole store, where a store has no select of its own.
    const all = store.getAll();
    const withoutSelect = { ...store, select: undefined };
    const prefixOnly = selectFrom(withoutSelect, { prefixes: [KEYS.outboxPrefix] });
    expect(Object.keys(prefixOnly).sort()).toEqual(
      Object.keys(all)
        .filter((k) => k.startsWith('o:'))
        .sort(),
    );
  });

  it('pages a prefix whose answer is longer than a page', () => {
    const fake = new FirestoreFake();
    const { rest, store } = execution(fake);
    const values: Record<string, string> = { 'p:': 'edge', 'p;': 'after', o: 'before' };
    for (let i = 0; i < 23; i++) values[`p:${i}`] = `v${i}`;
    store.setAll(values);
    const before = fake.roundTrips;
    const { documents } = rest.select({ prefixes: ['p:'], labels: [] }, null, 5);
    expect(documents.map((d) => rest.keyOf(d.name)).sort()).toEqual(
      Object.keys(values)
        .filter((k) => k.startsWith('p:'))
        .sort(),
    );
    expect(fake.roundTrips - before).toBe(5);
  });

  it('ends an answer of exactly whole pages without asking for an empty one', () => {
    const fake = new FirestoreFake();
    const { rest, store } = execution(fake);
    const values: Record<string, string> = {};
    for (let i = 0; i < 20; i++) values[`p:${String(i).padStart(2, '0')}`] = `v${i}`;
    store.setAll(values);
    let before = fake.roundTrips;
    expect(rest.select({ prefixes: ['p:'], labels: [] }, null, 5).documents).toHaveLength(20);
    expect(fake.roundTrips - before).toBe(4);
    before = fake.roundTrips;
    expect(rest.listAll(null, false, 5).documents).toHaveLength(20);
    expect(fake.roundTrips - before).toBe(4);
  });

  it('labels follow every write: a record that names another reseller moves to its label', () => {
    const fake = new FirestoreFake();
    const { store } = organisations(fake);
    store.setAll({ 'd:kunde0.de': store.get('d:kunde1.de') ?? '' });
    const mueller = store.select?.({ labels: [LABELS.customerOf(MUELLER.id)] }) ?? {};
    expect(Object.keys(mueller).sort()).toEqual(['d:kunde3.de', 'd:kunde6.de', 'd:kunde9.de']);
  });

  it('inside withLock, a prefix read makes the attempt a transaction and guards the range', () => {
    const fake = new FirestoreFake();
    const anna = execution(fake);
    const bert = execution(fake);
    anna.store.setAll({ 'i:a': '1' });
    let raced = false;
    fake.before = (method, body) => {
      if (method === 'commit' && body.transaction && !raced) {
        raced = true;
        bert.store.setAll({ 'i:b': '2' });
      }
    };
    const result = anna.lock.withLock(5000, () => {
      const count = Object.keys(anna.store.select?.({ prefixes: ['i:'] }) ?? {}).length;
      anna.store.setAll({ 'i:count': String(count) });
      return count;
    });
    expect(result).toEqual({ acquired: true, value: 2 });
  });
});

describe('a read that tolerates new keys', () => {
  it('runs optimistically under the lock: no transaction, and its writes are guarded by what it read', () => {
    const fake = new FirestoreFake();
    const anna = execution(fake);
    const bert = execution(fake);
    anna.store.setAll({ 'o:1': 'a', 'o:2': 'b', 's:sync': '0' });
    let raced = false;
    fake.before = (method) => {
      if (method === 'commit' && !raced) {
        raced = true;
        // Meanwhile a new change (missed: harmless) and a write to a key the drain also writes.
        bert.store.setAll({ 'o:3': 'c', 's:sync': 'bert' });
      }
    };
    const logBefore = fake.log.length;
    const result = anna.lock.withLock(5000, () => {
      const read = anna.store.select?.({ prefixes: ['o:', 's:'], tolerateNewKeys: true }) ?? {};
      for (const key of Object.keys(read)) if (key.startsWith('o:')) anna.store.delete(key);
      anna.store.setAll({
        's:sync': `drained ${Object.keys(read).filter((k) => k.startsWith('o:')).length}`,
      });
      return Object.keys(read).length;
    });
    // The first commit was refused (s:sync changed since it was read); the retry saw o:3 too.
    expect(result).toEqual({ acquired: true, value: 4 });
    expect(anna.store.getAll()).toEqual({ 's:sync': 'drained 3' });
    expect(
      fake.log.slice(logBefore).some((entry) => entry.body.newTransaction || entry.body.transaction),
    ).toBe(false);
  });
});

describe('a confirm on Firestore with the cached index', () => {
  it("is one read and one commit: the reseller's directory chunk comes with the record", () => {
    const fake = new FirestoreFake();
    const setup = execution(fake);
    const cacheValues = new Map<string, string>();
    const cache = {
      getAll: (keys: string[]) =>
        Object.fromEntries(
          keys.flatMap((k) => (cacheValues.has(k) ? [[k, cacheValues.get(k) as string]] : [])),
        ),
      putAll: (values: Record<string, string>) =>
        Object.entries(values).forEach(([k, v]) => cacheValues.set(k, v)),
    };
    replaceDirectory(setup.store, cache, setup.lock, DEMO_RESELLERS, 'demo-1');
    const anna = execution(fake);
    const before = fake.roundTrips;
    const outcome = commitChoice(anna.store, anna.lock, {
      ...choice({ kind: 'reseller', resellerId: SCHAEFER.id }, 'anna@acme.de'),
      cache,
    });
    expect(outcome).toMatchObject({ outcome: 'saved', reseller: { id: SCHAEFER.id } });
    expect(fake.log.slice(-(fake.roundTrips - before)).map((e) => e.method)).toEqual(['batchGet', 'commit']);
    // A stale hint (the directory was rewritten elsewhere) costs one more read, never a wrong answer.
    cacheValues.set('rm', 'old\tR-99999');
    const bert = execution(fake);
    const again = commitChoice(bert.store, bert.lock, {
      domain: 'other.de',
      actorEmail: 'b@other.de',
      choice: { kind: 'reseller', resellerId: SCHAEFER.id },
      clock: () => NOW,
      cache,
    });
    expect(again).toMatchObject({ outcome: 'saved', reseller: { id: SCHAEFER.id } });
  });
});

describe('keys as document ids', () => {
  const hostile = [
    '',
    '.',
    '..',
    '...',
    '/',
    'a/b',
    '/leading',
    'trailing/',
    '__name__',
    '__',
    '_x_',
    '~',
    '~2F',
    '%2F',
    '~u0041',
    'd:acme.de',
    'o:1a',
    ' ',
    'tab\there',
    'new\nline',
    '?#&=+',
    'ü',
    'Müller GmbH & Co. KG',
    '日本語',
    '😀',
    '\ud800',
    '\udc00x',
    'x\ud83d',
    'x'.repeat(250),
    '/'.repeat(250),
    '.'.repeat(250),
    '日'.repeat(250),
    '😀'.repeat(125),
    '\u0000',
    '\u007f',
  ];

  it('encodes each into a valid, URL-safe id and back, distinct from every other', () => {
    const ids = hostile.map(encodeKey);
    for (const [i, id] of ids.entries()) {
      expect(decodeKey(id)).toBe(hostile[i]);
      // eslint-disable-next-line no-control-regex -- control characters are what is checked for
      expect(id).not.toMatch(/[/\u0000-\u0020%?#]/);
      expect(id).not.toMatch(/^(\.|\.\.|__.*__)$/);
      expect(id.length).toBeGreaterThan(0);
      expect(Buffer.byteLength(id)).toBeLessThanOrEqual(1500);
      expect(Buffer.from(id, 'utf8').toString('utf8')).toBe(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps prefixes: keys that start with a prefix are ids that start with its id', () => {
    for (const key of hostile) expect(encodeKey(`d:${key}`).startsWith(encodeKey('d:'))).toBe(true);
  });

  it('round-trips every key through Firestore (which checks the ids)', () => {
    const fake = new FirestoreFake();
    const { store, lock } = execution(fake);
    const values = Object.fromEntries(hostile.map((key, i) => [key, `value ${i}`]));
    store.setAll(values);
    expect(store.getAll()).toEqual(values);
    for (const key of hostile) expect(store.get(key)).toBe(values[key]);
    lock.withLock(1000, () => store.replaceAll({ '/': 'only' }));
    expect(store.getAll()).toEqual({ '/': 'only' });
  });

  it('refuses a key too long for an id with a clear error', () => {
    expect(() => encodeKey('/'.repeat(501))).toThrow(KeyTooLongError);
  });
});
