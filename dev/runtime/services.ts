/**
 * The Apps Script service globals one execution sees (PropertiesService, CacheService, LockService,
 * Session), typed against @types/google-apps-script. They hold no state: every data operation is a
 * `ServiceOp` sent to the host, so the same facades work in this thread and in a worker thread.
 */
import { ERRORS } from './limits';
import type { CacheScope, Identity, LockScope, PropertyScope, ServiceOp } from './host';

export type Backend = (request: ServiceOp) => unknown;

/**
 * How an execution waits for a lock. In a worker thread it sleeps and other executions run; in the
 * calling thread nothing else can run while it waits, so a held lock can only time out.
 */
export type Sleeper = ((ms: number) => void) | null;

export class CallCounter {
  readonly counts: Record<string, number> = {};

  count(name: string): void {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
  }
}

/**
 * Calls that only hand out a service object (a store, a cache, a lock, the user) and do not reach
 * a backend. They are counted but not charged against the per-action budgets.
 */
export const HANDLE_GETTERS: ReadonlySet<string> = new Set([
  'PropertiesService.getScriptProperties',
  'PropertiesService.getUserProperties',
  'PropertiesService.getDocumentProperties',
  'CacheService.getScriptCache',
  'CacheService.getUserCache',
  'CacheService.getDocumentCache',
  'LockService.getScriptLock',
  'LockService.getUserLock',
  'LockService.getDocumentLock',
  'Session.getActiveUser',
  'Session.getEffectiveUser',
]);

/** Service calls charged against a budget: everything but CardService builders and handle getters. */
export function budgetCalls(counts: Record<string, number>): number {
  let total = 0;
  for (const [name, n] of Object.entries(counts)) {
    if (name.startsWith('CardService.') || HANDLE_GETTERS.has(name)) continue;
    total += n;
  }
  return total;
}

interface ServiceEnvironment {
  identity: Identity;
  backend: Backend;
  counter: CallCounter;
  sleep: Sleeper;
  now: () => number;
  scriptTimeZone: string;
  /** Errors must be the execution's own Error objects, as the real services' are. */
  makeError: (message: string) => Error;
}

export interface ServiceGlobals {
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  LockService: GoogleAppsScript.Lock.LockService;
  Session: GoogleAppsScript.Base.Session;
}

export function createServiceGlobals(env: ServiceEnvironment): ServiceGlobals {
  return {
    PropertiesService: createPropertiesService(env),
    CacheService: createCacheService(env),
    LockService: createLockService(env),
    Session: createSession(env),
  };
}

function createPropertiesService(env: ServiceEnvironment): GoogleAppsScript.Properties.PropertiesService {
  const store = (scope: PropertyScope): GoogleAppsScript.Properties.Properties => {
    const call = (method: string, request: ServiceOp): unknown => {
      env.counter.count(`Properties.${method}`);
      return env.backend(request);
    };
    const properties: GoogleAppsScript.Properties.Properties = {
      getProperty: (key) =>
        call('getProperty', { op: 'props.get', scope, key: String(key) }) as string | null,
      getProperties: () => ({ ...(call('getProperties', { op: 'props.getAll', scope }) as object) }),
      getKeys: () => call('getKeys', { op: 'props.getKeys', scope }) as string[],
      setProperty: (key, value) => {
        call('setProperty', {
          op: 'props.setAll',
          scope,
          values: { [String(key)]: String(value) },
          deleteAllOthers: false,
        });
        return properties;
      },
      setProperties: (values: Record<string, string>, deleteAllOthers?: boolean) => {
        call('setProperties', {
          op: 'props.setAll',
          scope,
          values: coerceValues(values),
          deleteAllOthers: Boolean(deleteAllOthers),
        });
        return properties;
      },
      deleteProperty: (key) => {
        call('deleteProperty', { op: 'props.delete', scope, key: String(key) });
        return properties;
      },
      deleteAllProperties: () => {
        call('deleteAllProperties', { op: 'props.deleteAll', scope });
        return properties;
      },
    };
    return properties;
  };
  return {
    getScriptProperties: () => {
      env.counter.count('PropertiesService.getScriptProperties');
      return store('script');
    },
    getUserProperties: () => {
      env.counter.count('PropertiesService.getUserProperties');
      return store('user');
    },
    // A Gmail add-on has no open document: the real service returns null here.
    getDocumentProperties: () => {
      env.counter.count('PropertiesService.getDocumentProperties');
      return null as unknown as GoogleAppsScript.Properties.Properties;
    },
  };
}

/** Properties coerce keys and values with String(), as the real store does. */
function coerceValues(values: Record<string, unknown>): Record<string, string> {
  const coerced: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) coerced[String(key)] = String(value);
  return coerced;
}

