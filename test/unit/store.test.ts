/** The store on in-memory ports: directory chunks and search-index cache, assignments, outbox. */
import { DEMO_RESELLERS, generateResellers, mulberry32 } from '../../dev/demo/resellers';
import { emailFingerprint } from '../../src/domain/account';
import {
  directAssignment,
  encodeAssignment,
  resellerAssignment,
  type Assignment,
} from '../../src/domain/assignment';
import { RESELLER_STATUSES, type Reseller } from '../../src/domain/reseller';
import {
  buildSegmentTexts,
  findSegmentedById,
  searchSegments,
  type SegmentedIndex,
} from '../../src/domain/segmented-search';
import {
  commitChoice,
  LOCK_TIMEOUT_MS,
  readAssignment,
  recordChangeRequest,
  type ChoiceInput,
} from '../../src/store/assignments';
import {
  INDEX_TTL_SECONDS,
  loadSearchIndex,
  packLines,
  readDirectory,
  readDirectoryMeta,
  writeDirectory,
} from '../../src/store/directory';
import { StoreFullError } from '../../src/store/errors';
import { KEYS, PROPERTY_CHUNK_BYTES } from '../../src/store/keys';
import {
  decodeOutboxEntry,
  listOutbox,
  newEventId,
  outboxEntry,
  type OutboxEvent,
} from '../../src/store/outbox';
import { FakeLock, MemoryCache, MemoryStore } from '../support/memory-ports';
import { readUserState, writeUserState } from '../../src/store/user-state';

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function approvedCount(resellers: readonly Reseller[]): number {
  return new Set(resellers.filter((r) => r.status === 'approved').map((r) => r.id)).size;
}

function chunkKeys(store: MemoryStore): string[] {
  return [...store.data.keys()].filter((key) => /^r:\d+$/.test(key)).sort();
}

// ---------------------------------------------------------------------------------------------
// Directory

describe('packLines', () => {
  it('returns no chunks for no lines', () => {
    expect(packLines([], 100)).toEqual([]);
  });

  it('joins lines with newlines while they fit and starts a new chunk when the next would not', () => {
    expect(packLines(['ab', 'cd', 'ef'], 6)).toEqual(['ab\ncd', 'ef']);
    expect(packLines(['ab', 'cd', 'ef'], 100)).toEqual(['ab\ncd\nef']);
  });

  it('counts UTF-8 bytes, not UTF-16 units', () => {
    // 'ä' is 2 bytes, '€' 3, '😀' 4 (one surrogate pair).
    expect(() => packLines(['ä'.repeat(5) + 'a'], 10)).toThrow('larger than 10 bytes');
    expect(packLines(['ä'.repeat(5)], 10)).toEqual(['ä'.repeat(5)]);
    expect(() => packLines(['€'.repeat(3)], 8)).toThrow();
    expect(packLines(['€'.repeat(3)], 9)).toEqual(['€'.repeat(3)]);
    expect(packLines(['😀😀'], 8)).toEqual(['😀😀']);
    expect(() => packLines(['😀😀'], 7)).toThrow();
    expect(packLines(['ää', 'ää', 'ää'], 10)).toEqual(['ää\nää', 'ää']);
  });

  it('never exceeds the byte limit and never splits a line, with multi-byte names', () => {
    const random = mulberry32(7);
    const alphabet = ['a', 'Z', ' ', 'ä', 'ß', 'é', '€', '—', '中', '😀', '🇩🇪', '&', '<'];
    const lines = Array.from({ length: 2000 }, (_, i) => {
      const length = 1 + Math.floor(random() * 120);
      let line = `R-${i}\t`;
      for (let j = 0; j < length; j++) line += alphabet[Math.floor(random() * alphabet.length)] ?? '';
      return line;
    });
    for (const limit of [600, 1000, PROPERTY_CHUNK_BYTES]) {
      const chunks = packLines(lines, limit);
      expect(chunks.length).toBeGreaterThan(1);
      for (const chunk of chunks) expect(utf8Bytes(chunk)).toBeLessThanOrEqual(limit);
      expect(chunks.flatMap((chunk) => chunk.split('\n'))).toEqual(lines);
    }
  });

  it('refuses a single line larger than the limit rather than splitting it', () => {
    expect(() => packLines(['short', 'x'.repeat(50)], 20)).toThrow(
      'A directory record is larger than 20 bytes',
    );
  });
});

