/**
 * What the store needs from Apps Script, as interfaces: src/platform/ implements them with the real
 * services, tests and dev tools with anything else. One method is one service call.
 */
export interface KeyValueStore {
  get(key: string): string | null;
  /** The whole store in one call. */
  getAll(): Record<string, string>;
  /**
   * A hint that these keys are about to be read (a store with network round trips fetches them in
   * one); Script Properties have no multi-get, so theirs is absent.
   */
  prefetch?(keys: readonly string[]): void;
  /**
   * The keys a query asks for, in one call where the store can (see StoreQuery); absent, the
   * caller reads getAll() and filters (selectFrom, select.ts): Script Properties read everything in
   * one call anyway.
   */
  select?(query: StoreQuery): Record<string, string>;
  /** Set by a store without Script Properties' 500 KB ceiling (Firestore): no fill to report. */
  readonly unbounded?: true;
  /** All or nothing: throws, and writes nothing, when a limit would be broken. */
  setAll(values: Record<string, string>): void;
  delete(key: string): void;
  /**
   * Makes the store hold exactly `values`, deleting every other key, in one call. Only under the
   * script lock, after reading the store in it: anything written meanwhile would be lost.
   */
  replaceAll(values: Record<string, string>): void;
}

/**
 * What a caller needs of a large store instead of all of it: these keys, every key that starts
 * with one of the prefixes, and every domain record tagged with one of the labels (labels.ts). The
 * answer may hold more (a store without labels answers them with every domain record); callers
 * filter what they get as they would filter getAll().
 */
export interface StoreQuery {
  keys?: readonly string[];
  prefixes?: readonly string[];
  labels?: readonly string[];
  /**
   * Under the lock: a key created meanwhile under one of the prefixes or labels may be missed,
   * because nothing the caller writes depends on its absence (the sync's drain). A store with
   * optimistic commits then needs no transaction for the read (Firestore: no locks held).
   */
  tolerateNewKeys?: boolean;
}

export interface Cache {
  getAll(keys: string[]): Record<string, string>;
  putAll(values: Record<string, string>, ttlSeconds: number): void;
}

export interface ScriptLock {
  /** Runs `critical` holding the script lock; `{ acquired: false }` when it could not be had in time. */
  withLock<T>(timeoutMs: number, critical: () => T): { acquired: true; value: T } | { acquired: false };
}
