/**
 * Who is using the add-on, as far as the reseller flow cares: a user of a customer organisation
 * (a Workspace domain), a personal Google account, or someone whose email the domain hides.
 */
export type Account =
  | { kind: 'organisation'; email: string; domain: string }
  | { kind: 'personal'; email: string; domain: string }
  | { kind: 'hidden' };

/** Consumer Google accounts: they belong to no organisation, so no reseller can be linked. */
export const PERSONAL_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);

export function classifyAccount(rawEmail: string): Account {
  const email = rawEmail.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (email === '' || at <= 0 || at === email.length - 1) return { kind: 'hidden' };
  const domain = email.slice(at + 1);
  return PERSONAL_DOMAINS.has(domain)
    ? { kind: 'personal', email, domain }
    : { kind: 'organisation', email, domain };
}

/** Fingerprints keep 5 base-36 digits: within one organisation a clash is one in 60 million. */
export const FINGERPRINT_SPACE = 36 ** 5;

/**
 * A short, stable fingerprint of an email address (FNV-1a, 5 base-36 digits). Stored instead of the
 * address where the store only needs to tell "you" from "a colleague": it keeps each organisation's
 * record small. (The outbox entry keeps the full address until the sync moves it to the Sheet.)
 */
export function emailFingerprint(email: string): string {
  let hash = 0x811c9dc5;
  const text = email.trim().toLowerCase();
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % FINGERPRINT_SPACE).toString(36);
}
