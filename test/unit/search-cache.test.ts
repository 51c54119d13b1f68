/**
 * The script cache in front of the directory: the segmented search index and the reseller names.
 * Hot paths read only the cache; a rebuild that cannot read the directory never replaces what is
 * cached with less.
 */
import { DEMO_RESELLERS, generateResellers } from '../../dev/demo/resellers';
import { RESELLER_STATUSES, type Reseller } from '../../src/domain/reseller';
import {
  buildSegmentTexts,
  findSegmentedById,
  searchSegments,
  type SegmentedIndex,
} from '../../src/domain/segmented-search';
import { writeDirectory } from '../../src/store/directory';
import { KEYS } from '../../src/store/keys';
import { replaceDirectory } from '../../src/store/replace-directory';
import { INDEX_TTL_SECONDS, loadSearchIndex, lookupResellerName } from '../../src/store/search-cache';
import { captureConsole, FakeLock, MemoryCache, MemoryStore } from '../support/memory-ports';

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function approvedCount(resellers: readonly Reseller[]): number {
  return new Set(resellers.filter((r) => r.status === 'approved').map((r) => r.id)).size;
}

function segmentTexts(index: SegmentedIndex): string[] {
  return index.map((segment) => segment.text);
}

/** Resellers in a segmented index, over all its segments. */
function indexCount(index: SegmentedIndex): number {
  return index.reduce((sum, segment) => sum + segment.count, 0);
}

function indexKeys(cache: MemoryCache): string[] {
  return [...cache.data.keys()].filter((key) => key.startsWith('ix:'));
}

function setUp(resellers: readonly Reseller[] = DEMO_RESELLERS, version = 'v1') {
  const store = new MemoryStore();
  const cache = new MemoryCache();
  const lock = new FakeLock();
  replaceDirectory(store, cache, lock, resellers, version);
  store.resetCalls();
  cache.resetCalls();
  return { store, cache, lock };
}

/** Breaks the directory in Script Properties (a changed letter in its first chunk). */
function damageDirectory(store: MemoryStore): void {
  const key = KEYS.directoryChunk(0);
  const text = store.data.get(key) ?? '';
  store.data.set(key, text.replace('GmbH', 'GmbX'));
}

/** Applies an edit that keeps the length to cached segment `key`. */
function editSegment(cache: MemoryCache, key: string, edit: (value: string) => string): void {
  const value = cache.data.get(key) ?? '';
  const edited = edit(value);
  expect(edited).not.toBe(value);
  expect(edited.length).toBe(value.length);
  cache.data.set(key, edited);
}

const log = captureConsole();

describe('replaceDirectory', () => {
  it('puts the new search index and the names in the cache for six hours, in one call', () => {
    const { store, cache } = setUp();
    expect(INDEX_TTL_SECONDS).toBe(6 * 60 * 60);
    const fresh = new MemoryCache();
    replaceDirectory(store, fresh, new FakeLock(), DEMO_RESELLERS, 'v2');
    expect(fresh.calls.putAll).toBe(1);
    expect(fresh.ttls).toEqual([INDEX_TTL_SECONDS]);
    expect([...fresh.data.keys()].filter((k) => k.startsWith('nm:'))).toHaveLength(8);
    store.resetCalls();
    const loaded = loadSearchIndex(store, fresh, 'search');
    expect(store.totalCalls()).toBe(0);
    expect(loaded.health).toBe('ok');
    expect(indexCount(loaded.index)).toBe(approvedCount(DEMO_RESELLERS));
    expect(cache.calls.putAll).toBe(0);
  });

  it('returns what was written and the conflicts it resolved', () => {
    const suspended: Reseller = { ...(DEMO_RESELLERS[0] as Reseller), status: 'suspended' };
    const { meta, conflicts } = replaceDirectory(
      new MemoryStore(),
      new MemoryCache(),
      new FakeLock(),
      [...DEMO_RESELLERS, suspended],
      'v1',
    );
    expect(meta.count).toBe(DEMO_RESELLERS.length);
    expect(conflicts.map((c) => [c.id, c.kept.status])).toEqual([['R-00001', 'suspended']]);
  });
});

