import type { Reseller } from '../../src/domain/reseller';
import {
  buildSearchIndex,
  DEFAULT_LIMIT,
  displayLabel,
  findResellerById,
  findResellerByLabel,
  MAX_QUERY_LENGTH,
  MIN_QUERY_LENGTH,
  nameCore,
  normalizeForSearch,
  parseSearchIndex,
  searchResellers,
  validateSearchQuery,
  withinOneEditOfPrefix,
  type MatchTier,
  type SearchMatch,
} from '../../src/domain/search';
import { DEMO_RESELLERS, generateResellers, mulberry32, transliterate } from '../../dev/demo/resellers';
import { indexOf, reseller } from '../support/search-fixtures';

function ids(matches: readonly SearchMatch[]): string[] {
  return matches.map((m) => m.reseller.id);
}

function tierOf(matches: readonly SearchMatch[], id: string): MatchTier | undefined {
  return matches.find((m) => m.reseller.id === id)?.tier;
}

const demo = indexOf(DEMO_RESELLERS);
const generated = generateResellers(5000);
const generatedIndex = indexOf(generated);

// ---------------------------------------------------------------------------------------------
// A deliberately naive reference implementation of the ranking rules, to check the fast one.

const osaRows = [new Int32Array(256), new Int32Array(256), new Int32Array(256)] as const;

// Not Math.min: inside jest's vm context it is two orders of magnitude slower than a comparison.
function min(a: number, b: number): number {
  return a < b ? a : b;
}

/**
 * Smallest optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions)
 * between q and any prefix of s: the last row of one DP table holds the distance to every prefix.
 */
function osaToSomePrefix(q: string, s: string): number {
  let [before, previous, current] = osaRows;
  for (let j = 0; j <= s.length; j++) previous[j] = j;
  for (let i = 1; i <= q.length; i++) {
    const qi = q.charCodeAt(i - 1);
    current[0] = i;
    for (let j = 1; j <= s.length; j++) {
      const sj = s.charCodeAt(j - 1);
      let best = min(
        min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1),
        (previous[j - 1] ?? 0) + (qi === sj ? 0 : 1),
      );
      if (i > 1 && j > 1 && qi === s.charCodeAt(j - 2) && q.charCodeAt(i - 2) === sj) {
        best = min(best, (before[j - 2] ?? 0) + 1);
      }
      current[j] = best;
    }
    const oldest = before;
    before = previous;
    previous = current;
    current = oldest;
  }
  let smallest = Infinity;
  for (let j = 0; j <= s.length; j++) smallest = min(smallest, previous[j] ?? Infinity);
  return smallest;
}

/**
 * The one-typo match of q in the key, the slow way: at which word (0 = the name's start, which
 * wins) and where in q the edit falls (its common prefix with the word; later is better).
 */
function referenceFuzzy(key: string, q: string): { firstWord: boolean; editAt: number } | undefined {
  let best: { firstWord: boolean; editAt: number } | undefined;
  for (let ws = 0; ws < key.length; ws++) {
    if (ws > 0 && key[ws - 1] !== ' ') continue;
    // Prefixes longer than q.length + 1 are at least two edits away.
    const text = key.slice(ws, ws + q.length + 1);
    if (osaToSomePrefix(q, text) > 1) continue;
    let editAt = 0;
    while (editAt < q.length && text[editAt] === q[editAt]) editAt++;
    if (ws === 0) return { firstWord: true, editAt };
    if (!best || editAt > best.editAt) best = { firstWord: false, editAt };
  }
  return best;
}

interface RefEntry {
  r: Reseller;
  key: string;
  label: string;
  sortLabel: string;
}

function referenceEntries(resellers: readonly Reseller[]): RefEntry[] {
  return resellers
    .filter((r) => r.status === 'approved')
    .map((r) => ({
      r,
      key: normalizeForSearch(r.name),
      label: displayLabel(r),
      sortLabel: normalizeForSearch(displayLabel(r)),
    }));
}

const TIER_RANK: readonly MatchTier[] = ['exact', 'prefix', 'wordPrefix', 'allWords', 'substring', 'fuzzy'];

/** Every query word starts a word of its own in the key, in any order (written the slow way). */
function referenceAllWords(key: string, q: string): boolean {
  const words = q.split(' ');
  if (words.length < 2) return false;
  const orders = (rest: string[], free: string[]): boolean =>
    rest.length === 0 ||
    free.some(
      (k, i) =>
        k.startsWith(rest[0] ?? '') &&
        orders(
          rest.slice(1),
          free.filter((_, j) => j !== i),
        ),
    );
  return orders(words, key.split(' '));
}

function referenceTier(e: RefEntry, q: string, dq: string): MatchTier | undefined {
  if (e.key === q) return 'exact';
  if (e.key.startsWith(q)) return 'prefix';
  if (e.key.includes(` ${q}`) || (dq !== '' && e.r.domain.startsWith(dq))) return 'wordPrefix';
  if (referenceAllWords(e.key, q)) return 'allWords';
  if (e.key.includes(q)) return 'substring';
  return undefined;
}

