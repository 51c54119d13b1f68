/**
 * The owner's `setup` and sync (`runSync`), through build/Code.js in the local runtime with the
 * Sheets advanced service fake: the Sheet is created and repaired, customers' changes reach it in
 * commit order, support's edits of the Resellers tab reach the customers' typeahead, bad rows are
 * flagged and never applied, and nobody but the owner can run either.
 */
import type { LocalRuntime } from '../../dev/runtime/runtime';
import type { ExecutionResult } from '../../dev/runtime/execution';
import { directAssignment, encodeAssignment } from '../../src/domain/assignment';
import { changeEntries } from '../../src/store/outbox';
import { actionEvent } from '../../dev/runtime/events';
import {
  chooseReseller,
  client,
  onFirestore,
  onPropertiesOnly,
  reportFirestore,
  runtimeWith,
  storedState,
  storeOf,
  user,
} from '../support/addon';

const OWNER = user('owner@resellerconnect.example', 'en');
const OWNER_DE = user('owner@resellerconnect.example', 'de');

/** Runs an owner entry point; `value` is what it wrote to the execution log. */
function run(
  runtime: LocalRuntime,
  functionName: 'setup' | 'runSync' | 'syncNow',
  who = OWNER,
): ExecutionResult {
  const result = runtime.run({ functionName, identity: who, event: {} });
  if (!result.ok) throw new Error(`${functionName} failed: ${result.error?.message ?? '?'}`);
  return { ...result, value: result.logs.join('\n') };
}

function sheetId(runtime: LocalRuntime): string {
  const id = storeOf(runtime).get('s:sheet');
  if (id === null) throw new Error('setup stored no Sheet id');
  return id;
}

function tabSheetId(runtime: LocalRuntime, title: string): number {
  const reply = runtime.host.sheets.call(OWNER.email, 'spreadsheets.get', [sheetId(runtime)]);
  if (!reply.ok) throw new Error(reply.error.message);
  const sheets = (reply.value as { sheets?: { properties?: { title?: string; sheetId?: number } }[] }).sheets;
  return sheets?.find((s) => s.properties?.title === title)?.properties?.sheetId ?? -1;
}

function tabRows(runtime: LocalRuntime, tab: string): string[][] {
  return runtime.host.sheets.readTab(sheetId(runtime), tab);
}

function sheetCalls(result: ExecutionResult): number {
  return Object.entries(result.calls)
    .filter(([name]) => name.startsWith('Sheets.'))
    .reduce((sum, [, n]) => sum + n, 0);
}

