/**
 * The fake of installable time-driven triggers: the owner's triggers run when the simulated clock
 * passes their time, each as its own execution as the account that installed it, with the event
 * Apps Script sends; a big jump runs each trigger once; a function the bundle lacks fails as in
 * Apps Script and is logged; the table survives the state file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Identity } from '../../dev/runtime/host';
import { RuntimeHost } from '../../dev/runtime/host';
import { LocalRuntime } from '../../dev/runtime/runtime';
import { readState, writeState } from '../../dev/runtime/state-file';
import {
  isoWeek,
  MAX_RUNS_KEPT,
  MAX_TRIGGERS,
  timeDrivenEvent,
  TOO_MANY_TRIGGERS,
  type TimeDrivenEventJson,
} from '../../dev/runtime/triggers';

const OWNER: Identity = { email: 'owner@vendor.example', locale: 'de', timeZone: 'Europe/Berlin' };
const MINUTE = 60_000;
/** Monday 6 January 2025, 09:00 UTC: the real clock the tests pin (only Date is faked). */
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

/**
 * Each function appends what it saw to a Script Property: its name, the clock, the event, and the
 * account it ran as. `slowSync` sleeps (Utilities.sleep moves the simulated clock).
 */
const SCRIPT = `
function record(name, e) {
  var props = PropertiesService.getScriptProperties();
  var seen = JSON.parse(props.getProperty('seen') || '[]');
  seen.push({ name: name, at: Date.now(), event: e, as: Session.getEffectiveUser().getEmail() });
  props.setProperty('seen', JSON.stringify(seen));
}
function runSync(e) { record('runSync', e); Logger.log('synced'); }
function cleanUp(e) { record('cleanUp', e); }
function failing(e) { record('failing', e); throw new Error('The Sheet is gone'); }
function slowSync(e) { record('slowSync', e); Utilities.sleep(5 * 60 * 1000); }
`;

interface Seen {
  name: string;
  at: number;
  event: TimeDrivenEventJson;
  as: string;
}

function newRuntime(host = new RuntimeHost()): LocalRuntime {
  return new LocalRuntime({ bundle: { code: SCRIPT, manifest: { timeZone: 'Europe/Berlin' } }, host });
}

function seen(runtime: LocalRuntime): Seen[] {
  return JSON.parse(runtime.host.scriptProperties.get('seen') ?? '[]') as Seen[];
}

function install(runtime: LocalRuntime, functionName: string, everyMinutes: number): string {
  return runtime.host.triggers.install({ functionName, everyMinutes, runAs: OWNER }, runtime.host.now())
    .triggerUid;
}

