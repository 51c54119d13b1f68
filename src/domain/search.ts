/**
 * Pure reseller search for the typeahead.
 *
 * Every keystroke is a fresh Apps Script execution: the index text comes out of CacheService as one
 * string, is "parsed" and searched within a ~2 ms CPU budget. So the index is a plain text whose
 * parse step only validates it (O(1) header checks plus one native scan for checkpoint markers); the
 * search runs `indexOf` over the whole text and touches individual lines only where the query hits.
 *
 * Index format (version RSX1), lines separated by "\n":
 *
 *   RSX1 \t <count> \t <bodyLength> \t <stamp> \t <markerCount>          header
 *   <nameKey> \t <domainKey> \t <id> \t <name> \t <domain> \t <country> \t <dup>   one per reseller
 *   #<stamp>                                                             checkpoint, every ~4 KB and last
 *
 * - nameKey / domainKey are `normalizeForSearch(name)` / `normalizeForSearch(domain)`. The nameKey
 *   starts the line so prefix tests are `startsWith(q, lineStart)` without slicing.
 * - name / domain / country / id are the reseller's fields with control characters and whitespace
 *   runs collapsed to one space (so tabs/newlines can never break the format).
 * - dup is "1" when another approved reseller has the same display label; the label then gets
 *   " [<id>]" appended. Otherwise empty. The label is therefore reproducible from the line.
 * - Lines are pre-sorted in the within-tier order (shorter name, then label alphabetically, then id),
 *   so the search never sorts: it fills per-tier buckets in text order and can stop each at `limit`.
 * - stamp is 7 upper-case letters hashed from the body. Checkpoint lines repeat it, so a text that is
 *   truncated, has a lost chunk, or mixes chunks of two builds fails `parseSearchIndex`. Normalized
 *   queries are lower case, so they can never match inside a checkpoint line.
 *
 * Domain matching: a query that equals or is a prefix of the normalized domain (e.g. "mueller-it"
 * for mueller-it.de) ranks as `wordPrefix` — the domain is treated like one more word of the
 * reseller, below a name that starts with the query but above mere substrings.
 */
import type { Reseller } from './reseller';

export type MatchTier = 'exact' | 'prefix' | 'wordPrefix' | 'substring' | 'fuzzy';

export interface SearchMatch {
  /** Always an approved reseller; fields are as stored in the index (whitespace-collapsed). */
  reseller: Reseller;
  /** Unique among all approved resellers in the index; resolve with `findResellerByLabel`. */
  label: string;
  tier: MatchTier;
}

/** A validated index text. Opaque to callers: only pass it to the functions of this module. */
export interface SearchIndex {
  readonly text: string;
  /** Offset of the first body line (just after the header). */
  readonly bodyStart: number;
  /** Number of approved resellers in the index. */
  readonly count: number;
}

export const MIN_QUERY_LENGTH = 2;
export const MAX_QUERY_LENGTH = 100;
/** Queries shorter than this (normalized) never get the fuzzy pass: one typo in 2 letters is noise. */
export const MIN_FUZZY_QUERY_LENGTH = 3;
export const DEFAULT_LIMIT = 10;

export type QueryValidation =
  | { ok: true; query: string }
  | { ok: false; problem: 'empty' | 'tooShort' | 'tooLong' | 'controlCharacters' };

const INDEX_VERSION = 'RSX1';
const CHECKPOINT_EVERY_CHARS = 4096;
const STAMP_LENGTH = 7;
const TAB = 9;
const SPACE = 32;
const HASH_SIGN = 35;

// ---------------------------------------------------------------------------------------------
// Normalization

const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
};
const SPECIAL_LETTERS_RE = /[ßæœøłđ]/g;
const COMBINING_MARKS_RE = /\p{M}+/gu;
// ä→ae→a etc.: applied to both sides, so "Müller", "Mueller" and "muller" all become "muller", and a
// typed prefix "mue" becomes "mu", which is still a prefix of "muller".
const GERMAN_TRANSLITERATION_RE = /([aou])e/g;
const NON_ALPHANUMERIC_RE = /[^\p{L}\p{N}]+/gu;

