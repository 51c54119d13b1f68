/**
 * The Firestore build at scale (part of `npm run bench`): Google's Firestore emulator seeded with
 * 5,000 resellers, 100,000 organisations and 10,000 changes waiting for the sync (dev/firestore/
 * seed.ts, written straight to the emulator), then the Firestore build (STORE=firestore, made into a
 * temporary directory) in the local runtime, its Google addresses routed to the emulator and the
 * token endpoint stand-in. Per action: HTTP round trips (UrlFetchApp.fetch/fetchAll calls), the
 * requests they carried, body bytes sent and received, Apps Script service calls, CPU and wall
 * time, against issue 11's budgets (token cached). The same actions at the demo directory and 200
 * organisations show the ratio. Without gcloud one line says so and the rest of the bench runs.
 *
 * Every execution runs to its end (about 90 s for the whole section). FIRESTORE_BENCH_CAPS=on cuts
 * one off after a few requests and marks it so (firestore-cutoff.ts), for a change that makes an
 * execution page through the whole store again (the emulator takes 2–5 s a page at this size).
 * BENCH_PROGRESS=1 prints each action as it finishes, on stderr.
 */
import { firestoreDeployment } from '../dev/firestore/deployment';
import { startFirestoreEmulator, type FirestoreEmulator } from '../dev/firestore/emulator';
import { seedFirestore, type Seeded } from '../dev/firestore/seed';
import { cacheOver } from '../dev/runtime/adapters';
import { AddonClient } from '../dev/runtime/client';
import { gmailMessageEvent, homepageEvent } from '../dev/runtime/events';
import type { ExecutionResult } from '../dev/runtime/execution';
import type { Identity } from '../dev/runtime/host';
import type { LocalRuntime } from '../dev/runtime/runtime';
import { generateTestKey, startTokenEndpoint, type TokenEndpoint } from '../dev/runtime/token-endpoint';
import { DEMO_RESELLERS, generateResellers } from '../dev/demo/resellers';
import type { Reseller } from '../src/domain/reseller';
import { encodeKey } from '../src/store/firestore-rest';
import { TOKEN_CACHE_KEY } from '../src/store/firestore-token';
import { firestoreBuildDir } from '../test/support/firestore-build';
import { startCutoffProxy } from './firestore-cutoff';
import { count, printTable } from './table';

const EMAIL = 'connect@reseller-connect-bench.iam.gserviceaccount.com';
const OWNER: Identity = { email: 'owner@resellerconnect.example', locale: 'en', timeZone: 'Europe/Berlin' };
const SAM: Identity = { email: 'sam@resellerconnect.example', locale: 'en', timeZone: 'Europe/Berlin' };
/** Apps Script's limits: an add-on callback, and a time-driven trigger's run. */
const CALLBACK_LIMIT_MS = 30_000;
const TRIGGER_LIMIT_MS = 6 * 60_000;
/** FIRESTORE_BENCH_CAPS=on cuts an execution off after a few requests (see the module comment). */
const UNCAPPED = (process.env.FIRESTORE_BENCH_CAPS ?? '').toLowerCase() !== 'on';

interface Scale {
  label: string;
  project: string;
  resellers: readonly Reseller[];
  organisations: number;
  changes: number;
  /** Requests after which a callback, and an owner's run, is cut off (0: never). */
  callbackCap: number;
  ownerCap: number;
}

const SCALES: Scale[] = [
  {
    label: 'demo directory, 200 organisations, 100 changes',
    project: 'bench-small',
    resellers: DEMO_RESELLERS,
    organisations: 200,
    changes: 100,
    callbackCap: 0,
    ownerCap: 0,
  },
  {
    label: '5,000 resellers, 100,000 organisations, 10,000 changes',
    project: 'bench-100k',
    resellers: generateResellers(5000),
    organisations: 100_000,
    changes: 10_000,
    // A whole-store read here is ~125 pages of 2–3 s each on the emulator (firestore-cutoff.ts).
    callbackCap: 40,
    ownerCap: 10,
  },
];

function identity(email: string): Identity {
  return { email, locale: 'en', timeZone: 'Europe/Berlin' };
}

