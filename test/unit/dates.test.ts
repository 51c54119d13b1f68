/** Dates in the user's time zone, whatever the event says about it, and dates that are no moment. */
import { timeZoneOffsetMs } from '../../dev/runtime/events';
import { readEvent } from '../../src/ui/event';
import { formatDate, translator, type Language } from '../../src/ui/i18n';
import { laterCard } from '../../src/ui/customer/later';
import { createView } from '../../src/ui/view';

const HOUR_MS = 60 * 60 * 1000;
const BERLIN = 'Europe/Berlin';

describe('formatDate with a time zone id', () => {
  it('shows a Berlin user today, not yesterday, just after midnight', () => {
    // 00:30 on Tuesday 24 Nov in Berlin (CET, +1 h) is still Monday in UTC.
    const justAfterMidnight = Date.UTC(2026, 10, 23, 23, 30);
    expect(formatDate('en', justAfterMidnight, { id: BERLIN })).toBe('24 Nov 2026');
    expect(formatDate('de', justAfterMidnight, { id: BERLIN })).toBe('24.11.2026');
    expect(formatDate('en', justAfterMidnight, {})).toBe('23 Nov 2026');
  });

  it('uses the offset of the date shown, not of the event, across a daylight-saving change', () => {
    // The event arrives in November (CET, +1 h); the date shown is in July (CEST, +2 h), 00:30 in Berlin.
    const novemberOffset = { id: BERLIN, offsetMs: HOUR_MS };
    const julyNight = Date.UTC(2026, 6, 14, 22, 30);
    expect(formatDate('en', julyNight, novemberOffset)).toBe('15 Jul 2026');
    expect(formatDate('en', julyNight, { offsetMs: HOUR_MS })).toBe('14 Jul 2026');
  });

  it('gets the day right on the night the clocks change', () => {
    // Sunday 29 Mar 2026: Berlin springs forward at 01:00 UTC. 22:30 UTC is 00:30 on the 30th (CEST).
    expect(formatDate('de', Date.UTC(2026, 2, 29, 22, 30), { id: BERLIN })).toBe('30.03.2026');
    // Sunday 25 Oct 2026: back to CET at 01:00 UTC. 22:30 UTC is 23:30 on the 25th (CET).
    expect(formatDate('de', Date.UTC(2026, 9, 25, 22, 30), { id: BERLIN })).toBe('25.10.2026');
  });

  it('agrees with the zone’s own offset at that moment, for zones east and west and at any time', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Pacific/Chatham',
      'Pacific/Kiritimati',
    ];
    for (const id of zones) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * HOUR_MS + 13 * 60_000) {
        expect(`${id} ${t} ${formatDate('en', t, { id })}`).toBe(
          `${id} ${t} ${formatDate('en', t, { offsetMs: timeZoneOffsetMs(id, t) })}`,
        );
      }
    }
  });

  it('falls back to the offset for an id the runtime does not know', () => {
    const lateEvening = Date.UTC(2026, 10, 23, 23, 30);
    expect(formatDate('en', lateEvening, { id: 'Mars/Olympus', offsetMs: HOUR_MS })).toBe('24 Nov 2026');
    expect(formatDate('en', lateEvening, { id: 'Mars/Olympus' })).toBe('23 Nov 2026');
  });

  it('falls back to the offset when Intl itself fails', () => {
    const spy = jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(() => {
      throw new TypeError('Intl is not available');
    });
    try {
      // An id no other test uses, so no formatter for it is remembered.
      const id = 'America/Lima';
      expect(formatDate('en', Date.UTC(2026, 10, 24, 3, 0), { id, offsetMs: -5 * HOUR_MS })).toBe(
        '23 Nov 2026',
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('shows UTC when neither id nor offset is usable', () => {
    const lateEvening = Date.UTC(2026, 10, 23, 23, 30);
    for (const zone of [
      {},
      { offsetMs: NaN },
      { offsetMs: Infinity },
      { offsetMs: 30 * HOUR_MS },
      { id: '' },
    ]) {
      expect(formatDate('en', lateEvening, zone)).toBe('23 Nov 2026');
    }
  });
});

describe('formatDate from what the event says', () => {
  const lateEvening = Date.UTC(2026, 10, 23, 23, 30);
  const shown = (event: unknown): string => {
    const { language, timeZone } = readEvent(event);
    return createView(language, timeZone).date(lateEvening);
  };

  it('uses the offset when it comes as a string of milliseconds, as @types types it', () => {
    expect(shown({ commonEventObject: { timeZone: { offset: '3600000' } } })).toBe('24 Nov 2026');
    expect(shown({ commonEventObject: { userLocale: 'de', timeZone: { offset: '-3600000' } } })).toBe(
      '23.11.2026',
    );
  });

  it('uses the id before the offset', () => {
    expect(shown({ commonEventObject: { timeZone: { id: 'America/New_York', offset: '3600000' } } })).toBe(
      '23 Nov 2026',
    );
  });

  it('shows UTC for garbage', () => {
    for (const timeZone of [{ id: 42, offset: 'soon' }, 'Europe/Berlin', null, { offset: '1e400' }]) {
      expect(shown({ commonEventObject: { timeZone } })).toBe('23 Nov 2026');
    }
  });
});

describe('dates that are no moment', () => {
  const unknown: Record<Language, string> = { en: 'an unknown date', de: '(Datum unbekannt)' };

  it.each<[string, number]>([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['just past the end of a Date', 8.64e15 + 1],
    ['just before the start of a Date', -8.64e15 - 1],
    ['huge', Number.MAX_VALUE],
  ])('say "unknown date" for %s, never NaN', (_label, epochMs) => {
    for (const language of ['en', 'de'] as const) {
      for (const zone of [{}, { id: BERLIN }, { offsetMs: HOUR_MS }]) {
        expect(formatDate(language, epochMs, zone)).toBe(unknown[language]);
      }
    }
  });

  it('formats the first and last moments a Date can hold, even where the offset would overflow', () => {
    expect(formatDate('en', 8.64e15, {})).toBe('13 Sep 275760');
    expect(formatDate('en', 8.64e15, { offsetMs: HOUR_MS })).toBe('13 Sep 275760');
    expect(formatDate('en', 8.64e15, { id: BERLIN })).toBe('13 Sep 275760');
    expect(formatDate('de', -8.64e15, {})).toBe('20.04.-271821');
    expect(formatDate('de', -8.64e15, { id: 'Etc/UTC' })).toBe('20.04.-271821');
    for (const language of ['en', 'de'] as const) {
      for (const zone of [{}, { id: BERLIN }, { offsetMs: -HOUR_MS }]) {
        for (const ms of [8.64e15, -8.64e15, 0, -1])
          expect(formatDate(language, ms, zone)).not.toMatch(/NaN|undefined/);
      }
    }
  });

  it('reads naturally in every sentence that shows a date', () => {
    const view = (language: Language) => createView(language, {});
    expect(translator('en')('status.since', { date: view('en').date(NaN) })).toBe('Since an unknown date');
    expect(translator('de')('status.since', { date: view('de').date(NaN) })).toBe('Seit (Datum unbekannt)');
    expect(translator('en')('status.pending', { date: view('en').date(NaN) })).toBe(
      'Change requested on an unknown date. Our support team will get back to you.',
    );
    expect(JSON.stringify(laterCard(view('en'), NaN))).toContain('We will ask again on an unknown date.');
    expect(JSON.stringify(laterCard(view('de'), NaN))).toContain(
      'Wir fragen am (Datum unbekannt) noch einmal.',
    );
  });
});
