/**
 * Realistic German, Austrian and Swiss reseller directories of any size, for measuring search
 * quality (bench/quality.ts). Deterministic: the same (count, seed) gives the same directory.
 *
 * Unlike dev/demo/resellers.ts (which stresses speed and odd input), this one is about ranking:
 * company names built from surnames (umlauts and ß), trade words and cities, legal forms in their
 * real spellings, partnerships ("Vogel & Lang IT", "Huber + Moser", "Keller und Frei"), and
 * FAMILIES of near-duplicates: one core name with several legal forms ("Müller IT GmbH" /
 * "Müller IT AG" / "Müller IT SE"), branches ("Müller IT Nord"), cities ("Müller IT München GmbH")
 * and decoys that share the surname with another trade word ("Müller EDV GmbH"). About one in ten
 * has one or two aliases, as support would enter them: the initials people use ("KDH" for "Krämer
 * Datentechnik Hannover GmbH") or a former name ("Krämer Bürotechnik").
 */
import type { Reseller, ResellerStatus } from '../../src/domain/reseller';
import { MAX_DOMAIN_LENGTH, MAX_NAME_LENGTH } from '../../src/store/directory';
import {
  DomainRegistry,
  formatResellerId,
  mulberry32,
  pick,
  pickWeighted,
  slugify,
  transliterate,
  type Random,
  type Weighted,
} from './resellers';

export type DachCountry = 'DE' | 'AT' | 'CH';

/** How a family member differs from the main entry ("Müller IT GmbH"). */
export type FamilyRole = 'main' | 'legal form' | 'branch' | 'city' | 'decoy';

export interface FamilyMember {
  id: string;
  role: FamilyRole;
  /** The word(s) that set it apart: its legal form, branch, city, or (decoys) its other trade word. */
  distinguishing: string;
}

/** A family of near-duplicate names: the members share `core` ("Müller IT"), decoys its surname. */
export interface ResellerFamily {
  core: string;
  surname: string;
  /** The main entry first, when the directory has it. */
  members: FamilyMember[];
}

export interface RealisticDirectory {
  resellers: Reseller[];
  families: ResellerFamily[];
}

// prettier-ignore
const SURNAMES: Readonly<Record<DachCountry, readonly string[]>> = {
  DE: [
    'Müller', 'Schäfer', 'Köhler', 'Weiß', 'Groß', 'Jäger', 'Bäcker', 'Schröder', 'Krüger', 'Böhm',
    'Günther', 'Kühn', 'Krämer', 'Strauß', 'Voß', 'Heß', 'Preuß', 'Möller', 'Götz', 'Löffler', 'Röder',
    'Nußbaum', 'Weißmann', 'Großmann', 'Schmidt', 'Schneider', 'Fischer', 'Meyer', 'Mayer', 'Wagner',
    'Becker', 'Hoffmann', 'Schulz', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann',
    'Braun', 'Hofmann', 'Hartmann', 'Lange', 'Lang', 'Werner', 'Krause', 'Lehmann', 'Fuchs', 'Vogel',
    'Sommer', 'Roth', 'Frank', 'Schubert', 'Dietrich', 'Kraus', 'Jung', 'Hahn', 'Vogt', 'Brandt', 'Haas',
    'Schuster', 'Engel', 'Horn', 'Pohl', 'Busch', 'Bergmann', 'Ludwig', 'Winter', 'Kaiser', 'Peters',
    'Ebert', 'Seidel', 'Thiele', 'Franke', 'Albrecht',
  ],
  AT: [
    'Gruber', 'Huber', 'Bauer', 'Pichler', 'Steiner', 'Moser', 'Hofer', 'Leitner', 'Berger', 'Eder',
    'Winkler', 'Wimmer', 'Egger', 'Brunner', 'Baumgartner', 'Höller', 'Pölzl', 'Grünwald', 'Auer',
    'Schwaiger', 'Lechner', 'Holzer', 'Reiter', 'Aigner', 'Wallner', 'Mösl', 'Königsberger', 'Fröhlich',
    'Stöger', 'Hörmann', 'Mayr', 'Haider', 'Fuchs', 'Müller', 'Weiß', 'Strauß',
  ],
  CH: [
    'Meier', 'Schmid', 'Keller', 'Weber', 'Gerber', 'Baumann', 'Frei', 'Widmer', 'Wyss', 'Graf', 'Bühler',
    'Zürcher', 'Lüthi', 'Bächli', 'Känzig', 'Flückiger', 'Brändli', 'Hügli', 'Stäubli', 'Fässler',
    'Ammann', 'Gasser', 'Hürlimann', 'Nägeli', 'Rüegg', 'Suter', 'Zbinden', 'Müller', 'Schäfer', 'Favre',
    'Rochat', 'Bernasconi',
  ],
};

