/**
 * `npm run bench`: runs the built bundle in the local runtime with a directory of 5,000 resellers
 * and prints, as tables, the Apps Script service calls per user action (against the issue's
 * budgets), the CPU time of the callbacks, the bytes stored and the capacity of the 500 KB store
 * (measured beside 300, 1,000 and 5,000 resellers: bench/capacity.ts), search quality and the bytes
 * a keystroke reads from the cache on realistic directories of 400 and 5,000 names
 * (bench/quality.ts), and the bundle size.
 * Nothing here is asserted: machines are noisy, so compare ratios within one run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadDirectory } from '../dev/runtime/adapters';
import { AddonClient } from '../dev/runtime/client';
import { actionEvent, homepageEvent } from '../dev/runtime/events';
import type { ExecutionResult } from '../dev/runtime/execution';
import type { Identity } from '../dev/runtime/host';
import { bytesRead } from '../dev/runtime/bytes-read';
import { LocalRuntime } from '../dev/runtime/runtime';
import { generateResellers } from '../dev/demo/resellers';
import { displayLabel } from '../src/domain/search';
import { encodeAssignment, resellerAssignment } from '../src/domain/assignment';
import { encodeRolesOnly } from '../src/domain/organisation';
import type { Reseller } from '../src/domain/reseller';
import { capacityTables } from './capacity';
import { firestoreSection } from './firestore-bench';
import { qualityTables } from './quality';
import { syncTables } from './sync-bench';
import { printTable } from './table';

const RESELLERS = 5000;
const KEYSTROKES = 400;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;
}

const ms = (n: number): string => n.toFixed(3);

function identity(email: string, locale = 'en'): Identity {
  return { email, locale, timeZone: 'Europe/Berlin' };
}

function cardServiceCalls(result: ExecutionResult): number {
  return Object.entries(result.calls)
    .filter(([name]) => name.startsWith('CardService.'))
    .reduce((sum, [, n]) => sum + n, 0);
}

function sheetCalls(result: ExecutionResult): number {
  return Object.entries(result.calls)
    .filter(([name]) => /Spreadsheet|Sheets|Drive/.test(name))
    .reduce((sum, [, n]) => sum + n, 0);
}

function serviceCallTable(runtime: LocalRuntime, resellers: Reseller[]): void {
  const target = resellers.find((r) => r.status === 'approved') as Reseller;
  const anna = new AddonClient(runtime, identity('anna@kunde-bench.de'));
  const rows: (string | number)[][] = [];
  const row = (action: string, result: ExecutionResult, budget: number | undefined): void => {
    const verdict = budget === undefined ? '' : result.budgetCalls <= budget ? 'ok' : 'OVER';
    const detail = Object.entries(result.calls)
      .filter(([name]) => !name.startsWith('CardService.'))
      .map(([name, n]) => `${name}×${n}`)
      .join(', ');
    rows.push([
      action,
      result.budgetCalls,
      budget ?? '–',
      verdict,
      cardServiceCalls(result),
      sheetCalls(result),
      detail,
    ]);
  };
  anna.openHomepage();
  row('homepage (no answer yet)', anna.last, 3);
  anna.click('I have a Google Workspace reseller');
  row('"I have a reseller"', anna.last, undefined);
  anna.suggest('resellerQuery', target.name.slice(0, 4));
  row('typeahead keystroke (index cached)', anna.last, 2);
  runtime.host.scriptCache.evictAll();
  anna.suggest('resellerQuery', target.name.slice(0, 5));
  row('typeahead keystroke (cache evicted)', anna.last, undefined);
  anna.type('resellerQuery', target.name.slice(0, 6));
  anna.click('Search');
  row('search', anna.last, 2);
  anna.type('resellerQuery', displayLabel(target));
  anna.click('Search');
  row('search with a picked suggestion', anna.last, 2);
  anna.click('Share contacts now');
  row('confirm ("Share contacts now")', anna.last, 8);
  anna.openHomepage();
  row('homepage (organisation assigned)', anna.last, 3);
  // The reseller's name comes from the cache; once it is lost (6 h, or evicted) one homepage
  // refills it for everyone from the directory.
  runtime.host.scriptCache.evictAll();
  anna.openHomepage();
  row('homepage (organisation assigned, cache evicted)', anna.last, undefined);
  anna.openHomepage();
  row('homepage (organisation assigned, next user)', anna.last, 3);
  anna.click('Request a change');
  anna.type('changeReason', 'We changed our reseller last month.');
  anna.click('Send request');
  row('submit a change request', anna.last, undefined);
  const ben = new AddonClient(runtime, identity('ben@direkt-bench.de'));
  ben.openHomepage();
  ben.click('No, we buy directly');
  row('"No, we buy directly"', ben.last, undefined);
  const carl = new AddonClient(runtime, identity('carl@spaeter-bench.de'));
  carl.openHomepage();
  carl.click('Ask me later');
  row('"Ask me later"', carl.last, undefined);
  const clara = identity('clara@partner-bench.de');
  const application = runtime.run({
    functionName: 'onSubmitApplication',
    identity: clara,
    event: actionEvent(clara, {
      parameters: { domain: 'partner-bench.de' },
      formInputs: {
        applicationCompany: 'Partner Bench GmbH',
        applicationContactName: 'Clara Bench',
        applicationContactEmail: 'clara@partner-bench.de',
        applicationCountry: 'DE',
        applicationMessage: 'We sell Google Workspace in Bavaria.',
      },
    }),
  });
  row('submit a reseller application', application, 8);
  resellerRows(runtime, target, row);
  printTable(
    'Apps Script service calls per user action (CardService builders and handle getters excluded)',
    ['action', 'calls', 'budget', '', 'CardService', 'Sheet', 'calls made'],
    rows,
  );
}

/**
 * The reseller's view of `reseller` with 1,000 customers (its staff have the role the sync writes),
 * cached and evicted, and an invitation: made, looked up, confirmed.
 */
