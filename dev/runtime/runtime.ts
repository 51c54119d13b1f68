/**
 * The local Apps Script runtime: runs functions of the built bundle (`build/Code.js`) as executions
 * against one shared host, either one after another in this thread or concurrently in worker threads.
 * Every card or response a function returns is checked against card.proto. Moving the clock with
 * `advanceClock` runs the installed time-driven triggers that fall due.
 */
import { bundledWorker } from './worker-bundle';
import fs from 'node:fs';
import path from 'node:path';
import { Worker, MessageChannel } from 'node:worker_threads';
import type vm from 'node:vm';
import {
  ADDON_EXECUTE_SCOPE,
  AUTH,
  consentUrl,
  DEFAULT_AUTHORIZATION_URL,
  domainOf,
  type ExecutionAuthorization,
} from './authorization';
import { compileBundle, runExecution, type ExecutionRequest, type ExecutionResult } from './execution';
import { RuntimeHost, type ServiceOp } from './host';
import { validateCard, validateResponse } from './card-validate';
import { advancedServiceProblem, type AdvancedService } from './services';
import { timeDrivenEvent, type DueRun } from './triggers';
import type { WorkerInput, WorkerReply } from './worker';

/** One run of a time-driven trigger: which trigger, the moment it was due, and its execution. */
export interface TriggerExecution extends Pick<
  DueRun,
  'triggerUid' | 'everyMinutes' | 'dueAt' | 'missedRuns'
> {
  result: ExecutionResult;
}

export interface RuntimeOptions {
  /** Directory holding Code.js and appsscript.json (default: build/). */
  buildDir?: string;
  /** A script and manifest given directly instead of a build directory (tests of the runtime itself). */
  bundle?: { code: string; manifest: Manifest };
  host?: RuntimeHost;
  /** Check every returned card against card.proto (default true). */
  validateCards?: boolean;
  /** How long a worker-thread execution may run (default: Apps Script's 30 s for add-on callbacks). */
  callbackLimitMs?: number;
  /** Where Google's consent for missing scopes is (getAuthorizationUrl); the simulator serves one. */
  authorizationUrl?: string;
  /**
   * Origins UrlFetchApp sends to local stand-ins instead, e.g. { 'https://oauth2.googleapis.com':
   * tokenEndpoint.origin, 'https://firestore.googleapis.com': emulator.origin }; the manifest's
   * urlFetchWhitelist is checked on the URL the script asked for (url-fetch.ts).
   */
  urlFetchRoutes?: Record<string, string>;
}

/** The parts of appsscript.json the runtime follows. */
export interface Manifest {
  timeZone?: string;
  /** Apps Script defines an advanced service's global only when it is listed here. */
  dependencies?: { enabledAdvancedServices?: AdvancedService[] };
  /** What users grant; absent, Apps Script detects scopes from the code and nothing is enforced here. */
  oauthScopes?: string[];
  /** With useLocaleFromApp, events carry the user's locale and time zone if script.locale is granted. */
  addOns?: { common?: { useLocaleFromApp?: boolean } };
  /** When present, every URL UrlFetchApp fetches must match one of these prefixes. */
  urlFetchWhitelist?: string[];
}

const LOCALE_SCOPE = `${AUTH}script.locale`;

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
/** The documented limit of a Workspace add-on callback. */
const ADDON_CALLBACK_LIMIT_MS = 30_000;

export class LocalRuntime {
  readonly host: RuntimeHost;
  readonly code: string;
  readonly manifest: Manifest;
  private readonly advancedServices: readonly AdvancedService[];
  private readonly script: vm.Script;
  private readonly validate: boolean;
  private readonly callbackLimitMs: number;
  /** Where getAuthorizationUrl() points (the simulator sets its own /authorize once it listens). */
  authorizationUrl: string;
  /** Origins UrlFetchApp reaches through a loopback stand-in (RuntimeOptions.urlFetchRoutes). */
  urlFetchRoutes: Record<string, string>;

  constructor(options: RuntimeOptions = {}) {
    const bundle = options.bundle ?? readBuild(path.resolve(PROJECT_ROOT, options.buildDir ?? 'build'));
    this.code = bundle.code;
    this.manifest = bundle.manifest;
    this.advancedServices = enabledAdvancedServices(this.manifest);
    this.script = compileBundle(this.code);
    this.host = options.host ?? new RuntimeHost();
    this.validate = options.validateCards ?? true;
    this.callbackLimitMs = options.callbackLimitMs ?? ADDON_CALLBACK_LIMIT_MS;
    this.authorizationUrl = options.authorizationUrl ?? DEFAULT_AUTHORIZATION_URL;
    this.urlFetchRoutes = { ...options.urlFetchRoutes };
  }

  get scriptTimeZone(): string {
    return this.manifest.timeZone ?? 'Etc/UTC';
  }