describe('loadSearchIndex', () => {
  it.each(['keystroke', 'search'] as const)('answers a %s from one cache call and no store call', (check) => {
    const { store, cache } = setUp();
    const { index, health } = loadSearchIndex(store, cache, check);
    expect(health).toBe('ok');
    expect(cache.calls).toEqual({ getAll: 1, putAll: 0 });
    expect(store.totalCalls()).toBe(0);
    expect(indexCount(index)).toBe(approvedCount(DEMO_RESELLERS));
    expect(findSegmentedById(index, 'R-00001')?.name).toBe('Müller IT GmbH');
  });

  it('reads only the directory’s meta entry besides the cache before a choice', () => {
    const { store, cache } = setUp();
    expect(loadSearchIndex(store, cache, 'choose').health).toBe('ok');
    expect(store.calls).toEqual({ get: 1, getAll: 0, setAll: 0, delete: 0 });
    expect(cache.calls.putAll).toBe(0);
  });

  it('rebuilds from the store with one getAll after the cache is cleared, and puts the index back', () => {
    const { store, cache } = setUp();
    cache.data.clear();
    const { index, health } = loadSearchIndex(store, cache, 'keystroke');
    expect(health).toBe('ok');
    expect(store.calls).toEqual({ get: 0, getAll: 1, setAll: 0, delete: 0 });
    expect(cache.calls.putAll).toBe(1);
    expect(cache.ttls).toEqual([INDEX_TTL_SECONDS]);
    expect(indexCount(index)).toBe(approvedCount(DEMO_RESELLERS));

    store.resetCalls();
    cache.resetCalls();
    expect(segmentTexts(loadSearchIndex(store, cache, 'search').index)).toEqual(segmentTexts(index));
    expect(store.totalCalls()).toBe(0);
    expect(cache.calls.putAll).toBe(0);
  });

  it('only ever holds approved resellers', () => {
    const others = RESELLER_STATUSES.map((status, i) => ({ ...(DEMO_RESELLERS[i] as Reseller), status }));
    const { store, cache } = setUp(others);
    cache.data.clear();
    const { index } = loadSearchIndex(store, cache, 'search');
    expect(indexCount(index)).toBe(1);
    for (const r of others)
      expect(findSegmentedById(index, r.id)?.id).toBe(r.status === 'approved' ? r.id : undefined);
  });

  it('never serves an approved copy of an id whose other copy is suspended', () => {
    const approved = DEMO_RESELLERS[0] as Reseller;
    for (const copies of [
      [approved, { ...approved, status: 'suspended' as const }],
      [{ ...approved, status: 'suspended' as const }, approved],
    ]) {
      const { store, cache } = setUp([...DEMO_RESELLERS.slice(1), ...copies]);
      for (const fresh of [false, true]) {
        if (fresh) cache.data.clear();
        const { index } = loadSearchIndex(store, cache, 'search');
        expect(findSegmentedById(index, approved.id)).toBeUndefined();
        expect(searchSegments(index, 'Müller IT GmbH').map((m) => m.reseller.id)).not.toContain(approved.id);
      }
    }
  });

  it('fits a realistic 5,000-reseller index into the cache values', () => {
    const resellers = generateResellers(5000);
    const { store, cache } = setUp(resellers);
    const keys = indexKeys(cache);
    expect(keys.length).toBeGreaterThan(1);
    expect(keys.length).toBeLessThanOrEqual(64);
    for (const [key, value] of cache.data) {
      expect(utf8Bytes(key)).toBeLessThanOrEqual(250);
      expect(utf8Bytes(value)).toBeLessThanOrEqual(100 * 1024);
    }
    const { index } = loadSearchIndex(store, cache, 'search');
    expect(store.totalCalls()).toBe(0);
    expect(segmentTexts(index)).toEqual(buildSegmentTexts(resellers, 90_000));
    expect(indexCount(index)).toBe(approvedCount(resellers));
  });

  it('rebuilds when one segment of a multi-segment index is missing', () => {
    const resellers = generateResellers(5000);
    const { store, cache } = setUp(resellers);
    cache.data.delete('ix:1');
    const { index } = loadSearchIndex(store, cache, 'keystroke');
    expect(store.calls.getAll).toBe(1);
    expect(cache.calls.putAll).toBe(1);
    expect(segmentTexts(index)).toEqual(buildSegmentTexts(resellers, 90_000));
    expect(cache.data.has('ix:1')).toBe(true);
  });

  it('rebuilds when the cached segments come from different versions', () => {
    const older = generateResellers(5000, 1);
    const newer = generateResellers(5000, 2);
    const { store, cache, lock } = setUp(older, 'v1');
    const stale = cache.data.get('ix:2') ?? '';
    replaceDirectory(store, cache, lock, newer, 'v2');
    cache.data.set('ix:2', stale);
    store.resetCalls();

    const { index } = loadSearchIndex(store, cache, 'keystroke');
    expect(store.calls.getAll).toBe(1);
    expect(segmentTexts(index)).toEqual(buildSegmentTexts(newer, 90_000));
    expect(cache.data.get('ix:2')).not.toBe(stale);
  });

  it('rebuilds when a cached segment is cut short but keeps its header', () => {
    const { store, cache } = setUp(generateResellers(2000));
    cache.data.set('ix:0', (cache.data.get('ix:0') ?? '').slice(0, -10));
    const { index } = loadSearchIndex(store, cache, 'keystroke');
    expect(store.calls.getAll).toBe(1);
    expect(segmentTexts(index)).toEqual(buildSegmentTexts(generateResellers(2000), 90_000));
  });

  it.each([
    ['plain text', 'garbage'],
    ['a zero segment count', 'v1\t0\t'],
    ['a huge segment count', 'v1\t999\tRSX3'],
    ['no version', '\t1\tRSX3'],
  ])('rebuilds when the first cached segment is %s', (_, value) => {
    const { store, cache } = setUp();
    cache.data.clear();
    cache.data.set('ix:0', value);
    const { index, health } = loadSearchIndex(store, cache, 'keystroke');
    expect(health).toBe('ok');
    expect(store.calls.getAll).toBe(1);
    expect(indexCount(index)).toBe(approvedCount(DEMO_RESELLERS));
  });

  it('gives an empty index, and caches it, when there is no directory at all', () => {
    const store = new MemoryStore();
    const cache = new MemoryCache();
    const { index, health } = loadSearchIndex(store, cache, 'search');
    expect(health).toBe('ok');
    expect(indexCount(index)).toBe(0);
    expect(searchSegments(index, 'müller')).toEqual([]);
    store.resetCalls();
    expect(indexCount(loadSearchIndex(store, cache, 'choose').index)).toBe(0);
    expect(store.calls.getAll).toBe(0);
  });

  it('serves the new directory at once after a rewrite, without a store call', () => {
    const { store, cache, lock } = setUp(generateResellers(3000));
    replaceDirectory(store, cache, lock, DEMO_RESELLERS, 'v2');
    store.resetCalls();
    expect(segmentTexts(loadSearchIndex(store, cache, 'search').index)).toEqual(
      buildSegmentTexts(DEMO_RESELLERS, 90_000),
    );
    expect(store.totalCalls()).toBe(0);
  });
});

