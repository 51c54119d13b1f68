/**
 * Deterministic demo/test reseller directories (Node-side dev code, never shipped).
 *
 * The generated names are meant to stress the typeahead the way a real German-speaking-market
 * directory would: umlauts and ß, transliterated twins ("Müller IT GmbH" / "Mueller IT GmbH"),
 * many shared prefixes ("Cloud…", "Digital…"), legal forms with punctuation, and a few names with
 * markup or quotes that the UI must show as text.
 */
import type { Reseller, ResellerStatus } from '../../src/domain/reseller';

/** mulberry32: tiny, fast, good enough for test data, and identical on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
type Country = 'DE' | 'AT' | 'CH' | 'NL' | 'FR' | 'GB' | 'US';
export type Weighted<T> = readonly (readonly [T, number])[];

interface CountryProfile {
  tld: string;
  surnames: readonly string[];
  cities: readonly string[];
  itWords: readonly string[];
  legalForms: Weighted<string>;
}

const GERMAN_IT_WORDS = [
  'IT',
  'IT-Service',
  'Systemhaus',
  'Cloud Solutions',
  'Digital',
  'Consulting',
  'Workspace Partner',
  'IT-Lösungen',
  'EDV-Service',
  'Datentechnik',
  'IT-Beratung',
  'Netzwerktechnik',
  'Bürokommunikation',
  'Software',
  'Cloud',
] as const;

const ENGLISH_IT_WORDS = [
  'IT Services',
  'Cloud Partners',
  'Digital',
  'Consulting',
  'Workspace Solutions',
  'Technologies',
  'Cloud',
] as const;

const PROFILES: Readonly<Record<Country, CountryProfile>> = {
  DE: {
    tld: 'de',
    surnames: [
      'Müller',
      'Schäfer',
      'Köhler',
      'Weiß',
      'Groß',
      'Jäger',
      'Bäcker',
      'Schröder',
      'Krüger',
      'Böhm',
      'Günther',
      'Kühn',
      'Krämer',
      'Strauß',
      'Voß',
      'Heß',
      'Preuß',
      'Lößner',
      'Schmidt',
      'Schneider',
      'Fischer',
      'Meyer',
      'Wagner',
      'Becker',
      'Schulz',
      'Hoffmann',
      'Koch',
      'Richter',
      'Klein',
      'Wolf',
      'Neumann',
      'Schwarz',
      'Zimmermann',
      'Braun',
      'Hartmann',
      'Lange',
      'Werner',
      'Krause',
      'Lehmann',
      'Fuchs',
      'Vogel',
      'Sommer',
      'Łukasiewicz',
      'Sørensen',
    ],
    cities: [
      'München',
      'Köln',
      'Düsseldorf',
      'Nürnberg',
      'Würzburg',
      'Lübeck',
      'Göttingen',
      'Osnabrück',
      'Saarbrücken',
      'Tübingen',
      'Gießen',
      'Fürth',
      'Berlin',
      'Hamburg',
      'Frankfurt',
      'Stuttgart',
      'Leipzig',
      'Dresden',
      'Bremen',
      'Hannover',
      'Mainz',
      'Münster',
    ],
    itWords: GERMAN_IT_WORDS,
    legalForms: [
      ['GmbH', 50],
      ['AG', 8],
      ['GmbH & Co. KG', 12],
      ['UG (haftungsbeschränkt)', 8],
      ['UG', 4],
      ['e.K.', 8],
      ['OHG', 3],
      ['KG', 3],
    ],
  },
  AT: {
    tld: 'at',
    surnames: [
      'Gruber',
      'Huber',
      'Bauer',
      'Pichler',
      'Steiner',
      'Moser',
      'Mayer',
      'Hofer',
      'Leitner',
      'Berger',
      'Eder',
      'Winkler',
      'Wimmer',
      'Egger',
      'Brunner',
      'Baumgartner',
      'Höller',
      'Pölzl',
      'Grünwald',
      'Müller',
      'Jäger',
      'Weiß',
    ],
    cities: [
      'Wien',
      'Graz',
      'Linz',
      'Salzburg',
      'Innsbruck',
      'Klagenfurt',
      'Villach',
      'Wels',
      'St. Pölten',
      'Dornbirn',
    ],
    itWords: GERMAN_IT_WORDS,
    legalForms: [
      ['GmbH', 60],
      ['KG', 10],
      ['OG', 8],
      ['e.U.', 10],
      ['AG', 5],
    ],
  },
  CH: {
    tld: 'ch',
    surnames: [
      'Meier',
      'Schmid',
      'Keller',
      'Weber',
      'Gerber',
      'Baumann',
      'Frei',
      'Widmer',
      'Wyss',
      'Graf',
      'Bühler',
      'Zürcher',
      'Lüthi',
      'Bächli',
      'Känzig',
      'Flückiger',
      'Müller',
      'Schäfer',
    ],
    cities: [
      'Zürich',
      'Basel',
      'Bern',
      'Luzern',
      'St. Gallen',
      'Winterthur',
      'Zug',
      'Lausanne',
      'Genève',
      'Lugano',
    ],
    itWords: [...GERMAN_IT_WORDS, 'Informatik'],
    legalForms: [
      ['AG', 50],
      ['GmbH', 40],
      ['Sàrl', 8],
    ],
  },
  NL: {
    tld: 'nl',
    surnames: [
      'de Vries',
      'Jansen',
      'de Jong',
      'Bakker',
      'Visser',
      'Smit',
      'Meijer',
      'van Dijk',
      'Mulder',
      'de Boer',
    ],
    cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven', 'Den Haag', 'Groningen'],
    itWords: ['ICT', 'Cloud Services', 'Automatisering', 'Digitaal', 'IT'],
    legalForms: [['B.V.', 1]],
  },
  FR: {
    tld: 'fr',
    surnames: [
      'Lefèvre',
      'Dubois',
      'Moreau',
      'Girard',
      'Rousseau',
      'Bérenger',
      'Lemaître',
      'Faure',
      'François',
    ],
    cities: ['Paris', 'Lyon', 'Strasbourg', 'Mulhouse', 'Besançon', 'Orléans'],
    itWords: ['Informatique', 'Numérique', 'Services Cloud', 'Conseil', 'Cœur Numérique'],
    legalForms: [
      ['SAS', 50],
      ['SARL', 35],
      ['SA', 10],
    ],
  },
  GB: {
    tld: 'co.uk',
    surnames: ['Smith', 'Taylor', "O'Neil", 'Brown', 'Wilson', 'Evans', 'Thompson', 'McDonald', 'Hughes'],
    cities: ['London', 'Manchester', 'Leeds', 'Bristol', 'Edinburgh'],
    itWords: ENGLISH_IT_WORDS,
    legalForms: [
      ['Ltd', 85],
      ['LLP', 10],
    ],
  },
  US: {
    tld: 'com',
    surnames: ['Johnson', 'Miller', 'Davis', 'García', 'Martínez', "O'Brien", 'Anderson', 'Mueller'],
    cities: ['Austin', 'Denver', 'Chicago', 'Seattle', 'Boston'],
    itWords: ENGLISH_IT_WORDS,
    legalForms: [
      ['Inc.', 50],
      ['LLC', 40],
      ['Corp.', 10],
    ],
  },
};

const COUNTRY_WEIGHTS: Weighted<Country> = [
  ['DE', 60],
  ['AT', 12],
  ['CH', 10],
  ['NL', 5],
  ['FR', 5],
  ['GB', 4],
  ['US', 4],
];

/** Shared brand prefixes, so typing "Cloud" or "Digital" has hundreds of candidates. */
const BRAND_PREFIXES = ['Cloud', 'Digital', 'Daten', 'Netz', 'Smart', 'Data', 'Office'] as const;
const BRAND_TAILS = [
  'werk',
  'haus',
  'fabrik',
  'kontor',
  'pilot',
  'bridge',
  ' Solutions',
  ' Partner',
  ' Services',
  ' Impuls',
  ' Experts',
  ' Workspace',
  'Native',
  ' & Co',
] as const;

