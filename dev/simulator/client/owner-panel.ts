/// <reference lib="dom" />
/**
 * The Owner panel: the owner's entry points (`setup`, `syncNow`, and the trigger's function `runSync`
 * run now, by hand), the time-driven trigger the owner adds in the Apps Script editor (add, remove,
 * its last runs), and the simulated clock, which the panel moves on; every trigger due meanwhile
 * runs. Everything runs as the owner whoever the page is signed in as. The functions return nothing,
 * as in Apps Script; the panel shows the execution log each run wrote, newest first.
 */
import { $, api } from './api';

interface ExecutionView {
  functionName: string;
  ok: boolean;
  error?: { message: string };
  logs: string[];
  budgetCalls: number;
  durationMs: number;
}

interface TriggerRunView extends ExecutionView {
  everyMinutes: number;
  missedRuns: number;
}

interface OwnerRunResult extends ExecutionView {
  clock: number;
  triggerRuns: TriggerRunView[];
}

interface TriggerRunRecord {
  dueAt: number;
  startedAt: number;
  ok: boolean;
  durationMs: number;
  error?: string;
  missedRuns: number;
}

interface TriggerRecord {
  triggerUid: string;
  functionName: string;
  everyMinutes: number;
  runAs: { email: string };
  nextDueAt: number;
  runs: TriggerRunRecord[];
}

interface TriggersView {
  clock: number;
  functionName: string;
  advisedMinutes: number;
  everyMinutes: number[];
  triggers: TriggerRecord[];
}

interface ClockAdvanceResult extends TriggersView {
  runs: TriggerRunView[];
}

export interface OwnerPanelOptions {
  ownerEmail: string;
  /** After every run: the stored state and the Sheet may have changed. */
  onRan: () => void;
  /** A line for the page's own log of executions. */
  log: (line: string) => void;
}

/** Runs kept on screen; older ones are in the page's log of executions only by their summary. */
const MAX_RUNS_SHOWN = 20;
/**
 * How often the panel looks for runs that real time made due (the server runs them on its own):
 * often enough for a 1-minute trigger, rare enough to cost nothing.
 */
const POLL_MS = 10_000;

const ENDPOINTS: Record<string, string> = {
  setup: '/api/owner/setup',
  sync: '/api/owner/sync',
  trigger: '/api/owner/trigger',
  configureFirestore: '/api/owner/configure-firestore',
  migrateToFirestore: '/api/owner/migrate-to-firestore',
  migrateBackToProperties: '/api/owner/migrate-back-to-properties',
};

const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/** What the panel last showed, to tell runs real time made from what its own buttons did. */
let shownRunCount = 0;
let shownAdvice: number | undefined;
let shownTriggers = '';
let onBackgroundRun: (() => void) | undefined;
/** Actions started so far: a poll's answer older than the last action is not shown. */
let actionsStarted = 0;