/** One reseller in every status, with names that stress the line format. */
const EVERY_STATUS: Reseller[] = RESELLER_STATUSES.map((status, i) => ({
  id: `R-9${String(i).padStart(4, '0')}`,
  name:
    ['Müller\tIT GmbH', 'Zeile 1\nZeile 2', 'CR\r\nLF', '<b>Bold</b> & Co', 'Ærø ÿ 中文 😀', 'Plain'][i] ??
    'X',
  domain: `status-${status}.de`,
  country: ['DE', 'AT', 'CH', 'GB', 'FR', 'US'][i] ?? 'DE',
  status,
}));

function flattened(r: Reseller): Reseller {
  const flat = (text: string): string => text.replace(/[\t\n\r]/g, ' ');
  return {
    id: flat(r.id),
    name: flat(r.name),
    domain: flat(r.domain),
    country: flat(r.country),
    status: r.status,
  };
}

describe('writeDirectory / readDirectory', () => {
  it('round-trips resellers of every status, with tabs and line breaks in names flattened to spaces', () => {
    const store = new MemoryStore();
    writeDirectory(store, new MemoryCache(), EVERY_STATUS, 'v1');
    const read = readDirectory(store.getAll());
    expect(read).toEqual(EVERY_STATUS.map(flattened));
    expect(read.map((r) => r.status)).toEqual([...RESELLER_STATUSES]);
    expect(read[0]?.name).toBe('Müller IT GmbH');
    expect(read[2]?.name).toBe('CR  LF');
  });

  it('round-trips a realistic directory of 5,000 resellers in order', () => {
    const resellers = generateResellers(5000);
    const store = new MemoryStore();
    writeDirectory(store, new MemoryCache(), resellers, 'big');
    expect(readDirectory(store.getAll())).toEqual(resellers);
  });

  it('writes the chunks and the meta record in one setAll call and returns the meta', () => {
    const store = new MemoryStore();
    const meta = writeDirectory(store, new MemoryCache(), DEMO_RESELLERS, '2026-11-23');
    expect(meta).toEqual({ version: '2026-11-23', chunks: 1, count: DEMO_RESELLERS.length });
    expect(store.calls.setAll).toBe(1);
    expect(Object.keys(store.writes[0] ?? {}).sort()).toEqual([KEYS.directoryChunk(0), KEYS.directoryMeta]);
    expect(readDirectoryMeta(store.getAll())).toEqual(meta);
  });

  it('keeps every stored value within 8,000 UTF-8 bytes', () => {
    const wide = generateResellers(3000).map((r, i) => ({ ...r, name: `${'Ü€😀中'.repeat(20)} ${i}` }));
    for (const resellers of [generateResellers(5000), wide]) {
      const store = new MemoryStore();
      const meta = writeDirectory(store, new MemoryCache(), resellers, 'v');
      expect(meta.chunks).toBeGreaterThan(1);
      expect(chunkKeys(store)).toHaveLength(meta.chunks);
      for (const value of store.data.values()) expect(utf8Bytes(value)).toBeLessThanOrEqual(8000);
      expect(readDirectory(store.getAll())).toHaveLength(resellers.length);
    }
  });

  it('deletes the chunks a larger previous directory left behind', () => {
    const store = new MemoryStore();
    const cache = new MemoryCache();
    const large = writeDirectory(store, cache, generateResellers(3000), 'v1');
    expect(large.chunks).toBeGreaterThan(3);
    const small = writeDirectory(store, cache, DEMO_RESELLERS, 'v2');
    expect(small.chunks).toBe(1);
    expect(chunkKeys(store)).toEqual([KEYS.directoryChunk(0)]);
    expect(readDirectory(store.getAll())).toEqual(DEMO_RESELLERS);
  });

  it('keeps the other keys of the store untouched', () => {
    const store = new MemoryStore();
    store.data.set('d:acme.de', 'record');
    store.data.set('o:abc', 'event');
    writeDirectory(store, new MemoryCache(), generateResellers(2000), 'v1');
    writeDirectory(store, new MemoryCache(), [], 'v2');
    expect(store.data.get('d:acme.de')).toBe('record');
    expect(store.data.get('o:abc')).toBe('event');
    expect(chunkKeys(store)).toEqual([]);
    expect(readDirectory(store.getAll())).toEqual([]);
  });

  it('puts the new search index in the cache for six hours', () => {
    const store = new MemoryStore();
    const cache = new MemoryCache();
    writeDirectory(store, cache, DEMO_RESELLERS, 'v1');
    expect(INDEX_TTL_SECONDS).toBe(6 * 60 * 60);
    expect(cache.calls.putAll).toBe(1);
    expect(cache.ttls).toEqual([INDEX_TTL_SECONDS]);
    store.resetCalls();
    const index = loadSearchIndex(store, cache);
    expect(store.totalCalls()).toBe(0);
    expect(indexCount(index)).toBe(approvedCount(DEMO_RESELLERS));
  });

  it('reads an empty directory when there is no meta record', () => {
    expect(readDirectory({})).toEqual([]);
    expect(readDirectory({ [KEYS.directoryChunk(0)]: 'R-1\tName\ta.de\tDE\tA' })).toEqual([]);
  });

  it('fails loudly when the meta names a chunk that is missing', () => {
    expect(() =>
      readDirectory({ [KEYS.directoryMeta]: 'v\t2\t3', [KEYS.directoryChunk(0)]: 'R-1\tN\ta.de\tDE\tA' }),
    ).toThrow('Directory chunk 1 of 2 is missing');
  });

  it('skips lines it cannot read', () => {
    const chunk = [
      'R-1\tGood\tgood.de\tDE\tA',
      'garbage',
      'R-2\tBad status\tbad.de\tDE\t?',
      '\tNo id\tx.de\tDE\tA',
    ].join('\n');
    expect(readDirectory({ [KEYS.directoryMeta]: 'v\t1\t4', [KEYS.directoryChunk(0)]: chunk })).toEqual([
      { id: 'R-1', name: 'Good', domain: 'good.de', country: 'DE', status: 'approved' },
    ]);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['without a version', '\t1\t1'],
    ['with a non-numeric chunk count', 'v\tx\t1'],
    ['with a fractional count', 'v\t1\t1.5'],
    ['with missing counts', 'v'],
  ])('reads no meta when it is %s', (_, text) => {
    expect(readDirectoryMeta(text === undefined ? {} : { [KEYS.directoryMeta]: text })).toBeNull();
  });
});

