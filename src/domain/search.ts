/**
 * Pure reseller search for the typeahead: ranked matches of a query over an index that may be cut
 * into segments (search-index.ts has the format). Every keystroke is a fresh Apps Script execution
 * within a ~1 ms CPU budget, so the search makes as few passes over the text as it can, each one
 * native `indexOf` (or one regular expression) in text order — which is rank order, across
 * segments too — and splits only the lines of its results.
 *
 * Tiers, best first: exact > prefix > wordPrefix (a word of the name, or the domain, starts with
 * the query) > allWords (every query word starts a word of the name, any order) > substring >
 * fuzzy (one typo). Within a tier: `compareRank` (search-text.ts), except typos, which are ranked by
 * how good the match is first (`compareTypos`).
 *
 * Aliases (search-aliases.ts) are lines of the index too, after every reseller's line: each pass
 * finds them as it finds names, so a name ranks before an equally good alias, and every match is
 * resolved to its reseller's line, so a reseller appears once, labelled by its real name.
 *
 * Passes: (1) "\n" + q finds the exact and prefix matches; (2) only if they leave room, q itself
 * finds the word-prefix and substring matches, each line classified once; (3) for a query of
 * several words, the longest word finds the any-order matches; (4) only if room is left, the typo
 * candidates. Each pass stops as soon as nothing it could still find would make the results.
 */
import { aliasLineRef } from './search-aliases';
import {
  corrupt,
  isResellerLine,
  matchAt,
  nameKeyEnd,
  TAB,
  type MatchTier,
  type SearchIndex,
  type SearchMatch,
} from './search-index';
import {
  domainFormOfQuery,
  meaningfulLength,
  nameCore,
  normalizeForSearch,
  DEFAULT_LIMIT,
  MIN_FUZZY_QUERY_LENGTH,
  MIN_QUERY_LENGTH,
} from './search-text';

// The index and the text side are part of this module's interface too.
export { buildSearchIndex } from './search-layout';
export {
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
  domainFormOfQuery,
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

/** Segments are searched as one text: segment i's lines all rank before segment i + 1's. */
const SEGMENT_RANK_STRIDE = 2 ** 24;

/**
 * A picked reseller: `reseller` is where its own line is (segment * SEGMENT_RANK_STRIDE + line
 * start), `order` where the line that matched is (the same, or one of its alias lines).
 */
interface Pick {
  reseller: number;
  order: number;
  tier: MatchTier;
}

/** The results so far, in final order; each reseller once. */
class Picks {
  readonly list: Pick[] = [];
  private readonly taken = new Set<number>();

  constructor(readonly limit: number) {}

  get full(): boolean {
    return this.list.length >= this.limit;
  }

  has(reseller: number): boolean {
    return this.taken.has(reseller);
  }

  /** Adds a reseller not picked yet; says whether it did. */
  add(pick: Pick): boolean {
    if (this.full || this.taken.has(pick.reseller)) return false;
    this.taken.add(pick.reseller);
    this.list.push(pick);
    return true;
  }
}

/**
 * Lists of matches a pass keeps for later tiers hold up to this many times the limit: a reseller
 * found by its name and by an alias is in them twice, and only one copy can be picked.
 */
const SPARE_FACTOR = 2;

/**
 * The reseller a line stands for: the line itself, or for an alias line the line it refers to.
 * `keyEnd` is where the line's key ends (its first "\t").
 */
function resellerOf(
  segments: readonly SearchIndex[],
  segment: number,
  lineStart: number,
  keyEnd: number,
): number {
  const index = segments[segment] as SearchIndex;
  if (lineStart < index.aliasStart) return segment * SEGMENT_RANK_STRIDE + lineStart;
  const ref = aliasLineRef(index.text, lineStart, keyEnd);
  const target = ref && segments[ref.segment];
  if (!ref || !target || !isResellerLine(target, target.bodyStart + ref.bodyOffset))
    corrupt(`bad alias line at offset ${lineStart}`);
  return ref.segment * SEGMENT_RANK_STRIDE + target.bodyStart + ref.bodyOffset;
}

function orderOf(segment: number, lineStart: number): number {
  return segment * SEGMENT_RANK_STRIDE + lineStart;
}

/**
 * Visits the reseller lines where `find` hits, in text order over all segments, each line once
 * (at its first hit). `lead` is 1 for needles that begin with the "\n" ending the previous line.
 * `visit` returns false to stop.
 */
function forEachHitLine(
  segments: readonly SearchIndex[],
  finderFor: (text: string) => Finder,
  lead: number,
  visit: (segment: number, text: string, lineStart: number, hit: number) => boolean,
): void {
  for (let s = 0; s < segments.length; s++) {
    const index = segments[s] as SearchIndex;
    const { text } = index;
    const find = finderFor(text);
    let pos = find(index.bodyStart - lead);
    while (pos >= 0) {
      const lineStart = lead === 1 ? pos + 1 : text.lastIndexOf('\n', pos) + 1;
      const lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) break;
      if (isResellerLine(index, lineStart) && !visit(s, text, lineStart, pos + lead)) return;
      pos = find(lineEnd + 1 - lead);
    }
  }
}

