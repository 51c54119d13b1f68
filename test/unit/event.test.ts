/** Reading add-on events of any shape: what Google documents, what older runtimes send, and garbage. */
import { actionEvent, homepageEvent, timeZoneOffsetMs } from '../../dev/runtime/events';
import { readEvent } from '../../src/ui/event';
import { languageFromLocale } from '../../src/ui/i18n';

const anna = { email: 'anna@acme.de', locale: 'de-AT', timeZone: 'Europe/Berlin' };
/** Monday 23 Nov 2026, 09:30 UTC: Berlin is on CET (+1 h). */
const NOW = Date.UTC(2026, 10, 23, 9, 30);
const HOUR_MS = 60 * 60 * 1000;

/** An event exactly as JSON carries it: own `__proto__` keys stay keys, as Google's events would. */
function json(text: string): unknown {
  return JSON.parse(text);
}

describe("the local runtime's events", () => {
  it('carry timeZone.offset as a string of milliseconds, as @types types it', () => {
    const event = homepageEvent(anna, NOW);
    expect(event.commonEventObject.timeZone).toEqual({ id: 'Europe/Berlin', offset: '3600000' });
    expect(event.userTimezone).toEqual({ id: 'Europe/Berlin', offSet: '3600000' });
    const summer = Date.UTC(2026, 6, 1);
    expect(homepageEvent(anna, summer).commonEventObject.timeZone.offset).toBe(
      String(timeZoneOffsetMs('Europe/Berlin', summer)),
    );
    expect(timeZoneOffsetMs('Europe/Berlin', summer)).toBe(2 * HOUR_MS);
  });
});

describe('readEvent: events as Google sends them', () => {
  it('reads language, time zone, parameters and form values of a V8 event', () => {
    const event = readEvent(
      actionEvent(
        anna,
        {
          parameters: { resellerId: 'R-00001', domain: 'acme.de' },
          formInputs: { changeReason: 'Wrong one' },
        },
        NOW,
      ),
    );
    expect(event.language).toBe('de');
    expect(event.timeZone).toEqual({ id: 'Europe/Berlin', offsetMs: HOUR_MS });
    expect(event.forged).toBe(false);
    expect(event.parameter('resellerId')).toBe('R-00001');
    expect(event.parameter('domain')).toBe('acme.de');
    expect(event.formValue('changeReason')).toBe('Wrong one');
    expect(event.parameter('missing')).toBeUndefined();
    expect(event.formValue('missing')).toBeUndefined();
  });

  it('reads the homepage event, which has no parameters and no form', () => {
    const event = readEvent(homepageEvent(anna, NOW));
    expect(event).toMatchObject({ language: 'de', forged: false });
    expect(event.parameter('domain')).toBeUndefined();
  });

  it('reads the documented wrapper with a single "" key around a form input', () => {
    const event = readEvent({
      commonEventObject: { formInputs: { changeReason: { '': { stringInputs: { value: ['Wrapped'] } } } } },
    });
    expect(event.formValue('changeReason')).toBe('Wrapped');
    expect(event.forged).toBe(false);
  });

  it('takes the first value of a multi-value input', () => {
    const event = readEvent(actionEvent(anna, { formInputs: { pick: ['first', 'second'] } }, NOW));
    expect(event.formValue('pick')).toBe('first');
  });

  it('reads the legacy top-level fields when commonEventObject lacks them', () => {
    const legacy = {
      parameters: { resellerId: 'R-00002' },
      formInput: { changeReason: 'From formInput' },
      userLocale: 'de',
      userTimezone: { id: 'America/New_York', offSet: '-18000000' },
    };
    const event = readEvent(legacy);
    expect(event.language).toBe('de');
    expect(event.timeZone).toEqual({ id: 'America/New_York', offsetMs: -5 * HOUR_MS });
    expect(event.parameter('resellerId')).toBe('R-00002');
    expect(event.formValue('changeReason')).toBe('From formInput');
    expect(event.forged).toBe(false);
    expect(readEvent({ formInputs: { changeReason: ['From formInputs'] } }).formValue('changeReason')).toBe(
      'From formInputs',
    );
  });

  it('takes each field from commonEventObject when it has it, never mixing the two sources', () => {
    const event = readEvent({
      commonEventObject: { parameters: { resellerId: 'R-00001' }, userLocale: 'en' },
      parameters: { resellerId: 'R-00002', domain: 'other.example' },
      userLocale: 'de',
    });
    expect(event.parameter('resellerId')).toBe('R-00001');
    expect(event.parameter('domain')).toBeUndefined();
    expect(event.language).toBe('en');
  });

  it('falls back to the legacy locale and time zone when commonEventObject has unusable ones', () => {
    const event = readEvent({
      commonEventObject: { userLocale: 42, timeZone: { id: 7, offset: 'soon' } },
      userLocale: 'de-CH',
      userTimezone: { id: 'Europe/Zurich', offSet: '3600000' },
    });
    expect(event.language).toBe('de');
    expect(event.timeZone).toEqual({ id: 'Europe/Zurich', offsetMs: HOUR_MS });
  });
});