function resellerRows(
  runtime: LocalRuntime,
  reseller: Reseller,
  row: (action: string, result: ExecutionResult, budget: number | undefined) => void,
): void {
  const now = runtime.host.now();
  const values: Record<string, string> = {
    [`d:${reseller.domain}`]: encodeRolesOnly([
      { resellerId: reseller.id, status: 'approved', member: reseller.domain },
    ]),
  };
  for (let i = 0; i < 1000; i++)
    values[`d:kunde-${i}-bench.de`] = encodeAssignment(
      resellerAssignment(reseller.id, `user@kunde-${i}-bench.de`, now - i * 60_000),
    );
  runtime.host.scriptProperties.setAll(values, false);
  const staff = identity(`info@${reseller.domain}`);
  const view = (): ExecutionResult =>
    runtime.run({
      functionName: 'onHomepage',
      identity: staff,
      event: homepageEvent(staff, runtime.host.now()),
    });
  runtime.host.scriptCache.evictAll();
  const evicted = bytesRead(runtime, view);
  const cached = bytesRead(runtime, view);
  const kb = (bytes: number): string => `${bytes.toLocaleString('en')} bytes read`;
  row(`reseller's view (1,000 customers, list cached; ${kb(cached.bytes)})`, cached.value, 4);
  row(`reseller's view (1,000 customers, cache evicted; ${kb(evicted.bytes)})`, evicted.value, undefined);
  const info = new AddonClient(runtime, staff);
  info.openHomepage();
  info.click('Invite a customer');
  row('"Invite a customer" (a new code)', info.last, undefined);
  const code = JSON.stringify(info.last.value).match(/[2-9A-Z]{4}-[2-9A-Z]{4}/)?.[0] ?? '';
  const eva = new AddonClient(runtime, identity('eva@eingeladen-bench.de'));
  eva.openHomepage();
  // The view's rows evicted the cache: a keystroke anyone makes fills the search index again.
  eva.click('I have a Google Workspace reseller');
  eva.suggest('resellerQuery', 'cloud');
  eva.type('invitationCode', code);
  eva.click('Use code');
  row('invitation code lookup ("Use code")', eva.last, 3);
  eva.click('Share contacts now');
  row('confirm with an invitation ("Share contacts now")', eva.last, 8);
}

/**
 * CPU time of this thread alone (user + system, in ms), from /proc on Linux; undefined elsewhere.
 * process.cpuUsage counts every thread, also V8's garbage-collector and compiler helpers, which an
 * Apps Script execution does not run its script on. Its resolution is one clock tick (10 ms), so it
 * is only read around a whole series of runs.
 */
