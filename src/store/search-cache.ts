/**
 * What the script cache keeps for the reseller directory, so that hot paths never read it from
 * Script Properties:
 *
 * - the search index of approved resellers (`ix:<n>`), as independent segments under 90 KB that one
 *   getAll reads per keystroke (see segmented-search.ts);
 * - every reseller's name by id (`nm:<bucket>`, 8 buckets by a hash of the id), for the status card:
 *   organisation records hold only the reseller's id, and the homepage reads one small bucket.
 *
 * Both are rebuilt from the directory on a miss. A rebuild that cannot read the directory (a
 * damaged chunk or meta entry, chunks without their meta entry) puts nothing: a partial or empty
 * index never replaces a good one.
 */
import { checksum, fnvFinish, fnvStart, fnvUpdate } from '../domain/hash';
import type { Reseller } from '../domain/reseller';
import { compareStrings, verifySearchIndexContent } from '../domain/search';
import { buildSegmentTexts, parseSegments, type SegmentedIndex } from '../domain/segmented-search';
import { readDirectory, EMPTY_VERSION, type DirectoryMeta } from './directory';
import { selectFrom } from './select';
import { KEYS } from './keys';
import type { Cache, KeyValueStore } from './ports';

/**
 * Cache values may hold 100 KB: segments stay under 90 KB of UTF-8, leaving room for the header.
 * Each segment is one cache value, searched where it lies (see segmented-search.ts).
 */
const SEGMENT_MAX_BYTES = 90_000;
/** Fixed so that one getAll asks for every segment without reading a count first. */
const INDEX_MAX_SEGMENTS = 64;
const INDEX_KEYS = Array.from({ length: INDEX_MAX_SEGMENTS }, (_, i) => `ix:${i}`);
/** The longest time the cache keeps anything; a directory write replaces both at once anyway. */
export const INDEX_TTL_SECONDS = 21_600;

/** The directory chunks' first ids, as the index was built: which chunk a confirm will read. */
const CHUNK_HINT_KEY = 'rm';

const NAME_BUCKETS = 8;
const NAMES_FORMAT = 'NM1';

// ---------------------------------------------------------------------------------------------
// Filling

/** Puts the search index and the names of `resellers` (a directory read in full) in the cache. */
export function refreshCaches(
  cache: Cache,
  resellers: readonly Reseller[],
  version: string,
  /** The first id of each directory chunk (its meta entry), for directoryChunkHint. */
  chunkStarts: readonly string[] = [],
): SegmentedIndex {
  const segments = buildSegmentTexts(resellers, SEGMENT_MAX_BYTES);
  if (segments.length > INDEX_MAX_SEGMENTS)
    throw new Error('The reseller search index is too large for the cache');
  const values: Record<string, string> = {};
  segments.forEach(
    (segment, i) => (values[INDEX_KEYS[i] as string] = `${version}\t${segments.length}\t${segment}`),
  );
  Object.assign(values, nameBuckets(resellers, version));
  if (chunkStarts.length > 0) values[CHUNK_HINT_KEY] = `${version}\t${chunkStarts.join(' ')}`;
  cache.putAll(values, INDEX_TTL_SECONDS);
  return parseSegments(segments);
}

function bucketOf(id: string): number {
  return fnvFinish(fnvUpdate(fnvStart(), id)) % NAME_BUCKETS;
}

function bucketKey(bucket: number): string {
  return `nm:${bucket}`;
}

function nameBuckets(resellers: readonly Reseller[], version: string): Record<string, string> {
  const lines: string[][] = Array.from({ length: NAME_BUCKETS }, () => []);
  for (const r of resellers) lines[bucketOf(r.id)]?.push(`${r.id}\t${r.name.replace(/[\t\n\r]/g, ' ')}`);
  const values: Record<string, string> = {};
  lines.forEach((bucket, i) => {
    const body = `\n${bucket.join('\n')}\n`;
    values[bucketKey(i)] = `${NAMES_FORMAT}\t${version}\t${checksum(body)}${body}`;
  });
  return values;
}

// ---------------------------------------------------------------------------------------------
// Reading the index

export type IndexHealth =
  /** Built from a directory that read correctly (now or when it was cached). */
  | 'ok'
  /** The directory could not be read: an older, intact index is served meanwhile. */
  | 'stale'
  /** The directory could not be read and no intact index is cached: nothing can be searched. */
  | 'unavailable';

export interface LoadedIndex {
  index: SegmentedIndex;
  health: IndexHealth;
}

/**
 * How much checking a caller pays for:
 * - `keystroke`: the structure only (one cache call);
 * - `search`: also the content hash of every segment, so a damaged index is rebuilt, not served;
 * - `choose`: also that the index was built from the directory's current version (one more read),
 *   since a rebuild that raced with a directory write could leave an older index for hours.
 */
export type IndexCheck = 'keystroke' | 'search' | 'choose';

