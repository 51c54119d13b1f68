/**
 * Customer domain → assignment records in Script Properties, changed only under the script lock
 * (read, decide, write) so that two users of one domain cannot both win. Every change advances the
 * commit sequence and writes its outbox entry in the same setProperties call, and takes its time
 * from the clock only once the lock is held.
 *
 * A record that cannot be read is never treated as "no answer": it is reported as unreadable, and
 * nothing is written over it until support has looked at it.
 */
import {
  answerText,
  applyChange,
  decideChoice,
  decodeAssignment,
  directAssignment,
  encodeAssignment,
  resellerAssignment,
  supportAssignment,
  type Assignment,
  type Change,
  type ChoiceOutcome,
} from '../domain/assignment';
import type { Reseller } from '../domain/reseller';
import { findInDirectory, readDirectory } from './directory';
import { KEYS } from './keys';
import { LOCK_TIMEOUT_MS, type Locked } from './locking';
import { changeEntries, nextSequence, nextSequenceFrom } from './outbox';
import type { KeyValueStore, ScriptLock } from './ports';

export { LOCK_TIMEOUT_MS, type Locked };

export type RecordState =
  { state: 'none' } | { state: 'ok'; record: Assignment } | { state: 'unreadable'; raw: string };

export function readAssignment(store: KeyValueStore, domain: string): RecordState {
  const raw = store.get(KEYS.domain(domain));
  if (raw === null) return { state: 'none' };
  const record = decodeAssignment(raw);
  return record ? { state: 'ok', record } : { state: 'unreadable', raw };
}

export interface ChoiceInput {
  domain: string;
  actorEmail: string;
  /** "We buy directly", or a reseller by id (with the name the user was shown, if any). */
  choice: { kind: 'direct' } | { kind: 'reseller'; resellerId: string; shownName?: string };
  clock: () => number;
}

export type CommitOutcome =
  | (ChoiceOutcome & { reseller?: Reseller })
  /** The stored record cannot be read: nothing was written. */
  | { outcome: 'unreadable' }
  /** The reseller is not in the directory, or no longer approved. */
  | { outcome: 'unavailable' }
  /** The reseller's name changed since the user was shown it. */
  | { outcome: 'changed'; reseller: Reseller }
  /** The directory itself cannot be read, so the choice cannot be checked. */
  | { outcome: 'directoryUnreadable'; problem: string };

/**
 * Records a user's choice for their organisation, unless the organisation is already bound. A
 * reseller is checked against the directory (the source of truth: id, status and name), not only
 * the search index the user picked it from.
 */
