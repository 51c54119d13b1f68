/**
 * The owner's side as the simulator runs it (the Owner panel's server half): `setup`, `syncNow`,
 * `runSync` and the store commands (`configureFirestore`, the two migrations) run by hand, always as the owner identity (whoever the page is signed in as), with no
 * event, as the Apps Script editor runs them; the time-driven trigger the owner adds in the editor,
 * installed in the runtime's trigger table with the interval `setup` advises; and the simulated
 * clock, whose moves (the page's, and real time's) run the triggers that fall due. None of the
 * functions answers anything; what they did is in the execution log, which the Owner panel shows.
 */
import type { ExecutionResult } from '../runtime/execution';
import type { RuntimeHost } from '../runtime/host';
import type { LocalRuntime, TriggerExecution } from '../runtime/runtime';
import { EVERY_MINUTES, isEveryMinutes, type ClockTrigger, type EveryMinutes } from '../runtime/triggers';
import { parseStoredSettings } from '../../src/domain/settings-rows';
import { DEFAULT_SYNC_MINUTES, SYNC_FUNCTION } from '../../src/owner/setup';
import { KEYS } from '../../src/store/keys';
import { findIdentity } from './identities';

/** What each Owner panel button runs ("trigger" runs the trigger's function now, by hand). */
export const OWNER_FUNCTIONS = {
  setup: 'setup',
  sync: 'syncNow',
  trigger: SYNC_FUNCTION,
  // The move to Cloud Firestore (README, "Cloud Firestore"): the default build answers each with
  // which build to deploy; on `npm start -- --store firestore` they run for real.
  configureFirestore: 'configureFirestore',
  migrateToFirestore: 'migrateToFirestore',
  migrateBackToProperties: 'migrateBackToProperties',
} as const;

export type OwnerAction = keyof typeof OWNER_FUNCTIONS;

export const OWNER_IDENTITY_ID = 'owner';

/** Longest clock step one request may take (a day). */
export const MAX_ADVANCE_MINUTES = 24 * 60;

export function ownerIdentity(): { email: string; locale: string; timeZone: string } {
  const owner = findIdentity(OWNER_IDENTITY_ID);
  if (!owner) throw new Error('The simulator has no owner identity.');
  return { email: owner.email, locale: owner.locale, timeZone: owner.timeZone };
}

/** Runs one owner function now, by hand. */
export function runOwnerFunction(runtime: LocalRuntime, action: OwnerAction): ExecutionResult {
  return runtime.run({
    functionName: OWNER_FUNCTIONS[action],
    identity: ownerIdentity(),
    event: {},
    invokedBy: 'editor',
  });
}

/**
 * The interval `setup` tells the owner to choose: the Settings tab's `syncMinutes` as the last
 * sync stored it, else setup's default.
 */
export function advisedSyncMinutes(host: RuntimeHost): EveryMinutes {
  const stored = parseStoredSettings(host.scriptProperties.get(KEYS.settings)).syncMinutes;
  return isEveryMinutes(stored) ? stored : DEFAULT_SYNC_MINUTES;
}

/**
 * The trigger the owner adds after `setup`: `runSync`, time-driven, every `everyMinutes` (default:
 * the advised interval), running as the owner. Its first run is one interval from now.
 */
export function installSyncTrigger(host: RuntimeHost, everyMinutes?: number): ClockTrigger {
  return host.triggers.install(
    {
      functionName: SYNC_FUNCTION,
      everyMinutes: everyMinutes ?? advisedSyncMinutes(host),
      runAs: ownerIdentity(),
    },
    host.now(),
  );
}

/** A run of an installed trigger, as the Owner panel logs it: its execution and which trigger. */
export type TriggerRunResult = ExecutionResult & Omit<TriggerExecution, 'result'>;

/** The Owner panel's view of the time-driven triggers. */
export interface TriggersView {
  clock: number;
  /** What "Add trigger" installs: the function and the interval `setup` advises. */
  functionName: string;
  advisedMinutes: EveryMinutes;
  everyMinutes: readonly EveryMinutes[];
  triggers: ClockTrigger[];
}

/** What moving the clock on answers: the trigger runs that fell due, in order, and the triggers after. */
export interface ClockAdvanceResult extends TriggersView {
  runs: TriggerRunResult[];
}

/** Needs no bundle: the editor lists and installs triggers whatever the code. */
export function triggersView(host: RuntimeHost): TriggersView {
  return {
    clock: host.now(),
    functionName: OWNER_FUNCTIONS.trigger,
    advisedMinutes: advisedSyncMinutes(host),
    everyMinutes: EVERY_MINUTES,
    triggers: host.triggers.list(),
  };
}

/** Each trigger run's execution, flattened with which trigger ran it, as the page logs it. */
function triggerRunResults(executions: readonly TriggerExecution[]): TriggerRunResult[] {
  return executions.map(({ result, ...trigger }) => ({ ...result, ...trigger }));
}

