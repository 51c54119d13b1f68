/**
 * Pure reseller search for the typeahead: ranked matches of a query in one index text (see
 * search-index.ts for the format). Every keystroke is a fresh Apps Script execution within a ~2 ms
 * CPU budget, so each tier is one `indexOf` (or regex) pass over the key sections in text order,
 * which is rank order, stopping as soon as `limit` results are picked; records are read only for
 * the results.
 *
 * Tiers, best first: exact > prefix > wordPrefix (incl. a domain prefix) > allWords (every query word
 * starts a word, any order) > substring > fuzzy (one typo; only if the others leave room). Within a
 * tier: `compareRank` (search-text.ts).
 */
import {
  keyLineAt,
  matchFromRecord,
  type KeyLine,
  type MatchTier,
  type SearchIndex,
  type SearchMatch,
} from './search-index';
import {
  meaningfulLength,
  normalizeForSearch,
  DEFAULT_LIMIT,
  MIN_FUZZY_QUERY_LENGTH,
  MIN_QUERY_LENGTH,
} from './search-text';

// The index and the text side are part of this module's interface too.
export {
  buildSearchIndex,
  findResellerById,
  findResellerByLabel,
  parseSearchIndex,
  verifySearchIndexContent,
  type MatchTier,
  type SearchIndex,
  type SearchMatch,
} from './search-index';
export {
  compareRank,
  compareStrings,
  displayLabel,
  indexFields,
  labelFor,
  meaningfulLength,
  nameCore,
  normalizeForSearch,
  rankKey,
  validateSearchQuery,
  DEFAULT_LIMIT,
  MAX_LABEL_LENGTH,
  MAX_QUERY_LENGTH,
  MIN_FUZZY_QUERY_LENGTH,
  MIN_QUERY_LENGTH,
  type LabelOf,
  type QueryValidation,
  type RankKey,
} from './search-text';

const HASH_SIGN = 35;

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