/** Folds case, accents and German transliterations; punctuation runs become one space. */
export function normalizeForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(SPECIAL_LETTERS_RE, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .normalize('NFD')
    .replace(COMBINING_MARKS_RE, '')
    .replace(GERMAN_TRANSLITERATION_RE, '$1')
    .replace(NON_ALPHANUMERIC_RE, ' ')
    .trim();
}

// C0, DEL, C1, plus every Unicode whitespace (tab, newline, NBSP, U+2028…): one space each run.
// eslint-disable-next-line no-control-regex
const UNSAFE_WHITESPACE_RE = /[\u0000-\u001f\u007f-\u009f\s]+/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER_RE = /[\u0000-\u001f\u007f-\u009f]/;

/** Makes a field safe for the line format and for labels: no control characters, single spaces. */
function cleanField(value: string): string {
  return value.replace(UNSAFE_WHITESPACE_RE, ' ').trim();
}

/** The human string a suggestion shows. The domain makes near-duplicate names distinguishable. */
export function displayLabel(r: Pick<Reseller, 'name' | 'domain' | 'country'>): string {
  // Trimmed so that a (broken) empty name still gives a label that survives `findResellerByLabel`.
  return `${cleanField(r.name)} — ${cleanField(r.domain)} (${cleanField(r.country)})`.trim();
}

/** Only used when two approved resellers share a display label; ids are unique, so this is too. */
function disambiguatedLabel(baseLabel: string, id: string): string {
  return `${baseLabel} [${id}]`;
}

/** Validates what the user typed before it is searched; the UI maps each problem to a hint. */
export function validateSearchQuery(raw: string): QueryValidation {
  // Checked on the raw text: control characters never come from a keyboard, even at the ends.
  if (CONTROL_CHARACTER_RE.test(raw)) return { ok: false, problem: 'controlCharacters' };
  const query = raw.trim();
  if (query === '') return { ok: false, problem: 'empty' };
  // Code points, so one emoji (two UTF-16 units) still counts as one character.
  const length = Array.from(query).length;
  if (length < MIN_QUERY_LENGTH) return { ok: false, problem: 'tooShort' };
  if (length > MAX_QUERY_LENGTH) return { ok: false, problem: 'tooLong' };
  return { ok: true, query };
}

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
  sortLabel: string;
  duplicate: boolean;
}

function toEntry(r: Reseller): IndexEntry {
  const name = cleanField(r.name);
  const domain = cleanField(r.domain);
  const country = cleanField(r.country);
  const label = displayLabel({ name, domain, country });
  return {
    id: cleanField(r.id),
    name,
    domain,
    country,
    nameKey: normalizeForSearch(name),
    domainKey: normalizeForSearch(domain),
    label,
    sortLabel: normalizeForSearch(label),
    duplicate: false,
  };
}

/** Approved resellers only; a repeated id keeps its first occurrence (ids are never reused). */
function approvedEntries(resellers: readonly Reseller[]): IndexEntry[] {
  const seen = new Set<string>();
  const entries: IndexEntry[] = [];
  for (const r of resellers) {
    if (r.status !== 'approved') continue;
    const entry = toEntry(r);
    if (entry.id === '' || seen.has(entry.id)) continue;
    seen.add(entry.id);
    entries.push(entry);
  }
  return entries;
}

function markDuplicateLabels(entries: IndexEntry[]): void {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  for (const e of entries) e.duplicate = (counts.get(e.label) ?? 0) > 1;
  const finalLabels = new Set<string>();
  for (const e of entries) {
    const label = finalLabelOf(e);
    if (finalLabels.has(label)) throw new Error(`Search index: cannot make label unique: ${label}`);
    finalLabels.add(label);
  }
}