const roundTrips = (r: ExecutionResult): number =>
  (r.calls['UrlFetchApp.fetch'] ?? 0) + (r.calls['UrlFetchApp.fetchAll'] ?? 0);

const sheetCalls = (r: ExecutionResult): number =>
  Object.entries(r.calls)
    .filter(([name]) => name.startsWith('Sheets.'))
    .reduce((sum, [, n]) => sum + n, 0);

const kb = (bytes: number): string =>
  bytes < 10_240 ? `${count(bytes)} B` : `${count(Math.round(bytes / 1024))} KB`;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The script cache emptied (as Apps Script may at any time), except the access token. */
function evictKeepingToken(runtime: LocalRuntime): void {
  const token = runtime.host.scriptCache.getAll([TOKEN_CACHE_KEY]);
  runtime.host.scriptCache.evictAll();
  if (token[TOKEN_CACHE_KEY]) runtime.host.scriptCache.putAll(token, 3000);
}

/** Keys with a prefix in the emulator, counted by a query on document names (no field read). */
async function countPrefix(emulator: FirestoreEmulator, project: string, prefix: string): Promise<number> {
  const database = `projects/${project}/databases/(default)`;
  const from = `${database}/documents/kv/${encodeKey(prefix)}`;
  const last = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  const to = `${database}/documents/kv/${encodeKey(last)}`;
  const response = await fetch(`${emulator.origin}/v1/${database}/documents:runQuery`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ya29.bench' },
    body: JSON.stringify({
      structuredQuery: {
        from: [{ collectionId: 'kv' }],
        select: { fields: [{ fieldPath: '__name__' }] },
        where: {
          compositeFilter: {
            op: 'AND',
            filters: [
              {
                fieldFilter: {
                  field: { fieldPath: '__name__' },
                  op: 'GREATER_THAN_OR_EQUAL',
                  value: { referenceValue: from },
                },
              },
              {
                fieldFilter: {
                  field: { fieldPath: '__name__' },
                  op: 'LESS_THAN',
                  value: { referenceValue: to },
                },
              },
            ],
          },
        },
      },
    }),
  });
  const items = (await response.json()) as { document?: unknown }[];
  return items.filter((item) => item.document).length;
}

interface Row {
  action: string;
  result?: ExecutionResult;
  /** Budget on round trips (token cached); undefined: none. */
  budget?: number;
  /** Wall-time limit that applies (callback or trigger). */
  limitMs?: number;
  /** Stopped by the proxy after this many requests (the figures are of the part that ran). */
  cutOffAt?: number;
  note?: string;
}

function verdict(row: Row): string {
  const r = row.result;
  if (!r) return '';
  if (row.cutOffAt !== undefined) return `OVER (cut off after ${row.cutOffAt} requests)`;
  if (!r.ok) return `FAILED: ${(r.error?.message ?? '?').slice(0, 80)}`;
  const over: string[] = [];
  if (row.budget !== undefined && roundTrips(r) > row.budget) over.push('OVER');
  if (row.limitMs !== undefined && r.durationMs > row.limitMs)
    over.push(`over the ${seconds(row.limitMs)} limit`);
  return over.length > 0
    ? over.join(', ')
    : row.budget !== undefined || row.limitMs !== undefined
      ? 'ok'
      : '';
}

function tableRows(rows: Row[]): (string | number)[][] {
  return rows.map((row) => {
    const r = row.result;
    const more = row.cutOffAt !== undefined ? '> ' : '';
    const budget = [
      row.budget !== undefined ? `≤ ${row.budget}` : '',
      row.limitMs === TRIGGER_LIMIT_MS ? '≤ 6 min' : '',
    ]
      .filter(Boolean)
      .join(', ');
    return r
      ? [
          row.action,
          `${more}${roundTrips(r)}`,
          `${more}${r.httpRequests}`,
          `${kb(r.httpBytesSent)} / ${kb(r.httpBytesReceived)}`,
          r.budgetCalls,
          r.cpuMs.toFixed(0),
          r.durationMs.toFixed(0),
          budget || '–',
          verdict(row),
          row.note ?? '',
        ]
      : [row.action, '', '', '', '', '', '', budget || '–', '', row.note ?? ''];
  });
}

