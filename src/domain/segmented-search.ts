/**
 * The search index as several independent segments, each small enough for one cache value.
 *
 * Why: joining cached chunks into one string of half a megabyte cost 3–4 ms per keystroke in a
 * fresh execution (the copy when V8 flattens it), more than the whole 2 ms budget. Segments are
 * searched where they lie, and their results merged in the ranking order of `searchResellers`.
 */
import { oneEntryPerId, type Reseller } from './reseller';
import { utf8Length } from './utf8';
import {
  buildSearchIndex,
  compareRank,
  displayLabel,
  findResellerById,
  findResellerByLabel,
  parseSearchIndex,
  prepareQuery,
  searchPrepared,
  DEFAULT_LIMIT,
  indexFields,
  rankKey,
  type LabelOf,
  type MatchTier,
  type SearchIndex,
  type SearchMatch,
} from './search';

export type SegmentedIndex = readonly SearchIndex[];

const TIER_ORDER: Readonly<Record<MatchTier, number>> = {
  exact: 0,
  prefix: 1,
  wordPrefix: 2,
  allWords: 3,
  substring: 4,
  fuzzy: 5,
};

/**
 * Builds segment texts of at most `maxBytes` UTF-8 bytes each. Resellers with the same display label
 * always share a segment, so the index can still tell them apart within it.
 */
export function buildSegmentTexts(resellers: readonly Reseller[], maxBytes: number): string[] {
  // One entry per id before the status filter: a suspended copy is never shadowed by an approved one.
  const approved = oneEntryPerId(resellers)
    .resellers.filter((r) => r.status === 'approved')
    .map((r) => ({ reseller: r, label: displayLabel(r) }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const ranks = directoryRanks(approved.map((entry) => entry.reseller));
  const groups: Reseller[][] = [];
  let current: Reseller[] = [];
  approved.forEach((entry, i) => {
    current.push(entry.reseller);
    const next = approved[i + 1];
    if (next && next.label !== entry.label) {
      groups.push(current);
      current = [];
    }
  });
  if (current.length > 0) groups.push(current);
  // Greedy packing of label groups, measured on the built text, halving when a build is too big.
  const texts: string[] = [];
  let batch: Reseller[] = [];
  let estimate = 0;
  const flush = (): void => {
    if (batch.length > 0) texts.push(...buildWithin(batch, maxBytes, ranks));
    batch = [];
    estimate = 0;
  };
  for (const group of groups) {
    const size = group.reduce((sum, r) => sum + approximateIndexBytes(r), 0);
    if (estimate + size > maxBytes * 0.9) flush();
    batch.push(...group);
    estimate += size;
  }
  flush();
  return texts.length > 0 ? texts : [buildSearchIndex([])];
}

/**
 * Every approved reseller's place in the within-tier order over the whole directory. Computed once
 * per build, so that a keystroke merges the segments' results by number.
 */
function directoryRanks(approved: readonly Reseller[]): Map<string, number> {
  const keyed = approved.map((r) => {
    const clean = indexFields(r);
    return { id: clean.id, key: rankKey(clean, displayLabel(clean)) };
  });
  keyed.sort((a, b) => compareRank(a.key, b.key));
  return new Map(keyed.map((entry, i) => [entry.id, i]));
}

function buildWithin(resellers: Reseller[], maxBytes: number, ranks: ReadonlyMap<string, number>): string[] {
  const text = buildSearchIndex(resellers, ranks);
  if (utf8Length(text) <= maxBytes || resellers.length <= 1) return [text];
  // Split on a label boundary near the middle so equal labels stay together.
  let middle = Math.floor(resellers.length / 2);
  const labelAt = (i: number): string => displayLabel(resellers[i] as Reseller);
  while (middle < resellers.length - 1 && labelAt(middle) === labelAt(middle - 1)) middle++;
  return [
    ...buildWithin(resellers.slice(0, middle), maxBytes, ranks),
    ...buildWithin(resellers.slice(middle), maxBytes, ranks),
  ];
}

/** Roughly what one reseller costs in the index: its fields twice (as text and normalized) plus framing. */
function approximateIndexBytes(r: Reseller): number {
  return 2 * (utf8Length(r.name) + r.domain.length) + r.id.length + r.country.length + 16;
}

export function parseSegments(texts: readonly string[]): SegmentedIndex {
  return texts.map((text) => parseSearchIndex(text));
}

/** The best `limit` matches over all segments, ranked as one index would rank them. */
export function searchSegments(index: SegmentedIndex, query: string, limit = DEFAULT_LIMIT): SearchMatch[] {
  const prepared = prepareQuery(query);
  if (index.length === 1 && index[0]) return searchPrepared(index[0], prepared, limit);
  const all: SearchMatch[] = [];
  for (const segment of index) all.push(...searchPrepared(segment, prepared, limit));
  return sortMatches(all).slice(0, limit);
}

/** The order of `searchResellers` within one index: tier, then the rank the build gave each reseller. */
function sortMatches(matches: SearchMatch[]): SearchMatch[] {
  return matches.sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || a.rank - b.rank);
}

export function findSegmentedById(index: SegmentedIndex, id: string): Reseller | undefined {
  for (const segment of index) {
    const found = findResellerById(segment, id);
    if (found) return found;
  }
  return undefined;
}

export function findSegmentedByLabel(
  index: SegmentedIndex,
  label: string,
  labelOf?: LabelOf,
): Reseller | undefined {
  for (const segment of index) {
    const found = findResellerByLabel(segment, label, labelOf);
    if (found) return found;
  }
  return undefined;
}