function finalLabelOf(e: IndexEntry): string {
  return e.duplicate ? disambiguatedLabel(e.label, e.id) : e.label;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The within-tier order: shorter name first, then label alphabetically (case/accent-folded), id. */
function compareEntries(a: IndexEntry, b: IndexEntry): number {
  return (
    a.name.length - b.name.length ||
    compareStrings(a.sortLabel, b.sortLabel) ||
    compareStrings(a.label, b.label) ||
    compareStrings(a.id, b.id)
  );
}

function entryLine(e: IndexEntry): string {
  return [e.nameKey, e.domainKey, e.id, e.name, e.domain, e.country, e.duplicate ? '1' : ''].join('\t');
}

/** FNV-1a over UTF-16 units, as upper-case letters: cannot collide with lower-case queries. */
function stampOf(lines: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) hash = Math.imul(hash ^ line.charCodeAt(i), 0x01000193);
    hash = Math.imul(hash ^ 10, 0x01000193);
  }
  let n = hash >>> 0;
  let stamp = '';
  for (let i = 0; i < STAMP_LENGTH; i++) {
    stamp += String.fromCharCode(65 + (n % 26));
    n = Math.floor(n / 26);
  }
  return stamp;
}

function bodyWithCheckpoints(lines: readonly string[], stamp: string): { body: string; markers: number } {
  const parts: string[] = [];
  const marker = `#${stamp}\n`;
  let sinceMarker = 0;
  let markers = 0;
  for (const line of lines) {
    parts.push(line, '\n');
    sinceMarker += line.length + 1;
    if (sinceMarker >= CHECKPOINT_EVERY_CHARS) {
      parts.push(marker);
      markers++;
      sinceMarker = 0;
    }
  }
  // Always end with a checkpoint so a truncated tail is detected even without the length check.
  parts.push(marker);
  return { body: parts.join(''), markers: markers + 1 };
}

/** Serialises the approved resellers into the compact RSX1 text described at the top of this file. */
export function buildSearchIndex(resellers: readonly Reseller[]): string {
  const entries = approvedEntries(resellers);
  markDuplicateLabels(entries);
  entries.sort(compareEntries);
  const lines = entries.map(entryLine);
  const stamp = stampOf(lines);
  const { body, markers } = bodyWithCheckpoints(lines, stamp);
  const header = [INDEX_VERSION, entries.length, body.length, stamp, markers].join('\t');
  return `${header}\n${body}`;
}

// ---------------------------------------------------------------------------------------------
// Parsing

function corrupt(reason: string): never {
  throw new Error(`Corrupt reseller search index: ${reason}`);
}

function headerNumber(value: string | undefined, what: string): number {
  if (value === undefined || !/^\d+$/.test(value)) corrupt(`bad ${what} in header`);
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
  if (headerEnd < 0) corrupt('header is not terminated');
  const fields = text.slice(0, headerEnd).split('\t');
  if (fields.length !== 5) corrupt('header has the wrong number of fields');
  const count = headerNumber(fields[1], 'count');
  const bodyLength = headerNumber(fields[2], 'body length');
  const stamp = fields[3] ?? '';
  const markers = headerNumber(fields[4], 'checkpoint count');
  if (!/^[A-Z]+$/.test(stamp) || stamp.length !== STAMP_LENGTH) corrupt('bad stamp in header');
  const bodyStart = headerEnd + 1;
  if (text.length !== bodyStart + bodyLength) {
    corrupt(`expected ${bodyStart + bodyLength} characters, got ${text.length} (truncated or mixed chunks)`);
  }
  verifyCheckpoints(text, bodyStart, stamp, markers);
  return { text, bodyStart, count };
}

function verifyCheckpoints(text: string, bodyStart: number, stamp: string, expected: number): void {
  const marker = `#${stamp}\n`;
  // The body starts right after the header's "\n", so a checkpoint may also sit at bodyStart.
  let found = 0;
  let pos = text.startsWith('#', bodyStart) ? bodyStart - 1 : text.indexOf('\n#', bodyStart);
  let lastEnd = -1;
  while (pos !== -1) {
    if (!text.startsWith(marker, pos + 1)) corrupt('checkpoint from another build (mixed chunks)');
    found++;
    lastEnd = pos + 1 + marker.length;
    pos = text.indexOf('\n#', lastEnd - 1);
  }
  if (found !== expected) corrupt(`expected ${expected} checkpoints, found ${found}`);
  if (lastEnd !== text.length) corrupt('text does not end with a checkpoint');
}

