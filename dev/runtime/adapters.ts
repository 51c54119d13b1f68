/**
 * The store's ports over the host's state, for dev tools and tests that set up data outside an
 * execution (loading a directory, reading what the add-on stored). They call the very store modules
 * the bundle uses, so the data has the bundle's format.
 */
import type { Cache, KeyValueStore, ScriptLock } from '../../src/store/ports';
import type { CacheStore, PropertyStore, RuntimeHost } from './host';
import type { DirectoryMeta } from '../../src/store/directory';
import { replaceDirectory } from '../../src/store/replace-directory';
import type { DuplicateIdConflict, Reseller } from '../../src/domain/reseller';

export function storeOver(store: PropertyStore): KeyValueStore {
  return {
    get: (key) => store.get(key),
    getAll: () => store.getAll(),
    setAll: (values) => store.setAll(values, false),
    delete: (key) => store.delete(key),
    replaceAll: (values) => store.setAll(values, true),
  };
}

export function cacheOver(cache: CacheStore): Cache {
  return {
    getAll: (keys) => cache.getAll(keys),
    putAll: (values, ttl) => cache.putAll(values, ttl),
  };
}

/**
 * Outside an execution nothing runs concurrently with a dev tool or a test's set-up, so its writes
 * need no lock of their own.
 */
export const UNCONTENDED_LOCK: ScriptLock = {
  withLock: (_timeoutMs, critical) => ({ acquired: true, value: critical() }),
};

/** Loads a reseller directory into the host's Script Properties (and its search index into the cache). */
export function loadDirectory(
  host: RuntimeHost,
  resellers: readonly Reseller[],
  version = `v${host.now().toString(36)}`,
): DirectoryMeta & { conflicts: DuplicateIdConflict[] } {
  const written = replaceDirectory(
    storeOver(host.scriptProperties),
    cacheOver(host.scriptCache),
    UNCONTENDED_LOCK,
    resellers,
    version,
  );
  return { ...written.meta, conflicts: written.conflicts };
}
