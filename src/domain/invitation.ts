/**
 * A reseller's invitation: a short code that pre-selects the reseller in a customer's flow (the
 * customer still confirms). Pure: the store keeps invitations under `i:<code>`, the UI shows them.
 *
 * Codes are 8 characters from an alphabet without the look-alikes 0/O, 1/I/L (and U, as in
 * Crockford's base32): 30 symbols, so about 2^39 codes, drawn with the runtime's Math.random
 * (Apps Script's V8; the code is a pre-selection the customer still confirms, not a secret that
 * grants access). People may type them in lower case, with spaces or a hyphen; they are shown as
 * "ABCD-EFGH".
 */
import { RESELLER_ID_PATTERN } from './assignment';

export const INVITATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const INVITATION_CODE_LENGTH = 8;
export const INVITATION_DAYS = 30;
export const INVITATION_TTL_MS = INVITATION_DAYS * 24 * 60 * 60 * 1000;
/** How many unexpired invitations one reseller may have at a time (each costs store bytes). */
export const MAX_OPEN_INVITATIONS = 50;

const CODE_RE = new RegExp(`^[${INVITATION_ALPHABET}]{${INVITATION_CODE_LENGTH}}$`);
const FORMAT = 'I1';

export interface Invitation {
  code: string;
  resellerId: string;
  /** Who made it: the reseller staff member's address, lower case. */
  createdBy: string;
  /** Epoch milliseconds. */
  createdAt: number;
  expiresAt: number;
}

/** A new code; `random` returns numbers in [0, 1) (Math.random in Apps Script). */
export function newInvitationCode(random: () => number = Math.random): string {
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i++) {
    const n = Math.floor(random() * INVITATION_ALPHABET.length);
    code += INVITATION_ALPHABET[Math.min(Math.max(n, 0), INVITATION_ALPHABET.length - 1)];
  }
  return code;
}

/**
 * The code a user typed, in its stored form, or null when it cannot be one (a wrong length, a
 * character the alphabet does not have). Spaces and hyphens are ignored, case too.
 */
export function normaliseInvitationCode(typed: string | undefined): string | null {
  if (typed === undefined || typed.length > 40) return null;
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return CODE_RE.test(code) ? code : null;
}

/** The code as people read it: "ABCD-EFGH". */
export function displayInvitationCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function makeInvitation(code: string, resellerId: string, createdBy: string, now: number): Invitation {
  return {
    code,
    resellerId,
    createdBy: createdBy.trim().toLowerCase(),
    createdAt: now,
    expiresAt: now + INVITATION_TTL_MS,
  };
}

/** "I1" tab reseller id tab who tab created (seconds, base 36) tab expires (seconds, base 36). */
export function encodeInvitation(invitation: Invitation): string {
  if (!CODE_RE.test(invitation.code)) throw new Error('bad invitation code');
  if (!RESELLER_ID_PATTERN.test(invitation.resellerId)) throw new Error('bad reseller id');
  if (/[\t\n\r]/.test(invitation.createdBy)) throw new Error('bad creator');
  return [
    FORMAT,
    invitation.resellerId,
    invitation.createdBy,
    toSeconds(invitation.createdAt),
    toSeconds(invitation.expiresAt),
  ].join('\t');
}

/** The invitation stored under `code`, or null when the text is not one (damaged, another format). */
export function decodeInvitation(code: string, text: string | null | undefined): Invitation | null {
  if (text === null || text === undefined || !CODE_RE.test(code)) return null;
  const fields = text.split('\t');
  const [format, resellerId = '', createdBy = '', created = '', expires = ''] = fields;
  if (fields.length !== 5 || format !== FORMAT || !RESELLER_ID_PATTERN.test(resellerId)) return null;
  const createdAt = fromSeconds(created);
  const expiresAt = fromSeconds(expires);
  if (createdAt === null || expiresAt === null || createdBy === '') return null;
  return { code, resellerId, createdBy, createdAt, expiresAt };
}

export function isExpired(invitation: Invitation, now: number): boolean {
  return now >= invitation.expiresAt;
}

function toSeconds(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`bad time ${ms}`);
  return Math.floor(ms / 1000).toString(36);
}

function fromSeconds(text: string): number | null {
  return /^[0-9a-z]{1,10}$/.test(text) ? parseInt(text, 36) * 1000 : null;
}