// ---------------------------------------------------------------------------------------------
// Reading lines

/** Field boundaries of one reseller line; all offsets into the index text. */
interface LineSpan {
  start: number;
  keyEnd: number;
  domainKeyEnd: number;
  end: number;
}

function lineSpanAt(text: string, start: number): LineSpan {
  const keyEnd = text.indexOf('\t', start);
  const domainKeyEnd = keyEnd < 0 ? -1 : text.indexOf('\t', keyEnd + 1);
  const end = domainKeyEnd < 0 ? -1 : text.indexOf('\n', domainKeyEnd);
  if (end < 0 || text.lastIndexOf('\n', keyEnd) >= start) corrupt(`malformed line at offset ${start}`);
  return { start, keyEnd, domainKeyEnd, end };
}

function matchFromLine(text: string, start: number, tier: MatchTier): SearchMatch {
  const end = text.indexOf('\n', start);
  const fields = text.slice(start, end < 0 ? text.length : end).split('\t');
  if (fields.length !== 7) corrupt(`line at offset ${start} has ${fields.length} fields`);
  const [, , id = '', name = '', domain = '', country = '', duplicate] = fields;
  const base = displayLabel({ name, domain, country });
  return {
    reseller: { id, name, domain, country, status: 'approved' },
    label: duplicate === '1' ? disambiguatedLabel(base, id) : base,
    tier,
  };
}

// ---------------------------------------------------------------------------------------------
// Searching

const TIERS: readonly MatchTier[] = ['exact', 'prefix', 'wordPrefix', 'substring', 'fuzzy'];

/** The best tier a line earns for q from its name and domain keys, or undefined for a stray hit. */
function classifyLine(text: string, span: LineSpan, q: string): MatchTier | undefined {
  const keyLength = span.keyEnd - span.start;
  // q has no tab, so a match starting inside a key field cannot run past it.
  if (text.startsWith(q, span.start)) return keyLength === q.length ? 'exact' : 'prefix';
  const key = text.slice(span.start, span.keyEnd);
  if (key.includes(` ${q}`)) return 'wordPrefix';
  if (text.startsWith(q, span.keyEnd + 1)) return 'wordPrefix';
  if (key.includes(q)) return 'substring';
  return undefined;
}

/** Line starts per tier (exact…substring), each capped at `limit`: lines are pre-sorted. */
function collectDirectMatches(index: SearchIndex, q: string, limit: number): number[][] {
  const { text, bodyStart } = index;
  const buckets: number[][] = [[], [], [], []];
  let pos = text.indexOf(q, bodyStart);
  while (pos !== -1) {
    const lineStart = text.lastIndexOf('\n', pos) + 1;
    if (text.charCodeAt(lineStart) === HASH_SIGN) {
      // Cannot happen for a normalized (lower-case) query; skipped defensively.
      pos = text.indexOf(q, text.indexOf('\n', pos) + 1);
      continue;
    }
    const span = lineSpanAt(text, lineStart);
    const tier = classifyLine(text, span, q);
    const bucket = tier === undefined ? undefined : buckets[TIERS.indexOf(tier)];
    if (bucket !== undefined && bucket.length < limit) bucket.push(span.start);
    // One classification per line: skip the rest of this line's hits.
    pos = text.indexOf(q, span.end + 1);
  }
  return buckets;
}

