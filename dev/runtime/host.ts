/**
 * The shared side of the local Apps Script runtime: the state that outlives one execution and is
 * shared between concurrent executions (property stores, caches, locks, the clock, the
 * spreadsheets the Sheets advanced service works on, and the owner's installed clock triggers).
 *
 * Executions never touch this state directly: their service fakes send `ServiceOp`s, either by a
 * direct call (an execution in this thread) or by a synchronous message from a worker thread.
 * Keeping every shared mutation behind `handle()` is what makes the worker-thread executions behave
 * like concurrent Apps Script executions against one backend.
 */
import { AuthorizationTable, type AuthorizationSnapshot } from './authorization';
import { GmailStore, type GmailSnapshot } from './gmail';
import {
  CACHE_DEFAULT_TTL_SECONDS,
  CACHE_KEY_MAX_CHARS,
  CACHE_MAX_ITEMS,
  CACHE_MAX_TTL_SECONDS,
  CACHE_VALUE_MAX_BYTES,
  ERRORS,
  PROPERTY_STORE_MAX_BYTES,
  PROPERTY_VALUE_MAX_BYTES,
  utf8Bytes,
} from './limits';
import { SheetsStore, type SheetsMethod, type SheetsReply, type SheetsSnapshot } from './sheets';
import { ClockTriggerTable, type ClockTriggerSnapshot } from './triggers';

export type PropertyScope = 'script' | 'user';
export type CacheScope = 'script' | 'user';
export type LockScope = 'script' | 'user';

export type ServiceOp =
  | { op: 'props.get'; scope: PropertyScope; key: string }
  | { op: 'props.getAll'; scope: PropertyScope }
  | { op: 'props.getKeys'; scope: PropertyScope }
  | { op: 'props.setAll'; scope: PropertyScope; values: Record<string, string>; deleteAllOthers: boolean }
  | { op: 'props.delete'; scope: PropertyScope; key: string }
  | { op: 'props.deleteAll'; scope: PropertyScope }
  | { op: 'cache.getAll'; scope: CacheScope; keys: string[] }
  | { op: 'cache.putAll'; scope: CacheScope; values: Record<string, string>; ttlSeconds?: number }
  | { op: 'cache.removeAll'; scope: CacheScope; keys: string[] }
  | { op: 'lock.try'; scope: LockScope }
  | { op: 'lock.release'; scope: LockScope }
  | { op: 'lock.has'; scope: LockScope }
  | { op: 'clock.now' }
  /** UrlFetchApp is about to send (the requests go out from the execution's thread): a crash point. */
  | { op: 'http.send' }
  /** Utilities.sleep: the simulated clock moves on, so a test need not wait (see services.ts). */
  | { op: 'clock.sleep'; ms: number }
  /** One Sheets API call; `args` are the advanced service's arguments as JSON. Answers a SheetsReply. */
  | { op: 'sheets.call'; method: SheetsMethod; args: unknown[] }
  /** A message's metadata, for an execution that set the message's access token (GmailApp). */
  | { op: 'gmail.read'; messageId: string; tokens: string[] };

export interface Identity {
  /** What Session.getActiveUser().getEmail() returns; '' when the domain's policy hides it. */
  email: string;
  /** BCP 47 locale as Google sends it in the event, e.g. 'de' or 'en-GB'. */
  locale: string;
  /** IANA time zone id. */
  timeZone: string;
}

interface CacheEntry {
  value: string;
  expiresAt: number;
}

export interface HostSnapshot {
  version: 1;
  clockOffsetMs: number;
  scriptProperties: Record<string, string>;
  userProperties: Record<string, Record<string, string>>;
  /** Absent in state files written before the Sheets fake existed. */
  sheets?: SheetsSnapshot;
  gmail?: GmailSnapshot;
  /** Absent in state files written before the trigger fake existed. */
  triggers?: ClockTriggerSnapshot;
  /**
   * Who granted which scopes, per domain and per user. Absent in state files written before it
   * existed: they load as "admin-installed for every domain, every scope granted".
   */
  authorization?: AuthorizationSnapshot;
}

/** Lock ownership: which execution holds each lock ('external' is a holder outside any execution). */
type LockHolder = number | 'external';

export class PropertyStore {
  private readonly values = new Map<string, string>();
  private bytes = 0;

  static fromObject(values: Record<string, string>): PropertyStore {
    const store = new PropertyStore();
    store.setAll(values, false);
    return store;
  }

  get(key: string): string | null {
    return this.values.get(key) ?? null;
  }

  getAll(): Record<string, string> {
    return Object.fromEntries(this.values);
  }

  keys(): string[] {
    return [...this.values.keys()];
  }

  /** Bytes used, keys included, as the 500 KB quota counts them. */
  usedBytes(): number {
    return this.bytes;
  }