interface ScaleRun {
  rows: Row[];
  seeded: Seeded;
  seedMs: number;
  seedCommits: number;
  exchanges: number;
  wallMs: number;
}

const progress = (line: string): void => {
  if (process.env.BENCH_PROGRESS)
    process.stderr.write(`[firestore bench ${new Date().toISOString()}] ${line}\n`);
};

async function runScale(
  scale: Scale,
  emulator: FirestoreEmulator,
  endpoint: TokenEndpoint,
  buildDir: string,
  key: { privateKeyPem: string },
): Promise<ScaleRun> {
  const started = Date.now();
  const proxy = await startCutoffProxy(emulator.origin);
  try {
    const runtime = firestoreDeployment({
      buildDir,
      tokenOrigin: endpoint.origin,
      firestoreOrigin: proxy.origin,
      projectId: scale.project,
      clientEmail: EMAIL,
      privateKeyPem: key.privateKeyPem,
    });
    await emulator.reset(scale.project);
    const seedStarted = Date.now();
    // The caches as a directory load leaves them (the search index, the names); the token not yet.
    const seeded = await seedFirestore(
      emulator.origin,
      scale.project,
      {
        resellers: scale.resellers,
        organisations: scale.organisations,
        changes: scale.changes,
        supportStaff: [SAM.email],
      },
      { cache: cacheOver(runtime.host.scriptCache) },
    );
    const seedMs = Date.now() - seedStarted;
    progress(`${scale.project}: seeded ${seeded.counts.documents} documents in ${seedMs} ms`);
    const exchangesBefore = endpoint.exchanges;
    const rows: Row[] = [];
    const step = (
      action: string,
      run: () => ExecutionResult,
      options: { budget?: number; note?: string; owner?: boolean } = {},
    ): ExecutionResult => {
      const cap = UNCAPPED ? 0 : options.owner ? scale.ownerCap : scale.callbackCap;
      proxy.arm(cap);
      const result = run();
      const cutOff = cap > 0 && proxy.requests() > cap;
      rows.push({
        action,
        result,
        limitMs: options.owner ? TRIGGER_LIMIT_MS : CALLBACK_LIMIT_MS,
        ...(options.budget !== undefined ? { budget: options.budget } : {}),
        ...(cutOff ? { cutOffAt: cap } : {}),
        ...(options.note ? { note: options.note } : {}),
      });
      progress(
        `${scale.project}: ${action}: ${roundTrips(result)} round trips, ${result.durationMs.toFixed(0)} ms${cutOff ? ' (cut off)' : ''}`,
      );
      return result;
    };
    const owner = (functionName: string): ExecutionResult =>
      runtime.run({ functionName, identity: OWNER, event: {}, invokedBy: 'editor' });

    // The customer: a first homepage of the script (the token exchange), then with the token cached.
    const first = new AddonClient(runtime, identity('erste@neukunde-bench.de'));
    step(
      'homepage, first of the script (token exchange included)',
      () => (first.openHomepage(), first.last),
      {
        note: 'the exchange + 1 read',
      },
    );
    const anna = new AddonClient(runtime, identity('anna@kunde-bench.de'));
    step('homepage (no answer yet)', () => (anna.openHomepage(), anna.last), { budget: 1 });
    const assigned = seeded.sample.withReseller;
    const known = new AddonClient(runtime, identity(`it@${assigned.domain}`));
    step('homepage (organisation assigned)', () => (known.openHomepage(), known.last), { budget: 1 });
    const linkedDomain = seeded.sample.linked.links[0] as string;
    const linked = new AddonClient(runtime, identity(`lea@${linkedDomain}`));
    step('homepage (a linked domain)', () => (linked.openHomepage(), linked.last), { budget: 1 });
    step('"I have a reseller"', () => anna.click('I have a Google Workspace reseller'));
    const target = scale.resellers.find((r) => r.status === 'approved') as Reseller;
    step(
      'typeahead keystroke (index cached)',
      () => (anna.suggest('resellerQuery', target.name.slice(0, 4)), anna.last),
      {
        budget: 0,
      },
    );
    evictKeepingToken(runtime);
    step(
      'typeahead keystroke, cache evicted (index rebuilt)',
      () => (anna.suggest('resellerQuery', target.name.slice(0, 5)), anna.last),
      { note: 'the token kept in the cache' },
    );
    let suggestions: string[] = [];
    step(
      'typeahead keystroke after the rebuild',
      () => ((suggestions = anna.suggest('resellerQuery', target.name.slice(0, 6))), anna.last),
      {
        budget: 0,
      },
    );
    // A suggestion as the user picks it (the label names the country in the user's language).
    anna.type('resellerQuery', suggestions.find((label) => label.startsWith(target.name)) ?? target.name);
    step('search (a picked suggestion)', () => anna.click('Search'));
    const confirmed = anna.buttons().some((b) => b.text === 'Share contacts now');
    if (confirmed)
      step('confirm ("Share contacts now")', () => anna.click('Share contacts now'), { budget: 2 });
    else
      rows.push({
        action: 'confirm ("Share contacts now")',
        budget: 2,
        note: 'not reached: the search did not offer it',
      });
    step('homepage after the confirm', () => (anna.openHomepage(), anna.last), { budget: 1 });

    // Support (listed in s:set as the sync stores the Settings tab).
    const pending = await countPrefix(emulator, scale.project, 'o:');
    step(
      `support’s homepage (${count(pending)} changes waiting)`,
      () => runtime.run({ functionName: 'onHomepage', identity: SAM, event: homepageEvent(SAM) }),
      {
        budget: 2,
      },
    );
    const messageId = runtime.host.gmail.addMessage({
      from: `IT <it@${assigned.domain}>`,
      to: SAM.email,
      subject: 'Our reseller',
    });
    step(
      'support opens a customer’s email (contextual card)',
      () =>
        runtime.run({
          functionName: 'onGmailMessage',
          identity: SAM,
          event: gmailMessageEvent(SAM, messageId, runtime.host.gmail.accessToken(messageId)),
        }),
      { budget: 2 },
    );

    // The reseller with the most customers: its staff's view, the list not cached, then cached.
    const busiest = seeded.busiest;
    const staff = identity(`info@${busiest.reseller.domain}`);
    const view = (): ExecutionResult =>
      runtime.run({
        functionName: 'onHomepage',
        identity: staff,
        event: homepageEvent(staff, runtime.host.now()),
      });
    evictKeepingToken(runtime);
    step(`reseller’s view, list not cached (${count(busiest.customers)} customers)`, view, { budget: 2 });
    step(`reseller’s view, list cached (${count(busiest.customers)} customers)`, view, { budget: 2 });

    // The owner: setup creates the Sheet, support is listed in its Settings tab, then the sync of
    // every change waiting (the seeded ones and the confirm above).
    const setup = step('setup (creates the Sheet)', () => owner('setup'), { owner: true });
    const id = (await storeValue(emulator, scale.project, 's:sheet')) ?? '';
    if (setup.ok && id) {
      const settings = runtime.host.sheets.readTab(id, 'Settings');
      runtime.host.sheets.editCell(
        id,
        'Settings',
        `B${settings.findIndex((r) => r[0] === 'supportStaff') + 1}`,
        SAM.email,
      );
    }
    const waiting = await countPrefix(emulator, scale.project, 'o:');
    const sync = step(
      `owner’s sync of ${count(waiting)} changes (and the first write of ${count(scale.resellers.length)} resellers)`,
      () => owner('syncNow'),
      { owner: true },
    );
    const left = await countPrefix(emulator, scale.project, 'o:');
    const syncRow = rows[rows.length - 1] as Row;
    syncRow.note =
      `${sheetCalls(sync)} Sheet calls; ${count(waiting - left)} drained, ${count(left)} left` +
      (syncRow.cutOffAt !== undefined ? '; run without FIRESTORE_BENCH_CAPS=on to see it end' : '');
    const idle = step(
      left === 0 ? 'idle trigger run (nothing to do)' : `trigger run (${count(left)} changes still waiting)`,
      () => runtime.run({ functionName: 'runSync', identity: OWNER, event: {}, invokedBy: 'trigger' }),
      { owner: true },
    );
    (rows[rows.length - 1] as Row).note = `${sheetCalls(idle)} Sheet calls`;
    const after = await countPrefix(emulator, scale.project, 'o:');
    // Measured again only when the sync drained something (otherwise the row above repeats).
    if (after < pending)
      step(
        `support’s homepage after the sync (${count(after)} changes waiting)`,
        () => runtime.run({ functionName: 'onHomepage', identity: SAM, event: homepageEvent(SAM) }),
        { budget: 2 },
      );
    return {
      rows,
      seeded,
      seedMs,
      seedCommits: seeded.write.commits,
      exchanges: endpoint.exchanges - exchangesBefore,
      wallMs: Date.now() - started,
    };
  } finally {
    await proxy.close();
  }
}