/** Does q[qi..] occur at text[tp..] entirely before `end`? */
function restMatches(text: string, tp: number, end: number, q: string, qi: number): boolean {
  if (tp + (q.length - qi) > end) return false;
  for (let i = qi; i < q.length; i++, tp++) {
    if (text.charCodeAt(tp) !== q.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Is q within Damerau–Levenshtein distance 1 of some prefix of text[start..end)? Classic one-edit
 * check at the first mismatch; the prefix length is free, so a trailing extra/changed char counts.
 */
export function withinOneEditOfPrefix(text: string, start: number, end: number, q: string): boolean {
  let i = 0;
  while (i < q.length && start + i < end && text.charCodeAt(start + i) === q.charCodeAt(i)) i++;
  if (i === q.length) return true;
  const p = start + i;
  if (restMatches(text, p, end, q, i + 1)) return true; // q has an extra character
  if (p >= end) return false;
  if (restMatches(text, p + 1, end, q, i + 1)) return true; // substitution
  if (restMatches(text, p + 1, end, q, i)) return true; // q misses a character
  return (
    i + 1 < q.length &&
    text.charCodeAt(p) === q.charCodeAt(i + 1) &&
    text.charCodeAt(p + 1) === q.charCodeAt(i) &&
    restMatches(text, p + 2, end, q, i + 2)
  );
}

/** Does some word of the name key start within one edit of q? */
function fuzzyMatchesKey(text: string, start: number, keyEnd: number, q: string): boolean {
  for (let ws = start; ws < keyEnd; ws++) {
    if (ws !== start && text.charCodeAt(ws - 1) !== SPACE) continue;
    if (withinOneEditOfPrefix(text, ws, keyEnd, q)) return true;
  }
  return false;
}

/** Adds `start` to `found` if its name key has a word within one edit of q. */
function checkFuzzyLine(text: string, start: number, q: string, taken: Set<number>, found: number[]): void {
  if (text.charCodeAt(start) === HASH_SIGN || taken.has(start)) return;
  const keyEnd = text.indexOf('\t', start);
  const lineEnd = text.indexOf('\n', start);
  if (keyEnd < 0 || lineEnd < 0 || keyEnd > lineEnd) corrupt(`malformed line at offset ${start}`);
  if (fuzzyMatchesKey(text, start, keyEnd, q)) found.push(start);
}

/** Short queries: walk every line in (pre-sorted) order; stop once `wanted` matches are found. */
function scanAllLines(index: SearchIndex, q: string, wanted: number, taken: Set<number>): number[] {
  const { text, bodyStart } = index;
  const found: number[] = [];
  for (let start = bodyStart; start < text.length && found.length < wanted; ) {
    checkFuzzyLine(text, start, q, taken, found);
    start = text.indexOf('\n', start) + 1;
  }
  return found;
}

/**
 * Pigeonhole prefilter: split q = A + q[h] + B. One edit touches at most two adjacent positions of
 * q, so either A is untouched (and starts a word of the key: after "\n" or " ") or B is untouched
 * (and occurs somewhere). Lines containing none of these needles cannot match.
 */
function fuzzyNeedles(q: string): string[] | undefined {
  // Below 4 characters the pieces are single letters that hit nearly every line anyway.
  if (q.length < 4) return undefined;
  const h = Math.max(1, Math.floor((q.length - 2) / 2));
  const a = q.slice(0, h);
  return [`\n${a}`, ` ${a}`, q.slice(h + 1)];
}

/** Offset of the character a needle hit at `pos` stands for (skips the leading "\n" / " "). */
function needleOffset(needle: string): number {
  return needle.length > 0 && (needle.charCodeAt(0) === 10 || needle.charCodeAt(0) === SPACE) ? 1 : 0;
}

/** Visits, in text order, only lines where a needle occurs; verifies each with the exact check. */
function scanCandidateLines(
  index: SearchIndex,
  q: string,
  wanted: number,
  taken: Set<number>,
  needles: readonly string[],
): number[] {
  const { text, bodyStart } = index;
  const found: number[] = [];
  const offsets = needles.map(needleOffset);
  // From bodyStart - 1 so that "\n" + A also hits the first line (after the header's newline).
  const next = needles.map((needle) => text.indexOf(needle, bodyStart - 1));
  while (found.length < wanted) {
    let hit = -1;
    next.forEach((pos, i) => {
      const at = pos < 0 ? -1 : pos + (offsets[i] ?? 0);
      if (at >= 0 && (hit < 0 || at < hit)) hit = at;
    });
    if (hit < 0) break;
    const start = text.lastIndexOf('\n', hit) + 1;
    checkFuzzyLine(text, start, q, taken, found);
    const lineEnd = text.indexOf('\n', hit);
    next.forEach((pos, i) => {
      // Only needles still inside the line just checked move on, to the next line.
      if (pos >= 0 && pos + (offsets[i] ?? 0) <= lineEnd) {
        next[i] = text.indexOf(needles[i] ?? '', lineEnd + 1 - (offsets[i] ?? 0));
      }
    });
  }
  return found;
}

function collectFuzzyMatches(index: SearchIndex, q: string, wanted: number, taken: Set<number>): number[] {
  const needles = fuzzyNeedles(q);
  return needles === undefined
    ? scanAllLines(index, q, wanted, taken)
    : scanCandidateLines(index, q, wanted, taken, needles);
}

/**
 * Ranked typeahead suggestions: exact > prefix > wordPrefix (incl. domain prefix) > substring >
 * fuzzy (one typo, queries of ≥ 3 normalized characters, only if the other tiers leave room).
 */
export function searchResellers(index: SearchIndex, query: string, limit = DEFAULT_LIMIT): SearchMatch[] {
  const q = normalizeForSearch(query);
  if (q.length < MIN_QUERY_LENGTH || limit <= 0) return [];
  const buckets = collectDirectMatches(index, q, limit);
  const picked: { start: number; tier: MatchTier }[] = [];
  buckets.forEach((bucket, b) => {
    const tier = TIERS[b] ?? 'substring';
    for (const start of bucket) if (picked.length < limit) picked.push({ start, tier });
  });
  if (picked.length < limit && q.length >= MIN_FUZZY_QUERY_LENGTH) {
    const taken = new Set(picked.map((p) => p.start));
    for (const start of collectFuzzyMatches(index, q, limit - picked.length, taken)) {
      picked.push({ start, tier: 'fuzzy' });
    }
  }
  return picked.map((p) => matchFromLine(index.text, p.start, p.tier));
}

// ---------------------------------------------------------------------------------------------
// Lookups

/** Line start of the line containing `pos`, if `pos` is the start of field number `field`. */
function lineIfFieldStart(text: string, pos: number, field: number): number | undefined {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  let p = start;
  for (let f = 0; f < field; f++) {
    const tab = text.indexOf('\t', p);
    if (tab < 0 || tab >= pos) return undefined;
    p = tab + 1;
  }
  return p === pos ? start : undefined;
}

/** Lines whose field number `field` is exactly `value`, in index order. */
function* linesWithField(index: SearchIndex, field: number, value: string): Generator<number> {
  const { text, bodyStart } = index;
  const needle = `\t${value}\t`;
  let pos = text.indexOf(needle, bodyStart);
  while (pos !== -1) {
    const start = lineIfFieldStart(text, pos + 1, field);
    if (start !== undefined) yield start;
    pos = text.indexOf(needle, pos + 1);
  }
}

const ID_FIELD = 2;
const NAME_FIELD = 3;

export function findResellerById(index: SearchIndex, id: string): Reseller | undefined {
  const wanted = cleanField(id);
  if (wanted === '') return undefined;
  for (const start of linesWithField(index, ID_FIELD, wanted)) {
    return matchFromLine(index.text, start, 'exact').reseller;
  }
  return undefined;
}

/**
 * Resolves a label the user picked back to its reseller. Whitespace runs are collapsed first
 * (stored labels only contain single spaces). The name is the label's text before one of its
 * " — " separators, so only lines with that exact name are compared.
 */
export function findResellerByLabel(index: SearchIndex, label: string): Reseller | undefined {
  const wanted = cleanField(label);
  for (const name of candidateNames(wanted)) {
    for (const start of linesWithField(index, NAME_FIELD, name)) {
      const match = matchFromLine(index.text, start, 'exact');
      if (match.label === wanted) return match.reseller;
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
