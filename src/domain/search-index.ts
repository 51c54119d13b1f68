/**
 * The reseller search index: its text format, building, parsing, checking and reading lines.
 * Matching queries against it is search.ts; splitting it into cache-sized segments is
 * segmented-search.ts.
 *
 * Every keystroke is a fresh Apps Script execution that reads the whole index from the cache and
 * searches it within a ~1 ms CPU budget. So the index is a plain text whose parse step only
 * validates it (header checks plus one native scan for checkpoint lines), the search runs `indexOf`
 * over it, and only the lines of the ≤ 10 results are ever split.
 *
 * Index format (version RSX8: one line per reseller, then one per alias; RSX7 had no aliases,
 * RSX6 held a search key for the domain too, RSX5 kept names twice, as written and as search
 * keys). Lines end with "\n"; fields are separated by "\t":
 *
 *   RSX8 count length stamp checkpoints aliasesAt    header (one line)
 *   nameKey domain nameSpelling country id [1]       one line per reseller
 *   aliasKey "" lineRef                              one line per alias, after all resellers
 *
 * - nameKey is `normalizeForSearch(name)`: lower case, folded, single spaces. A line starts with
 *   it, so "\n" + q finds name prefixes and "\n" + q + "\t" exact names.
 * - The domain follows as written, so "\t" + a domain typed by the user finds its prefix
 *   (`domainFormOfQuery`); domains are ASCII and lower case already, so a search key would only
 *   repeat them.
 * - The spelling turns the nameKey back into the name as written (spelling.ts): usually a few
 *   characters, as the key holds the letters already. Name, domain, country and id are stored
 *   with control characters and whitespace runs collapsed to one space, so no field can break the
 *   format.
 * - The lines are in the within-tier ranking order (`compareRank`, search-text.ts) over the whole
 *   directory: each tier of the search is one pass in text order that stops as soon as it has
 *   enough results, and segments, cut from one ordered run of lines, merge by their order alone.
 * - A trailing "1" marks a reseller whose display label another approved reseller has too; its
 *   label then gets " [<id>]" appended.
 * - Alias lines (search-aliases.ts) start with the alias's search key, so every pass finds them as
 *   it finds names; their empty second field keeps the domain needle off them, and lineRef points
 *   at their reseller's line, whose label is shown. They follow every reseller line (from body
 *   offset `aliasesAt` of the segment holding the first of them), so text order puts a name
 *   before an equally good alias. `count` counts reseller lines only.
 * - Checkpoint lines "#<stamp>" follow every ~4 KB and end the text. The stamp (7 letters A–Z) is a
 *   hash of every other line, so a text that is truncated, lost a chunk or mixes chunks of two
 *   builds fails `parseSearchIndex` (a cheap structural check), and one damaged but still
 *   well-formed (a changed letter, two ids swapped) fails `verifySearchIndexContent`, which reads
 *   every character. Normalized queries never contain "#".
 */
import { fnvFinish, fnvStart, fnvUpdate } from './hash';
import { oneEntryPerId, type Reseller } from './reseller';
import {
  cleanField,
  disambiguatedLabel,
  labelFor,
  normalizeForSearch,
  normalizeManyForSearch,
  rankKey,
  type LabelOf,
  type RankKey,
} from './search-text';
import { aliasKeysOf } from './search-aliases';
import { decodeSpelling, defaultNameSpelling, encodeSpelling, SpellingError } from './spelling';
import { utf8Length } from './utf8';

export type MatchTier = 'exact' | 'prefix' | 'wordPrefix' | 'allWords' | 'substring' | 'fuzzy';

export interface SearchMatch {
  /** Always an approved reseller; fields are as stored in the index (whitespace-collapsed). */
  reseller: Reseller;
  /** Unique among all approved resellers in the index; resolve with `findResellerByLabel`. */
  label: string;
  /** Another approved reseller has the same name, domain and country: labels then name the id. */
  duplicate: boolean;
  tier: MatchTier;
  /**
   * The matched line's place in the within-tier order (`compareRank`) over the whole index: the
   * reseller's own line, or for a match by an alias that alias's line (after every name).
   */
  rank: number;
}

/** A validated index text. Opaque to callers: only pass it to the functions of the search modules. */
export interface SearchIndex {
  readonly text: string;
  /** Number of approved resellers in the index. */
  readonly count: number;
  /** Where the first line begins (after the header's "\n"). */
  readonly bodyStart: number;
  /** Where the alias lines begin (the text's length when it has none): lines from here are aliases. */
  readonly aliasStart: number;
}

