/**
 * A customer organisation's answer to "do you buy Google Workspace through a reseller?", and the
 * rules for changing it. Pure: the store persists these records, the UI shows them.
 */
import { emailFingerprint, FINGERPRINT_SPACE } from './account';
import { fnvFinish, fnvStart, fnvUpdate } from './hash';
import type { Application } from './programme';
import type { ResellerStatus } from './reseller';

/**
 * Who made the choice: a user of the customer domain (on their own, or with a reseller's
 * invitation code, which pre-selected the reseller), or the vendor's support team.
 */
export type AssignmentSource = 'user' | 'support' | 'invitation';

interface AssignmentBase {
  /** Epoch milliseconds (stored at second precision). */
  since: number;
  source: AssignmentSource;
  /** emailFingerprint() of the person who made the choice. */
  actor: string;
  /** Epoch milliseconds of a change request still waiting for support, if any. */
  changeRequestedAt?: number;
  /** Support's answer to the organisation's last change request, which its users see. */
  answer?: RequestAnswer;
}

export interface RequestAnswer {
  state: 'approved' | 'rejected';
  /** Epoch milliseconds. */
  at: number;
  /** One line, at most MAX_ANSWER_CHARS characters. */
  text: string;
}

export const MAX_ANSWER_CHARS = 300;

/** An answer as records keep it: one line (tabs and line breaks become spaces), cut to its limit. */
export function answerText(text: string): string {
  return Array.from(text.replace(/\s+/g, ' ').trim()).slice(0, MAX_ANSWER_CHARS).join('');
}

/**
 * The record names the reseller by id only: the directory holds its name, and repeating the name in
 * every organisation's record cost a third of the store's capacity.
 */
export type Assignment =
  (AssignmentBase & { kind: 'reseller'; resellerId: string }) | (AssignmentBase & { kind: 'direct' });

export type SetBy = 'you' | 'colleague' | 'support';

export function setBy(assignment: Assignment, viewerEmail: string): SetBy {
  if (assignment.source === 'support') return 'support';
  return assignment.actor === emailFingerprint(viewerEmail) ? 'you' : 'colleague';
}

export function resellerAssignment(
  resellerId: string,
  actorEmail: string,
  now: number,
  source: 'user' | 'invitation' = 'user',
): Assignment {
  return { kind: 'reseller', resellerId, since: now, source, actor: emailFingerprint(actorEmail) };
}

export function directAssignment(actorEmail: string, now: number): Assignment {
  return { kind: 'direct', since: now, source: 'user', actor: emailFingerprint(actorEmail) };
}

/**
 * What a user's confirmation does to the organisation's current record. The first confirmed
 * reseller binds the domain: after that only support changes it (through a change request).
 * "We buy directly" can always be replaced by a reseller, since that adds the missing link.
 */
export type ChoiceOutcome =
  | { outcome: 'saved'; record: Assignment }
  | { outcome: 'unchanged'; record: Assignment }
  | { outcome: 'alreadyBound'; record: Assignment };

export function decideChoice(current: Assignment | null, proposed: Assignment): ChoiceOutcome {
  if (current === null) return { outcome: 'saved', record: proposed };
  if (current.kind === 'reseller') {
    if (proposed.kind === 'reseller' && proposed.resellerId === current.resellerId) {
      return { outcome: 'unchanged', record: current };
    }
    return { outcome: 'alreadyBound', record: current };
  }
  if (proposed.kind === 'direct') return { outcome: 'unchanged', record: current };
  return { outcome: 'saved', record: proposed };
}

// ---------------------------------------------------------------------------------------------
// Encoding

/**
 * Compact encoding for Script Properties (one property per customer domain), tab-separated:
 *
 *   "2" kind source check | since | actor | change requested at | reseller id
 *
 * e.g. "2Ru3k\tt4k2ps\tx8k3f\t\tR-00042" (about 28 bytes). Times are seconds in base 36, with a
 * leading "-" before 1970. `check` is two base-36 digits of a hash of the fields after it, so a
 * record cut short (even inside its id) or changed by hand reads as damaged, not as another valid
 * record. Format 1 (kind, since, source, actor, requested, id, name) is still read.
 */
const FORMAT = '2';
const KIND_CODES = { reseller: 'R', direct: 'D' } as const;
const SOURCE_CODES = { user: 'u', support: 's', invitation: 'i' } as const;
const ANSWER_CODES = { approved: 'a', rejected: 'r' } as const;
/** The range of a JavaScript Date, in milliseconds either side of 1970. */
const MAX_TIME_MS = 8.64e15;
/** Seconds in base 36 with an optional sign; a damaged record is unreadable rather than misdated. */
const BASE36_SECONDS = /^-?[0-9a-z]{1,10}$/;
/** What a stored reseller id may contain: it shares the line with tabs and the directory's fields. */
export const RESELLER_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export class UnencodableRecordError extends Error {
  constructor(reason: string) {
    super(`Cannot store this organisation record: ${reason}`);
    this.name = 'UnencodableRecordError';
  }
}