// prettier-ignore
const CITIES: Readonly<Record<DachCountry, readonly string[]>> = {
  DE: [
    'München', 'Köln', 'Düsseldorf', 'Nürnberg', 'Würzburg', 'Lübeck', 'Göttingen', 'Osnabrück',
    'Saarbrücken', 'Tübingen', 'Gießen', 'Fürth', 'Berlin', 'Hamburg', 'Frankfurt', 'Stuttgart', 'Leipzig',
    'Dresden', 'Bremen', 'Hannover', 'Mainz', 'Münster', 'Augsburg', 'Karlsruhe',
  ],
  AT: [
    'Wien', 'Graz', 'Linz', 'Salzburg', 'Innsbruck', 'Klagenfurt', 'Villach', 'Wels', 'St. Pölten',
    'Dornbirn',
  ],
  CH: [
    'Zürich', 'Basel', 'Bern', 'Luzern', 'St. Gallen', 'Winterthur', 'Zug', 'Lausanne', 'Genève', 'Lugano',
  ],
};

/** Trade words that follow a surname ("Müller IT", "Zimmermann EDV"). */
// prettier-ignore
const TRADES = [
  'IT', 'EDV', 'Systemhaus', 'Cloud', 'Digital', 'Consulting', 'Netzwerk', 'Informatik', 'Software',
  'Partner', 'IT-Service', 'IT-Lösungen', 'Datentechnik', 'Bürotechnik', 'Computer', 'Netzwerktechnik',
  'Solutions', 'Services', 'Medien', 'Kommunikation', 'Technologies', 'Workspace',
] as const;
/** A second trade word ("Müller IT Consulting GmbH"). */
const TRADE_TAILS = [
  'Consulting',
  'Service',
  'Solutions',
  'Beratung',
  'Partner',
  'Services',
  'Technik',
] as const;
// prettier-ignore
const BRANCHES = ['Nord', 'Süd', 'West', 'Ost', 'Mitte', 'Rhein-Main', 'Südwest', 'Nordost'] as const;
// prettier-ignore
const BRAND_HEADS = [
  'Daten', 'Netz', 'Bit', 'Cloud', 'Rechen', 'Büro', 'Digital', 'Byte', 'Code', 'Web',
] as const;
// prettier-ignore
const BRAND_TAILS = [
  'werk', 'haus', 'fabrik', 'kontor', 'schmiede', 'werkstatt', 'lotse', 'brücke', 'pilot',
] as const;
const GESELLSCHAFT_FIELDS = [
  'Datenverarbeitung',
  'Informationstechnik',
  'Kommunikationssysteme',
  'Bürosysteme',
];

