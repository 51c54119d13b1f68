/**
 * The search index as several independent segments, each small enough for one cache value.
 *
 * Why: joining cached chunks into one string of half a megabyte cost 3–4 ms per keystroke in a
 * fresh execution (the copy when V8 flattens it), more than the whole 2 ms budget. Segments are
 * searched where they lie, one after the other, as one text (search.ts).
 */
import type { Reseller } from './reseller';
import { buildIndexTexts } from './search-layout';
import {
  findResellerById,
  findResellerByLabel,
  parseSearchIndex,
  prepareQuery,
  searchIndexes,
  DEFAULT_LIMIT,
  type LabelOf,
  type SearchIndex,
  type SearchMatch,
} from './search';

export type SegmentedIndex = readonly SearchIndex[];

/**
 * Builds segment texts of at most `maxBytes` UTF-8 bytes each: consecutive runs of the index's
 * lines (search-layout.ts), so that segment i's lines all rank before segment i + 1's and a search
 * can treat them as one text. Duplicate labels are marked over the whole directory before the
 * lines are cut.
 */
export function buildSegmentTexts(resellers: readonly Reseller[], maxBytes: number): string[] {
  return buildIndexTexts(resellers, maxBytes);
}

export function parseSegments(texts: readonly string[]): SegmentedIndex {
  return texts.map((text) => parseSearchIndex(text));
}

/** The best `limit` matches over all segments, ranked as one index would rank them. */
export function searchSegments(index: SegmentedIndex, query: string, limit = DEFAULT_LIMIT): SearchMatch[] {
  return searchIndexes(index, prepareQuery(query), limit);
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