function segmentTexts(index: SegmentedIndex): string[] {
  return index.map((segment) => segment.text);
}

/** Resellers in a segmented index, over all its segments. */
function indexCount(index: SegmentedIndex): number {
  return index.reduce((sum, segment) => sum + segment.count, 0);
}

describe('loadSearchIndex', () => {
  function setUp(resellers: readonly Reseller[], version = 'v1') {
    const store = new MemoryStore();
    const cache = new MemoryCache();
    writeDirectory(store, cache, resellers, version);
    store.resetCalls();
    cache.resetCalls();
    return { store, cache };
  }

  it('answers from the cache with one getAll call and no store call', () => {
    const { store, cache } = setUp(DEMO_RESELLERS);
    const index = loadSearchIndex(store, cache);
    expect(cache.calls).toEqual({ getAll: 1, putAll: 0 });
    expect(store.totalCalls()).toBe(0);
    expect(indexCount(index)).toBe(approvedCount(DEMO_RESELLERS));
    expect(findSegmentedById(index, 'R-00001')?.name).toBe('Müller IT GmbH');
  });

  it('rebuilds from the store with one getAll after the cache is cleared, and puts the index back', () => {
    const { store, cache } = setUp(DEMO_RESELLERS);
    cache.data.clear();
    const index = loadSearchIndex(store, cache);
    expect(store.calls).toEqual({ get: 0, getAll: 1, setAll: 0, delete: 0 });
    expect(cache.calls.putAll).toBe(1);
    expect(cache.ttls).toEqual([INDEX_TTL_SECONDS]);
    expect(indexCount(index)).toBe(approvedCount(DEMO_RESELLERS));

    store.resetCalls();
    cache.resetCalls();
    expect(loadSearchIndex(store, cache).map((segment) => segment.text)).toEqual(
      index.map((segment) => segment.text),
    );
    expect(store.totalCalls()).toBe(0);
    expect(cache.calls.putAll).toBe(0);
  });

  it('only ever holds approved resellers', () => {
    const { store, cache } = setUp(EVERY_STATUS);
    cache.data.clear();
    const index = loadSearchIndex(store, cache);
    expect(indexCount(index)).toBe(1);
    expect(findSegmentedById(index, 'R-90003')?.status).toBe('approved');
    for (const r of EVERY_STATUS.filter((x) => x.status !== 'approved')) {
      expect(findSegmentedById(index, r.id)).toBeUndefined();
    }
  });

  it('fits a realistic 5,000-reseller index into the cache chunks', () => {
    const resellers = generateResellers(5000);
    const { store, cache } = setUp(resellers);
    const keys = [...cache.data.keys()];
    expect(keys.length).toBeGreaterThan(1);
    expect(keys.length).toBeLessThanOrEqual(64);
    for (const [key, value] of cache.data) {
      expect(utf8Bytes(key)).toBeLessThanOrEqual(250);
      expect(utf8Bytes(value)).toBeLessThanOrEqual(100 * 1024);
    }
    const index = loadSearchIndex(store, cache);
    expect(store.totalCalls()).toBe(0);
    expect(segmentTexts(index)).toEqual(buildSegmentTexts(resellers, 90_000));
    expect(indexCount(index)).toBe(approvedCount(resellers));
  });

  it('rebuilds when one chunk of a multi-chunk index is missing', () => {
    const resellers = generateResellers(5000);
    const { store, cache } = setUp(resellers);
    const chunkKey = [...cache.data.keys()][1];
    expect(chunkKey).toBeDefined();
    cache.data.delete(chunkKey ?? '');
    const index = loadSearchIndex(store, cache);
    expect(store.calls.getAll).toBe(1);
    expect(cache.calls.putAll).toBe(1);
    expect(segmentTexts(index)).toEqual(buildSegmentTexts(resellers, 90_000));
    expect(cache.data.has(chunkKey ?? '')).toBe(true);
  });

  it('rebuilds when the cached chunks come from different versions', () => {
    const older = generateResellers(5000, 1);
    const newer = generateResellers(5000, 2);
    const store = new MemoryStore();
    const cache = new MemoryCache();
    writeDirectory(store, cache, older, 'v1');
    const staleChunk = [...cache.data.entries()][2];
    if (staleChunk === undefined) throw new Error('expected a multi-chunk index');
    writeDirectory(store, cache, newer, 'v2');
    cache.data.set(staleChunk[0], staleChunk[1]);
    store.resetCalls();
    cache.resetCalls();

    const index = loadSearchIndex(store, cache);
    expect(store.calls.getAll).toBe(1);
    expect(segmentTexts(index)).toEqual(buildSegmentTexts(newer, 90_000));
    expect(cache.data.get(staleChunk[0])).not.toBe(staleChunk[1]);
  });

  it('rebuilds when a cached chunk is damaged but keeps its version header', () => {
    const { store, cache } = setUp(generateResellers(2000));
    const [key, value] = [...cache.data.entries()][0] ?? ['', ''];
    cache.data.set(key, value.slice(0, -10));
    const index = loadSearchIndex(store, cache);
    expect(store.calls.getAll).toBe(1);
    expect(segmentTexts(index)).toEqual(buildSegmentTexts(generateResellers(2000), 90_000));
  });

  it.each([
    ['plain text', 'garbage'],
    ['a zero chunk count', 'v1\t0\t'],
    ['a huge chunk count', 'v1\t999\tRSX2'],
  ])('rebuilds when the first cached chunk is %s', (_, value) => {
    const { store, cache } = setUp(DEMO_RESELLERS);
    cache.data.clear();
    cache.data.set('ix:0', value);
    const index = loadSearchIndex(store, cache);
    expect(store.calls.getAll).toBe(1);
    expect(indexCount(index)).toBe(approvedCount(DEMO_RESELLERS));
  });

  it('gives an empty index, and caches it, when there is no directory at all', () => {
    const store = new MemoryStore();
    const cache = new MemoryCache();
    const index = loadSearchIndex(store, cache);
    expect(indexCount(index)).toBe(0);
    expect(searchSegments(index, 'müller')).toEqual([]);
    store.resetCalls();
    expect(indexCount(loadSearchIndex(store, cache))).toBe(0);
    expect(store.totalCalls()).toBe(0);
  });

  it('serves the new directory at once after a rewrite, without a store call', () => {
    const { store, cache } = setUp(generateResellers(3000));
    writeDirectory(store, cache, DEMO_RESELLERS, 'v2');
    store.resetCalls();
    const index = loadSearchIndex(store, cache);
    expect(store.totalCalls()).toBe(0);
    expect(segmentTexts(index)).toEqual(buildSegmentTexts(DEMO_RESELLERS, 90_000));
  });
});

