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
  directAssignment,
  resellerAssignment,
  supportAssignment,
  type Assignment,
  type Change,
  type ChoiceOutcome,
} from '../domain/assignment';
import {
  decodeDomainText,
  NO_RECORD_TEXT,
  type DomainRole,
  organisationTexts,
  type StoredOrganisation,
} from '../domain/organisation';
import type { Reseller } from '../domain/reseller';
import { findInDirectory, readDirectory } from './directory';
import { checkInvitation } from './invitations';
import { KEYS } from './keys';
import { LOCK_TIMEOUT_MS, type Locked } from './locking';
import { changeEntries, nextSequence, nextSequenceIn } from './outbox';
import type { Cache, KeyValueStore, ScriptLock } from './ports';
import { directoryChunkHint } from './search-cache';
import { selectFrom } from './select';
import { readsOf } from './reseller-customers';

export { LOCK_TIMEOUT_MS, type Locked };

export type RecordState =
  /** No answer yet; `roles` are the domain's reseller roles, if it has some. */
  | { state: 'none'; roles?: readonly DomainRole[] }
  /** `organisation` is the primary domain the record is kept under (the domain itself if not linked). */
  | { state: 'ok'; record: Assignment; organisation: string; links: string[]; roles?: readonly DomainRole[] }
  | { state: 'unreadable'; raw: string };

/** The organisation a domain belongs to and its answer, in one read whether or not it is linked. */
export function readAssignment(store: KeyValueStore, domain: string): RecordState {
  return recordState(domain, store.get(KEYS.domain(domain)));
}

export function recordState(domain: string, raw: string | null | undefined): RecordState {
  if (raw === null || raw === undefined || raw === NO_RECORD_TEXT) return { state: 'none' };
  const decoded = decodeDomainText(domain, raw);
  if (!decoded) return { state: 'unreadable', raw };
  if (!decoded.organisation) return { state: 'none', roles: decoded.roles };
  return { state: 'ok', ...decoded.organisation };
}

/** The properties that store an organisation: its primary record and a copy per linked domain. */
export function organisationEntries(organisation: StoredOrganisation): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const [domain, text] of organisationTexts(organisation)) entries[KEYS.domain(domain)] = text;
  return entries;
}

/** The organisation to write after a change of its record (from whichever of its domains). */
function withRecord(current: RecordState, domain: string, record: Assignment): StoredOrganisation {
  if (current.state === 'ok')
    return { organisation: current.organisation, record, links: current.links, roles: current.roles };
  const roles = current.state === 'none' ? current.roles : undefined;
  return { organisation: domain, record, links: [], ...(roles && roles.length > 0 ? { roles } : {}) };
}