/** The position of the next hit in one text at or after `from`, or -1. */
type Finder = (from: number) => number;

const needle =
  (q: string) =>
  (text: string): Finder =>
  (from) =>
    text.indexOf(q, from);

// ---------------------------------------------------------------------------------------------
// Passes 1–3: exact, prefix, word prefix, any-order words, substring

/**
 * Pass 1: lines whose name starts with q; the exact names first. An exact alias comes after the
 * names that are q but for their legal form (legal forms need not be typed, so those are as good
 * a match on the real name) and before every other prefix.
 */
function addPrefixMatches(segments: readonly SearchIndex[], q: string, picks: Picks): void {
  const prefixes: Pick[] = [];
  const aliasExacts: Pick[] = [];
  let coreExacts = 0;
  let exact = 0;
  forEachHitLine(segments, needle(`\n${q}`), 1, (segment, text, lineStart) => {
    const order = orderOf(segment, lineStart);
    const isAlias = lineStart >= (segments[segment] as SearchIndex).aliasStart;
    if (text.charCodeAt(lineStart + q.length) === TAB) {
      const reseller = resellerOf(segments, segment, lineStart, lineStart + q.length);
      if (isAlias) aliasExacts.push({ reseller, order, tier: 'exact' });
      else if (picks.add({ reseller, order, tier: 'exact' })) exact++;
      // Alias lines follow every name line: once one is reached, no name is left to find.
      if (isAlias) exact++;
    } else if (prefixes.length < picks.limit * SPARE_FACTOR) {
      const keyEnd = nameKeyEnd(text, lineStart);
      const reseller = resellerOf(segments, segment, lineStart, keyEnd);
      const pick: Pick = { reseller, order, tier: 'prefix' };
      // Names ranked by core length come first among prefixes: these are the first few.
      if (!isAlias && nameCore(text.slice(lineStart, keyEnd)) === q) {
        prefixes.splice(coreExacts++, 0, pick);
      } else {
        prefixes.push(pick);
      }
    }
    // A later line could still be an exact name, which outranks every prefix: only a full
    // list of exact names ends the pass early.
    return exact < picks.limit;
  });
  for (const p of prefixes.slice(0, coreExacts)) picks.add(p);
  for (const p of aliasExacts) picks.add(p);
  for (const p of prefixes.slice(coreExacts)) picks.add(p);
}

/**
 * Pass 2: every other line containing q, or whose domain starts with the query as a domain is
 * written: a word of the name or the domain starts with it (wordPrefix), or q is inside the name
 * (substring). Word prefixes go straight to the results (all better tiers are in); substrings wait
 * for the any-order words.
 */