// ---------------------------------------------------------------------------------------------
// Assignments

const NOW = Date.UTC(2026, 10, 23, 9, 30, 15);
const ANNA = 'anna@acme.de';
const MUELLER = DEMO_RESELLERS[0] as Reseller;
const SCHAEFER = DEMO_RESELLERS[2] as Reseller;

function outboxEvents(store: MemoryStore): OutboxEvent[] {
  return listOutbox(store.snapshot());
}

function choice(proposed: Assignment, now = NOW): ChoiceInput {
  return { domain: 'acme.de', actorEmail: ANNA, proposed, now };
}

describe('readAssignment', () => {
  it('reads nothing for an organisation without a record or with an unreadable one', () => {
    const store = new MemoryStore();
    expect(readAssignment(store, 'acme.de')).toBeNull();
    store.data.set(KEYS.domain('acme.de'), 'garbage');
    expect(readAssignment(store, 'acme.de')).toBeNull();
  });

  it('reads the record stored under the organisation’s key', () => {
    const store = new MemoryStore();
    const record = directAssignment(ANNA, NOW);
    store.data.set('d:acme.de', encodeAssignment(record));
    expect(readAssignment(store, 'acme.de')).toEqual(record);
    expect(readAssignment(store, 'other.de')).toBeNull();
  });
});