/** One document's value, read straight from the emulator. */
async function storeValue(emulator: FirestoreEmulator, project: string, key: string): Promise<string | null> {
  const response = await fetch(
    `${emulator.origin}/v1/projects/${project}/databases/(default)/documents/kv/${encodeURIComponent(encodeKey(key))}`,
    { headers: { authorization: 'Bearer ya29.bench' } },
  );
  if (!response.ok) return null;
  const document = (await response.json()) as { fields?: { v?: { stringValue?: string } } };
  return document.fields?.v?.stringValue ?? null;
}

function printScale(scale: Scale, run: ScaleRun): void {
  const c = run.seeded.counts;
  printTable(
    `Firestore build on the emulator, ${scale.label} (token cached unless said; round trips = UrlFetchApp.fetch/fetchAll calls; ` +
      `ok? also checks the 30 s callback and 6 min trigger limits; ` +
      `seeded ${count(c.documents)} documents in ${count(run.seedCommits)} commits, ${seconds(run.seedMs)}; ` +
      `${count(c.withReseller)} with a reseller, ${count(c.direct)} direct, ${count(c.linkedDomains)} linked domains, ${count(c.roles)} role records; ` +
      `section ${seconds(run.wallMs)})`,
    [
      'action',
      'round trips',
      'requests',
      'bytes sent / received',
      'service calls',
      'CPU ms',
      'wall ms',
      'budget',
      'ok?',
      'note',
    ],
    [
      ...tableRows(run.rows),
      [
        'token exchanges (whole run, one token lifetime)',
        run.exchanges,
        '',
        '',
        '',
        '',
        '',
        '≤ 1',
        run.exchanges <= 1 ? 'ok' : 'OVER',
        '',
      ],
    ],
  );
}