describe('readEvent: any other shape', () => {
  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'event'],
    ['an array', [{ commonEventObject: { userLocale: 'de' } }]],
    ['true', true],
    ['an empty object', {}],
    ['commonEventObject null', { commonEventObject: null }],
    ['commonEventObject a number', { commonEventObject: 7 }],
    ['commonEventObject an array', { commonEventObject: [] }],
    ['commonEventObject a string', { commonEventObject: 'x' }],
  ])('reads %s as English, UTC, no parameters, not forged', (_label, event) => {
    const view = readEvent(event);
    expect(view.language).toBe('en');
    expect(view.timeZone).toEqual({});
    expect(view.forged).toBe(false);
    expect(view.parameter('domain')).toBeUndefined();
    expect(view.formValue('changeReason')).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['a number', 49],
    ['an array', ['de']],
    ['an object', { language: 'de' }],
    ['null', null],
    ['an unknown locale', 'xx-YY'],
    ['empty', ''],
    ['a lone surrogate', '\ud800'],
  ])('reads userLocale %s as English', (_label, userLocale) => {
    expect(readEvent({ commonEventObject: { userLocale } }).language).toBe('en');
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a number', 5],
    ['a string', 'resellerId=R-00001'],
    ['an array', ['R-00001']],
    ['a number value', { resellerId: 42 }],
    ['an array value', { resellerId: ['R-00001'] }],
    ['an object value', { domain: { toString: 'acme.de' } }],
    ['a null value', { domain: null }],
  ])('flags parameters that are %s as forged, and reads no value from them', (_label, parameters) => {
    for (const event of [{ commonEventObject: { parameters } }, { parameters }]) {
      const view = readEvent(event);
      expect(view.forged).toBe(true);
      expect(view.parameter('resellerId')).toBeUndefined();
      expect(view.parameter('domain')).toBeUndefined();
    }
  });

  it('flags forged legacy parameters even when commonEventObject has valid ones', () => {
    const view = readEvent({
      commonEventObject: { parameters: { domain: 'acme.de' } },
      parameters: { domain: 1 },
    });
    expect(view.forged).toBe(true);
    expect(view.parameter('domain')).toBe('acme.de');
  });

  it('keeps the string parameters of a forged map readable, so that checks on them still apply', () => {
    const view = readEvent({
      commonEventObject: { parameters: { domain: 'other.example', resellerId: 42 } },
    });
    expect(view.forged).toBe(true);
    expect(view.parameter('domain')).toBe('other.example');
  });

  it.each<[string, unknown]>([
    ['formInputs a string', { commonEventObject: { formInputs: 'changeReason' } }],
    ['formInputs an array', { commonEventObject: { formInputs: [] } }],
    ['formInputs null', { commonEventObject: { formInputs: null } }],
    ['an input that is a string', { commonEventObject: { formInputs: { changeReason: 'text' } } }],
    ['an input that is null', { commonEventObject: { formInputs: { changeReason: null } } }],
    ['stringInputs a string', { commonEventObject: { formInputs: { changeReason: { stringInputs: 'x' } } } }],
    [
      'value a string',
      { commonEventObject: { formInputs: { changeReason: { stringInputs: { value: 'x' } } } } },
    ],
    [
      'value [42]',
      { commonEventObject: { formInputs: { changeReason: { stringInputs: { value: [42] } } } } },
    ],
    ['a wrapper that is a number', { commonEventObject: { formInputs: { changeReason: { '': 5 } } } }],
    [
      'a wrapper around a bad value',
      { commonEventObject: { formInputs: { changeReason: { '': { stringInputs: { value: [null] } } } } } },
    ],
    ['legacy formInput a string', { formInput: 'x' }],
    ['legacy formInput with a number', { formInput: { changeReason: 5 } }],
    ['legacy formInputs with a string', { formInputs: { changeReason: 'x' } }],
    ['legacy formInputs with [1]', { formInputs: { changeReason: [1] } }],
  ])('flags %s as forged, and reads no value from it', (_label, event) => {
    const view = readEvent(event);
    expect(view.forged).toBe(true);
    expect(view.formValue('changeReason')).toBeUndefined();
  });

  it('accepts the date and time inputs Google documents, and empty inputs, as not forged', () => {
    const view = readEvent({
      commonEventObject: {
        formInputs: {
          when: { dateInput: { msSinceEpoch: '1795000000000' } },
          at: { timeInput: { hours: 9, minutes: 30 } },
          empty: { stringInputs: { value: [] } },
        },
      },
    });
    expect(view.forged).toBe(false);
    expect(view.formValue('when')).toBeUndefined();
    expect(view.formValue('empty')).toBeUndefined();
  });

  it('reads only own fields: prototype keys are never parameters, and nothing is polluted', () => {
    const view = readEvent(
      json(
        '{"commonEventObject":{"parameters":{"__proto__":"p","domain":"acme.de"},' +
          '"formInputs":{"__proto__":{"stringInputs":{"value":["f"]}}}},"__proto__":{"parameters":{"x":"y"}}}',
      ),
    );
    expect(view.forged).toBe(false);
    expect(view.parameter('__proto__')).toBe('p');
    expect(view.formValue('__proto__')).toBe('f');
    expect(view.parameter('toString')).toBeUndefined();
    expect(view.parameter('constructor')).toBeUndefined();
    expect(view.parameter('hasOwnProperty')).toBeUndefined();
    expect(view.formValue('toString')).toBeUndefined();
    expect(readEvent({ commonEventObject: {} }).parameter('__proto__')).toBeUndefined();
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('survives an object whose fields throw when read, and treats it as forged', () => {
    const hostile = {
      get commonEventObject(): never {
        throw new Error('boom');
      },
    };
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const view = readEvent(hostile);
    expect(log).toHaveBeenCalledTimes(1);
    log.mockRestore();
    expect(view).toMatchObject({ language: 'en', timeZone: {}, forged: true });
    expect(view.parameter('domain')).toBeUndefined();
  });

  it('reads huge values and lone surrogates as the strings they are', () => {
    const huge = 'x'.repeat(1_000_000);
    const view = readEvent({ commonEventObject: { parameters: { resellerId: huge, domain: '\udc00' } } });
    expect(view.parameter('resellerId')).toHaveLength(1_000_000);
    expect(view.parameter('domain')).toBe('\udc00');
    expect(view.forged).toBe(false);
  });
});

