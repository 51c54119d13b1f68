/**
 * The query set for the search-quality table (bench/quality.ts), written for a directory from
 * dev/demo/realistic-resellers.ts with the same seed: targets are picked at random among the
 * approved resellers and each query is derived from its target's name, by kind.
 *
 * Every query has exactly one expected reseller. An oracle of its own (independent of
 * src/domain/search.ts) decides whether other approved resellers fit the query as well as the
 * expected one; such queries are marked ambiguous (reported, not counted in the goal). Legal forms
 * never make one name fit better than another unless the query names a legal form.
 */
import type { Reseller } from '../src/domain/reseller';
import { mulberry32 } from '../dev/demo/resellers';
import { type ResellerFamily, withoutLegalForm } from '../dev/demo/realistic-resellers';

export const QUERY_KINDS = [
  'exact',
  'accent/umlaut folding',
  'ue/ae/oe transliteration',
  'prefix',
  'word prefix',
  'substring',
  'one typo',
  'family of near-duplicates',
  'multi-word, any order',
  // Last, so that adding it left the other kinds' queries as they were.
  'alias',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];
export type TypoKind = 'substitution' | 'deletion' | 'insertion' | 'transposition';

export interface QualityQuery {
  kind: QueryKind;
  text: string;
  expectedId: string;
  /** Other approved resellers fit the query as well as the expected one. */
  ambiguous: boolean;
  typo?: TypoKind;
  /** Typo queries: the expected reseller is the only one within one edit of the query. */
  uniqueAfterCorrection?: boolean;
}

type Random = () => number;

// ---------------------------------------------------------------------------------------------
// The oracle's own folding: case, accents, ß, ue/ae/oe; "&", "+", "und", "and" are one token.

export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æœøł]/g, (c) => ({ æ: 'ae', œ: 'oe', ø: 'o', ł: 'l' })[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/([aou])e/g, '$1')
    .replace(/[&+]/g, ' & ')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

const CONNECTORS = new Set(['&', 'und', 'and']);
const token = (t: string): string => (CONNECTORS.has(t) ? '&' : t);
const tokensOf = (text: string): string[] => (fold(text) === '' ? [] : fold(text).split(' ').map(token));
/** Folded, with "&" for every connector: what the oracle compares. */
const keyOf = (text: string): string => tokensOf(text).join(' ');

const LEGAL_TOKENS = new Set(
  'gmbh mbh ag kg ohg gbr ug haftungsbeschrankt e k u se co ltd limited inc llc b v n s a r l sarl srl og gesmbh sa corp'.split(
    ' ',
  ),
);

interface Entry {
  r: Reseller;
  folded: string;
  tokens: string[];
  /** Start offsets of the words in `folded`. */
  wordStarts: number[];
}

function entryOf(r: Reseller): Entry {
  // "und", "and" and "+" are written "&" here, as in queries.
  const folded = tokensOf(r.name).join(' ');
  const wordStarts = [0];
  for (let i = 1; i < folded.length; i++) if (folded[i - 1] === ' ') wordStarts.push(i);
  return { r, folded, tokens: folded.split(' '), wordStarts };
}

/**
 * Whole-word fit: every query word is a word of the name. Smaller is better: first the words the
 * name has beyond the query's (legal forms count only when the query names one, and then only after
 * the other words), then whether the words come in the query's order. `undefined`: no fit.
 */
function wordFit(query: readonly string[], e: Entry, lastIsPrefix = false): number | undefined {
  const used = e.tokens.map(() => false);
  let inOrder = true;
  let previous = -1;
  for (const [n, q] of query.entries()) {
    const prefix = lastIsPrefix && n === query.length - 1;
    const i = e.tokens.findIndex((t, j) => !used[j] && (prefix ? t.startsWith(q) : t === q));
    if (i < 0) return undefined;
    used[i] = true;
    if (i < previous) inOrder = false;
    previous = i;
  }
  const left = e.tokens.filter((_, j) => !used[j]);
  const namesForm = query.some((q) => LEGAL_TOKENS.has(q));
  const core = left.filter((t) => !LEGAL_TOKENS.has(t)).length;
  return core * 1000 + (namesForm ? (left.length - core) * 10 : 0) + (inOrder ? 0 : 1);
}