/** Names a UI must render as text: markup, quotes, ampersands, symbols. */
const SYMBOL_NAMES: readonly (readonly [string, Country])[] = [
  ['<b>Bold</b> IT & Co', 'DE'],
  [`O'Neil "Cloud" Partners`, 'US'],
  ['<script>alert(1)</script> Systemhaus GmbH', 'DE'],
  ['A&B IT-Service GmbH', 'DE'],
  ['100% Digital GmbH', 'AT'],
  ['Café & Code SARL', 'FR'],
  ['IT "Helden" GmbH & Co. KG', 'DE'],
  ['R&D Cloud Ltd', 'GB'],
  ['{Daten} & [Netze] UG', 'DE'],
  ['Müller & Söhne <Systemhaus>', 'DE'],
];

/** Fixed near-duplicate pairs, first in every generated directory (when count allows). */
const ANCHORS: readonly (readonly [string, Country])[] = [
  ['Müller IT GmbH', 'DE'],
  ['Mueller IT GmbH', 'AT'],
  ['Schäfer Cloud AG', 'CH'],
  ['Schaefer Cloud AG', 'DE'],
  ['Weiß Digital GmbH', 'DE'],
  ['Weiss Digital GmbH', 'CH'],
  ['Köhler Systemhaus GmbH & Co. KG', 'DE'],
  ['Koehler Systemhaus GmbH', 'AT'],
];

