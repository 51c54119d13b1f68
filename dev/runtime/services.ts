/**
 * The Apps Script service globals one execution sees (PropertiesService, CacheService, LockService,
 * Session, and the Sheets advanced service when the manifest enables it), typed against
 * @types/google-apps-script. They hold no state: every data operation is a `ServiceOp` sent to the
 * host, so the same facades work in this thread and in a worker thread.
 */
import { ERRORS } from './limits';
import type { CacheScope, Identity, LockScope, PropertyScope, ServiceOp } from './host';
import { fakeGmailMessage, type MessageMetadata } from './gmail';
import type { ScopeGate } from './scope-gate';
import { createScriptApp, type ScriptAppAuthorization } from './script-app';
import type { SheetsApiError, SheetsMethod, SheetsReply } from './sheets';
import { createUtilities as createUtilitiesFake, type UtilitiesFake } from './signing';
import { createUrlFetchApp, type HttpStats, type UrlFetchConfig } from './url-fetch';

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
  // Sets a token in the script; no request goes to Google.
  'GmailApp.setCurrentMessageAccessToken',
  // Waits; no request goes to Google.
  'Utilities.sleep',
  // What the execution's token carries: known to the execution, no request goes to Google.
  'ScriptApp.getAuthorizationInfo',
  'ScriptApp.requireScopes',
  'ScriptApp.requireAllScopes',
  'ScriptApp.getInstallationSource',
  'AuthorizationInfo.getAuthorizationStatus',
  'AuthorizationInfo.getAuthorizationUrl',
  'AuthorizationInfo.getAuthorizedScopes',
]);

/**
 * Builders that only make an empty object in the script (Sheets.newCellData()…), and Utilities'
 * computations (encoding, signing, blobs) done inside the execution: no backend.
 */
function isBuilder(name: string): boolean {
  return name.startsWith('CardService.') || name.startsWith('Sheets.new') || name.startsWith('Utilities.');
}

/**
 * Service calls charged against a budget: everything but builders and handle getters. Every Sheets
 * API call (Sheets.Spreadsheets.…) is charged: each one is an HTTP request to Google.
 */
export function budgetCalls(counts: Record<string, number>): number {
  let total = 0;
  for (const [name, n] of Object.entries(counts)) {
    if (isBuilder(name) || HANDLE_GETTERS.has(name)) continue;
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
  /** The manifest's dependencies.enabledAdvancedServices: only these get a global. */
  advancedServices: readonly AdvancedService[];
  /** Errors must be the execution's own Error objects, as the real services' are. */
  makeError: (message: string) => Error;
  /** The scopes the user granted: calls that need another throw (scope-gate.ts). */
  gate: ScopeGate;
  /** The manifest's urlFetchWhitelist and the runtime's routes to loopback stand-ins. */
  urlFetch: UrlFetchConfig;
  /** Where UrlFetchApp adds its round trips and bytes (the execution's result reports them). */
  httpStats: HttpStats;
}

/** One entry of the manifest's dependencies.enabledAdvancedServices. */
export interface AdvancedService {
  /** The global the script uses, "Sheets" unless the manifest renames it. */
  userSymbol: string;
  serviceId: string;
  version: string;
}

interface AdvancedServiceFactory {
  version: string;
  create: (env: ServiceEnvironment) => unknown;
}

/** The advanced services the local runtime implements, by serviceId, each in one version. */
const ADVANCED_SERVICES: ReadonlyMap<string, AdvancedServiceFactory> = new Map([
  ['sheets', { version: 'v4', create: createSheetsService }],
]);

/**
 * Why the local runtime cannot provide an advanced service the manifest enables, or undefined if it
 * can. A script written against one it lacks should fail loudly, not find its global missing.
 */
export function advancedServiceProblem(service: AdvancedService): string | undefined {
  if (ADVANCED_SERVICES.get(service.serviceId)?.version === service.version) return undefined;
  const implemented = [...ADVANCED_SERVICES].map(([id, { version }]) => `${id} ${version}`);
  return (
    `The manifest enables the advanced service ${service.serviceId} ${service.version}; ` +
    `the local runtime implements only ${implemented.join(', ')} (dev/runtime/services.ts).`
  );
}

export interface ServiceGlobals {
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  LockService: GoogleAppsScript.Lock.LockService;
  Session: GoogleAppsScript.Base.Session;
  /** Sleep, encodings, signing, digests, blobs and UUIDs (signing.ts). */
  Utilities: UtilitiesFake;
  /** fetch / fetchAll / getRequest, loopback only (url-fetch.ts). */
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  /** Only what the contextual trigger uses: the open message's metadata. */
  GmailApp: Pick<GoogleAppsScript.Gmail.GmailApp, 'setCurrentMessageAccessToken' | 'getMessageById'>;
  /** Only the authorization part (script-app.ts). */
  ScriptApp: ScriptAppAuthorization;
  /** Each enabled advanced service under its userSymbol; without the manifest entry it is undefined. */
  [userSymbol: string]: unknown;
}

export function createServiceGlobals(env: ServiceEnvironment): ServiceGlobals {
  const globals: ServiceGlobals = {
    PropertiesService: createPropertiesService(env),
    CacheService: createCacheService(env),
    LockService: createLockService(env),
    Session: createSession(env),
    GmailApp: createGmailApp(env),
    Utilities: createUtilities(env),
    UrlFetchApp: createUrlFetchApp({
      config: env.urlFetch,
      stats: env.httpStats,
      count: (name) => env.counter.count(name),
      permit: (method) => env.gate.permit(method),
      makeError: env.makeError,
      toContext: contextJson(env),
      beforeSend: () => void env.backend({ op: 'http.send' }),
    }),
    ScriptApp: createScriptApp({ ...env, toContext: contextJson(env) }),
  };
  for (const service of env.advancedServices) {
    const problem = advancedServiceProblem(service);
    if (problem) throw new Error(problem);
    globals[service.userSymbol] = ADVANCED_SERVICES.get(service.serviceId)?.create(env);
  }
  return globals;
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
      env.gate.permit('Session.getActiveUser');
      return user();
    },
    getEffectiveUser: () => {
      env.counter.count('Session.getEffectiveUser');
      env.gate.permit('Session.getEffectiveUser');
      return user();
    },
    getActiveUserLocale: () => {
      env.counter.count('Session.getActiveUserLocale');
      env.gate.permit('Session.getActiveUserLocale');
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
      env.gate.permit('Session.getUser');
      return user();
    },
  } as GoogleAppsScript.Base.Session;
}

