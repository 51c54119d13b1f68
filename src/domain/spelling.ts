/**
 * How the search index keeps a reseller's name only once: as its search key (normalizeForSearch)
 * plus a short "spelling" that turns the key back into the name as written. The key is what every
 * keystroke scans; the written name is only needed for the ten suggestions shown. Storing both in
 * full nearly doubled the bytes each keystroke reads from the cache.
 *
 * The key first becomes a default spelling — each word capitalised, well-known words written their
 * usual way ("gmbh" → "GmbH", "co" → "Co.") — and the spelling lists the few edits from that
 * default to the written name: "Bytebrücke Frankfurt GmbH" is key "bytebrucke frankfurt gmbh" plus
 * the spelling "Gü" (copy 6 characters, then write "ü" instead of the next one).
 *
 * Format: items, each a gap letter then an edit. The gap letter "A"–"Y" copies 0–24 characters of
 * the default first ("Z" copies 25 and is followed by another gap letter). The edit is "+c" (insert
 * c), "-" (drop the next default character), "\c" (write c instead of the next default character,
 * for c one of + - \), or c alone (the same, for any other c). Characters are code points. A
 * spelling that begins with "=" is the written text itself: the fallback when edits would not be
 * shorter.
 *
 * The defaults are part of the index format: changing them changes the meaning of stored
 * spellings, so it needs a new index version (search-index.ts).
 */

import { foldCharacter } from './search-text';

const GAP_BASE = 65; // "A"
/** The gap letters by gap, so the encoder needs no global (`String`) per edit. */
const GAP_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXY';
const MAX_GAP = 24;
const LONG_GAP = 'Z';
const LONG_GAP_LENGTH = 25;
const INSERT = '+';
const DROP = '-';
const ESCAPE = '\\';
const LITERAL = '=';

/** Words of a name key that are usually written otherwise than capitalised. */
const NAME_WORDS: Readonly<Record<string, string>> = {
  '&': '&',
  ab: 'AB',
  ag: 'AG',
  and: 'and',
  bv: 'BV',
  co: 'Co.',
  de: 'de',
  der: 'der',
  die: 'die',
  edv: 'EDV',
  ek: 'e.K.',
  eu: 'e.U.',
  fur: 'für',
  gbr: 'GbR',
  gesmbh: 'GesmbH',
  gmbh: 'GmbH',
  it: 'IT',
  kg: 'KG',
  llc: 'LLC',
  ltd: 'Ltd',
  mbh: 'mbH',
  og: 'OG',
  ohg: 'OHG',
  sa: 'SA',
  sarl: 'Sàrl',
  se: 'SE',
  ug: 'UG',
  und: 'und',
  von: 'von',
};