function referenceSearch(
  entries: readonly RefEntry[],
  query: string,
  limit = DEFAULT_LIMIT,
): [string, MatchTier][] {
  const q = normalizeForSearch(query);
  if (q.replace(/[ &]/g, '').length < 2) return [];
  // The query as a domain is written, spelled out step by step.
  let dq = query.trim().toLowerCase();
  for (const start of ['https://', 'http://']) if (dq.startsWith(start)) dq = dq.slice(start.length);
  if (dq.startsWith('www.')) dq = dq.slice(4);
  dq = dq
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .split(/\s+/)
    .join('-');
  if (dq.length < 2) dq = '';
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  // The documented order, computed the slow way from the raw fields.
  const coreLength = (e: RefEntry): number => {
    const words = e.r.name.replace(/[&+]/g, ' & ').match(/[\p{L}\p{N}\p{M}&]+/gu) ?? [];
    const kept = words.slice(0, nameCore(e.key).split(' ').length);
    return kept.join(' ').length;
  };
  const byRank = (a: RefEntry, b: RefEntry): number =>
    coreLength(a) - coreLength(b) ||
    cmp(nameCore(a.key), nameCore(b.key)) ||
    a.r.domain.length - b.r.domain.length ||
    cmp(a.label, b.label) ||
    cmp(a.r.id, b.r.id);
  const direct = entries
    .map((e) => ({ e, tier: referenceTier(e, q, dq) }))
    .filter((x): x is { e: RefEntry; tier: MatchTier } => x.tier !== undefined)
    .sort((a, b) => TIER_RANK.indexOf(a.tier) - TIER_RANK.indexOf(b.tier) || byRank(a.e, b.e));
  const result: [string, MatchTier][] = direct.slice(0, limit).map((x) => [x.e.r.id, x.tier]);
  if (result.length < limit && q.length >= 3) {
    // The first 60 typo matches in rank order, ranked by match quality, then by rank.
    const fuzzy = entries
      .filter((e) => referenceTier(e, q, dq) === undefined)
      .map((e) => ({ e, match: referenceFuzzy(e.key, q) }))
      .filter((x) => x.match !== undefined)
      .sort((a, b) => byRank(a.e, b.e))
      .slice(0, 60)
      .sort(
        (a, b) =>
          Number(b.match?.firstWord) - Number(a.match?.firstWord) ||
          (b.match?.editAt ?? 0) - (a.match?.editAt ?? 0) ||
          byRank(a.e, b.e),
      );
    for (const { e } of fuzzy.slice(0, limit - result.length)) result.push([e.r.id, 'fuzzy']);
  }
  return result;
}

/** Realistic typing: prefixes of names, transliterated, with one typo of each kind; plus oddities. */
function referenceQueries(names: readonly string[], count: number): string[] {
  const random = mulberry32(99);
  const queries = [
    'it',
    'gm',
    'er',
    'co',
    'gmbh',
    'mbhg',
    'ag',
    'a b',
    'xqz',
    'eee',
    'mueller-it',
    'cloud-s',
    'it berli',
  ];
  while (queries.length < count) {
    const name = names[Math.floor(random() * names.length)] ?? '';
    const typed = random() < 0.3 ? transliterate(name) : name;
    const prefix = typed.slice(0, 2 + Math.floor(random() * 11));
    const i = 1 + Math.floor(random() * Math.max(1, prefix.length - 1));
    const kind = Math.floor(random() * 6);
    if (kind === 0) queries.push(prefix);
    if (kind === 1) queries.push(`${prefix.slice(0, i)}x${prefix.slice(i + 1)}`);
    if (kind === 2)
      queries.push(
        `${prefix.slice(0, i - 1)}${prefix.charAt(i)}${prefix.charAt(i - 1)}${prefix.slice(i + 1)}`,
      );
    if (kind === 3) queries.push(`${prefix.slice(0, i)}${prefix.slice(i + 1)}`);
    if (kind === 4) queries.push(`${prefix.slice(0, i)}q${prefix.slice(i)}`);
    if (kind === 5) queries.push(typed); // the whole name: exact matches
  }
  return queries;
}

// ---------------------------------------------------------------------------------------------