export interface ChoiceInput {
  domain: string;
  actorEmail: string;
  /**
   * "We buy directly", or a reseller by id (with the name the user was shown, if any, and the
   * invitation code that pre-selected it, if one did: the record's source is then "invitation").
   */
  choice:
    { kind: 'direct' } | { kind: 'reseller'; resellerId: string; shownName?: string; invitation?: string };
  clock: () => number;
  /**
   * The script cache, where a store with round trips (Firestore) learns which directory chunk to
   * read together with the record (directoryChunkHint): a confirm is then one read and one commit.
   */
  cache?: Cache;
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
  | { outcome: 'directoryUnreadable'; problem: string }
  /** The invitation code is unknown, expired, or names another reseller: nothing was written. */
  | { outcome: 'invitationInvalid'; problem: 'unknown' | 'expired' };

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
    const { choice } = input;
    const invitation = choice.kind === 'reseller' ? choice.invitation : undefined;
    // With an invitation, one read of the whole store answers the record, the code, the directory
    // and the sequence on Script Properties, so that confirming costs no more calls than without one.
    const reads = invitation === undefined || store.prefetch ? store : readsOf(store.getAll());
    // Where a store has round trips (Firestore), everything the decision reads comes in one: the
    // record, the directory's meta entry, the counter, the code, and the reseller's chunk as the
    // cached index last saw it (the meta entry decides; a wrong guess costs one more read).
    if (store.prefetch) {
      const hint =
        choice.kind === 'reseller' && input.cache ? directoryChunkHint(input.cache, choice.resellerId) : null;
      store.prefetch([
        KEYS.domain(input.domain),
        KEYS.directoryMeta,
        KEYS.sequence,
        ...(hint === null ? [] : [KEYS.directoryChunk(hint)]),
        ...(invitation === undefined ? [] : [KEYS.invitation(invitation)]),
      ]);
    }
    const current = readAssignment(reads, input.domain);
    if (current.state === 'unreadable') return { outcome: 'unreadable' };
    const now = input.clock();
    if (invitation !== undefined && choice.kind === 'reseller') {
      const check = checkInvitation(invitation, reads.get(KEYS.invitation(invitation)), now);
      if (check.outcome !== 'found' || check.invitation.resellerId !== choice.resellerId)
        return { outcome: 'invitationInvalid', problem: check.outcome === 'expired' ? 'expired' : 'unknown' };
    }
    const proposed =
      choice.kind === 'direct'
        ? directAssignment(input.actorEmail, now)
        : resellerAssignment(choice.resellerId, input.actorEmail, now, invitation ? 'invitation' : 'user');
    const decision = decideChoice(current.state === 'ok' ? current.record : null, proposed);
    if (decision.outcome !== 'saved' || choice.kind === 'direct') {
      return decision.outcome === 'saved'
        ? save(store, reads, input, withRecord(current, input.domain, decision.record), now, decision)
        : decision;
    }
    const lookup = findInDirectory(reads, choice.resellerId);
    if (!lookup.ok) return { outcome: 'directoryUnreadable', problem: lookup.problem };
    const reseller = lookup.reseller;
    if (!reseller || reseller.status !== 'approved') return { outcome: 'unavailable' };
    if (choice.shownName !== undefined && choice.shownName !== reseller.name)
      return { outcome: 'changed', reseller };
    return save(store, reads, input, withRecord(current, input.domain, decision.record), now, {
      ...decision,
      reseller,
    });
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}

function save<T>(
  store: KeyValueStore,
  /** Where the sequence is read: the store, or what one read of it returned under this lock. */
  reads: KeyValueStore,
  input: ChoiceInput,
  organisation: StoredOrganisation,
  at: number,
  outcome: T,
): T {
  const { record } = organisation;
  // The change names the organisation (its primary domain), whichever of its domains the user is in.
  const base = {
    seq: nextSequence(reads),
    domain: organisation.organisation,
    actorEmail: input.actorEmail,
    at,
  };
  const change: Change =
    record.kind === 'reseller'
      ? {
          ...base,
          type: 'assigned',
          resellerId: record.resellerId,
          ...(record.source === 'invitation' ? { source: 'invitation' as const } : {}),
        }
      : { ...base, type: 'direct' };
  store.setAll({ ...organisationEntries(organisation), ...changeEntries(change) });
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
      domain: current.organisation,
      actorEmail: input.actorEmail,
      at,
      resellerId: bound.resellerId,
      reason: input.reason,
    };
    store.setAll({
      ...organisationEntries(withRecord(current, input.domain, record)),
      ...changeEntries(change),
    });
    return { outcome: 'recorded', record };
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}

