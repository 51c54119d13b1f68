/**
 * The write-ahead outbox: one Script Property per committed change, drained into the backing Sheet
 * by the owner's sync. Each change is written in the same setProperties call as the record it
 * changes, so neither exists without the other.
 *
 * Changes are keyed and ordered by their commit sequence (`seq`), a counter read and advanced under
 * the script lock in that same call. Clocks of different Google servers do not agree, so the time
 * of a change (also read under the lock) is shown to people but never used for ordering. The sync
 * reads changes in `seq` order and remembers the last one it applied: a re-run neither duplicates
 * nor drops one.
 */
import type { Change } from '../domain/assignment';
import { RESELLER_STATUSES, type ResellerStatus } from '../domain/reseller';
import { KEYS } from './keys';
import type { KeyValueStore } from './ports';

/** The sequence of the last commit, kept in its own property. */
export function readSequence(text: string | null): number | null {
  if (text === null) return 0;
  return /^[0-9a-z]{1,10}$/.test(text) ? parseInt(text, 36) : null;
}

export function encodeSequence(seq: number): string {
  return seq.toString(36);
}

export class DamagedSequenceError extends Error {
  constructor(readonly raw: string) {
    super('The commit sequence in Script Properties cannot be read');
    this.name = 'DamagedSequenceError';
  }
}

/**
 * The next commit sequence. Call under the script lock. The counter is only ever missing in a new
 * store; when it has gone missing later (deleted by hand), `recoverSequence` decides.
 */
export function nextSequence(store: KeyValueStore): number {
  const text = store.get(KEYS.sequence);
  const last = text === null ? recoverSequence(store.getAll()) : readSequence(text);
  if (last === null) throw new DamagedSequenceError(text ?? '');
  return last + 1;
}

/**
 * The last commit sequence of a store whose counter is missing, or null when it cannot be known.
 * With changes still waiting, it continues after the highest of them (unreadable entries count
 * too, so that no key is reused). With no change waiting but organisation records present, the
 * sync may already have read sequences up to any number: starting again at 1 would make it skip
 * the new changes, so that store needs support. A store with neither is new: 0.
 */
export function recoverSequence(all: Record<string, string>): number | null {
  let highest = 0;
  let records = false;
  for (const key of Object.keys(all)) {
    if (key.startsWith(KEYS.outboxPrefix)) {
      highest = Math.max(highest, readSequence(key.slice(KEYS.outboxPrefix.length)) ?? 0);
    } else if (key.startsWith(KEYS.domainPrefix)) records = true;
  }
  return highest > 0 ? highest : records ? null : 0;
}

/** The next commit sequence from a store read in full (under the script lock). */
export function nextSequenceFrom(all: Record<string, string>): number {
  const text = all[KEYS.sequence];
  const last = text === undefined ? recoverSequence(all) : readSequence(text);
  if (last === null) throw new DamagedSequenceError(text ?? '');
  return last + 1;
}

/**
 * The next commit sequence from a read that asked for the counter among other keys (selectFrom);
 * only when the counter is missing is the whole store read, to recover it.
 */
export function nextSequenceIn(store: KeyValueStore, read: Record<string, string>): number {
  return read[KEYS.sequence] !== undefined ? nextSequenceFrom(read) : nextSequence(store);
}

/** The properties that commit a change: its outbox entry and the advanced counter. */
export function changeEntries(change: Change): Record<string, string> {
  const base = [change.type, change.domain, change.actorEmail, change.at];
  const payload =
    change.type === 'applied'
      ? [...base, change.application]
      : change.type === 'resellerStatus'
        ? [
            ...base,
            {
              resellerId: change.resellerId,
              from: change.from,
              to: change.to,
              reason: change.reason,
              ...(change.agreement ? { agreement: change.agreement } : {}),
            },
          ]
        : change.type === 'assigned'
          ? // A choice through a reseller's invitation says so (a sixth element; older entries have five).
            change.source === 'invitation'
            ? [...base, change.resellerId, 'invitation']
            : [...base, change.resellerId]
          : change.type === 'direct'
            ? base
            : change.type === 'requestAnswered'
              ? [...base, change.state, change.answer]
              : change.type === 'linked' || change.type === 'unlinked'
                ? [...base, change.organisation, change.reason]
                : // changeRequested and supportAssigned both carry the reseller and a reason.
                  [...base, change.resellerId, change.reason];
  return {
    [KEYS.outbox(encodeSequence(change.seq))]: JSON.stringify(payload),
    [KEYS.sequence]: encodeSequence(change.seq),
  };
}

