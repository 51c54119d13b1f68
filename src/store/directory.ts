/**
 * The reseller directory: every known reseller (any status) in Script Properties as chunks under
 * 8 KB, and the search index of the approved ones in the script cache, where each typeahead
 * keystroke reads it with one call. A cache miss rebuilds the index from the properties.
 */
import { RESELLER_STATUSES, type Reseller, type ResellerStatus } from '../domain/reseller';
import { buildSegmentTexts, parseSegments, type SegmentedIndex } from '../domain/segmented-search';
import { utf8Length } from '../domain/utf8';
import { KEYS, PROPERTY_CHUNK_BYTES } from './keys';
import type { Cache, KeyValueStore } from './ports';

/**
 * Cache values may hold 100 KB: segments stay under 90 KB of UTF-8, leaving room for the header.
 * Each segment is one cache value, searched where it lies (see segmented-search.ts).
 */
const SEGMENT_MAX_BYTES = 90_000;
/** Fixed so that one getAll asks for every segment without reading a count first. */
const INDEX_MAX_SEGMENTS = 64;
const INDEX_KEYS = Array.from({ length: INDEX_MAX_SEGMENTS }, (_, i) => `ix:${i}`);
/** The longest time the cache keeps anything; a directory write replaces the index at once anyway. */
export const INDEX_TTL_SECONDS = 21_600;

const STATUS_CODES: Record<ResellerStatus, string> = {
  applied: 'a',
  agreement_sent: 's',
  agreement_signed: 'g',
  approved: 'A',
  rejected: 'r',
  suspended: 'x',
};
const STATUS_BY_CODE = new Map<string, ResellerStatus>(RESELLER_STATUSES.map((s) => [STATUS_CODES[s], s]));

const FIELD_BREAKS = /[\t\n\r]/g;

export interface DirectoryMeta {
  version: string;
  chunks: number;
  count: number;
}

function encodeReseller(r: Reseller): string {
  return [r.id, r.name, r.domain, r.country, STATUS_CODES[r.status]]
    .map((f) => f.replace(FIELD_BREAKS, ' '))
    .join('\t');
}

function decodeReseller(line: string): Reseller | null {
  const [id, name, domain, country, code] = line.split('\t');
  const status = code === undefined ? undefined : STATUS_BY_CODE.get(code);
  if (!id || name === undefined || domain === undefined || country === undefined || !status) return null;
  return { id, name, domain, country, status };
}

/** Packs lines into values of at most `limitBytes` UTF-8 bytes, never splitting a line. */
export function packLines(lines: readonly string[], limitBytes: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    const lineBytes = utf8Length(line);
    if (lineBytes > limitBytes) throw new Error(`A directory record is larger than ${limitBytes} bytes`);
    // A newline separates this line from the previous one in the same chunk.
    if (current.length > 0 && bytes + 1 + lineBytes > limitBytes) {
      chunks.push(current.join('\n'));
      current = [];
      bytes = 0;
    }
    bytes += (current.length > 0 ? 1 : 0) + lineBytes;
    current.push(line);
  }
  if (current.length > 0) chunks.push(current.join('\n'));
  return chunks;
}

export function readDirectoryMeta(all: Record<string, string>): DirectoryMeta | null {
  const text = all[KEYS.directoryMeta];
  if (!text) return null;
  const [version, chunks, count] = text.split('\t');
  const meta = { version: version ?? '', chunks: Number(chunks), count: Number(count) };
  return meta.version && Number.isInteger(meta.chunks) && Number.isInteger(meta.count) ? meta : null;
}

/** Every reseller in the directory, from the whole Script Properties store (one getAll call). */
export function readDirectory(all: Record<string, string>): Reseller[] {
  const meta = readDirectoryMeta(all);
  if (!meta) return [];
  const resellers: Reseller[] = [];
  for (let i = 0; i < meta.chunks; i++) {
    const chunk = all[KEYS.directoryChunk(i)];
    if (chunk === undefined) throw new Error(`Directory chunk ${i} of ${meta.chunks} is missing`);
    for (const line of chunk.split('\n')) {
      const reseller = decodeReseller(line);
      if (reseller) resellers.push(reseller);
    }
  }
  return resellers;
}

/**
 * Replaces the directory: chunks and meta in one setProperties call (all or nothing), then removes
 * chunks the previous, larger directory left behind, then puts the new index in the cache.
 */
export function writeDirectory(
  store: KeyValueStore,
  cache: Cache,
  resellers: readonly Reseller[],
  version: string,
): DirectoryMeta {
  const previousText = store.get(KEYS.directoryMeta);
  const previous = previousText === null ? null : readDirectoryMeta({ [KEYS.directoryMeta]: previousText });
  const chunks = packLines(resellers.map(encodeReseller), PROPERTY_CHUNK_BYTES);
  const meta: DirectoryMeta = { version, chunks: chunks.length, count: resellers.length };
  const values: Record<string, string> = {
    [KEYS.directoryMeta]: `${version}\t${meta.chunks}\t${meta.count}`,
  };
  chunks.forEach((chunk, i) => (values[KEYS.directoryChunk(i)] = chunk));
  store.setAll(values);
  for (let i = chunks.length; i < (previous?.chunks ?? 0); i++) store.delete(KEYS.directoryChunk(i));
  putIndex(cache, version, buildSegmentTexts(resellers, SEGMENT_MAX_BYTES));
  return meta;
}

function putIndex(cache: Cache, version: string, segments: readonly string[]): void {
  if (segments.length > INDEX_MAX_SEGMENTS)
    throw new Error('The reseller search index is too large for the cache');
  const values: Record<string, string> = {};
  segments.forEach(
    (segment, i) => (values[INDEX_KEYS[i] as string] = `${version}\t${segments.length}\t${segment}`),
  );
  cache.putAll(values, INDEX_TTL_SECONDS);
}

/** The cached segments and their directory version, or null if any is missing or versions differ. */
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

/**
 * The search index: one cache call when cached; otherwise rebuilt from the directory (one
 * getAll on Script Properties) and put back in the cache.
 *
 * `current: true` also checks the cached version against the directory's (one more call): a cache
 * filled by a rebuild that raced with a directory write may lag behind it for hours. Suggestions can
 * live with that; choosing and confirming a reseller cannot.
 */
export function loadSearchIndex(
  store: KeyValueStore,
  cache: Cache,
  options: { current?: boolean } = {},
): SegmentedIndex {
  const cached = cachedSegments(cache.getAll(INDEX_KEYS));
  const stale = cached !== null && options.current === true && cached.version !== currentVersion(store);
  if (cached !== null && !stale) {
    try {
      return parseSegments(cached.segments);
    } catch {
      // A damaged cache entry is not an error: fall through and rebuild it.
    }
  }
  const all = store.getAll();
  const meta = readDirectoryMeta(all);
  const segments = buildSegmentTexts(readDirectory(all), SEGMENT_MAX_BYTES);
  putIndex(cache, meta?.version ?? EMPTY_VERSION, segments);
  return parseSegments(segments);
}

/** The version an index built from no directory at all is cached under. */
const EMPTY_VERSION = 'empty';

function currentVersion(store: KeyValueStore): string {
  const text = store.get(KEYS.directoryMeta);
  return (text === null ? null : readDirectoryMeta({ [KEYS.directoryMeta]: text }))?.version ?? EMPTY_VERSION;
}
