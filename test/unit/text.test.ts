/** Cutting user text by code point, and the checksum that guards stored and cached texts. */
import { mulberry32 } from '../../dev/demo/resellers';
import { checksum, fnvFinish, fnvStart, fnvUpdate } from '../../src/domain/hash';
import { cutToCodePoints } from '../../src/domain/text';

/** No high surrogate without a low one after it, no low surrogate without a high one before it. */
function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

describe('cutToCodePoints', () => {
  it('keeps an emoji at the edge whole: 99 letters and an emoji cut at 100', () => {
    const text = `${'a'.repeat(99)}😀`;
    expect(text.length).toBe(101);
    expect(cutToCodePoints(text, 100)).toBe(text);
    expect(cutToCodePoints(`${text}b`, 100)).toBe(text);
  });

  it('drops an emoji just past the edge whole: 100 letters and an emoji cut at 100', () => {
    expect(cutToCodePoints(`${'a'.repeat(100)}😀`, 100)).toBe('a'.repeat(100));
    expect(cutToCodePoints(`${'a'.repeat(99)}😀😀`, 99)).toBe('a'.repeat(99));
  });

  it('counts each emoji as one character, however many follow', () => {
    expect(cutToCodePoints('😀'.repeat(200), 100)).toBe('😀'.repeat(100));
    expect(cutToCodePoints('😀'.repeat(200), 1)).toBe('😀');
    expect(cutToCodePoints('😀'.repeat(200), 0)).toBe('');
  });

  it('cuts a flag between its two code points, never inside one', () => {
    const cut = cutToCodePoints(`${'a'.repeat(99)}🇩🇪`, 100);
    expect(cut).toBe(`${'a'.repeat(99)}\u{1f1e9}`);
    expect(hasLoneSurrogate(cut)).toBe(false);
  });

  it('returns a text that is short enough unchanged', () => {
    for (const text of ['', 'abc', '😀', 'a'.repeat(100)]) expect(cutToCodePoints(text, 100)).toBe(text);
  });

  it('agrees with cutting the array of code points, on generated text', () => {
    const random = mulberry32(2026);
    const pieces = ['a', 'Z', ' ', 'ä', '€', '中', '😀', '🇩🇪', '\u0301', '👩‍💻', '\n', '\ud83d', '\ude00'];
    for (let round = 0; round < 3000; round++) {
      let text = '';
      for (let n = Math.floor(random() * 60); n > 0; n--)
        text += pieces[Math.floor(random() * pieces.length)];
      const max = Math.floor(random() * 50);
      const cut = cutToCodePoints(text, max);
      expect([text, max, cut]).toEqual([text, max, Array.from(text).slice(0, max).join('')]);
      expect(text.startsWith(cut)).toBe(true);
      if (!hasLoneSurrogate(text)) expect(hasLoneSurrogate(cut)).toBe(false);
    }
  });

  it('looks only at the head of a huge text: cheap on 40 KB, and no dearer on 4 MB', () => {
    const text40k = '😀a'.repeat(40_000 / 3);
    const text4m = text40k.repeat(100);
    const time = (text: string): number => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < 2000; i++) {
        cutToCodePoints(text, 100);
        cutToCodePoints(text, 2000);
      }
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    time(text40k); // warm up
    const small = time(text40k);
    const huge = time(text4m);
    // 4,000 cuts of a 40 KB text: a whole-text scan would take seconds.
    expect(small).toBeLessThan(1000);
    expect(huge).toBeLessThan(small * 10 + 200);
    expect(cutToCodePoints(text4m, 2000)).toBe(text40k.slice(0, 3000));
  });
});

describe('checksum', () => {
  it('is the 32-bit FNV-1a hash in base 36 (standard test vectors)', () => {
    expect(checksum('')).toBe((0x811c9dc5).toString(36));
    expect(checksum('a')).toBe((0xe40c292c).toString(36));
    expect(checksum('foobar')).toBe((0xbf9cf968).toString(36));
  });

  it('can be computed in parts, or over a range of a text', () => {
    const whole = fnvFinish(fnvUpdate(fnvStart(), 'foobar'));
    expect(fnvFinish(fnvUpdate(fnvUpdate(fnvStart(), 'foo'), 'bar'))).toBe(whole);
    expect(fnvFinish(fnvUpdate(fnvStart(), 'xxfoobaryy', 2, 8))).toBe(whole);
    expect(whole.toString(36)).toBe(checksum('foobar'));
    expect(whole).toBeGreaterThanOrEqual(0);
  });

  it('changes with any one changed character, and with two swapped lines', () => {
    const random = mulberry32(9);
    const base = Array.from({ length: 200 }, (_, i) => `R-${i}\tName ${i}\tdomain-${i}.de\tDE\tA`).join('\n');
    const sum = checksum(base);
    for (let n = 0; n < 500; n++) {
      const at = Math.floor(random() * base.length);
      const changed = base.slice(0, at) + String.fromCharCode(base.charCodeAt(at) ^ 1) + base.slice(at + 1);
      expect(checksum(changed)).not.toBe(sum);
    }
    const lines = base.split('\n');
    [lines[3], lines[4]] = [lines[4] ?? '', lines[3] ?? ''];
    expect(checksum(lines.join('\n'))).not.toBe(sum);
  });
});