export function commitChoice(
  store: KeyValueStore,
  lock: ScriptLock,
  input: ChoiceInput,
): Locked<CommitOutcome> {
  const result = lock.withLock(LOCK_TIMEOUT_MS, (): CommitOutcome => {
    const current = readAssignment(store, input.domain);
    if (current.state === 'unreadable') return { outcome: 'unreadable' };
    const now = input.clock();
    const { choice } = input;
    const proposed =
      choice.kind === 'direct'
        ? directAssignment(input.actorEmail, now)
        : resellerAssignment(choice.resellerId, input.actorEmail, now);
    const decision = decideChoice(current.state === 'ok' ? current.record : null, proposed);
    if (decision.outcome !== 'saved' || choice.kind === 'direct') {
      return decision.outcome === 'saved' ? save(store, input, decision.record, now, decision) : decision;
    }
    const lookup = findInDirectory(store, choice.resellerId);
    if (!lookup.ok) return { outcome: 'directoryUnreadable', problem: lookup.problem };
    const reseller = lookup.reseller;
    if (!reseller || reseller.status !== 'approved') return { outcome: 'unavailable' };
    if (choice.shownName !== undefined && choice.shownName !== reseller.name)
      return { outcome: 'changed', reseller };
    return save(store, input, decision.record, now, { ...decision, reseller });
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}

function save<T>(store: KeyValueStore, input: ChoiceInput, record: Assignment, at: number, outcome: T): T {
  const base = { seq: nextSequence(store), domain: input.domain, actorEmail: input.actorEmail, at };
  const change: Change =
    record.kind === 'reseller'
      ? { ...base, type: 'assigned', resellerId: record.resellerId }
      : { ...base, type: 'direct' };
  store.setAll({ [KEYS.domain(input.domain)]: encodeAssignment(record), ...changeEntries(change) });
  return outcome;
}

export type ChangeRequestOutcome =
  | { outcome: 'recorded'; record: Assignment & { kind: 'reseller' } }
  | { outcome: 'alreadyPending'; record: Assignment & { kind: 'reseller' } }
  | { outcome: 'noReseller'; record: Assignment | null }
  | { outcome: 'unreadable' };

export interface ChangeRequestInput {
  domain: string;
  actorEmail: string;
  reason: string;
  clock: () => number;
}

export function recordChangeRequest(
  store: KeyValueStore,
  lock: ScriptLock,
  input: ChangeRequestInput,
): Locked<ChangeRequestOutcome> {
  const result = lock.withLock(LOCK_TIMEOUT_MS, (): ChangeRequestOutcome => {
    const current = readAssignment(store, input.domain);
    if (current.state === 'unreadable') return { outcome: 'unreadable' };
    if (current.state === 'none' || current.record.kind !== 'reseller') {
      return { outcome: 'noReseller', record: current.state === 'ok' ? current.record : null };
    }
    const bound = current.record;
    if (bound.changeRequestedAt !== undefined) return { outcome: 'alreadyPending', record: bound };
    const at = input.clock();
    const record = { ...bound, changeRequestedAt: at };
    const change: Change = {
      seq: nextSequence(store),
      type: 'changeRequested',
      domain: input.domain,
      actorEmail: input.actorEmail,
      at,
      resellerId: bound.resellerId,
      reason: input.reason,
    };
    store.setAll({ [KEYS.domain(input.domain)]: encodeAssignment(record), ...changeEntries(change) });
    return { outcome: 'recorded', record };
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}

export type SupportAssignOutcome =
  | { outcome: 'saved'; record: Assignment; reseller: Reseller }
  | { outcome: 'unavailable' }
  | { outcome: 'unreadable' }
  | { outcome: 'directoryUnreadable'; problem: string };

export interface SupportAssignInput {
  domain: string;
  /** Support's own address: it goes to the outbox and the Audit tab in full. */
  actorEmail: string;
  resellerId: string;
  reason: string;
  clock: () => number;
}

/**
 * Support assigns or corrects an organisation's reseller, whatever it had, with a reason; a pending
 * change request is answered by it. The reseller is checked against the directory first.
 */
export function commitSupportAssignment(
  store: KeyValueStore,
  lock: ScriptLock,
  input: SupportAssignInput,
): Locked<SupportAssignOutcome> {
  const result = lock.withLock(LOCK_TIMEOUT_MS, (): SupportAssignOutcome => {
    const current = readAssignment(store, input.domain);
    if (current.state === 'unreadable') return { outcome: 'unreadable' };
    const lookup = findInDirectory(store, input.resellerId);
    if (!lookup.ok) return { outcome: 'directoryUnreadable', problem: lookup.problem };
    const reseller = lookup.reseller;
    if (!reseller || reseller.status !== 'approved') return { outcome: 'unavailable' };
    const at = input.clock();
    const change: Change = {
      seq: nextSequence(store),
      type: 'supportAssigned',
      domain: input.domain,
      actorEmail: input.actorEmail,
      at,
      resellerId: reseller.id,
      reason: input.reason,
    };
    // Replayed like any change: a waiting request is answered (approved, with the reason).
    const record =
      applyChange(current.state === 'ok' ? current.record : null, change) ??
      supportAssignment(reseller.id, input.actorEmail, at);
    store.setAll({ [KEYS.domain(input.domain)]: encodeAssignment(record), ...changeEntries(change) });
    return { outcome: 'saved', record, reseller };
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}

/**
 * Several support assignments in one lock, one read and one write (the sync applies support's
 * edits of the Assignments tab this way, however many rows changed). Each organisation whose
 * record cannot be read, or whose reseller is not approved in the directory, is skipped.
 */
export function commitSupportAssignments(
  store: KeyValueStore,
  lock: ScriptLock,
  inputs: readonly SupportAssignInput[],
): Locked<{ outcome: 'saved'; saved: string[]; skipped: string[] }> {
  const result = lock.withLock(LOCK_TIMEOUT_MS, () => {
    const all = store.getAll();
    const directory = readDirectory(all);
    const approved = new Set(
      directory.ok ? directory.resellers.filter((r) => r.status === 'approved').map((r) => r.id) : [],
    );
    let seq = nextSequenceFrom(all);
    const values: Record<string, string> = {};
    const saved: string[] = [];
    const skipped: string[] = [];
    for (const input of inputs) {
      const text = all[KEYS.domain(input.domain)];
      if ((text !== undefined && decodeAssignment(text) === null) || !approved.has(input.resellerId)) {
        skipped.push(input.domain);
        continue;
      }
      const at = input.clock();
      const change: Change = {
        seq: seq++,
        type: 'supportAssigned',
        domain: input.domain,
        actorEmail: input.actorEmail,
        at,
        resellerId: input.resellerId,
        reason: input.reason,
      };
      const before = text === undefined ? null : decodeAssignment(text);
      const record = applyChange(before, change) ?? supportAssignment(input.resellerId, input.actorEmail, at);
      Object.assign(values, { [KEYS.domain(input.domain)]: encodeAssignment(record) }, changeEntries(change));
      saved.push(input.domain);
    }
    if (saved.length > 0) store.setAll(values);
    return { outcome: 'saved' as const, saved, skipped };
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}

export interface RequestAnswerInput {
  domain: string;
  actorEmail: string;
  state: 'approved' | 'rejected';
  answer: string;
  clock: () => number;
}

/**
 * Support's answers to waiting change requests, in one lock, one read and one write. An
 * organisation whose request was already answered (or whose record cannot be read) is skipped.
 */
export function commitRequestAnswers(
  store: KeyValueStore,
  lock: ScriptLock,
  inputs: readonly RequestAnswerInput[],
): Locked<{ outcome: 'saved'; saved: string[]; skipped: string[] }> {
  const result = lock.withLock(LOCK_TIMEOUT_MS, () => {
    const all = store.getAll();
    let seq = nextSequenceFrom(all);
    const values: Record<string, string> = {};
    const saved: string[] = [];
    const skipped: string[] = [];
    for (const input of inputs) {
      const before = decodeAssignment(all[KEYS.domain(input.domain)] ?? '');
      if (!before || before.changeRequestedAt === undefined || saved.includes(input.domain)) {
        skipped.push(input.domain);
        continue;
      }
      const change: Change = {
        seq: seq++,
        type: 'requestAnswered',
        domain: input.domain,
        actorEmail: input.actorEmail,
        at: input.clock(),
        state: input.state,
        answer: answerText(input.answer),
      };
      const record = applyChange(before, change);
      if (!record) continue;
      Object.assign(values, { [KEYS.domain(input.domain)]: encodeAssignment(record) }, changeEntries(change));
      saved.push(input.domain);
    }
    if (saved.length > 0) store.setAll(values);
    return { outcome: 'saved' as const, saved, skipped };
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}
