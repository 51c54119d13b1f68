/**
 * The capacity of the 500 KB Script Properties store, measured on the built bundle rather than computed
 * from constants: how many customer organisations fit beside reseller directories of 300, 1,000 and 5,000
 * resellers, with the Sheet sync's outbox drained and not drained.
 *
 * For each directory size: load the directory, confirm resellers for sample organisations
 * ("kunde-10123-gmbh.de") and answer "we buy directly" for some more, through `onConfirmReseller` and
 * `onAnswerDirect`, and snapshot the store in between. Every key that is not the directory's (`r:`) is
 * counted, grouped by prefix (the key up to its first ':'), so a key the add-on starts writing is counted
 * without touching this file. A straight line through two snapshots splits each prefix's bytes into bytes
 * per organisation and fixed bytes (a key written once, such as a counter). "Drained" counts every prefix
 * but the outbox (`o:`), "not drained" counts them all. Then
 * fits = floor((512,000 − directory bytes − fixed bytes) / bytes per organisation).
 *
 * One figure is also measured by really filling the store: beside 300 resellers, confirming new
 * organisations and deleting the outbox events between batches (as the sync would) until a confirm is
 * refused with the outbox empty. One more confirm and one more "we buy directly" on the full store must
 * answer with the store-full notice and change nothing.
 */
import { isDeepStrictEqual } from 'node:util';
import { loadDirectory } from '../dev/runtime/adapters';
import { actionEvent } from '../dev/runtime/events';
import type { ExecutionResult } from '../dev/runtime/execution';
import type { HostSnapshot, Identity } from '../dev/runtime/host';
import { PROPERTY_STORE_MAX_BYTES, utf8Bytes } from '../dev/runtime/limits';
import { LocalRuntime } from '../dev/runtime/runtime';
import { generateResellers } from '../dev/demo/resellers';
import type { Reseller } from '../src/domain/reseller';
import { en } from '../src/ui/i18n/en';
import { count, printTable } from './table';

const DIRECTORY_SIZES = [300, 1_000, 5_000];
const GOAL = { organisations: 10_000, resellers: 300 };
/** Reseller organisations before the first snapshot, and between the first and the second. */
const FIRST_BATCH = 100;
const SECOND_BATCH = 200;
/** Organisations answering "we buy directly" after the second snapshot. */
const DIRECT_BATCH = 50;
/** Organisations confirm these resellers in turn, so both batches have the same mix of names. */
const SAMPLE_RESELLERS = 100;
const DIRECTORY_PREFIX = 'r:';
const OUTBOX_PREFIX = 'o:';
/** The fill deletes the outbox events after this many confirms, as a sync run would. */
const DRAIN_EVERY = 250;
/** The fill gives up after this long (the whole bench should stay under ~3 minutes) or this many. */
const FILL_TIME_LIMIT_MS = 120_000;
const FILL_MAX_ORGANISATIONS = 100_000;
const STORE_FULL_TEMPLATE = (en as Record<string, string | undefined>)['error.storeFull'] ?? '';

