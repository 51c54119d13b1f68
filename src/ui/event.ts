/**
 * The parts of a Workspace add-on event the handlers use, read defensively: parameters and form
 * inputs come from the client and are treated as untrusted input.
 */
import { languageFromLocale, type Language } from './i18n';

export interface AddonEvent {
  commonEventObject?: {
    userLocale?: string;
    timeZone?: { id?: string; offset?: number };
    parameters?: Record<string, unknown>;
    formInputs?: Record<string, { stringInputs?: { value?: unknown[] } }>;
  };
}

export interface EventView {
  language: Language;
  /** The user's UTC offset in milliseconds, for showing dates in their time zone. */
  utcOffsetMs: number;
  parameter(name: string): string | undefined;
  formValue(name: string): string | undefined;
}

export function readEvent(event: AddonEvent | undefined): EventView {
  const common = event?.commonEventObject ?? {};
  const offset = common.timeZone?.offset;
  return {
    language: languageFromLocale(common.userLocale),
    utcOffsetMs: typeof offset === 'number' && Number.isFinite(offset) ? offset : 0,
    parameter(name) {
      const value = common.parameters?.[name];
      return typeof value === 'string' ? value : undefined;
    },
    formValue(name) {
      const value = common.formInputs?.[name]?.stringInputs?.value?.[0];
      return typeof value === 'string' ? value : undefined;
    },
  };
}