function addInnerMatches(segments: readonly SearchIndex[], query: PreparedQuery, picks: Picks): Pick[] {
  const q = query.normalized;
  const dq = query.domain;
  const substrings: Pick[] = [];
  const wordQ = ` ${q}`;
  const finder = dq !== '' && dq !== q ? earliestOf([q, `\t${dq}`]) : needle(q);
  forEachHitLine(segments, finder, 0, (segment, text, lineStart) => {
    const keyEnd = nameKeyEnd(text, lineStart);
    const reseller = resellerOf(segments, segment, lineStart, keyEnd);
    // A name that starts with q was taken by pass 1.
    if (picks.has(reseller)) return true;
    const order = orderOf(segment, lineStart);
    const at = text.slice(lineStart, keyEnd).indexOf(q);
    const wordStart = at > 0 && text.slice(lineStart + at - 1, keyEnd).includes(wordQ);
    // An alias line's second field is empty, so its domain never matches.
    if (wordStart || (dq !== '' && text.startsWith(dq, keyEnd + 1))) {
      picks.add({ reseller, order, tier: 'wordPrefix' });
    } else if (at > 0 && substrings.length < picks.limit * SPARE_FACTOR) {
      substrings.push({ reseller, order, tier: 'substring' });
    }
    return !picks.full;
  });
  return substrings;
}

/** The earliest hit of several needles; each needle's next hit is kept until the search passes it. */
function earliestOf(needles: readonly string[]): (text: string) => Finder {
  return (text) => {
    const next = needles.map((n) => text.indexOf(n));
    return (from) => {
      let first = -1;
      for (let k = 0; k < needles.length; k++) {
        let at = next[k] as number;
        if (at >= 0 && at < from) next[k] = at = text.indexOf(needles[k] as string, from);
        if (at >= 0 && (first < 0 || at < first)) first = at;
      }
      return first;
    };
  };
}

/**
 * Pass 3, for a query of several words: lines where each query word starts its own word of the
 * name, in any order ("edv zimmermann" finds "Zimmermann EDV"). Candidates are the lines with the
 * longest (so rarest) query word in the name.
 */