describe('commitChoice', () => {
  it('writes the record and exactly one outbox event in one setAll call, under the lock', () => {
    const store = new MemoryStore();
    const lock = new FakeLock();
    const proposed = resellerAssignment(MUELLER, ANNA, NOW);
    expect(commitChoice(store, lock, choice(proposed))).toEqual({ outcome: 'saved', record: proposed });

    expect(lock.timeouts).toEqual([LOCK_TIMEOUT_MS]);
    expect(store.calls.setAll).toBe(1);
    const written = store.writes[0] ?? {};
    const keys = Object.keys(written);
    expect(keys).toHaveLength(2);
    expect(keys).toContain('d:acme.de');
    expect(keys.filter((key) => key.startsWith('o:'))).toHaveLength(1);

    expect(readAssignment(store, 'acme.de')).toEqual(proposed);
    expect(outboxEvents(store)).toEqual([
      {
        id: expect.any(String),
        type: 'assigned',
        domain: 'acme.de',
        actorEmail: ANNA,
        at: NOW,
        resellerId: 'R-00001',
      },
    ]);
  });

  it('records "we buy directly" as a direct event without a reseller', () => {
    const store = new MemoryStore();
    const proposed = directAssignment(ANNA, NOW);
    expect(commitChoice(store, new FakeLock(), choice(proposed))).toEqual({
      outcome: 'saved',
      record: proposed,
    });
    expect(store.calls.setAll).toBe(1);
    expect(readAssignment(store, 'acme.de')).toEqual(proposed);
    const [event] = outboxEvents(store);
    expect(event).toEqual({
      id: expect.any(String),
      type: 'direct',
      domain: 'acme.de',
      actorEmail: ANNA,
      at: NOW,
    });
    expect(event).not.toHaveProperty('resellerId');
  });

  it('replaces "we buy directly" with a reseller and adds a second event', () => {
    const store = new MemoryStore();
    const lock = new FakeLock();
    commitChoice(store, lock, choice(directAssignment(ANNA, NOW)));
    const proposed = resellerAssignment(SCHAEFER, 'ben@acme.de', NOW + 1000);
    expect(commitChoice(store, lock, { ...choice(proposed, NOW + 1000), actorEmail: 'ben@acme.de' })).toEqual(
      {
        outcome: 'saved',
        record: proposed,
      },
    );
    expect(readAssignment(store, 'acme.de')).toEqual(proposed);
    expect(outboxEvents(store).map((e) => [e.type, e.actorEmail, e.resellerId])).toEqual([
      ['direct', ANNA, undefined],
      ['assigned', 'ben@acme.de', 'R-00003'],
    ]);
  });

  it('writes nothing, and reads nothing, when the lock is busy', () => {
    const store = new MemoryStore();
    const lock = new FakeLock();
    lock.busy = true;
    expect(commitChoice(store, lock, choice(resellerAssignment(MUELLER, ANNA, NOW)))).toEqual({
      outcome: 'busy',
    });
    expect(store.totalCalls()).toBe(0);
    expect(store.data.size).toBe(0);
  });

  it('writes nothing when another reseller is already bound', () => {
    const store = new MemoryStore();
    const lock = new FakeLock();
    const bound = resellerAssignment(MUELLER, 'ben@acme.de', NOW - 1000);
    store.data.set('d:acme.de', encodeAssignment(bound));
    const before = store.snapshot();
    expect(commitChoice(store, lock, choice(resellerAssignment(SCHAEFER, ANNA, NOW)))).toEqual({
      outcome: 'alreadyBound',
      record: bound,
    });
    expect(commitChoice(store, lock, choice(directAssignment(ANNA, NOW)))).toEqual({
      outcome: 'alreadyBound',
      record: bound,
    });
    expect(store.calls.setAll).toBe(0);
    expect(store.snapshot()).toEqual(before);
  });

  it('writes nothing when the choice is unchanged', () => {
    const store = new MemoryStore();
    const lock = new FakeLock();
    const bound = resellerAssignment(MUELLER, 'ben@acme.de', NOW - 1000);
    store.data.set('d:acme.de', encodeAssignment(bound));
    expect(commitChoice(store, lock, choice(resellerAssignment(MUELLER, ANNA, NOW)))).toEqual({
      outcome: 'unchanged',
      record: bound,
    });

    const other = new MemoryStore();
    const direct = directAssignment('ben@acme.de', NOW - 1000);
    other.data.set('d:acme.de', encodeAssignment(direct));
    expect(commitChoice(other, lock, choice(directAssignment(ANNA, NOW)))).toEqual({
      outcome: 'unchanged',
      record: direct,
    });
    expect(store.calls.setAll + other.calls.setAll).toBe(0);
  });

  it('lets a StoreFullError through with nothing written', () => {
    const store = new MemoryStore();
    store.full = true;
    expect(() => commitChoice(store, new FakeLock(), choice(resellerAssignment(MUELLER, ANNA, NOW)))).toThrow(
      StoreFullError,
    );
    expect(store.data.size).toBe(0);
  });

  it('keeps organisations apart', () => {
    const store = new MemoryStore();
    const lock = new FakeLock();
    commitChoice(store, lock, choice(resellerAssignment(MUELLER, ANNA, NOW)));
    const other = resellerAssignment(SCHAEFER, 'eva@other.de', NOW);
    expect(
      commitChoice(store, lock, {
        domain: 'other.de',
        actorEmail: 'eva@other.de',
        proposed: other,
        now: NOW,
      }),
    ).toEqual({ outcome: 'saved', record: other });
    expect(readAssignment(store, 'acme.de')).toMatchObject({ kind: 'reseller', resellerId: 'R-00001' });
    expect(readAssignment(store, 'other.de')).toEqual(other);
    expect(
      outboxEvents(store)
        .map((e) => e.domain)
        .sort(),
    ).toEqual(['acme.de', 'other.de']);
  });

  it('stores only a fingerprint of the user’s address in the organisation’s record', () => {
    const store = new MemoryStore();
    commitChoice(store, new FakeLock(), choice(directAssignment(ANNA, NOW)));
    const record = store.data.get('d:acme.de') ?? '';
    expect(record).toContain(emailFingerprint(ANNA));
    expect(record).not.toContain('anna');
  });
});

