/**
 * One Apps Script execution: a fresh vm context (Apps Script keeps no globals between executions),
 * the bundle run in it as a classic script, then the named top-level function called with the event.
 * Used both in the calling thread and inside worker threads.
 */
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { consentUrl, type ExecutionAuthorization } from './authorization';
import { builtKind, createCardService, toCardJson } from './card-service';
import type { Identity } from './host';
import { AUTHORIZATION_REQUIRED, ScopeGate } from './scope-gate';
import type { HttpStats, UrlFetchConfig } from './url-fetch';
import {
  budgetCalls,
  CallCounter,
  createServiceGlobals,
  type AdvancedService,
  type Backend,
  type Sleeper,
} from './services';

export interface ExecutionRequest {
  functionName: string;
  identity: Identity;
  /** The event object, as JSON; it is re-created inside the execution's context. */
  event: unknown;
  /**
   * The advanced services the project's manifest enables; none when absent. LocalRuntime sets it
   * from its manifest. It travels with the request because a worker thread is given the request whole.
   */
  advancedServices?: readonly AdvancedService[];
  /**
   * What the user granted, which the service fakes enforce; LocalRuntime sets it from its host and
   * manifest. Absent: nothing is enforced.
   */
  authorization?: ExecutionAuthorization;
  /**
   * Who starts the execution: Gmail (the add-on's triggers and card actions, the default), the Apps
   * Script editor, or a time-driven trigger. Only Gmail refuses to run an add-on the user cannot use.
   */
  invokedBy?: 'gmail' | 'editor' | 'trigger';
  /**
   * The manifest's urlFetchWhitelist and the runtime's routes of Google origins to loopback
   * stand-ins; LocalRuntime sets it. Absent: no whitelist, no routes (loopback URLs only).
   */
  urlFetch?: UrlFetchConfig;
}

/**
 * `ScriptApp.requireScopes` / `requireAllScopes` found scopes missing: the execution ended there
 * (ok false, error "Authorization is required to perform that action.", no value) and Gmail shows
 * Google's consent prompt for these scopes.
 */
export interface AuthorizationPrompt {
  scopes: string[];
  /** The consent address: what getAuthorizationUrl() gives for these scopes. */
  url: string;
  by: 'requireScopes' | 'requireAllScopes';
}

/** Gmail did not run the function at all (ok false, nothing counted): what it shows instead. */
export interface RefusedExecution {
  /**
   * 'addOnNotAuthorized': gmail.addons.execute is not granted, Gmail shows Google's authorization
   * card for the missing manifest scopes; 'notTurnedOn': the admin installed it for the domain but
   * not for the user's org unit, Gmail shows no add-on at all.
   */
  reason: 'addOnNotAuthorized' | 'notTurnedOn';
  message: string;
  /** addOnNotAuthorized: the manifest scopes not granted, and their consent address. */
  scopes: string[];
  url?: string;
}

export interface ExecutionResult {
  functionName: string;
  ok: boolean;
  /** The function's return value as JSON (cards and responses in google.apps.card.v1 JSON). */
  value?: unknown;
  error?: { message: string; stack?: string };
  /** Set when requireScopes ended the execution with Google's consent prompt. */
  authorizationPrompt?: AuthorizationPrompt;
  /** Set when Gmail did not run the function (see LocalRuntime). */
  refused?: RefusedExecution;
  /** Every service call by `Service.method`. */
  calls: Record<string, number>;
  /** Calls charged against budgets: CardService builders and handle getters excluded. */
  budgetCalls: number;
  /** HTTP requests of UrlFetchApp: one per request (each of a fetchAll, each redirect followed). */
  httpRequests: number;
  /** HTTP round trips: one per fetch or fetchAll call (its requests go out together), per redirect hop. */
  httpRoundTrips: number;
  /** Body bytes UrlFetchApp sent and received (headers not counted). */
  httpBytesSent: number;
  httpBytesReceived: number;
  /** Wall time of the function call itself (not of loading the script). */
  durationMs: number;
  /** CPU time of the function call itself (user + system), from process.cpuUsage. */
  cpuMs: number;
  logs: string[];
}

export interface ExecutionEnvironment {
  backend: Backend;
  sleep: Sleeper;
  now: () => number;
  scriptTimeZone: string;
}

export function compileBundle(code: string, filename = 'Code.js'): vm.Script {
  return new vm.Script(code, { filename });
}

