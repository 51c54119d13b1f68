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
