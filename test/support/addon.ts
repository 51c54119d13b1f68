/**
 * Shared set-up for tests that drive the built bundle, on either backend: the default build on
 * Script Properties (jest project `integration`), or the Firestore build on the emulator (project
 * `integration-firestore`, firestore-backend.ts). Read and seed the add-on's data through
 * `storeOf(runtime)`, never `runtime.host.scriptProperties` (which on Firestore holds f:config only).
 */
import { loadDirectory, storeOver, UNCONTENDED_LOCK } from '../../dev/runtime/adapters';
import { AddonClient } from '../../dev/runtime/client';
import type { Identity } from '../../dev/runtime/host';
import { LocalRuntime } from '../../dev/runtime/runtime';
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import type { Reseller } from '../../src/domain/reseller';
import type { KeyValueStore, ScriptLock } from '../../src/store/ports';
import { firestoreDeployment, firestoreRuntime, onFirestore } from './firestore-backend';

export { onFirestore } from './firestore-backend';

/** A deployment with `resellers` as its directory, on the backend of the jest project. */
export function runtimeWith(resellers: readonly Reseller[] = DEMO_RESELLERS): LocalRuntime {
  if (onFirestore()) return firestoreRuntime(resellers);
  const runtime = new LocalRuntime();
  loadDirectory(runtime.host, resellers);
  return runtime;
}

/**
 * The add-on's data store, to assert on and to seed: Script Properties on the default backend,
 * the runtime's Firestore project on the emulator (a seeding setAll of any size, in commits of at
 * most 400 writes). Outside an execution: nothing else writes meanwhile.
 */
export function storeOf(runtime: LocalRuntime): KeyValueStore {
  return firestoreDeployment(runtime)?.store ?? storeOver(runtime.host.scriptProperties);
}

/**
 * The lock to write `storeOf(runtime)` under from a test, with the add-on's store modules: none
 * needed on Script Properties outside an execution; a Firestore transaction on Firestore.
 */
export function lockOf(runtime: LocalRuntime): ScriptLock {
  return firestoreDeployment(runtime)?.lock ?? UNCONTENDED_LOCK;
}

/**
 * Tests of Apps Script service calls or of Script Properties' bytes, which hold only on the default
 * backend: skipped (and shown as skipped) on Firestore, where HTTP round trips are what counts.
 */
export const itOnProperties: jest.It = onFirestore() ? it.skip : it;

/** Tests of the Firestore backend's HTTP round trips: skipped on the default backend. */
export const itOnFirestore: jest.It = onFirestore() ? it : it.skip;

/** Runs backend-specific assertions (service call counts, bytes) on the default backend only. */
export function onPropertiesOnly(assertions: () => void): void {
  if (!onFirestore()) assertions();
}

/** Runs assertions on the Firestore backend only (HTTP round trips). */
export function onFirestoreOnly(assertions: () => void): void {
  if (onFirestore()) assertions();
}

/** Prints a measured figure of the Firestore backend, one line, for the report. */
export function reportFirestore(line: string): void {
  if (onFirestore()) process.stdout.write(`Firestore suites: ${line}\n`);
}

export function user(email: string, locale = 'en', timeZone = 'Europe/Berlin'): Identity {
  return { email, locale, timeZone };
}

export function client(runtime: LocalRuntime, identity: Identity): AddonClient {
  const c = new AddonClient(runtime, identity);
  c.openHomepage();
  return c;
}

/** The add-on's store, Script and User Properties as they are now, to prove that something changed nothing. */
export function storedState(runtime: LocalRuntime): string {
  const { scriptProperties, userProperties } = runtime.host.snapshot();
  const deployment = firestoreDeployment(runtime);
  if (!deployment) return JSON.stringify({ scriptProperties, userProperties });
  const all = deployment.store.getAll();
  const firestore = Object.fromEntries(
    Object.keys(all)
      .sort()
      .map((k) => [k, all[k]]),
  );
  return JSON.stringify({ firestore, scriptProperties, userProperties });
}

/** The add-on's store and Script Properties (no User Properties) as they are now. */
export function scriptState(runtime: LocalRuntime): string {
  const all = storeOf(runtime).getAll();
  const store = Object.fromEntries(
    Object.keys(all)
      .sort()
      .map((k) => [k, all[k]]),
  );
  return JSON.stringify({ store, scriptProperties: runtime.host.scriptProperties.getAll() });
}

export function approved(name: string): Reseller {
  const found = DEMO_RESELLERS.find((r) => r.name === name && r.status === 'approved');
  if (!found) throw new Error(`No approved demo reseller named ${name}`);
  return found;
}

export function domainRecord(runtime: LocalRuntime, domain: string): string | null {
  return storeOf(runtime).get(`d:${domain}`);
}

export function outboxValues(runtime: LocalRuntime): string[] {
  const all = storeOf(runtime).getAll();
  return Object.keys(all)
    .filter((k) => k.startsWith('o:'))
    .sort()
    .map((k) => all[k] as string);
}

/** An (English) user of a customer domain links it to a reseller: search by name, choose, confirm. */
export function chooseReseller(c: AddonClient, query: string): void {
  c.click('I have a Google Workspace reseller');
  c.type('resellerQuery', query);
  c.click('Search');
  c.click('Choose');
  c.click('Share contacts now');
}

/** The vendor account that deploys: its executions alone run setup and the sync. */
export const OWNER = user('owner@resellerconnect.example');

/** Runs an owner function (setup, syncNow, runSync) as the owner in the editor; its log. */
export function runAsOwner(runtime: LocalRuntime, functionName: string): string {
  const result = runtime.run({ functionName, identity: OWNER, event: {}, invokedBy: 'editor' });
  if (!result.ok) throw new Error(`${functionName} failed: ${result.error?.message ?? '?'}`);
  return result.logs.join('\n');
}

export function sheetIdOf(runtime: LocalRuntime): string {
  return storeOf(runtime).get('s:sheet') ?? '';
}

/** A tab of the backing Sheet as the API reads it (header row first). */
export function sheetTab(runtime: LocalRuntime, name: string): unknown[][] {
  return runtime.host.sheets.readTab(sheetIdOf(runtime), name);
}

/** Sets a setting in the Settings tab, as support types it (the next sync reads it). */
export function setSetting(runtime: LocalRuntime, name: string, value: string): void {
  const row = sheetTab(runtime, 'Settings').findIndex((r) => r[0] === name) + 1;
  if (row === 0) throw new Error(`No setting ${name} in the Settings tab`);
  runtime.host.sheets.editCell(sheetIdOf(runtime), 'Settings', `B${row}`, value);
}

/** Setup, `staff` listed as support in the Settings tab, one sync. */
export function runtimeWithSupport(staff: string, resellers?: readonly Reseller[]): LocalRuntime {
  const runtime = runtimeWith(resellers);
  runAsOwner(runtime, 'setup');
  setSetting(runtime, 'supportStaff', staff);
  runAsOwner(runtime, 'syncNow');
  return runtime;
}
