/**
 * Reading a Workspace add-on event. Entry points are typed with the published EventObject, but what
 * arrives is read as `unknown`: parameters and form inputs come back from the client, so a stale or
 * tampered card can send anything, and one malformed field must not crash every callback. Reading
 * never throws; whatever cannot be read is simply absent, and `forged` says that the event was not
 * one Google sends, so that write actions can refuse it.
 */
import { languageFromLocale, MAX_UTC_OFFSET_MS, type Language, type UserTimeZone } from './i18n';

/** What Apps Script passes to a trigger or callback, as @types/google-apps-script publishes it. */
export type AddonEvent = GoogleAppsScript.Addons.EventObject;

export interface EventView {
  language: Language;
  /** For showing dates in the user's time zone; empty when the event names none (then UTC). */
  timeZone: UserTimeZone;
  /**
   * The event carries parameters that are not a plain object of strings, or a form input of a type
   * no widget sends: a forged or broken event, on which nothing may be written.
   */
  forged: boolean;
  parameter(name: string): string | undefined;
  formValue(name: string): string | undefined;
  /** The email the user has open (contextual trigger), as Gmail's event names it. */
  message?: { messageId: string; accessToken: string };
}

type Fields = Record<string, unknown>;

export function readEvent(event: unknown): EventView {
  try {
    return view(event);
  } catch (error) {
    // Plain JSON cannot throw when read; an exotic object (a getter, a proxy) can, and is no event.
    console.error('unreadable event', error);
    return {
      language: 'en',
      timeZone: {},
      forged: true,
      parameter: () => undefined,
      formValue: () => undefined,
    };
  }
}

/**
 * Google sends each field in `commonEventObject` and, for older add-ons, at the top level too
 * (`parameters`, `formInput`, `formInputs`, `userLocale`, `userTimezone`). The top-level field is read
 * only when commonEventObject lacks it, and each field comes from one source, so a tampered event
 * cannot mix a parameter from one with a parameter from the other.
 */
function view(event: unknown): EventView {
  const top = fields(event) ?? {};
  const common = fields(own(top, 'commonEventObject')) ?? {};

  const commonParameters = own(common, 'parameters');
  const topParameters = own(top, 'parameters');
  const parameters = stringEntries(commonParameters !== undefined ? commonParameters : topParameters);

  const commonForm = own(common, 'formInputs');
  const topForm = own(top, 'formInput');
  const topForms = own(top, 'formInputs');
  const formValues =
    commonForm !== undefined
      ? commonFormValues(commonForm)
      : topForm !== undefined
        ? stringEntries(topForm)
        : firstStrings(topForms);

  const forged =
    !isStringMapOrAbsent(commonParameters) ||
    !isStringMapOrAbsent(topParameters) ||
    !isCommonFormOrAbsent(commonForm) ||
    !isStringMapOrAbsent(topForm) ||
    !isStringListMapOrAbsent(topForms);

  const locale = [own(common, 'userLocale'), own(top, 'userLocale')].find((v) => typeof v === 'string');
  const zone = fields(own(common, 'timeZone'));
  const topZone = fields(own(top, 'userTimezone'));
  const id = zoneId(own(zone, 'id')) ?? zoneId(own(topZone, 'id'));
  const offsetMs = utcOffset(own(zone, 'offset')) ?? utcOffset(own(topZone, 'offSet'));
  const timeZone: UserTimeZone = {};
  if (id !== undefined) timeZone.id = id;
  if (offsetMs !== undefined) timeZone.offsetMs = offsetMs;

  const gmail = fields(own(top, 'gmail'));
  const messageId = own(gmail, 'messageId');
  const accessToken = own(gmail, 'accessToken');
  const message =
    typeof messageId === 'string' && messageId !== '' && typeof accessToken === 'string' && accessToken !== ''
      ? { messageId, accessToken }
      : undefined;

  return {
    language: languageFromLocale(locale),
    timeZone,
    forged,
    parameter: (name) => parameters.get(name),
    formValue: (name) => formValues.get(name),
    ...(message ? { message } : {}),
  };
}

/** An object with named fields (JSON's object, from any realm); arrays and everything else are not. */
function fields(value: unknown): Fields | undefined {
  return typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.prototype.toString.call(value) === '[object Object]'
    ? (value as Fields)
    : undefined;
}

/** An own field only: `__proto__`, `constructor` or `toString` must never come from a prototype. */
function own(value: Fields | undefined, key: string): unknown {
  return value !== undefined && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

/** The string-valued fields of a map, in a Map so that no key can reach a prototype. */
function stringEntries(value: unknown): Map<string, string> {
  const map = new Map<string, string>();
  const object = fields(value);
  if (!object) return map;
  for (const key of Object.keys(object)) {
    const entry = object[key];
    if (typeof entry === 'string') map.set(key, entry);
  }
  return map;
}

/** The first value of each string-array-valued field (the legacy top-level `formInputs`). */
function firstStrings(value: unknown): Map<string, string> {
  const map = new Map<string, string>();
  const object = fields(value);
  if (!object) return map;
  for (const key of Object.keys(object)) {
    const entry = object[key];
    if (Array.isArray(entry) && typeof entry[0] === 'string') map.set(key, entry[0]);
  }
  return map;
}

/**
 * `commonEventObject.formInputs`: V8 sends `{ name: { stringInputs: { value: [...] } } }`; Google also
 * documents (and @types types) a wrapper with a single "" key around the same object.
 */
function commonFormValues(value: unknown): Map<string, string> {
  const map = new Map<string, string>();
  const object = fields(value);
  if (!object) return map;
  for (const key of Object.keys(object)) {
    const entry = fields(object[key]);
    const inputs = own(entry, 'stringInputs') ?? own(fields(own(entry, '')), 'stringInputs');
    const values = own(fields(inputs), 'value');
    if (Array.isArray(values) && typeof values[0] === 'string') map.set(key, values[0]);
  }
  return map;
}

function isStringMapOrAbsent(value: unknown): boolean {
  if (value === undefined) return true;
  const object = fields(value);
  return object !== undefined && Object.keys(object).every((key) => typeof object[key] === 'string');
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isStringListMapOrAbsent(value: unknown): boolean {
  if (value === undefined) return true;
  const object = fields(value);
  return object !== undefined && Object.keys(object).every((key) => isStringList(object[key]));
}

/**
 * Every entry an object; text inputs, where present, `{ value: string[] }`. Date and time inputs are
 * not checked: no card of ours has them, and their values are never read.
 */
function isCommonFormOrAbsent(value: unknown): boolean {
  if (value === undefined) return true;
  const object = fields(value);
  if (!object) return false;
  const isInputs = (entry: Fields): boolean => {
    const inputs = own(entry, 'stringInputs');
    return inputs === undefined || isStringList(own(fields(inputs), 'value'));
  };
  return Object.keys(object).every((key) => {
    const entry = fields(object[key]);
    if (!entry || !isInputs(entry)) return false;
    const wrapped = own(entry, '');
    if (wrapped === undefined) return true;
    const inner = fields(wrapped);
    return inner !== undefined && isInputs(inner);
  });
}

/** IANA ids are short names such as "Europe/Berlin" or "Etc/GMT-5"; anything else names no zone. */
function zoneId(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value) ? value : undefined;
}

/** Milliseconds east of UTC: @types (and Google) give a string, older code a number; either is read. */
function utcOffset(value: unknown): number | undefined {
  const ms =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*[+-]?\d{1,12}(\.\d{1,6})?\s*$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_UTC_OFFSET_MS ? ms : undefined;
}