const INDEX_VERSION = 'RSX8';
const HEADER_FIELDS = 6;
const CHECKPOINT_EVERY_CHARS = 4096;
const STAMP_LENGTH = 7;
const NEWLINE = 10;
const TAB = 9;
const LETTER_A = 65;
/** nameKey, domain, name spelling, country, id; a sixth field "1" marks a duplicate label. */
const LINE_FIELDS = 5;

// ---------------------------------------------------------------------------------------------
// Building

/** One approved reseller's line, with what segmenting needs to know about it. */
export interface IndexLine {
  readonly text: string;
  /** UTF-8 bytes of the line and its "\n". */
  readonly bytes: number;
}

export interface IndexEntry {
  reseller: Reseller;
  nameKey: string;
  /** Search keys of its aliases (search-aliases.ts): each once, none equal to the name's. */
  aliasKeys: readonly string[];
  label: string;
  /** Sorts as `compareRank` orders, by plain string comparison (see `rankSortKey`). */
  sortKey: string;
  duplicate: boolean;
}

/**
 * Approved resellers only, one entry per id decided before the status filter (see `oneEntryPerId`):
 * a suspended copy of an id is never shadowed by an approved one. Fields cleaned once; a reseller
 * whose fields are clean already is used as it is.
 */
function approvedEntries(resellers: readonly Reseller[]): IndexEntry[] {
  const approved: Reseller[] = [];
  for (const r of oneEntryPerId(resellers).resellers) {
    if (r.status !== 'approved') continue;
    const id = cleanField(r.id);
    if (id === '') continue;
    const name = cleanField(r.name);
    const domain = cleanField(r.domain);
    const country = cleanField(r.country);
    const clean = id === r.id && name === r.name && domain === r.domain && country === r.country;
    approved.push(clean ? r : { id, name, domain, country, status: 'approved', aliases: r.aliases });
  }
  const nameKeys = normalizeManyForSearch(approved.map((r) => r.name));
  const aliasKeys = aliasKeysOf(approved, nameKeys);
  return approved.map((reseller, i) => {
    const nameKey = nameKeys[i] as string;
    const label = `${reseller.name} — ${reseller.domain} (${reseller.country})`.trim();
    return {
      reseller,
      nameKey,
      aliasKeys: aliasKeys[i] ?? [],
      label,
      sortKey: rankSortKey(rankKey(reseller, label, nameKey), i),
      duplicate: false,
    };
  });
}

const fromCharCode = String.fromCharCode;

/**
 * A string whose plain order is `compareRank`'s, so that the build sorts with the native string
 * sort instead of a comparator call per comparison: each length as one character, each text
 * ended by U+0000 (which no field holds, so a shorter text sorts before its extensions), and the
 * entry's position last, to find it again.
 */
function rankSortKey(rank: RankKey, position: number): string {
  // Directory names and domains are short; the cap only keeps hostile lengths below the surrogates.
  const coreLength = fromCharCode(Math.min(rank.coreLength + 1, 0xd7ff));
  const domainLength = fromCharCode(Math.min(rank.domain.length + 1, 0xd7ff));
  return `${coreLength}${rank.core}\0${domainLength}${rank.label}\0${rank.id}\0${position}`;
}

/**
 * Equal labels are neighbours in ranking order (the label decides right after name and domain), so
 * duplicates are found by comparing neighbours; only their disambiguated labels need a lookup.
 */
function markDuplicateLabels(sorted: readonly IndexEntry[]): void {
  sorted.forEach((e, i) => {
    e.duplicate = sorted[i - 1]?.label === e.label || sorted[i + 1]?.label === e.label;
  });
  let labels: Set<string> | undefined;
  for (const e of sorted) {
    if (!e.duplicate) continue;
    labels ??= new Set(sorted.map((other) => other.label));
    const label = disambiguatedLabel(e.label, e.reseller.id);
    // Only reachable with ids or names that mimic label syntax ("… [R-1]"): better to fail the
    // build than to mis-resolve.
    if (labels.has(label)) throw new Error(`Search index: cannot make label unique: ${label}`);
    labels.add(label);
  }
}