/** A request the Owner panel's endpoints refuse, with the HTTP status to answer. */
export class OwnerRequestError extends Error {
  constructor(
    readonly status: 400 | 404 | 422,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What an Owner panel button gets back: the execution (its log above all), the trigger runs that
 * fell due when it moved the clock first, and the clock after it.
 */
export type OwnerRunResult = ExecutionResult & { clock: number; triggerRuns: TriggerRunResult[] };

export interface OwnerControlsOptions {
  /** The runtime with the current bundle, if one loaded. */
  runtime: () => LocalRuntime | undefined;
  /** Saves the stored state (after a change). */
  persist: () => void;
  log: (line: string) => void;
}

/**
 * How often real time is checked for due triggers (real time moves the simulated clock too): a
 * 1-minute trigger runs at most this late, and an idle server does almost nothing.
 */
const REAL_TIME_TRIGGER_CHECK_MS = 15_000;

/** The owner's functions, triggers and the clock, as the simulator's endpoints drive them. */
export class OwnerControls {
  private realTimeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: OwnerControlsOptions) {}

  /**
   * Runs `setup`, `syncNow` or the trigger's function `runSync` by hand and keeps what it changed;
   * `advanceMinutes` first moves the clock on, running the triggers due meanwhile.
   */
  run(runtime: LocalRuntime, action: OwnerAction, advanceMinutes = 0): OwnerRunResult {
    const before = JSON.stringify(runtime.host.snapshot());
    const triggerRuns = advanceMinutes > 0 ? this.logged(runtime.advanceClock(advanceMinutes * 60_000)) : [];
    const result = runOwnerFunction(runtime, action);
    if (!result.ok) this.options.log(`owner: ${result.functionName} failed: ${result.error?.message}`);
    if (JSON.stringify(runtime.host.snapshot()) !== before) this.options.persist();
    return { ...result, clock: runtime.host.now(), triggerRuns };
  }

  /** The owner adds the sync's trigger (Triggers › Add trigger in the editor). */
  install(host: RuntimeHost, body: unknown): TriggersView {
    const everyMinutes = field(body, 'everyMinutes');
    if (!isEveryMinutes(everyMinutes))
      throw new OwnerRequestError(
        400,
        `everyMinutes must be one of ${EVERY_MINUTES.join(', ')}, as in Apps Script.`,
      );
    try {
      installSyncTrigger(host, everyMinutes);
    } catch (error) {
      throw new OwnerRequestError(422, error instanceof Error ? error.message : String(error));
    }
    this.options.persist();
    return triggersView(host);
  }

  remove(host: RuntimeHost, body: unknown): TriggersView {
    const triggerUid = field(body, 'triggerUid');
    if (typeof triggerUid !== 'string' || !/^\d{1,30}$/.test(triggerUid))
      throw new OwnerRequestError(400, 'triggerUid must be the id of a trigger.');
    if (!host.triggers.remove(triggerUid)) throw new OwnerRequestError(404, `No trigger ${triggerUid}.`);
    this.options.persist();
    return triggersView(host);
  }

  /** Moves the simulated clock on by `minutes`; every installed trigger due meanwhile runs, in order. */
  advanceClock(runtime: LocalRuntime, minutes: number): ClockAdvanceResult {
    const runs = this.logged(runtime.advanceClock(minutes * 60_000));
    this.options.persist(); // the clock moved, whether or not anything ran
    return { ...triggersView(runtime.host), runs };
  }

  /** From now on, runs the triggers real time makes due, until `stop`. */
  watchRealTime(): void {
    if (this.realTimeTimer) return;
    this.realTimeTimer = setInterval(() => this.runDueByNow(), REAL_TIME_TRIGGER_CHECK_MS);
    this.realTimeTimer.unref(); // never what keeps a test's or a tool's process alive
  }

  stop(): void {
    clearInterval(this.realTimeTimer);
    this.realTimeTimer = undefined;
  }

  /** Real time moved the clock: the triggers due by now run, and what they changed is kept. */
  runDueByNow(): TriggerRunResult[] {
    const runtime = this.options.runtime();
    if (!runtime || runtime.host.triggers.list().length === 0) return [];
    try {
      const runs = this.logged(runtime.runDueTriggers());
      if (runs.length > 0) this.options.persist();
      return runs;
    } catch (error) {
      this.options.log(
        `Running the due triggers failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return [];
    }
  }

  private logged(executions: TriggerExecution[]): TriggerRunResult[] {
    const runs = triggerRunResults(executions);
    for (const run of runs.filter((r) => !r.ok))
      this.options.log(`owner: trigger ${run.functionName} failed: ${run.error?.message}`);
    return runs;
  }
}

/** A clock step in whole minutes: `name` of a request body (absent: 0), or why it is refused. */
export function clockStepMinutes(body: unknown, name: string): number {
  const value = field(body, name);
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_ADVANCE_MINUTES)
    throw new OwnerRequestError(400, `${name} must be a whole number from 0 to ${MAX_ADVANCE_MINUTES}.`);
  return value;
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}
