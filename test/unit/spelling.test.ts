/**
 * Spellings (src/domain/spelling.ts): the search index keeps each name once, as its
 * search key plus the edits back to the text as written. Decoding must give the written text back
 * exactly, for every text.
 */
import { generateResellers, mulberry32 } from '../../dev/demo/resellers';
import { generateRealisticResellers } from '../../dev/demo/realistic-resellers';
import { normalizeForSearch, normalizeManyForSearch, writtenLength } from '../../src/domain/search-text';
import {
  decodeSpelling,
  defaultNameSpelling,
  encodeSpelling,
  SpellingError,
} from '../../src/domain/spelling';

function roundTrip(written: string, fallback: string): string {
  return decodeSpelling(fallback, encodeSpelling(written, fallback));
}

/** Random texts over characters that exercise every edit: case, accents, ß, marks, pairs, escapes. */
function randomTexts(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const alphabet = ['a', 'A', 'ä', 'Ä', 'e', 'E', 'u', 'ß', ' ', '  ', '-', '+', '\\', '=', 'Z', '&', '.'];
  alphabet.push('😀', 'ǅ', 'İ', 'ŉ', 'x', '1', 'é', 'e\u0301', 'æ', 'Ø', 'ﬁ', '中');
  return Array.from({ length: count }, () => {
    const length = Math.floor(random() * 14);
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
    return text;
  });
}

describe('name spellings', () => {
  it('are empty when the default spelling fits, and short for the usual differences', () => {
    expect(defaultNameSpelling('fuchs systemhaus gmbh & co kg')).toBe('Fuchs Systemhaus GmbH & Co. KG');
    expect(
      encodeSpelling('Fuchs Systemhaus GmbH & Co. KG', defaultNameSpelling('fuchs systemhaus gmbh & co kg')),
    ).toBe('');
    // Skip six characters ("Bytebr"), then "ü" instead of "u".
    expect(
      encodeSpelling('Bytebrücke Frankfurt GmbH', defaultNameSpelling('bytebrucke frankfurt gmbh')),
    ).toBe('Gü');
    // Copy two characters ("Mu"), then insert "e".
    expect(encodeSpelling('Mueller IT', defaultNameSpelling('muller it'))).toBe('C+e');
  });

  it('write a text verbatim when edits would not be shorter', () => {
    expect(encodeSpelling('中文', defaultNameSpelling(''))).toBe('=中文');
    expect(roundTrip('中文', '')).toBe('中文');
  });

  it('give every generated and realistic name back exactly', () => {
    const resellers = [...generateResellers(5000, 8), ...generateRealisticResellers(5000, 8)];
    const names = resellers.map((r) => r.name);
    const nameKeys = normalizeManyForSearch(names);
    const wrong = resellers.filter(
      (r, i) => roundTrip(r.name, defaultNameSpelling(nameKeys[i] as string)) !== r.name,
    );
    expect(wrong).toEqual([]);
  });

  it('give random texts back exactly, surrogate pairs and escapes included', () => {
    for (const text of randomTexts(20_000, 4)) {
      const key = normalizeForSearch(text);
      expect([text, roundTrip(text, defaultNameSpelling(key))]).toEqual([text, text]);
      // Against any default, not only the key's own: the alignment must never depend on it.
      expect([text, roundTrip(text, 'Ab-C d')]).toEqual([text, text]);
      // Never half a surrogate pair: the cache stores UTF-8, which cannot hold one.
      expect(encodeSpelling(text, defaultNameSpelling(key))).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
    }
  });

  it('refuse a damaged spelling instead of guessing', () => {
    for (const damaged of ['a', 'A', 'A+', 'Z', 'Y-', 'Bx\u0000']) {
      expect(() => decodeSpelling('Ab', damaged)).toThrow(SpellingError);
    }
  });
});

describe('normalizeManyForSearch', () => {
  it('gives exactly what normalizeForSearch gives, text by text', () => {
    const resellers = generateRealisticResellers(3000, 2);
    const texts = [
      ...resellers.map((r) => r.name),
      ...resellers.map((r) => r.domain),
      ...randomTexts(20_000, 9),
    ];
    expect(normalizeManyForSearch(texts)).toEqual(texts.map(normalizeForSearch));
  });
});

describe('writtenLength', () => {
  it('counts the first words as written, one space between them', () => {
    const reference = (name: string, words: number): number =>
      name
        .replace(/[&+]/g, ' & ')
        .split(/[^\p{L}\p{N}\p{M}&]+/u)
        .filter((w) => w !== '')
        .slice(0, words)
        .reduce((n, w) => n + w.length, words - 1);
    expect(writtenLength('Müller IT-Systemhaus GmbH', 2)).toBe(9);
    expect(writtenLength('Vogel & Lang', 3)).toBe(12);
    for (const [i, text] of randomTexts(20_000, 5).entries()) {
      const words = 1 + (i % 4);
      expect([text, writtenLength(text, words)]).toEqual([text, reference(text, words)]);
    }
  });
});