export type SupportAssignOutcome =
  | {
      outcome: 'saved';
      record: Assignment;
      reseller: Reseller;
      /** The organisation as it is stored now, for the card that shows it. */
      stored: RecordState;
    }
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
  /** As ChoiceInput's: where a store with round trips learns the reseller's directory chunk. */
  cache?: Cache;
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
    // As a confirm: everything the decision reads in one round trip where a store has round trips.
    if (store.prefetch) {
      const hint = input.cache ? directoryChunkHint(input.cache, input.resellerId) : null;
      store.prefetch([
        KEYS.domain(input.domain),
        KEYS.directoryMeta,
        KEYS.sequence,
        ...(hint === null ? [] : [KEYS.directoryChunk(hint)]),
      ]);
    }
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
      domain: current.state === 'ok' ? current.organisation : input.domain,
      actorEmail: input.actorEmail,
      at,
      resellerId: reseller.id,
      reason: input.reason,
    };
    // Replayed like any change: a waiting request is answered (approved, with the reason).
    const record =
      applyChange(current.state === 'ok' ? current.record : null, change) ??
      supportAssignment(reseller.id, input.actorEmail, at);
    store.setAll({
      ...organisationEntries(withRecord(current, input.domain, record)),
      ...changeEntries(change),
    });
    return {
      outcome: 'saved',
      record,
      reseller,
      stored: { state: 'ok', ...withRecord(current, input.domain, record) },
    };
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
    // The domains' texts (a linked domain's holds its organisation's whole text), the counter and
    // the directory: not the whole store, which on Firestore holds every organisation.
    const all = selectFrom(store, {
      keys: [...inputs.map((input) => KEYS.domain(input.domain)), KEYS.sequence],
      prefixes: [KEYS.directoryPrefix],
      // Nothing of the directory is written here: a chunk written meanwhile changes nothing.
      tolerateNewKeys: true,
    });
    const directory = readDirectory(all);
    const approved = new Set(
      directory.ok ? directory.resellers.filter((r) => r.status === 'approved').map((r) => r.id) : [],
    );
    let seq = nextSequenceIn(store, all);
    const values: Record<string, string> = {};
    const saved: string[] = [];
    const skipped: string[] = [];
    for (const input of inputs) {
      const current = recordState(input.domain, all[KEYS.domain(input.domain)]);
      if (current.state === 'unreadable' || !approved.has(input.resellerId)) {
        skipped.push(input.domain);
        continue;
      }
      const at = input.clock();
      const change: Change = {
        seq: seq++,
        type: 'supportAssigned',
        domain: current.state === 'ok' ? current.organisation : input.domain,
        actorEmail: input.actorEmail,
        at,
        resellerId: input.resellerId,
        reason: input.reason,
      };
      const before = current.state === 'ok' ? current.record : null;
      const record = applyChange(before, change) ?? supportAssignment(input.resellerId, input.actorEmail, at);
      const entries = organisationEntries(withRecord(current, input.domain, record));
      // Later inputs of this batch see this one's result.
      Object.assign(all, entries);
      Object.assign(values, entries, changeEntries(change));
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
    const all = selectFrom(store, {
      keys: [...inputs.map((input) => KEYS.domain(input.domain)), KEYS.sequence],
    });
    let seq = nextSequenceIn(store, all);
    const values: Record<string, string> = {};
    const saved: string[] = [];
    const skipped: string[] = [];
    for (const input of inputs) {
      const current = recordState(input.domain, all[KEYS.domain(input.domain)]);
      const before = current.state === 'ok' ? current.record : null;
      if (!before || before.changeRequestedAt === undefined) {
        skipped.push(input.domain);
        continue;
      }
      const change: Change = {
        seq: seq++,
        type: 'requestAnswered',
        domain: current.state === 'ok' ? current.organisation : input.domain,
        actorEmail: input.actorEmail,
        at: input.clock(),
        state: input.state,
        answer: answerText(input.answer),
      };
      const record = applyChange(before, change);
      if (!record) continue;
      const entries = organisationEntries(withRecord(current, input.domain, record));
      Object.assign(all, entries);
      Object.assign(values, entries, changeEntries(change));
      saved.push(input.domain);
    }
    if (saved.length > 0) store.setAll(values);
    return { outcome: 'saved' as const, saved, skipped };
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}
