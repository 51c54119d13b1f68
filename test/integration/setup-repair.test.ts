/**
 * `setup` run again after an update, through build/Code.js in the local runtime: the Settings rows
 * the new version defines and the Sheet lacks are appended with their defaults and notes, in the
 * calls setup makes anyway; rows support has are never touched, and a complete Sheet is only read.
 */
import type { LocalRuntime } from '../../dev/runtime/runtime';
import type { ExecutionResult } from '../../dev/runtime/execution';
import { runtimeWith, user } from '../support/addon';

const OWNER = user('owner@resellerconnect.example', 'en');
const AGREEMENT_ROWS = ['agreementSubject', 'agreementText', 'agreementLink'];

function run(runtime: LocalRuntime, functionName: 'setup' | 'syncNow'): ExecutionResult {
  const result = runtime.run({ functionName, identity: OWNER, event: {} });
  if (!result.ok) throw new Error(`${functionName} failed: ${result.error?.message ?? '?'}`);
  return { ...result, value: result.logs.join('\n') };
}

function sheetId(runtime: LocalRuntime): string {
  const id = runtime.host.scriptProperties.get('s:sheet');
  if (id === null) throw new Error('setup stored no Sheet id');
  return id;
}

function settings(runtime: LocalRuntime): string[][] {
  return runtime.host.sheets.readTab(sheetId(runtime), 'Settings');
}

function sheetCalls(result: ExecutionResult): Record<string, number> {
  return Object.fromEntries(Object.entries(result.calls).filter(([name]) => name.startsWith('Sheets.')));
}

function settingsTab(runtime: LocalRuntime): { sheetId: number; rowCount: number } {
  const reply = runtime.host.sheets.call(OWNER.email, 'spreadsheets.get', [sheetId(runtime)]);
  if (!reply.ok) throw new Error(reply.error.message);
  type Tab = { properties?: { title?: string; sheetId?: number; gridProperties?: { rowCount?: number } } };
  const tab = (reply.value as { sheets?: Tab[] }).sheets?.find((s) => s.properties?.title === 'Settings');
  return {
    sheetId: tab?.properties?.sheetId ?? -1,
    rowCount: tab?.properties?.gridProperties?.rowCount ?? 0,
  };
}

/** Deletes rows [start, end) (0-based) of the Settings tab, as support does in Sheets. */
function deleteRows(runtime: LocalRuntime, start: number, end: number): void {
  const reply = runtime.host.sheets.call(OWNER.email, 'spreadsheets.batchUpdate', [
    {
      requests: [
        {
          deleteDimension: {
            range: {
              sheetId: settingsTab(runtime).sheetId,
              dimension: 'ROWS',
              startIndex: start,
              endIndex: end,
            },
          },
        },
      ],
    },
    sheetId(runtime),
  ]);
  if (!reply.ok) throw new Error(reply.error.message);
}

/** A Sheet set up by an older version: Settings without the agreement rows (rows 6 to 8). */
function olderSheet(): LocalRuntime {
  const runtime = runtimeWith();
  run(runtime, 'setup');
  expect(
    settings(runtime)
      .slice(5)
      .map((r) => r[0]),
  ).toEqual(AGREEMENT_ROWS);
  deleteRows(runtime, 5, 8);
  return runtime;
}

describe('setup on a Sheet of an older version', () => {
  it('appends the Settings rows it lacks, keeps support’s rows and order, then only reads', () => {
    const runtime = olderSheet();
    const id = sheetId(runtime);
    // Support swapped the first two rows and filled them in.
    runtime.host.sheets.editCell(id, 'Settings', 'A2', 'supportAddress');
    runtime.host.sheets.editCell(id, 'Settings', 'B2', 'help@resellerconnect.example');
    runtime.host.sheets.editCell(id, 'Settings', 'A3', 'supportStaff');
    runtime.host.sheets.editCell(id, 'Settings', 'B3', 'support@resellerconnect.example');
    runtime.host.sheets.editCell(id, 'Settings', 'B4', '5');
    const before = settings(runtime);

    const repair = run(runtime, 'setup');
    expect(String(repair.value)).toContain(
      'Repaired the backing Sheet: Settings (rows agreementSubject, agreementText, agreementLink)',
    );
    expect(sheetCalls(repair)).toEqual({
      'Sheets.Spreadsheets.get': 2,
      'Sheets.Spreadsheets.batchUpdate': 1,
    });
    const after = settings(runtime);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual(AGREEMENT_ROWS.map((key) => [key, '', '']));
    expect(runtime.host.sheets.cell(id, 'Settings', 'A6').note).toMatch(
      /^Subject of the mail "Send agreement"/,
    );
    expect(runtime.host.sheets.cell(id, 'Settings', 'A8').note).toMatch(/^Link to the agreement/);
    expect(runtime.host.sheets.cell(id, 'Settings', 'B3').formatted).toBe('support@resellerconnect.example');

    const third = run(runtime, 'setup');
    expect(String(third.value)).toContain('The backing Sheet is complete');
    expect(sheetCalls(third)).toEqual({ 'Sheets.Spreadsheets.get': 2 });
    expect(settings(runtime)).toEqual(after);
    expect(String(run(runtime, 'syncNow').value)).toMatch(/Synced/);
  });

  it('leaves a row support has alone whatever its value, and appends below the last row with content', () => {
    const runtime = olderSheet();
    const id = sheetId(runtime);
    // agreementText is back, with support's text; a row of notes further down, blank rows between.
    runtime.host.sheets.editCell(id, 'Settings', 'A6', 'agreementText');
    runtime.host.sheets.editCell(id, 'Settings', 'B6', 'Dear {contactName}, see {link}.');
    runtime.host.sheets.editCell(id, 'Settings', 'C9', 'a note of support’s');
    run(runtime, 'setup');
    const rows = settings(runtime);
    expect(rows.map((r) => r[0])).toEqual([
      'Setting',
      'supportStaff',
      'supportAddress',
      'syncMinutes',
      'statusLanguage',
      'agreementText',
      '',
      '',
      '',
      'agreementSubject',
      'agreementLink',
    ]);
    expect(rows[5]?.[1]).toBe('Dear {contactName}, see {link}.');
    expect(rows[8]?.[2]).toBe('a note of support’s');
    expect(sheetCalls(run(runtime, 'setup'))).toEqual({ 'Sheets.Spreadsheets.get': 2 });
  });

  it('grows a Settings tab whose grid ends at its last row, in the same write', () => {
    const runtime = olderSheet();
    deleteRows(runtime, 5, settingsTab(runtime).rowCount);
    expect(settingsTab(runtime).rowCount).toBe(5);
    const repair = run(runtime, 'setup');
    expect(sheetCalls(repair)['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(
      settings(runtime)
        .slice(5)
        .map((r) => r[0]),
    ).toEqual(AGREEMENT_ROWS);
  });

  it('puts back a deleted header row and the missing rows below the settings it moved down', () => {
    const runtime = olderSheet();
    deleteRows(runtime, 0, 1);
    const repair = run(runtime, 'setup');
    // The header's protection went with its row.
    expect(String(repair.value)).toContain(
      'Settings (header, protection, rows agreementSubject, agreementText, agreementLink)',
    );
    expect(sheetCalls(repair)['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(settings(runtime).map((r) => r[0])).toEqual([
      'Setting',
      'supportStaff',
      'supportAddress',
      'syncMinutes',
      'statusLanguage',
      ...AGREEMENT_ROWS,
    ]);
  });
});