/** Throws rather than write a record that `decodeAssignment` would not read back. */
export function encodeAssignment(a: Assignment): string {
  if (!/^[0-9a-z]{1,13}$/.test(a.actor)) throw new UnencodableRecordError('bad actor fingerprint');
  if (a.source === 'invitation' && a.kind !== 'reseller')
    throw new UnencodableRecordError('an invitation chooses a reseller');
  const fields = [
    FORMAT + KIND_CODES[a.kind] + SOURCE_CODES[a.source],
    toBase36Seconds(a.since),
    a.actor,
    a.changeRequestedAt === undefined ? '' : toBase36Seconds(a.changeRequestedAt),
  ];
  if (a.kind === 'reseller') {
    if (!RESELLER_ID_PATTERN.test(a.resellerId)) throw new UnencodableRecordError('bad reseller id');
    fields.push(a.resellerId);
    // Only a reseller can have been asked to change, so only its record carries an answer.
    if (a.answer) {
      if (
        a.answer.text === '' ||
        /[\t\n\r]/.test(a.answer.text) ||
        a.answer.text !== answerText(a.answer.text)
      )
        throw new UnencodableRecordError('bad answer text');
      fields.push(ANSWER_CODES[a.answer.state], toBase36Seconds(a.answer.at), a.answer.text);
    }
  }
  const rest = fields.slice(1).join('\t');
  return `${fields[0] as string}${checkDigits(rest)}\t${rest}`;
}

const CHECK_SPACE = 36 * 36;

function checkDigits(text: string): string {
  return (fnvFinish(fnvUpdate(fnvStart(), text)) % CHECK_SPACE).toString(36).padStart(2, '0');
}

/** The record, or null when the text is not one this code can read (damaged, or another format). */
export function decodeAssignment(text: string): Assignment | null {
  const fields = text.split('\t');
  return fields[0]?.length === 5 && fields[0].startsWith(FORMAT) ? decodeV2(text, fields) : decodeV1(fields);
}

function decodeV2(text: string, fields: string[]): Assignment | null {
  const [head = '', since = '', actor = '', requested = '', resellerId, ...extra] = fields;
  const kind = head[1] === 'R' ? 'reseller' : head[1] === 'D' ? 'direct' : undefined;
  const source =
    head[2] === 'u' ? 'user' : head[2] === 's' ? 'support' : head[2] === 'i' ? 'invitation' : undefined;
  if (!kind || !source || !/^[0-9a-z]{1,13}$/.test(actor)) return null;
  // Only a reseller can be chosen with an invitation.
  if (source === 'invitation' && kind !== 'reseller') return null;
  if (extra.length !== 0 && (extra.length !== 3 || kind !== 'reseller')) return null;
  if (head.slice(3) !== checkDigits(text.slice(head.length + 1))) return null;
  const record = assemble(kind, source, since, actor, requested, resellerId);
  if (!record || extra.length === 0) return record;
  const [code, atText = '', answer = ''] = extra;
  const state = code === 'a' ? 'approved' : code === 'r' ? 'rejected' : undefined;
  const at = fromBase36Seconds(atText);
  if (!state || at === null || answer === '' || answer !== answerText(answer)) return null;
  return { ...record, answer: { state, at, text: answer } };
}

function decodeV1(fields: string[]): Assignment | null {
  if (fields.length < 5 || fields.length > 7) return null;
  const [kindCode, since = '', sourceCode, actor = '', requested = '', resellerId, resellerName] = fields;
  const kind = kindCode === 'R' ? 'reseller' : kindCode === 'D' ? 'direct' : undefined;
  const source = sourceCode === 'u' ? 'user' : sourceCode === 's' ? 'support' : undefined;
  if (!kind || !source || actor === '') return null;
  if (kind === 'reseller' && resellerName === undefined) return null;
  if (kind === 'direct' && fields.length !== 5) return null;
  if (!/^[0-9a-z]{1,7}$/.test(actor)) return null;
  // Format 1 kept the whole 32-bit fingerprint; today's keeps its last 5 base-36 digits.
  const shortActor = (parseInt(actor, 36) % FINGERPRINT_SPACE).toString(36);
  return assemble(kind, source, since, shortActor, requested, resellerId);
}

