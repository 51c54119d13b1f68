/// <reference lib="dom" />
/**
 * The Owner panel: the owner's entry points (`setup`, `syncNow`) and the time-driven trigger
 * (`runSync`), run as the owner whoever the page is signed in as. They return nothing, as in Apps
 * Script; the panel shows the execution log each run wrote, newest first.
 */
import { $, api } from './api';

interface OwnerRunResult {
  functionName: string;
  ok: boolean;
  error?: { message: string };
  logs: string[];
  budgetCalls: number;
  durationMs: number;
  clock: number;
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

const ENDPOINTS: Record<string, string> = {
  setup: '/api/owner/setup',
  sync: '/api/owner/sync',
  trigger: '/api/owner/trigger',
};

export function initOwnerPanel(options: OwnerPanelOptions): void {
  $('#owner-email').textContent = options.ownerEmail;
  const panel = $('#owner-panel');
  let busy = false;
  panel.querySelectorAll<HTMLButtonElement>('button[data-owner]').forEach((button) => {
    button.addEventListener('click', async () => {
      // Not `disabled`: that would drop the keyboard focus of the button just pressed.
      if (busy) return;
      busy = true;
      panel.setAttribute('aria-busy', 'true');
      setDisabled(panel, true);
      try {
        const endpoint = ENDPOINTS[button.dataset.owner ?? ''] ?? '';
        const advanceMinutes = Number(button.dataset.advance ?? 0);
        const result = await api<OwnerRunResult>('POST', endpoint, { advanceMinutes });
        showRun(result);
        showClock(result.clock);
        options.log(
          `owner: ${result.functionName}: ${result.ok ? 'ok' : 'failed'} · ${result.budgetCalls} service calls`,
        );
      } catch (error) {
        showFailure((error as Error).message);
      } finally {
        busy = false;
        panel.removeAttribute('aria-busy');
        setDisabled(panel, false);
        options.onRan();
      }
    });
  });
}

function setDisabled(panel: HTMLElement, disabled: boolean): void {
  panel
    .querySelectorAll<HTMLButtonElement>('button[data-owner]')
    .forEach((button) => button.setAttribute('aria-disabled', String(disabled)));
}

/** Shows the host's clock as it is now (at the start, after a reset). */
export async function refreshClock(): Promise<void> {
  try {
    showClock((await api<{ clock: number }>('GET', '/api/clock')).clock);
  } catch {
    // The server is gone or restarting: the time shown stays until the next run.
  }
}

/** The simulated time every execution sees (the trigger button moves it on). */
function showClock(clock: number): void {
  const element = $<HTMLTimeElement>('#host-clock');
  const date = new Date(clock);
  element.dateTime = date.toISOString();
  element.textContent = date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

function showRun(result: OwnerRunResult): void {
  const lines = [...result.logs];
  if (result.error) lines.push(`Exception: ${result.error.message}`);
  const summary = `${result.functionName} · ${result.ok ? 'ok' : 'failed'} · ${result.budgetCalls} service calls · ${result.durationMs.toFixed(1)} ms`;
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