describe('loadSearchIndex: damage the keystroke check lets through', () => {
  const damages: [string, (value: string) => string][] = [
    ['one changed letter', (value) => value.replace('\ncloudwerk gmbh\t', '\ncloudwerk gmbx\t')],
    [
      'two swapped ids',
      (value) =>
        value
          .replace('\tR-00001\n', '\t#SWAP#\n')
          .replace('\tR-00002\n', '\tR-00001\n')
          .replace('\t#SWAP#\n', '\tR-00002\n'),
    ],
  ];

  it.each(damages)('serves a segment with %s to a keystroke, from the cache alone', (_, damage) => {
    const { store, cache } = setUp();
    editSegment(cache, 'ix:0', damage);
    const { index, health } = loadSearchIndex(store, cache, 'keystroke');
    expect(health).toBe('ok');
    expect(store.totalCalls()).toBe(0);
    expect(index[0]?.text).toBe((cache.data.get('ix:0') ?? '').replace(/^v1\t1\t/, ''));
  });

  it.each(damages)(
    'rebuilds a segment with %s before a search or a choice, and caches the good one',
    (_, damage) => {
      for (const check of ['search', 'choose'] as const) {
        const { store, cache } = setUp();
        const good = cache.data.get('ix:0');
        editSegment(cache, 'ix:0', damage);
        const { index, health } = loadSearchIndex(store, cache, check);
        expect([check, health]).toEqual([check, 'ok']);
        expect(store.calls.getAll).toBe(1);
        expect(cache.data.get('ix:0')).toBe(good);
        expect(segmentTexts(index)).toEqual(buildSegmentTexts(DEMO_RESELLERS, 90_000));
        expect(findSegmentedById(index, 'R-00001')?.name).toBe('Müller IT GmbH');
        expect(searchSegments(index, 'Cloudwerk GmbH')[0]?.reseller.name).toBe('Cloudwerk GmbH');
      }
    },
  );

  it('rebuilds, before a choice, an intact index built from an older version of the directory', () => {
    const { store, cache, lock } = setUp(DEMO_RESELLERS, 'v1');
    const renamed = DEMO_RESELLERS.map((r) =>
      r.id === 'R-00012' ? { ...r, name: 'Cloudwerk Neu GmbH' } : r,
    );
    // A rebuild that raced with this write could have left the older index in the cache.
    writeDirectory(store, lock, renamed, 'v2');
    store.resetCalls();
    expect(findSegmentedById(loadSearchIndex(store, cache, 'search').index, 'R-00012')?.name).toBe(
      'Cloudwerk GmbH',
    );
    expect(store.calls.getAll).toBe(0);
    const chosen = loadSearchIndex(store, cache, 'choose');
    expect(chosen.health).toBe('ok');
    expect(store.calls.getAll).toBe(1);
    expect(findSegmentedById(chosen.index, 'R-00012')?.name).toBe('Cloudwerk Neu GmbH');
    store.resetCalls();
    expect(findSegmentedById(loadSearchIndex(store, cache, 'keystroke').index, 'R-00012')?.name).toBe(
      'Cloudwerk Neu GmbH',
    );
    expect(store.totalCalls()).toBe(0);
  });
});