export function initOwnerPanel(options: OwnerPanelOptions): void {
  $('#owner-email').textContent = options.ownerEmail;
  const panel = $('#owner-panel');
  onBackgroundRun = options.onRan;
  let busy = false;
  /** One action at a time; the panel says it is busy meanwhile. */
  const act = async (run: () => Promise<void>): Promise<void> => {
    // Not `disabled`: that would drop the keyboard focus of the button just pressed.
    if (busy) return;
    busy = true;
    actionsStarted++;
    panel.setAttribute('aria-busy', 'true');
    setDisabled(panel, true);
    try {
      await run();
    } catch (error) {
      showFailure((error as Error).message);
    } finally {
      busy = false;
      panel.removeAttribute('aria-busy');
      setDisabled(panel, false);
      options.onRan();
    }
  };
  const logRun = (run: ExecutionView, trigger?: TriggerRunView): void => {
    showRun(run, trigger);
    const source = trigger ? ' (time-driven trigger)' : '';
    options.log(
      `owner: ${run.functionName}${source}: ${run.ok ? 'ok' : 'failed'} · ${run.budgetCalls} service calls`,
    );
  };

  panel.querySelectorAll<HTMLButtonElement>('button[data-owner]').forEach((button) => {
    button.addEventListener('click', () =>
      act(async () => {
        const endpoint = ENDPOINTS[button.dataset.owner ?? ''] ?? '';
        const advanceMinutes = Number(button.dataset.advance ?? 0);
        const result = await api<OwnerRunResult>('POST', endpoint, { advanceMinutes });
        for (const run of result.triggerRuns) logRun(run, run);
        logRun(result);
        showClock(result.clock);
        await refreshTriggers();
      }),
    );
  });
  panel.querySelectorAll<HTMLButtonElement>('button[data-advance-clock]').forEach((button) => {
    button.addEventListener('click', () =>
      act(async () => {
        const minutes = Number(button.dataset.advanceClock);
        const result = await api<ClockAdvanceResult>('POST', '/api/clock/advance', { minutes });
        for (const run of result.runs) logRun(run, run);
        showTriggers(result);
      }),
    );
  });
  $('#trigger-add').addEventListener('click', () =>
    act(async () => {
      const everyMinutes = Number($<HTMLSelectElement>('#trigger-minutes').value);
      showTriggers(await api<TriggersView>('POST', '/api/owner/triggers', { everyMinutes }));
    }),
  );
  $('#trigger-list').addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-trigger-uid]');
    if (!button) return;
    const triggerUid = button.dataset.triggerUid ?? '';
    void act(async () => {
      showTriggers(await api<TriggersView>('POST', '/api/owner/triggers/remove', { triggerUid }));
      $('#trigger-add').focus(); // the button pressed is gone
    });
  });
  setInterval(() => {
    if (!busy && document.visibilityState === 'visible') void refreshTriggers(true);
  }, POLL_MS);
}

function setDisabled(panel: HTMLElement, disabled: boolean): void {
  panel
    .querySelectorAll<HTMLButtonElement>('button')
    .forEach((button) => button.setAttribute('aria-disabled', String(disabled)));
}

/** Shows the host's clock and the installed triggers as they are now (at the start, after a reset). */
export async function refreshClock(): Promise<void> {
  await refreshTriggers();
}

async function refreshTriggers(fromPoll = false): Promise<void> {
  const actionsBefore = actionsStarted;
  let view: TriggersView;
  try {
    view = await api<TriggersView>('GET', '/api/owner/triggers');
  } catch {
    // The server is gone or restarting: what is shown stays until the next answer.
    return;
  }
  if (fromPoll && actionsStarted !== actionsBefore) return; // an action's answer is newer
  const ranMeanwhile = fromPoll && runCount(view) !== shownRunCount;
  showTriggers(view);
  if (ranMeanwhile) onBackgroundRun?.();
}

function runCount(view: TriggersView): number {
  return view.triggers.reduce((sum, trigger) => sum + trigger.runs.length, 0);
}

/** The simulated time every execution sees (the clock buttons move it on). */
function showClock(clock: number): void {
  const element = $<HTMLTimeElement>('#host-clock');
  const date = new Date(clock);
  element.dateTime = date.toISOString();
  element.textContent = TIME_FORMAT.format(date);
}

