/**
 * Script Properties key layout. Prefixes are one character to keep bytes per record low: every
 * key's bytes count against the 500 KB store.
 */
export const KEYS = {
  /** d:<customer domain> → encoded Assignment */
  domain: (domain: string): string => `d:${domain}`,
  /** r:<n> → directory chunk n; r:meta → version, chunk count, reseller count */
  directoryChunk: (index: number): string => `r:${index}`,
  directoryMeta: 'r:meta',
  /** o:<event id> → an outbox event waiting for the Sheet sync */
  outboxPrefix: 'o:',
  outbox: (eventId: string): string => `o:${eventId}`,
  /** User Properties: the user's own onboarding state */
  userState: 'state',
} as const;

/** Values are kept under this many UTF-8 bytes: the documented limit is 9 KB, measured ~8 KB. */
export const PROPERTY_CHUNK_BYTES = 8000;