function createCacheService(env: ServiceEnvironment): GoogleAppsScript.Cache.CacheService {
  const cache = (scope: CacheScope): GoogleAppsScript.Cache.Cache => {
    const call = (method: string, request: ServiceOp): unknown => {
      env.counter.count(`Cache.${method}`);
      return env.backend(request);
    };
    return {
      get: (key) => {
        const found = call('get', { op: 'cache.getAll', scope, keys: [String(key)] }) as Record<
          string,
          string
        >;
        return found[String(key)] ?? null;
      },
      getAll: (keys) => ({
        ...(call('getAll', { op: 'cache.getAll', scope, keys: keys.map(String) }) as object),
      }),
      put: (key: string, value: string, ttl?: number) => {
        call('put', { op: 'cache.putAll', scope, values: { [String(key)]: String(value) }, ttlSeconds: ttl });
      },
      putAll: (values: Record<string, unknown>, ttl?: number) => {
        call('putAll', { op: 'cache.putAll', scope, values: coerceValues(values), ttlSeconds: ttl });
      },
      remove: (key) => {
        call('remove', { op: 'cache.removeAll', scope, keys: [String(key)] });
      },
      removeAll: (keys) => {
        call('removeAll', { op: 'cache.removeAll', scope, keys: keys.map(String) });
      },
    };
  };
  return {
    getScriptCache: () => {
      env.counter.count('CacheService.getScriptCache');
      return cache('script');
    },
    getUserCache: () => {
      env.counter.count('CacheService.getUserCache');
      return cache('user');
    },
    getDocumentCache: () => {
      env.counter.count('CacheService.getDocumentCache');
      return null;
    },
  };
}

const LOCK_RETRY_MS = 5;

function createLockService(env: ServiceEnvironment): GoogleAppsScript.Lock.LockService {
  const lock = (scope: LockScope): GoogleAppsScript.Lock.Lock => {
    const acquire = (timeoutMs: number): boolean => {
      const deadline = env.now() + Math.max(0, timeoutMs);
      for (;;) {
        if (env.backend({ op: 'lock.try', scope }) === true) return true;
        if (env.sleep === null || env.now() >= deadline) return false;
        env.sleep(Math.min(LOCK_RETRY_MS, Math.max(1, deadline - env.now())));
      }
    };
    return {
      tryLock: (timeoutMs) => {
        env.counter.count('Lock.tryLock');
        return acquire(timeoutMs);
      },
      waitLock: (timeoutMs) => {
        env.counter.count('Lock.waitLock');
        if (!acquire(timeoutMs)) throw env.makeError(ERRORS.lockTimeout);
      },
      hasLock: () => {
        env.counter.count('Lock.hasLock');
        return env.backend({ op: 'lock.has', scope }) === true;
      },
      releaseLock: () => {
        env.counter.count('Lock.releaseLock');
        env.backend({ op: 'lock.release', scope });
      },
    };
  };
  return {
    getScriptLock: () => {
      env.counter.count('LockService.getScriptLock');
      return lock('script');
    },
    getUserLock: () => {
      env.counter.count('LockService.getUserLock');
      return lock('user');
    },
    // Outside a bound document the real service returns null.
    getDocumentLock: () => {
      env.counter.count('LockService.getDocumentLock');
      return null as unknown as GoogleAppsScript.Lock.Lock;
    },
  };
}

function createSession(env: ServiceEnvironment): GoogleAppsScript.Base.Session {
  const user = (): GoogleAppsScript.Base.User => ({
    getEmail: () => {
      env.counter.count('User.getEmail');
      return env.identity.email;
    },
    getUserLoginId: () => {
      env.counter.count('User.getUserLoginId');
      return env.identity.email;
    },
  });
  return {
    getActiveUser: () => {
      env.counter.count('Session.getActiveUser');
      return user();
    },
    getEffectiveUser: () => {
      env.counter.count('Session.getEffectiveUser');
      return user();
    },
    getActiveUserLocale: () => {
      env.counter.count('Session.getActiveUserLocale');
      return env.identity.locale.split(/[-_]/)[0] ?? '';
    },
    getScriptTimeZone: () => {
      env.counter.count('Session.getScriptTimeZone');
      return env.scriptTimeZone;
    },
    getTemporaryActiveUserKey: () => {
      env.counter.count('Session.getTemporaryActiveUserKey');
      return Buffer.from(env.identity.email).toString('base64url');
    },
    getTimeZone: () => {
      env.counter.count('Session.getTimeZone');
      return env.scriptTimeZone;
    },
    getUser: () => {
      env.counter.count('Session.getUser');
      return user();
    },
  } as GoogleAppsScript.Base.Session;
}