function assemble(
  kind: Assignment['kind'],
  source: AssignmentSource,
  sinceText: string,
  actor: string,
  requestedText: string,
  resellerId: string | undefined,
): Assignment | null {
  const since = fromBase36Seconds(sinceText);
  const requested = requestedText === '' ? undefined : fromBase36Seconds(requestedText);
  if (since === null || requested === null) return null;
  const base: AssignmentBase = { since, source, actor };
  if (requested !== undefined) base.changeRequestedAt = requested;
  if (kind === 'direct') return resellerId === undefined ? { ...base, kind } : null;
  if (resellerId === undefined || !RESELLER_ID_PATTERN.test(resellerId)) return null;
  return { ...base, kind, resellerId };
}

function toBase36Seconds(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_TIME_MS) throw new UnencodableRecordError(`bad time ${ms}`);
  return Math.floor(ms / 1000).toString(36);
}

function fromBase36Seconds(text: string): number | null {
  if (!BASE36_SECONDS.test(text)) return null;
  const ms = parseInt(text, 36) * 1000;
  return Math.abs(ms) <= MAX_TIME_MS ? ms : null;
}

// ---------------------------------------------------------------------------------------------
// Replaying changes

/**
 * One committed change, as the outbox keeps it. `seq` is the commit sequence, assigned under the
 * script lock: reading changes in `seq` order and applying them reproduces every stored record.
 */
export type Change =
  | {
      seq: number;
      type: 'assigned';
      domain: string;
      actorEmail: string;
      at: number;
      resellerId: string;
      /** Chosen with the reseller's invitation code (absent: on the user's own search). */
      source?: 'invitation';
    }
  | { seq: number; type: 'direct'; domain: string; actorEmail: string; at: number }
  | {
      seq: number;
      type: 'changeRequested';
      domain: string;
      actorEmail: string;
      at: number;
      resellerId: string;
      reason: string;
    }
  /** Support answered the organisation's change request without (or before) a new reseller. */
  | {
      seq: number;
      type: 'requestAnswered';
      domain: string;
      actorEmail: string;
      at: number;
      state: 'approved' | 'rejected';
      answer: string;
    }
  /** Support assigned or corrected the reseller (answering any pending change request). */
  | {
      seq: number;
      type: 'supportAssigned';
      domain: string;
      actorEmail: string;
      at: number;
      resellerId: string;
      reason: string;
    }
  /**
   * Support linked `domain` to the organisation kept under `organisation` (its users share that
   * organisation's answer from now on), or removed the link again. `domain` is the linked one.
   */
  | LinkChange<'linked'>
  | LinkChange<'unlinked'>
  /** Someone of `domain` applied to become a reseller (the sync adds the Resellers row). */
  | { seq: number; type: 'applied'; domain: string; actorEmail: string; at: number; application: Application }
  /** Support moved the reseller of `domain` from one status to the next (programme.ts). */
  | {
      seq: number;
      type: 'resellerStatus';
      domain: string;
      actorEmail: string;
      at: number;
      /** '' while the application has no id yet. */
      resellerId: string;
      from: ResellerStatus;
      to: ResellerStatus;
      reason: string;
      /** The signed agreement support marked: which message and attachment. */
      agreement?: AgreementFile;
    };

export interface AgreementFile {
  messageId: string;
  name: string;
  contentType: string;
  size: number;
}

interface LinkChange<T extends 'linked' | 'unlinked'> {
  seq: number;
  type: T;
  domain: string;
  actorEmail: string;
  at: number;
  organisation: string;
  reason: string;
}

/** What support's assignment leaves: the reseller, set by support; a pending request is answered. */
export function supportAssignment(resellerId: string, actorEmail: string, now: number): Assignment {
  return { kind: 'reseller', resellerId, since: now, source: 'support', actor: emailFingerprint(actorEmail) };
}

/** The record a change leaves behind, given the record before it (null: no answer yet). */
export function applyChange(before: Assignment | null, change: Change): Assignment | null {
  switch (change.type) {
    case 'linked':
    case 'unlinked':
    case 'applied':
    case 'resellerStatus':
      // Links change which domains share a record, the programme a domain's roles: not the record.
      return before;
    case 'assigned':
      return resellerAssignment(change.resellerId, change.actorEmail, change.at, change.source ?? 'user');
    case 'direct':
      return directAssignment(change.actorEmail, change.at);
    case 'changeRequested':
      return before === null ? null : { ...before, changeRequestedAt: change.at };
    case 'supportAssigned': {
      const record = supportAssignment(change.resellerId, change.actorEmail, change.at);
      // Assigning while a request waits answers it: approved, with support's reason.
      return before?.changeRequestedAt !== undefined && answerText(change.reason) !== ''
        ? { ...record, answer: { state: 'approved', at: change.at, text: answerText(change.reason) } }
        : record;
    }
    case 'requestAnswered': {
      if (before === null) return null;
      const answered: Assignment = {
        ...before,
        answer: { state: change.state, at: change.at, text: answerText(change.answer) },
      };
      delete answered.changeRequestedAt;
      return answered;
    }
  }
}
