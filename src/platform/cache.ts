/** The script cache (shared by every user of the add-on) behind the store's Cache port. */
import type { Cache } from '../store/ports';

export function scriptCache(): Cache {
  const cache = CacheService.getScriptCache();
  return {
    getAll: (keys) => cache.getAll(keys) as Record<string, string>,
    putAll: (values, ttlSeconds) => cache.putAll(values, ttlSeconds),
  };
}
