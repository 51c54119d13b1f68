/** Cutting user text to a length, by code point, so an emoji at the edge is kept whole or dropped. */

/** The first `max` code points of `text` (never half of a surrogate pair). */
export function cutToCodePoints(text: string, max: number): string {
  // Cheap for the usual short text; for a huge one only its head is looked at.
  if (text.length <= max) return text;
  let units = 0;
  let points = 0;
  while (units < text.length && points < max) {
    const code = text.charCodeAt(units);
    const pair = code >= 0xd800 && code <= 0xdbff && units + 1 < text.length;
    const next = pair ? text.charCodeAt(units + 1) : 0;
    units += pair && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    points++;
  }
  return text.slice(0, units);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Half of a surrogate pair on its own is no character at all: no keyboard types it. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}