beforeEach(() => {
  jest.useFakeTimers({ now: T0, doNotFake: ['performance', 'hrtime', 'nextTick', 'queueMicrotask'] });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('due times', () => {
  it('runs a trigger one interval after it was installed, then every interval', () => {
    const runtime = newRuntime();
    const uid = install(runtime, 'runSync', 15);
    expect(runtime.advanceClock(15 * MINUTE - 1)).toEqual([]);
    const first = runtime.advanceClock(1);
    expect(first.map((run) => [run.triggerUid, run.dueAt, run.result.ok])).toEqual([
      [uid, T0 + 15 * MINUTE, true],
    ]);
    expect(first[0]?.result.logs).toEqual(['synced']);
    expect(runtime.advanceClock(14 * MINUTE)).toEqual([]);
    expect(runtime.advanceClock(MINUTE).map((run) => run.dueAt)).toEqual([T0 + 30 * MINUTE]);
    expect(seen(runtime).map((s) => s.at)).toEqual([T0 + 15 * MINUTE, T0 + 30 * MINUTE]);
    expect(runtime.host.triggers.list()[0]?.nextDueAt).toBe(T0 + 45 * MINUTE);
  });

  it('runs as the account that installed it, whoever else uses the add-on', () => {
    const runtime = newRuntime();
    install(runtime, 'runSync', 5);
    runtime.advanceClock(5 * MINUTE);
    expect(seen(runtime).map((s) => s.as)).toEqual([OWNER.email]);
  });

  it('runs nothing when the host clock moves by itself (a sleep, or a test moving time)', () => {
    const runtime = newRuntime();
    install(runtime, 'runSync', 1);
    runtime.host.advanceClock(10 * MINUTE);
    expect(seen(runtime)).toEqual([]);
    // The next move of the runtime's clock makes the due run, once.
    expect(runtime.advanceClock(0).map((run) => run.missedRuns)).toEqual([9]);
  });

  it('runs the triggers real time made due (runDueTriggers with no step)', () => {
    const runtime = newRuntime();
    install(runtime, 'runSync', 1);
    expect(runtime.runDueTriggers()).toEqual([]);
    jest.setSystemTime(T0 + MINUTE);
    expect(runtime.runDueTriggers().map((run) => run.dueAt)).toEqual([T0 + MINUTE]);
  });

  it('stops running a trigger once it is removed', () => {
    const runtime = newRuntime();
    const uid = install(runtime, 'runSync', 1);
    runtime.advanceClock(MINUTE);
    expect(runtime.host.triggers.remove(uid)).toBe(true);
    expect(runtime.host.triggers.remove(uid)).toBe(false);
    expect(runtime.advanceClock(10 * MINUTE)).toEqual([]);
    expect(seen(runtime)).toHaveLength(1);
  });

  it('refuses a clock that moves back', () => {
    expect(() => newRuntime().advanceClock(-MINUTE)).toThrow('The clock only moves forward');
  });
});

describe('several triggers', () => {
  it('runs every due run in time order, each with the clock at its own moment', () => {
    const runtime = newRuntime();
    const every10 = install(runtime, 'runSync', 10); // due at +10, +20
    runtime.host.advanceClock(2 * MINUTE);
    const every5 = install(runtime, 'cleanUp', 5); // due at +7, +12, +17
    const runs = runtime.advanceClock(12 * MINUTE); // to +14
    expect(runs.map((run) => [run.triggerUid, run.dueAt - T0])).toEqual([
      [every10, 10 * MINUTE],
      [every5, 12 * MINUTE],
    ]);
    expect(seen(runtime).map((s) => [s.name, s.at - T0])).toEqual([
      ['runSync', 10 * MINUTE],
      ['cleanUp', 12 * MINUTE],
    ]);
    expect(runtime.host.now()).toBe(T0 + 14 * MINUTE);
  });

  it('runs triggers due at the same moment in the order they were added', () => {
    const runtime = newRuntime();
    install(runtime, 'cleanUp', 15);
    install(runtime, 'runSync', 5);
    const runs = runtime.advanceClock(15 * MINUTE);
    expect(runs.map((run) => [run.result.functionName, run.dueAt - T0])).toEqual([
      ['cleanUp', 15 * MINUTE],
      ['runSync', 15 * MINUTE],
    ]);
  });

  it('runs a run due during a slow run after it, late, and never moves the clock back', () => {
    const runtime = newRuntime();
    install(runtime, 'slowSync', 5); // due at +5 and +10: runs at +10, sleeps 5 minutes
    runtime.host.advanceClock(3 * MINUTE);
    install(runtime, 'runSync', 10); // due at +13, while slowSync sleeps
    runtime.advanceClock(10 * MINUTE);
    expect(seen(runtime).map((s) => [s.name, s.at - T0])).toEqual([
      ['slowSync', 10 * MINUTE],
      ['runSync', 15 * MINUTE],
    ]);
    expect(runtime.host.now()).toBe(T0 + 15 * MINUTE);
  });
});

describe('a jump of the clock', () => {
  it('runs each trigger once, at its latest due moment, and counts the runs it did not make', () => {
    const runtime = newRuntime();
    const everyMinute = install(runtime, 'runSync', 1);
    const every15 = install(runtime, 'cleanUp', 15);
    const runs = runtime.advanceClock(60 * MINUTE + 30_000);
    expect(runs.map((run) => [run.triggerUid, run.dueAt - T0, run.missedRuns])).toEqual([
      [everyMinute, 60 * MINUTE, 59],
      [every15, 60 * MINUTE, 3],
    ]);
    // The schedule keeps its phase: the next runs are whole intervals from the install.
    expect(runtime.host.triggers.list().map((t) => t.nextDueAt - T0)).toEqual([61 * MINUTE, 75 * MINUTE]);
    expect(runtime.host.triggers.list()[0]?.runs[0]?.missedRuns).toBe(59);
  });
});

describe('a trigger whose function the bundle does not define', () => {
  it('fails as Apps Script does, is logged, and the other triggers still run', () => {
    const runtime = newRuntime();
    install(runtime, 'removedInLastPush', 5);
    install(runtime, 'runSync', 5);
    const runs = runtime.advanceClock(5 * MINUTE);
    expect(runs.map((run) => [run.result.ok, run.result.error?.message])).toEqual([
      [false, 'Script function not found: removedInLastPush'],
      [true, undefined],
    ]);
    const [missing, sync] = runtime.host.triggers.list();
    expect(missing?.runs).toEqual([
      {
        dueAt: T0 + 5 * MINUTE,
        startedAt: T0 + 5 * MINUTE,
        ok: false,
        durationMs: 0,
        error: 'Script function not found: removedInLastPush',
        missedRuns: 0,
      },
    ]);
    expect(sync?.runs.map((run) => [run.ok, run.error])).toEqual([[true, undefined]]);
  });

  it('logs the exception of a function that throws, and keeps the trigger', () => {
    const runtime = newRuntime();
    install(runtime, 'failing', 1);
    runtime.advanceClock(MINUTE);
    runtime.advanceClock(MINUTE);
    const [trigger] = runtime.host.triggers.list();
    expect(trigger?.runs.map((run) => [run.ok, run.error, run.startedAt - T0])).toEqual([
      [false, 'The Sheet is gone', 2 * MINUTE],
      [false, 'The Sheet is gone', MINUTE],
    ]);
  });

  it('keeps the last runs only', () => {
    const runtime = newRuntime();
    install(runtime, 'runSync', 1);
    for (let i = 0; i < MAX_RUNS_KEPT + 5; i++) runtime.advanceClock(MINUTE);
    const runs = runtime.host.triggers.list()[0]?.runs ?? [];
    expect(runs).toHaveLength(MAX_RUNS_KEPT);
    expect(runs[0]?.startedAt).toBe(T0 + (MAX_RUNS_KEPT + 5) * MINUTE);
  });
});

describe('installing', () => {
  it('takes only the intervals of the editor’s minutes timer', () => {
    const runtime = newRuntime();
    for (const minutes of [1, 5, 10, 15, 30]) install(runtime, 'runSync', minutes);
    for (const minutes of [0, 2, 7, 60, 15.5, Number.NaN])
      expect(() => install(runtime, 'runSync', minutes)).toThrow(
        'everyMinutes must be one of 1, 5, 10, 15, 30',
      );
    expect(() => install(runtime, 'run Sync', 5)).toThrow('is not a function name');
  });

  it('refuses a trigger beyond Apps Script’s 20 per script', () => {
    const runtime = newRuntime();
    for (let i = 0; i < MAX_TRIGGERS; i++) install(runtime, 'runSync', 30);
    expect(() => install(runtime, 'runSync', 30)).toThrow(TOO_MANY_TRIGGERS);
  });

  it('gives every trigger its own decimal id', () => {
    const runtime = newRuntime();
    const ids = [install(runtime, 'runSync', 5), install(runtime, 'runSync', 5)];
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^\d{19}$/);
  });
});

describe('the event object', () => {
  it('has exactly the fields Google documents for time-driven triggers, for the run’s moment', () => {
    const runtime = newRuntime();
    const uid = install(runtime, 'runSync', 15);
    runtime.advanceClock(15 * MINUTE);
    const event = seen(runtime)[0]?.event;
    // Monday 6 January 2025, 09:15:00 UTC: ISO week 2.
    const expected: TimeDrivenEventJson = {
      authMode: 'FULL',
      'day-of-month': 6,
      'day-of-week': 1,
      hour: 9,
      minute: 15,
      month: 1,
      second: 0,
      timezone: 'UTC',
      triggerUid: uid,
      'week-of-year': 2,
      year: 2025,
    };
    expect(event).toEqual(expected);
    expect(Object.keys(event ?? {}).sort()).toEqual(Object.keys(expected).sort());
  });

  it('reads the moment in UTC, Sunday as 7, and ISO weeks across the turn of a year', () => {
    const sunday = timeDrivenEvent(Date.UTC(2021, 0, 3, 23, 59, 58), '1');
    expect([sunday['day-of-week'], sunday['week-of-year'], sunday.year, sunday.second]).toEqual([
      7, 53, 2021, 58,
    ]);
    const monday = timeDrivenEvent(Date.UTC(2024, 11, 30, 0, 0, 0), '1');
    expect([monday['day-of-week'], monday['week-of-year'], monday.month, monday['day-of-month']]).toEqual([
      1, 1, 12, 30,
    ]);
    expect(isoWeek(new Date(Date.UTC(2026, 11, 31)))).toBe(53);
    expect(isoWeek(new Date(Date.UTC(2027, 0, 4)))).toBe(1);
  });
});

describe('the stored state', () => {
  it('keeps the triggers and their runs through the state file; an older file has none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-triggers-'));
    try {
      const file = path.join(dir, 'state.json');
      const runtime = newRuntime();
      install(runtime, 'runSync', 5);
      runtime.advanceClock(5 * MINUTE);
      writeState(runtime.host, file);

      const restored = newRuntime();
      expect(readState(restored.host, file)).toBe(true);
      expect(restored.host.triggers.list()).toEqual(runtime.host.triggers.list());
      // The schedule goes on where it was, and new ids do not repeat old ones.
      expect(restored.advanceClock(5 * MINUTE).map((run) => run.dueAt)).toEqual([T0 + 10 * MINUTE]);
      expect(install(restored, 'cleanUp', 5)).not.toBe(restored.host.triggers.list()[0]?.triggerUid);

      const older = restored.host.snapshot();
      delete older.triggers;
      restored.host.restore(older);
      expect(restored.host.triggers.list()).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
