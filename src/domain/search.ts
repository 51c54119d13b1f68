/**
 * Pure reseller search for the typeahead.
 *
 * Every keystroke is a fresh Apps Script execution: each index text (one segment of the cached index,
 * see segmented-search.ts) is "parsed" and searched within a ~2 ms CPU budget. So the index is a plain text whose
 * parse step only validates it (header checks plus one native scan for checkpoint lines); the
 * search runs `indexOf` over compact key sections and reads individual lines only where it hits.
 *
 * Index format (version RSX5; RSX4 had no rank in records, RSX3 no "&" token in keys). Lines end with "\n"; fields are separated by "\t":
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
import { hasLoneSurrogate } from './text';

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

/** How a caller words a label (e.g. the country's name in the user's language); see `labelFor`. */
export type LabelOf = (
  reseller: Pick<Reseller, 'id' | 'name' | 'domain' | 'country'>,
  duplicate: boolean,
) => string;

/** A validated index text. Opaque to callers: only pass it to the functions of this module. */
export interface SearchIndex {
  readonly text: string;
  /** Number of approved resellers in the index. */
  readonly count: number;
  readonly recordsStart: number;
  readonly domainsStart: number;
  readonly namesStart: number;
}

export type QueryValidation =
  | { ok: true; query: string }
  | { ok: false; problem: 'empty' | 'tooShort' | 'tooLong' | 'controlCharacters' };

export const MIN_QUERY_LENGTH = 2;
export const MAX_QUERY_LENGTH = 100;
/**
 * Longer input is never resolved as a picked suggestion: no label is this long (the directory keeps
 * names to 200 and domains to 253 characters), and looking up a huge text (40 KB cost 2 s of CPU)
 * would let one request burn a user's execution time.
 */
export const MAX_LABEL_LENGTH = 600;
/** Normalized queries shorter than this get no fuzzy pass: one typo in two letters is noise. */
export const MIN_FUZZY_QUERY_LENGTH = 3;
export const DEFAULT_LIMIT = 10;

const INDEX_VERSION = 'RSX5';
const HEADER_FIELDS = 7;
const CHECKPOINT_EVERY_CHARS = 4096;
const STAMP_LENGTH = 7;
const NEWLINE = 10;
const HASH_SIGN = 35;
const LETTER_A = 65;

// ---------------------------------------------------------------------------------------------
// Normalization and labels

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
// ä→a (via NFD) and ae→a, on both sides: "Müller", "Mueller" and "muller" all become "muller", and
// the typed prefix "mue" becomes "mu", which is still a prefix of "muller".
const GERMAN_TRANSLITERATION_RE = /([aou])e/g;
// "&" and "+" join names ("Vogel & Lang", "Busch + Neumann"): kept as the token "&", so that
// "vogel &" prefers "Vogel & Lang" over "Vogel Systems". ("und" and "and" are words already; they
// are not folded into "&", or typing "And" could no longer reach "Anderson".)
const AMPERSAND_RE = /[&+]/g;
const NON_ALPHANUMERIC_RE = /[^\p{L}\p{N}&]+/gu;
/** Word breaks of a name as written (marks belong to their letter, as after folding). */
const RAW_WORD_BREAK_RE = /[^\p{L}\p{N}\p{M}&]+/u;

/** Letters and digits of a normalized text: "&" and spaces alone are no query. */
export function meaningfulLength(normalized: string): number {
  return normalized.replace(/[ &]/g, '').length;
}

/** Folds case, accents and German transliterations; punctuation runs become one space, "&" and "+" the token "&". */
export function normalizeForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(SPECIAL_LETTERS_RE, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .normalize('NFD')
    .replace(COMBINING_MARKS_RE, '')
    .replace(GERMAN_TRANSLITERATION_RE, '$1')
    .replace(AMPERSAND_RE, ' & ')
    .replace(NON_ALPHANUMERIC_RE, ' ')
    .trim();
}

// C0, DEL, C1 and every Unicode whitespace (tab, newline, NBSP, U+2028…): one space per run.
// eslint-disable-next-line no-control-regex
const UNSAFE_WHITESPACE_RE = /[\u0000-\u001f\u007f-\u009f\s]+/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER_RE = /[\u0000-\u001f\u007f-\u009f]/;

