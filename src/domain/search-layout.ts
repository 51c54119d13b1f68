/**
 * Building index texts: the resellers' lines in ranking order, then their alias lines, cut into
 * consecutive runs of at most `maxBytes` UTF-8 bytes each (one index text per run, so that segment
 * i's lines all rank before segment i + 1's and a search can treat them as one text). Alias lines
 * point at their reseller's line, in whichever segment it landed (search-aliases.ts).
 */
import type { Reseller } from './reseller';
import { aliasLineText, orderedAliasLines, type LineRef } from './search-aliases';
import {
  assembleIndexText,
  BodyLayout,
  indexBytesFor,
  indexLine,
  lineOf,
  rankedEntries,
  type IndexLine,
} from './search-index';
import { utf8Length } from './utf8';

/** The lines of one segment being filled, with where the next line will land. */
interface Segment {
  lines: string[];
  resellerLines: number;
  bytes: number;
  layout: BodyLayout;
}

function newSegment(): Segment {
  return { lines: [], resellerLines: 0, bytes: 0, layout: new BodyLayout() };
}

/** Index texts of at most `maxBytes` UTF-8 bytes each (Infinity: one text). */
export function buildIndexTexts(resellers: readonly Reseller[], maxBytes: number): string[] {
  const entries = rankedEntries(resellers);
  const segments: Segment[] = [newSegment()];
  const place = (line: IndexLine, isReseller: boolean): LineRef => {
    let current = segments[segments.length - 1] as Segment;
    if (
      current.lines.length > 0 &&
      indexBytesFor(current.bytes + line.bytes, current.lines.length + 1) > maxBytes
    ) {
      current = newSegment();
      segments.push(current);
    }
    current.lines.push(line.text);
    current.bytes += line.bytes;
    if (isReseller) current.resellerLines++;
    return { segment: segments.length - 1, bodyOffset: current.layout.add(line.text.length) };
  };
  const refs = entries.map((e) => place(indexLine(lineOf(e)), true));
  for (const alias of orderedAliasLines(entries.map((e) => e.aliasKeys))) {
    place(indexLine(aliasLineText(alias.key, refs[alias.target] as LineRef)), false);
  }
  const texts = segments.map((s) => assembleIndexText(s.lines, s.resellerLines));
  if (Number.isFinite(maxBytes) && texts.some((text) => utf8Length(text) > maxBytes))
    throw new Error('A reseller does not fit in one search index segment');
  return texts;
}

/** Serialises the approved resellers into one index text (format in search-index.ts). */
export function buildSearchIndex(resellers: readonly Reseller[]): string {
  return buildIndexTexts(resellers, Infinity)[0] as string;
}
