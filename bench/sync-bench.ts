/**
 * The owner's sync at scale (part of `npm run bench`): Sheet calls, all service calls and CPU for
 * `setup`, a first sync that writes 5,000 resellers into the Sheet, draining 1,000 changes, a sync
 * that reads 10,000 Assignments rows and 5,000 resellers, and the idle trigger run.
 */
import { loadDirectory } from '../dev/runtime/adapters';
import { gmailMessageEvent, homepageEvent } from '../dev/runtime/events';
import type { ExecutionResult } from '../dev/runtime/execution';
import type { Identity } from '../dev/runtime/host';
import { LocalRuntime } from '../dev/runtime/runtime';
import { generateResellers } from '../dev/demo/resellers';
import { directAssignment, encodeAssignment } from '../src/domain/assignment';
import { changeEntries } from '../src/store/outbox';
import { printTable } from './table';

const OWNER: Identity = { email: 'owner@resellerconnect.example', locale: 'en', timeZone: 'Europe/Berlin' };

function sheetCalls(result: ExecutionResult): number {
  return Object.entries(result.calls)
    .filter(([name]) => name.startsWith('Sheets.'))
    .reduce((sum, [, n]) => sum + n, 0);
}

function run(runtime: LocalRuntime, functionName: string): ExecutionResult {
  const result = runtime.run({ functionName, identity: OWNER, event: {} });
  if (!result.ok) throw new Error(`${functionName} failed: ${result.error?.message ?? '?'}`);
  return result;
}

/** `count` changes waiting in the outbox, each with its organisation's record, from sequence `first`. */
function queueChanges(runtime: LocalRuntime, first: number, count: number): void {
  const values: Record<string, string> = {};
  for (let seq = first; seq < first + count; seq++) {
    const domain = `kunde-${seq}.example`;
    const at = Date.UTC(2026, 10, 1) + seq * 1000;
    values[`d:${domain}`] = encodeAssignment(directAssignment(`it@${domain}`, at));
    Object.assign(values, changeEntries({ seq, type: 'direct', domain, actorEmail: `it@${domain}`, at }));
  }
  runtime.host.scriptProperties.setAll(values, false);
}

/** Support's 10,000 Assignments rows, put into the Sheet as a person pasting them would. */
function fillAssignments(runtime: LocalRuntime, rows: number): void {
  const id = runtime.host.scriptProperties.get('s:sheet') ?? '';
  const values = Array.from({ length: rows }, (_, i) => [
    `org-${i}.example`,
    '',
    'R-00001',
    'Müller IT GmbH',
    'import',
    'import',
    '2026-11-01T00:00:00.000Z',
    '',
    'OK',
  ]);
  runtime.host.sheets.call(OWNER.email, 'spreadsheets.batchUpdate', [
    {
      requests: [
        {
          appendDimension: {
            sheetId: sheetIdOf(runtime, id, 'Assignments'),
            dimension: 'ROWS',
            length: rows + 100,
          },
        },
      ],
    },
    id,
  ]);
  const reply = runtime.host.sheets.call(OWNER.email, 'spreadsheets.values.batchUpdate', [
    { valueInputOption: 'RAW', data: [{ range: `Assignments!A2:I${rows + 1}`, values }] },
    id,
  ]);
  if (!reply.ok) throw new Error(reply.error.message);
}

function sheetIdOf(runtime: LocalRuntime, id: string, title: string): number {
  const reply = runtime.host.sheets.call(OWNER.email, 'spreadsheets.get', [id]);
  if (!reply.ok) throw new Error(reply.error.message);
  const sheets =
    (reply.value as { sheets?: { properties?: { title?: string; sheetId?: number } }[] }).sheets ?? [];
  return sheets.find((s) => s.properties?.title === title)?.properties?.sheetId ?? 0;
}

const SUPPORT: Identity = { email: 'sam@resellerconnect.example', locale: 'en', timeZone: 'Europe/Berlin' };

/** Support's homepage and the card for an opened email, with Sam listed in the Settings tab. */
function supportRows(runtime: LocalRuntime): [string, ExecutionResult][] {
  const id = runtime.host.scriptProperties.get('s:sheet') ?? '';
  const settings = runtime.host.sheets.readTab(id, 'Settings');
  runtime.host.sheets.editCell(
    id,
    'Settings',
    `B${settings.findIndex((r) => r[0] === 'supportStaff') + 1}`,
    SUPPORT.email,
  );
  run(runtime, 'syncNow');
  const homepage = runtime.run({
    functionName: 'onHomepage',
    identity: SUPPORT,
    event: homepageEvent(SUPPORT),
  });
  const messageId = runtime.host.gmail.addMessage({ from: 'Anna <anna@kunde-1.example>', to: SUPPORT.email });
  const message = runtime.run({
    functionName: 'onGmailMessage',
    identity: SUPPORT,
    event: gmailMessageEvent(SUPPORT, messageId, runtime.host.gmail.accessToken(messageId)),
  });
  return [
    ['support’s homepage', homepage],
    ['support opens an email (contextual card)', message],
  ];
}

export function syncTables(): void {
  const runtime = new LocalRuntime();
  loadDirectory(runtime.host, generateResellers(5000));
  const rows: (string | number)[][] = [];
  const row = (label: string, result: ExecutionResult, budget: string): void => {
    const properties = Object.entries(result.calls)
      .filter(([name]) => name.startsWith('Properties.'))
      .reduce((sum, [, n]) => sum + n, 0);
    rows.push([
      label,
      sheetCalls(result),
      budget,
      result.budgetCalls,
      properties,
      result.cpuMs.toFixed(1),
      result.durationMs.toFixed(1),
    ]);
  };
  row('setup (creates the Sheet)', run(runtime, 'setup'), '–');
  row('first sync: 5,000 resellers written to the Sheet', run(runtime, 'syncNow'), '≤ 6');
  queueChanges(runtime, 1, 1000);
  row('sync draining 1,000 changes', run(runtime, 'runSync'), '≤ 6');
  fillAssignments(runtime, 10_000);
  queueChanges(runtime, 1001, 500);
  row('sync reading 10,000 Assignments rows + 5,000 resellers, 500 changes', run(runtime, 'syncNow'), '≤ 6');
  row('idle trigger run (nothing to do)', run(runtime, 'runSync'), '≤ 2 calls');
  const support = supportRows(runtime);
  for (const [label, result] of support) row(label, result, '≤ 6 calls');
  printTable(
    'The owner’s sync and support’s cards at 5,000 resellers (Sheet calls are Sheets API requests; calls = all service calls)',
    ['run', 'Sheet calls', 'budget', 'calls', 'Properties calls', 'CPU ms', 'wall ms'],
    rows,
  );
}