/**
 * Makes JSON data into values of the execution's own realm, so that what a service returns is an
 * ordinary object there (`instanceof Object`, `Array.isArray`, its prototype methods). The realm is
 * reached through the execution's Error constructor, the one handle the environment gives: its
 * constructor is the realm's Function, whose functions see the realm's own JSON.
 */
export function contextJson(env: Pick<ServiceEnvironment, 'makeError'>): (value: unknown) => unknown {
  let parse: ((text: string) => unknown) | undefined;
  return (value) => {
    if (value === undefined) return undefined;
    if (!parse) {
      const ContextFunction = env.makeError('').constructor.constructor as FunctionConstructor;
      parse = new ContextFunction('text', 'return JSON.parse(text)') as (text: string) => unknown;
    }
    return parse(JSON.stringify(value));
  };
}

type SheetsCollection = GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection;
type ValuesCollection = GoogleAppsScript.Sheets.Collection.Spreadsheets.ValuesCollection;

/**
 * The Sheets advanced service. Arguments cross as JSON (what the real service sends: a Date becomes
 * its ISO text, undefined fields vanish); an API error becomes a GoogleJsonResponseException with
 * the text and `details` Apps Script gives it ("API call to sheets.spreadsheets.get failed with
 * error: Requested entity was not found.").
 */
