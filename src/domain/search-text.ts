/**
 * The text side of the reseller search: how names and queries are folded for matching, how a
 * suggestion is labelled, what a query may be, and the within-tier order (legal forms aside). Pure;
 * search.ts builds and searches the index with it.
 */
import type { Reseller } from './reseller';
import { hasLoneSurrogate } from './text';

/** How a caller words a label (e.g. the country's name in the user's language); see `labelFor`. */
export type LabelOf = (
  reseller: Pick<Reseller, 'id' | 'name' | 'domain' | 'country'>,
  duplicate: boolean,
) => string;

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

const DOMAIN_LETTERS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };
const DOMAIN_LETTERS_RE = /[äöüß]/g;
const URL_START_RE = /^(?:https?:\/\/)?(?:www\.)?/;
const WHITESPACE_RUN_RE = /\s+/g;

/**
 * A query as people write a domain: lower case, without "https://" or "www.", umlauts as "ae",
 * "oe", "ue", spaces as "-" ("Müller IT" → "mueller-it"). The search matches it against the start
 * of each reseller's domain as stored; "" when too short to mean anything.
 */
export function domainFormOfQuery(query: string): string {
  const form = query
    .trim()
    .toLowerCase()
    .replace(URL_START_RE, '')
    .replace(DOMAIN_LETTERS_RE, (letter) => DOMAIN_LETTERS[letter] ?? letter)
    .replace(WHITESPACE_RUN_RE, '-');
  return form.length >= MIN_QUERY_LENGTH ? form : '';
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

/**
 * `normalizeForSearch` for many texts at once, as an index build needs: the same result, computed
 * by a per-character loop over a table for U+0000–U+017F (Latin-1 and Latin Extended-A), which
 * holds nearly every reseller name, and by the regular expressions for any other text. A rebuild
 * runs in one user's keystroke, where the regular expressions alone took ~20 ms.
 */
export function normalizeManyForSearch(texts: readonly string[]): string[] {
  // Measured in a fresh context: this loop beats both the regular expressions per text and one
  // pass of them over all texts joined.
  const table = latinTable();
  return texts.map((text) => normalizeLatin(text, table) ?? normalizeForSearch(text));
}

const LATIN_END = 0x180;
const WORD_CHARACTER_RE = /^[\p{L}\p{N}]$/u;

interface LatinTable {
  /** Each character after lower-casing, special letters and accent removal. */
  folded: string[];
  /** Whether a (folded) character is a letter or digit. */
  word: boolean[];
}

let latin: LatinTable | undefined;

function latinTable(): LatinTable {
  if (latin) return latin;
  const folded: string[] = [];
  const word: boolean[] = [];
  for (let code = 0; code < LATIN_END; code++) {
    const c = String.fromCharCode(code);
    folded.push(
      c
        .toLowerCase()
        .replace(SPECIAL_LETTERS_RE, (letter) => SPECIAL_LETTERS[letter] ?? letter)
        .normalize('NFD')
        .replace(COMBINING_MARKS_RE, ''),
    );
    word.push(WORD_CHARACTER_RE.test(c));
  }
  latin = { folded, word };
  return latin;
}

/** One character folded as search keys fold it (case, accents, ß → ss); for pairing spellings. */
export function foldCharacter(c: string): string {
  const code = c.charCodeAt(0);
  if (c.length === 1 && code < LATIN_END) return latinTable().folded[code] as string;
  return c
    .toLowerCase()
    .replace(SPECIAL_LETTERS_RE, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .normalize('NFD')
    .replace(COMBINING_MARKS_RE, '');
}

const CODE_E = 101;

/** The loop version of `normalizeForSearch`, or undefined for a text outside the table's range. */
function normalizeLatin(text: string, table: LatinTable): string | undefined {
  let out = '';
  let space = false;
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= LATIN_END) return undefined;
    const folded = table.folded[code] as string;
    for (let k = 0; k < folded.length; k++) {
      const f = folded.charCodeAt(k);
      // "ae", "oe", "ue" lose their "e", pairwise as the regular expression replaces them.
      const dropped = f === CODE_E && (previous === 97 || previous === 111 || previous === 117);
      previous = f;
      if (dropped) continue;
      if (f === 38 || f === 43) {
        // "&" and "+": the token "&" between spaces.
        if (out.length > 0) out += ' ';
        out += '&';
        space = true;
      } else if (f < LATIN_END && table.word[f]) {
        if (space && out.length > 0) out += ' ';
        out += folded.charAt(k);
        space = false;
      } else {
        space = true;
      }
    }
  }
  return out;
}

// C0, DEL, C1 and every Unicode whitespace (tab, newline, NBSP, U+2028…): one space per run.
// eslint-disable-next-line no-control-regex
const UNSAFE_WHITESPACE_RE = /[\u0000-\u001f\u007f-\u009f\s]+/g;
/** Anything `cleanField` would change: a control character, whitespace but one space, a space at an end or two. */
// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING_RE = /[\u0000-\u001f\u007f-\u009f]|[^\S ]|^ | $| {2}/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER_RE = /[\u0000-\u001f\u007f-\u009f]/;

/** Makes a field safe for the line format and for labels: no control characters, single spaces. */
export function cleanField(value: string): string {
  // Most fields are clean already: one test instead of a replace that copies the text.
  if (!NEEDS_CLEANING_RE.test(value)) return value;
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
export function disambiguatedLabel(baseLabel: string, id: string): string {
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

export function rankKey(
  r: Pick<Reseller, 'id' | 'name' | 'domain'>,
  label: string,
  nameKey: string = normalizeForSearch(r.name),
): RankKey {
  const core = nameCore(nameKey);
  // The same words as written: normalizing keeps word boundaries, so the core is the first words.
  const coreLength = writtenLength(r.name, core.split(' ').length);
  return { coreLength, core, domain: r.domain, label, id: r.id };
}

/** The length of the first `words` words of a name as written, with one space between them. */
export function writtenLength(name: string, words: number): number {
  const latin = writtenLengthLatin(name, words);
  if (latin !== undefined) return latin;
  const written = name
    .replace(AMPERSAND_RE, ' & ')
    .split(RAW_WORD_BREAK_RE)
    .filter((w) => w !== '');
  return written.slice(0, words).reduce((n, w) => n + w.length, words - 1);
}

/** `writtenLength` by a loop over the Latin table; undefined for text outside its range. */
function writtenLengthLatin(name: string, words: number): number | undefined {
  const { word } = latinTable();
  let length = 0;
  let counted = 0;
  let inWord = false;
  for (let i = 0; i < name.length && counted < words; i++) {
    const code = name.charCodeAt(i);
    if (code >= LATIN_END) return undefined;
    if (code === 38 || code === 43) {
      // "&" and "+" are a word of their own.
      if (inWord) counted++;
      inWord = false;
      if (counted < words) {
        length++;
        counted++;
      }
    } else if (word[code]) {
      inWord = true;
      length++;
    } else if (inWord) {
      inWord = false;
      counted++;
    }
  }
  return length + words - 1;
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
