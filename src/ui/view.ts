import { formatDate, translator, type Language, type Translate, type UserTimeZone } from './i18n';

/** What every screen needs to speak to the user: their language and time zone. */
export interface View {
  language: Language;
  t: Translate;
  date(epochMs: number): string;
}

/** Dates are shown in the user's time zone: its IANA id first, else its UTC offset, else UTC. */
export function createView(language: Language, timeZone: UserTimeZone): View {
  return { language, t: translator(language), date: (ms) => formatDate(language, ms, timeZone) };
}