// prettier-ignore
const LEGAL_FORMS: Readonly<Record<DachCountry, Weighted<string>>> = {
  DE: [
    ['GmbH', 45], ['GmbH & Co. KG', 10], ['UG (haftungsbeschränkt)', 7], ['e.K.', 6], ['AG', 6], ['KG', 4],
    ['OHG', 3], ['GbR', 3], ['SE', 2], ['UG', 2], ['Ltd', 1], ['Inc', 1], ['LLC', 1], ['B.V.', 1],
  ],
  AT: [
    ['GmbH', 55], ['KG', 9], ['OG', 8], ['e.U.', 8], ['AG', 5], ['GesmbH', 4], ['GmbH & Co KG', 4],
    ['Ltd', 1],
  ],
  CH: [
    ['AG', 45], ['GmbH', 35], ['Sàrl', 6], ['S.à r.l.', 3], ['SA', 4], ['S.r.l.', 2], ['Ltd', 1],
    ['Inc', 1], ['LLC', 1],
  ],
};
/** Forms a family's variants take, besides the main one. */
// prettier-ignore
const VARIANT_FORMS: Readonly<Record<DachCountry, readonly string[]>> = {
  DE: ['AG', 'SE', 'KG', 'GmbH & Co. KG', 'UG (haftungsbeschränkt)', 'e.K.', 'OHG', 'mbH', 'GmbH'],
  AT: ['AG', 'KG', 'OG', 'GmbH & Co KG', 'e.U.', 'GmbH'],
  CH: ['GmbH', 'SA', 'Sàrl', 'S.à r.l.', 'AG'],
};
// prettier-ignore
const TLDS: Readonly<Record<DachCountry, Weighted<string>>> = {
  DE: [
    ['de', 85],
    ['com', 8],
    ['eu', 4],
    ['net', 3],
  ],
  AT: [
    ['at', 85],
    ['com', 8],
    ['eu', 4],
    ['co.at', 3],
  ],
  CH: [
    ['ch', 85],
    ['com', 8],
    ['swiss', 3],
    ['li', 4],
  ],
};
const COUNTRY_WEIGHTS: Weighted<DachCountry> = [
  ['DE', 65],
  ['AT', 18],
  ['CH', 17],
];
const OTHER_STATUSES: readonly ResellerStatus[] = [
  'applied',
  'agreement_sent',
  'agreement_signed',
  'rejected',
  'suspended',
];

/** Every legal-form spelling the generator writes, longest first (for stripping them off a name). */
export const LEGAL_FORM_SPELLINGS: readonly string[] = [
  ...new Set([
    ...Object.values(LEGAL_FORMS).flatMap((forms) => forms.map(([f]) => f)),
    ...Object.values(VARIANT_FORMS).flat(),
  ]),
].sort((a, b) => b.length - a.length);

export { MAX_DOMAIN_LENGTH, MAX_NAME_LENGTH };

/** The name without its trailing legal form: "Müller IT GmbH & Co. KG" → "Müller IT". */
export function withoutLegalForm(name: string): string {
  for (const form of LEGAL_FORM_SPELLINGS)
    if (name.endsWith(` ${form}`)) return name.slice(0, -form.length - 1);
  return name;
}

interface Draft {
  name: string;
  country: DachCountry;
  family?: { index: number; core: string; surname: string; role: FamilyRole; distinguishing: string };
}

function withForm(random: Random, core: string, country: DachCountry): string {
  return `${core} ${pickWeighted(random, LEGAL_FORMS[country])}`;
}

function connector(random: Random): string {
  const r = random();
  return r < 0.6 ? '&' : r < 0.8 ? '+' : 'und';
}