describe('recordChangeRequest', () => {
  const REASON = 'Please switch to "Schäfer Cloud AG".\nContact:\tJan <jan@schaefer-cloud.ch>';

  function boundStore(record: Assignment): MemoryStore {
    const store = new MemoryStore();
    store.data.set('d:acme.de', encodeAssignment(record));
    return store;
  }

  it('marks the record and writes a changeRequested event with the reason, in one setAll call', () => {
    const bound = resellerAssignment(MUELLER, 'ben@acme.de', NOW - 86_400_000);
    const store = boundStore(bound);
    const lock = new FakeLock();
    const result = recordChangeRequest(store, lock, {
      domain: 'acme.de',
      actorEmail: ANNA,
      reason: REASON,
      now: NOW,
    });
    expect(result).toEqual({ outcome: 'recorded', record: { ...bound, changeRequestedAt: NOW } });
    expect(lock.timeouts).toEqual([LOCK_TIMEOUT_MS]);
    expect(store.calls.setAll).toBe(1);
    expect(Object.keys(store.writes[0] ?? {})).toHaveLength(2);
    expect(readAssignment(store, 'acme.de')).toEqual({ ...bound, changeRequestedAt: NOW });
    expect(outboxEvents(store)).toEqual([
      {
        id: expect.any(String),
        type: 'changeRequested',
        domain: 'acme.de',
        actorEmail: ANNA,
        at: NOW,
        resellerId: 'R-00001',
        reason: REASON,
      },
    ]);
  });

  it('adds nothing while a request is already pending', () => {
    const pending: Assignment = {
      ...resellerAssignment(MUELLER, 'ben@acme.de', NOW - 86_400_000),
      changeRequestedAt: NOW - 3_600_000,
    };
    const store = boundStore(pending);
    const result = recordChangeRequest(store, new FakeLock(), {
      domain: 'acme.de',
      actorEmail: ANNA,
      reason: REASON,
      now: NOW,
    });
    expect(result).toEqual({ outcome: 'alreadyPending', record: pending });
    expect(store.calls.setAll).toBe(0);
  });

  it('records nothing for an organisation without a record', () => {
    const store = new MemoryStore();
    expect(
      recordChangeRequest(store, new FakeLock(), {
        domain: 'acme.de',
        actorEmail: ANNA,
        reason: REASON,
        now: NOW,
      }),
    ).toEqual({ outcome: 'noReseller', record: null });
    expect(store.calls.setAll).toBe(0);
  });

  it('records nothing for an organisation that buys directly', () => {
    const direct = directAssignment(ANNA, NOW - 1000);
    const store = boundStore(direct);
    expect(
      recordChangeRequest(store, new FakeLock(), {
        domain: 'acme.de',
        actorEmail: ANNA,
        reason: REASON,
        now: NOW,
      }),
    ).toEqual({ outcome: 'noReseller', record: direct });
    expect(store.calls.setAll).toBe(0);
  });

  it('writes nothing when the lock is busy', () => {
    const store = boundStore(resellerAssignment(MUELLER, ANNA, NOW - 1000));
    const lock = new FakeLock();
    lock.busy = true;
    store.resetCalls();
    expect(
      recordChangeRequest(store, lock, { domain: 'acme.de', actorEmail: ANNA, reason: REASON, now: NOW }),
    ).toEqual({ outcome: 'busy' });
    expect(store.totalCalls()).toBe(0);
  });

  it('lets a StoreFullError through with nothing written', () => {
    const bound = resellerAssignment(MUELLER, ANNA, NOW - 1000);
    const store = boundStore(bound);
    store.full = true;
    expect(() =>
      recordChangeRequest(store, new FakeLock(), {
        domain: 'acme.de',
        actorEmail: ANNA,
        reason: REASON,
        now: NOW,
      }),
    ).toThrow(StoreFullError);
    expect(readAssignment(store, 'acme.de')).toEqual(bound);
    expect(outboxEvents(store)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Outbox

describe('newEventId', () => {
  it('is the time in base 36 followed by six random base-36 digits', () => {
    expect(newEventId(NOW, () => 0)).toBe(`${NOW.toString(36)}000000`);
    expect(newEventId(NOW, () => 0.999_999_999_9)).toBe(`${NOW.toString(36)}zzzzzz`);
    expect(newEventId(NOW, () => 0.5)).toMatch(new RegExp(`^${NOW.toString(36)}[0-9a-z]{6}$`));
  });

  it('uses Math.random by default', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newEventId(NOW)));
    expect(ids.size).toBeGreaterThan(1);
    for (const id of ids) expect(id.startsWith(NOW.toString(36))).toBe(true);
  });

  it('is unique and sorts in time order over 10,000 ids, ten per millisecond', () => {
    const random = mulberry32(2026);
    const generated = Array.from({ length: 10_000 }, (_, i) => {
      const at = NOW + Math.floor(i / 10);
      return { at, id: newEventId(at, random) };
    });
    expect(new Set(generated.map((g) => g.id)).size).toBe(10_000);
    const byId = [...generated].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const times = byId.map((g) => g.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('outbox entries', () => {
  const assigned: OutboxEvent = {
    id: newEventId(NOW, () => 0.25),
    type: 'assigned',
    domain: 'acme.de',
    actorEmail: ANNA,
    at: NOW,
    resellerId: 'R-00001',
  };
  const direct: OutboxEvent = {
    id: newEventId(NOW, () => 0.5),
    type: 'direct',
    domain: 'acme.de',
    actorEmail: ANNA,
    at: NOW,
  };
  const changeRequested: OutboxEvent = {
    id: newEventId(NOW, () => 0.75),
    type: 'changeRequested',
    domain: 'acme.de',
    actorEmail: ANNA,
    at: NOW,
    resellerId: 'R-00001',
    reason: 'Bitte „Schäfer“ eintragen\n\tDanke \\ "quoted" 😀',
  };

  it.each([
    ['assigned', assigned],
    ['direct', direct],
    ['changeRequested', changeRequested],
  ])('round-trips a %s event', (_, event) => {
    const [key, value] = outboxEntry(event);
    expect(key).toBe(`o:${event.id}`);
    expect(decodeOutboxEntry(key, value)).toEqual(event);
  });

  it.each([
    ['a key outside the outbox', 'd:acme.de', JSON.stringify(['direct', 'acme.de', ANNA, NOW, '', ''])],
    ['broken JSON', 'o:1', '["direct",'],
    ['a JSON object', 'o:1', '{"type":"direct"}'],
    ['JSON null', 'o:1', 'null'],
    ['a JSON number', 'o:1', '5'],
    ['an unknown type', 'o:1', JSON.stringify(['deleted', 'acme.de', ANNA, NOW, '', ''])],
    ['a time as a string', 'o:1', JSON.stringify(['direct', 'acme.de', ANNA, String(NOW), '', ''])],
    ['a missing domain', 'o:1', JSON.stringify(['direct'])],
    ['a numeric email', 'o:1', JSON.stringify(['direct', 'acme.de', 5, NOW])],
  ])('decodes nothing from %s', (_, key, value) => {
    expect(decodeOutboxEntry(key, value)).toBeNull();
  });
});

describe('listOutbox', () => {
  it('lists the events by time, then id, ignoring other keys and garbage', () => {
    const event = (id: string, at: number): OutboxEvent => ({
      id,
      type: 'direct',
      domain: `${id}.de`,
      actorEmail: ANNA,
      at,
    });
    const events = [
      event('c', NOW + 2),
      event('b', NOW),
      event('a', NOW + 1),
      event('a2', NOW),
      event('z', NOW - 5),
    ];
    const all: Record<string, string> = Object.fromEntries(events.map(outboxEntry));
    all['d:acme.de'] = encodeAssignment(directAssignment(ANNA, NOW));
    all[KEYS.directoryMeta] = 'v\t1\t1';
    all[KEYS.directoryChunk(0)] = 'R-1\tN\tn.de\tDE\tA';
    all['o:broken'] = 'not json';
    all['o:wrongtype'] = JSON.stringify(['other', 'x.de', ANNA, NOW]);

    expect(listOutbox(all).map((e) => e.id)).toEqual(['z', 'a2', 'b', 'a', 'c']);
    expect(listOutbox(all)).toContainEqual(event('c', NOW + 2));
  });

  it('is empty for a store without events', () => {
    expect(listOutbox({})).toEqual([]);
    expect(listOutbox({ 'd:acme.de': 'x', state: '{}' })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// User state

describe('user state store', () => {
  it('writes the state under its key in one call and reads it back', () => {
    const store = new MemoryStore();
    writeUserState(store, { askAgainAt: NOW });
    expect(store.calls.setAll).toBe(1);
    expect(store.data.get(KEYS.userState)).toBe(JSON.stringify({ askAgainAt: NOW }));
    expect(readUserState(store)).toEqual({ askAgainAt: NOW });
  });

  it('reads no state from an empty or damaged store', () => {
    const store = new MemoryStore();
    expect(readUserState(store)).toEqual({});
    store.data.set(KEYS.userState, '{oops');
    expect(readUserState(store)).toEqual({});
  });
});
