/**
 * The reseller programme in the store: an application and support's status changes, each committed
 * under the script lock as a change (the outbox, for the sync to carry into the Resellers tab) and
 * as the applicant domain's role (organisation.ts), so that the applicant's homepage and support's
 * next step see the new status at once. The directory follows with the next sync, which reads the
 * Resellers tab: only then does an approved reseller reach the customers' typeahead.
 */
import type { AgreementFile, Change } from '../domain/assignment';
import { encodeRolesOnly, type DomainRole } from '../domain/organisation';
import {
  checkTransition,
  isOpenApplication,
  type Application,
  type TransitionCheck,
} from '../domain/programme';
import type { ResellerStatus } from '../domain/reseller';
import { organisationEntries, readAssignment, recordState, type RecordState } from './assignments';
import { readDirectory } from './directory';
import { selectFrom } from './select';
import { KEYS } from './keys';
import { LOCK_TIMEOUT_MS, type Locked } from './locking';
import { changeEntries, nextSequence } from './outbox';
import type { KeyValueStore, ScriptLock } from './ports';

/** The role the domain as a whole has (its reseller, or its application), if any. */
export function domainRole(state: RecordState, domain: string): DomainRole | undefined {
  if (state.state === 'unreadable') return undefined;
  return state.roles?.find((r) => r.member === domain);
}

/** The domain's texts with its own role replaced by `role` (other roles, e.g. contacts, kept). */
function withDomainRole(state: RecordState, domain: string, role: DomainRole): Record<string, string> {
  const roles = [
    ...(state.state === 'unreadable' ? [] : (state.roles ?? [])).filter((r) => r.member !== domain),
    role,
  ];
  if (state.state === 'ok') {
    // Applications come from a domain's own users, and a linked domain has no roles of its own.
    return organisationEntries({
      organisation: state.organisation,
      record: state.record,
      links: state.links,
      roles,
    });
  }
  return { [KEYS.domain(domain)]: encodeRolesOnly(roles) };
}

export type ApplyOutcome =
  | { outcome: 'applied' }
  /** The domain is a reseller already (approved or suspended). */
  | { outcome: 'alreadyReseller'; status: ResellerStatus }
  /** An application of the domain is open. */
  | { outcome: 'openApplication'; status: ResellerStatus }
  /** The domain belongs to another organisation (a linked domain): it applies from its own. */
  | { outcome: 'linkedDomain'; organisation: string }
  | { outcome: 'unreadable' };

export interface ApplyInput {
  application: Application;
  actorEmail: string;
  clock: () => number;
}

/**
 * Records an application for `application.domain` (the applicant's own domain): its role says
 * "applied" from now on, and the change tells the sync to add the Resellers row. A rejected
 * applicant may apply again.
 */
