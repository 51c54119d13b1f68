/**
 * Invitations in Script Properties, one per code (`i:<code>`, about 60 bytes). A code names one
 * reseller; it is never changed once written, so writing one needs no lock (a new random key is no
 * read-modify-write). Looking a code up is one read.
 *
 * Each costs store bytes, so a reseller has at most MAX_OPEN_INVITATIONS open ones, and making one
 * tidies away a few expired codes (of any reseller) in passing.
 */
import {
  decodeInvitation,
  encodeInvitation,
  isExpired,
  makeInvitation,
  MAX_OPEN_INVITATIONS,
  newInvitationCode,
  normaliseInvitationCode,
  type Invitation,
} from '../domain/invitation';
import { KEYS } from './keys';
import { selectFrom } from './select';
import type { KeyValueStore } from './ports';

/** Expired codes deleted per new invitation (one delete call each). */
const TIDY_PER_CREATE = 5;

export type CreateOutcome =
  | { outcome: 'created'; invitation: Invitation }
  /** The reseller has too many open invitations; the earliest of them expires at `nextExpiry`. */
  | { outcome: 'tooMany'; nextExpiry: number };

export interface CreateInput {
  resellerId: string;
  createdBy: string;
  now: number;
  random?: () => number;
}

/** Makes an invitation: one read of the store, one write, and a few deletes of expired codes. */
export function createInvitation(store: KeyValueStore, input: CreateInput): CreateOutcome {
  const all = selectFrom(store, { prefixes: [KEYS.invitationPrefix] });
  const open: Invitation[] = [];
  const expired: string[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(KEYS.invitationPrefix)) continue;
    const invitation = decodeInvitation(key.slice(KEYS.invitationPrefix.length), value);
    if (!invitation) continue;
    if (isExpired(invitation, input.now)) expired.push(key);
    else if (invitation.resellerId === input.resellerId) open.push(invitation);
  }
  if (open.length >= MAX_OPEN_INVITATIONS)
    return { outcome: 'tooMany', nextExpiry: Math.min(...open.map((i) => i.expiresAt)) };
  let code = newInvitationCode(input.random);
  // A clash is one in 6·10^11; the store holds every code, so a few more draws settle it.
  for (let tries = 0; KEYS.invitation(code) in all && tries < 5; tries++)
    code = newInvitationCode(input.random);
  if (KEYS.invitation(code) in all) throw new Error('no free invitation code');
  const invitation = makeInvitation(code, input.resellerId, input.createdBy, input.now);
  store.setAll({ [KEYS.invitation(code)]: encodeInvitation(invitation) });
  for (const key of expired.sort().slice(0, TIDY_PER_CREATE)) store.delete(key);
  return { outcome: 'created', invitation };
}

export type LookupOutcome =
  | { outcome: 'found'; invitation: Invitation }
  /** What was typed cannot be a code: nothing was read. */
  | { outcome: 'malformed' }
  /** No invitation has this code (or its text is damaged). */
  | { outcome: 'unknown' }
  | { outcome: 'expired'; invitation: Invitation };

/** The invitation a user typed the code of: one read (none for text that cannot be a code). */
export function lookupInvitation(
  store: KeyValueStore,
  typed: string | undefined,
  now: number,
): LookupOutcome {
  const code = normaliseInvitationCode(typed);
  if (code === null) return { outcome: 'malformed' };
  return checkInvitation(code, store.get(KEYS.invitation(code)), now);
}

/** What the stored text of `code` says, at `now`. */
export function checkInvitation(code: string, text: string | null | undefined, now: number): LookupOutcome {
  const invitation = decodeInvitation(code, text);
  if (!invitation) return { outcome: 'unknown' };
  return isExpired(invitation, now) ? { outcome: 'expired', invitation } : { outcome: 'found', invitation };
}