function showTriggers(view: TriggersView): void {
  showClock(view.clock);
  shownRunCount = runCount(view);
  const select = $<HTMLSelectElement>('#trigger-minutes');
  if (select.options.length !== view.everyMinutes.length) {
    select.replaceChildren(
      ...view.everyMinutes.map((minutes) => new Option(minutesText(minutes), String(minutes))),
    );
  }
  // The interval setup advises, until the owner picks another (or the advice changes).
  if (shownAdvice !== view.advisedMinutes) {
    select.value = String(view.advisedMinutes);
    shownAdvice = view.advisedMinutes;
  }
  $('#trigger-function').textContent = view.functionName;
  // Redrawn only when something changed: a redraw would take the focus off a Remove button.
  const shown = JSON.stringify(view.triggers);
  if (shown === shownTriggers) return;
  shownTriggers = shown;
  $('#trigger-none').hidden = view.triggers.length > 0;
  $('#trigger-table').hidden = view.triggers.length === 0;
  $('#trigger-list').replaceChildren(...view.triggers.map(triggerRow));
  const runs = view.triggers
    .flatMap((trigger) => trigger.runs.map((run) => ({ run, trigger })))
    .sort((a, b) => b.run.startedAt - a.run.startedAt)
    .slice(0, MAX_RUNS_SHOWN);
  $('#trigger-runs-none').hidden = runs.length > 0;
  $('#trigger-runs').replaceChildren(...runs.map(({ run, trigger }) => runItem(run, trigger)));
}

function triggerRow(trigger: TriggerRecord): HTMLTableRowElement {
  const row = document.createElement('tr');
  const cell = (content: string | Node): HTMLTableCellElement => {
    const td = document.createElement('td');
    td.append(content);
    return td;
  };
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'page-button';
  remove.dataset.triggerUid = trigger.triggerUid;
  remove.textContent = 'Remove';
  remove.setAttribute('aria-label', `Remove the trigger of ${trigger.functionName}`);
  row.append(
    cell(trigger.functionName),
    cell(minutesText(trigger.everyMinutes)),
    cell(trigger.runAs.email),
    cell(timeElement(trigger.nextDueAt)),
    cell(remove),
  );
  return row;
}

function runItem(run: TriggerRunRecord, trigger: TriggerRecord): HTMLLIElement {
  const item = document.createElement('li');
  item.className = run.ok ? 'owner-run' : 'owner-run owner-run-failed';
  const outcome = run.ok ? 'ok' : `failed: ${run.error ?? 'no message'}`;
  const missed = run.missedRuns > 0 ? ` · ${run.missedRuns} earlier due runs not made` : '';
  item.append(
    timeElement(run.startedAt),
    ` ${trigger.functionName} · ${outcome} · ${run.durationMs.toFixed(1)} ms${missed}`,
  );
  return item;
}

function timeElement(at: number): HTMLTimeElement {
  const time = document.createElement('time');
  time.dateTime = new Date(at).toISOString();
  time.textContent = TIME_FORMAT.format(new Date(at));
  return time;
}

function minutesText(minutes: number): string {
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function showRun(result: ExecutionView, trigger?: TriggerRunView): void {
  const lines = [...result.logs];
  if (result.error) lines.push(`Exception: ${result.error.message}`);
  if (trigger && trigger.missedRuns > 0)
    lines.push(`(${trigger.missedRuns} earlier due runs were not made: Apps Script does not catch up)`);
  const source = trigger ? ` · time-driven trigger, every ${minutesText(trigger.everyMinutes)}` : '';
  const summary = `${result.functionName}${source} · ${result.ok ? 'ok' : 'failed'} · ${result.budgetCalls} service calls · ${result.durationMs.toFixed(1)} ms`;
  addEntry(summary, lines.length > 0 ? lines : ['(nothing logged)'], !result.ok);
}

function showFailure(message: string): void {
  addEntry('The run did not start', [message], true);
}

function addEntry(summary: string, lines: string[], failed: boolean): void {
  const list = $('#owner-log');
  const entry = document.createElement('li');
  entry.className = failed ? 'owner-run owner-run-failed' : 'owner-run';
  const head = document.createElement('span');
  head.className = 'owner-run-summary';
  head.textContent = `${new Date().toLocaleTimeString('en-GB')} ${summary}`;
  const body = document.createElement('ul');
  body.replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement('li');
      item.textContent = line;
      return item;
    }),
  );
  entry.append(head, body);
  list.prepend(entry);
  while (list.children.length > MAX_RUNS_SHOWN) list.lastElementChild?.remove();
}