/**
 * How well typed text (folded) fits a name as a run of its words, the last one perhaps begun: first
 * whole words over a begun last word, then at the name's start over a later word (the issue's
 * order), then the fewest words the name has beyond the run (legal forms not counted; "&" is a
 * word). Smaller is better; `undefined`: the text is not a run of the name's words.
 */
function runFit(q: string, e: Entry): number | undefined {
  const query = q.split(' ').map(token);
  const n = query.length;
  const last = query[n - 1] ?? '';
  let best: number | undefined;
  for (let p = 0; p + n <= e.tokens.length; p++) {
    if (!e.folded.startsWith(q.slice(0, 1), e.wordStarts[p] ?? 0)) continue;
    let ok = true;
    for (let i = 0; i < n - 1 && ok; i++) ok = e.tokens[p + i] === query[i];
    const word = e.tokens[p + n - 1] ?? '';
    if (!ok || !word.startsWith(last)) continue;
    const klass = (word === last ? 0 : 2) + (p === 0 ? 0 : 1);
    const extras = e.tokens.filter((t, j) => (j < p || j >= p + n) && !LEGAL_TOKENS.has(t)).length;
    const score = klass * 1000 + extras;
    if (best === undefined || score < best) best = score;
  }
  return best;
}

/** As `wordFit`, the last query word being the start of a word ("müller it münch"). */
const prefixFit = (query: readonly string[], e: Entry): number | undefined => wordFit(query, e, true);

type Fit = (query: readonly string[], e: Entry) => number | undefined;

/** Everyone who fits best; `undefined` when the target is not among them. */
function bestFit(
  text: string,
  target: Entry,
  all: readonly Entry[],
  fit: Fit = wordFit,
): Entry[] | undefined {
  const query = tokensOf(text);
  const mine = fit(query, target);
  if (mine === undefined || query.length === 0) return undefined;
  const scores = all.map((e) => fit(query, e));
  if (scores.some((score) => (score ?? Infinity) < mine)) return undefined;
  return all.filter((_, i) => scores[i] === mine);
}

