/**
 * The reseller search index: its text format, building, parsing, checking and lookups. Matching
 * queries against it is search.ts.
 *
 * Every keystroke is a fresh Apps Script execution: each index text (one segment of the cached
 * index, see segmented-search.ts) is "parsed" and searched within a ~2 ms CPU budget. So the index
 * is a plain text whose parse step only validates it (header checks plus one native scan for
 * checkpoint lines); the search runs `indexOf` over compact key sections and reads individual lines
 * only where it hits.
 *
 * Index format (version RSX5; RSX4 had no rank in records, RSX3 no "&" token in keys). Lines end
 * with "\n"; fields are separated by "\t":
 *
 *   RSX5 count recordsLength domainsLength namesLength stamp checkpoints     header (one line)
 *   id name domain country rank[1]       records section: one line per reseller
 *   domainKey REF                        domains section: one line per reseller
 *   nameKey REF                          names section:   one line per reseller
 *
 * - All three sections hold the resellers in the same order: the within-tier ranking order
 *   (shorter name, then label alphabetically, then id). Search therefore never sorts: each tier is
 *   one `indexOf` pass in text order that stops as soon as `limit` results are picked.
 * - nameKey / domainKey are `normalizeForSearch(name)` / `normalizeForSearch(domain)`, at the start
 *   of their line, so "\n" + q finds prefixes, "\n" + q + "\t" exact names and " " + q word
 *   prefixes. Only these two small sections are scanned per keystroke (the records section is
 *   only read for the ≤ limit results), which is what keeps `indexOf` cheap.
 * - REF is the offset of the reseller's line inside the records section, in base 26 written with the
 *   letters A–Z. Normalized queries are lower case, so `indexOf` can never hit a REF. Because the
 *   sections share one order, REF doubles as the reseller's rank.
 * - Records hold id / name / domain / country with control characters and whitespace runs collapsed
 *   to one space (a tab or newline in the data can never break the format). The last field is
 *   the reseller's rank over the whole directory (letters A–Z, so segments merge without
 *   re-ranking), followed by "1" when another approved reseller has the same display label, whose
 *   label then gets " [<id>]" appended.
 * - Checkpoint lines "#<stamp>" follow every ~4 KB and end the text. The stamp (7 letters A–Z) is
 *   a hash of every other line, so a text that is truncated, lost a chunk or mixes chunks of two
 *   builds fails `parseSearchIndex` (a cheap structural check), and one damaged but still
 *   well-formed (a changed letter, two ids swapped) fails `verifySearchIndexContent`, which reads
 *   every character. Lower-case queries never match inside a checkpoint.
 *
 * Domain matching: a query that equals or is a prefix of the normalized domain (e.g. "mueller-it"
 * for mueller-it.de) ranks as `wordPrefix`: the domain counts as one more word of the reseller,
 * below names that start with the query, above mere substrings. Fuzzy matching looks at names only.
 */
import { fnvFinish, fnvStart, fnvUpdate } from './hash';
import { oneEntryPerId, type Reseller } from './reseller';
import {
  cleanField,
  compareRank,
  disambiguatedLabel,
  displayLabel,
  indexFields,
  labelFor,
  normalizeForSearch,
  rankKey,
  type LabelOf,
  type RankKey,
} from './search-text';

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
   * The reseller's place in the within-tier order (`compareRank`) over the whole directory, so that
   * matches from several segments merge without computing their rank keys again.
   */
  rank: number;
}

/** A validated index text. Opaque to callers: only pass it to the functions of this module. */
export interface SearchIndex {
  readonly text: string;
  /** Number of approved resellers in the index. */
  readonly count: number;
  readonly recordsStart: number;
  readonly domainsStart: number;
  readonly namesStart: number;
}

const INDEX_VERSION = 'RSX5';
const HEADER_FIELDS = 7;
const CHECKPOINT_EVERY_CHARS = 4096;
const STAMP_LENGTH = 7;
const NEWLINE = 10;
const LETTER_A = 65;

