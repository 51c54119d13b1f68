/**
 * Installable time-driven triggers as the owner adds them in the Apps Script editor (Triggers › Add
 * trigger › a function, time-driven, a minutes timer). The add-on never creates one itself: it has
 * no `script.scriptapp` scope, so ScriptApp.newTrigger has no fake; the simulator and tests install
 * them here, as the owner would by hand.
 *
 * The table is part of the host's state (shared and persisted like properties). It only decides
 * which runs are due; LocalRuntime.advanceClock / runDueTriggers run them, each as its own execution
 * as the account that installed the trigger, and record the outcome here.
 */
import type { Identity } from './host';

/** The intervals of the editor's minutes timer, the only ones ClockTriggerBuilder.everyMinutes takes. */
export const EVERY_MINUTES = [1, 5, 10, 15, 30] as const;
export type EveryMinutes = (typeof EVERY_MINUTES)[number];

/** Apps Script's limit of triggers per user per script. */
export const MAX_TRIGGERS = 20;
/** Runs kept per trigger (newest first), enough for the Owner panel and small in the state file. */
export const MAX_RUNS_KEPT = 20;

const MINUTE_MS = 60_000;

/** Apps Script's own text when a script already has MAX_TRIGGERS triggers. */
export const TOO_MANY_TRIGGERS =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

export interface ClockTriggerRun {
  /** When the run was due, and when its execution started, by the simulated clock (ms since 1970). */
  dueAt: number;
  startedAt: number;
  ok: boolean;
  /** Wall time of the function call. */
  durationMs: number;
  /** The exception's message, as the editor's Executions page shows it, when the run failed. */
  error?: string;
  /** Earlier runs that fell due in the same clock jump and were not made (see takeDueRuns). */
  missedRuns: number;
}

export interface ClockTrigger {
  /** A decimal id as Google gives one; the event's `triggerUid`. */
  triggerUid: string;
  functionName: string;
  everyMinutes: EveryMinutes;
  /** The account the trigger runs as: whoever installed it (for this add-on, the owner). */
  runAs: Identity;
  installedAt: number;
  /** When it runs next, by the simulated clock. */
  nextDueAt: number;
  /** Newest first, at most MAX_RUNS_KEPT. */
  runs: ClockTriggerRun[];
}

export interface ClockTriggerSnapshot {
  nextSequence: number;
  triggers: ClockTrigger[];
}

export interface TriggerInstall {
  functionName: string;
  everyMinutes: number;
  runAs: Identity;
}

/** A run that is due: what to run, as whom, and for which moment. */
export interface DueRun {
  triggerUid: string;
  functionName: string;
  everyMinutes: EveryMinutes;
  runAs: Identity;
  dueAt: number;
  missedRuns: number;
}

/**
 * The event object of a time-driven trigger, as @types types it, in its JSON form: `authMode` is
 * the enum ScriptApp.AuthMode.FULL, which an event's JSON carries by its name (@types declares the
 * enum without a runtime value, so the field cannot take the published type).
 */
export type TimeDrivenEventJson = Omit<GoogleAppsScript.Events.TimeDriven, 'authMode'> & {
  authMode: 'FULL';
};

export function isEveryMinutes(value: unknown): value is EveryMinutes {
  return (EVERY_MINUTES as readonly unknown[]).includes(value);
}

export class ClockTriggerTable {
  private triggers: ClockTrigger[] = [];
  private nextSequence = 1;

  /** Adds a trigger whose first run is one interval after `now`, as the editor's minutes timer does. */
  install(request: TriggerInstall, now: number): ClockTrigger {
    if (!/^[A-Za-z_$][\w$]*$/.test(request.functionName))
      throw new Error(`"${request.functionName.slice(0, 100)}" is not a function name.`);
    if (!isEveryMinutes(request.everyMinutes))
      throw new Error(
        `everyMinutes must be one of ${EVERY_MINUTES.join(', ')} (${request.everyMinutes} given).`,
      );
    if (this.triggers.length >= MAX_TRIGGERS) throw new Error(TOO_MANY_TRIGGERS);
    const trigger: ClockTrigger = {
      triggerUid: triggerUid(this.nextSequence++),
      functionName: request.functionName,
      everyMinutes: request.everyMinutes,
      runAs: { ...request.runAs },
      installedAt: now,
      nextDueAt: now + request.everyMinutes * MINUTE_MS,
      runs: [],
    };
    this.triggers.push(trigger);
    return copy(trigger);
  }

