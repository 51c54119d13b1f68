/**
 * The write-ahead outbox: one Script Property per change, drained into the backing Sheet by the
 * owner's sync. Every event carries an id so that a re-run of the sync neither duplicates nor drops a
 * row. Events are written in the same setProperties call as the change itself, so neither exists
 * without the other.
 */
import { KEYS } from './keys';

export type OutboxEventType = 'assigned' | 'direct' | 'changeRequested';

export interface OutboxEvent {
  id: string;
  type: OutboxEventType;
  domain: string;
  actorEmail: string;
  /** Epoch milliseconds. */
  at: number;
  resellerId?: string;
  reason?: string;
}

/** Time-ordered, collision-resistant id: milliseconds and 6 random base-36 digits. */
export function newEventId(now: number, random: () => number = Math.random): string {
  const suffix = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `${now.toString(36)}${suffix}`;
}

export function outboxEntry(event: OutboxEvent): [string, string] {
  const value = JSON.stringify([
    event.type,
    event.domain,
    event.actorEmail,
    event.at,
    event.resellerId ?? '',
    event.reason ?? '',
  ]);
  return [KEYS.outbox(event.id), value];
}

export function decodeOutboxEntry(key: string, value: string): OutboxEvent | null {
  if (!key.startsWith(KEYS.outboxPrefix)) return null;
  try {
    const [type, domain, actorEmail, at, resellerId, reason] = JSON.parse(value) as unknown[];
    if (type !== 'assigned' && type !== 'direct' && type !== 'changeRequested') return null;
    if (typeof domain !== 'string' || typeof actorEmail !== 'string' || typeof at !== 'number') return null;
    const event: OutboxEvent = { id: key.slice(KEYS.outboxPrefix.length), type, domain, actorEmail, at };
    if (typeof resellerId === 'string' && resellerId !== '') event.resellerId = resellerId;
    if (typeof reason === 'string' && reason !== '') event.reason = reason;
    return event;
  } catch {
    return null;
  }
}

/** Outbox events in the order they happened. */
export function listOutbox(all: Record<string, string>): OutboxEvent[] {
  const events: OutboxEvent[] = [];
  for (const [key, value] of Object.entries(all)) {
    const event = decodeOutboxEntry(key, value);
    if (event) events.push(event);
  }
  return events.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}
