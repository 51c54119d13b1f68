/** How the store uses the script lock, which serialises every user of every customer. */

/** Long enough to queue behind a few other writers, well inside the 30 s add-on limit. */
export const LOCK_TIMEOUT_MS = 5000;

/** What a locked operation returns when the lock could not be had in time: nothing was changed. */
export type Locked<T> = T | { outcome: 'busy' };
