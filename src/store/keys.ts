/**
 * Script Properties key layout. Prefixes are one character to keep bytes per record low: every
 * key's bytes count against the 500 KB store.
 */
export const KEYS = {
  /** d:<customer domain> → encoded Assignment */
  domainPrefix: 'd:',
  domain: (domain: string): string => `d:${domain}`,
  /** r:<n> → directory chunk n; r:meta → format, version, count, then each chunk's id range, lines, checksum */
  directoryChunk: (index: number): string => `r:${index}`,
  directoryMeta: 'r:meta',
  /** Every key of the directory (its chunks and meta entry) starts with this. */
  directoryPrefix: 'r:',
  /** o:<commit sequence, base 36> → a committed change waiting for the Sheet sync */
  outboxPrefix: 'o:',
  outbox: (seq: string): string => `o:${seq}`,
  /** c:seq → the commit sequence of the last change (base 36), advanced under the script lock */
  sequence: 'c:seq',
  /** s:sheet → the id of the backing Sheet `setup` created */
  sheetId: 's:sheet',
  /** s:sync → JSON: when the sync last ran, the last commit sequence it wrote, what it found */
  syncState: 's:sync',
  /** s:rid → the highest reseller id number ever given out (ids are never reused) */
  lastResellerId: 's:rid',
  /** s:set → JSON: the Settings tab as the last sync read it (support staff, support address, …) */
  settings: 's:set',
  /** s:req → support asked for a sync ("Sync now"): the next trigger run reads the Sheet */
  syncRequest: 's:req',
  /** s:auth → JSON: per scope, how often a user's call was refused for want of it, and when last */
  missingScopes: 's:auth',
  /** i:<code> → an invitation: the reseller's id, who made it, when, and when it expires (invitation.ts) */
  invitationPrefix: 'i:',
  invitation: (code: string): string => `i:${code}`,
  /** Script cache: rc:<reseller id>:m (meta) and rc:<reseller id>:<n> (chunks) → its customer list */
  resellerCustomersMeta: (resellerId: string): string => `rc:${resellerId}:m`,
  resellerCustomersChunk: (resellerId: string, index: number): string => `rc:${resellerId}:${index}`,
  /** User Properties: the user's own onboarding state */
  userState: 'state',
} as const;

/** Values are kept under this many UTF-8 bytes: the documented limit is 9 KB, measured ~8 KB. */
export const PROPERTY_CHUNK_BYTES = 8000;
