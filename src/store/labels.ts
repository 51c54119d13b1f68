/**
 * Labels for a store that can index documents by them (Firestore: firestore-store.ts `labelsOf`),
 * so that the few readers that look for some organisations among all of them — a reseller's view,
 * support's open change requests, the sync's role and tidy-up passes — read those, not the whole
 * store. Derived from the stored text alone, so every writer of a domain record labels it without
 * knowing: a label is a hint, and every reader still decodes and checks what it gets.
 */
import { decodeDomainText, isLinkedCopy, NO_RECORD_TEXT } from '../domain/organisation';
import { QUEUE_STATUSES } from '../domain/programme';
import { KEYS } from './keys';

export const LABELS = {
  /** An organisation's own record names this reseller. */
  customerOf: (resellerId: string): string => `r=${resellerId}`,
  /** An organisation's own record has a change request waiting. */
  changeRequested: 'cr',
  /** A domain text carries reseller roles (an applicant's or a reseller's staff). */
  roles: 'role',
  /** A domain whose link was removed, left for the sync's drain to tidy away. */
  noRecord: 'none',
  /** A domain whose own role waits for support's next step (support's homepage lists it). */
  programmeQueue: 'pq',
  /** A change waiting for the sync that is a reseller application (its company name). */
  application: 'app',
} as const;

export function labelsOf(key: string, value: string): string[] {
  if (key.startsWith(KEYS.outboxPrefix)) return value.startsWith('["applied",') ? [LABELS.application] : [];
  if (!key.startsWith(KEYS.domainPrefix)) return [];
  if (value === NO_RECORD_TEXT) return [LABELS.noRecord];
  // A linked domain's copy is its primary's: the primary carries the organisation's labels.
  if (isLinkedCopy(value)) return [];
  const decoded = decodeDomainText(key.slice(KEYS.domainPrefix.length), value);
  if (!decoded) return [];
  const labels: string[] = [];
  const record = decoded.organisation?.record;
  if (record?.kind === 'reseller') labels.push(LABELS.customerOf(record.resellerId));
  if (record?.changeRequestedAt !== undefined) labels.push(LABELS.changeRequested);
  if (decoded.roles.length > 0) labels.push(LABELS.roles);
  const domain = key.slice(KEYS.domainPrefix.length);
  if (decoded.roles.some((role) => role.member === domain && QUEUE_STATUSES.includes(role.status)))
    labels.push(LABELS.programmeQueue);
  return labels;
}