describe('setup', () => {
  it('creates the backing Sheet with every tab, header and setting, and says which trigger to add', () => {
    const runtime = runtimeWith();
    const result = run(runtime, 'setup');
    expect(String(result.value)).toMatch(
      /Created the backing Sheet: https:\/\/docs\.google\.com\/spreadsheets\//,
    );
    expect(String(result.value)).toContain('function runSync, time-driven, every 15 minutes');
    const titles = runtime.host.sheets.list().find((s) => s.spreadsheetId === sheetId(runtime))?.tabs;
    expect(titles).toEqual(['Resellers', 'Assignments', 'Requests', 'Audit', 'Settings']);
    expect(tabRows(runtime, 'Resellers')[0]).toEqual([
      'Id',
      'Name',
      'Aliases',
      'Domain',
      'Country',
      'Contact emails',
      'Status',
      'Notes',
      'Sync status',
    ]);
    expect(tabRows(runtime, 'Settings').map((r) => r[0])).toEqual([
      'Setting',
      'supportStaff',
      'supportAddress',
      'syncMinutes',
      'statusLanguage',
      'agreementSubject',
      'agreementText',
      'agreementLink',
    ]);
    expect(sheetCalls(result)).toBeLessThanOrEqual(3);
  });

  it('writes the headers in the owner’s language', () => {
    const runtime = runtimeWith();
    expect(String(run(runtime, 'setup', OWNER_DE).value)).toContain('Das Tabellenblatt wurde angelegt');
    expect(tabRows(runtime, 'Resellers')[0]?.slice(0, 3)).toEqual(['ID', 'Name', 'Weitere Namen']);
  });

  it('changes nothing when run again, and repairs a deleted tab and a changed header', () => {
    const runtime = runtimeWith();
    run(runtime, 'setup');
    const id = sheetId(runtime);
    const again = run(runtime, 'setup');
    expect(String(again.value)).toContain('The backing Sheet is complete');
    expect(again.calls['Sheets.Spreadsheets.batchUpdate'] ?? 0).toBe(0);
    runtime.host.sheets.deleteTab(id, 'Audit');
    runtime.host.sheets.editCell(id, 'Resellers', 'B1', 'Firma');
    const repaired = String(run(runtime, 'setup').value);
    expect(repaired).toContain('Repaired the backing Sheet');
    expect(sheetId(runtime)).toBe(id);
    expect(tabRows(runtime, 'Audit')[0]?.[0]).toBe('Sequence');
    expect(tabRows(runtime, 'Resellers')[0]?.[1]).toBe('Name');
  });

  it.each([
    ['a customer', user('anna@kunde.example')],
    ['support', user('support@resellerconnect.example')],
  ])('is refused for %s, and changes nothing', (_, who) => {
    const runtime = runtimeWith();
    const before = storedState(runtime);
    expect(String(run(runtime, 'setup', who).value)).toContain("Only the deployment's owner may run this");
    expect(String(run(runtime, 'runSync', who).value)).toContain("Only the deployment's owner may run this");
    expect(storedState(runtime)).toBe(before);
    expect(runtime.host.sheets.list()).toEqual([]);
  });
});