/** A name key's default spelling: "muller it gmbh & co kg" → "Muller IT GmbH & Co. KG". */
export function defaultNameSpelling(key: string): string {
  // A loop rather than split/map/join: a rebuild spells every name of the directory.
  let out = '';
  for (let start = 0; start <= key.length;) {
    let end = key.indexOf(' ', start);
    if (end < 0) end = key.length;
    const word = key.slice(start, end);
    const known = word.length <= 6 ? NAME_WORDS[word] : undefined;
    if (known !== undefined) out += known;
    else {
      const head = characterAt(word, 0);
      out += head.toUpperCase() + word.slice(head.length);
    }
    if (end < key.length) out += ' ';
    start = end + 1;
  }
  return out;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** The code point at UTF-16 index i as a string ("" at the end): a surrogate pair stays whole. */
function characterAt(text: string, i: number): string {
  if (i >= text.length) return '';
  const unit = text.charCodeAt(i);
  if (unit >= 0xd800 && unit <= 0xdbff) {
    if (isLowSurrogate(text.charCodeAt(i + 1))) return text.slice(i, i + 2);
  }
  return text.charAt(i);
}

/** The edits from `fallback` (a default spelling) to `written`. */
export function encodeSpelling(written: string, fallback: string): string {
  if (written === fallback) return '';
  // Decoding applies exactly these edits, so it gives `written` back by construction (the unit
  // tests decode every spelling of large generated and random directories to keep it so).
  const spelling = editsWordByWord(fallback, written) ?? serialise(alignment(fallback, written), 0, '').out;
  return spelling.length <= written.length ? spelling : LITERAL + written;
}

const SURROGATE_RE = /[\uD800-\uDFFF]/;

/**
 * The same edits, computed per word when both texts have as many words: equal words (most of
 * them) are compared natively, and the alignment of a differing pair ("Muller" / "Müller") is
 * computed once per build and reused — a rebuild spells the whole directory inside one user's
 * keystroke. Undefined when the words do not pair up, or a surrogate pair would make word lengths
 * differ from character counts.
 */
function editsWordByWord(from: string, to: string): string | undefined {
  const fromWords = from.split(' ');
  const toWords = to.split(' ');
  if (fromWords.length < 2 || fromWords.length !== toWords.length || SURROGATE_RE.test(from))
    return undefined;
  let written = { out: '', gap: 0 };
  for (let k = 0; k < fromWords.length; k++) {
    const f = fromWords[k] as string;
    const t = toWords[k] as string;
    if (f === t) written.gap += f.length;
    else written = serialise(wordAlignment(f, t), written.gap, written.out);
    if (k < fromWords.length - 1) written.gap++; // the space, the same in both
  }
  return written.out;
}

/** Edits, each after `gap` copied characters, and the copied characters after the last one. */
interface Alignment {
  items: readonly { gap: number; edit: string }[];
  tail: number;
}

const alignments = new Map<string, Alignment>();
/** Word pairs recur across a directory (surnames, cities, "Büro"); the cap bounds a long-lived process. */
const MAX_REMEMBERED_ALIGNMENTS = 20_000;

function wordAlignment(from: string, to: string): Alignment {
  const key = `${from}\0${to}`;
  let found = alignments.get(key);
  if (found === undefined) {
    if (alignments.size >= MAX_REMEMBERED_ALIGNMENTS) alignments.clear();
    found = alignment(from, to);
    alignments.set(key, found);
  }
  return found;
}

/** Appends an alignment's edits to `out`, the first one after `gapBefore` more copied characters. */
function serialise(a: Alignment, gapBefore: number, out: string): { out: string; gap: number } {
  let gap = gapBefore;
  for (const item of a.items) {
    gap += item.gap;
    while (gap > MAX_GAP) {
      out += LONG_GAP;
      gap -= LONG_GAP_LENGTH;
    }
    out += GAP_LETTERS.charAt(gap) + item.edit;
    gap = 0;
  }
  return { out, gap: gap + a.tail };
}

/** Folds one character as the search key does (case, accents), to pair written and default. */
function sameLetter(a: string, b: string): boolean {
  if (a === b) return a !== '';
  return a !== '' && b !== '' && foldCharacter(a) === foldCharacter(b);
}

/**
 * A greedy alignment: equal characters are copied; a written character that folds to the default
 * one replaces it; otherwise a written character is inserted when the next one pairs up, or a
 * default character dropped when the written one pairs with the default's next. Not always the
 * shortest list of edits, but always a correct one.
 */
function alignment(from: string, to: string): Alignment {
  const items: { gap: number; edit: string }[] = [];
  let gap = 0;
  const emit = (edit: string): void => {
    items.push({ gap, edit });
    gap = 0;
  };
  const replace = (c: string): string => (c === INSERT || c === DROP || c === ESCAPE ? ESCAPE + c : c);
  let i = 0;
  let j = 0;
  while (i < to.length || j < from.length) {
    const unit = to.charCodeAt(i);
    // The common case, without allocating: the same character, not half of a surrogate pair.
    if (unit === from.charCodeAt(j) && (unit < 0xd800 || unit > 0xdfff)) {
      gap++;
      i++;
      j++;
      continue;
    }
    const t = characterAt(to, i);
    const f = characterAt(from, j);
    if (t !== '' && t === f) {
      gap++;
      i += t.length;
      j += f.length;
    } else if (t !== '' && f !== '' && sameLetter(t, f)) {
      emit(replace(t));
      i += t.length;
      j += f.length;
    } else if (t !== '' && (f === '' || sameLetter(characterAt(to, i + t.length), f))) {
      emit(INSERT + t);
      i += t.length;
    } else if (f !== '' && (t === '' || sameLetter(t, characterAt(from, j + f.length)))) {
      emit(DROP);
      j += f.length;
    } else {
      emit(replace(t));
      i += t.length;
      j += f.length;
    }
  }
  return { items, tail: gap };
}

export class SpellingError extends Error {}

/** The written text from a default spelling and the spelling stored for it. */
export function decodeSpelling(fallback: string, spelling: string): string {
  if (spelling === '') return fallback;
  if (spelling.startsWith(LITERAL)) return spelling.slice(1);
  let out = '';
  let j = 0; // UTF-16 index into fallback
  /** Copies n characters (code points) of the default. */
  const copy = (n: number): void => {
    const from = j;
    for (let c = 0; c < n; c++) {
      if (j >= fallback.length) throw new SpellingError('gap beyond the text');
      const unit = fallback.charCodeAt(j);
      const pair = unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(fallback.charCodeAt(j + 1));
      j += pair ? 2 : 1;
    }
    out += fallback.slice(from, j);
  };
  const skip = (): void => {
    const ch = characterAt(fallback, j);
    if (ch === '') throw new SpellingError('edit beyond the text');
    j += ch.length;
  };
  for (let k = 0; k < spelling.length;) {
    const gapLetter = spelling.charAt(k++);
    if (gapLetter === LONG_GAP) {
      copy(LONG_GAP_LENGTH);
      continue;
    }
    const gap = gapLetter.charCodeAt(0) - GAP_BASE;
    if (gap < 0 || gap > MAX_GAP) throw new SpellingError('bad gap');
    copy(gap);
    const edit = characterAt(spelling, k);
    if (edit === '') throw new SpellingError('gap without an edit');
    k += edit.length;
    if (edit === INSERT || edit === ESCAPE) {
      const c = characterAt(spelling, k);
      if (c === '') throw new SpellingError('edit without its character');
      k += c.length;
      out += c;
      if (edit === ESCAPE) skip();
    } else if (edit === DROP) {
      skip();
    } else {
      out += edit;
      skip();
    }
  }
  return out + fallback.slice(j);
}
