/** The property store cannot take the write: nothing was written. */
export class StoreFullError extends Error {
  constructor(cause?: unknown) {
    super('The property store is full');
    this.name = 'StoreFullError';
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/**
 * Why the store cannot be used right now: 'overloaded' (it kept answering 429/5xx), 'unreachable'
 * (requests kept failing or timing out), 'credentials' (the service account's key or token was
 * refused), 'configuration' (Script Property f:config cannot be read).
 */
export type UnavailableReason = 'overloaded' | 'unreachable' | 'credentials' | 'configuration';

/**
 * The store cannot be reached or refuses the add-on, after the retries there were time for. Its
 * message is for support and logs and is made of fixed words, statuses and the service's own
 * (scrubbed) words only: never a key, token or assertion. `outcomeUnknown` is set when a write
 * was sent and no answer says whether it was applied (a commit that timed out): nothing was
 * changed twice, but it may have been changed once.
 */
export class StoreUnavailableError extends Error {
  readonly outcomeUnknown: boolean;
  constructor(
    readonly reason: UnavailableReason,
    message: string,
    options: { outcomeUnknown?: boolean } = {},
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
    this.outcomeUnknown = options.outcomeUnknown === true;
  }
}

/** Words of a server or of UrlFetchApp, without anything that could be a key, a token or a JWT. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/-----BEGIN[^]*?(-----END[^-]*-----|$)/g, '[removed]')
    .replace(/Bearer\s+\S+/gi, 'Bearer [removed]')
    .replace(/[A-Za-z0-9+/_=.-]{40,}/g, '[removed]')
    .slice(0, 300);
}
