/** The script lock behind the store's ScriptLock port: taken only around a read-modify-write. */
import type { ScriptLock } from '../store/ports';

export function scriptLock(): ScriptLock {
  return {
    withLock(timeoutMs, critical) {
      const lock = LockService.getScriptLock();
      if (!lock.tryLock(timeoutMs)) return { acquired: false };
      try {
        return { acquired: true, value: critical() };
      } finally {
        lock.releaseLock();
      }
    },
  };
}