function createSheetsService(env: ServiceEnvironment): GoogleAppsScript.Sheets {
  const toContext = contextJson(env);
  const fail = (method: string, error: SheetsApiError): Error => {
    const thrown = env.makeError(`API call to sheets.${method} failed with error: ${error.message}`);
    thrown.name = 'GoogleJsonResponseException';
    const reason =
      error.code === 429
        ? 'rateLimitExceeded'
        : error.code === 404
          ? 'notFound'
          : error.code === 403
            ? 'forbidden'
            : 'badRequest';
    Object.assign(thrown, {
      details: toContext({
        code: error.code,
        message: error.message,
        errors: [{ message: error.message, domain: 'global', reason }],
      }),
    });
    return thrown;
  };
  const call = <T>(name: string, method: SheetsMethod, args: unknown[]): T => {
    env.counter.count(`Sheets.${name}`);
    // The API call carries the user's token: without a Sheets scope the API refuses it.
    if (!env.gate.allowsApi('Sheets'))
      throw fail(method, {
        code: 403,
        status: 'PERMISSION_DENIED',
        message: 'Request had insufficient authentication scopes.',
      });
    const reply = env.backend({
      op: 'sheets.call',
      method,
      args: JSON.parse(JSON.stringify(args)) as unknown[],
    }) as SheetsReply;
    if (!reply.ok) throw fail(method, reply.error);
    return toContext(reply.value) as T;
  };
  const missing = (name: string) => (): never => {
    env.counter.count(`Sheets.${name}`);
    throw env.makeError(`Sheets.${name} is not implemented by the local runtime (dev/runtime/sheets/)`);
  };
  const values: ValuesCollection = {
    get: (spreadsheetId: string, range: string, optionalArgs?: object) =>
      call('Spreadsheets.Values.get', 'spreadsheets.values.get', [spreadsheetId, range, optionalArgs]),
    batchGet: (spreadsheetId: string, optionalArgs?: object) =>
      call('Spreadsheets.Values.batchGet', 'spreadsheets.values.batchGet', [spreadsheetId, optionalArgs]),
    update: (resource, spreadsheetId: string, range: string, optionalArgs?: object) =>
      call('Spreadsheets.Values.update', 'spreadsheets.values.update', [
        resource,
        spreadsheetId,
        range,
        optionalArgs,
      ]),
    batchUpdate: (resource, spreadsheetId) =>
      call('Spreadsheets.Values.batchUpdate', 'spreadsheets.values.batchUpdate', [resource, spreadsheetId]),
    append: (resource, spreadsheetId: string, range: string, optionalArgs?: object) =>
      call('Spreadsheets.Values.append', 'spreadsheets.values.append', [
        resource,
        spreadsheetId,
        range,
        optionalArgs,
      ]),
    clear: (resource: unknown, spreadsheetId: string, range: string) =>
      call('Spreadsheets.Values.clear', 'spreadsheets.values.clear', [resource, spreadsheetId, range]),
    batchClear: (resource, spreadsheetId) =>
      call('Spreadsheets.Values.batchClear', 'spreadsheets.values.batchClear', [resource, spreadsheetId]),
    batchClearByDataFilter: missing('Spreadsheets.Values.batchClearByDataFilter'),
    batchGetByDataFilter: missing('Spreadsheets.Values.batchGetByDataFilter'),
    batchUpdateByDataFilter: missing('Spreadsheets.Values.batchUpdateByDataFilter'),
  };
  const spreadsheets: SheetsCollection = {
    Values: values,
    Sheets: { copyTo: missing('Spreadsheets.Sheets.copyTo') },
    DeveloperMetadata: {
      get: missing('Spreadsheets.DeveloperMetadata.get'),
      search: missing('Spreadsheets.DeveloperMetadata.search'),
    },
    create: (resource) => call('Spreadsheets.create', 'spreadsheets.create', [resource]),
    get: (spreadsheetId: string, optionalArgs?: object) =>
      call('Spreadsheets.get', 'spreadsheets.get', [spreadsheetId, optionalArgs]),
    getByDataFilter: missing('Spreadsheets.getByDataFilter'),
    batchUpdate: (resource, spreadsheetId) =>
      call('Spreadsheets.batchUpdate', 'spreadsheets.batchUpdate', [resource, spreadsheetId]),
  };
  // The ~160 Sheets.newX() builders each return an empty object of the script's realm.
  return new Proxy({ Spreadsheets: spreadsheets } as Record<string | symbol, unknown>, {
    has: (target, property) =>
      property in target || (typeof property === 'string' && /^new[A-Z]/.test(property)),
    get(target, property) {
      if (property in target) return target[property];
      if (typeof property !== 'string' || !/^new[A-Z]/.test(property)) return undefined;
      return () => {
        env.counter.count(`Sheets.${property}`);
        return toContext({});
      };
    },
  }) as unknown as GoogleAppsScript.Sheets;
}

/**
 * GmailApp as a contextual trigger uses it: `setCurrentMessageAccessToken` (local, uncounted in
 * budgets, as it makes no request), then `getMessageById` for that message only; its metadata
 * getters and attachments (gmail.ts). Anything else on a message throws, naming the local runtime.
 */
function createGmailApp(
  env: ServiceEnvironment,
): Pick<GoogleAppsScript.Gmail.GmailApp, 'setCurrentMessageAccessToken' | 'getMessageById'> {
  const tokens: string[] = [];
  return {
    setCurrentMessageAccessToken: (accessToken: string) => {
      env.counter.count('GmailApp.setCurrentMessageAccessToken');
      tokens.push(String(accessToken));
    },
    getMessageById: (id: string) => {
      env.counter.count('GmailApp.getMessageById');
      env.gate.permit('GmailApp.getMessageById');
      const read = env.backend({
        op: 'gmail.read',
        messageId: String(id),
        tokens: [...tokens],
      }) as MessageMetadata;
      return fakeGmailMessage(String(id), read, {
        count: (method) => env.counter.count(method),
        permit: (method) => env.gate.permit(method),
        makeError: (message) => env.makeError(message),
      });
    },
  };
}

/**
 * Utilities (signing.ts). Its sleep moves the simulated clock on instead of blocking, so that a test
 * of a backoff (the Sheets quota is a per-minute window on that clock) runs at once.
 */
function createUtilities(env: ServiceEnvironment): UtilitiesFake {
  return createUtilitiesFake({
    count: (name) => env.counter.count(name),
    sleep: (milliseconds) => void env.backend({ op: 'clock.sleep', ms: milliseconds }),
    makeError: env.makeError,
    toContext: contextJson(env),
  });
}