/** The cached segments and their directory version, or null if any is missing or mixed. */
function cachedSegments(found: Record<string, string>): { version: string; segments: string[] } | null {
  const head = found[INDEX_KEYS[0] as string];
  if (head === undefined) return null;
  // indexOf, not split: a segment holds thousands of tabs and split would cut all of them.
  const firstTab = head.indexOf('\t');
  const secondTab = head.indexOf('\t', firstTab + 1);
  if (firstTab < 0 || secondTab < 0) return null;
  const version = head.slice(0, firstTab);
  const count = Number(head.slice(firstTab + 1, secondTab));
  if (!version || !Number.isInteger(count) || count < 1 || count > INDEX_MAX_SEGMENTS) return null;
  const prefix = `${version}\t${count}\t`;
  const segments: string[] = [];
  for (let i = 0; i < count; i++) {
    const value = found[INDEX_KEYS[i] as string];
    if (value === undefined || !value.startsWith(prefix)) return null;
    segments.push(value.slice(prefix.length));
  }
  return { version, segments };
}

function parsedIntact(segments: readonly string[], verifyContent: boolean): SegmentedIndex | null {
  try {
    const index = parseSegments(segments);
    return !verifyContent || index.every(verifySearchIndexContent) ? index : null;
  } catch {
    return null;
  }
}

/**
 * The search index: one cache call when cached and intact; otherwise rebuilt from the directory
 * (one getAll on Script Properties) and put back. When the directory cannot be read, the cached
 * index is kept and served if it is intact; the problem is logged either way.
 */
export function loadSearchIndex(store: KeyValueStore, cache: Cache, check: IndexCheck): LoadedIndex {
  const cached = cachedSegments(cache.getAll(INDEX_KEYS));
  const intact = cached ? parsedIntact(cached.segments, check !== 'keystroke') : null;
  if (cached && !intact) console.warn('The cached reseller search index is damaged: rebuilding it');
  if (intact && cached && (check !== 'choose' || cached.version === currentVersion(store))) {
    return { index: intact, health: 'ok' };
  }
  const read = readDirectory(selectFrom(store, { prefixes: [KEYS.directoryPrefix] }));
  if (!read.ok) {
    console.error(
      `The reseller directory cannot be read (${read.problem}); the search index was not rebuilt`,
    );
    return intact ? { index: intact, health: 'stale' } : { index: [], health: 'unavailable' };
  }
  reportConflicts(read.conflicts.map((c) => c.id));
  return {
    index: refreshCaches(cache, read.resellers, read.meta.version, chunkStarts(read.meta)),
    health: 'ok',
  };
}

function reportConflicts(ids: readonly string[]): void {
  for (const id of ids) console.warn(`Directory: reseller id ${id} appears more than once`);
}

function currentVersion(store: KeyValueStore): string {
  const text = store.get(KEYS.directoryMeta);
  if (text === null) return EMPTY_VERSION;
  // The version is the second field of the meta entry; an unreadable entry matches no version.
  return text.split('\t', 2)[1] ?? '';
}

// ---------------------------------------------------------------------------------------------
// Reading names

export type NameLookup =
  | { found: true; name: string }
  /** The directory does not have this id (any more). */
  | { found: false; unreadable?: false }
  /** The directory cannot be read right now, so the name is not known. */
  | { found: false; unreadable: true };

/**
 * A reseller's name by id, whatever its status: one small cache read; on a miss or a damaged bucket,
 * the directory is read and both caches are filled again.
 */
export function lookupResellerName(store: KeyValueStore, cache: Cache, id: string): NameLookup {
  const key = bucketKey(bucketOf(id));
  const fromCache = nameInBucket(cache.getAll([key])[key], id);
  if (fromCache) return fromCache;
  const read = readDirectory(selectFrom(store, { prefixes: [KEYS.directoryPrefix] }));
  if (!read.ok) {
    console.error(`The reseller directory cannot be read (${read.problem}); a reseller's name is unknown`);
    return { found: false, unreadable: true };
  }
  refreshCaches(cache, read.resellers, read.meta.version, chunkStarts(read.meta));
  const reseller = read.resellers.find((r) => r.id === id);
  return reseller ? { found: true, name: reseller.name } : { found: false };
}

/** The lookup result, or null when the bucket is missing or damaged (then the directory decides). */
function nameInBucket(value: string | undefined, id: string): NameLookup | null {
  if (value === undefined) return null;
  const headerEnd = value.indexOf('\n');
  const [format, , sum] = value.slice(0, Math.max(headerEnd, 0)).split('\t');
  const body = value.slice(headerEnd);
  if (headerEnd < 0 || format !== NAMES_FORMAT || checksum(body) !== sum) return null;
  const start = body.indexOf(`\n${id}\t`);
  if (start < 0) return { found: false };
  const nameStart = start + id.length + 2;
  return { found: true, name: body.slice(nameStart, body.indexOf('\n', nameStart)) };
}

// ---------------------------------------------------------------------------------------------
// Where a reseller's directory entry is

export function chunkStarts(meta: DirectoryMeta): string[] {
  return meta.chunks.map((chunk) => chunk.firstId);
}

/**
 * The directory chunk that held reseller `id` when the index was cached, or null: a hint only (a
 * store with round trips reads it together with the meta entry, which then decides).
 */
export function directoryChunkHint(cache: Cache, id: string): number | null {
  const text = cache.getAll([CHUNK_HINT_KEY])[CHUNK_HINT_KEY];
  if (text === undefined) return null;
  const starts = (text.split('\t')[1] ?? '').split(' ').filter(Boolean);
  let n = -1;
  starts.forEach((first, i) => {
    if (compareStrings(first, id) <= 0) n = i;
  });
  return n >= 0 ? n : null;
}
