/**
 * A customer organisation's answer to "do you buy Google Workspace through a reseller?", and the
 * rules for changing it. Pure: the store persists these records, the UI shows them.
 */
import { emailFingerprint } from './account';
import type { Reseller } from './reseller';

/** Who made the choice: a user of the customer domain, or the vendor's support team. */
export type AssignmentSource = 'user' | 'support';

interface AssignmentBase {
  /** Epoch milliseconds (stored at second precision). */
  since: number;
  source: AssignmentSource;
  /** emailFingerprint() of the person who made the choice. */
  actor: string;
  /** Epoch milliseconds of a change request still waiting for support, if any. */
  changeRequestedAt?: number;
}

export type Assignment =
  | (AssignmentBase & { kind: 'reseller'; resellerId: string; resellerName: string })
  | (AssignmentBase & { kind: 'direct' });

export type SetBy = 'you' | 'colleague' | 'support';

export function setBy(assignment: Assignment, viewerEmail: string): SetBy {
  if (assignment.source === 'support') return 'support';
  return assignment.actor === emailFingerprint(viewerEmail) ? 'you' : 'colleague';
}

export function resellerAssignment(reseller: Reseller, actorEmail: string, now: number): Assignment {
  return {
    kind: 'reseller',
    resellerId: reseller.id,
    resellerName: reseller.name,
    since: now,
    source: 'user',
    actor: emailFingerprint(actorEmail),
  };
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

/** The characters a stored field may never contain: the record encoding uses them as separators. */
const SEPARATORS = /[\t\n\r]/g;

/**
 * Compact encoding for Script Properties (one property per customer domain), tab-separated:
 * kind, since (seconds, base 36), source, actor, change-request time, then reseller id and name.
 * About 40 bytes plus the reseller's name.
 */
export function encodeAssignment(a: Assignment): string {
  const fields = [
    a.kind === 'reseller' ? 'R' : 'D',
    toBase36Seconds(a.since),
    a.source === 'support' ? 's' : 'u',
    a.actor,
    a.changeRequestedAt === undefined ? '' : toBase36Seconds(a.changeRequestedAt),
  ];
  if (a.kind === 'reseller') fields.push(a.resellerId, a.resellerName.replace(SEPARATORS, ' '));
  return fields.join('\t');
}

export function decodeAssignment(text: string): Assignment | null {
  const [kind, since, source, actor, requested, resellerId, resellerName] = text.split('\t');
  if ((kind !== 'R' && kind !== 'D') || !since || (source !== 'u' && source !== 's') || actor === undefined) {
    return null;
  }
  if (!BASE36.test(since) || (requested !== undefined && requested !== '' && !BASE36.test(requested)))
    return null;
  const base: AssignmentBase = {
    since: fromBase36Seconds(since),
    source: source === 's' ? 'support' : 'user',
    actor,
  };
  if (requested) base.changeRequestedAt = fromBase36Seconds(requested);
  if (kind === 'D') return { ...base, kind: 'direct' };
  if (!resellerId || resellerName === undefined) return null;
  return { ...base, kind: 'reseller', resellerId, resellerName };
}

/** A damaged record is unreadable as a whole rather than read with a wrong date. */
const BASE36 = /^[0-9a-z]{1,10}$/;

function toBase36Seconds(ms: number): string {
  return Math.floor(ms / 1000).toString(36);
}

function fromBase36Seconds(text: string): number {
  return parseInt(text, 36) * 1000;
}
