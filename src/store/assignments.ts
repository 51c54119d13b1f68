/**
 * Customer domain → assignment records in Script Properties, changed only under the script lock
 * (read, decide, write) so that two users of one domain cannot both win.
 */
import {
  decideChoice,
  decodeAssignment,
  encodeAssignment,
  type Assignment,
  type ChoiceOutcome,
} from '../domain/assignment';
import { KEYS } from './keys';
import { newEventId, outboxEntry, type OutboxEvent } from './outbox';
import type { KeyValueStore, ScriptLock } from './ports';

/** Long enough to queue behind a few other writers, well inside the 30 s add-on limit. */
export const LOCK_TIMEOUT_MS = 5000;

export type Locked<T> = T | { outcome: 'busy' };

export function readAssignment(store: KeyValueStore, domain: string): Assignment | null {
  const text = store.get(KEYS.domain(domain));
  return text === null ? null : decodeAssignment(text);
}

export interface ChoiceInput {
  domain: string;
  actorEmail: string;
  proposed: Assignment;
  now: number;
}

/** Records a user's choice for their organisation, unless the organisation is already bound. */
export function commitChoice(
  store: KeyValueStore,
  lock: ScriptLock,
  input: ChoiceInput,
): Locked<ChoiceOutcome> {
  const result = lock.withLock(LOCK_TIMEOUT_MS, () => {
    const decision = decideChoice(readAssignment(store, input.domain), input.proposed);
    if (decision.outcome !== 'saved') return decision;
    const event: OutboxEvent = {
      id: newEventId(input.now),
      type: decision.record.kind === 'reseller' ? 'assigned' : 'direct',
      domain: input.domain,
      actorEmail: input.actorEmail,
      at: input.now,
    };
    if (decision.record.kind === 'reseller') event.resellerId = decision.record.resellerId;
    const [eventKey, eventValue] = outboxEntry(event);
    store.setAll({ [KEYS.domain(input.domain)]: encodeAssignment(decision.record), [eventKey]: eventValue });
    return decision;
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}

export type ChangeRequestOutcome =
  | { outcome: 'recorded'; record: Assignment }
  | { outcome: 'alreadyPending'; record: Assignment }
  | { outcome: 'noReseller'; record: Assignment | null };

export interface ChangeRequestInput {
  domain: string;
  actorEmail: string;
  reason: string;
  now: number;
}

export function recordChangeRequest(
  store: KeyValueStore,
  lock: ScriptLock,
  input: ChangeRequestInput,
): Locked<ChangeRequestOutcome> {
  const result = lock.withLock(LOCK_TIMEOUT_MS, (): ChangeRequestOutcome => {
    const current = readAssignment(store, input.domain);
    if (current === null || current.kind !== 'reseller') return { outcome: 'noReseller', record: current };
    if (current.changeRequestedAt !== undefined) return { outcome: 'alreadyPending', record: current };
    const record: Assignment = { ...current, changeRequestedAt: input.now };
    const [eventKey, eventValue] = outboxEntry({
      id: newEventId(input.now),
      type: 'changeRequested',
      domain: input.domain,
      actorEmail: input.actorEmail,
      at: input.now,
      resellerId: current.resellerId,
      reason: input.reason,
    });
    store.setAll({ [KEYS.domain(input.domain)]: encodeAssignment(record), [eventKey]: eventValue });
    return { outcome: 'recorded', record };
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}