describe('the sync', () => {
  function setUp(): LocalRuntime {
    const runtime = runtimeWith();
    run(runtime, 'setup');
    return runtime;
  }

  it('says to run setup first when there is no Sheet', () => {
    const runtime = runtimeWith();
    expect(String(run(runtime, 'syncNow').value)).toContain('run setup first');
  });

  it('writes the directory into an empty Resellers tab, and customers’ choices to Assignments and Audit', () => {
    const runtime = setUp();
    const anna = client(runtime, user('anna@kunde.example'));
    chooseReseller(anna, 'Müller IT');
    const ben = client(runtime, user('ben@direkt.example'));
    ben.click('No, we buy directly');
    const result = run(runtime, 'runSync');
    expect(String(result.value)).toMatch(/Synced 2 changes/);
    expect(sheetCalls(result)).toBeLessThanOrEqual(6);
    const resellers = tabRows(runtime, 'Resellers');
    expect(resellers.length).toBeGreaterThan(20);
    expect(resellers.find((r) => r[0] === 'R-00001')?.slice(1, 2)).toEqual(['Müller IT GmbH']);
    const assignments = tabRows(runtime, 'Assignments');
    expect(assignments.find((r) => r[0] === 'kunde.example')?.slice(2, 6)).toEqual([
      'R-00001',
      'Müller IT GmbH',
      'customer',
      'anna@kunde.example',
    ]);
    expect(assignments.find((r) => r[0] === 'direkt.example')?.[7]).toBe('buys directly');
    const audit = tabRows(runtime, 'Audit').slice(1);
    expect(audit.map((r) => [r[0], r[3], r[5]])).toEqual([
      ['1', 'assigned', 'R-00001'],
      ['2', 'direct', 'direct'],
    ]);
    // Drained: the outbox is empty, and a second run writes nothing new.
    expect(Object.keys(storeOf(runtime).getAll()).filter((k) => k.startsWith('o:'))).toEqual([]);
    const second = run(runtime, 'syncNow');
    expect(String(second.value)).toMatch(/Synced 0 changes/);
    expect(tabRows(runtime, 'Audit')).toHaveLength(3);
    // The trigger's run with nothing to do: the owner check and one read of the store.
    const idle = run(runtime, 'runSync');
    onPropertiesOnly(() => expect(idle.budgetCalls).toBeLessThanOrEqual(2));
    reportFirestore(
      `sync: ${result.httpRoundTrips} round trips for 2 changes, idle trigger run ${idle.httpRoundTrips}`,
    );
    expect(sheetCalls(idle)).toBe(0);
  });

  it('brings a reseller support added in the Sheet into the customers’ typeahead, with a new id', () => {
    const runtime = setUp();
    run(runtime, 'runSync');
    const id = sheetId(runtime);
    const next = tabRows(runtime, 'Resellers').length + 1;
    runtime.host.sheets.editCell(id, 'Resellers', `B${next}`, 'Zebra Cloud GmbH');
    runtime.host.sheets.editCell(id, 'Resellers', `D${next}`, 'zebra-cloud.de');
    runtime.host.sheets.editCell(id, 'Resellers', `E${next}`, 'DE');
    runtime.host.sheets.editCell(id, 'Resellers', `G${next}`, 'approved');
    // Nothing waits in the store: the trigger reads the Sheet again within the hour.
    runtime.host.advanceClock(60 * 60 * 1000);
    run(runtime, 'runSync');
    const row = tabRows(runtime, 'Resellers')[next - 1] ?? [];
    expect(row[0]).toMatch(/^R-\d{5}$/);
    expect(row[8]).toBe(`OK, new id ${row[0] ?? ''}`);
    const carl = client(runtime, user('carl@kunde.example'));
    carl.click('I have a Google Workspace reseller');
    expect(carl.suggest('resellerQuery', 'Zebra')).toContain('Zebra Cloud GmbH — zebra-cloud.de (Germany)');
  });

  it('flags bad rows with what is wrong, in the Settings language, and applies none of them', () => {
    const runtime = setUp();
    run(runtime, 'runSync');
    const id = sheetId(runtime);
    const rows = tabRows(runtime, 'Resellers');
    const mueller = rows.findIndex((r) => r[0] === 'R-00001') + 1;
    runtime.host.sheets.editCell(id, 'Resellers', `D${mueller}`, 'not a domain');
    runtime.host.sheets.editCell(id, 'Resellers', `B${mueller}`, '=IMPORTXML("x")');
    const settings = tabRows(runtime, 'Settings');
    runtime.host.sheets.editCell(
      id,
      'Settings',
      `B${settings.findIndex((r) => r[0] === 'statusLanguage') + 1}`,
      'de',
    );
    run(runtime, 'syncNow');
    const status = tabRows(runtime, 'Resellers')[mueller - 1]?.[8] ?? '';
    expect(status).toMatch(/^Nicht übernommen: name enthält eine Formel/);
    // The directory keeps Müller IT GmbH as it was.
    const dora = client(runtime, user('dora@kunde.example'));
    dora.click('I have a Google Workspace reseller');
    expect(dora.suggest('resellerQuery', 'Müller IT').join('\n')).toContain('Müller IT GmbH — mueller-it.de');
  });

  it('writes every reseller the tab lost back into it, and keeps it in the directory', () => {
    const runtime = setUp();
    run(runtime, 'runSync');
    const id = sheetId(runtime);
    const count = tabRows(runtime, 'Resellers').length;
    runtime.host.sheets.deleteTab(id, 'Resellers');
    expect(String(run(runtime, 'syncNow').value)).toContain('The tab "Resellers" is missing');
    run(runtime, 'setup');
    run(runtime, 'syncNow');
    expect(tabRows(runtime, 'Resellers')).toHaveLength(count);
    expect(tabRows(runtime, 'Resellers')[1]?.[8]).toMatch(/^Restored/);
  });

  it('converges when stopped after writing the Sheet and run again: no Audit row twice', () => {
    const runtime = setUp();
    const anna = client(runtime, user('anna@kunde.example'));
    anna.click('No, we buy directly');
    // The first run writes the Sheet; simulate a crash before the drain by putting the outbox back.
    const outbox = Object.entries(storeOf(runtime).getAll()).filter(([k]) => k.startsWith('o:'));
    run(runtime, 'runSync');
    storeOf(runtime).setAll(Object.fromEntries(outbox));
    run(runtime, 'runSync');
    expect(tabRows(runtime, 'Audit').slice(1)).toHaveLength(1);
    expect(tabRows(runtime, 'Assignments').slice(1)).toHaveLength(1);
  });

  it('backs off from a quota error (HTTP 429) and finishes in the same run', () => {
    const runtime = setUp();
    const anna = client(runtime, user('anna@kunde.example'));
    anna.click('No, we buy directly');
    // Someone else used up this minute's read quota of the owner.
    runtime.host.sheets.setQuota({ readsPerMinute: 2 });
    for (let i = 0; i < 2; i++) runtime.host.sheets.call(OWNER.email, 'spreadsheets.get', [sheetId(runtime)]);
    const result = run(runtime, 'syncNow');
    expect(String(result.value)).toMatch(/Synced 1 changes/);
    expect(result.calls['Utilities.sleep']).toBeGreaterThanOrEqual(1);
    expect(tabRows(runtime, 'Audit').slice(1)).toHaveLength(1);
  });

  it('stops with a clear message when the Sheets quota is used up, and the next run catches up', () => {
    const runtime = setUp();
    const anna = client(runtime, user('anna@kunde.example'));
    anna.click('No, we buy directly');
    runtime.host.sheets.setQuota({ readsPerMinute: 0 });
    expect(String(run(runtime, 'runSync').value)).toContain('quota');
    expect(Object.keys(storeOf(runtime).getAll()).some((k) => k.startsWith('o:'))).toBe(true);
    runtime.host.sheets.setQuota(false);
    run(runtime, 'runSync');
    expect(tabRows(runtime, 'Audit').slice(1)).toHaveLength(1);
  });

  it('grows a tab whose rows would pass its grid, within the Sheet call budget', () => {
    const runtime = setUp();
    const values: Record<string, string> = {};
    for (let i = 1; i <= 1_200; i++) {
      const domain = `kunde-${i}.example`;
      const at = Date.UTC(2026, 10, 1) + i * 1000;
      values[`d:${domain}`] = encodeAssignment(directAssignment(`it@${domain}`, at));
      Object.assign(
        values,
        changeEntries({ seq: i, type: 'direct', domain, actorEmail: `it@${domain}`, at }),
      );
    }
    storeOf(runtime).setAll(values);
    const result = run(runtime, 'runSync');
    expect(String(result.value)).toMatch(/Synced 1200 changes/);
    expect(sheetCalls(result)).toBeLessThanOrEqual(6);
    expect(tabRows(runtime, 'Assignments')).toHaveLength(1_201);
    expect(tabRows(runtime, 'Audit').at(-1)?.[0]).toBe('1200');
  });

  it('loses and reorders nothing when 50 customers confirm while a sync runs', async () => {
    const runtime = setUp();
    run(runtime, 'syncNow');
    const requests = Array.from({ length: 50 }, (_, i) => {
      const identity = user(`it@kunde-${i}.example`);
      return {
        functionName: 'onConfirmReseller',
        identity,
        event: actionEvent(identity, { parameters: { resellerId: 'R-00001' } }),
      };
    });
    const [syncResult, ...customers] = await runtime.runConcurrently([
      { functionName: 'syncNow', identity: OWNER, event: {} },
      ...requests,
    ]);
    expect(syncResult?.ok).toBe(true);
    expect(customers.every((r) => r.ok)).toBe(true);
    const notices = customers.map(
      (r) => (r.value as { action?: { notification?: { text?: string } } }).action?.notification?.text ?? '',
    );
    const saved = notices.filter((n) => n.startsWith('Saved')).length;
    // All 50 are saved on either store: on Firestore the commit counter's writers retry their
    // optimistic commits (no locks held) until each has its own place in the order.
    if (onFirestore()) reportFirestore(`50 confirms during a sync: ${saved} saved`);
    expect(saved).toBe(50);
    run(runtime, 'syncNow');
    const audit = tabRows(runtime, 'Audit').slice(1);
    expect(audit.map((r) => Number(r[0]))).toEqual(Array.from({ length: saved }, (_, i) => i + 1));
    expect(
      new Set(
        tabRows(runtime, 'Assignments')
          .slice(1)
          .map((r) => r[0]),
      ).size,
    ).toBe(saved);
    expect(Object.keys(storeOf(runtime).getAll()).filter((k) => k.startsWith('o:'))).toEqual([]);
  });

  it('refuses to sync over a deleted header row, and setup puts a new one above the data', () => {
    const runtime = setUp();
    run(runtime, 'syncNow');
    const id = sheetId(runtime);
    const before = tabRows(runtime, 'Resellers');
    // Support deletes row 1: the first reseller moves up into the header's place.
    runtime.host.sheets.call(OWNER.email, 'spreadsheets.batchUpdate', [
      {
        requests: [
          {
            deleteDimension: {
              range: {
                sheetId: tabSheetId(runtime, 'Resellers'),
                dimension: 'ROWS',
                startIndex: 0,
                endIndex: 1,
              },
            },
          },
        ],
      },
      id,
    ]);
    expect(String(run(runtime, 'syncNow').value)).toContain(
      'The header row of the tab "Resellers" was changed or deleted',
    );
    expect(String(run(runtime, 'setup').value)).toContain('Repaired');
    expect(tabRows(runtime, 'Resellers')).toEqual(before);
    expect(String(run(runtime, 'syncNow').value)).toMatch(/Synced/);
  });

  describe('support’s edits of the Assignments tab', () => {
    /** Anna's organisation assigned to Müller IT and synced: its row in the tab, 1-based. */
    function assigned(runtime: LocalRuntime): number {
      const anna = client(runtime, user('anna@kunde.example'));
      chooseReseller(anna, 'Müller IT');
      run(runtime, 'syncNow');
      return tabRows(runtime, 'Assignments').findIndex((r) => r[0] === 'kunde.example') + 1;
    }

    it('applies a corrected reseller with a reason as support’s assignment', () => {
      const runtime = setUp();
      const row = assigned(runtime);
      expect(tabRows(runtime, 'Assignments')[row - 1]?.[8]).toBe('OK (R-00001)');
      runtime.host.sheets.editCell(sheetId(runtime), 'Assignments', `C${row}`, 'R-00012');
      runtime.host.sheets.editCell(
        sheetId(runtime),
        'Assignments',
        `H${row}`,
        'Moved to Cloudwerk in November',
      );
      run(runtime, 'syncNow');
      expect(tabRows(runtime, 'Assignments')[row - 1]?.slice(2, 9)).toEqual([
        'R-00012',
        'Cloudwerk GmbH',
        'support',
        'support (Assignments tab)',
        expect.stringMatching(/^20/),
        'Moved to Cloudwerk in November',
        'OK (R-00012)',
      ]);
      expect(tabRows(runtime, 'Audit').at(-1)?.slice(2, 6)).toEqual([
        'support (Assignments tab)',
        'supportAssigned',
        'R-00001',
        'R-00012',
      ]);
      const ben = client(runtime, user('ben@kunde.example'));
      expect(ben.texts().join('\n')).toContain('Cloudwerk GmbH');
      expect(ben.texts().join('\n')).toContain('Set by our support team');
    });

    it('lets support’s edit win over a user’s change made since the last sync, both in Audit', () => {
      const runtime = setUp();
      const row = assigned(runtime);
      // A colleague asks for a change (a committed change waiting in the outbox) …
      const ben = client(runtime, user('ben@kunde.example'));
      ben.click('Request a change');
      ben.type('changeReason', 'We moved to Cloudwerk last month.');
      ben.click('Send request');
      // … while support corrects the row in the Sheet.
      runtime.host.sheets.editCell(sheetId(runtime), 'Assignments', `C${row}`, 'R-00012');
      runtime.host.sheets.editCell(sheetId(runtime), 'Assignments', `H${row}`, 'Confirmed by phone');
      run(runtime, 'syncNow');
      const audit = tabRows(runtime, 'Audit').slice(-2);
      expect(audit.map((r) => r[3])).toEqual(['changeRequested', 'supportAssigned']);
      expect(Number(audit[0]?.[0])).toBeLessThan(Number(audit[1]?.[0]));
      expect(client(runtime, user('ben@kunde.example')).texts().join('\n')).toContain('Cloudwerk GmbH');
    });

    it.each([
      ['an unknown reseller id', 'R-99999', 'Reason given', /R-99999 is not an approved reseller/],
      ['no reason', 'R-00012', '', /give a reason/],
      ['no reseller id', '', 'Reason given', /put a reseller id/],
    ])('flags %s and changes nothing', (_, id, reason, message) => {
      const runtime = setUp();
      const row = assigned(runtime);
      runtime.host.sheets.editCell(sheetId(runtime), 'Assignments', `C${row}`, id);
      runtime.host.sheets.editCell(sheetId(runtime), 'Assignments', `H${row}`, reason);
      const before = storeOf(runtime).get('d:kunde.example');
      run(runtime, 'syncNow');
      expect(tabRows(runtime, 'Assignments')[row - 1]?.[8]).toMatch(message);
      expect(storeOf(runtime).get('d:kunde.example')).toBe(before);
    });
  });

  it('converges after a crash at any service call of a sync: no row lost or written twice', () => {
    const prepare = (): LocalRuntime => {
      const runtime = setUp();
      run(runtime, 'syncNow');
      client(runtime, user('anna@kunde.example')).click('No, we buy directly');
      run(runtime, 'syncNow');
      // Support adds a second domain to kunde.example in the Sheet: a link edit in the same run.
      const kunde = tabRows(runtime, 'Assignments').findIndex((r) => r[0] === 'kunde.example') + 1;
      runtime.host.sheets.editCell(sheetId(runtime), 'Assignments', `B${kunde}`, 'kunde.at');
      const ben = client(runtime, user('ben@direkt.example'));
      chooseReseller(ben, 'Müller IT');
      ben.click('Request a change');
      ben.type('changeReason', 'We moved to Cloudwerk last month.');
      ben.click('Send request');
      const row = tabRows(runtime, 'Resellers').findIndex((r) => r[0] === 'R-00002') + 1;
      runtime.host.sheets.editCell(sheetId(runtime), 'Resellers', `B${row}`, 'Mueller IT Austria GmbH');
      return runtime;
    };
    const summary = (runtime: LocalRuntime): unknown => ({
      audit: tabRows(runtime, 'Audit')
        .slice(1)
        .map((r) => [r[0], r[3], r[5]]),
      assignments: tabRows(runtime, 'Assignments')
        .slice(1)
        .map((r) => [r[0], r[1], r[2], r[4], r[8]]),
      requests: tabRows(runtime, 'Requests')
        .slice(1)
        .map((r) => [r[0], r[1], r[6]]),
      resellers: tabRows(runtime, 'Resellers')
        .slice(1)
        .map((r) => [r[0], r[1], r[8]]),
      outbox: Object.keys(storeOf(runtime).getAll()).filter((k) => k.startsWith('o:')),
      mueller: storeOf(runtime).get('r:0')?.includes('Mueller IT Austria GmbH'),
      linked: storeOf(runtime).get('d:kunde.at')?.startsWith('>'),
    });
    const reference = prepare();
    run(reference, 'syncNow');
    const expected = summary(reference);
    expect(expected).toMatchObject({ linked: true });
    let crashes = 0;
    for (let after = 0; after < 40; after++) {
      const runtime = prepare();
      runtime.host.crashNextExecutionAfter(after);
      const crashed = runtime.run({ functionName: 'syncNow', identity: OWNER, event: {} });
      run(runtime, 'syncNow');
      expect([after, summary(runtime)]).toEqual([after, expected]);
      if (crashed.ok) break; // past the sync's last call: every stop has been tried
      crashes++;
    }
    // A crash point is a service call, and on Firestore also each send of UrlFetchApp (just before
    // it leaves): the sync is stopped before every read and every commit.
    expect(crashes).toBeGreaterThan(8);
  });
});
