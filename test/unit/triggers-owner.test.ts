/**
 * The server half of the Owner panel's trigger controls (dev/simulator/owner.ts), on a tiny script:
 * the advised interval comes from the stored Settings, the endpoints' bodies are checked (400),
 * unknown triggers are 404 and Apps Script's refusals 422, every change is saved, and the trigger
 * runs the clock makes due are answered and logged when they fail.
 */
import { LocalRuntime } from '../../dev/runtime/runtime';
import { MAX_TRIGGERS } from '../../dev/runtime/triggers';
import {
  advisedSyncMinutes,
  clockStepMinutes,
  installSyncTrigger,
  OwnerControls,
  OwnerRequestError,
  ownerIdentity,
} from '../../dev/simulator/owner';
import { KEYS } from '../../src/store/keys';

const MINUTE = 60_000;
const SCRIPT = `
function runSync() { Logger.log('synced as ' + Session.getEffectiveUser().getEmail()); }
function setup() {}
function syncNow() {}
`;

function setUp(code = SCRIPT): {
  runtime: LocalRuntime;
  controls: OwnerControls;
  saves: number[];
  logs: string[];
} {
  const runtime = new LocalRuntime({ bundle: { code, manifest: {} }, validateCards: false });
  const saves: number[] = [];
  const logs: string[] = [];
  const controls = new OwnerControls({
    runtime: () => runtime,
    persist: () => saves.push(runtime.host.now()),
    log: (line) => logs.push(line),
  });
  return { runtime, controls, saves, logs };
}

function refusal(act: () => unknown): { status: number; message: string } {
  try {
    act();
  } catch (error) {
    if (error instanceof OwnerRequestError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error('Expected a refusal');
}

describe('the advised interval', () => {
  it('is the Settings tab’s syncMinutes as the sync stored it, else setup’s 15', () => {
    const { runtime } = setUp();
    expect(advisedSyncMinutes(runtime.host)).toBe(15);
    runtime.host.scriptProperties.setAll({ [KEYS.settings]: JSON.stringify({ syncMinutes: 5 }) }, false);
    expect(advisedSyncMinutes(runtime.host)).toBe(5);
    runtime.host.scriptProperties.setAll({ [KEYS.settings]: JSON.stringify({ syncMinutes: 7 }) }, false);
    expect(advisedSyncMinutes(runtime.host)).toBe(15);
  });

  it('is what installSyncTrigger installs when given no interval, as the owner', () => {
    const { runtime } = setUp();
    runtime.host.scriptProperties.setAll({ [KEYS.settings]: JSON.stringify({ syncMinutes: 30 }) }, false);
    const trigger = installSyncTrigger(runtime.host);
    expect([trigger.functionName, trigger.everyMinutes, trigger.runAs]).toEqual([
      'runSync',
      30,
      ownerIdentity(),
    ]);
  });
});

describe('the endpoints’ checks', () => {
  it('installs and removes, saving the state each time', () => {
    const { runtime, controls, saves } = setUp();
    const view = controls.install(runtime.host, { everyMinutes: 10 });
    expect(view.triggers.map((t) => t.everyMinutes)).toEqual([10]);
    expect(view.functionName).toBe('runSync');
    const uid = view.triggers[0]?.triggerUid ?? '';
    expect(controls.remove(runtime.host, { triggerUid: uid }).triggers).toEqual([]);
    expect(saves).toHaveLength(2);
  });

  it('answers 400 for a malformed body, 404 for an unknown trigger, 422 for Apps Script’s limit', () => {
    const { runtime, controls, saves } = setUp();
    for (const body of [{}, { everyMinutes: 7 }, { everyMinutes: '15' }, null, []])
      expect(refusal(() => controls.install(runtime.host, body)).status).toBe(400);
    expect(refusal(() => controls.remove(runtime.host, { triggerUid: 'x' })).status).toBe(400);
    expect(refusal(() => controls.remove(runtime.host, { triggerUid: '123' }))).toEqual({
      status: 404,
      message: 'No trigger 123.',
    });
    for (let i = 0; i < MAX_TRIGGERS; i++) controls.install(runtime.host, { everyMinutes: 30 });
    expect(refusal(() => controls.install(runtime.host, { everyMinutes: 30 })).status).toBe(422);
    expect(saves).toHaveLength(MAX_TRIGGERS);
  });

  it('takes clock steps of whole minutes up to a day', () => {
    expect(clockStepMinutes({ minutes: 60 }, 'minutes')).toBe(60);
    expect(clockStepMinutes({}, 'minutes')).toBe(0);
    for (const minutes of [-1, 1.5, '15', 24 * 60 + 1])
      expect(refusal(() => clockStepMinutes({ minutes }, 'minutes')).status).toBe(400);
  });
});

describe('moving the clock', () => {
  it('answers the runs that fell due, with their logs, and saves the moved clock', () => {
    const { runtime, controls, saves } = setUp();
    controls.install(runtime.host, { everyMinutes: 15 });
    const idle = controls.advanceClock(runtime, 14);
    expect(idle.runs).toEqual([]);
    const ran = controls.advanceClock(runtime, 1);
    expect(
      ran.runs.map((run) => [run.functionName, run.ok, run.logs, run.everyMinutes, run.missedRuns]),
    ).toEqual([['runSync', true, [`synced as ${ownerIdentity().email}`], 15, 0]]);
    expect(ran.triggers[0]?.runs).toHaveLength(1);
    expect(saves).toHaveLength(3);
  });

  it('runs the due triggers before the button’s own run when a button moves the clock first', () => {
    const { runtime, controls } = setUp();
    controls.install(runtime.host, { everyMinutes: 15 });
    const result = controls.run(runtime, 'trigger', 15);
    expect(result.triggerRuns.map((run) => run.functionName)).toEqual(['runSync']);
    expect(result.functionName).toBe('runSync');
    expect(controls.run(runtime, 'setup').triggerRuns).toEqual([]);
  });

  it('logs a trigger run that failed, whether the page or real time made it due', () => {
    const { runtime, controls, logs } = setUp('function setup() {}');
    controls.install(runtime.host, { everyMinutes: 1 });
    controls.advanceClock(runtime, 1);
    runtime.host.advanceClock(MINUTE); // real time passing, as far as the runtime can tell
    expect(controls.runDueByNow().map((run) => run.error?.message)).toEqual([
      'Script function not found: runSync',
    ]);
    expect(logs).toEqual([
      'owner: trigger runSync failed: Script function not found: runSync',
      'owner: trigger runSync failed: Script function not found: runSync',
    ]);
  });
});