function singleName(random: Random, country: DachCountry): string {
  const surname = (): string => pick(random, SURNAMES[country]);
  const trade = (): string => pick(random, TRADES);
  const city = (): string => pick(random, CITIES[country]);
  const r = random();
  if (r < 0.3) return withForm(random, `${surname()} ${trade()}`, country);
  if (r < 0.4) return withForm(random, `${surname()} ${trade()} ${pick(random, TRADE_TAILS)}`, country);
  if (r < 0.53) {
    const first = surname();
    let second = surname();
    if (second === first) second = surname();
    const tail = random() < 0.6 ? ` ${trade()}` : '';
    return withForm(random, `${first} ${connector(random)} ${second}${tail}`, country);
  }
  if (r < 0.61) return withForm(random, `${trade()} ${surname()}`, country);
  if (r < 0.71) return withForm(random, `${trade()} ${city()}`, country);
  if (r < 0.79) return withForm(random, `${surname()} ${trade()} ${city()}`, country);
  if (r < 0.89) {
    const brand = `${pick(random, BRAND_HEADS)}${pick(random, BRAND_TAILS)}`;
    return withForm(random, random() < 0.4 ? `${brand} ${city()}` : brand, country);
  }
  if (r < 0.94) {
    const letters = [0, 1, 2].map(() => surname().charAt(0)).join('');
    return withForm(random, `${letters} ${trade()}`, country);
  }
  if (country === 'CH' && random() < 0.5) {
    const [word, form] = random() < 0.5 ? ['Informatique', 'Sàrl'] : ['Informatica', 'S.r.l.'];
    return `${surname()} ${word} ${form}`;
  }
  return `${surname()} Gesellschaft für ${pick(random, GESELLSCHAFT_FIELDS)} mbH`;
}

/** A family: main entry, legal-form variants, branches, cities and same-surname decoys. */
function familyDrafts(random: Random, country: DachCountry, family: number, size: number): Draft[] {
  const surname = pick(random, SURNAMES[country]);
  const trade = pick(random, [
    'IT',
    'EDV',
    'Cloud',
    'Digital',
    'Systemhaus',
    'Software',
    'Informatik',
    'Netzwerk',
  ]);
  const core = `${surname} ${trade}`;
  const mainForm = (LEGAL_FORMS[country][0] as readonly [string, number])[0];
  const of = (role: FamilyRole, distinguishing: string): Draft['family'] => ({
    index: family,
    core,
    surname,
    role,
    distinguishing,
  });
  const drafts: Draft[] = [{ name: `${core} ${mainForm}`, country, family: of('main', mainForm) }];
  const member = (name: string, role: FamilyRole, distinguishing: string, where = country): void => {
    if (!drafts.some((d) => d.name === name))
      drafts.push({ name, country: where, family: of(role, distinguishing) });
  };
  for (let guard = 0; drafts.length < size && guard < 40; guard++) {
    const r = random();
    if (r < 0.35) {
      const form = pick(random, VARIANT_FORMS[country]);
      if (form !== mainForm) member(`${core} ${form}`, 'legal form', form);
    } else if (r < 0.55) {
      const branch = pick(random, BRANCHES);
      member(random() < 0.5 ? `${core} ${branch}` : `${core} ${branch} ${mainForm}`, 'branch', branch);
    } else if (r < 0.8) {
      const where = random() < 0.8 ? country : pick(random, ['DE', 'AT', 'CH'] as const);
      const city = pick(random, CITIES[where]);
      member(withForm(random, `${core} ${city}`, where), 'city', city, where);
    } else {
      const other = pick(random, TRADES);
      if (other !== trade) member(withForm(random, `${surname} ${other}`, country), 'decoy', other);
    }
  }
  return drafts;
}

/** "Müller IT GmbH" in Germany, "Mueller IT GmbH" in Austria: the same name typed without umlauts. */
function twinOf(random: Random, draft: Draft): Draft | undefined {
  const plain = transliterate(draft.name);
  if (plain === draft.name) return undefined;
  return { name: plain, country: pick(random, ['DE', 'AT', 'CH'] as const) };
}

function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Share of resellers with aliases, and the former trades an alias may name. */
const ALIAS_SHARE = 0.1;
// Not among TRADES: a former name rarely is another reseller's current one.
const FORMER_TRADES = [
  'Büromaschinen',
  'Computertechnik',
  'Rechenzentrum',
  'Systeme',
  'Datenservice',
  'Net',
] as const;
const NOT_INITIALS = new Set(['&', '+', 'und', 'für', 'and', 'de', 'la']);