  /**
   * Runs one execution in this thread. Gmail runs none for a user who cannot use the add-on (not
   * turned on for their org unit, or gmail.addons.execute not granted): the result says so
   * (`refused`) and nothing ran.
   */
  run(request: ExecutionRequest): ExecutionResult {
    const refused = this.refusal(request);
    if (refused) return refused;
    const executionId = this.host.beginExecution(request.identity);
    try {
      const result = runExecution(this.script, this.underManifest(request), {
        backend: (op: ServiceOp) => this.host.handle(executionId, op),
        sleep: null,
        now: () => this.host.now(),
        scriptTimeZone: this.scriptTimeZone,
      });
      return this.checked(result);
    } finally {
      this.host.endExecution(executionId);
    }
  }

  /**
   * Moves the simulated clock forward by `ms` and runs every trigger that falls due on the way, in
   * order, each with the clock at the moment it was due; the clock ends `ms` later (or later still,
   * when a run slept). A trigger due several times in one jump runs once (see takeDueRuns).
   */
  advanceClock(ms: number): TriggerExecution[] {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`The clock only moves forward (${ms} ms given).`);
    return this.runDueTriggers(this.host.now() + ms);
  }

  /**
   * Runs the triggers due by `until` (default: now; real time moves the simulated clock too) as
   * their own executions, one after another, as the account each runs as, with the event Apps
   * Script sends a time-driven trigger. A function the bundle does not define fails as in Apps
   * Script ("Script function not found: …"); every outcome goes to the trigger's run log.
   */
  runDueTriggers(until = this.host.now()): TriggerExecution[] {
    const executions: TriggerExecution[] = [];
    for (const due of this.host.triggers.takeDueRuns(until)) {
      this.moveClockTo(due.dueAt);
      const startedAt = this.host.now();
      const result = this.run({
        functionName: due.functionName,
        identity: due.runAs,
        event: timeDrivenEvent(startedAt, due.triggerUid),
        invokedBy: 'trigger',
      });
      this.host.triggers.record(due.triggerUid, {
        dueAt: due.dueAt,
        startedAt,
        ok: result.ok,
        durationMs: result.durationMs,
        ...(result.error ? { error: result.error.message } : {}),
        missedRuns: due.missedRuns,
      });
      const { triggerUid, everyMinutes, dueAt, missedRuns } = due;
      executions.push({ triggerUid, everyMinutes, dueAt, missedRuns, result });
    }
    this.moveClockTo(until);
    return executions;
  }

  /** Forward only: a run that slept may already have taken the clock past `at`. */
  private moveClockTo(at: number): void {
    const now = this.host.now();
    if (at > now) this.host.advanceClock(at - now);
  }

  /** Runs executions at the same time, each in its own worker thread, against the shared host. */
  async runConcurrently(requests: readonly ExecutionRequest[]): Promise<ExecutionResult[]> {
    const workerFile = workerScript();
    return Promise.all(
      requests.map((request) => {
        const refused = this.refusal(request);
        return refused ? Promise.resolve(refused) : this.runInWorker(workerFile, request);
      }),
    );
  }

  private runInWorker(workerFile: string, request: ExecutionRequest): Promise<ExecutionResult> {
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const flag = new Int32Array(signal);
    port1.on('message', (message: { request: ServiceOp }) => {
      let reply: WorkerReply;
      try {
        reply = { ok: true, value: this.host.handle(executionId, message.request) };
      } catch (error) {
        reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
      port1.postMessage(reply);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    });
    const executionId = this.host.beginExecution(request.identity);
    const input: WorkerInput = {
      code: this.code,
      request: this.underManifest(request),
      executionId,
      clockOffsetMs: this.host.now() - Date.now(),
      scriptTimeZone: this.scriptTimeZone,
      port: port2,
      signal,
    };
    let worker: Worker;
    try {
      worker = new Worker(workerFile, { workerData: input, transferList: [port2] });
    } catch (error) {
      port1.close();
      this.host.endExecution(executionId);
      return Promise.reject(error);
    }
    return new Promise<ExecutionResult>((resolve, reject) => {
      let result: ExecutionResult | undefined;
      let timedOut = false;
      // Apps Script stops an add-on callback after 30 s; so does the local runtime.
      const limit = setTimeout(() => {
        timedOut = true;
        void worker.terminate();
      }, this.callbackLimitMs);
      worker.once('message', (message: ExecutionResult) => {
        result = message;
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        clearTimeout(limit);
        port1.close();
        this.host.endExecution(executionId);
        if (result) resolve(this.checked(result));
        else if (timedOut) reject(new Error(`Exceeded maximum execution time (${request.functionName})`));
        else
          reject(
            new Error(`Execution of ${request.functionName} ended without a result (exit code ${code})`),
          );
      });
    });
  }

  /** The request with what this project's manifest decides for every execution, whatever it said. */
  private underManifest(request: ExecutionRequest): ExecutionRequest {
    const authorization = this.authorizationOf(request);
    return {
      ...request,
      advancedServices: this.advancedServices,
      authorization,
      event: this.eventUnder(request, authorization),
      urlFetch: {
        ...(this.manifest.urlFetchWhitelist ? { whitelist: [...this.manifest.urlFetchWhitelist] } : {}),
        routes: { ...this.urlFetchRoutes },
      },
    };
  }

  /**
   * What the executing user granted, from the host's install table and the manifest's scopes. An
   * editor or trigger run of a user Gmail would not serve (org unit off) runs on the script's own
   * authorization in the editor: every declared scope.
   */
  authorizationOf(request: Pick<ExecutionRequest, 'identity' | 'invokedBy'>): ExecutionAuthorization {
    const declared = this.manifest.oauthScopes ?? null;
    const email = request.identity.email;
    const base = { authorizationUrl: this.authorizationUrl, email };
    if (!declared) return { ...base, declared: null, granted: [], installation: 'none' };
    const access = this.host.authorization.access(email, declared);
    const byGmail = (request.invokedBy ?? 'gmail') === 'gmail';
    return {
      ...base,
      declared: [...declared],
      granted: access.turnedOn ? access.granted : [...declared],
      installation: byGmail && access.turnedOn ? access.install : 'none',
    };
  }

  /** Gmail sends the locale and time zone (useLocaleFromApp) only under a granted script.locale. */
  private eventUnder(request: ExecutionRequest, authorization: ExecutionAuthorization): unknown {
    const event = request.event;
    const withholds =
      (request.invokedBy ?? 'gmail') === 'gmail' &&
      this.manifest.addOns?.common?.useLocaleFromApp === true &&
      authorization.declared?.includes(LOCALE_SCOPE) === true &&
      !authorization.granted.includes(LOCALE_SCOPE);
    if (!withholds || typeof event !== 'object' || event === null) return event;
    const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
    delete copy.userLocale;
    delete copy.userTimezone;
    const common = copy.commonEventObject;
    if (typeof common === 'object' && common !== null) {
      delete (common as Record<string, unknown>).userLocale;
      delete (common as Record<string, unknown>).timeZone;
    }
    return copy;
  }

  /** Why Gmail would not run this request for its user at all, as a result; undefined if it would. */
  private refusal(request: ExecutionRequest): ExecutionResult | undefined {
    const declared = this.manifest.oauthScopes;
    if ((request.invokedBy ?? 'gmail') !== 'gmail' || !declared) return undefined;
    const email = request.identity.email;
    const access = this.host.authorization.access(email, declared);
    const base = {
      functionName: request.functionName,
      ok: false,
      calls: {},
      budgetCalls: 0,
      httpRequests: 0,
      httpRoundTrips: 0,
      httpBytesSent: 0,
      httpBytesReceived: 0,
      durationMs: 0,
      cpuMs: 0,
      logs: [],
    };
    const who = email || 'a user whose email is hidden';
    if (!access.turnedOn) {
      const message =
        `Gmail shows no add-on to ${who}: the admin of ${domainOf(email)} installed it for the domain ` +
        "but has not turned it on for the user's organizational unit (Admin console).";
      return { ...base, error: { message }, refused: { reason: 'notTurnedOn', message, scopes: [] } };
    }
    if (!declared.includes(ADDON_EXECUTE_SCOPE) || access.granted.includes(ADDON_EXECUTE_SCOPE))
      return undefined;
    const scopes = declared.filter((scope) => !access.granted.includes(scope));
    const url = consentUrl({ authorizationUrl: this.authorizationUrl, email }, scopes);
    const message =
      `Gmail does not run the add-on for ${who}: ${ADDON_EXECUTE_SCOPE} is not granted, so it shows ` +
      "Google's authorization card instead.";
    return { ...base, error: { message }, refused: { reason: 'addOnNotAuthorized', message, scopes, url } };
  }

  private checked(result: ExecutionResult): ExecutionResult {
    if (!this.validate || !result.ok || result.value === undefined) return result;
    const problems = validateResult(result.value);
    if (problems.length === 0) return result;
    return {
      ...result,
      ok: false,
      error: {
        message: `${result.functionName} returned JSON that card.proto rejects:\n${problems.join('\n')}`,
      },
    };
  }
}

function readBuild(buildDir: string): { code: string; manifest: Manifest } {
  const codePath = path.join(buildDir, 'Code.js');
  if (!fs.existsSync(codePath)) throw new Error(`${codePath} does not exist: run \`npm run build\` first`);
  const manifest = JSON.parse(fs.readFileSync(path.join(buildDir, 'appsscript.json'), 'utf8')) as Manifest;
  return { code: fs.readFileSync(codePath, 'utf8'), manifest };
}

/** The manifest's advanced services; one the local runtime lacks fails here, before any execution. */
function enabledAdvancedServices(manifest: Manifest): AdvancedService[] {
  const services = manifest.dependencies?.enabledAdvancedServices ?? [];
  for (const service of services) {
    const problem = advancedServiceProblem(service);
    if (problem) throw new Error(problem);
  }
  return services;
}

export function validateResult(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((card) => validateCard(card));
  if (typeof value === 'object' && value !== null && 'sections' in value) return validateCard(value);
  return validateResponse(value);
}

function workerScript(): string {
  return bundledWorker('worker.ts', 'runtime-worker');
}