  /** All or nothing: a write that breaks a limit throws and leaves the store as it was. */
  setAll(values: Record<string, string>, deleteAllOthers: boolean): void {
    let bytes = deleteAllOthers ? 0 : this.bytes;
    for (const [key, value] of Object.entries(values)) {
      if (utf8Bytes(value) > PROPERTY_VALUE_MAX_BYTES) throw new Error(ERRORS.propertyValueTooLarge);
      const previous = deleteAllOthers ? undefined : this.values.get(key);
      if (previous !== undefined) bytes -= utf8Bytes(key) + utf8Bytes(previous);
      bytes += utf8Bytes(key) + utf8Bytes(value);
    }
    if (bytes > PROPERTY_STORE_MAX_BYTES) throw new Error(ERRORS.propertyQuota);
    if (deleteAllOthers) this.values.clear();
    for (const [key, value] of Object.entries(values)) this.values.set(key, value);
    this.bytes = bytes;
  }

  delete(key: string): void {
    const previous = this.values.get(key);
    if (previous === undefined) return;
    this.values.delete(key);
    this.bytes -= utf8Bytes(key) + utf8Bytes(previous);
  }

  clear(): void {
    this.values.clear();
    this.bytes = 0;
  }
}

/** A memcache-like store: TTL, size limits, at most 1,000 items with least-recently-used eviction. */
export class CacheStore {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(private readonly now: () => number) {}

  getAll(keys: string[]): Record<string, string> {
    const found: Record<string, string> = {};
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (!entry) continue;
      this.entries.delete(key);
      if (entry.expiresAt <= this.now()) continue;
      this.entries.set(key, entry); // most recently used last
      found[key] = entry.value;
    }
    return found;
  }

  putAll(values: Record<string, string>, ttlSeconds = CACHE_DEFAULT_TTL_SECONDS): void {
    for (const [key, value] of Object.entries(values)) {
      if (key.length > CACHE_KEY_MAX_CHARS) throw new Error(ERRORS.cacheKeyTooLarge);
      if (utf8Bytes(value) > CACHE_VALUE_MAX_BYTES) throw new Error(ERRORS.cacheValueTooLarge);
    }
    const ttl = Math.min(Math.max(Math.floor(ttlSeconds), 1), CACHE_MAX_TTL_SECONDS);
    for (const [key, value] of Object.entries(values)) {
      this.entries.delete(key);
      this.entries.set(key, { value, expiresAt: this.now() + ttl * 1000 });
    }
    while (this.entries.size > CACHE_MAX_ITEMS) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  removeAll(keys: string[]): void {
    for (const key of keys) {
      if (key.length > CACHE_KEY_MAX_CHARS) throw new Error(ERRORS.cacheKeyTooLarge);
      this.entries.delete(key);
    }
  }

  /** The cache may drop anything at any time; tests call this to prove the code survives it. */
  evictAll(): void {
    this.entries.clear();
  }

  size(): number {
    return this.entries.size;
  }
}

export class RuntimeHost {
  readonly scriptProperties = new PropertyStore();
  private readonly userProperties = new Map<string, PropertyStore>();
  readonly scriptCache: CacheStore;
  /** The Sheets API's spreadsheets, with host-side helpers for tests and the simulator. */
  readonly sheets: SheetsStore;
  /** The messages a contextual trigger can open (GmailApp with a per-message access token). */
  readonly gmail = new GmailStore();
  /**
   * The installed time-driven triggers. Moving the clock here runs none of them (executions sleep
   * through this clock too); LocalRuntime.advanceClock moves it and runs the ones that fall due.
   */
  readonly triggers = new ClockTriggerTable();
  /** The add-on's installs and the scopes granted, per customer domain and per user (authorization.ts). */
  readonly authorization = new AuthorizationTable();
  private readonly userCaches = new Map<string, CacheStore>();
  private readonly locks = new Map<string, LockHolder>();
  private readonly executions = new Map<number, Identity>();
  private nextExecutionId = 1;
  private clockOffsetMs = 0;

