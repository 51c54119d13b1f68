/**
 * The simulator's demo data: the curated reseller directory, a few customers already assigned (one
 * buying directly, one with a change request waiting for support). Customers are set up by running
 * the bundle's own callbacks, so the stored data has exactly the bundle's format.
 */
import { loadDirectory } from '../runtime/adapters';
import { actionEvent } from '../runtime/events';
import type { LocalRuntime } from '../runtime/runtime';
import { DEMO_RESELLERS } from '../demo/resellers';
import { findIdentity } from './identities';

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
}
