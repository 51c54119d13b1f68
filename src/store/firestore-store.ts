/**
 * The store's ports (KeyValueStore + ScriptLock) on Cloud Firestore, so that every store function —
 * commitChoice, commitLink, the sync's batches — runs unchanged: each of them reads, decides and
 * writes inside `lock.withLock`, and here that is one Firestore read-write transaction.
 *
 * Inside withLock:
 * - the first read begins the transaction (batchGet or runQuery with `newTransaction`: no round
 *   trip of its own); later reads name it; a key read once is not read again;
 * - setAll, delete and replaceAll are buffered, and a later get sees them;
 * - at the end the buffered writes are committed in the transaction, each with the precondition of
 *   what was read (create-only for a key read as missing, the read updateTime otherwise), so that a
 *   lost race is refused even by a server that does not lock; a transaction that wrote nothing is
 *   rolled back (which releases Firestore's locks at once);
 * - a commit (or read) refused for contention (ABORTED, ALREADY_EXISTS, FAILED_PRECONDITION) runs
 *   `critical` again in a new transaction, with backoff and the old one as `retryTransaction`, until
 *   the timeout; then `{ acquired: false }`, exactly like the script lock: nothing was written.
 *   `critical` may therefore run more than once: it must do nothing but store calls that matter.
 * Outside withLock each call is one plain request: get a batchGet, getAll a paged query, setAll
 * and delete one commit (atomic: all the writes or none).
 */
import { StoreFullError } from './errors';
import {
  createWrite,
  deleteWrite,
  FirestoreError,
  isContention,
  updateWrite,
  valueOf,
  type FirestoreDocument,
  type FirestoreRest,
  type Precondition,
  type TransactionOptions,
  type Write,
} from './firestore-rest';
import type { KeyValueStore, ScriptLock } from './ports';

export interface FirestoreStoreOptions {
  now(): number;
  sleep(ms: number): void;
  /** For the backoff's jitter; Math.random by default. */
  random?(): number;
}

export const FIRST_BACKOFF_MS = 50;
export const MAX_BACKOFF_MS = 1000;
/** replaceAll outside withLock takes a transaction of its own, this long at most. */
const REPLACE_TIMEOUT_MS = 10000;

interface Transaction {
  /** Null until the first read began it. */
  id: string | null;
  /** The transaction this one retries (Firestore then gives it priority). */
  retryOf: string | null;
  /** Key → its updateTime when read, or null when it was missing. */
  read: Map<string, { value: string | null; updateTime: string | null }>;
  /** The whole collection was read: a key not in `read` was missing. */
  readAll: boolean;
  /** Key → value to write, or null to delete; in the order written. */
  writes: Map<string, string | null>;
}

export function firestoreStore(
  rest: FirestoreRest,
  options: FirestoreStoreOptions,
): { store: KeyValueStore; lock: ScriptLock } {
  const random = options.random ?? Math.random;
  let current: Transaction | null = null;

  const selector = (tx: Transaction): { transaction: string } | { newTransaction: TransactionOptions } =>
    tx.id
      ? { transaction: tx.id }
      : { newTransaction: { readWrite: tx.retryOf ? { retryTransaction: tx.retryOf } : {} } };

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
    tx.id ??= transaction;
    if (!tx.id) throw new FirestoreError(200, 'UNKNOWN', 'batchGet began no transaction');
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
    const { documents, transaction } = rest.listAll(selector(tx));
    tx.id ??= transaction;
    // Keys read before and gone now are missing (the transaction would not commit anyway).
    for (const [key, seen] of tx.read) if (!seen.updateTime) tx.read.delete(key);
    remember(tx, documents);
    tx.readAll = true;
  };

  /** The precondition that makes a write fail if the key changed since this transaction read it. */
  const precondition = (tx: Transaction, key: string): Precondition | undefined => {
    const seen = tx.read.get(key);
    if (seen?.updateTime) return { updateTime: seen.updateTime };
    if (seen || tx.readAll) return { exists: false };
    return undefined;
  };

  const writesOf = (tx: Transaction): Write[] => {
    const writes: Write[] = [];
    for (const [key, value] of tx.writes) {
      const name = rest.documentName(key);
      const condition = precondition(tx, key);
      if (value !== null) {
        writes.push(
          condition && 'exists' in condition ? createWrite(name, value) : updateWrite(name, value, condition),
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
        rest.commit(entries.map(([key, value]) => updateWrite(rest.documentName(key), value))),
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
      store.setAll(values);
    },
  };

  const lock: ScriptLock = {
    withLock(timeoutMs, critical) {
      // Already inside (a store function called by another under the lock): the same transaction.
      if (current) return { acquired: true, value: critical() };
      const deadline = options.now() + timeoutMs;
      let backoff = FIRST_BACKOFF_MS;
      let retryOf: string | null = null;
      for (;;) {
        const tx: Transaction = { id: null, retryOf, read: new Map(), readAll: false, writes: new Map() };
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