// ---------------------------------------------------------------------------------------------
// Building

interface IndexEntry {
  id: string;
  name: string;
  domain: string;
  country: string;
  nameKey: string;
  domainKey: string;
  label: string;
  /** Computed on first use: a segment of a larger build is ordered by its directory ranks instead. */
  rank?: RankKey;
  duplicate: boolean;
}

function toEntry(r: Reseller): IndexEntry {
  const { name, domain, country } = indexFields(r);
  const label = displayLabel({ name, domain, country });
  return {
    id: cleanField(r.id),
    name,
    domain,
    country,
    nameKey: normalizeForSearch(name),
    domainKey: normalizeForSearch(domain),
    label,
    duplicate: false,
  };
}

/**
 * Approved resellers only, one entry per id decided before the status filter (see `oneEntryPerId`):
 * a suspended copy of an id is never shadowed by an approved one.
 */
function approvedEntries(resellers: readonly Reseller[]): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const r of oneEntryPerId(resellers).resellers) {
    if (r.status !== 'approved') continue;
    const entry = toEntry(r);
    if (entry.id !== '') entries.push(entry);
  }
  return entries;
}

function finalLabelOf(e: IndexEntry): string {
  return e.duplicate ? disambiguatedLabel(e.label, e.id) : e.label;
}

function markDuplicateLabels(entries: readonly IndexEntry[]): void {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  for (const e of entries) e.duplicate = (counts.get(e.label) ?? 0) > 1;
  const finalLabels = new Set<string>();
  for (const e of entries) {
    const label = finalLabelOf(e);
    // Only reachable with ids that mimic label syntax; better to fail the build than to mis-resolve.
    if (finalLabels.has(label)) throw new Error(`Search index: cannot make label unique: ${label}`);
    finalLabels.add(label);
  }
}

function rankOfEntry(e: IndexEntry): RankKey {
  return (e.rank ??= rankKey({ id: e.id, name: e.name, domain: e.domain }, e.label));
}

function compareEntries(a: IndexEntry, b: IndexEntry): number {
  return compareRank(rankOfEntry(a), rankOfEntry(b));
}