/** The section: skipped, with one line, where the emulator cannot run. */
export async function firestoreSection(only: readonly string[]): Promise<void> {
  const name = 'Firestore (emulator)';
  if (only.length > 0 && !only.some((word) => name.toLowerCase().includes(word))) return;
  const started = Date.now();
  const start = await startFirestoreEmulator();
  if (!start.ok) {
    console.log(`\n${name}: skipped: ${start.reason.replace(/^Firestore tests skipped: /, '')}`);
    return;
  }
  const emulator = start.emulator;
  const key = generateTestKey();
  let endpoint: TokenEndpoint | undefined;
  try {
    const buildDir = firestoreBuildDir();
    endpoint = await startTokenEndpoint({ clientEmail: EMAIL, publicKeyPem: key.publicKeyPem });
    for (const scale of SCALES) printScale(scale, await runScale(scale, emulator, endpoint, buildDir, key));
    console.log(
      `\n${name}: ${seconds(Date.now() - started)} in all (emulator start ${seconds(emulator.startMs)})`,
    );
  } catch (error) {
    process.exitCode = 1;
    const message = error instanceof Error ? error.message : String(error);
    console.log(`\n${name}: FAILED, table skipped: ${message.split('\n').slice(0, 3).join(' / ')}`);
  } finally {
    await endpoint?.close();
    await emulator.stop();
  }
}
