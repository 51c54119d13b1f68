/**
 * Event objects shaped as Google documents them for Workspace add-ons (commonEventObject with
 * hostApp, platform, formInputs, parameters, userLocale, timeZone), plus the legacy Gmail fields that
 * Google still sends. Locale and time zone are present because the manifest sets useLocaleFromApp
 * and requests the script.locale scope.
 */
import type { Identity } from './host';

type CommonEventObject = GoogleAppsScript.Addons.CommonEventObject;

/**
 * A text input as the V8 runtime sends it. @types also requires the Rhino runtime's wrapper (a single
 * "" key around the same object) on every input, which V8 does not send, so this one field cannot
 * take the published type.
 */
export interface FormInputJson {
  stringInputs: GoogleAppsScript.Addons.StringInputObject;
}

/**
 * An event as Google sends it to a Gmail add-on: the published EventObject where it fits (so
 * `timeZone.offset` is a string of milliseconds, as in @types), with form inputs as V8 sends them,
 * `parameters` only when the action has some, and the legacy top-level fields @types leaves out.
 */
export interface AddonEventJson extends Omit<
  GoogleAppsScript.Addons.EventObject,
  'commonEventObject' | 'gmail'
> {
  commonEventObject: Omit<CommonEventObject, 'formInputs' | 'parameters' | 'userLocale' | 'timeZone'> & {
    userLocale: string;
    timeZone: NonNullable<CommonEventObject['timeZone']>;
    formInputs?: Record<string, FormInputJson>;
    parameters?: CommonEventObject['parameters'];
  };
  /** Empty on the homepage: no message is open. */
  gmail?: Partial<GoogleAppsScript.Addons.GmailEventObject>;
  formInput?: Record<string, string>;
  formInputs?: Record<string, string[]>;
  parameters?: Record<string, string>;
  userLocale: string;
  userTimezone: { id: string; offSet: string };
  hostApp: 'gmail';
  clientPlatform: 'web';
}

export interface ActionInput {
  parameters?: Record<string, string>;
  /** Form values by widget name; a multi-select widget sends several values. */
  formInputs?: Record<string, string | string[]>;
}

/** A time zone's UTC offset at a moment, in milliseconds (Google sends it as a string in timeZone.offset). */
export function timeZoneOffsetMs(timeZone: string, at = Date.now()): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(at / 1000) * 1000;
}

export function homepageEvent(identity: Identity, now = Date.now()): AddonEventJson {
  return baseEvent(identity, now);
}

/** The event of a contextual trigger: the user opened a message (Gmail sends its id and a token). */
export function gmailMessageEvent(
  identity: Identity,
  messageId: string,
  accessToken: string,
  now = Date.now(),
): AddonEventJson {
  return { ...baseEvent(identity, now), gmail: { messageId, threadId: messageId, accessToken } };
}

export function actionEvent(identity: Identity, input: ActionInput = {}, now = Date.now()): AddonEventJson {
  const event = baseEvent(identity, now);
  const formInputs: Record<string, FormInputJson> = {};
  const legacyInput: Record<string, string> = {};
  const legacyInputs: Record<string, string[]> = {};
  for (const [name, raw] of Object.entries(input.formInputs ?? {})) {
    const values = Array.isArray(raw) ? raw : [raw];
    formInputs[name] = { stringInputs: { value: values } };
    legacyInputs[name] = values;
    if (values[0] !== undefined) legacyInput[name] = values[0];
  }
  if (Object.keys(formInputs).length > 0) {
    event.commonEventObject.formInputs = formInputs;
    event.formInput = legacyInput;
    event.formInputs = legacyInputs;
  }
  if (input.parameters && Object.keys(input.parameters).length > 0) {
    event.commonEventObject.parameters = { ...input.parameters };
    event.parameters = { ...input.parameters };
  }
  return event;
}

function baseEvent(identity: Identity, now: number): AddonEventJson {
  const offset = String(timeZoneOffsetMs(identity.timeZone, now));
  return {
    commonEventObject: {
      hostApp: 'GMAIL',
      platform: 'WEB',
      userLocale: identity.locale,
      timeZone: { id: identity.timeZone, offset },
    },
    gmail: {},
    userLocale: identity.locale,
    userTimezone: { id: identity.timeZone, offSet: offset },
    hostApp: 'gmail',
    clientPlatform: 'web',
  };
}