export function commitApplication(
  store: KeyValueStore,
  lock: ScriptLock,
  input: ApplyInput,
): Locked<ApplyOutcome> {
  const { domain } = input.application;
  const result = lock.withLock(LOCK_TIMEOUT_MS, (): ApplyOutcome => {
    const state = readAssignment(store, domain);
    if (state.state === 'unreadable') return { outcome: 'unreadable' };
    if (state.state === 'ok' && state.organisation !== domain)
      return { outcome: 'linkedDomain', organisation: state.organisation };
    const role = domainRole(state, domain);
    if (role && (role.status === 'approved' || role.status === 'suspended'))
      return { outcome: 'alreadyReseller', status: role.status };
    if (role && isOpenApplication(role.status)) return { outcome: 'openApplication', status: role.status };
    const change: Change = {
      seq: nextSequence(store),
      type: 'applied',
      domain,
      actorEmail: input.actorEmail,
      at: input.clock(),
      application: input.application,
    };
    const applied: DomainRole = { resellerId: '', status: 'applied', member: domain };
    store.setAll({ ...withDomainRole(state, domain, applied), ...changeEntries(change) });
    return { outcome: 'applied' };
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}

export type TransitionOutcome =
  | { outcome: 'saved'; from: ResellerStatus; to: ResellerStatus; resellerId: string }
  | { outcome: 'illegal'; check: Extract<TransitionCheck, { ok: false }> }
  /** The domain has neither an application nor a reseller. */
  | { outcome: 'unknown' }
  | { outcome: 'unreadable' };

export interface TransitionInput {
  /** The reseller's (or applicant's) domain. */
  domain: string;
  to: ResellerStatus;
  /** Why (required for a rejection or a suspension by the cards; may be '' otherwise). */
  reason: string;
  actorEmail: string;
  clock: () => number;
  agreement?: AgreementFile;
}

/** Support moves a reseller on by one step; an illegal step is refused and changes nothing. */
export function commitTransition(
  store: KeyValueStore,
  lock: ScriptLock,
  input: TransitionInput,
): Locked<TransitionOutcome> {
  const result = lock.withLock(LOCK_TIMEOUT_MS, (): TransitionOutcome => {
    const state = readAssignment(store, input.domain);
    if (state.state === 'unreadable') return { outcome: 'unreadable' };
    const role = domainRole(state, input.domain);
    if (!role) return { outcome: 'unknown' };
    const check = checkTransition(role.status, input.to);
    if (!check.ok) return { outcome: 'illegal', check };
    const change: Change = {
      seq: nextSequence(store),
      type: 'resellerStatus',
      domain: input.domain,
      actorEmail: input.actorEmail,
      at: input.clock(),
      resellerId: role.resellerId,
      from: role.status,
      to: input.to,
      reason: input.reason,
      ...(input.agreement ? { agreement: input.agreement } : {}),
    };
    store.setAll({
      ...withDomainRole(state, input.domain, { ...role, status: input.to }),
      ...changeEntries(change),
    });
    return { outcome: 'saved', from: role.status, to: input.to, resellerId: role.resellerId };
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}

export type ClaimOutcome =
  | { outcome: 'claimed'; role: DomainRole }
  /** Neither the user's domain nor their address belongs to a reseller in the directory. */
  | { outcome: 'none' }
  | { outcome: 'unreadable' };

/**
 * A reseller's staff member claims their role once ("I work for a reseller"): the directory says
 * whether their domain or their address belongs to an approved (or suspended) reseller, and the
 * role is kept with their domain's text from then on, so later opens find it in the one read every
 * homepage makes. The sync keeps it current (or removes it with the reseller or the contact).
 */
export function claimResellerRole(
  store: KeyValueStore,
  lock: ScriptLock,
  email: string,
): Locked<ClaimOutcome> {
  const address = email.trim().toLowerCase();
  const domain = address.slice(address.lastIndexOf('@') + 1);
  const result = lock.withLock(LOCK_TIMEOUT_MS, (): ClaimOutcome => {
    // Nothing of the directory is written here: a chunk written meanwhile changes nothing.
    const all = selectFrom(store, {
      keys: [KEYS.domain(domain)],
      prefixes: [KEYS.directoryPrefix],
      tolerateNewKeys: true,
    });
    const directory = readDirectory(all);
    if (!directory.ok) return { outcome: 'unreadable' };
    const active = directory.resellers.filter((r) => r.status === 'approved' || r.status === 'suspended');
    const byDomain = active.find((r) => r.domain === domain);
    const byContact = active.find((r) => (r.contacts ?? []).includes(address));
    const reseller = byDomain ?? byContact;
    if (!reseller) return { outcome: 'none' };
    const role: DomainRole = {
      resellerId: reseller.id,
      status: reseller.status,
      member: byDomain ? domain : address,
    };
    const state = recordState(domain, all[KEYS.domain(domain)]);
    if (state.state === 'unreadable') return { outcome: 'unreadable' };
    const roles = [...(state.roles ?? []).filter((r) => r.member !== role.member), role];
    if (state.state === 'ok') {
      // On a linked domain the organisation's text carries it; the role names whom it is for.
      store.setAll(
        organisationEntries({
          organisation: state.organisation,
          record: state.record,
          links: state.links,
          roles,
        }),
      );
    } else {
      store.setAll({ [KEYS.domain(domain)]: encodeRolesOnly(roles) });
    }
    return { outcome: 'claimed', role };
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}
