/** Shared set-up for tests that drive the built bundle. */
import { loadDirectory } from '../../dev/runtime/adapters';
import { AddonClient } from '../../dev/runtime/client';
import type { Identity } from '../../dev/runtime/host';
import { LocalRuntime } from '../../dev/runtime/runtime';
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import type { Reseller } from '../../src/domain/reseller';

export function runtimeWith(resellers: readonly Reseller[] = DEMO_RESELLERS): LocalRuntime {
  const runtime = new LocalRuntime();
  loadDirectory(runtime.host, resellers);
  return runtime;
}

export function user(email: string, locale = 'en', timeZone = 'Europe/Berlin'): Identity {
  return { email, locale, timeZone };
}

export function client(runtime: LocalRuntime, identity: Identity): AddonClient {
  const c = new AddonClient(runtime, identity);
  c.openHomepage();
  return c;
}

/** Script and User Properties as they are now, to prove that something changed nothing. */
export function storedState(runtime: LocalRuntime): string {
  const { scriptProperties, userProperties } = runtime.host.snapshot();
  return JSON.stringify({ scriptProperties, userProperties });
}

export function approved(name: string): Reseller {
  const found = DEMO_RESELLERS.find((r) => r.name === name && r.status === 'approved');
  if (!found) throw new Error(`No approved demo reseller named ${name}`);
  return found;
}

export function domainRecord(runtime: LocalRuntime, domain: string): string | null {
  return runtime.host.scriptProperties.get(`d:${domain}`);
}

export function outboxValues(runtime: LocalRuntime): string[] {
  const all = runtime.host.scriptProperties.getAll();
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
  return runtime.host.scriptProperties.get('s:sheet') ?? '';
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