describe('loadSearchIndex when the directory cannot be read', () => {
  it('serves the intact cached index as stale, and keeps it, when a choice finds the meta entry damaged', () => {
    const { store, cache } = setUp();
    const before = cache.snapshot();
    store.data.set(KEYS.directoryMeta, 'garbage');
    const { index, health } = loadSearchIndex(store, cache, 'choose');
    expect(health).toBe('stale');
    expect(segmentTexts(index)).toEqual(buildSegmentTexts(DEMO_RESELLERS, 90_000));
    expect(cache.calls.putAll).toBe(0);
    expect(cache.snapshot()).toEqual(before);
    expect(log.error).toHaveBeenCalled();
  });

  it('serves an older intact index as stale when the newer directory cannot be read', () => {
    const { store, cache, lock } = setUp(DEMO_RESELLERS, 'v1');
    writeDirectory(store, lock, generateResellers(500), 'v2');
    damageDirectory(store);
    const before = cache.snapshot();
    const { index, health } = loadSearchIndex(store, cache, 'choose');
    expect(health).toBe('stale');
    expect(indexCount(index)).toBe(approvedCount(DEMO_RESELLERS));
    expect(cache.snapshot()).toEqual(before);
  });

  it.each(['keystroke', 'search', 'choose'] as const)(
    'is unavailable, and puts nothing in the cache, when nothing intact is cached (%s)',
    (check) => {
      const { store, cache } = setUp();
      cache.data.clear();
      damageDirectory(store);
      expect(loadSearchIndex(store, cache, check)).toEqual({ index: [], health: 'unavailable' });
      expect(cache.calls.putAll).toBe(0);
      expect(cache.data.size).toBe(0);
    },
  );

  it('is unavailable, and leaves the cache as it was, when the cached index is damaged too', () => {
    const { store, cache } = setUp();
    editSegment(cache, 'ix:0', (value) => value.replace('\ncloudwerk gmbh\t', '\ncloudwerk gmbx\t'));
    damageDirectory(store);
    const before = cache.snapshot();
    expect(loadSearchIndex(store, cache, 'search')).toEqual({ index: [], health: 'unavailable' });
    expect(cache.calls.putAll).toBe(0);
    expect(cache.snapshot()).toEqual(before);
  });

  it('serves and caches nothing partial when a cached segment and a directory chunk are both missing', () => {
    const resellers = generateResellers(3000);
    const { store, cache } = setUp(resellers);
    cache.data.delete('ix:1');
    store.data.delete(KEYS.directoryChunk(2));
    expect(loadSearchIndex(store, cache, 'keystroke')).toEqual({ index: [], health: 'unavailable' });
    expect(cache.calls.putAll).toBe(0);
  });
});

