/**
 * Aliases in the typeahead (src/domain/search-aliases.ts): a reseller is found by another name
 * customers type, labelled by its real name, once, and after an equally good match on a real name.
 */
import type { Reseller } from '../../src/domain/reseller';
import {
  buildSearchIndex,
  findResellerById,
  findResellerByLabel,
  labelFor,
  parseSearchIndex,
  searchResellers,
  verifySearchIndexContent,
  type SearchMatch,
} from '../../src/domain/search';
import {
  buildSegmentTexts,
  findSegmentedByLabel,
  parseSegments,
  searchSegments,
} from '../../src/domain/segmented-search';
import { generateRealisticResellers } from '../../dev/demo/realistic-resellers';
import { indexOf, reseller } from '../support/search-fixtures';

function withAliases(r: Reseller, ...aliases: string[]): Reseller {
  return { ...r, aliases };
}

const MUELLER = withAliases(
  reseller('R-1', 'Müller Informationstechnik GmbH', 'mueller-it.de'),
  'MIT',
  'Müller Computer Dienst',
);
const DIRECTORY: Reseller[] = [
  MUELLER,
  reseller('R-2', 'Mitteldeutsche Systeme AG', 'mitteldeutsche.de'),
  reseller('R-3', 'MIT Solutions GmbH', 'mit-solutions.de'),
  withAliases(reseller('R-4', 'Bytebrücke Frankfurt GmbH', 'bytebruecke.de'), 'Byte Bridge', 'BBF'),
  withAliases(reseller('R-5', 'Hidden Reseller GmbH', 'hidden.de', 'DE', 'suspended'), 'Sichtbar'),
  { ...reseller('R-6', 'Kontakt GmbH', 'kontakt.de'), contacts: ['secret.person@kontakt.de'] },
  withAliases(reseller('R-7', 'Computer Dienst Nord GmbH', 'cdn.de'), 'Nordlicht IT'),
];
const index = indexOf(DIRECTORY);

function ids(matches: readonly SearchMatch[]): string[] {
  return matches.map((m) => m.reseller.id);
}

describe('finding a reseller by an alias', () => {
  it.each<[string, string, string, string]>([
    ['exact', 'BBF', 'R-4', 'exact'],
    ['prefix', 'Byte Bri', 'R-4', 'prefix'],
    ['word prefix', 'Bridge', 'R-4', 'wordPrefix'],
    ['case and umlaut folding', 'muller computer', 'R-1', 'prefix'],
    ['ue transliteration', 'Mueller Comp', 'R-1', 'prefix'],
    ['words in any order', 'dienst müller', 'R-1', 'allWords'],
    ['substring', 'ridge', 'R-4', 'substring'],
    ['one typo', 'Nordlihct', 'R-7', 'fuzzy'],
  ])('%s: "%s"', (_, query, id, tier) => {
    const found = searchResellers(index, query).find((m) => m.reseller.id === id);
    expect(found?.tier).toBe(tier);
  });

  it('shows the real label, which picking resolves back to the reseller', () => {
    const [match] = searchResellers(index, 'BBF');
    expect(match?.label).toBe('Bytebrücke Frankfurt GmbH — bytebruecke.de (DE)');
    expect(match?.reseller).toEqual({
      id: 'R-4',
      name: 'Bytebrücke Frankfurt GmbH',
      domain: 'bytebruecke.de',
      country: 'DE',
      status: 'approved',
    });
    expect(findResellerByLabel(index, match?.label ?? '')?.id).toBe('R-4');
    // The alias itself is no label.
    expect(findResellerByLabel(index, 'BBF')).toBeUndefined();
  });

  it('ranks a real name before an equally good alias: "MIT" exact, then the prefixes, names first', () => {
    // R-1's alias "MIT" is an exact match; "MIT Solutions" and "Mitteldeutsche" only prefixes.
    expect(searchResellers(index, 'mit', 3).map((m) => [m.reseller.id, m.tier])).toEqual([
      ['R-1', 'exact'],
      ['R-3', 'prefix'],
      ['R-2', 'prefix'],
    ]);
    const exactName = indexOf([
      withAliases(reseller('R-8', 'Alpha', 'alpha.de'), 'Omega'),
      reseller('R-9', 'Omega', 'omega.de'),
    ]);
    expect(searchResellers(exactName, 'omega').map((m) => [m.reseller.id, m.tier])).toEqual([
      ['R-9', 'exact'],
      ['R-8', 'exact'],
    ]);
    const prefixes = indexOf([
      withAliases(reseller('R-8', 'Alpha', 'alpha.de'), 'Omega Zwei'),
      reseller('R-9', 'Omega Drei Vier Fünf', 'omega.de'),
    ]);
    // The alias is shorter, yet the name comes first within the tier.
    expect(ids(searchResellers(prefixes, 'omeg'))).toEqual(['R-9', 'R-8']);
  });

  it('ranks a name that is the query but for its legal form before an exact alias, other prefixes after', () => {
    const formerName = indexOf([
      withAliases(reseller('R-1', 'Köhler Solutions GmbH', 'koehler-solutions.de'), 'Köhler Bürotechnik'),
      reseller('R-2', 'Köhler Bürotechnik AG', 'koehler-buero.de'),
      reseller('R-3', 'Köhler Bürotechnik Nord GmbH', 'koehler-nord.de'),
    ]);
    expect(searchResellers(formerName, 'kohler burotechnik').map((m) => [m.reseller.id, m.tier])).toEqual([
      ['R-2', 'prefix'],
      ['R-1', 'exact'],
      ['R-3', 'prefix'],
    ]);
  });

  it('lists a reseller found by its name and by an alias once, in the better tier', () => {
    const once = indexOf([
      withAliases(
        reseller('R-1', 'Cloudwerk GmbH', 'cloudwerk.de'),
        'Cloudwerk',
        'Cloud Werk',
        'Cloudwerk Berlin',
      ),
    ]);
    const results = searchResellers(once, 'cloudwerk');
    // Its name is the query but for the legal form: as good as the exact alias, and found first.
    expect(results.map((m) => [m.reseller.id, m.tier])).toEqual([['R-1', 'prefix']]);
    expect(searchResellers(once, 'cloudwek').map((m) => m.reseller.id)).toEqual(['R-1']);
    expect(searchResellers(once, 'werk').map((m) => [m.reseller.id, m.tier])).toEqual([
      ['R-1', 'wordPrefix'],
    ]);
  });

  it('never finds a reseller that is not approved by its alias, and keeps contacts out of the index', () => {
    expect(searchResellers(index, 'Sichtbar')).toEqual([]);
    const text = buildSearchIndex(DIRECTORY);
    expect(text).not.toContain('secret');
    expect(text).not.toContain('sichtbar');
  });

  it('keeps alias lines out of the lookups by id and by label', () => {
    const tricky = indexOf([
      withAliases(reseller('0.0', 'Alpha', 'alpha.de'), 'Beta'),
      reseller('R-2', 'Beta', 'beta.de'),
    ]);
    expect(findResellerById(tricky, '0.0')?.name).toBe('Alpha');
    expect(findResellerByLabel(tricky, 'Beta — beta.de (DE)')?.id).toBe('R-2');
    expect(tricky.count).toBe(2);
  });

  it('drops aliases that repeat the name or each other, or are punctuation only', () => {
    const text = buildSearchIndex([
      withAliases(reseller('R-1', 'Alpha GmbH', 'alpha.de'), 'ALPHA gmbh', 'Älpha', 'alpha', '—', 'Alpha'),
    ]);
    expect(text.split('\n').filter((line) => /\t\t[0-9a-z]+\.[0-9a-z]+$/.test(line))).toEqual([
      'alpha\t\t0.0',
    ]);
  });
});

