/**
 * The store's ports (KeyValueStore + ScriptLock) on Cloud Firestore, so that every store function —
 * commitChoice, commitLink, the sync's batches — runs unchanged: each of them reads, decides and
 * writes inside `lock.withLock`, and here that is one optimistic attempt, or one read-write
 * transaction when the attempt needs one.
 *
 * Inside withLock, first optimistically (no Firestore locks held, so many writers of one
 * organisation never wait on each other or deadlock):
 * - reads are plain batchGets (a prefetch brings several keys in one round trip); a key read once
 *   is not read again; setAll, delete and replaceAll are buffered, and a later get sees them;
 * - at the end the buffered writes are committed in one atomic commit, each with the precondition of
 *   what was read: create-only for a key read as missing, the read updateTime otherwise. A write
 *   whose key changed since it was read is refused, and so the whole commit: the first writer wins,
 *   the others run `critical` again, read the winner and (for a confirm) write nothing.
 * - Keys read and not written are not guarded by a precondition (Firestore has no "verify only"
 *   write, and rewriting them would make every reader of the directory a writer of it). What such a
 *   read decides is no older than the attempt, and an attempt whose commit would come more than
 *   OPTIMISTIC_LEASE_MS after its first read is abandoned and run again: a process that changes such
 *   a key and must not be outrun (the migration's freeze, backend-guard.ts) waits out the lease.
 * - A read of many keys at once (getAll, select) cannot be guarded by preconditions (a key created
 *   meanwhile would be missed): the attempt stops and `critical` runs again in a read-write
 *   transaction (reads begin it: no round trip of its own), whose commit Firestore refuses
 *   (ABORTED) if anything it read changed; a transaction that wrote nothing is rolled back.
 * - A commit (or read) refused for contention (ABORTED, ALREADY_EXISTS, FAILED_PRECONDITION) runs
 *   `critical` again, with backoff (and, for a transaction, the old one as `retryTransaction`),
 *   until the timeout; then `{ acquired: false }`, exactly like the script lock: nothing was written.
 *   `critical` may therefore run more than once: it must do nothing but store calls that matter.
 * Outside withLock each call is one plain request: get a batchGet, getAll a paged query, setAll
 * and delete one commit (atomic: all the writes or none).
 *
 * A `labelsOf` function may tag documents (array field `l`, Firestore's automatic single-field
 * index): `select({ labels })` then finds them with an array-contains query instead of reading the
 * whole collection (a reseller's customers among 100,000 organisations).
 */
import { StoreFullError } from './errors';
import {
  createWrite,
  deleteWrite,
  FirestoreError,
  isContention,
  labelsValue,
  LABELS_FIELD,
  updateWrite,
  valueOf,
  type FirestoreDocument,
  type FirestoreValue,
  type FirestoreRest,
  type Precondition,
  type TransactionOptions,
  type Write,
} from './firestore-rest';
import type { KeyValueStore, ScriptLock, StoreQuery } from './ports';

export interface FirestoreStoreOptions {
  now(): number;
  sleep(ms: number): void;
  /** For the backoff's jitter; Math.random by default. */
  random?(): number;
  /** Labels to index a document by (see the module comment); none by default. */
  labelsOf?(key: string, value: string): readonly string[];
}

export const FIRST_BACKOFF_MS = 50;
export const MAX_BACKOFF_MS = 1000;
/** replaceAll outside withLock takes a transaction of its own, this long at most. */
const REPLACE_TIMEOUT_MS = 10000;
/**
 * An optimistic attempt commits within this long of its first read, or runs again: what it read
 * and did not write is then never older than this (a store function's attempt takes a few round
 * trips, well under a second).
 */
export const OPTIMISTIC_LEASE_MS = 5000;

/** Thrown inside an optimistic attempt that read many keys at once: run it as a transaction. */
class NeedsTransaction extends Error {}

