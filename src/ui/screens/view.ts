import { formatDate, translator, type Language, type Translate } from '../i18n';

/** What every screen needs to speak to the user: their language and time zone. */
export interface View {
  language: Language;
  t: Translate;
  date(epochMs: number): string;
}

export function createView(language: Language, utcOffsetMs: number): View {
  return { language, t: translator(language), date: (ms) => formatDate(language, ms, utcOffsetMs) };
}