function addAllWordsMatches(segments: readonly SearchIndex[], q: string, picks: Picks): void {
  const words = q.split(' ');
  if (words.length < 2) return;
  const anchor = words.reduce((longest, w) => (w.length > longest.length ? w : longest));
  const others = words.filter((w) => w !== anchor).map((w) => ` ${w}`);
  forEachHitLine(segments, needle(anchor), 0, (segment, text, lineStart, hit) => {
    const keyEnd = nameKeyEnd(text, lineStart);
    if (hit >= keyEnd) return true;
    const reseller = resellerOf(segments, segment, lineStart, keyEnd);
    if (picks.has(reseller)) return true;
    // Most candidates lack another word: native searches reject them before any split.
    const key = ` ${text.slice(lineStart, keyEnd)}`;
    if (others.every((w) => key.includes(w)) && startsWordsInAnyOrder(key.slice(1), words)) {
      picks.add({ reseller, order: orderOf(segment, lineStart), tier: 'allWords' });
    }
    return !picks.full;
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
// Pass 4: one typo

/** Does q[qi..] occur at text[tp..] entirely before `end`? */
function restMatches(text: string, tp: number, end: number, q: string, qi: number): boolean {
  if (tp + (q.length - qi) > end) return false;
  for (let i = qi; i < q.length; i++, tp++) {
    if (text.charCodeAt(tp) !== q.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Where in q the one edit falls when q is within Damerau–Levenshtein distance 1 of some prefix of
 * text[start..end) (q.length when q is a prefix itself), or -1 when it is not. The classic one-edit
 * check at the first mismatch; as the prefix length is free, an extra or changed last character
 * always counts.
 */
export function oneEditPosition(text: string, start: number, end: number, q: string): number {
  let i = 0;
  while (i < q.length && start + i < end && text.charCodeAt(start + i) === q.charCodeAt(i)) i++;
  if (i === q.length) return i;
  const p = start + i;
  if (restMatches(text, p, end, q, i + 1)) return i; // q has an extra character
  if (p >= end) return -1;
  if (restMatches(text, p + 1, end, q, i + 1)) return i; // substitution
  if (restMatches(text, p + 1, end, q, i)) return i; // q misses a character
  const transposed =
    i + 1 < q.length &&
    text.charCodeAt(p) === q.charCodeAt(i + 1) &&
    text.charCodeAt(p + 1) === q.charCodeAt(i) &&
    restMatches(text, p + 2, end, q, i + 2);
  return transposed ? i : -1;
}

export function withinOneEditOfPrefix(text: string, start: number, end: number, q: string): boolean {
  return oneEditPosition(text, start, end, q) >= 0;
}

/** How good a typo match is; see `compareTypos`. */
interface TypoMatch extends Pick {
  /** Index of the name word the match starts at (0: the name's start). */
  word: number;
  /** Where in the query the edit falls. */
  editAt: number;
}

/**
 * Where q matches the key text[start..keyEnd) with one edit: at the name's first word if it can,
 * else at the later word where the edit falls latest. Undefined when no word matches.
 */
function typoMatchInKey(
  text: string,
  start: number,
  keyEnd: number,
  q: string,
): { word: number; editAt: number } | undefined {
  let best: { word: number; editAt: number } | undefined;
  for (let ws = start, word = 0; ws < keyEnd; word++) {
    const editAt = oneEditPosition(text, ws, keyEnd, q);
    if (editAt >= 0 && word === 0) return { word, editAt };
    if (editAt >= 0 && (best === undefined || editAt > best.editAt)) best = { word, editAt };
    const space = text.indexOf(' ', ws);
    if (space < 0 || space >= keyEnd) break;
    ws = space + 1;
  }
  return best;
}

/**
 * Typos ranked by how good the match is, before the usual order:
 * 1. matches at the name's first word before matches at a later word (people type names from the
 *    start);
 * 2. the later the edit falls in the query, the better: "Schmidr" (last letter) is surely
 *    "Schmidt", "Xchmidt" (first letter) less surely — and first letters are rarely mistyped;
 * 3. then `compareRank`: the shorter name core, so the names the query covers most come first.
 */
function compareTypos(a: TypoMatch, b: TypoMatch): number {
  return (a.word === 0 ? 0 : 1) - (b.word === 0 ? 0 : 1) || b.editAt - a.editAt || a.order - b.order;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const KEY_CHAR = '[^\\t\\n]';
/** Up to this length the typo candidates come from one regex; above, from two needles. */
const MAX_REGEX_FUZZY_LENGTH = 10;
/** Enough typo matches to rank by quality; more would only cost CPU on a vague query. */
const MAX_TYPO_CANDIDATES = 60;

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
 * Candidate finders for the typo pass; every line within one edit of q contains a hit.
 * - Short queries: a word-anchored regex of all one-edit variants (exact, so hardly any candidate
 *   is wasted even when q's letters are everywhere, as in "gmbh").
 * - Longer queries: q = A + q[h] + B. One edit touches at most two adjacent positions of q, so A
 *   or B survives intact and `indexOf` finds it natively.
 */
function typoFinder(q: string, pattern: RegExp | undefined): (text: string) => Finder {
  if (pattern) {
    return (text) => (from) => {
      pattern.lastIndex = from;
      const match = pattern.exec(text);
      return match === null ? -1 : match.index;
    };
  }
  return splitTypoFinder(q);
}

const SPACE = 32;
const LINE_FEED = 10;

/**
 * Typo candidates of a longer query q = A + q[h] + B. One edit leaves A or B intact: if A, the
 * match starts with A at a word start; if B, the match starts at a word start h + 1 characters
 * (give or take the one inserted or deleted character) before B. Only hits placed so are
 * candidates, which rejects the many lines where a common half ("gmbh") merely occurs.
 * Each needle's next hit is remembered until the search passes it.
 */
function splitTypoFinder(q: string): (text: string) => Finder {
  const h = Math.floor((q.length - 1) / 2);
  const lineA = `\n${q.slice(0, h)}`;
  const wordA = ` ${q.slice(0, h)}`;
  const b = q.slice(h + 1);
  return (text) => {
    const startsWord = (s: number): boolean => {
      const before = text.charCodeAt(s - 1);
      return before === SPACE || before === LINE_FEED;
    };
    const nextB = (from: number): number => {
      for (let p = text.indexOf(b, from); p >= 0; p = text.indexOf(b, p + 1)) {
        const s = p - h - 1;
        if (startsWord(s) || startsWord(s - 1) || startsWord(s + 1)) return p;
      }
      return -1;
    };
    // A line-start needle is searched from one character earlier: the "\n" ends the line before.
    let atLine = text.indexOf(lineA);
    let atWord = text.indexOf(wordA);
    let atB = nextB(0);
    return (from) => {
      if (atLine >= 0 && atLine < from - 1) atLine = text.indexOf(lineA, from - 1);
      if (atWord >= 0 && atWord < from) atWord = text.indexOf(wordA, from);
      if (atB >= 0 && atB < from) atB = nextB(from);
      let first = -1;
      for (const at of [atLine, atWord, atB]) if (at >= 0 && (first < 0 || at < first)) first = at;
      return first;
    };
  };
}

function addTypoMatches(segments: readonly SearchIndex[], query: PreparedQuery, picks: Picks): void {
  const q = query.normalized;
  const found: TypoMatch[] = [];
  forEachHitLine(segments, typoFinder(q, query.fuzzyPattern), 0, (segment, text, lineStart) => {
    const keyEnd = nameKeyEnd(text, lineStart);
    const reseller = resellerOf(segments, segment, lineStart, keyEnd);
    if (picks.has(reseller)) return true;
    const match = typoMatchInKey(text, lineStart, keyEnd, q);
    if (match) found.push({ reseller, order: orderOf(segment, lineStart), tier: 'fuzzy', ...match });
    return found.length < MAX_TYPO_CANDIDATES;
  });
  for (const m of found.sort(compareTypos)) picks.add(m);
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** A query normalized once, as a domain once, with its one-typo pattern compiled once. */
export interface PreparedQuery {
  readonly normalized: string;
  /** `domainFormOfQuery`: "" when the query cannot be the start of a domain. */
  readonly domain: string;
  readonly fuzzyPattern?: RegExp;
}

export function prepareQuery(query: string): PreparedQuery {
  const normalized = normalizeForSearch(query);
  const domain = domainFormOfQuery(query);
  if (normalized.length < MIN_FUZZY_QUERY_LENGTH || normalized.length > MAX_REGEX_FUZZY_LENGTH)
    return { normalized, domain };
  return {
    normalized,
    domain,
    fuzzyPattern: new RegExp(`(?:^| )(?:${oneEditVariants(normalized).join('|')})`, 'gm'),
  };
}

/** The best `limit` matches over the segments of one index, in the order described above. */
export function searchIndexes(
  segments: readonly SearchIndex[],
  query: PreparedQuery,
  limit = DEFAULT_LIMIT,
): SearchMatch[] {
  const q = query.normalized;
  if (meaningfulLength(q) < MIN_QUERY_LENGTH || limit <= 0) return [];
  const picks = new Picks(limit);
  addPrefixMatches(segments, q, picks);
  if (!picks.full) {
    const substrings = addInnerMatches(segments, query, picks);
    if (!picks.full) addAllWordsMatches(segments, q, picks);
    for (const p of substrings) picks.add(p);
  }
  if (!picks.full && q.length >= MIN_FUZZY_QUERY_LENGTH) addTypoMatches(segments, query, picks);
  return picks.list.map((p) => {
    const segment = Math.floor(p.reseller / SEGMENT_RANK_STRIDE);
    const lineStart = p.reseller - segment * SEGMENT_RANK_STRIDE;
    return matchAt(segments[segment] as SearchIndex, lineStart, p.tier, p.order);
  });
}

/** Ranked typeahead suggestions from one index text. */
export function searchResellers(index: SearchIndex, query: string, limit = DEFAULT_LIMIT): SearchMatch[] {
  return searchIndexes([index], prepareQuery(query), limit);
}