/** The initials of a name without its legal form, when there are three or more ("KDH"). */
function initialsOf(name: string): string | undefined {
  const words = withoutLegalForm(name)
    .split(/[\s-]+/)
    .filter((w) => w !== '' && !NOT_INITIALS.has(w.toLowerCase()));
  const initials = words.map((w) => w.charAt(0).toUpperCase()).join('');
  return initials.length >= 3 && /^\p{Lu}+$/u.test(initials) ? initials : undefined;
}

/**
 * One or two aliases for about one reseller in ten, from a random stream of their own, so that the
 * names, ids and statuses stay what they were before aliases existed.
 */
function aliasesFor(random: Random, name: string): string[] | undefined {
  if (random() >= ALIAS_SHARE) return undefined;
  const first = withoutLegalForm(name).split(' ')[0] ?? name;
  const former = `${first} ${pick(random, FORMER_TRADES)}`;
  const initials = initialsOf(name);
  const candidates = initials ? (random() < 0.5 ? [initials, former] : [former, initials]) : [former];
  const aliases = candidates.slice(0, random() < 0.6 ? 1 : 2).filter((a) => a !== name);
  return aliases.length > 0 ? aliases : undefined;
}

/**
 * `count` resellers in DE, AT and CH (~88 % approved), with families of near-duplicates. Ids
 * R-00001… are assigned in a shuffled order, so a family's members are not neighbours by id.
 */
export function generateRealisticDirectory(count: number, seed = 1): RealisticDirectory {
  const random = mulberry32(seed * 7919 + 17);
  const drafts: Draft[] = [];
  const names = new Set<string>();
  const familyCount = { n: 0 };
  const add = (draft: Draft): boolean => {
    const key = draft.name.toLowerCase();
    if (names.has(key) || drafts.length >= count || draft.name.length > MAX_NAME_LENGTH) return false;
    names.add(key);
    drafts.push(draft);
    return true;
  };
  for (let guard = 0; drafts.length < count && guard < count * 50; guard++) {
    const country = pickWeighted(random, COUNTRY_WEIGHTS);
    const r = random();
    if (r < 0.07) {
      const members = familyDrafts(random, country, familyCount.n, 3 + Math.floor(random() * 5));
      const accepted = members.filter((m) => add(m));
      if (accepted.length > 0) familyCount.n++;
    } else {
      const draft = { name: singleName(random, country), country };
      if (add(draft) && random() < 0.04) {
        const twin = twinOf(random, draft);
        if (twin) add(twin);
      }
    }
  }
  shuffle(random, drafts);
  const domains = new DomainRegistry();
  const aliasRandom = mulberry32(seed * 104729 + 3);
  const families: ResellerFamily[] = [];
  const resellers = drafts.map((draft, i): Reseller => {
    const id = formatResellerId(i + 1);
    const member = draft.family;
    if (member) {
      const family = (families[member.index] ??= { core: member.core, surname: member.surname, members: [] });
      const entry = { id, role: member.role, distinguishing: member.distinguishing };
      if (member.role === 'main') family.members.unshift(entry);
      else family.members.push(entry);
    }
    const slug = slugify(withoutLegalForm(draft.name)).slice(0, 60);
    const reseller: Reseller = {
      id,
      name: draft.name,
      domain: domains.claim(slug, pickWeighted(random, TLDS[draft.country])),
      country: draft.country,
      // Family members are mostly approved: they are what the ranking has to tell apart.
      status: random() < (member ? 0.95 : 0.87) ? 'approved' : pick(random, OTHER_STATUSES),
    };
    const aliases = aliasesFor(aliasRandom, draft.name);
    if (aliases) reseller.aliases = aliases;
    return reseller;
  });
  return { resellers, families: families.filter((f) => f !== undefined && f.members.length >= 2) };
}

export function generateRealisticResellers(count: number, seed = 1): Reseller[] {
  return generateRealisticDirectory(count, seed).resellers;
}
