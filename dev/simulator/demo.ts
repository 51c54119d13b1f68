/**
 * The simulator's demo data: the curated reseller directory, a few customers already assigned (one
 * buying directly, one with a change request waiting for support), and the backing Sheet filled by
 * one sync. Everything is set up by running the bundle's own callbacks and the owner's entry points,
 * so the stored data has exactly the bundle's format.
 */
import { loadDirectory } from '../runtime/adapters';
import { actionEvent } from '../runtime/events';
import type { LocalRuntime } from '../runtime/runtime';
import { DEMO_RESELLERS } from '../demo/resellers';
import { KEYS } from '../../src/store/keys';
import { findIdentity } from './identities';
import { runOwnerFunction, type OwnerAction } from './owner';

const DAY = 24 * 60 * 60 * 1000;

export function seedDemo(runtime: LocalRuntime): void {
  const host = runtime.host;
  host.restore({ version: 1, clockOffsetMs: 0, scriptProperties: {}, userProperties: {} });
  loadDirectory(host, DEMO_RESELLERS, 'demo');
  const run = (
    identityId: string,
    functionName: string,
    parameters: Record<string, string> = {},
    formInputs: Record<string, string> = {},
  ): void => {
    const who = findIdentity(identityId);
    if (!who) throw new Error(`No demo identity ${identityId}`);
    const identity = { email: who.email, locale: who.locale, timeZone: who.timeZone };
    const result = runtime.run({
      functionName,
      identity,
      event: actionEvent(identity, { parameters, formInputs }, host.now()),
    });
    if (!result.ok) throw new Error(`Seeding demo data failed in ${functionName}: ${result.error?.message}`);
  };
  // Set up in the past, so that the cards show real "since" dates.
  host.advanceClock(-40 * DAY);
  run('carla', 'onConfirmReseller', { resellerId: 'R-00005' });
  host.advanceClock(10 * DAY);
  run('david', 'onConfirmReseller', { resellerId: 'R-00009' });
  run('emma', 'onAnswerDirect');
  host.advanceClock(27 * DAY);
  run(
    'david',
    'onSubmitChangeRequest',
    {},
    { changeReason: 'Wir wechseln zum 1. Januar zu Zürcher Informatik AG.' },
  );
  host.advanceClock(3 * DAY);
  seedSheet(runtime);
}

/**
 * `setup` and one `syncNow` as the owner, so that a newcomer finds the Sheet filled: the resellers,
 * the assignments, the open request and the audit trail of the changes above.
 */
function seedSheet(runtime: LocalRuntime): void {
  const host = runtime.host;
  const run = (action: OwnerAction, expectedKey: string): boolean => {
    const result = runOwnerFunction(runtime, action);
    // A bundle from before the backing Sheet (or a test's minimal one) still gets its customers.
    if (!result.ok && result.error?.message.startsWith('Script function not found')) return false;
    // Both report only in the log; what they store tells whether they did their work.
    if (!result.ok || host.scriptProperties.get(expectedKey) === null) {
      const why = result.error?.message ?? result.logs.join(' ');
      throw new Error(`Seeding demo data failed in ${result.functionName}: ${why || 'it logged nothing'}`);
    }
    return true;
  };
  if (!run('setup', KEYS.sheetId)) return;
  // The owner lists the vendor's support staff in the Settings tab, as a real owner would.
  const support = findIdentity('support');
  const id = host.scriptProperties.get(KEYS.sheetId) ?? '';
  const row = host.sheets.readTab(id, 'Settings').findIndex((cells) => cells[0] === 'supportStaff') + 1;
  if (support && row > 0) host.sheets.editCell(id, 'Settings', `B${row}`, support.email);
  run('sync', KEYS.syncState);
}