/** Whether a notification is the catalogue's store-full notice ({placeholders} match any text). */
function isStoreFullNotice(text: string | undefined): boolean {
  if (text === undefined || STORE_FULL_TEMPLATE === '') return false;
  const pattern = STORE_FULL_TEMPLATE.split(/\{[A-Za-z0-9_]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${pattern}$`, 's').test(text);
}

// ---------------------------------------------------------------------------------------------------------
// Driving the bundle.
// ---------------------------------------------------------------------------------------------------------

/** The n-th sample organisation; numbers start at 10,000 so every domain has the same length. */
function organisation(n: number): Identity {
  return { email: `it@kunde-${10_000 + n}-gmbh.de`, locale: 'en', timeZone: 'Europe/Berlin' };
}

function domainOf(who: Identity): string {
  return who.email.slice(who.email.indexOf('@') + 1);
}

function confirm(runtime: LocalRuntime, who: Identity, reseller: Reseller): ExecutionResult {
  return runtime.run({
    functionName: 'onConfirmReseller',
    identity: who,
    event: actionEvent(who, { parameters: { resellerId: reseller.id, domain: domainOf(who) } }),
  });
}

function answerDirect(runtime: LocalRuntime, who: Identity): ExecutionResult {
  return runtime.run({ functionName: 'onAnswerDirect', identity: who, event: actionEvent(who) });
}

function notificationOf(result: ExecutionResult): string | undefined {
  const value = result.value as { action?: { notification?: { text?: string } } } | undefined;
  return value?.action?.notification?.text;
}

/** What an execution answered, for messages: its notification, or its error. */
function outcomeOf(result: ExecutionResult): string {
  if (!result.ok) return `${result.functionName} failed: ${result.error?.message.split('\n')[0] ?? '?'}`;
  return notificationOf(result) ?? '(no notification)';
}

/** Runs `act` and tells whether it stored anything: a saved answer always adds bytes to the store. */
function stores(
  runtime: LocalRuntime,
  act: () => ExecutionResult,
): { saved: boolean; result: ExecutionResult } {
  const before = runtime.host.scriptProperties.usedBytes();
  const result = act();
  return { saved: result.ok && runtime.host.scriptProperties.usedBytes() > before, result };
}

function mustStore(runtime: LocalRuntime, act: () => ExecutionResult): void {
  const { saved, result } = stores(runtime, act);
  if (!saved) throw new Error(`expected a saved answer, got: ${outcomeOf(result)}`);
}

function sampleResellers(resellers: readonly Reseller[]): Reseller[] {
  const approved = resellers.filter((r) => r.status === 'approved');
  return Array.from({ length: SAMPLE_RESELLERS }, (_, i) => approved[(i * 37) % approved.length] as Reseller);
}

// ---------------------------------------------------------------------------------------------------------
// Measuring.
// ---------------------------------------------------------------------------------------------------------

interface PrefixUsage {
  keys: number;
  bytes: number;
  example: string;
}

function prefixOf(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon + 1);
}

/** Keys and bytes (keys + values, UTF-8, as the quota counts them) by key prefix. */
function usageByPrefix(values: Record<string, string>): Map<string, PrefixUsage> {
  const usage = new Map<string, PrefixUsage>();
  for (const [key, value] of Object.entries(values)) {
    const prefix = prefixOf(key);
    const entry = usage.get(prefix) ?? { keys: 0, bytes: 0, example: key };
    entry.keys += 1;
    entry.bytes += utf8Bytes(key) + utf8Bytes(value);
    usage.set(prefix, entry);
  }
  return usage;
}

interface PrefixCost {
  prefix: string;
  example: string;
  keys: number;
  bytes: number;
  perResellerOrganisation: number;
  perDirectOrganisation: number;
  fixed: number;
}

interface Costs {
  perOrganisation: number;
  perDirectOrganisation: number;
  fixed: number;
}

interface Measurement {
  resellers: number;
  directoryBytes: number;
  /** Directory bytes after the sample minus before: anything but 0 means a change rewrote the directory. */
  directoryGrowth: number;
  prefixes: PrefixCost[];
  drained: Costs;
  notDrained: Costs;
}

function measure(resellers: readonly Reseller[]): Measurement {
  const runtime = new LocalRuntime();
  loadDirectory(runtime.host, resellers);
  const store = runtime.host.scriptProperties;
  const sample = sampleResellers(resellers);
  const before = usageByPrefix(store.getAll());
  let n = 0;
  const confirmNext = (): void => {
    const who = organisation(n);
    const reseller = sample[n % sample.length] as Reseller;
    n += 1;
    mustStore(runtime, () => confirm(runtime, who, reseller));
  };
  for (let i = 0; i < FIRST_BATCH; i++) confirmNext();
  const first = usageByPrefix(store.getAll());
  for (let i = 0; i < SECOND_BATCH; i++) confirmNext();
  const second = usageByPrefix(store.getAll());
  for (let i = 0; i < DIRECT_BATCH; i++) {
    const who = organisation(n);
    n += 1;
    mustStore(runtime, () => answerDirect(runtime, who));
  }
  const last = usageByPrefix(store.getAll());

  const bytesIn = (usage: Map<string, PrefixUsage>, prefix: string): number => usage.get(prefix)?.bytes ?? 0;
  const prefixes = [...new Set([...before.keys(), ...first.keys(), ...second.keys(), ...last.keys()])]
    .sort()
    .map((prefix): PrefixCost => {
      const perResellerOrganisation = (bytesIn(second, prefix) - bytesIn(first, prefix)) / SECOND_BATCH;
      const entry = last.get(prefix) ?? second.get(prefix) ?? first.get(prefix) ?? before.get(prefix);
      return {
        prefix,
        example: entry?.example ?? prefix,
        keys: last.get(prefix)?.keys ?? 0,
        bytes: bytesIn(last, prefix),
        perResellerOrganisation,
        perDirectOrganisation: (bytesIn(last, prefix) - bytesIn(second, prefix)) / DIRECT_BATCH,
        fixed: bytesIn(first, prefix) - FIRST_BATCH * perResellerOrganisation,
      };
    });
  const sum = (keep: (prefix: string) => boolean): Costs => {
    const counted = prefixes.filter((p) => p.prefix !== DIRECTORY_PREFIX && keep(p.prefix));
    const total = (pick: (p: PrefixCost) => number): number => counted.reduce((s, p) => s + pick(p), 0);
    return {
      perOrganisation: total((p) => p.perResellerOrganisation),
      perDirectOrganisation: total((p) => p.perDirectOrganisation),
      fixed: Math.max(
        0,
        total((p) => p.fixed),
      ),
    };
  };
  return {
    resellers: resellers.length,
    directoryBytes: bytesIn(before, DIRECTORY_PREFIX),
    directoryGrowth: bytesIn(last, DIRECTORY_PREFIX) - bytesIn(before, DIRECTORY_PREFIX),
    prefixes,
    drained: sum((prefix) => prefix !== OUTBOX_PREFIX),
    notDrained: sum(() => true),
  };
}

function fits(m: Measurement, perOrganisation: number, fixed: number): number {
  return Math.floor((PROPERTY_STORE_MAX_BYTES - m.directoryBytes - fixed) / perOrganisation);
}

// ---------------------------------------------------------------------------------------------------------
// Filling the store for real.
// ---------------------------------------------------------------------------------------------------------

interface Fill {
  /** Organisations saved before the store refused one with the outbox empty. */
  saved: number;
  /** Why the fill ended: the store was full, it ran out of time, or a confirm failed otherwise. */
  end: 'full' | 'time' | 'count' | 'other';
  refusal?: string;
  seconds: number;
  confirmAfterFull?: { notice: string; unchanged: boolean };
  /** Organisations buying directly that still fitted once no reseller organisation did. */
  directsAfterFull?: number;
  directAfterFull?: { notice: string; unchanged: boolean };
}

/** Host state to compare: a user store that was only opened (left empty) is no change. */
function comparable(snapshot: HostSnapshot): HostSnapshot {
  const userProperties = Object.fromEntries(
    Object.entries(snapshot.userProperties).filter(([, values]) => Object.keys(values).length > 0),
  );
  return { ...snapshot, userProperties };
}

function fillUntilFull(resellers: readonly Reseller[]): Fill {
  const runtime = new LocalRuntime();
  loadDirectory(runtime.host, resellers);
  const store = runtime.host.scriptProperties;
  const sample = sampleResellers(resellers);
  const drain = (): void => {
    for (const key of store.keys()) if (key.startsWith(OUTBOX_PREFIX)) store.delete(key);
  };
  const started = Date.now();
  const seconds = (): number => (Date.now() - started) / 1000;
  let saved = 0;
  let sinceDrain = 0;
  let refusal: string | undefined;
  while (refusal === undefined) {
    if (Date.now() - started > FILL_TIME_LIMIT_MS) return { saved, end: 'time', seconds: seconds() };
    if (saved >= FILL_MAX_ORGANISATIONS) return { saved, end: 'count', seconds: seconds() };
    if (sinceDrain >= DRAIN_EVERY) {
      drain();
      sinceDrain = 0;
    }
    const who = organisation(saved);
    const reseller = sample[saved % sample.length] as Reseller;
    let attempt = stores(runtime, () => confirm(runtime, who, reseller));
    if (!attempt.saved) {
      // Refused with events waiting: the sync would drain them, so drain and try once more.
      drain();
      sinceDrain = 0;
      attempt = stores(runtime, () => confirm(runtime, who, reseller));
    }
    if (attempt.saved) {
      saved += 1;
      sinceDrain += 1;
    } else {
      const outcome = outcomeOf(attempt.result);
      if (!isStoreFullNotice(outcome)) return { saved, end: 'other', refusal: outcome, seconds: seconds() };
      refusal = outcome;
    }
  }
  const fillSeconds = seconds();
  const afterFull = (act: () => ExecutionResult): { notice: string; unchanged: boolean } => {
    const before = comparable(runtime.host.snapshot());
    const result = act();
    return {
      notice: outcomeOf(result),
      unchanged: isDeepStrictEqual(comparable(runtime.host.snapshot()), before),
    };
  };
  let n = saved;
  const confirmAfterFull = afterFull(() => confirm(runtime, organisation(n++), sample[0] as Reseller));
  // A "we buy directly" record is smaller than a reseller's, so it may still fit: top up with those
  // until one is refused too, then check one more.
  let directsAfterFull = 0;
  for (;;) {
    drain();
    const who = organisation(n++);
    if (!stores(runtime, () => answerDirect(runtime, who)).saved) break;
    directsAfterFull += 1;
  }
  return {
    saved,
    end: 'full',
    refusal,
    seconds: fillSeconds,
    confirmAfterFull,
    directsAfterFull,
    directAfterFull: afterFull(() => answerDirect(runtime, organisation(n++))),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Printing.
// ---------------------------------------------------------------------------------------------------------

const bytes1 = (n: number): string => n.toFixed(1);

function countedAs(prefix: string): string {
  if (prefix === DIRECTORY_PREFIX) return 'directory';
  if (prefix === OUTBOX_PREFIX) return 'not drained only';
  return 'drained and not drained';
}

function printBreakdown(measurements: readonly Measurement[]): void {
  const rows = measurements.flatMap((m) =>
    m.prefixes.map((p) => [
      count(m.resellers),
      p.prefix,
      p.keys === 1 ? p.example : `${p.example}, …`,
      count(p.keys),
      count(p.bytes),
      p.prefix === DIRECTORY_PREFIX ? '–' : bytes1(p.perResellerOrganisation),
      p.prefix === DIRECTORY_PREFIX ? '–' : bytes1(p.perDirectOrganisation),
      p.prefix === DIRECTORY_PREFIX ? `${bytes1(p.bytes / m.resellers)} per reseller` : bytes1(p.fixed),
      countedAs(p.prefix),
    ]),
  );
  printTable(
    `Script Properties by key prefix after ${FIRST_BATCH + SECOND_BATCH} organisations with a reseller and ` +
      `${DIRECT_BATCH} buying directly (bytes = keys + values, UTF-8)`,
    [
      'resellers',
      'prefix',
      'example key',
      'keys',
      'bytes',
      'per reseller org',
      'per direct org',
      'fixed',
      'counted as',
    ],
    rows,
  );
}

function printCapacity(measurements: readonly Measurement[], fill: Fill | undefined): void {
  const rows = measurements.flatMap((m) =>
    (['drained', 'not drained'] as const).map((outbox) => {
      const costs = outbox === 'drained' ? m.drained : m.notDrained;
      const measured =
        fill && m.resellers === GOAL.resellers && outbox === 'drained'
          ? `${count(fill.saved)}${fill.end === 'full' ? '' : ` (not full: ${fill.end})`}`
          : '–';
      return [
        count(m.resellers),
        count(m.directoryBytes),
        outbox,
        count(Math.round(costs.fixed)),
        bytes1(costs.perOrganisation),
        count(fits(m, costs.perOrganisation, costs.fixed)),
        measured,
        bytes1(costs.perDirectOrganisation),
        count(fits(m, costs.perDirectOrganisation, costs.fixed)),
      ];
    }),
  );
  printTable(
    `Capacity of the 500 KB Script Properties store (${count(PROPERTY_STORE_MAX_BYTES)} bytes): customer ` +
      'organisations beside the directory, measured on the bundle (sample domains like "kunde-10123-gmbh.de")',
    [
      'resellers',
      'directory bytes',
      'outbox',
      'fixed bytes',
      'bytes per org',
      'orgs that fit (extrapolated)',
      'measured by filling',
      'bytes per direct org',
      'fit if all buy directly',
    ],
    rows,
  );
  console.log(
    '\n"bytes per org": an organisation with a reseller (the sample cycles through 100 approved resellers);',
  );
  console.log(
    '"drained": the Sheet sync has removed the outbox events (o:), "not drained": every event still waits.',
  );
  console.log(
    '"fixed": the intercept of a straight line through the two snapshots (below 0 for keys numbered o:1, o:2, …,',
  );
  console.log('which grow longer with the count; a negative total is taken as 0).');
  const goal = measurements.find((m) => m.resellers === GOAL.resellers);
  if (goal) {
    const extrapolated = fits(goal, goal.drained.perOrganisation, goal.drained.fixed);
    const filled = fill?.end === 'full' ? fill.saved : undefined;
    const reached = filled ?? extrapolated;
    const basis =
      filled === undefined
        ? 'extrapolated; the fill did not reach "store full"'
        : `measured by filling; extrapolated ${count(extrapolated)}`;
    console.log(
      `Goal: ≥ ${count(GOAL.organisations)} organisations beside ${count(GOAL.resellers)} resellers, outbox ` +
        `drained: ${count(reached)} (${basis}) → ` +
        (reached >= GOAL.organisations ? 'met' : `NOT met, ${count(GOAL.organisations - reached)} short`),
    );
  }
  for (const m of measurements) {
    if (m.directoryGrowth !== 0) {
      console.log(
        `Note: beside ${count(m.resellers)} resellers the directory (r:) changed by ${count(m.directoryGrowth)} ` +
          'bytes while organisations answered; that is not counted per organisation.',
      );
    }
  }
  if (fill) printFill(fill);
}

function printFill(fill: Fill): void {
  const where = `beside ${count(GOAL.resellers)} resellers, outbox drained every ${DRAIN_EVERY} confirms`;
  if (fill.end === 'time' || fill.end === 'count') {
    console.log(
      `Fill ${where}: stopped after ${fill.seconds.toFixed(1)} s with ${count(fill.saved)} saved, not full`,
    );
    return;
  }
  if (fill.end === 'other') {
    console.log(
      `Fill ${where}: a confirm was refused after ${count(fill.saved)} saved, and not as "store full": ` +
        `"${fill.refusal ?? '?'}"`,
    );
    return;
  }
  console.log(
    `Fill ${where}: ${count(fill.saved)} organisations saved in ${fill.seconds.toFixed(1)} s, then a confirm ` +
      'was refused with the outbox empty (the last write needs room for its record and its outbox event).',
  );
  const topUp = fill.directsAfterFull ?? 0;
  const directs = `${count(topUp)} more organisation${topUp === 1 ? '' : 's'} buying directly (smaller records)`;
  for (const [what, check] of [
    ['one more confirm', fill.confirmAfterFull],
    [`after ${directs} fitted, one more "we buy directly"`, fill.directAfterFull],
  ] as const) {
    if (!check) continue;
    const clear = isStoreFullNotice(check.notice);
    console.log(
      `Store full, ${what}: ${clear ? 'ok' : 'NOT ok'}: notification "${check.notice}"` +
        `${clear ? '' : ' (expected the store-full notice)'}; ` +
        `state ${check.unchanged ? 'unchanged' : 'CHANGED'} (Script and User Properties snapshots compared)`,
    );
  }
}

/** Measures every directory size, fills the store beside 300 resellers, and prints the tables. */
export function capacityTables(): void {
  const directories = new Map(DIRECTORY_SIZES.map((size) => [size, generateResellers(size)]));
  const measurements = [...directories.values()].map((resellers) => measure(resellers));
  printBreakdown(measurements);
  const goalDirectory = directories.get(GOAL.resellers);
  const fill = goalDirectory ? fillUntilFull(goalDirectory) : undefined;
  printCapacity(measurements, fill);
}