/** Makes a field safe for the line format and for labels: no control characters, single spaces. */
function cleanField(value: string): string {
  return value.replace(UNSAFE_WHITESPACE_RE, ' ').trim();
}

/** The human string a suggestion shows. The (unique) domain tells near-duplicate names apart. */
export function displayLabel(r: Pick<Reseller, 'name' | 'domain' | 'country'>): string {
  // Trimmed so that even a (broken) empty name gives a label that `findResellerByLabel` resolves.
  return `${cleanField(r.name)} — ${cleanField(r.domain)} (${cleanField(r.country)})`.trim();
}

/** A suggestion's label, with the country as given (its code by default) and the id if needed. */
export function labelFor(
  r: Pick<Reseller, 'id' | 'name' | 'domain' | 'country'>,
  duplicate: boolean,
  country: string = r.country,
): string {
  const base = displayLabel({ name: r.name, domain: r.domain, country });
  return duplicate ? disambiguatedLabel(base, r.id) : base;
}

/** Only used when two approved resellers share a display label; ids are unique, so this is too. */
function disambiguatedLabel(baseLabel: string, id: string): string {
  return `${baseLabel} [${id}]`;
}

/** Validates what the user typed before it is searched; the UI maps each problem to a hint. */
export function validateSearchQuery(raw: string): QueryValidation {
  // Checked on the raw text: control characters never come from a keyboard, even at the ends.
  if (CONTROL_CHARACTER_RE.test(raw) || hasLoneSurrogate(raw))
    return { ok: false, problem: 'controlCharacters' };
  const query = raw.trim();
  if (query === '') return { ok: false, problem: 'empty' };
  // Code points, so one emoji (two UTF-16 units) counts as one character.
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
  /** Computed on first use: a segment of a larger build is ordered by its directory ranks instead. */
  rank?: RankKey;
  duplicate: boolean;
}

