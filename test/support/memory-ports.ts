/**
 * In-memory implementations of the store's ports (src/store/ports.ts) for unit tests of the pure
 * code: they count calls and can be told to fail the way Apps Script fails.
 */
import { StoreFullError } from '../../src/store/errors';
import type { Cache, KeyValueStore, ScriptLock } from '../../src/store/ports';

/** Properties in a Map. `full` makes setAll throw StoreFullError; `failWrites`/`failReads` throw those. */
export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  readonly calls = { get: 0, getAll: 0, setAll: 0, delete: 0 };
  /** Every setAll's values, in order. */
  readonly writes: Record<string, string>[] = [];
  full = false;
  failWrites: Error | null = null;
  failReads: Error | null = null;

  get(key: string): string | null {
    this.calls.get++;
    if (this.failReads) throw this.failReads;
    return this.data.get(key) ?? null;
  }

  getAll(): Record<string, string> {
    this.calls.getAll++;
    if (this.failReads) throw this.failReads;
    return Object.fromEntries(this.data);
  }

  setAll(values: Record<string, string>): void {
    this.calls.setAll++;
    if (this.full) throw new StoreFullError();
    if (this.failWrites) throw this.failWrites;
    this.writes.push({ ...values });
    for (const [key, value] of Object.entries(values)) this.data.set(key, value);
  }

  delete(key: string): void {
    this.calls.delete++;
    this.data.delete(key);
  }

  totalCalls(): number {
    return this.calls.get + this.calls.getAll + this.calls.setAll + this.calls.delete;
  }

  resetCalls(): void {
    this.calls.get = this.calls.getAll = this.calls.setAll = this.calls.delete = 0;
    this.writes.length = 0;
  }

  snapshot(): Record<string, string> {
    return Object.fromEntries(this.data);
  }
}

export class MemoryCache implements Cache {
  readonly data = new Map<string, string>();
  readonly calls = { getAll: 0, putAll: 0 };
  /** The TTL of every putAll, in order. */
  readonly ttls: number[] = [];
  failReads: Error | null = null;

  getAll(keys: string[]): Record<string, string> {
    this.calls.getAll++;
    if (this.failReads) throw this.failReads;
    const found: Record<string, string> = {};
    for (const key of keys) {
      const value = this.data.get(key);
      if (value !== undefined) found[key] = value;
    }
    return found;
  }

  putAll(values: Record<string, string>, ttlSeconds: number): void {
    this.calls.putAll++;
    this.ttls.push(ttlSeconds);
    for (const [key, value] of Object.entries(values)) this.data.set(key, value);
  }

  totalCalls(): number {
    return this.calls.getAll + this.calls.putAll;
  }

  resetCalls(): void {
    this.calls.getAll = this.calls.putAll = 0;
    this.ttls.length = 0;
  }
}

/** Runs the critical section, or reports the lock as held by someone else when `busy`. */
export class FakeLock implements ScriptLock {
  busy = false;
  readonly timeouts: number[] = [];

  withLock<T>(timeoutMs: number, critical: () => T): { acquired: true; value: T } | { acquired: false } {
    this.timeouts.push(timeoutMs);
    return this.busy ? { acquired: false } : { acquired: true, value: critical() };
  }
}