interface Transaction {
  /** Optimistic: plain reads, a commit with preconditions; or a read-write transaction. */
  mode: 'optimistic' | 'transaction';
  /** When the attempt first read (optimistic attempts only). */
  firstReadAt: number | null;
  /** The transaction's id: null until the first read began it (always null when optimistic). */
  id: string | null;
  /** The transaction this one retries (Firestore then gives it priority). */
  retryOf: string | null;
  /** Key → its updateTime when read, or null when it was missing. */
  read: Map<string, { value: string | null; updateTime: string | null }>;
  /** The whole collection was read: a key not in `read` was missing. */
  readAll: boolean;
  /** Prefixes read in full (select): a key under one of them and not in `read` was missing. */
  readPrefixes: string[];
  /** Key → value to write, or null to delete; in the order written. */
  writes: Map<string, string | null>;
}

export function firestoreStore(
  rest: FirestoreRest,
  options: FirestoreStoreOptions,
): { store: KeyValueStore; lock: ScriptLock } {
  const random = options.random ?? Math.random;
  let current: Transaction | null = null;

  const selector = (
    tx: Transaction,
  ): { transaction: string } | { newTransaction: TransactionOptions } | null =>
    tx.mode === 'optimistic'
      ? null
      : tx.id
        ? { transaction: tx.id }
        : { newTransaction: { readWrite: tx.retryOf ? { retryTransaction: tx.retryOf } : {} } };

  const beginOrName = (tx: Transaction, began: string | null, method: string): void => {
    if (tx.mode === 'optimistic') {
      tx.firstReadAt ??= options.now();
      return;
    }
    tx.id ??= began;
    if (!tx.id) throw new FirestoreError(200, 'UNKNOWN', `${method} began no transaction`);
  };

  const fields = (key: string, value: string): Record<string, FirestoreValue> | undefined => {
    const labels = options.labelsOf?.(key, value) ?? [];
    return labels.length > 0 ? { [LABELS_FIELD]: labelsValue(labels) } : undefined;
  };

  const remember = (tx: Transaction, documents: FirestoreDocument[]): void => {
    for (const document of documents) {
      const key = rest.keyOf(document.name);
      if (key !== null)
        tx.read.set(key, { value: valueOf(document), updateTime: document.updateTime ?? null });
    }
  };

  /** Reads the keys the transaction has not read yet, all in one batchGet. */
  const readManyInTransaction = (tx: Transaction, keys: readonly string[]): void => {
    const unread = [...new Set(keys)].filter((key) => !tx.read.has(key));
    if (unread.length === 0 || tx.readAll) return;
    const { items, transaction } = rest.batchGet(
      unread.map((key) => rest.documentName(key)),
      selector(tx),
    );
    beginOrName(tx, transaction, 'batchGet');
    for (const item of items) {
      if (item.found) remember(tx, [item.found]);
      else if (item.missing) {
        const key = rest.keyOf(item.missing);
        if (key !== null) tx.read.set(key, { value: null, updateTime: null });
      }
    }
  };

  const readInTransaction = (tx: Transaction, key: string): string | null => {
    const known = tx.read.get(key);
    if (known) return known.value;
    if (tx.readAll) return null;
    readManyInTransaction(tx, [key]);
    return tx.read.get(key)?.value ?? null;
  };

  const readAllInTransaction = (tx: Transaction): void => {
    if (tx.readAll) return;
    // Preconditions cannot guard "no key was created meanwhile": only a transaction can.
    if (tx.mode === 'optimistic') throw new NeedsTransaction();
    const { documents, transaction } = rest.listAll(selector(tx));
    beginOrName(tx, transaction, 'runQuery');
    // Keys read before and gone now are missing (the transaction would not commit anyway).
    for (const [key, seen] of tx.read) if (!seen.updateTime) tx.read.delete(key);
    remember(tx, documents);
    tx.readAll = true;
  };

  /** The precondition that makes a write fail if the key changed since this transaction read it. */
  const precondition = (tx: Transaction, key: string): Precondition | undefined => {
    const seen = tx.read.get(key);
    if (seen?.updateTime) return { updateTime: seen.updateTime };
    if (seen || tx.readAll || tx.readPrefixes.some((p) => key.startsWith(p))) return { exists: false };
    return undefined;
  };

  const writesOf = (tx: Transaction): Write[] => {
    const writes: Write[] = [];
    for (const [key, value] of tx.writes) {
      const name = rest.documentName(key);
      const condition = precondition(tx, key);
      if (value !== null) {
        const extra = fields(key, value);
        writes.push(
          condition && 'exists' in condition
            ? createWrite(name, value, extra)
            : updateWrite(name, value, condition, extra),
        );
      } else if (!(condition && 'exists' in condition)) {
        // Deleting a key read as missing changes nothing: the transaction's reads guard it.
        writes.push(deleteWrite(name, condition));
      }
    }
    return writes;
  };

  const finish = (tx: Transaction): void => {
    const writes = writesOf(tx);
    if (writes.length === 0) return rollbackQuietly(tx);
    if (
      tx.mode === 'optimistic' &&
      tx.firstReadAt !== null &&
      options.now() - tx.firstReadAt > OPTIMISTIC_LEASE_MS
    )
      throw new FirestoreError(409, 'ABORTED', 'the attempt read too long ago: run it again');
    writeOrFull(() => rest.commit(writes, tx.id ?? undefined));
  };

  const rollbackQuietly = (tx: Transaction): void => {
    if (!tx.id) return;
    try {
      rest.rollback(tx.id);
    } catch {
      // Firestore ends an unfinished transaction by itself; the error that led here matters more.
    }
  };

  const store: KeyValueStore = {
    unbounded: true,
    // In a transaction, the keys a change is about to read come in one round trip.
    prefetch(keys) {
      if (current)
        readManyInTransaction(
          current,
          keys.filter((key) => !current?.writes.has(key)),
        );
    },

    get(key) {
      if (current) {
        if (current.writes.has(key)) return current.writes.get(key) ?? null;
        return readInTransaction(current, key);
      }
      const { items } = rest.batchGet([rest.documentName(key)]);
      const found = items[0]?.found;
      return found ? valueOf(found) : null;
    },

    getAll() {
      const all: Record<string, string> = {};
      if (current) {
        readAllInTransaction(current);
        for (const [key, seen] of current.read) if (seen.value !== null) all[key] = seen.value;
        for (const [key, value] of current.writes) {
          if (value === null) delete all[key];
          else all[key] = value;
        }
        return all;
      }
      for (const document of rest.listAll().documents) {
        const key = rest.keyOf(document.name);
        const value = valueOf(document);
        if (key !== null && value !== null) all[key] = value;
      }
      return all;
    },

    select(query) {
      if (current) {
        const tx = current;
        const ranged = Boolean(query.prefixes?.length || query.labels?.length);
        // Only a transaction guards a range against a key created meanwhile, unless the caller
        // says such a key may be missed (its writes never depend on a key's absence).
        if (ranged && tx.mode === 'optimistic' && !query.tolerateNewKeys) throw new NeedsTransaction();
        if (tx.readAll) {
          // Everything is read already.
        } else if (tx.mode === 'optimistic') {
          const unread = (query.keys ?? []).filter((key) => !tx.read.has(key));
          if (ranged || unread.length > 0) {
            const { documents } = rest.select({
              keys: unread,
              prefixes: query.prefixes ?? [],
              labels: query.labels ?? [],
            });
            beginOrName(tx, null, 'runQuery');
            // A key read before keeps the updateTime it was first read at: that is what its write's
            // precondition must check.
            remember(
              tx,
              documents.filter((document) => !tx.read.has(rest.keyOf(document.name) ?? '')),
            );
            for (const key of unread)
              if (!tx.read.has(key)) tx.read.set(key, { value: null, updateTime: null });
          }
        } else {
          if (query.keys) readManyInTransaction(tx, query.keys);
          if (ranged) {
            const { documents, transaction } = rest.select(
              { prefixes: query.prefixes ?? [], labels: query.labels ?? [] },
              selector(tx),
            );
            beginOrName(tx, transaction, 'runQuery');
            remember(tx, documents);
            tx.readPrefixes.push(...(query.prefixes ?? []));
          }
        }
        const view: Record<string, string> = {};
        for (const [key, seen] of tx.read) if (seen.value !== null) view[key] = seen.value;
        for (const [key, value] of tx.writes) {
          if (value === null) delete view[key];
          else view[key] = value;
        }
        return matching(view, query, options.labelsOf);
      }
      const all: Record<string, string> = {};
      const { documents } = rest.select({
        keys: query.keys ?? [],
        prefixes: query.prefixes ?? [],
        labels: query.labels ?? [],
      });
      for (const document of documents) {
        const key = rest.keyOf(document.name);
        const value = valueOf(document);
        if (key !== null && value !== null) all[key] = value;
      }
      return all;
    },

    setAll(values) {
      const entries = Object.entries(values);
      if (current) {
        for (const [key, value] of entries) {
          current.writes.delete(key);
          current.writes.set(key, value);
        }
        return;
      }
      if (entries.length === 0) return;
      writeOrFull(() =>
        rest.commit(
          entries.map(([key, value]) =>
            updateWrite(rest.documentName(key), value, undefined, fields(key, value)),
          ),
        ),
      );
    },

    delete(key) {
      if (current) {
        current.writes.delete(key);
        current.writes.set(key, null);
        return;
      }
      rest.commit([deleteWrite(rest.documentName(key))]);
    },

    replaceAll(values) {
      if (!current) {
        const result = lock.withLock(REPLACE_TIMEOUT_MS, () => store.replaceAll(values));
        if (!result.acquired) throw new FirestoreError(409, 'ABORTED', 'replaceAll could not commit in time');
        return;
      }
      readAllInTransaction(current);
      for (const key of [...current.read.keys(), ...current.writes.keys()]) {
        if (!(key in values)) {
          current.writes.delete(key);
          current.writes.set(key, null);
        }
      }
      // Only what differs is written: the sync's drain rewrites "the whole store", which on
      // Firestore is a handful of deletes, not 100,000 writes.
      const changed: Record<string, string> = {};
      for (const [key, value] of Object.entries(values)) {
        const pending = current.writes.get(key);
        const before = pending !== undefined ? pending : (current.read.get(key)?.value ?? null);
        if (before !== value) changed[key] = value;
      }
      store.setAll(changed);
    },
  };

  const lock: ScriptLock = {
    withLock(timeoutMs, critical) {
      // Already inside (a store function called by another under the lock): the same transaction.
      if (current) return { acquired: true, value: critical() };
      const deadline = options.now() + timeoutMs;
      let backoff = FIRST_BACKOFF_MS;
      let retryOf: string | null = null;
      let mode: Transaction['mode'] = 'optimistic';
      for (;;) {
        const tx: Transaction = {
          mode,
          firstReadAt: null,
          id: null,
          retryOf,
          read: new Map(),
          readAll: false,
          readPrefixes: [],
          writes: new Map(),
        };
        current = tx;
        try {
          const value = critical();
          current = null;
          finish(tx);
          return { acquired: true, value };
        } catch (error) {
          if (current === tx) {
            current = null;
            rollbackQuietly(tx);
          }
          if (error instanceof NeedsTransaction) {
            // Not contention: at once, as the transaction this attempt turned out to need.
            mode = 'transaction';
            continue;
          }
          if (!isContention(error)) throw error;
        }
        retryOf = tx.id ?? retryOf;
        const wait = Math.round(backoff * (0.5 + random() / 2));
        if (options.now() + wait >= deadline) return { acquired: false };
        options.sleep(wait);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    },
  };

  return { store, lock };
}

/**
 * The keys of `all` that a query asks for. Labels are recomputed from the values (a transaction's
 * own writes carry no stored labels yet); a store without a labeller answers labels with every key.
 */
function matching(
  all: Record<string, string>,
  query: StoreQuery,
  labelsOf: FirestoreStoreOptions['labelsOf'],
): Record<string, string> {
  const keys = new Set(query.keys ?? []);
  const prefixes = query.prefixes ?? [];
  const labels = new Set(query.labels ?? []);
  const found: Record<string, string> = {};
  for (const [key, value] of Object.entries(all)) {
    const labelled =
      labels.size > 0 && (!labelsOf || labelsOf(key, value).some((label) => labels.has(label)));
    if (keys.has(key) || prefixes.some((p) => key.startsWith(p)) || labelled) found[key] = value;
  }
  return found;
}

/** Firestore's words for a document or request over its size limits: nothing was written. */
const TOO_LARGE = /exceeds the maximum|too large|too big|request payload size/i;

function writeOrFull(commit: () => unknown): void {
  try {
    commit();
  } catch (error) {
    if (
      error instanceof FirestoreError &&
      error.status === 'INVALID_ARGUMENT' &&
      TOO_LARGE.test(error.message)
    )
      throw new StoreFullError(error);
    throw error;
  }
}