function threadCpuMs(): number | undefined {
  try {
    const fields = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    // After the command name: state is field 3, utime 14 and stime 15 (1-based), in clock ticks.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `run` `count` times; the results and this thread's CPU per run, averaged over the series. */
function series(
  count: number,
  run: (i: number) => ExecutionResult,
): { results: ExecutionResult[]; threadMs?: number } {
  const before = threadCpuMs();
  const results = Array.from({ length: count }, (_, i) => run(i));
  const after = threadCpuMs();
  return before === undefined || after === undefined
    ? { results }
    : { results, threadMs: (after - before) / count };
}

function cpuTable(runtime: LocalRuntime, resellers: Reseller[]): void {
  const approved = resellers.filter((r) => r.status === 'approved');
  const who = identity('dora@tippen-bench.de');
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const queries = Array.from({ length: KEYSTROKES }, () => {
    const name = approved[Math.floor(next() * approved.length)]?.name ?? 'cloud';
    return name.slice(0, 2 + Math.floor(next() * 9));
  });
  const typeahead = (query: string): ExecutionResult =>
    runtime.run({
      functionName: 'onSuggestResellers',
      identity: who,
      event: actionEvent(who, { formInputs: { resellerQuery: query } }),
    });
  typeahead('warm up'); // the first call also fills the cache
  const cached = series(queries.length, (i) => typeahead(queries[i] as string));
  const evicted = series(40, (i) => {
    runtime.host.scriptCache.evictAll();
    return typeahead(queries[i] as string);
  });
  const homepages = series(100, (i) => {
    const user = identity(`user${i}@home-bench.de`);
    return runtime.run({ functionName: 'onHomepage', identity: user, event: homepageEvent(user) });
  });
  const target = approved[0] as Reseller;
  const confirms = series(100, (i) => {
    const user = identity(`user@confirm${i}-bench.de`);
    return runtime.run({
      functionName: 'onConfirmReseller',
      identity: user,
      event: actionEvent(user, { parameters: { resellerId: target.id } }),
    });
  });
  const rows = (
    [
      ['typeahead keystroke, index cached (index load + ranking)', cached],
      ['typeahead keystroke, cache evicted (rebuild from properties)', evicted],
      ['homepage', homepages],
      ['confirm ("Share contacts now")', confirms],
    ] as const
  ).map(([label, { results, threadMs }]) => {
    const cpu = results.map((r) => r.cpuMs);
    return [
      label,
      results.length,
      ms(percentile(cpu, 0.5)),
      ms(percentile(cpu, 0.95)),
      ms(
        percentile(
          results.map((r) => r.durationMs),
          0.5,
        ),
      ),
      // Includes the runtime's own work around each call (context, event): an upper bound.
      threadMs === undefined ? '–' : threadMs.toFixed(1),
    ];
  });
  printTable(
    `CPU time per callback at ${RESELLERS.toLocaleString('en')} resellers, in ms (budgets: keystroke median ≤ 1, p95 ≤ 3; cache miss ≤ 100)`,
    [
      'callback',
      'runs',
      'CPU median',
      'CPU p95',
      'wall median',
      'main thread CPU per run (mean, incl. the runtime’s own work)',
    ],
    rows,
  );
}

function bundleTable(): void {
  const code = path.resolve(__dirname, '..', 'build', 'Code.js');
  const bytes = fs.statSync(code).size;
  printTable(
    'Bundle',
    ['file', 'bytes', 'KB'],
    [['build/Code.js', bytes.toLocaleString('en'), (bytes / 1024).toFixed(1)]],
  );
}

/** Sections named on the command line (`npm run bench -- cpu quality`), or all of them. */
const only = process.argv.slice(2).map((arg) => arg.toLowerCase());

/** Runs one section; a section that throws is reported and the others still run (exit code 1). */
function section(name: string, run: () => void): void {
  if (only.length > 0 && !only.some((word) => name.toLowerCase().includes(word))) return;
  try {
    run();
  } catch (error) {
    process.exitCode = 1;
    const message = error instanceof Error ? error.message : String(error);
    console.log(`\n${name}: FAILED, table skipped: ${message.split('\n').slice(0, 3).join(' / ')}`);
  }
}

function main(): void {
  const resellers = generateResellers(RESELLERS);
  const runtime = new LocalRuntime();
  loadDirectory(runtime.host, resellers);
  console.log(`Reseller Connect benchmarks — ${new Date().toISOString()}, node ${process.version}`);
  section('Service calls per user action', () => serviceCallTable(runtime, resellers));
  section('CPU time per callback', () => cpuTable(runtime, resellers));
  section('Search quality', () => qualityTables());
  section('Sheet sync', () => syncTables());
  section('Capacity', () => capacityTables());
  section('Bundle', () => bundleTable());
  void firestoreSection(only);
}

main();