/** Base 26 in the letters A–Z: never matched by a (lower-case) normalized query. */
function encodeRef(n: number): string {
  let out = '';
  do {
    out = String.fromCharCode(LETTER_A + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}

function decodeRef(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - LETTER_A;
    if (digit < 0 || digit >= 26) corrupt(`bad record reference at offset ${from}`);
    n = n * 26 + digit;
  }
  return n;
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

/** Stands for a checkpoint line while a section is laid out; all checkpoints have the same length. */
const CHECKPOINT_SLOT = '';
const CHECKPOINT_LENGTH = 1 + STAMP_LENGTH + 1;

/** Accumulates one section's lines, leaving a checkpoint slot every ~4 KB; hashes the lines. */
class SectionWriter {
  private readonly parts: string[] = [];
  private length = 0;
  private sinceCheckpoint = 0;
  checkpoints = 0;

  constructor(private hash: number) {}

  get contentHash(): number {
    return this.hash;
  }

  /** Appends a line; returns its offset within the section. */
  add(line: string): number {
    const offset = this.length;
    this.parts.push(line, '\n');
    this.hash = fnvUpdate(fnvUpdate(this.hash, line), '\n');
    this.length += line.length + 1;
    this.sinceCheckpoint += line.length + 1;
    if (this.sinceCheckpoint >= CHECKPOINT_EVERY_CHARS) this.addCheckpoint();
    return offset;
  }

  addCheckpoint(): void {
    this.parts.push(CHECKPOINT_SLOT);
    this.length += CHECKPOINT_LENGTH;
    this.sinceCheckpoint = 0;
    this.checkpoints++;
  }

  text(checkpoint: string): string {
    return this.parts.map((part) => (part === CHECKPOINT_SLOT ? checkpoint : part)).join('');
  }
}

/**
 * Serialises the approved resellers into the compact index text described at the top of this file.
 * `ranks` gives each id's place in the order over the whole directory, when this text is one
 * segment of several (see `directoryRanks`); without it the order is this text's own.
 */
export function buildSearchIndex(
  resellers: readonly Reseller[],
  ranks?: ReadonlyMap<string, number>,
): string {
  const entries = approvedEntries(resellers);
  markDuplicateLabels(entries);
  const rankOf = (e: IndexEntry): number => ranks?.get(e.id) ?? Number.MAX_SAFE_INTEGER;
  entries.sort((a, b) => (ranks ? rankOf(a) - rankOf(b) : 0) || compareEntries(a, b));
  const refs: string[] = [];
  const records = new SectionWriter(fnvStart());
  entries.forEach((e, i) => {
    // The last field: the rank in letters, and "1" when the label needs the id to be unique.
    const rank = encodeRef(ranks ? rankOf(e) : i) + (e.duplicate ? '1' : '');
    refs.push(encodeRef(records.add([e.id, e.name, e.domain, e.country, rank].join('\t'))));
  });
  const domains = new SectionWriter(records.contentHash);
  entries.forEach((e, i) => domains.add(`${e.domainKey}\t${refs[i] as string}`));
  const names = new SectionWriter(domains.contentHash);
  entries.forEach((e, i) => names.add(`${e.nameKey}\t${refs[i] as string}`));
  // A final checkpoint makes a truncated tail detectable even without the length check.
  names.addCheckpoint();
  const stamp = stampOf(names.contentHash);
  const checkpoint = `#${stamp}\n`;
  const sections = [records.text(checkpoint), domains.text(checkpoint), names.text(checkpoint)];
  const checkpoints = records.checkpoints + domains.checkpoints + names.checkpoints;
  const header = [INDEX_VERSION, entries.length, ...sections.map((s) => s.length), stamp, checkpoints];
  return `${header.join('\t')}\n${sections.join('')}`;
}

/**
 * Recomputes the content hash of a parsed index and compares it with its stamp: catches damage that
 * leaves the text well-formed (a changed letter, two ids swapped). It reads every character, so the
 * typeahead keystroke skips it and the actions that act on a result run it.
 */
export function verifySearchIndexContent(index: SearchIndex): boolean {
  const { text, recordsStart } = index;
  const stamp = text.slice(text.lastIndexOf('\n', text.length - 2) + 2, text.length - 1);
  const needle = `\n#${stamp}\n`;
  let hash = fnvStart();
  let from = recordsStart;
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
  const recordsStart = headerEnd + 1;
  const domainsStart = recordsStart + headerNumber(fields[2], 'records length');
  const namesStart = domainsStart + headerNumber(fields[3], 'domains length');
  const end = namesStart + headerNumber(fields[4], 'names length');
  const stamp = fields[5] ?? '';
  if (stamp.length !== STAMP_LENGTH || !/^[A-Z]+$/.test(stamp)) corrupt('bad stamp in header');
  if (text.length !== end) {
    corrupt(`expected ${end} characters, got ${text.length} (truncated or mixed chunks)`);
  }
  for (const boundary of [domainsStart, namesStart]) {
    if (boundary > recordsStart && text.charCodeAt(boundary - 1) !== NEWLINE) corrupt('misplaced section');
  }
  verifyCheckpoints(text, recordsStart, stamp, headerNumber(fields[6], 'checkpoint count'));
  return { text, count, recordsStart, domainsStart, namesStart };
}

function verifyCheckpoints(text: string, bodyStart: number, stamp: string, expected: number): void {
  // "#" is rare in the text, so this native scan is fast. A chunk from another build carries a
  // different stamp: its checkpoints are not found and the count comes out short.
  const needle = `#${stamp}`;
  let found = 0;
  for (let pos = text.indexOf(needle, bodyStart); pos !== -1; pos = text.indexOf(needle, pos + 1)) {
    // A reseller name could contain the needle; only whole lines count.
    const end = pos + needle.length;
    if (text.charCodeAt(pos - 1) === NEWLINE && text.charCodeAt(end) === NEWLINE) found++;
  }
  if (found !== expected) corrupt(`expected ${expected} checkpoints, found ${found} (mixed or lost chunks)`);
  if (!text.endsWith(`\n${needle}\n`)) corrupt('text does not end with a checkpoint');
}

// ---------------------------------------------------------------------------------------------
// Reading lines

/** A key line (domains or names section): where its key ends and which record it points to. */
export interface KeyLine {
  start: number;
  keyEnd: number;
  end: number;
  ref: number;
}

export function keyLineAt(text: string, start: number): KeyLine {
  const end = text.indexOf('\n', start);
  const keyEnd = text.lastIndexOf('\t', end);
  if (end < 0 || keyEnd < start) corrupt(`malformed key line at offset ${start}`);
  return { start, keyEnd, end, ref: decodeRef(text, keyEnd + 1, end) };
}

export function matchFromRecord(index: SearchIndex, ref: number, tier: MatchTier): SearchMatch {
  const { text, recordsStart, domainsStart } = index;
  const start = recordsStart + ref;
  const end = text.indexOf('\n', start);
  const atLineStart = text.charCodeAt(start - 1) === NEWLINE;
  if (!atLineStart || start >= domainsStart || end < 0 || end >= domainsStart)
    corrupt(`bad record reference ${ref}`);
  const fields = text.slice(start, end).split('\t');
  if (fields.length !== 5) corrupt(`record at offset ${start} has ${fields.length} fields`);
  const [id = '', name = '', domain = '', country = '', rankField = ''] = fields;
  const duplicate = rankField.endsWith('1');
  const rankLetters = duplicate ? rankField.slice(0, -1) : rankField;
  if (!/^[A-Z]{1,8}$/.test(rankLetters)) corrupt(`record at offset ${start} has no rank`);
  const base = displayLabel({ name, domain, country });
  return {
    reseller: { id, name, domain, country, status: 'approved' },
    label: duplicate ? disambiguatedLabel(base, id) : base,
    duplicate,
    tier,
    rank: decodeRef(rankLetters, 0, rankLetters.length),
  };
}

// ---------------------------------------------------------------------------------------------
// Lookups

/** Refs of the record lines where `needle` occurs at a position `accept` approves. */
function* recordsWhere(
  index: SearchIndex,
  needle: string,
  accept: (pos: number) => boolean,
): Generator<number, void, undefined> {
  const { text, recordsStart, domainsStart } = index;
  // From recordsStart - 1: a needle may begin with the "\n" that ends the header.
  for (let pos = text.indexOf(needle, recordsStart - 1); pos !== -1; pos = text.indexOf(needle, pos + 1)) {
    const lineStart = text.lastIndexOf('\n', pos) + 1;
    if (lineStart >= domainsStart) return;
    if (accept(pos)) yield lineStart - recordsStart;
  }
}

export function findResellerById(index: SearchIndex, id: string): Reseller | undefined {
  const wanted = cleanField(id);
  if (wanted === '') return undefined;
  // Ids start the record line, so "\n<id>\t" can only match an id field.
  for (const ref of recordsWhere(index, `\n${wanted}\t`, () => true)) {
    return matchFromRecord(index, ref, 'exact').reseller;
  }
  return undefined;
}

/**
 * Resolves a label the user picked back to its reseller. Whitespace runs are collapsed first
 * (stored labels only contain single spaces). The name is the label's text before one of its
 * " — " separators, so only records with exactly that name are compared.
 */
export function findResellerByLabel(
  index: SearchIndex,
  label: string,
  labelOf: LabelOf = labelFor,
): Reseller | undefined {
  const wanted = cleanField(label);
  const { text } = index;
  for (const name of candidateNames(wanted)) {
    const isNameField = (pos: number): boolean => text.indexOf('\t', text.lastIndexOf('\n', pos) + 1) === pos;
    for (const ref of recordsWhere(index, `\t${name}\t`, isNameField)) {
      const match = matchFromRecord(index, ref, 'exact');
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