describe('normalizeForSearch', () => {
  it.each(['Müller', 'Mueller', 'muller', 'MÜLLER', 'MUELLER', 'mÜller'])('folds %s to "muller"', (name) => {
    expect(normalizeForSearch(name)).toBe('muller');
  });

  it('folds ß, æ, œ, ø, ł, đ and accents', () => {
    expect(normalizeForSearch('Weiß')).toBe('weiss');
    expect(normalizeForSearch('WEISS')).toBe('weiss');
    expect(normalizeForSearch('Groß')).toBe(normalizeForSearch('Gross'));
    expect(normalizeForSearch('Søren Łódź Đorđe')).toBe('soren lodz dorde');
    expect(normalizeForSearch('Cæsar')).toBe(normalizeForSearch('Caesar'));
    expect(normalizeForSearch('Cœur')).toBe(normalizeForSearch('Coeur'));
    // "ue" folds everywhere, also in French words: consistent on both sides, so still found.
    expect(normalizeForSearch('Lefèvre Numérique')).toBe('lefevre numeriqu');
    expect(normalizeForSearch('Schäfer')).toBe(normalizeForSearch('Schaefer'));
    expect(normalizeForSearch('Köhler')).toBe(normalizeForSearch('Koehler'));
  });

  it('turns every run of non-alphanumerics into one space and trims, keeping & and + as the token &', () => {
    expect(normalizeForSearch('<b>Bold</b> IT & Co')).toBe('b bold b it & co');
    expect(normalizeForSearch(`O'Neil "Cloud" Partners`)).toBe('o neil cloud partners');
    expect(normalizeForSearch('  --IT-Service\t\nGmbH & Co. KG!! ')).toBe('it service gmbh & co kg');
    expect(normalizeForSearch('Busch+Neumann')).toBe('busch & neumann');
    expect(normalizeForSearch('Vogel &amp; Lang')).toBe('vogel & amp lang');
    // "und"/"and" stay words: "And" is how one starts typing "Anderson".
    expect(normalizeForSearch('Müller und Söhne')).toBe('muller und sohne');
    expect(normalizeForSearch('mueller-it.de')).toBe('muller it de');
    expect(normalizeForSearch('...')).toBe('');
  });

  it('keeps typed prefixes prefixes: "mue" finds "Müller"', () => {
    expect(normalizeForSearch('Müller').startsWith(normalizeForSearch('mue'))).toBe(true);
    expect(normalizeForSearch('Mueller').startsWith(normalizeForSearch('mü'))).toBe(true);
  });

  it('maps every typed prefix of every generated name (and its transliteration) to a prefix', () => {
    const failures: string[] = [];
    for (const r of generated.slice(0, 1500)) {
      const full = normalizeForSearch(r.name);
      for (const typed of [r.name, transliterate(r.name)]) {
        for (let n = 1; n <= typed.length; n++) {
          const prefix = typed.slice(0, n);
          if (!full.startsWith(normalizeForSearch(prefix))) failures.push(`${prefix} / ${r.name}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('displayLabel', () => {
  it('shows name, domain and country', () => {
    expect(displayLabel(reseller('R-1', 'Müller IT GmbH', 'mueller-it.de'))).toBe(
      'Müller IT GmbH — mueller-it.de (DE)',
    );
  });

  it('distinguishes near-duplicate names', () => {
    const a = displayLabel(reseller('R-1', 'Müller IT GmbH', 'mueller-it.de', 'DE'));
    const b = displayLabel(reseller('R-2', 'Mueller IT GmbH', 'mueller-it.at', 'AT'));
    const c = displayLabel(reseller('R-3', 'Müller IT GmbH', 'mueller-it.ch', 'CH'));
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('keeps markup as text and removes control characters', () => {
    expect(displayLabel(reseller('R-1', '<b>Bold</b> IT & Co', 'bold-it.de'))).toBe(
      '<b>Bold</b> IT & Co — bold-it.de (DE)',
    );
    expect(displayLabel(reseller('R-1', 'Evil\tName\n\u0085GmbH', 'evil.de'))).toBe(
      'Evil Name GmbH — evil.de (DE)',
    );
  });
});

describe('validateSearchQuery', () => {
  it('exports its limits', () => {
    expect(MIN_QUERY_LENGTH).toBe(2);
    expect(MAX_QUERY_LENGTH).toBe(100);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['a', 'tooShort'],
    [' a ', 'tooShort'],
    ['😀', 'tooShort'],
    ['x'.repeat(101), 'tooLong'],
    ['x'.repeat(500), 'tooLong'],
    ['ab\tc', 'controlCharacters'],
    ['ab\n', 'controlCharacters'],
    ['\u0000ab', 'controlCharacters'],
    ['ab\u007f', 'controlCharacters'],
    ['ab\u0085', 'controlCharacters'],
    ['\u009bab', 'controlCharacters'],
  ])('rejects %j as %s', (raw, problem) => {
    expect(validateSearchQuery(raw)).toEqual({ ok: false, problem });
  });

  it.each([
    ['mü', 'mü'],
    ['  Müller IT  ', 'Müller IT'],
    ['x'.repeat(100), 'x'.repeat(100)],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['a b', 'a b'],
  ])('accepts %j as %j', (raw, query) => {
    expect(validateSearchQuery(raw)).toEqual({ ok: true, query });
  });
});

describe('buildSearchIndex / parseSearchIndex', () => {
  it('is a deterministic plain string of approved resellers only, independent of input order', () => {
    const text = buildSearchIndex(DEMO_RESELLERS);
    expect(typeof text).toBe('string');
    expect(buildSearchIndex([...DEMO_RESELLERS].reverse())).toBe(text);
    const approved = DEMO_RESELLERS.filter((r) => r.status === 'approved');
    expect(parseSearchIndex(text).count).toBe(approved.length);
    expect(text).not.toContain('Schwarz IT GmbH');
    expect(text).not.toContain('R-00023');
  });

  it('holds the 5,000-reseller directory', () => {
    expect(generatedIndex.count).toBe(generated.filter((r) => r.status === 'approved').length);
  });

  it('keeps what a keystroke reads under 300 KB at 5,000 resellers: each name and domain once', () => {
    const bytes = Buffer.byteLength(buildSearchIndex(generated));
    expect(bytes).toBeLessThan(300 * 1024);
    // Names and domains as written already take more than half of that.
    const written = generated
      .filter((r) => r.status === 'approved')
      .reduce((sum, r) => sum + Buffer.byteLength(r.name) + r.domain.length, 0);
    expect(bytes).toBeLessThan(written * 1.45);
  });

  it('strips control characters from fields so they cannot break the format', () => {
    const index = indexOf([
      reseller('R-1', 'Evil\tName\nGmbH\r\u0000', 'evil\n.de', 'D\tE'),
      reseller('R-2', 'Plain GmbH', 'plain.de'),
    ]);
    const [match] = searchResellers(index, 'evil name');
    expect(match?.reseller).toEqual(reseller('R-1', 'Evil Name GmbH', 'evil .de', 'D E'));
    expect(match?.label).toBe('Evil Name GmbH — evil .de (D E)');
    expect(ids(searchResellers(index, 'plain'))).toEqual(['R-2']);
  });

  it('handles an empty directory', () => {
    const index = indexOf([]);
    expect(index.count).toBe(0);
    expect(searchResellers(index, 'müller')).toEqual([]);
    expect(findResellerById(index, 'R-1')).toBeUndefined();
  });

  it('keeps the first of two resellers with the same id', () => {
    const index = indexOf([
      reseller('R-1', 'First GmbH', 'first.de'),
      reseller('R-1', 'Second GmbH', 'second.de'),
    ]);
    expect(index.count).toBe(1);
    expect(findResellerById(index, 'R-1')?.name).toBe('First GmbH');
  });

  describe('rejects a corrupt text', () => {
    const text = buildSearchIndex(generated);
    const chunks = (t: string): string[] => t.match(/[\s\S]{1,90000}/g) ?? [];

    it.each([
      ['empty', ''],
      ['garbage', 'hello world'],
      ['another version', text.replace(/^RSX8/, 'RSX7')],
      ['a bad header number', text.replace(/^RSX8\t\d+/, 'RSX8\tmany')],
      ['a truncated tail', text.slice(0, -1)],
      ['a truncated head', text.slice(1)],
      [
        'a lost chunk',
        chunks(text)
          .filter((_, i) => i !== 2)
          .join(''),
      ],
      ['a duplicated chunk', [...chunks(text), chunks(text)[1]].join('')],
      ['a changed length', `${text}x`],
    ])('%s', (_, corrupt) => {
      expect(corrupt).not.toBe(text);
      expect(() => parseSearchIndex(corrupt)).toThrow(/Corrupt reseller search index/);
    });

    it('a mix of chunks from two builds of the same length', () => {
      // One lower-case letter of a name changed: the key changes, the spelling and length do not.
      const target = generated.find((r) => r.status === 'approved' && /[a-y]$/.test(r.name)) as Reseller;
      const last = target.name.charCodeAt(target.name.length - 1);
      const changed = generated.map((r) =>
        r === target ? { ...r, name: `${r.name.slice(0, -1)}${String.fromCharCode(last + 1)}` } : r,
      );
      const other = buildSearchIndex(changed);
      expect(other.length).toBe(text.length);
      const mixed = [chunks(text)[0], ...chunks(other).slice(1)].join('');
      expect(mixed.length).toBe(text.length);
      expect(() => parseSearchIndex(mixed)).toThrow(/Corrupt reseller search index/);
    });

    it('accepts the intact text rejoined from its chunks', () => {
      expect(parseSearchIndex(chunks(text).join('')).count).toBe(generatedIndex.count);
    });
  });
});

describe('searchResellers', () => {
  it.each(['Müller', 'Mueller', 'muller', 'MÜLLER', 'MUELLER', 'mue', 'mü', 'Müller IT', 'mueller it gmbh'])(
    '%s finds both Müller IT GmbH and Mueller IT GmbH',
    (query) => {
      const found = ids(searchResellers(demo, query));
      expect(found).toEqual(expect.arrayContaining(['R-00001', 'R-00002']));
    },
  );

  it('finds umlaut and transliterated spellings both ways', () => {
    expect(ids(searchResellers(demo, 'Schaefer'))).toEqual(expect.arrayContaining(['R-00003', 'R-00004']));
    expect(ids(searchResellers(demo, 'schäfer cl'))).toEqual(expect.arrayContaining(['R-00003', 'R-00004']));
    expect(ids(searchResellers(demo, 'Weiss'))).toEqual(expect.arrayContaining(['R-00006', 'R-00007']));
    expect(ids(searchResellers(demo, 'WEIß'))).toEqual(expect.arrayContaining(['R-00006', 'R-00007']));
    expect(ids(searchResellers(demo, 'koehler'))).toContain('R-00005');
    expect(ids(searchResellers(demo, 'zurcher'))).toContain('R-00021');
    expect(ids(searchResellers(demo, 'lefevre numerique'))).toContain('R-00019');
  });

  it('matches word prefixes, whole-name prefixes, exact names and substrings', () => {
    const cloud = searchResellers(demo, 'cloud');
    expect(tierOf(cloud, 'R-00003')).toBe('wordPrefix'); // Schäfer Cloud AG
    expect(tierOf(cloud, 'R-00012')).toBe('prefix'); // Cloudwerk GmbH
    expect(tierOf(searchResellers(demo, 'Cloudwerk GmbH'), 'R-00012')).toBe('exact');
    expect(tierOf(searchResellers(demo, 'werk'), 'R-00012')).toBe('substring');
    const haus = searchResellers(demo, 'haus');
    expect(tierOf(haus, 'R-00015')).toBe('substring'); // Digitalhaus Köln GmbH
    expect(tierOf(haus, 'R-00005')).toBe('substring'); // Köhler Systemhaus …
  });

  it('matches domain prefixes, written as domains are, as wordPrefix', () => {
    // The name "Bäcker Workspace Partner GmbH" does not contain "backer workspace de"; the domain does.
    expect(tierOf(searchResellers(demo, 'baecker-workspace.de'), 'R-00010')).toBe('wordPrefix');
    for (const typed of ['www.baecker-workspace', 'https://baecker-workspace.de', 'Bäcker-Workspace.DE']) {
      expect([typed, tierOf(searchResellers(demo, typed), 'R-00010')]).toEqual([typed, 'wordPrefix']);
    }
    expect(tierOf(searchResellers(demo, 'oneil'), 'R-00018')).toBe('wordPrefix');
    expect(ids(searchResellers(demo, 'mueller-it.at'))).toEqual(['R-00002']);
    // A name match that ranks higher keeps its tier.
    expect(tierOf(searchResellers(demo, 'mueller-it'), 'R-00001')).toBe('prefix');
  });

  describe('one typo', () => {
    const index = indexOf([
      reseller('R-1', 'Müller IT GmbH', 'mueller-it.de'),
      reseller('R-2', 'Schäfer Cloud AG', 'schaefer-cloud.ch', 'CH'),
      reseller('R-3', 'Systemhaus Weiß GmbH', 'systemhaus-weiss.de'),
    ]);

    it.each([
      ['substitution', 'Mülker', 'R-1'],
      ['transposition', 'Mülelr', 'R-1'],
      ['missing letter', 'Müler IT', 'R-1'],
      ['extra letter', 'Müllerr IT', 'R-1'],
      ['typo in the first letter', 'Nüller', 'R-1'],
      ['transposed first letters', 'uMller', 'R-1'],
      ['typo in a later word', 'clous', 'R-2'],
      ['transposition in a later word', 'Wiess', 'R-3'],
      ['typo across words', 'schafer clpud', 'R-2'],
    ])('%s: %s', (_, query, id) => {
      const matches = searchResellers(index, query);
      expect(ids(matches)).toEqual([id]);
      expect(matches[0]?.tier).toBe('fuzzy');
    });

    it.each(['Mxlxer', 'Mlüelr', 'Cluod Schäfer', 'Sytsemhuas'])('not two typos: %s', (query) => {
      expect(searchResellers(index, query)).toEqual([]);
    });

    it('needs at least three normalized characters', () => {
      expect(searchResellers(index, 'mx')).toEqual([]);
      expect(searchResellers(index, 'mül')).toHaveLength(1);
      expect(ids(searchResellers(index, 'mxl'))).toEqual(['R-1']);
    });

    it("ranks typos by match quality: the name's first word, then the later edit, then rank", () => {
      const typos = indexOf([
        reseller('R-1', 'IT Schmidt', 'it-schmidt.de'),
        reseller('R-2', 'Schnitt Cloud Services Nord', 'schnitt-cloud.de'),
        reseller('R-3', 'Schmidt', 'schmidt.de'),
        reseller('R-4', 'Schmidt Cloud Services', 'schmidt-cloud.de'),
        reseller('R-5', 'Xchnidt', 'xchnidt.de'),
      ]);
      // "schnidt": "Schnitt…" differs only at its 6th letter, so it leads however long its name;
      // "Schmidt" (4th letter) before the longer "Schmidt Cloud Services"; a first-letter edit
      // ("Xchnidt") after those; a match at a later word ("IT Schmidt") last.
      expect(ids(searchResellers(typos, 'schnidt'))).toEqual(['R-2', 'R-3', 'R-4', 'R-5', 'R-1']);
      expect(searchResellers(typos, 'schnidt').every((m) => m.tier === 'fuzzy')).toBe(true);
    });

    it('withinOneEditOfPrefix agrees with the definition', () => {
      const key = 'muller it gmbh';
      const check = (q: string): boolean => withinOneEditOfPrefix(key, 0, key.length, q);
      expect(
        ['mulker', 'mulelr', 'muler', 'mullerr', 'nuller', 'umller', 'muller it gmbhx', 'muller'].map(check),
      ).toEqual(Array(8).fill(true));
      expect(['mxlxer', 'lumler', 'gmbh', 'muller it gmbhxx'].map(check)).toEqual(Array(4).fill(false));
    });
  });

  it('ranks exact > prefix > wordPrefix > substring > fuzzy, then shorter name core, core, domain, label, id', () => {
    const index = indexOf([
      reseller('R-01', 'Hypercloud GmbH', 'hypercloud.de'),
      reseller('R-02', 'Clowd Experts GmbH', 'clowd.de'),
      reseller('R-03', 'Schäfer Cloud AG', 'schaefer-cloud.de'),
      reseller('R-04', 'Cloud Partner AG', 'cloud-partner.de'),
      reseller('R-05', 'Alpha GmbH', 'cloudy-alpha.de'),
      reseller('R-06', 'Cloudwerk GmbH', 'cloudwerk.de'),
      reseller('R-07', 'Cloud', 'cloud.de'),
      reseller('R-08', 'Cloud Beta AG', 'cloud-beta.de'),
      reseller('R-09', 'Cloud Alfa AG', 'cloud-alfa.de'),
      reseller('R-10', 'Cloud Alfa AG', 'cloud-alfa.at', 'AT'),
      reseller('R-11', 'Unrelated GmbH', 'unrelated.de'),
    ]);
    const matches = searchResellers(index, 'cloud');
    expect(matches.map((m) => [m.reseller.id, m.tier])).toEqual([
      ['R-07', 'exact'],
      ['R-06', 'prefix'], // core "Cloudwerk": 9 characters (the legal form does not count)
      ['R-10', 'prefix'], // "Cloud Alfa", same domain length: "… cloud-alfa.at (AT)" < "… cloud-alfa.de (DE)"
      ['R-09', 'prefix'],
      ['R-08', 'prefix'], // "Cloud Beta" after "Cloud Alfa"
      ['R-04', 'prefix'], // "Cloud Partner": 13 characters
      ['R-05', 'wordPrefix'], // domain cloudy-alpha.de
      ['R-03', 'wordPrefix'],
      ['R-01', 'substring'],
      ['R-02', 'fuzzy'],
    ]);
    expect(ids(searchResellers(index, 'cloud', 3))).toEqual(['R-07', 'R-06', 'R-10']);
  });

  it("lets legal forms decide no tie: the family's main entry is not crowded out by AG/KG/SE variants", () => {
    const index = indexOf([
      reseller('R-01', 'Löffler Systemhaus Ost', 'loeffler-ost.de'),
      reseller('R-02', 'Löffler Systemhaus GmbH & Co. KG', 'loeffler.de'),
      reseller('R-03', 'Löffler Systemhaus AG', 'loeffler-ag.de'),
      reseller('R-04', 'Löffler Systemhaus SE', 'loeffler-se.de'),
      reseller('R-05', 'Löffler Systemhaus UG (haftungsbeschränkt)', 'loeffler-ug.de'),
    ]);
    // Same core "Löffler Systemhaus": the plainest domain first; the branch "Ost" has a longer core.
    expect(ids(searchResellers(index, 'loffler systemhaus'))).toEqual([
      'R-02',
      'R-03',
      'R-04',
      'R-05',
      'R-01',
    ]);
    // A query that names a legal form still prefers the entries that have it.
    expect(ids(searchResellers(index, 'löffler systemhaus ag'))[0]).toBe('R-03');
    expect(nameCore('kohler systemhaus gmbh & co kg')).toBe('kohler systemhaus');
    expect(nameCore('gmbh')).toBe('gmbh');
  });

  it('skips the fuzzy pass when the direct tiers fill the limit', () => {
    const matches = searchResellers(generatedIndex, 'cloud');
    expect(matches).toHaveLength(DEFAULT_LIMIT);
    expect(matches.every((m) => m.tier !== 'fuzzy')).toBe(true);
  });

  it('returns at most `limit` results with unique labels and ids', () => {
    for (const [query, limit] of [
      ['cl', 10],
      ['gmbh', 10],
      ['it', 25],
      ['digi', 3],
      ['mülxer', 10],
    ] as const) {
      const matches = searchResellers(generatedIndex, query, limit);
      expect(matches).toHaveLength(limit);
      expect(new Set(matches.map((m) => m.label)).size).toBe(limit);
      expect(new Set(ids(matches)).size).toBe(limit);
    }
    expect(searchResellers(generatedIndex, 'cloud', 0)).toEqual([]);
  });

  it('never returns non-approved resellers', () => {
    expect(searchResellers(demo, 'schwarz')).toEqual([]);
    expect(searchResellers(demo, 'fuchs digital')).toEqual([]);
    expect(searchResellers(demo, 'neumann edv')).toEqual([]);
    const approved = new Set(generated.filter((r) => r.status === 'approved').map((r) => r.id));
    for (const query of referenceQueries(['Müller', 'Cloud', 'Digital', 'Schäfer', 'Systemhaus'], 60)) {
      for (const m of searchResellers(generatedIndex, query)) {
        expect(m.reseller.status).toBe('approved');
        expect(approved.has(m.reseller.id)).toBe(true);
      }
    }
  });

  it('keeps markup and quotes in names as text', () => {
    const [bold] = searchResellers(demo, 'bold');
    expect(bold?.reseller.name).toBe('<b>Bold</b> IT & Co');
    expect(bold?.label).toBe('<b>Bold</b> IT & Co — bold-it.de (DE)');
    const [oneil] = searchResellers(demo, 'o neil cloud');
    expect(oneil?.label).toBe(`O'Neil "Cloud" Partners — oneil-cloud.com (US)`);
  });

  it.each([
    '<script>alert(1)</script>',
    '<b>Bold</b>',
    '"><img src=x onerror=alert(1)>',
    'c++',
    '(cloud',
    '[a-z]*',
    'a.b',
    '\\d+$',
  ])('treats %j as plain text', (query) => {
    expect(() => searchResellers(demo, query)).not.toThrow();
    expect(() => searchResellers(generatedIndex, query)).not.toThrow();
  });

  it('finds a name with markup from a query with markup', () => {
    expect(ids(searchResellers(demo, '<b>Bold</b>'))).toEqual(['R-00017']);
  });

  it('returns nothing for queries shorter than two normalized characters', () => {
    for (const query of ['', ' ', 'a', 'ü', 'ue', '&&', '<>', 'x'.repeat(0)]) {
      expect(searchResellers(demo, query)).toEqual([]);
    }
  });

  it('keeps "&" as a token: "Vogel &" prefers "Vogel & Lang" over "Vogel Systems"', () => {
    const index = indexOf([
      {
        id: 'R-1',
        name: 'Vogel Systems GmbH',
        domain: 'vogel-systems.de',
        country: 'DE',
        status: 'approved',
      },
      { id: 'R-2', name: 'Vogel & Lang IT GmbH', domain: 'vogel-lang.de', country: 'DE', status: 'approved' },
      {
        id: 'R-3',
        name: 'Busch + Neumann AG',
        domain: 'busch-neumann.de',
        country: 'DE',
        status: 'approved',
      },
      {
        id: 'R-4',
        name: 'Busch Netzwerk AG',
        domain: 'busch-netzwerk.de',
        country: 'DE',
        status: 'approved',
      },
    ]);
    // Vogel Systems is only one typo away ("&" for "s"), so it may follow; never before.
    expect(searchResellers(index, 'Vogel &').map((m) => [m.reseller.id, m.tier])).toEqual([
      ['R-2', 'prefix'],
      ['R-1', 'fuzzy'],
    ]);
    expect(searchResellers(index, 'Busch + N')[0]?.reseller.id).toBe('R-3');
    expect(searchResellers(index, 'busch & n')[0]?.reseller.id).toBe('R-3');
  });

  it('matches the words of a multi-word query in any order, after the in-order tiers', () => {
    const index = indexOf([
      {
        id: 'R-1',
        name: 'Zimmermann EDV GmbH',
        domain: 'zimmermann-edv.de',
        country: 'DE',
        status: 'approved',
      },
      { id: 'R-2', name: 'EDV Zimmer KG', domain: 'edv-zimmer.de', country: 'DE', status: 'approved' },
      {
        id: 'R-3',
        name: 'Systemhaus Bremen Hahn AG',
        domain: 'hahn-bremen.de',
        country: 'DE',
        status: 'approved',
      },
    ]);
    const edv = searchResellers(index, 'edv zimmermann');
    expect(edv.map((m) => [m.reseller.id, m.tier])).toEqual([['R-1', 'allWords']]);
    // An in-order match still comes first; word prefixes count, in any order.
    expect(searchResellers(index, 'edv zimmer').map((m) => [m.reseller.id, m.tier])).toEqual([
      ['R-2', 'prefix'],
      ['R-1', 'allWords'],
    ]);
    expect(searchResellers(index, 'hahn bremen sys')[0]?.reseller.id).toBe('R-3');
    // A word typed twice needs two words of the name.
    expect(searchResellers(index, 'edv edv')).toEqual([]);
  });

  it('survives long queries', () => {
    expect(searchResellers(generatedIndex, 'Müller '.repeat(14))).toEqual([]);
    expect(searchResellers(generatedIndex, 'x'.repeat(500))).toEqual([]);
  });

  it('agrees with a naive reference implementation on generated queries', () => {
    // Another seed than the shared directory, so the check sees different data.
    const directory = generateResellers(5000, 3);
    const index = indexOf(directory);
    const entries = referenceEntries(directory);
    const mismatches: string[] = [];
    const tiersSeen = new Set<MatchTier>();
    for (const query of referenceQueries(
      entries.map((e) => e.r.name),
      300,
    )) {
      const expected = referenceSearch(entries, query);
      for (const [, tier] of expected) tiersSeen.add(tier);
      const actual = searchResellers(index, query).map((m): [string, MatchTier] => [m.reseller.id, m.tier]);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push(`${query}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect([...tiersSeen].sort()).toEqual([...TIER_RANK].sort());
  });
});

describe('findResellerById / findResellerByLabel', () => {
  it('resolves every suggestion label back to its one reseller', () => {
    for (const query of ['müller', 'cloud', 'digital', 'schäfer', 'it', 'gmbh', 'mülxer', 'weiß']) {
      for (const m of searchResellers(generatedIndex, query)) {
        expect(findResellerByLabel(generatedIndex, m.label)).toEqual(m.reseller);
        expect(findResellerById(generatedIndex, m.reseller.id)).toEqual(m.reseller);
      }
    }
  });

  it('accepts surrounding and repeated whitespace', () => {
    const label = 'Müller IT GmbH — mueller-it.de (DE)';
    expect(findResellerByLabel(demo, `  ${label}\n`)?.id).toBe('R-00001');
    expect(findResellerByLabel(demo, 'Müller  IT GmbH —   mueller-it.de\u00a0(DE)')?.id).toBe('R-00001');
  });

  it('tells near-duplicates apart', () => {
    const labels = searchResellers(demo, 'mueller it').map((m) => m.label);
    // Same tier: the shorter name ("Müller" has 6 letters, "Mueller" 7) comes first.
    expect(labels).toEqual(['Müller IT GmbH — mueller-it.de (DE)', 'Mueller IT GmbH — mueller-it.at (AT)']);
    expect(findResellerByLabel(demo, labels[0] ?? '')?.id).toBe('R-00001');
    expect(findResellerByLabel(demo, labels[1] ?? '')?.id).toBe('R-00002');
  });

  it('does not resolve unknown, partial or non-approved labels and ids', () => {
    expect(findResellerByLabel(demo, 'Müller IT GmbH')).toBeUndefined();
    expect(findResellerByLabel(demo, 'Müller IT GmbH — mueller-it.de')).toBeUndefined();
    expect(findResellerByLabel(demo, 'müller it gmbh — mueller-it.de (DE)')).toBeUndefined();
    expect(findResellerByLabel(demo, 'Schwarz IT GmbH — schwarz-it.de (DE)')).toBeUndefined();
    expect(findResellerByLabel(demo, '')).toBeUndefined();
    expect(findResellerById(demo, 'R-00023')).toBeUndefined();
    expect(findResellerById(demo, 'R-0000')).toBeUndefined();
    expect(findResellerById(demo, 'Müller IT GmbH')).toBeUndefined();
    expect(findResellerById(demo, '')).toBeUndefined();
  });

  it('makes identical labels unique with the id, and resolves each', () => {
    const index = indexOf([
      reseller('R-1', 'Twin GmbH', 'twin.de'),
      reseller('R-2', 'Twin GmbH', 'twin.de'),
      reseller('R-3', 'Twin GmbH', 'twin.at', 'AT'),
    ]);
    const labels = searchResellers(index, 'twin').map((m) => m.label);
    expect(labels).toEqual([
      'Twin GmbH — twin.at (AT)',
      'Twin GmbH — twin.de (DE) [R-1]',
      'Twin GmbH — twin.de (DE) [R-2]',
    ]);
    expect(labels.map((l) => findResellerByLabel(index, l)?.id)).toEqual(['R-3', 'R-1', 'R-2']);
    expect(findResellerByLabel(index, 'Twin GmbH — twin.de (DE)')).toBeUndefined();
  });

  it('resolves a name that itself contains the label separator', () => {
    const index = indexOf([reseller('R-1', 'Alpha — Beta GmbH', 'alpha.de')]);
    const [match] = searchResellers(index, 'alpha');
    expect(match?.label).toBe('Alpha — Beta GmbH — alpha.de (DE)');
    expect(findResellerByLabel(index, match?.label ?? '')?.id).toBe('R-1');
  });
});

describe('generateResellers', () => {
  it('is deterministic per seed', () => {
    expect(generateResellers(300, 7)).toEqual(generateResellers(300, 7));
    expect(generateResellers(300, 7)).not.toEqual(generateResellers(300, 8));
    expect(generateResellers(5000)).toEqual(generated);
    expect(generateResellers(0)).toEqual([]);
    expect(generateResellers(3)).toHaveLength(3);
  });

  it('has unique sequential ids and unique ASCII domains', () => {
    expect(generated).toHaveLength(5000);
    expect(generated[0]?.id).toBe('R-00001');
    expect(generated[4999]?.id).toBe('R-05000');
    expect(new Set(generated.map((r) => r.id)).size).toBe(5000);
    expect(new Set(generated.map((r) => r.domain)).size).toBe(5000);
    for (const r of generated) expect(r.domain).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z]+)+$/);
  });

  it('looks like a German-speaking market with some neighbours', () => {
    const umlauts = generated.filter((r) => /[äöüÄÖÜß]/.test(r.name));
    expect(umlauts.length).toBeGreaterThan(500);
    expect(new Set(generated.map((r) => r.country))).toEqual(
      new Set(['DE', 'AT', 'CH', 'NL', 'FR', 'GB', 'US']),
    );
    const legalForms = ['GmbH', 'AG', 'GmbH & Co. KG', 'UG', 'e.K.'];
    for (const form of legalForms) expect(generated.some((r) => r.name.endsWith(` ${form}`))).toBe(true);
    expect(generated.some((r) => r.name.includes('<'))).toBe(true);
    expect(generated.some((r) => r.name.includes('"'))).toBe(true);
  });

  it('contains near-duplicates and shared prefixes on purpose', () => {
    const byName = new Map(generated.map((r) => [r.name, r]));
    for (const [a, b] of [
      ['Müller IT GmbH', 'Mueller IT GmbH'],
      ['Schäfer Cloud AG', 'Schaefer Cloud AG'],
    ] as const) {
      expect(byName.get(a)?.domain).not.toBe(byName.get(b)?.domain);
    }
    const groups = new Map<string, Set<string>>();
    for (const r of generated) {
      const key = normalizeForSearch(r.name);
      groups.set(key, (groups.get(key) ?? new Set()).add(r.name));
    }
    const spellingVariants = [...groups.values()].filter((names) => names.size > 1);
    expect(spellingVariants.length).toBeGreaterThan(50);
    expect(generated.filter((r) => r.name.startsWith('Cloud')).length).toBeGreaterThan(100);
    expect(generated.filter((r) => r.name.startsWith('Digital')).length).toBeGreaterThan(100);
  });

  it('is about 90% approved, with every other status present', () => {
    const approved = generated.filter((r) => r.status === 'approved').length / generated.length;
    expect(approved).toBeGreaterThan(0.85);
    expect(approved).toBeLessThan(0.95);
    expect(new Set(generated.map((r) => r.status)).size).toBe(6);
  });
});

describe('DEMO_RESELLERS', () => {
  it('is a small curated list with near-duplicates and a few non-approved resellers', () => {
    expect(DEMO_RESELLERS.length).toBeGreaterThanOrEqual(20);
    expect(DEMO_RESELLERS.length).toBeLessThanOrEqual(30);
    expect(new Set(DEMO_RESELLERS.map((r) => r.id)).size).toBe(DEMO_RESELLERS.length);
    expect(new Set(DEMO_RESELLERS.map((r) => r.domain)).size).toBe(DEMO_RESELLERS.length);
    const names = DEMO_RESELLERS.map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining(['Müller IT GmbH', 'Mueller IT GmbH', 'Schäfer Cloud AG', 'Schaefer Cloud AG']),
    );
    expect(DEMO_RESELLERS.filter((r) => r.status !== 'approved').length).toBeGreaterThanOrEqual(2);
  });
});