export function lineOf(e: IndexEntry): string {
  const { name, domain, country, id } = e.reseller;
  const nameSpelling = encodeSpelling(name, defaultNameSpelling(e.nameKey));
  const line = `${e.nameKey}\t${domain}\t${nameSpelling}\t${country}\t${id}`;
  return e.duplicate ? `${line}\t1` : line;
}

/** The approved resellers in ranking order, duplicate labels marked: what an index holds. */
export function rankedEntries(resellers: readonly Reseller[]): IndexEntry[] {
  const entries = approvedEntries(resellers);
  const sorted = entries
    .map((e) => e.sortKey)
    .sort()
    // Unary plus, not Number(): a global lookup per entry is slow in a fresh execution.
    .map((key) => entries[+key.slice(key.lastIndexOf('\0') + 1)] as IndexEntry);
  markDuplicateLabels(sorted);
  return sorted;
}

/** A line with its UTF-8 size, as segmenting needs it. */
export function indexLine(text: string): IndexLine {
  // Most lines are ASCII: one native test instead of a loop over every character.
  return { text, bytes: (NON_ASCII_RE.test(text) ? utf8Length(text) : text.length) + 1 };
}

/** The stamp: the content hash (every line but the checkpoints, in text order) as letters A–Z. */
function stampOf(hash: number): string {
  let n = fnvFinish(hash);
  let stamp = '';
  for (let i = 0; i < STAMP_LENGTH; i++) {
    stamp += String.fromCharCode(LETTER_A + (n % 26));
    n = Math.floor(n / 26);
  }
  return stamp;
}

const CHECKPOINT_LENGTH = 1 + STAMP_LENGTH + 1;
// eslint-disable-next-line no-control-regex
const NON_ASCII_RE = /[^\x00-\x7f]/;
/** The most a header takes: version, four numbers, stamp, separators. */
const MAX_HEADER_BYTES = 64;

/** UTF-8 bytes of an index text holding lines of `lineBytes` bytes in all (an upper bound). */
export function indexBytesFor(lineBytes: number, lineCount: number): number {
  // A checkpoint after every 4 KB of characters, a line's length at most, and one at the end.
  const checkpoints = Math.floor(lineBytes / CHECKPOINT_EVERY_CHARS) + 1 + (lineCount > 0 ? 1 : 0);
  return MAX_HEADER_BYTES + lineBytes + checkpoints * CHECKPOINT_LENGTH;
}

/**
 * Where lines land in an index body: each line's offset from the body's start, with a checkpoint
 * line after every ~4 KB. `assembleIndexText` lays lines out with it, so an alias line's reference
 * can be computed before the text it points into is assembled.
 */
export class BodyLayout {
  /** Body offset of the next line. */
  offset = 0;
  private sinceCheckpoint = 0;
  /** Checkpoint lines placed so far (the final one not included). */
  checkpoints = 0;

  /** Places a line of `length` characters; returns its body offset. */
  add(length: number): number {
    const at = this.offset;
    this.offset += length + 1;
    this.sinceCheckpoint += length + 1;
    if (this.sinceCheckpoint >= CHECKPOINT_EVERY_CHARS) {
      this.offset += CHECKPOINT_LENGTH;
      this.checkpoints++;
      this.sinceCheckpoint = 0;
    }
    return at;
  }
}

/**
 * Lays lines out as one index text: header, the lines with a checkpoint every ~4 KB, the stamp.
 * The first `resellerCount` lines are resellers' lines, the rest alias lines.
 */
export function assembleIndexText(lines: readonly string[], resellerCount = lines.length): string {
  const parts: string[] = [];
  const checkpointSlots: number[] = [];
  const layout = new BodyLayout();
  let hash = fnvStart();
  let aliasesAt = -1;
  lines.forEach((line, i) => {
    const at = layout.add(line.length);
    if (i === resellerCount) aliasesAt = at;
    parts.push(line, '\n');
    hash = fnvUpdate(fnvUpdate(hash, line), '\n');
    if (layout.checkpoints > checkpointSlots.length) {
      checkpointSlots.push(parts.length);
      parts.push('');
    }
  });
  // A final checkpoint makes a truncated tail detectable even without the length check.
  checkpointSlots.push(parts.length);
  parts.push('');
  const stamp = stampOf(hash);
  for (const slot of checkpointSlots) parts[slot] = `#${stamp}\n`;
  const body = parts.join('');
  if (aliasesAt < 0) aliasesAt = body.length;
  const count = Math.min(resellerCount, lines.length);
  const header = [INDEX_VERSION, count, body.length, stamp, checkpointSlots.length, aliasesAt].join('\t');
  return `${header}\n${body}`;
}

