/**
 * The store's ports over the host's state, for dev tools and tests that set up data outside an
 * execution (loading a directory, reading what the add-on stored). They call the very store modules
 * the bundle uses, so the data has the bundle's format.
 */
import type { Cache, KeyValueStore } from '../../src/store/ports';
import type { CacheStore, PropertyStore, RuntimeHost } from './host';
import { writeDirectory, type DirectoryMeta } from '../../src/store/directory';
import type { Reseller } from '../../src/domain/reseller';

export function storeOver(store: PropertyStore): KeyValueStore {
  return {
    get: (key) => store.get(key),
    getAll: () => store.getAll(),
    setAll: (values) => store.setAll(values, false),
    delete: (key) => store.delete(key),
  };
}

export function cacheOver(cache: CacheStore): Cache {
  return {
    getAll: (keys) => cache.getAll(keys),
    putAll: (values, ttl) => cache.putAll(values, ttl),
  };
}

/** Loads a reseller directory into the host's Script Properties (and its search index into the cache). */
export function loadDirectory(
  host: RuntimeHost,
  resellers: readonly Reseller[],
  version = `v${host.now().toString(36)}`,
): DirectoryMeta {
  return writeDirectory(storeOver(host.scriptProperties), cacheOver(host.scriptCache), resellers, version);
}
