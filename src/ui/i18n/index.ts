/**
 * Messages in the user's language. The language comes from the event's userLocale (the manifest sets
 * useLocaleFromApp); anything we have no catalogue for falls back to English.
 */
import { de } from './de';
import { en, type Catalogue, type MessageKey } from './en';

export type Language = 'en' | 'de';
export type { MessageKey };

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, de };

export function languageFromLocale(locale: string | undefined): Language {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'de' ? 'de' : 'en';
}

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/** Fills {placeholders}; a placeholder without a value stays visible rather than vanishing silently. */
export function translator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  return (key, params = {}) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date in the user's language and time zone ("23 Nov 2026" / "23.11.2026"). Formatted by
 * hand from the event's UTC offset rather than with Intl, whose locale data Apps Script does not
 * promise.
 */
export function formatDate(language: Language, epochMs: number, utcOffsetMs: number): string {
  const local = new Date(epochMs + utcOffsetMs);
  const day = local.getUTCDate();
  const month = local.getUTCMonth();
  const year = local.getUTCFullYear();
  if (language === 'de') return `${pad2(day)}.${pad2(month + 1)}.${year}`;
  return `${day} ${MONTHS_EN[month]} ${year}`;
}

const COUNTRY_NAMES: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  en: {
    DE: 'Germany',
    AT: 'Austria',
    CH: 'Switzerland',
    NL: 'Netherlands',
    FR: 'France',
    GB: 'United Kingdom',
    US: 'United States',
    IT: 'Italy',
    ES: 'Spain',
    BE: 'Belgium',
    LU: 'Luxembourg',
    PL: 'Poland',
    DK: 'Denmark',
  },
  de: {
    DE: 'Deutschland',
    AT: 'Österreich',
    CH: 'Schweiz',
    NL: 'Niederlande',
    FR: 'Frankreich',
    GB: 'Vereinigtes Königreich',
    US: 'Vereinigte Staaten',
    IT: 'Italien',
    ES: 'Spanien',
    BE: 'Belgien',
    LU: 'Luxemburg',
    PL: 'Polen',
    DK: 'Dänemark',
  },
};

/** A country's name in the user's language, or its ISO code when we have no name for it. */
export function countryName(language: Language, code: string): string {
  return COUNTRY_NAMES[language][code.toUpperCase()] ?? code.toUpperCase();
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