const OTHER_STATUSES: readonly ResellerStatus[] = [
  'applied',
  'agreement_sent',
  'agreement_signed',
  'rejected',
  'suspended',
];

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function pickWeighted<T>(random: Random, items: Weighted<T>): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [item, weight] of items) {
    r -= weight;
    if (r < 0) return item;
  }
  const last = items[items.length - 1];
  if (last === undefined) throw new Error('pick from an empty list');
  return last[0];
}

/** German transliteration of a name, as a company would write it without umlaut keys. */
export function transliterate(name: string): string {
  return name
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss');
}

const DOMAIN_FOLDS: Readonly<Record<string, string>> = { æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd' };

/** ASCII domain label from a company name: "Müller IT-Service" → "mueller-it-service". */
export function slugify(text: string): string {
  const slug = transliterate(text)
    .toLowerCase()
    .replace(/[æœøłđ]/g, (c) => DOMAIN_FOLDS[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return truncateSlug(slug === '' ? 'reseller' : slug, 40);
}

function truncateSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.lastIndexOf('-', max);
  return slug.slice(0, cut > 0 ? cut : max);
}

/** Unique domains: the first "mueller-it.de" wins, later ones get "-2", "-3", …. */
export class DomainRegistry {
  private readonly taken = new Set<string>();

  claim(base: string, tld: string): string {
    let domain = `${base}.${tld}`;
    for (let n = 2; this.taken.has(domain); n++) domain = `${base}-${n}.${tld}`;
    this.taken.add(domain);
    return domain;
  }
}

/** Drops the legal form so the domain is derived from the brand ("Müller IT GmbH" → "Müller IT"). */
function brandPart(name: string): string {
  for (const form of LEGAL_FORMS_LONGEST_FIRST) {
    if (name.endsWith(` ${form}`)) return name.slice(0, -form.length - 1);
  }
  return name;
}

// Longest first, so "GmbH & Co. KG" is removed as a whole rather than just its "KG".
const LEGAL_FORMS_LONGEST_FIRST: readonly string[] = [
  ...new Set(Object.values(PROFILES).flatMap((p) => p.legalForms.map(([form]) => form))),
].sort((a, b) => b.length - a.length);

interface Draft {
  name: string;
  country: Country;
}

function personalName(random: Random, p: CountryProfile): string {
  return `${pick(random, p.surnames)} ${pick(random, p.itWords)}`;
}

function brandName(random: Random, p: CountryProfile): string {
  const brand = `${pick(random, BRAND_PREFIXES)}${pick(random, BRAND_TAILS)}`;
  return random() < 0.5 ? `${brand} ${pick(random, p.cities)}` : brand;
}

function partnershipName(random: Random, p: CountryProfile): string {
  const first = pick(random, p.surnames);
  let second = pick(random, p.surnames);
  if (second === first) second = pick(random, p.surnames);
  return random() < 0.5 ? `${first} & ${second}` : `${first} & ${second} ${pick(random, p.itWords)}`;
}

function acronymName(random: Random, p: CountryProfile): string {
  const letters = [0, 1, 2].map(() => pick(random, p.surnames).charAt(0).toUpperCase()).join('');
  return `${letters} ${pick(random, p.itWords)}`;
}

function randomDraft(random: Random): Draft {
  const country = pickWeighted(random, COUNTRY_WEIGHTS);
  const p = PROFILES[country];
  const r = random();
  const core =
    r < 0.38
      ? personalName(random, p)
      : r < 0.6
        ? brandName(random, p)
        : r < 0.75
          ? `${pick(random, p.itWords)} ${pick(random, p.cities)}`
          : r < 0.87
            ? partnershipName(random, p)
            : r < 0.94
              ? acronymName(random, p)
              : `${pick(random, p.itWords)} ${pick(random, p.surnames)}`;
  return { name: `${core} ${pickWeighted(random, p.legalForms)}`, country };
}

/** A near-duplicate of `draft`: the transliterated name, or the same name in a neighbour country. */
function twinOf(random: Random, draft: Draft): Draft | undefined {
  const plain = transliterate(draft.name);
  const neighbours: readonly Country[] = ['DE', 'AT', 'CH'];
  const otherCountry = pick(
    random,
    neighbours.filter((c) => c !== draft.country),
  );
  if (plain !== draft.name) return { name: plain, country: random() < 0.5 ? draft.country : otherCountry };
  return random() < 0.3 ? { name: draft.name, country: otherCountry } : undefined;
}

function draftsFor(count: number, random: Random): Draft[] {
  const drafts: Draft[] = ANCHORS.slice(0, count).map(([name, country]) => ({ name, country }));
  let symbols = 0;
  while (drafts.length < count) {
    // About one symbol-laden name per 500, cycling through the list.
    if (random() < 0.002) {
      const [name, country] = SYMBOL_NAMES[symbols++ % SYMBOL_NAMES.length] ?? ANCHORS[0] ?? ['X', 'DE'];
      drafts.push({ name, country });
      continue;
    }
    const draft = randomDraft(random);
    drafts.push(draft);
    const twin = random() < 0.1 ? twinOf(random, draft) : undefined;
    if (twin !== undefined && drafts.length < count) drafts.push(twin);
  }
  return drafts;
}

export function formatResellerId(n: number): string {
  return `R-${String(n).padStart(5, '0')}`;
}

/**
 * `count` resellers, identical for the same (count, seed). ~90 % approved; ids R-00001…; unique
 * ASCII domains derived from the names.
 */
export function generateResellers(count: number, seed = 1): Reseller[] {
  const random = mulberry32(seed);
  const domains = new DomainRegistry();
  return draftsFor(count, random).map((draft, i) => {
    const anchor = i < ANCHORS.length;
    return {
      id: formatResellerId(i + 1),
      name: draft.name,
      domain: domains.claim(slugify(brandPart(draft.name)), PROFILES[draft.country].tld),
      country: draft.country,
      status: anchor || random() < 0.9 ? 'approved' : pick(random, OTHER_STATUSES),
    };
  });
}

// The curated demo directory lives in its own file; imported from here as before.
export { DEMO_RESELLERS } from './demo-resellers';
