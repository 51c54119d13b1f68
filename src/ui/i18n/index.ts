/**
 * Messages in the user's language. The language comes from the event's userLocale (the manifest sets
 * useLocaleFromApp); anything we have no catalogue for falls back to English.
 */
import { de } from './de';
import { en, type Catalogue, type MessageKey } from './en';

export type Language = 'en' | 'de';
export type { MessageKey };

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, de };

/**
 * The catalogue for a locale such as 'de-AT'. Takes `unknown` because the locale comes straight from
 * the event: a number, an array or an object there must give English, not a crash in every callback.
 */
export function languageFromLocale(locale: unknown): Language {
  if (typeof locale !== 'string') return 'en';
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0];
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

/** The user's time zone as the event gives it: an IANA id, and the UTC offset at the event's moment. */
export interface UserTimeZone {
  id?: string;
  offsetMs?: number;
}

/**
 * Real UTC offsets lie within ±14 hours; ±18 hours is the widest that time libraries (Java's
 * ZoneOffset among them) accept. A larger "offset" is garbage, not a time zone.
 */
export const MAX_UTC_OFFSET_MS = 18 * 60 * 60 * 1000;

/** The range of a JavaScript Date (ECMA-262 TimeClip); anything beyond it is no moment at all. */
const MAX_EPOCH_MS = 8.64e15;

/**
 * A calendar date in the user's language and time zone ("23 Nov 2026" / "23.11.2026"), or the
 * catalogue's "unknown date" for a value that is no moment (NaN, Infinity, out of a Date's range).
 *
 * The day is taken from the IANA zone id when the runtime knows it, because a fixed offset is right
 * only at the moment the event was sent: a date on the other side of a daylight-saving change would
 * be an hour off, a day off around midnight. Google does not document which time zones Apps Script's
 * Intl knows, so an id it rejects falls back to the event's offset, and that to UTC. The output is
 * formatted by hand rather than with Intl's locale data, which Apps Script does not promise either.
 */
export function formatDate(language: Language, epochMs: number, timeZone: UserTimeZone = {}): string {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > MAX_EPOCH_MS)
    return CATALOGUES[language]['date.unknown'];
  const date =
    (timeZone.id !== undefined ? dateInZone(timeZone.id, epochMs) : undefined) ??
    dateAtOffset(epochMs, timeZone.offsetMs) ??
    dateAtOffset(epochMs, 0);
  if (!date) return CATALOGUES[language]['date.unknown'];
  if (language === 'de') return `${pad2(date.day)}.${pad2(date.month)}.${date.year}`;
  return `${date.day} ${MONTHS_EN[date.month - 1] ?? ''} ${date.year}`;
}

interface CalendarDate {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
}

function dateAtOffset(epochMs: number, offsetMs: number | undefined): CalendarDate | undefined {
  if (offsetMs === undefined || !Number.isFinite(offsetMs) || Math.abs(offsetMs) > MAX_UTC_OFFSET_MS)
    return undefined;
  const local = new Date(epochMs + offsetMs);
  // Near the end of a Date's range the offset can push past it: then this offset gives no date.
  if (Number.isNaN(local.getTime())) return undefined;
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** Formatters by zone id; `null` remembers an id the runtime rejected, so it is not tried again. */
const ZONE_FORMATTERS = new Map<string, Intl.DateTimeFormat | null>();
/** Ids come from events: keep only a few formatters, whatever a caller sends. */
const ZONE_FORMATTERS_MAX = 16;

function dateInZone(id: string, epochMs: number): CalendarDate | undefined {
  const formatter = zoneFormatter(id);
  if (!formatter) return undefined;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatter.formatToParts(new Date(epochMs));
  } catch {
    return undefined;
  }
  const part = (type: Intl.DateTimeFormatPartTypes): number => {
    const value = parts.find((p) => p.type === type)?.value;
    return value !== undefined && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  };
  const eraYear = part('year');
  const month = part('month');
  const day = part('day');
  if (!(eraYear >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  // Intl counts years before 1 AD as 1 BC, 2 BC, …; a Date (and the offset fallback) as 0, -1, ….
  const bc = parts.find((p) => p.type === 'era')?.value === 'BC';
  return { year: bc ? 1 - eraYear : eraYear, month, day };
}

function zoneFormatter(id: string): Intl.DateTimeFormat | null {
  const cached = ZONE_FORMATTERS.get(id);
  if (cached !== undefined) return cached;
  let formatter: Intl.DateTimeFormat | null;
  try {
    // 'en-US' only for its numeric parts and era names, which every ICU build has.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
  } catch {
    // A RangeError for an id the runtime does not know; anything else Intl might throw means the same.
    formatter = null;
  }
  if (ZONE_FORMATTERS.size >= ZONE_FORMATTERS_MAX) ZONE_FORMATTERS.clear();
  ZONE_FORMATTERS.set(id, formatter);
  return formatter;
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
