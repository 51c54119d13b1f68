/**
 * The owner's entry points as the simulator runs them: `setup`, `syncNow` and the time-driven
 * trigger `runSync`, always as the owner identity (whoever the page is signed in as), with no event,
 * as the Apps Script editor and a time-driven trigger call them. They answer nothing; what they did is
 * in the execution log, which the Owner panel shows.
 */
import type { ExecutionResult } from '../runtime/execution';
import type { LocalRuntime } from '../runtime/runtime';
import { findIdentity } from './identities';

/** What each Owner panel button runs. */
export const OWNER_FUNCTIONS = { setup: 'setup', sync: 'syncNow', trigger: 'runSync' } as const;

export type OwnerAction = keyof typeof OWNER_FUNCTIONS;

export const OWNER_IDENTITY_ID = 'owner';

/** Longest clock step the trigger button may take before a run (a day). */
export const MAX_ADVANCE_MINUTES = 24 * 60;

export function ownerIdentity(): { email: string; locale: string; timeZone: string } {
  const owner = findIdentity(OWNER_IDENTITY_ID);
  if (!owner) throw new Error('The simulator has no owner identity.');
  return { email: owner.email, locale: owner.locale, timeZone: owner.timeZone };
}

/** Runs one owner function; `advanceMinutes` first moves the host clock, as time passes between triggers. */
export function runOwnerFunction(
  runtime: LocalRuntime,
  action: OwnerAction,
  advanceMinutes = 0,
): ExecutionResult {
  if (advanceMinutes > 0) runtime.host.advanceClock(advanceMinutes * 60 * 1000);
  return runtime.run({ functionName: OWNER_FUNCTIONS[action], identity: ownerIdentity(), event: {} });
}