/** The fields as the index stores them (whitespace and control characters collapsed). */
export function indexFields(r: Pick<Reseller, 'id' | 'name' | 'domain' | 'country'>): {
  id: string;
  name: string;
  domain: string;
  country: string;
} {
  return {
    id: cleanField(r.id),
    name: cleanField(r.name),
    domain: cleanField(r.domain),
    country: cleanField(r.country),
  };
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

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Legal forms as normalized words, longest spellings first ("UG (haftungsbeschränkt)",
// "GmbH & Co. KG", "S.à r.l." all end up as runs of these words).
const LEGAL_FORM_WORDS: ReadonlySet<string> = new Set(
  (
    'gmbh mbh gesmbh ag kg kgaa ohg gbr ug haftungsbeschrankt ek e k eu u og keg se co & ltd limited inc ' +
    'llc plc bv b v nv n v sa s a sarl r l srl sagl oy ab as eg ev partg mbb corp'
  ).split(' '),
);

/**
 * A normalized name without the legal form it ends with: "loffler systemhaus gmbh" → "loffler
 * systemhaus". Legal forms must neither decide a tie nor need to be typed, so ranking compares
 * these cores. A name that is nothing but legal-form words keeps them all.
 */
export function nameCore(normalizedName: string): string {
  const words = normalizedName.split(' ');
  let end = words.length;
  while (end > 1 && LEGAL_FORM_WORDS.has(words[end - 1] ?? '')) end--;
  return words.slice(0, end).join(' ');
}

/** What the within-tier order compares, computed once per entry (see `rankKey`). */
export interface RankKey {
  /** The name's length without its legal form, as written (so "Müller" is shorter than "Mueller"). */
  coreLength: number;
  /** The name without its legal form, normalized. */
  core: string;
  domain: string;
  label: string;
  id: string;
}

export function rankKey(r: Pick<Reseller, 'id' | 'name' | 'domain'>, label: string): RankKey {
  const core = nameCore(normalizeForSearch(r.name));
  // The same words as written: normalizing keeps word boundaries, so the core is the first words.
  const coreWords = core.split(' ').length;
  const written = r.name
    .replace(AMPERSAND_RE, ' & ')
    .split(RAW_WORD_BREAK_RE)
    .filter((w) => w !== '');
  const coreLength = written.slice(0, coreWords).reduce((n, w) => n + w.length, coreWords - 1);
  return { coreLength, core, domain: r.domain, label, id: r.id };
}

/**
 * The within-tier order, in this sequence:
 * 1. the shorter name core (the name without its legal form, as written): fewer extra words fit
 *    the query better, "Müller IT AG" must not crowd out "Müller IT GmbH & Co. KG" by being
 *    shorter, and the plain spelling ("Müller") comes before its transliteration ("Mueller");
 * 2. the core alphabetically (case and accents folded);
 * 3. the shorter domain: within a family, the main entry usually owns the plainest domain;
 * 4. the label, then the id (both unique), so the order is total and stable.
 */
export function compareRank(a: RankKey, b: RankKey): number {
  return (
    a.coreLength - b.coreLength ||
    compareStrings(a.core, b.core) ||
    a.domain.length - b.domain.length ||
    compareStrings(a.label, b.label) ||
    compareStrings(a.id, b.id)
  );
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

function corrupt(reason: string): never {
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
interface KeyLine {
  start: number;
  keyEnd: number;
  end: number;
  ref: number;
}

function keyLineAt(text: string, start: number): KeyLine {
  const end = text.indexOf('\n', start);
  const keyEnd = text.lastIndexOf('\t', end);
  if (end < 0 || keyEnd < start) corrupt(`malformed key line at offset ${start}`);
  return { start, keyEnd, end, ref: decodeRef(text, keyEnd + 1, end) };
}

function matchFromRecord(index: SearchIndex, ref: number, tier: MatchTier): SearchMatch {
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
// Searching: streams of hit lines

/** Position of the next hit at or after `from`, or -1. */
type Finder = (from: number) => number;

function needleFinder(text: string, needle: string): Finder {
  return (from) => text.indexOf(needle, from);
}

function regexFinder(text: string, pattern: RegExp): Finder {
  return (from) => {
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    return match === null ? -1 : match.index;
  };
}

/**
 * The key lines of one section that contain a hit, in text order (= rank order), each line once.
 * `lead` is 1 for needles that begin with the "\n" ending the previous line, else 0.
 */
class LineHits {
  line: KeyLine | undefined;

  constructor(
    private readonly text: string,
    private readonly find: Finder,
    private readonly lead: number,
    sectionStart: number,
    private readonly sectionEnd: number,
  ) {
    this.seek(sectionStart - lead);
  }

  /** Moves to the next line (after the current one) with a hit. */
  next(): void {
    if (this.line !== undefined) this.seek(this.line.end + 1 - this.lead);
  }

  private seek(from: number): void {
    const { text } = this;
    this.line = undefined;
    for (let pos = this.find(from); pos >= 0 && pos + this.lead < this.sectionEnd;) {
      const start = text.lastIndexOf('\n', pos + this.lead - 1) + 1;
      // Queries are lower case and cannot hit a checkpoint; skipped defensively all the same.
      if (text.charCodeAt(start) !== HASH_SIGN) {
        this.line = keyLineAt(text, start);
        return;
      }
      pos = this.find(text.indexOf('\n', start) + 1 - this.lead);
    }
  }
}

/** The picked suggestions, in final order; refs are unique. */
class Picks {
  readonly refs: number[] = [];
  readonly tiers: MatchTier[] = [];
  private readonly taken = new Set<number>();

  constructor(private readonly limit: number) {}

  get full(): boolean {
    return this.refs.length >= this.limit;
  }

  has(ref: number): boolean {
    return this.taken.has(ref);
  }

  add(ref: number, tier: MatchTier): void {
    if (this.full || this.taken.has(ref)) return;
    this.taken.add(ref);
    this.refs.push(ref);
    this.tiers.push(tier);
  }

  /** Takes lines in rank order until full: a phase never needs to look further. */
  addAll(hits: LineHits, tier: MatchTier): void {
    for (; hits.line !== undefined && !this.full; hits.next()) this.add(hits.line.ref, tier);
  }

  /**
   * Like addAll over the union of two streams, still in rank (= ref) order; `accept` may refuse a
   * line (checked once per line, even when both streams hold it).
   */
  addMerged(a: LineHits, b: LineHits, tier: MatchTier, accept?: (line: KeyLine) => boolean): void {
    while (!this.full && (a.line !== undefined || b.line !== undefined)) {
      const refA = a.line?.ref ?? Infinity;
      const refB = b.line?.ref ?? Infinity;
      const line = refA <= refB ? a.line : b.line;
      if (line && (!accept || accept(line))) this.add(line.ref, tier);
      if (refA <= refB) a.next();
      if (refB <= refA) b.next();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Searching: exact, prefix, word prefix and substring

/**
 * One phase per tier, best tier first. Each phase sees only lines of its own tier that are not
 * taken yet (all better lines were taken, or the result is already full) and stops at `limit`.
 */
function addDirectMatches(index: SearchIndex, q: string, picks: Picks): void {
  const { text, domainsStart, namesStart } = index;
  const names = (needle: string, lead: number): LineHits =>
    new LineHits(text, needleFinder(text, needle), lead, namesStart, text.length);
  picks.addAll(names(`\n${q}\t`, 1), 'exact');
  if (!picks.full) picks.addAll(names(`\n${q}`, 1), 'prefix');
  if (!picks.full) {
    const domains = new LineHits(text, needleFinder(text, `\n${q}`), 1, domainsStart, namesStart);
    picks.addMerged(names(` ${q}`, 0), domains, 'wordPrefix');
  }
  if (!picks.full) addAllWordsMatches(index, q, picks);
  if (!picks.full) picks.addAll(names(q, 0), 'substring');
}

/**
 * A query of several words whose words all start words of the name, in any order ("edv zimmermann"
 * finds "Zimmermann EDV"). Candidates are the lines where the query's longest (so rarest) word
 * starts a word; each is checked for the other words. Ranked after the tiers that match the words
 * in the typed order, before mere substrings.
 */
function addAllWordsMatches(index: SearchIndex, q: string, picks: Picks): void {
  const words = q.split(' ');
  if (words.length < 2) return;
  const { text, namesStart } = index;
  const anchor = words.reduce((longest, w) => (w.length > longest.length ? w : longest));
  const atStart = new LineHits(text, needleFinder(text, `\n${anchor}`), 1, namesStart, text.length);
  const later = new LineHits(text, needleFinder(text, ` ${anchor}`), 0, namesStart, text.length);
  const others = words.filter((w) => w !== anchor).map((w) => ` ${w}`);
  // Most candidates lack another word: a few native searches reject them before any split.
  picks.addMerged(atStart, later, 'allWords', (line) => {
    const key = ` ${text.slice(line.start, line.keyEnd)}`;
    return others.every((w) => key.includes(w)) && startsWordsInAnyOrder(key.slice(1), words);
  });
}

/**
 * Does every query word start its own word of the key, in any order? A word typed twice needs two
 * words ("muller muller" does not match "muller it"). Longest words are placed first, so a short
 * word cannot take the only word a longer one fits.
 */
export function startsWordsInAnyOrder(key: string, queryWords: readonly string[]): boolean {
  const free = key.split(' ');
  for (const w of [...queryWords].sort((a, b) => b.length - a.length)) {
    const at = free.findIndex((k) => k.startsWith(w));
    if (at < 0) return false;
    free.splice(at, 1);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Searching: one typo

/** Does q[qi..] occur at text[tp..] entirely before `end`? */
function restMatches(text: string, tp: number, end: number, q: string, qi: number): boolean {
  if (tp + (q.length - qi) > end) return false;
  for (let i = qi; i < q.length; i++, tp++) {
    if (text.charCodeAt(tp) !== q.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Is q within Damerau–Levenshtein distance 1 of some prefix of text[start..end)? The classic
 * one-edit check at the first mismatch; as the prefix length is free, an extra or changed last
 * character always counts.
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

/** Does some word of the key text[start..keyEnd) start within one edit of q? */
function fuzzyMatchesKey(text: string, start: number, keyEnd: number, q: string): boolean {
  for (let ws = start; ws < keyEnd;) {
    if (withinOneEditOfPrefix(text, ws, keyEnd, q)) return true;
    const space = text.indexOf(' ', ws);
    if (space < 0) return false;
    ws = space + 1;
  }
  return false;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const KEY_CHAR = '[^\\t\\n]';
/** Up to this length the fuzzy candidates come from one regex; above, from two needles. */
const MAX_REGEX_FUZZY_LENGTH = 6;

/**
 * Every way q can appear at a word start within one edit, as regex alternatives. As the prefix
 * length is free, all edits at the last position reduce to "starts with q minus its last char".
 */
function oneEditVariants(q: string): string[] {
  const e = escapeRegExp;
  const variants = new Set<string>([e(q.slice(0, -1))]);
  for (let i = 0; i < q.length - 1; i++) {
    const head = e(q.slice(0, i));
    variants.add(head + KEY_CHAR + e(q.slice(i + 1))); // substitution
    variants.add(head + e(q.slice(i + 1))); // q has an extra character
    variants.add(head + KEY_CHAR + e(q.slice(i))); // q misses a character
    variants.add(head + e(q.charAt(i + 1) + q.charAt(i)) + e(q.slice(i + 2))); // transposition
  }
  return [...variants];
}

/**
 * Candidate finders for the fuzzy pass; every line within one edit of q contains a hit.
 * - Short queries: a word-anchored regex of all one-edit variants (exact, so hardly any candidate
 *   is wasted even when q's letters are everywhere, as in "gmbh").
 * - Longer queries: q = A + q[h] + B. One edit touches at most two adjacent positions of q, so A
 *   or B survives intact and `indexOf` finds it natively.
 */
function fuzzyFinders(text: string, q: string, pattern: RegExp | undefined): Finder[] {
  if (pattern) return [regexFinder(text, pattern)];
  const h = Math.floor((q.length - 1) / 2);
  return [needleFinder(text, q.slice(0, h)), needleFinder(text, q.slice(h + 1))];
}

/** Visits the prefiltered candidate lines in rank order and verifies each with the exact check. */
function addFuzzyMatches(index: SearchIndex, query: PreparedQuery, picks: Picks): void {
  const { text, namesStart } = index;
  const q = query.normalized;
  const streams = fuzzyFinders(text, q, query.fuzzyPattern).map(
    (find) => new LineHits(text, find, 0, namesStart, text.length),
  );
  while (!picks.full) {
    let line: KeyLine | undefined;
    for (const s of streams)
      if (s.line !== undefined && (line === undefined || s.line.start < line.start)) line = s.line;
    if (line === undefined) return;
    if (!picks.has(line.ref) && fuzzyMatchesKey(text, line.start, line.keyEnd, q))
      picks.add(line.ref, 'fuzzy');
    const checked = line.start;
    for (const s of streams) if (s.line?.start === checked) s.next();
  }
}

// ---------------------------------------------------------------------------------------------
// Searching: entry point

/**
 * Ranked typeahead suggestions: exact > prefix > wordPrefix (incl. domain prefix) > substring >
 * fuzzy (one typo; normalized queries of ≥ 3 characters; only if the other tiers leave room).
 */
export function searchResellers(index: SearchIndex, query: string, limit = DEFAULT_LIMIT): SearchMatch[] {
  return searchPrepared(index, prepareQuery(query), limit);
}

/** A query normalized once, with its one-typo pattern compiled once, for searching many indexes. */
export interface PreparedQuery {
  readonly normalized: string;
  readonly fuzzyPattern?: RegExp;
}

export function prepareQuery(query: string): PreparedQuery {
  const normalized = normalizeForSearch(query);
  if (normalized.length < MIN_FUZZY_QUERY_LENGTH || normalized.length > MAX_REGEX_FUZZY_LENGTH)
    return { normalized };
  return {
    normalized,
    fuzzyPattern: new RegExp(`(?:^| )(?:${oneEditVariants(normalized).join('|')})`, 'gm'),
  };
}

export function searchPrepared(
  index: SearchIndex,
  query: PreparedQuery,
  limit = DEFAULT_LIMIT,
): SearchMatch[] {
  const q = query.normalized;
  if (meaningfulLength(q) < MIN_QUERY_LENGTH || limit <= 0) return [];
  const picks = new Picks(limit);
  addDirectMatches(index, q, picks);
  if (!picks.full && q.length >= MIN_FUZZY_QUERY_LENGTH) addFuzzyMatches(index, query, picks);
  return picks.refs.map((ref, i) => matchFromRecord(index, ref, picks.tiers[i] ?? 'fuzzy'));
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
