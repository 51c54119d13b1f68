/**
 * Support links a domain to an organisation (a secondary domain, a subdomain) or removes the link,
 * under the script lock: the organisation's record and every linked copy are rewritten in one
 * setProperties call together with the change, as every other change is (organisation.ts).
 *
 * Rules, each with its own outcome:
 * - the organisation is named by any of its domains and must have an answer already (a link
 *   shares an answer; there is none to share yet);
 * - a domain that has its own answer gives it up (the Audit tab keeps what it was);
 * - a domain linked elsewhere moves: the old organisation no longer lists it;
 * - a domain that has linked domains of its own is not linked (no chains: unlink those first).
 */
import type { Change } from '../domain/assignment';
import { MAX_LINKED_DOMAINS, NO_RECORD_TEXT, type StoredOrganisation } from '../domain/organisation';
import { organisationEntries, recordState, type RecordState } from './assignments';
import { KEYS } from './keys';
import { LOCK_TIMEOUT_MS, type Locked } from './locking';
import { changeEntries, nextSequence, nextSequenceFrom } from './outbox';
import type { KeyValueStore, ScriptLock } from './ports';

export interface LinkInput {
  kind: 'link' | 'unlink';
  /** The domain to link or unlink. */
  domain: string;
  /** Any domain of the organisation (for an unlink: the one it is linked to). */
  organisation: string;
  actorEmail: string;
  reason: string;
  clock: () => number;
}

export type LinkOutcome =
  | { outcome: 'linked'; organisation: string }
  | { outcome: 'unlinked'; organisation: string }
  /** Already as asked: nothing written. */
  | { outcome: 'unchanged'; organisation: string }
  | { outcome: 'sameDomain' }
  | { outcome: 'noOrganisation' }
  | { outcome: 'hasLinks'; links: string[] }
  /** The domain is a reseller's (or applied): its roles would be lost in a copy. */
  | { outcome: 'isReseller' }
  | { outcome: 'tooMany' }
  | { outcome: 'notLinked' }
  | { outcome: 'unreadable'; domain: string };

/** One link or unlink; reads the few records it concerns, not the whole store. */
export function commitLink(store: KeyValueStore, lock: ScriptLock, input: LinkInput): Locked<LinkOutcome> {
  const result = lock.withLock(LOCK_TIMEOUT_MS, (): LinkOutcome => {
    const read = new Map<string, string | undefined>();
    const text = (domain: string): string | undefined => {
      if (!read.has(domain)) read.set(domain, store.get(KEYS.domain(domain)) ?? undefined);
      return read.get(domain);
    };
    const plan = planLink(input, text);
    if ('entries' in plan) {
      store.setAll({ ...plan.entries, ...changeEntries({ ...plan.change, seq: nextSequence(store) }) });
      return plan.outcome;
    }
    return plan;
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}

/** Several links and unlinks (the sync applies the Assignments tab's edits) in one read and write. */
export function commitLinks(
  store: KeyValueStore,
  lock: ScriptLock,
  inputs: readonly LinkInput[],
): Locked<{ outcome: 'saved'; results: LinkOutcome[] }> {
  const result = lock.withLock(LOCK_TIMEOUT_MS, () => {
    // Script Properties: the whole store in one call. A store with round trips (Firestore, where
    // the whole store is every organisation) reads the batch's domains in one, then any other
    // record a plan looks at (a linked domain's organisation) on demand.
    const known: Record<string, string | undefined> = {};
    if (store.prefetch) {
      store.prefetch([
        KEYS.sequence,
        ...inputs.flatMap((input) => [KEYS.domain(input.domain), KEYS.domain(input.organisation)]),
      ]);
    } else Object.assign(known, store.getAll());
    const text = (key: string): string | undefined => {
      if (!(key in known)) known[key] = store.get(key) ?? undefined;
      return known[key];
    };
    let seq = store.prefetch ? nextSequence(store) : nextSequenceFrom(known as Record<string, string>);
    const values: Record<string, string> = {};
    const results = inputs.map((input) => {
      const plan = planLink(input, (domain) => text(KEYS.domain(domain)));
      if (!('entries' in plan)) return plan;
      // Later inputs of the batch see this one's result.
      Object.assign(known, plan.entries);
      Object.assign(values, plan.entries, changeEntries({ ...plan.change, seq: seq++ }));
      return plan.outcome;
    });
    if (Object.keys(values).length > 0) store.setAll(values);
    return { outcome: 'saved' as const, results };
  });
  return result.acquired ? result.value : { outcome: 'busy' };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

type Plan =
  | LinkOutcome
  | {
      outcome: LinkOutcome;
      entries: Record<string, string>;
      change: DistributiveOmit<Extract<Change, { type: 'linked' | 'unlinked' }>, 'seq'>;
    };

function planLink(input: LinkInput, text: (domain: string) => string | undefined): Plan {
  const state = (domain: string): RecordState => recordState(domain, text(domain));
  const own = state(input.domain);
  if (own.state === 'unreadable') return { outcome: 'unreadable', domain: input.domain };
  const target = state(input.organisation);
  if (target.state === 'unreadable') return { outcome: 'unreadable', domain: input.organisation };
  const change = <T extends 'linked' | 'unlinked'>(type: T, organisation: string) => ({
    type,
    domain: input.domain,
    organisation,
    actorEmail: input.actorEmail,
    at: input.clock(),
    reason: input.reason,
  });

  if (input.kind === 'unlink') {
    if (own.state !== 'ok' || own.organisation === input.domain) return { outcome: 'notLinked' };
    if (target.state !== 'ok' || target.organisation !== own.organisation) return { outcome: 'notLinked' };
    const organisation: StoredOrganisation = {
      organisation: own.organisation,
      record: own.record,
      links: own.links.filter((d) => d !== input.domain),
      roles: own.roles,
    };
    return {
      outcome: { outcome: 'unlinked', organisation: own.organisation },
      entries: { ...organisationEntries(organisation), [KEYS.domain(input.domain)]: NO_RECORD_TEXT },
      change: change('unlinked', own.organisation),
    };
  }

  if (target.state !== 'ok') return { outcome: 'noOrganisation' };
  const primary = target.organisation;
  if (primary === input.domain) return { outcome: 'sameDomain' };
  if (own.state === 'ok' && own.organisation === primary)
    return { outcome: 'unchanged', organisation: primary };
  if (own.state === 'ok' && own.organisation === input.domain && own.links.length > 0)
    return { outcome: 'hasLinks', links: own.links };
  if ((own.state === 'none' || own.organisation === input.domain) && (own.roles?.length ?? 0) > 0)
    return { outcome: 'isReseller' };
  if (target.links.length >= MAX_LINKED_DOMAINS) return { outcome: 'tooMany' };
  const entries: Record<string, string> = {};
  if (own.state === 'ok' && own.organisation !== input.domain) {
    // Linked elsewhere until now: that organisation lets go of it.
    Object.assign(
      entries,
      organisationEntries({
        organisation: own.organisation,
        record: own.record,
        links: own.links.filter((d) => d !== input.domain),
        roles: own.roles,
      }),
    );
  }
  Object.assign(
    entries,
    organisationEntries({
      organisation: primary,
      record: target.record,
      links: [...target.links, input.domain],
    }),
  );
  return {
    outcome: { outcome: 'linked', organisation: primary },
    entries,
    change: change('linked', primary),
  };
}
