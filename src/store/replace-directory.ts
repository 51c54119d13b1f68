/** Writing a new reseller directory: the durable copy in Script Properties, then the caches. */
import type { DuplicateIdConflict, Reseller } from '../domain/reseller';
import { writeDirectory, type DirectoryMeta } from './directory';
import type { Cache, KeyValueStore, ScriptLock } from './ports';
import { chunkStarts, refreshCaches } from './search-cache';

export function replaceDirectory(
  store: KeyValueStore,
  cache: Cache,
  lock: ScriptLock,
  resellers: readonly Reseller[],
  version: string,
): { meta: DirectoryMeta; conflicts: DuplicateIdConflict[] } {
  const written = writeDirectory(store, lock, resellers, version);
  refreshCaches(cache, written.resellers, version, chunkStarts(written.meta));
  return { meta: written.meta, conflicts: written.conflicts };
}