/**
 * Recomputes the content hash of a parsed index and compares it with its stamp: catches damage that
 * leaves the text well-formed (a changed letter, two ids swapped). It reads every character, so the
 * typeahead keystroke skips it and the actions that act on a result run it.
 */
export function verifySearchIndexContent(index: SearchIndex): boolean {
  const { text, bodyStart } = index;
  const stamp = text.slice(text.lastIndexOf('\n', text.length - 2) + 2, text.length - 1);
  const needle = `\n#${stamp}\n`;
  let hash = fnvStart();
  let from = bodyStart;
  for (let pos = text.indexOf(needle, from - 1); pos !== -1; pos = text.indexOf(needle, from - 1)) {
    hash = fnvUpdate(hash, text, from, pos + 1);
    from = pos + needle.length;
  }
  return from === text.length && stampOf(hash) === stamp;
}

// ---------------------------------------------------------------------------------------------
// Parsing

export function corrupt(reason: string): never {
  throw new Error(`Corrupt reseller search index: ${reason}`);
}

function headerNumber(value: string | undefined, what: string): number {
  if (value === undefined || !/^\d{1,9}$/.test(value)) corrupt(`bad ${what} in header`);
  return Number(value);
}

/**
 * Validates the text and wraps it; does not split lines. Cost: the header plus one native scan for
 * checkpoint lines. Throws on anything that is not an intact index of this version.
 */
export function parseSearchIndex(text: string): SearchIndex {
  if (typeof text !== 'string' || !text.startsWith(`${INDEX_VERSION}\t`)) {
    corrupt(`missing ${INDEX_VERSION} header`);
  }
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0 || headerEnd > 200) corrupt('header is not terminated');
  const fields = text.slice(0, headerEnd).split('\t');
  if (fields.length !== HEADER_FIELDS) corrupt('header has the wrong number of fields');
  const count = headerNumber(fields[1], 'count');
  const bodyStart = headerEnd + 1;
  const end = bodyStart + headerNumber(fields[2], 'length');
  const stamp = fields[3] ?? '';
  if (stamp.length !== STAMP_LENGTH || !/^[A-Z]+$/.test(stamp)) corrupt('bad stamp in header');
  if (text.length !== end) {
    corrupt(`expected ${end} characters, got ${text.length} (truncated or mixed chunks)`);
  }
  verifyCheckpoints(text, bodyStart, stamp, headerNumber(fields[4], 'checkpoint count'));
  const aliasStart = bodyStart + headerNumber(fields[5], 'alias offset');
  if (aliasStart > end || (aliasStart < end && text.charCodeAt(aliasStart - 1) !== NEWLINE))
    corrupt('the alias offset is not at a line start');
  return { text, count, bodyStart, aliasStart };
}

function verifyCheckpoints(text: string, bodyStart: number, stamp: string, expected: number): void {
  // "#" is rare in the text, so this native scan is fast. A chunk from another build carries a
  // different stamp: its checkpoints are not found and the count comes out short.
  const needle = `#${stamp}`;
  let found = 0;
  for (let pos = text.indexOf(needle, bodyStart); pos !== -1; pos = text.indexOf(needle, pos + 1)) {
    // A reseller's spelling could contain the needle; only whole lines count.
    const end = pos + needle.length;
    if (text.charCodeAt(pos - 1) === NEWLINE && text.charCodeAt(end) === NEWLINE) found++;
  }
  if (found !== expected) corrupt(`expected ${expected} checkpoints, found ${found} (mixed or lost chunks)`);
  if (!text.endsWith(`\n${needle}\n`)) corrupt('text does not end with a checkpoint');
}

// ---------------------------------------------------------------------------------------------
// Reading lines

/** Is this the start of a reseller's or an alias's line (not the header, not a checkpoint)? */
export function isResellerLine(index: SearchIndex, lineStart: number): boolean {
  const { text } = index;
  return (
    lineStart >= index.bodyStart &&
    lineStart < text.length &&
    text.charCodeAt(lineStart - 1) === NEWLINE &&
    text.charCodeAt(lineStart) !== 35 // "#": a checkpoint
  );
}