describe('readEvent: time zone', () => {
  it.each<[string, unknown, number | undefined]>([
    ['a string, as @types types it', '3600000', HOUR_MS],
    ['a negative string', '-18000000', -5 * HOUR_MS],
    ['a number, as older code sent it', 19_800_000, 19_800_000],
    ['garbage text', 'one hour', undefined],
    ['a numeric string with garbage', '3600000ms', undefined],
    ['beyond any real offset', '86400000', undefined],
    ['a huge number', 1e300, undefined],
    ['null', null, undefined],
    ['an array', [3600000], undefined],
  ])('reads an offset given as %s', (_label, offset, expected) => {
    expect(readEvent({ commonEventObject: { timeZone: { offset } } }).timeZone.offsetMs).toBe(expected);
  });

  it.each<[string, unknown, string | undefined]>([
    ['an IANA id', 'Europe/Berlin', 'Europe/Berlin'],
    ['an Etc id with a sign', 'Etc/GMT-14', 'Etc/GMT-14'],
    ['a well-formed id no runtime knows (formatDate falls back for it)', 'Mars/Olympus', 'Mars/Olympus'],
    ['empty', '', undefined],
    ['a number', 1, undefined],
    ['with spaces', 'Europe/Berlin; DROP', undefined],
    ['very long', `Europe/${'x'.repeat(1000)}`, undefined],
  ])('reads a zone id given as %s', (_label, id, expected) => {
    expect(readEvent({ commonEventObject: { timeZone: { id } } }).timeZone.id).toBe(expected);
  });

  it('ignores a timeZone that is not an object', () => {
    for (const timeZone of ['Europe/Berlin', 3600000, null, []]) {
      expect(readEvent({ commonEventObject: { timeZone } }).timeZone).toEqual({});
    }
  });
});

describe('languageFromLocale with anything an event may carry', () => {
  it.each<unknown>([42, NaN, ['de'], { toString: () => 'de' }, null, true, Symbol('de')])(
    'reads %p as English without throwing',
    (locale) => {
      expect(languageFromLocale(locale)).toBe('en');
    },
  );
});