describe('alias lines and index integrity', () => {
  it('fails the content check when an alias line is changed, and refuses a reference that points nowhere', () => {
    const text = buildSearchIndex(DIRECTORY);
    expect(verifySearchIndexContent(parseSearchIndex(text))).toBe(true);
    const changed = text.replace('bbf\t\t', 'bbx\t\t');
    expect(changed).not.toBe(text);
    expect(verifySearchIndexContent(parseSearchIndex(changed))).toBe(false);
    const ref = /\nbbf\t\t(0\.[0-9a-z]+)\n/.exec(text)?.[1] ?? '';
    const dangling = parseSearchIndex(
      text.replace(`bbf\t\t${ref}\n`, `bbf\t\t0.${'1'.padStart(ref.length - 2, '0')}\n`),
    );
    expect(() => searchResellers(dangling, 'bbf')).toThrow(/Corrupt reseller search index/);
  });

  it('refuses a header whose alias offset is not at a line start', () => {
    const text = buildSearchIndex(DIRECTORY);
    const header = text.slice(0, text.indexOf('\n')).split('\t');
    const wrong = [...header.slice(0, 5), String(Number(header[5]) + 1)].join('\t');
    expect(() => parseSearchIndex(text.replace(header.join('\t'), wrong))).toThrow(/alias offset/);
  });
});

describe('aliases in a segmented index of 5,000 realistic resellers', () => {
  const resellers = generateRealisticResellers(5000);
  const aliased = resellers.filter((r) => r.status === 'approved' && (r.aliases?.length ?? 0) > 0);
  const whole = parseSearchIndex(buildSearchIndex(resellers));
  const texts = buildSegmentTexts(resellers, 90_000);
  const segmented = parseSegments(texts);

  it('gives about one in ten of them aliases, and alias lines point across segments', () => {
    expect(aliased.length).toBeGreaterThan(resellers.length * 0.07);
    expect(aliased.length).toBeLessThan(resellers.length * 0.13);
    expect(texts.length).toBeGreaterThan(2);
    const refs = texts.flatMap((t) => [...t.matchAll(/\t\t([0-9a-z]+)\.[0-9a-z]+\n/g)].map((m) => m[1]));
    expect(new Set(refs).size).toBeGreaterThan(1);
  });

  it('ranks as one index would, finds every alias typed in full, each reseller once, labelled by its name', () => {
    for (const r of aliased.slice(0, 200)) {
      for (const alias of r.aliases ?? []) {
        for (const query of [alias, alias.slice(0, Math.max(3, alias.length - 2))]) {
          const results = searchSegments(segmented, query);
          expect([query, results.map((m) => m.label)]).toEqual([
            query,
            searchResellers(whole, query).map((m) => m.label),
          ]);
          expect(new Set(ids(results)).size).toBe(results.length);
          if (query === alias) {
            const found = results.find((m) => m.reseller.id === r.id);
            expect([alias, found?.label]).toEqual([alias, labelFor(r, false)]);
            expect(findSegmentedByLabel(segmented, found?.label ?? '')?.id).toBe(r.id);
          }
        }
      }
    }
  });
});
