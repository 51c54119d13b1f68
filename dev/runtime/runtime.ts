/**
 * The local Apps Script runtime: runs functions of the built bundle (`build/Code.js`) as executions
 * against one shared host, either one after another in this thread or concurrently in worker threads.
 * Every card or response a function returns is checked against card.proto. Moving the clock with
 * `advanceClock` runs the installed time-driven triggers that fall due.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker, MessageChannel } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import type vm from 'node:vm';
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
}

/** The parts of appsscript.json the runtime follows. */
export interface Manifest {
  timeZone?: string;
  /** Apps Script defines an advanced service's global only when it is listed here. */
  dependencies?: { enabledAdvancedServices?: AdvancedService[] };
}

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

  constructor(options: RuntimeOptions = {}) {
    const bundle = options.bundle ?? readBuild(path.resolve(PROJECT_ROOT, options.buildDir ?? 'build'));
    this.code = bundle.code;
    this.manifest = bundle.manifest;
    this.advancedServices = enabledAdvancedServices(this.manifest);
    this.script = compileBundle(this.code);
    this.host = options.host ?? new RuntimeHost();
    this.validate = options.validateCards ?? true;
    this.callbackLimitMs = options.callbackLimitMs ?? ADDON_CALLBACK_LIMIT_MS;
  }

  get scriptTimeZone(): string {
    return this.manifest.timeZone ?? 'Etc/UTC';
  }

  /** Runs one execution in this thread. */
  run(request: ExecutionRequest): ExecutionResult {
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
    return Promise.all(requests.map((request) => this.runInWorker(workerFile, request)));
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
    return { ...request, advancedServices: this.advancedServices };
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

let cachedWorkerScript: string | undefined;

/** The worker entry, bundled once per process with esbuild (worker threads cannot load TypeScript). */
function workerScript(): string {
  if (cachedWorkerScript && fs.existsSync(cachedWorkerScript)) return cachedWorkerScript;
  const outfile = path.join(
    PROJECT_ROOT,
    'node_modules',
    '.cache',
    'reseller-connect',
    `runtime-worker-${process.pid}.cjs`,
  );
  buildSync({
    entryPoints: [path.join(__dirname, 'worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'silent',
  });
  cachedWorkerScript = outfile;
  return outfile;
}