  constructor() {
    this.scriptCache = new CacheStore(() => this.now());
    this.sheets = new SheetsStore(() => this.now());
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /**
   * Moves the clock of every execution (e.g. "ask me again in a few days"), running no trigger:
   * LocalRuntime.advanceClock is the move that runs the ones that fall due.
   */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  userStore(identity: Pick<Identity, 'email'>): PropertyStore {
    const key = userKey(identity);
    let store = this.userProperties.get(key);
    if (!store) {
      store = new PropertyStore();
      this.userProperties.set(key, store);
    }
    return store;
  }

  userCache(identity: Pick<Identity, 'email'>): CacheStore {
    const key = userKey(identity);
    let cache = this.userCaches.get(key);
    if (!cache) {
      cache = new CacheStore(() => this.now());
      this.userCaches.set(key, cache);
    }
    return cache;
  }

  beginExecution(identity: Identity): number {
    const id = this.nextExecutionId++;
    this.executions.set(id, identity);
    return id;
  }

  /** Apps Script releases every lock an execution still holds when it ends. */
  endExecution(executionId: number): void {
    // A crash armed for this execution that did not fire is spent with it.
    if (this.crash?.executionId === executionId) this.crash = undefined;
    for (const [name, holder] of this.locks) if (holder === executionId) this.locks.delete(name);
    this.executions.delete(executionId);
  }

  /** Makes a lock look held by another, never-ending execution (tests of "lock not available"). */
  holdLockExternally(scope: LockScope, identity?: Pick<Identity, 'email'>): () => void {
    const name = scope === 'script' ? 'script' : `user:${userKey(identity ?? { email: '' })}`;
    this.locks.set(name, 'external');
    return () => {
      if (this.locks.get(name) === 'external') this.locks.delete(name);
    };
  }

  /**
   * For crash tests: the next execution that starts stops dead (an exception nothing should
   * catch) when it makes a service request after `after` of them, as an execution that hits its
   * time limit or loses its server does. Cleared when it has fired.
   */
  crashNextExecutionAfter(after: number): void {
    this.crash = { after, executionId: undefined, count: 0 };
  }

  private crash: { after: number; executionId: number | undefined; count: number } | undefined;

  handle(executionId: number, request: ServiceOp): unknown {
    const identity = this.executions.get(executionId);
    if (!identity) throw new Error(`Execution ${executionId} is not running`);
    if (this.crash && request.op !== 'clock.now') {
      this.crash.executionId ??= executionId;
      if (this.crash.executionId === executionId && ++this.crash.count > this.crash.after) {
        this.crash = undefined;
        throw new Error('Exceeded maximum execution time (local runtime crash test)');
      }
    }
    switch (request.op) {
      case 'props.get':
        return this.props(request.scope, identity).get(String(request.key));
      case 'props.getAll':
        return this.props(request.scope, identity).getAll();
      case 'props.getKeys':
        return this.props(request.scope, identity).keys();
      case 'props.setAll':
        this.props(request.scope, identity).setAll(request.values, request.deleteAllOthers);
        return null;
      case 'props.delete':
        this.props(request.scope, identity).delete(request.key);
        return null;
      case 'props.deleteAll':
        this.props(request.scope, identity).clear();
        return null;
      case 'cache.getAll':
        return this.cache(request.scope, identity).getAll(request.keys);
      case 'cache.putAll':
        this.cache(request.scope, identity).putAll(request.values, request.ttlSeconds);
        return null;
      case 'cache.removeAll':
        this.cache(request.scope, identity).removeAll(request.keys);
        return null;
      case 'lock.try': {
        const name = this.lockName(request.scope, identity);
        const holder = this.locks.get(name);
        if (holder === undefined || holder === executionId) {
          this.locks.set(name, executionId);
          return true;
        }
        return false;
      }
      case 'lock.release': {
        const name = this.lockName(request.scope, identity);
        if (this.locks.get(name) === executionId) this.locks.delete(name);
        return null;
      }
      case 'lock.has':
        return this.locks.get(this.lockName(request.scope, identity)) === executionId;
      case 'clock.now':
        return this.now();
      case 'http.send':
        return undefined;
      case 'clock.sleep':
        this.advanceClock(Math.max(0, Math.min(request.ms, 300_000)));
        return null;
      case 'gmail.read':
        return this.gmail.read(request.messageId, request.tokens);
      case 'sheets.call': {
        // The caller is the execution's user, never one the op names: drive.file access is per user.
        const reply: SheetsReply = this.sheets.call(identity.email, request.method, request.args);
        return reply;
      }
    }
  }

  snapshot(): HostSnapshot {
    const userProperties: Record<string, Record<string, string>> = {};
    for (const [key, store] of this.userProperties) userProperties[key] = store.getAll();
    return {
      version: 1,
      clockOffsetMs: this.clockOffsetMs,
      scriptProperties: this.scriptProperties.getAll(),
      userProperties,
      sheets: this.sheets.snapshot(),
      gmail: this.gmail.snapshot(),
      triggers: this.triggers.snapshot(),
      authorization: this.authorization.snapshot(),
    };
  }

  /** Restores persisted state; caches start empty, as after any Apps Script cache eviction. */
  restore(snapshot: HostSnapshot): void {
    this.clockOffsetMs = snapshot.clockOffsetMs;
    this.scriptProperties.setAll(snapshot.scriptProperties, true);
    this.userProperties.clear();
    for (const [key, values] of Object.entries(snapshot.userProperties)) {
      this.userProperties.set(key, PropertyStore.fromObject(values));
    }
    this.scriptCache.evictAll();
    this.userCaches.clear();
    this.sheets.restore(snapshot.sheets);
    this.gmail.restore(snapshot.gmail);
    this.triggers.restore(snapshot.triggers);
    this.authorization.restore(snapshot.authorization);
  }

  private props(scope: PropertyScope, identity: Identity): PropertyStore {
    return scope === 'script' ? this.scriptProperties : this.userStore(identity);
  }

  private cache(scope: CacheScope, identity: Identity): CacheStore {
    return scope === 'script' ? this.scriptCache : this.userCache(identity);
  }

  private lockName(scope: LockScope, identity: Identity): string {
    return scope === 'script' ? 'script' : `user:${userKey(identity)}`;
  }
}

/**
 * Which user's stores an identity gets. Users whose domain hides the email all share one here (the
 * real services keep them apart by an id we cannot see); the add-on stores nothing for them.
 */
function userKey(identity: Pick<Identity, 'email'>): string {
  return identity.email === '' ? '(email hidden by policy)' : identity.email.toLowerCase();
}