export function decodeChange(key: string, value: string): Change | null {
  if (!key.startsWith(KEYS.outboxPrefix)) return null;
  const seq = readSequence(key.slice(KEYS.outboxPrefix.length));
  if (seq === null || seq === 0) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const [type, domain, actorEmail, at, resellerId, reason] = parsed as unknown[];
  if (typeof domain !== 'string' || typeof actorEmail !== 'string') return null;
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  const base = { seq, domain, actorEmail, at };
  if (type === 'direct' && parsed.length === 4) return { ...base, type };
  if ((type === 'applied' || type === 'resellerStatus') && parsed.length === 5)
    return decodeProgrammeChange(base, type, resellerId);
  if (type === 'requestAnswered' && parsed.length === 6 && typeof reason === 'string')
    return resellerId === 'approved' || resellerId === 'rejected'
      ? { ...base, type, state: resellerId, answer: reason }
      : null;
  if (typeof resellerId !== 'string' || resellerId === '') return null;
  if ((type === 'linked' || type === 'unlinked') && typeof reason === 'string' && parsed.length === 6)
    return { ...base, type, organisation: resellerId, reason };
  if (type === 'assigned' && parsed.length === 5) return { ...base, type, resellerId };
  if (type === 'assigned' && parsed.length === 6 && reason === 'invitation')
    return { ...base, type, resellerId, source: 'invitation' };
  if (
    (type === 'changeRequested' || type === 'supportAssigned') &&
    typeof reason === 'string' &&
    parsed.length === 6
  )
    return { ...base, type, resellerId, reason };
  return null;
}

function decodeProgrammeChange(
  base: { seq: number; domain: string; actorEmail: string; at: number },
  type: 'applied' | 'resellerStatus',
  payload: unknown,
): Change | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const fields = payload as Record<string, unknown>;
  const text = (name: string): string | null =>
    typeof fields[name] === 'string' ? (fields[name] as string) : null;
  if (type === 'applied') {
    const names = [
      'company',
      'domain',
      'contactName',
      'contactEmail',
      'country',
      'website',
      'message',
    ] as const;
    const values = names.map(text);
    if (values.some((v) => v === null)) return null;
    const [company, domain, contactName, contactEmail, country, website, message] = values as string[];
    return {
      ...base,
      type,
      application: {
        company: company ?? '',
        domain: domain ?? '',
        contactName: contactName ?? '',
        contactEmail: contactEmail ?? '',
        country: country ?? '',
        website: website ?? '',
        message: message ?? '',
      },
    };
  }
  const from = text('from');
  const to = text('to');
  const resellerId = text('resellerId');
  const reason = text('reason');
  const statuses: readonly string[] = RESELLER_STATUSES;
  if (from === null || to === null || resellerId === null || reason === null) return null;
  if (!statuses.includes(from) || !statuses.includes(to)) return null;
  const agreement = fields.agreement as Record<string, unknown> | undefined;
  const file =
    agreement &&
    typeof agreement.messageId === 'string' &&
    typeof agreement.name === 'string' &&
    typeof agreement.contentType === 'string' &&
    typeof agreement.size === 'number'
      ? {
          messageId: agreement.messageId,
          name: agreement.name,
          contentType: agreement.contentType,
          size: agreement.size,
        }
      : undefined;
  return {
    ...base,
    type,
    resellerId,
    from: from as ResellerStatus,
    to: to as ResellerStatus,
    reason,
    ...(file ? { agreement: file } : {}),
  };
}

/** Changes waiting in the outbox in commit order, and the keys of entries that cannot be read. */
export function listOutbox(all: Record<string, string>): { changes: Change[]; unreadable: string[] } {
  const changes: Change[] = [];
  const unreadable: string[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(KEYS.outboxPrefix)) continue;
    const change = decodeChange(key, value);
    if (change) changes.push(change);
    else unreadable.push(key);
  }
  return { changes: changes.sort((a, b) => a.seq - b.seq), unreadable };
}