/** The end of the nameKey field (its "\t") of the line starting at lineStart. */
export function nameKeyEnd(text: string, lineStart: number): number {
  const end = text.indexOf('\t', lineStart);
  if (end < 0) corrupt(`malformed line at offset ${lineStart}`);
  return end;
}

export { TAB, NEWLINE };

/** The match for the line starting at `lineStart`; `rank` is its place over all segments. */
export function matchAt(index: SearchIndex, lineStart: number, tier: MatchTier, rank: number): SearchMatch {
  const { text } = index;
  const end = text.indexOf('\n', lineStart);
  if (!isResellerLine(index, lineStart) || lineStart >= index.aliasStart || end < 0)
    corrupt(`bad line reference ${lineStart}`);
  const fields = text.slice(lineStart, end).split('\t');
  const duplicate = fields.length === LINE_FIELDS + 1 && fields[LINE_FIELDS] === '1';
  if (fields.length !== LINE_FIELDS && !duplicate) corrupt(`line at offset ${lineStart} is malformed`);
  const [nameKey = '', domain = '', nameSpelling = '', country = '', id = ''] = fields;
  let name: string;
  try {
    name = decodeSpelling(defaultNameSpelling(nameKey), nameSpelling);
  } catch (error) {
    if (error instanceof SpellingError) corrupt(`line at offset ${lineStart}: ${error.message}`);
    throw error;
  }
  const reseller: Reseller = { id, name, domain, country, status: 'approved' };
  return { reseller, label: labelFor(reseller, duplicate), duplicate, tier, rank };
}

// ---------------------------------------------------------------------------------------------
// Lookups

/** Line starts where `needle` occurs; `lead` is 1 for needles that begin with the "\n" before a line. */
function* linesWith(index: SearchIndex, needle: string, lead: number): Generator<number, void, undefined> {
  const { text, bodyStart } = index;
  for (let pos = text.indexOf(needle, bodyStart - lead); pos !== -1; pos = text.indexOf(needle, pos + 1)) {
    yield lead === 1 ? pos + 1 : text.lastIndexOf('\n', pos) + 1;
  }
}

/** The id is the fifth field: "\t<id>\n", or "\t<id>\t1\n" for a duplicate label. */
function idFieldStart(text: string, lineStart: number): number {
  let pos = lineStart;
  for (let field = 1; field < LINE_FIELDS; field++) {
    pos = text.indexOf('\t', pos) + 1;
    if (pos === 0) return -1;
  }
  return pos;
}

export function findResellerById(index: SearchIndex, id: string): Reseller | undefined {
  const wanted = cleanField(id);
  if (wanted === '') return undefined;
  const { text } = index;
  for (const ending of ['\n', '\t1\n']) {
    const needle = `\t${wanted}${ending}`;
    for (const lineStart of linesWith(index, needle, 0)) {
      if (!isResellerLine(index, lineStart) || lineStart >= index.aliasStart) continue;
      if (idFieldStart(text, lineStart) !== text.indexOf(needle, lineStart) + 1) continue;
      return matchAt(index, lineStart, 'exact', 0).reseller;
    }
  }
  return undefined;
}

/**
 * Resolves a label the user picked back to its reseller. Whitespace runs are collapsed first
 * (stored labels only contain single spaces). The name is the label's text before one of its
 * " — " separators, so only lines whose nameKey is that name's are decoded and compared.
 */
export function findResellerByLabel(
  index: SearchIndex,
  label: string,
  labelOf: LabelOf = labelFor,
): Reseller | undefined {
  const wanted = cleanField(label);
  for (const name of candidateNames(wanted)) {
    for (const lineStart of linesWith(index, `\n${normalizeForSearch(name)}\t`, 1)) {
      // Labels are made of names: an alias line with the same key is not the reseller it names.
      if (!isResellerLine(index, lineStart) || lineStart >= index.aliasStart) continue;
      const match = matchAt(index, lineStart, 'exact', 0);
      if (labelOf(match.reseller, match.duplicate) === wanted) return match.reseller;
    }
  }
  return undefined;
}

/** Every prefix of the label that ends before a " — " separator (a name may contain one itself). */
function candidateNames(label: string): string[] {
  const names: string[] = label.startsWith('— ') ? [''] : [];
  for (let sep = label.indexOf(' — '); sep !== -1; sep = label.indexOf(' — ', sep + 1)) {
    names.push(label.slice(0, sep));
  }
  return names;
}
