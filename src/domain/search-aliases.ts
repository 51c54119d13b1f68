/**
 * Aliases in the search index: other names customers may type for a reseller (an abbreviation, a
 * former name). Each alias is a line of its own after all resellers' lines (format in
 * search-index.ts):
 *
 *   aliasKey "" lineRef
 *
 * - aliasKey is the alias's search key, so every pass of the search finds it as it finds a name
 *   (exact, prefix, word prefix, any-order words, substring, one typo), at no cost to a keystroke
 *   beyond the few bytes of the line.
 * - The empty second field stands where a reseller line has its domain: the domain needle ("\t" +
 *   the query as a domain) cannot match there.
 * - lineRef is where the reseller's own line is: `<segment>.<body offset>`, both base 36. A match
 *   resolves to that line, so the suggestion shows the reseller's real label (and picking it works
 *   as for a name), and a reseller found by its name and an alias appears once.
 *
 * Alias lines follow every reseller line, so within a tier a match on a real name always comes
 * before an equally good alias match. Among themselves they are ordered as names are: the shorter
 * alias (legal forms aside) first, then the alias key, then their resellers' order.
 */
import type { Reseller } from './reseller';
import { meaningfulLength, nameCore, normalizeManyForSearch } from './search-text';

/** Search keys of each reseller's aliases: each once, without empty ones and the name's own key. */
export function aliasKeysOf(resellers: readonly Reseller[], nameKeys: readonly string[]): string[][] {
  const texts: string[] = [];
  for (const r of resellers) if (r.aliases) texts.push(...r.aliases);
  // Most resellers have no alias: one normalize call for all the others.
  if (texts.length === 0) return [];
  const folded = normalizeManyForSearch(texts);
  let next = 0;
  return resellers.map((r, i) => {
    const keys: string[] = [];
    for (let k = 0; k < (r.aliases?.length ?? 0); k++) {
      const key = folded[next++] as string;
      if (meaningfulLength(key) > 0 && key !== nameKeys[i] && !keys.includes(key)) keys.push(key);
    }
    return keys;
  });
}

/** One alias line to be placed: its key, and which reseller line (in ranking order) it names. */
export interface AliasLine {
  key: string;
  target: number;
}

/** The aliases of resellers in ranking order, in the order their lines take (see the top). */
export function orderedAliasLines(aliasKeys: readonly (readonly string[])[]): AliasLine[] {
  const lines: AliasLine[] = [];
  aliasKeys.forEach((keys, target) => keys.forEach((key) => lines.push({ key, target })));
  // A plain string sort, as for names: core length as one character, the key, the target.
  const sortKeys = lines.map(
    (line, i) => `${String.fromCharCode(Math.min(nameCore(line.key).length + 1, 0xd7ff))}${line.key}\0${i}`,
  );
  return sortKeys.sort().map((k) => lines[+k.slice(k.lastIndexOf('\0') + 1)] as AliasLine);
}

/** Where a reseller's line is: its segment and its offset from the segment's body start. */
export interface LineRef {
  segment: number;
  bodyOffset: number;
}

export function aliasLineText(key: string, ref: LineRef): string {
  return `${key}\t\t${ref.segment.toString(36)}.${ref.bodyOffset.toString(36)}`;
}

/**
 * The reference of the alias line starting at `lineStart` (its key ends at `keyEnd`), or undefined
 * when the line is not a well-formed alias line.
 */
export function aliasLineRef(text: string, lineStart: number, keyEnd: number): LineRef | undefined {
  if (text.charCodeAt(keyEnd + 1) !== TAB_CODE) return undefined;
  const refStart = keyEnd + 2;
  const dot = text.indexOf('.', refStart);
  const end = text.indexOf('\n', refStart);
  if (dot < 0 || end < 0 || dot > end || lineStart > keyEnd) return undefined;
  const segment = parseInt(text.slice(refStart, dot), 36);
  const bodyOffset = parseInt(text.slice(dot + 1, end), 36);
  return segment >= 0 && bodyOffset >= 0 ? { segment, bodyOffset } : undefined;
}

const TAB_CODE = 9;