  /** Deletes a trigger; false when there is none with that id. Its run log goes with it. */
  remove(triggerUid: string): boolean {
    const before = this.triggers.length;
    this.triggers = this.triggers.filter((trigger) => trigger.triggerUid !== triggerUid);
    return this.triggers.length < before;
  }

  /** The installed triggers in the order they were added (copies: the table changes only here). */
  list(): ClockTrigger[] {
    return this.triggers.map(copy);
  }

  /**
   * The runs due by `now`, earliest first (triggers due at the same moment in the order they were
   * added), each trigger's schedule moved past `now`.
   *
   * A trigger due several times since it last ran runs once, at the latest of those moments, and
   * the others count as missed: Google runs a time-driven trigger when its time comes and never
   * replays runs it did not make, and a jump of the simulated clock is time that passed with no
   * chance to run. One run per jump also keeps "+1 h" from making 60 runs of a 1-minute trigger.
   * The schedule keeps its phase (the install time plus whole intervals). A clock moved back leaves
   * the schedules as they are: nothing runs until the clock passes the next run again.
   */
  takeDueRuns(now: number): DueRun[] {
    const due: DueRun[] = [];
    for (const trigger of this.triggers) {
      if (trigger.nextDueAt > now) continue;
      const intervalMs = trigger.everyMinutes * MINUTE_MS;
      const missedRuns = Math.floor((now - trigger.nextDueAt) / intervalMs);
      const dueAt = trigger.nextDueAt + missedRuns * intervalMs;
      trigger.nextDueAt = dueAt + intervalMs;
      due.push({
        triggerUid: trigger.triggerUid,
        functionName: trigger.functionName,
        everyMinutes: trigger.everyMinutes,
        runAs: { ...trigger.runAs },
        dueAt,
        missedRuns,
      });
    }
    // Array.prototype.sort is stable: equal moments keep the table's order.
    return due.sort((a, b) => a.dueAt - b.dueAt);
  }

  /** Adds a run to its trigger's log (a trigger removed meanwhile keeps no log). */
  record(triggerUid: string, run: ClockTriggerRun): void {
    const trigger = this.triggers.find((t) => t.triggerUid === triggerUid);
    if (!trigger) return;
    trigger.runs = [{ ...run }, ...trigger.runs].slice(0, MAX_RUNS_KEPT);
  }

  snapshot(): ClockTriggerSnapshot {
    return { nextSequence: this.nextSequence, triggers: this.list() };
  }

  /** A state file written before triggers existed has none. */
  restore(snapshot: ClockTriggerSnapshot | undefined): void {
    this.triggers = (snapshot?.triggers ?? []).map(copy);
    this.nextSequence = snapshot?.nextSequence ?? 1;
  }
}

/**
 * The event Apps Script passes a time-driven trigger's function. Its date fields are in UTC and
 * `timezone` says so: Google documents "UTC" as the field's value, whatever the script's time zone.
 * `day-of-week` runs from 1 (Monday) to 7 (Sunday); `week-of-year` is the ISO 8601 week.
 */
export function timeDrivenEvent(at: number, triggerUid: string): TimeDrivenEventJson {
  const date = new Date(at);
  return {
    authMode: 'FULL',
    'day-of-month': date.getUTCDate(),
    'day-of-week': date.getUTCDay() === 0 ? 7 : date.getUTCDay(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    month: date.getUTCMonth() + 1,
    second: date.getUTCSeconds(),
    timezone: 'UTC',
    triggerUid,
    'week-of-year': isoWeek(date),
    year: date.getUTCFullYear(),
  };
}

/** ISO 8601 week number: the week with the year's first Thursday is week 1. */
export function isoWeek(date: Date): number {
  const day = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
  // The Thursday of this week decides the week's year.
  const thursday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - yearStart) / (7 * 24 * 60 * MINUTE_MS)) + 1;
}

/** Google's trigger ids are large decimal numbers; these look alike and are unique per script. */
function triggerUid(sequence: number): string {
  return `40341240849599${String(sequence).padStart(5, '0')}`;
}

function copy(trigger: ClockTrigger): ClockTrigger {
  return { ...trigger, runAs: { ...trigger.runAs }, runs: trigger.runs.map((run) => ({ ...run })) };
}
