/**
 * Reading part of the store: the store's own `select` where it has one (Firestore: point reads,
 * prefix ranges and label queries in one round trip), otherwise one getAll filtered here (Script
 * Properties read everything in one call whatever is asked).
 */
import type { KeyValueStore, StoreQuery } from './ports';

export function selectFrom(store: KeyValueStore, query: StoreQuery): Record<string, string> {
  if (store.select) return store.select(query);
  const all = store.getAll();
  // Without labels to go by, every record might carry one: the whole store is the answer.
  if (query.labels && query.labels.length > 0) return all;
  const keys = new Set(query.keys ?? []);
  const prefixes = query.prefixes ?? [];
  const found: Record<string, string> = {};
  for (const [key, value] of Object.entries(all))
    if (keys.has(key) || prefixes.some((prefix) => key.startsWith(prefix))) found[key] = value;
  return found;
}

/**
 * Under the lock, after `current = selectFrom(store, query)` for a query with labels: writes
 * `writes` and deletes `deletes` together. A store with select buffers both into its one commit
 * (Firestore); Script Properties, whose selectFrom answered the whole store, are rewritten whole
 * in one call (their only way to delete many keys at once), which is why `current` must be that
 * whole answer.
 */
export function rewriteSelected(
  store: KeyValueStore,
  current: Record<string, string>,
  writes: Record<string, string>,
  deletes: ReadonlySet<string>,
): void {
  if (store.select) {
    for (const key of deletes) if (!(key in writes) && key in current) store.delete(key);
    store.setAll(writes);
    return;
  }
  const next: Record<string, string> = {};
  for (const [key, value] of Object.entries(current)) if (!deletes.has(key)) next[key] = value;
  store.replaceAll({ ...next, ...writes });
}

/**
 * For a reader that narrows its reads step by step (the sync): the keys of `query` on a store with
 * select, the whole store (one call) on one without, which then answers every later step.
 */
export function selectOrAll(store: KeyValueStore, query: StoreQuery): Record<string, string> {
  return store.select ? store.select(query) : store.getAll();
}

/** Adds what `query` asks for to `read` (from selectOrAll); nothing to add where that was the whole store. */
export function selectMore(store: KeyValueStore, read: Record<string, string>, query: StoreQuery): void {
  if (!store.select) return;
  const wanted = query.keys?.filter((key) => !(key in read));
  Object.assign(read, store.select({ ...query, ...(wanted ? { keys: wanted } : {}) }));
}