describe('lookupResellerName', () => {
  const everyStatus = RESELLER_STATUSES.map((status, i) => ({ ...(DEMO_RESELLERS[i] as Reseller), status }));

  it('finds the name of a reseller of every status, from one small cache read', () => {
    const { store, cache } = setUp([...everyStatus, ...DEMO_RESELLERS.slice(6)]);
    for (const r of everyStatus) {
      cache.resetCalls();
      expect(lookupResellerName(store, cache, r.id)).toEqual({ found: true, name: r.name });
      expect(cache.calls).toEqual({ getAll: 1, putAll: 0 });
    }
    expect(store.totalCalls()).toBe(0);
  });

  it('finds every name of a large directory, names as stored (flattened), markup as text', () => {
    const odd: Reseller = {
      id: 'R-77777',
      name: '<b>Tab\there</b> & Co',
      domain: 'o.de',
      country: 'DE',
      status: 'approved',
    };
    const resellers = [...generateResellers(3000, 9), odd];
    const { store, cache } = setUp(resellers);
    for (const r of resellers.filter((_, i) => i % 37 === 0)) {
      expect(lookupResellerName(store, cache, r.id)).toEqual({ found: true, name: r.name });
    }
    expect(lookupResellerName(store, cache, odd.id)).toEqual({ found: true, name: '<b>Tab here</b> & Co' });
    expect(store.totalCalls()).toBe(0);
  });

  it('knows that an id is not in the directory without reading the directory', () => {
    const { store, cache } = setUp();
    expect(lookupResellerName(store, cache, 'R-99999')).toEqual({ found: false });
    expect(lookupResellerName(store, cache, 'R-0000')).toEqual({ found: false });
    expect(store.totalCalls()).toBe(0);
  });

  it('rebuilds both caches from the directory on a miss', () => {
    const { store, cache } = setUp();
    cache.data.clear();
    expect(lookupResellerName(store, cache, 'R-00024')).toEqual({ found: true, name: 'Fuchs Digital GmbH' });
    expect(store.calls.getAll).toBe(1);
    expect(cache.calls.putAll).toBe(1);
    expect(indexKeys(cache)).not.toEqual([]);
    store.resetCalls();
    expect(lookupResellerName(store, cache, 'R-00005')).toMatchObject({ found: true });
    expect(loadSearchIndex(store, cache, 'search').health).toBe('ok');
    expect(store.totalCalls()).toBe(0);
  });

  it.each([
    ['a changed letter in a name', (value: string) => value.replace('Müller IT GmbH', 'Müller IT GmbX')],
    ['a changed id', (value: string) => value.replace('R-00001\t', 'R-00009\t')],
    ['a cut tail', (value: string) => value.slice(0, -3)],
    ['another format', (value: string) => value.replace(/^NM1/, 'NM2')],
    ['no header line', () => 'R-00001\tMüller IT GmbX'],
  ])('rebuilds on a bucket with %s, and answers from the directory', (_, damage) => {
    const { store, cache } = setUp();
    const key =
      [...cache.data.entries()].find(([k, v]) => k.startsWith('nm:') && v.includes('\nR-00001\t'))?.[0] ?? '';
    cache.data.set(key, damage(cache.data.get(key) ?? ''));
    expect(lookupResellerName(store, cache, 'R-00001')).toEqual({ found: true, name: 'Müller IT GmbH' });
    expect(store.calls.getAll).toBe(1);
    expect(cache.data.get(key)).toContain('\nR-00001\tMüller IT GmbH\n');
  });

  it('names a renamed reseller at once after the directory is replaced', () => {
    const { store, cache, lock } = setUp();
    replaceDirectory(
      store,
      cache,
      lock,
      DEMO_RESELLERS.map((r) => (r.id === 'R-00001' ? { ...r, name: 'Müller Neu' } : r)),
      'v2',
    );
    expect(lookupResellerName(store, cache, 'R-00001')).toEqual({ found: true, name: 'Müller Neu' });
  });

  it('finds nothing, puts nothing and logs the problem when the directory cannot be read on a miss', () => {
    const { store, cache } = setUp();
    cache.data.clear();
    damageDirectory(store);
    // Unreadable, not "no longer in the directory": the status card says its name cannot be shown.
    expect(lookupResellerName(store, cache, 'R-00001')).toEqual({ found: false, unreadable: true });
    expect(cache.calls.putAll).toBe(0);
    expect(log.error).toHaveBeenCalled();
  });
});