export function runExecution(
  script: vm.Script,
  request: ExecutionRequest,
  env: ExecutionEnvironment,
): ExecutionResult {
  const counter = new CallCounter();
  const http: HttpStats = { roundTrips: 0, requests: 0, bytesSent: 0, bytesReceived: 0 };
  const logs: string[] = [];
  // Errors from the host are re-created in the execution's realm, so `instanceof Error` holds there.
  let ContextError: ErrorConstructor = Error;
  const makeError = (message: string): Error => new ContextError(message);
  const gate = new ScopeGate(request.authorization, makeError);
  const backend: Backend = (op) => {
    gate.checkRunning();
    try {
      return env.backend(op);
    } catch (error) {
      throw makeError(error instanceof Error || isErrorLike(error) ? error.message : String(error));
    }
  };
  const context = vm.createContext(
    createGlobals(request, { ...env, backend }, { makeError, gate, counter, logs, http }),
  );
  ContextError = vm.runInContext('Error', context) as ErrorConstructor;
  installClock(context, env.now);
  const base = { functionName: request.functionName, logs };
  const httpOf = (): Pick<
    ExecutionResult,
    'httpRequests' | 'httpRoundTrips' | 'httpBytesSent' | 'httpBytesReceived'
  > => ({
    httpRequests: http.requests,
    httpRoundTrips: http.roundTrips,
    httpBytesSent: http.bytesSent,
    httpBytesReceived: http.bytesReceived,
  });
  let durationMs = 0;
  let cpuMs = 0;
  try {
    script.runInContext(context);
    const fn: unknown = (context as Record<string, unknown>)[request.functionName];
    if (typeof fn !== 'function') {
      throw new Error(`Script function not found: ${request.functionName}`);
    }
    const event: unknown = vm.runInContext(
      `JSON.parse(${JSON.stringify(JSON.stringify(request.event ?? {}))})`,
      context,
    );
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    let returned: unknown;
    try {
      returned = (fn as (e: unknown) => unknown)(event);
    } finally {
      durationMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuStart);
      cpuMs = (cpu.user + cpu.system) / 1000;
    }
    if (gate.prompt) return { ...promptResult(base, gate, counter, durationMs, cpuMs), ...httpOf() };
    const value = toJson(returned);
    return {
      ...base,
      ok: true,
      value,
      calls: counter.counts,
      budgetCalls: budgetCalls(counter.counts),
      ...httpOf(),
      durationMs,
      cpuMs,
    };
  } catch (thrown) {
    if (gate.prompt) return { ...promptResult(base, gate, counter, durationMs, cpuMs), ...httpOf() };
    const error = thrown instanceof Error || isErrorLike(thrown) ? thrown : new Error(String(thrown));
    return {
      ...base,
      ok: false,
      error: { message: error.message, stack: error.stack },
      calls: counter.counts,
      budgetCalls: budgetCalls(counter.counts),
      ...httpOf(),
      durationMs,
      cpuMs,
    };
  }
}

/** The execution ended in requireScopes: whatever the function did after it is dropped. */
function promptResult(
  base: Pick<ExecutionResult, 'functionName' | 'logs'>,
  gate: ScopeGate,
  counter: CallCounter,
  durationMs: number,
  cpuMs: number,
): Omit<ExecutionResult, 'httpRequests' | 'httpRoundTrips' | 'httpBytesSent' | 'httpBytesReceived'> {
  const prompt = gate.prompt ?? { scopes: [], by: 'requireScopes' };
  const auth = gate.authorization;
  return {
    ...base,
    ok: false,
    error: { message: AUTHORIZATION_REQUIRED },
    authorizationPrompt: {
      scopes: prompt.scopes,
      url: auth ? consentUrl(auth, prompt.scopes) : '',
      by: prompt.by,
    },
    calls: counter.counts,
    budgetCalls: budgetCalls(counter.counts),
    durationMs,
    cpuMs,
  };
}

/** Built CardService objects become their card JSON; anything else a function returns is kept as is. */
function toJson(returned: unknown): unknown {
  if (returned === undefined || returned === null) return undefined;
  const isBuilt = Array.isArray(returned)
    ? returned.some((r) => builtKind(r) !== undefined)
    : builtKind(returned) !== undefined;
  return isBuilt ? toCardJson(returned) : JSON.parse(JSON.stringify(returned));
}

function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && 'message' in value;
}

function createGlobals(
  request: ExecutionRequest,
  env: ExecutionEnvironment,
  {
    makeError,
    gate,
    counter,
    logs,
    http,
  }: {
    makeError: (message: string) => Error;
    gate: ScopeGate;
    counter: CallCounter;
    logs: string[];
    http: HttpStats;
  },
): Record<string, unknown> {
  const log = (...args: unknown[]): void => {
    // An error is logged by its name and message, as Apps Script's log shows it (its JSON is {}).
    logs.push(
      args.map((a) => (typeof a === 'string' ? a : isErrorLike(a) ? errorText(a) : safeJson(a))).join(' '),
    );
  };
  return {
    ...createServiceGlobals({
      identity: request.identity,
      advancedServices: request.advancedServices ?? [],
      urlFetch: request.urlFetch ?? {},
      httpStats: http,
      counter,
      makeError,
      gate,
      ...env,
    }),
    CardService: countCalls(createCardService(), 'CardService', counter),
    console: { log, info: log, warn: log, error: log },
    Logger: { log: (...args: unknown[]) => log(...args) },
  };
}

/** Counts top-level calls on a service object (CardService.newX) without changing them. */
function countCalls<T extends object>(service: T, name: string, counter: CallCounter): T {
  return new Proxy(service, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        counter.count(`${name}.${property}`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** The execution sees the runtime's clock (tests move it forward), through Date and Date.now. */
function installClock(context: vm.Context, now: () => number): void {
  const install = vm.runInContext(
    `(function (now) {
      const RealDate = Date;
      function ClockDate(...args) {
        if (!new.target) return new RealDate(now()).toString();
        return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
      }
      ClockDate.prototype = RealDate.prototype;
      ClockDate.now = () => now();
      ClockDate.parse = RealDate.parse;
      ClockDate.UTC = RealDate.UTC;
      globalThis.Date = ClockDate;
    })`,
    context,
  ) as (now: () => number) => void;
  install(now);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function errorText(error: { name?: unknown; message: unknown }): string {
  return `${typeof error.name === 'string' ? error.name : 'Error'}: ${String(error.message)}`;
}