/** At most one edit (substitution, deletion, insertion, adjacent transposition) apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Some word-start suffix of the name has a prefix within one edit of `q` (folded). */
function typoFits(q: string, e: Entry): boolean {
  for (const start of e.wordStarts) {
    const rest = e.folded.slice(start);
    for (let len = q.length - 1; len <= q.length + 1; len++)
      if (len > 0 && len <= rest.length && withinOneEdit(q, rest.slice(0, len))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Deriving query text

const UMLAUT_RE = /[äöüÄÖÜß]/;
const ACCENTED_RE = /[äöüÄÖÜßéèêàâçëïîôû]/;

function stripAccents(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

function germanTransliteration(text: string): string {
  const map: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };
  return text.replace(/[äöüÄÖÜß]/g, (c) => map[c] ?? c);
}

/** The part of a name a user would type: all of it, without the legal form, or its first words. */
function typedPart(random: Random, name: string): string {
  const r = random();
  const core = withoutLegalForm(name);
  if (r < 0.45) return name;
  const words = core.split(' ');
  if (r < 0.8 || words.length < 3) return core;
  // The first two words, or three when the second is "&" ("Vogel & Lang").
  return words.slice(0, CONNECTORS.has(fold(words[1] ?? '')) ? 3 : 2).join(' ');
}

const casing = (random: Random, text: string): string => (random() < 0.5 ? text.toLowerCase() : text);

/** QWERTZ neighbours, for substitutions and insertions a finger would make. */
// prettier-ignore
const NEIGHBOURS: Record<string, string> = {
  q: 'wa', w: 'qes', e: 'wrd', r: 'etf', t: 'rzg', z: 'tuh', u: 'zij', i: 'uok', o: 'ipl', p: 'oü',
  a: 'qsy', s: 'adw', d: 'sfe', f: 'dgr', g: 'fht', h: 'gjz', j: 'hku', k: 'jli', l: 'kö',
  y: 'xa', x: 'ycs', c: 'xvd', v: 'cbf', b: 'vng', n: 'bmh', m: 'nj',
};

function withTypo(random: Random, text: string, kind: TypoKind): string | undefined {
  const letters = [...text.matchAll(/\p{L}/gu)].map((m) => m.index).filter((i) => i > 0);
  if (letters.length < 3) return undefined;
  const i = pick(random, letters);
  const c = text.charAt(i).toLowerCase();
  const near = NEIGHBOURS[c] ?? 'e';
  switch (kind) {
    case 'substitution':
      return `${text.slice(0, i)}${near.charAt(Math.floor(random() * near.length))}${text.slice(i + 1)}`;
    case 'deletion':
      return `${text.slice(0, i)}${text.slice(i + 1)}`;
    case 'insertion':
      return `${text.slice(0, i + 1)}${near.charAt(Math.floor(random() * near.length))}${text.slice(i + 1)}`;
    case 'transposition': {
      const next = text.charAt(i + 1);
      if (!/\p{L}/u.test(next) || next.toLowerCase() === c) return undefined;
      return `${text.slice(0, i)}${next}${text.charAt(i)}${text.slice(i + 2)}`;
    }
  }
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** The shortest prefix (≥ `min` chars) of `text` that only `target` fits; `undefined` if none. */
function shortestUnique(text: string, min: number, fits: (folded: string) => Entry[]): number | undefined {
  for (let k = min; k <= text.length; k++) {
    if (text.charAt(k - 1) === ' ') continue;
    const q = keyOf(text.slice(0, k));
    if (q.length >= min && fits(q).length === 1) return k;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The query set

type Make = (target: Entry) => Omit<QualityQuery, 'kind' | 'expectedId'> | undefined;

export function qualityQueries(
  resellers: readonly Reseller[],
  families: readonly ResellerFamily[],
  seed = 1,
  perKind = 100,
): QualityQuery[] {
  const random = mulberry32(seed * 104729 + 3);
  const all = resellers.filter((r) => r.status === 'approved').map(entryOf);
  const byId = new Map(all.map((e) => [e.r.id, e]));
  const wordQuery = (text: string, target: Entry) => {
    const best = bestFit(text, target, all);
    return best && { text, ambiguous: best.length > 1 };
  };
  const prefixFits = (q: string): Entry[] => all.filter((e) => e.folded.startsWith(q));
  const substringFits = (q: string): Entry[] => all.filter((e) => e.folded.includes(q));
  /** Everyone who fits `q` best as a run of words; `undefined` when `target` is not among them. */
  const bestRun = (q: string, target: Entry): Entry[] | undefined => {
    const mine = runFit(q, target);
    if (mine === undefined) return undefined;
    const best: Entry[] = [];
    for (const e of all) {
      if (!e.wordStarts.some((w) => e.folded.startsWith(q, w))) continue;
      const score = runFit(q, e);
      if (score === undefined || score > mine) continue;
      if (score < mine) return undefined;
      best.push(e);
    }
    return best;
  };
  /**
   * `text` from `start`, cut after 3 or more characters where its target fits best: mostly where
   * it is the only best fit (the shortest such cut half of the time), sometimes where it ties.
   */
  const typedRun = (text: string, start: number, end: number) => {
    const target = byId.get(currentTarget) as Entry;
    const clear: string[] = [];
    const tied: string[] = [];
    for (let k = start + 3; k <= end; k++) {
      const typed = text.slice(start, k);
      if (!/[\p{L}\p{N}.)]$/u.test(typed)) continue;
      const q = tokensOf(typed).join(' ');
      const best = q.length >= 2 ? bestRun(q, target) : undefined;
      if (best) (best.length === 1 ? clear : tied).push(typed);
    }
    if (clear.length > 0 && (tied.length === 0 || random() < 0.85))
      return { text: random() < 0.5 ? (clear[0] as string) : pick(random, clear), ambiguous: false };
    // A target with no telling cut gives a tied query now and then (reported, not counted).
    return tied.length > 0 && random() < 0.15 ? { text: pick(random, tied), ambiguous: true } : undefined;
  };
  let currentTarget = '';
  const typoKinds: readonly TypoKind[] = ['substitution', 'deletion', 'insertion', 'transposition'];
  let typoTurn = 0;

  const makers: Record<QueryKind, Make> = {
    exact: (t) => wordQuery(t.r.name, t),
    'accent/umlaut folding': (t) => {
      const part = typedPart(random, t.r.name);
      return ACCENTED_RE.test(part) ? wordQuery(casing(random, stripAccents(part)), t) : undefined;
    },
    'ue/ae/oe transliteration': (t) => {
      const part = typedPart(random, t.r.name);
      return UMLAUT_RE.test(part) ? wordQuery(casing(random, germanTransliteration(part)), t) : undefined;
    },
    prefix: (t) => {
      // Typed from the start, paused anywhere: the cut must make the target the best fit.
      const name = casing(random, t.r.name);
      return typedRun(name, 0, name.length);
    },
    'word prefix': (t) => {
      // From a later word's start ("systemhaus nor" for "Müller Systemhaus Nord GmbH"), as one
      // remembers a reseller without its first word; not into the legal form.
      const name = casing(random, withoutLegalForm(t.r.name));
      const starts = [...name.matchAll(/ (\S{3,})/g)]
        .filter((m) => !LEGAL_TOKENS.has(fold(m[1] ?? '')) && !CONNECTORS.has(fold(m[1] ?? '')))
        .map((m) => (m.index ?? 0) + 1);
      return starts.length === 0 ? undefined : typedRun(name, pick(random, starts), name.length);
    },
    substring: (t) => {
      // From inside a word, on until it is telling ("mmermann ed"), as one remembers a part of a name.
      const name = t.r.name.toLowerCase();
      const starts = [...name.matchAll(/[\p{L}\p{N}]{6,}/gu)]
        .filter((m) => !LEGAL_TOKENS.has(fold(m[0])))
        .map((m) => (m.index ?? 0) + 2 + Math.floor(random() * (m[0].length - 5)));
      if (starts.length === 0) return undefined;
      const start = pick(random, starts);
      // Ends within the first word, or at the end of a later one.
      const wordEnd = name.indexOf(' ', start);
      for (let len = 4; len <= 30 && start + len <= name.length; len++) {
        const end = start + len;
        if (end > wordEnd && wordEnd >= 0 && end < name.length && name.charAt(end) !== ' ') continue;
        const text = name.slice(start, end);
        if (/[&+]/.test(text) || !/[\p{L}\p{N}]$/u.test(text)) continue;
        const q = keyOf(text);
        if (q.length >= 4 && t.folded.includes(q) && substringFits(q).length === 1)
          return { text, ambiguous: false };
      }
      return undefined;
    },
    'one typo': (t) => {
      const name = casing(random, t.r.name);
      const k = shortestUnique(name, 5, prefixFits);
      const typed =
        random() < 0.6 && k !== undefined
          ? name.slice(0, Math.min(name.length, k + 1 + Math.floor(random() * 4))).trim()
          : withoutLegalForm(name);
      const kind = typoKinds[typoTurn % typoKinds.length] as TypoKind;
      const text = withTypo(random, typed, kind);
      if (text === undefined || keyOf(text) === keyOf(typed) || keyOf(text).length < 4) return undefined;
      if (!typoFits(keyOf(text), t)) return undefined;
      typoTurn++;
      const unique = all.every((e) => e === t || !typoFits(keyOf(text), e));
      return { text, ambiguous: !unique, typo: kind, uniqueAfterCorrection: unique };
    },
    'family of near-duplicates': () => undefined, // from the families, below
    alias: (t) => {
      // Another name support entered for the reseller, typed in full or its start, folded at times.
      const aliases = t.r.aliases ?? [];
      if (aliases.length === 0) return undefined;
      const alias = pick(random, aliases);
      const full = alias.length <= 3 || random() < 0.5;
      const typed = full ? alias : alias.slice(0, 3 + Math.floor(random() * (alias.length - 3)));
      const text = casing(random, random() < 0.3 ? germanTransliteration(typed) : typed).trim();
      const q = keyOf(text);
      if (q.length < 2) return undefined;
      // A name fits as well as an alias without its legal form, which need not be typed.
      const keys = (e: Entry): string[] => [
        e.folded,
        keyOf(withoutLegalForm(e.r.name)),
        ...(e.r.aliases ?? []).map(keyOf),
      ];
      const fits = all.filter((e) => keys(e).some((k) => (full ? k === q : k.startsWith(q))));
      return fits.includes(t) ? { text, ambiguous: fits.length > 1 } : undefined;
    },
    'multi-word, any order': (t) => {
      const words = withoutLegalForm(t.r.name)
        .split(' ')
        .filter((w) => !CONNECTORS.has(fold(w)) && fold(w) !== '');
      if (words.length < 2) return undefined;
      if (words.length > 2 && random() < 0.3) {
        // Words left out: the first word and the start of a later one ("zimmermann mün").
        const [head, ...later] = words;
        const word = casing(random, pick(random, later.slice(1)));
        const prefix = `${casing(random, head ?? '')} ${word.slice(0, 3 + Math.floor(random() * (word.length - 2)))}`;
        const best = bestFit(prefix, t, all, prefixFit);
        return best && { text: prefix, ambiguous: best.length > 1 };
      }
      const chosen = words.length > 2 && random() < 0.5 ? words.slice(0, 2) : words;
      const reordered = random() < 0.5 ? [...chosen].reverse() : [...chosen.slice(1), chosen[0] as string];
      return wordQuery(casing(random, reordered.join(' ')), t);
    },
  };

  const queries: QualityQuery[] = [];
  const order = shuffled(random, all);
  for (const kind of QUERY_KINDS) {
    const seen = new Set<string>();
    let made = 0;
    const offer = (q: Omit<QualityQuery, 'kind' | 'expectedId'> | undefined, id: string): void => {
      if (!q || q.text.length < 2 || q.text.length > 100 || seen.has(`${q.text}\n${id}`)) return;
      seen.add(`${q.text}\n${id}`);
      queries.push({ kind, expectedId: id, ...q });
      made++;
    };
    if (kind === 'family of near-duplicates') {
      for (const family of shuffled(random, [...families])) {
        for (const member of family.members) {
          const target = byId.get(member.id);
          if (made >= perKind || !target) continue;
          const head = member.role === 'decoy' ? family.surname : family.core;
          if (member.role === 'main') {
            // The core alone ("müller it"): the main entry, unless a legal-form variant ties with it.
            const core = casing(random, family.core);
            const best = bestRun(keyOf(core), target);
            offer(best && { text: core, ambiguous: best.length > 1 }, member.id);
          }
          const text = casing(random, `${head} ${member.distinguishing}`);
          offer(wordQuery(text, target), member.id);
          // Typed up to the start of what sets it apart: "müller it münch".
          const part = member.distinguishing;
          if (member.role === 'legal form' || member.role === 'main' || part.length < 5) continue;
          const typed = casing(
            random,
            `${head} ${part.slice(0, 3 + Math.floor(random() * (part.length - 3)))}`,
          );
          const best = bestFit(typed, target, all, prefixFit);
          if (made < perKind) offer(best && { text: typed, ambiguous: best.length > 1 }, member.id);
        }
      }
      continue;
    }
    const start = Math.floor(random() * order.length);
    // One reseller in ten has aliases: in a small directory, each is asked about more than once.
    const rounds = kind === 'alias' ? 3 : 1;
    for (let i = 0; i < order.length * rounds && made < perKind; i++) {
      const target = order[(start + i) % order.length] as Entry;
      currentTarget = target.r.id;
      offer(makers[kind](target), target.r.id);
    }
  }
  return queries;
}

function shuffled<T>(random: Random, items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
