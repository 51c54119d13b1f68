/**
 * A fault-injecting HTTP proxy in front of the Firestore emulator, for the reliability tests
 * (test/integration/firestore-faults.test.ts): it forwards every request to the emulator unless a
 * planned fault takes it, and a fault can answer 429 or 503 as Google's front end does, hold the
 * answer past the runtime's fetch deadline (UrlFetchApp then throws "Timeout: …"), or drop the
 * connection ("Address unavailable: …"). Holding and dropping can forward the request first, which
 * is the case a client cannot tell apart: the commit was applied, only its answer was lost.
 *
 * It runs in a worker thread of its own, like the token endpoint stand-in: an execution blocks its
 * thread while UrlFetchApp waits (dev/runtime/http-transport.ts), so the answer cannot come from
 * that thread. This same file is the worker's entry (bundled by esbuild, dev/runtime/worker-bundle.ts).
 */
import http from 'node:http';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { bundledWorker } from '../runtime/worker-bundle';

/** Only requests whose URL path contains `match` (e.g. ':commit', ':batchGet'); all when absent. */
interface Matching {
  match?: string;
  /** How many matching requests the fault takes, one after the other. */
  count: number;
}

export type Fault =
  /** Answers `status` (429 or 5xx) with Google's JSON error body; nothing reaches the emulator. */
  | (Matching & { kind: 'status'; status: number })
  /**
   * Answers only after `ms` (past the fetch deadline, the client has given up by then). `forward`:
   * the request reaches the emulator at once and is applied, only its answer comes late; otherwise
   * it never reaches it and the connection is closed after `ms`.
   */
  | (Matching & { kind: 'hold'; ms: number; forward: boolean })
  /** Closes the connection without an answer; `forward`: after the emulator has applied it. */
  | (Matching & { kind: 'drop'; forward: boolean });

export interface ProxyStats {
  /** Requests that reached the emulator (faulted ones with `forward` included). */
  forwarded: number;
  /** Requests a fault took. */
  faulted: number;
  /** Each request, in order: its method (the URL's last `:name` or path) and what became of it. */
  log: { method: string; fault: Fault['kind'] | null; status: number | null }[];
}

export interface FaultProxy {
  /** e.g. http://127.0.0.1:40123: route https://firestore.googleapis.com here. */
  origin: string;
  /** Replaces the planned faults (resolved once the proxy has them). */
  plan: (faults: Fault[]) => Promise<void>;
  /** What it has seen since it started or was last cleared. */
  stats: (clear?: boolean) => Promise<ProxyStats>;
  close: () => Promise<void>;
}

interface ProxyWorkerData {
  faultProxy: true;
  target: string;
}

type Command = { type: 'plan'; faults: Fault[] } | { type: 'stats'; clear: boolean };

/** Starts the proxy on a free loopback port in front of `target` (the emulator's origin). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const data: ProxyWorkerData = { faultProxy: true, target };
  const worker = new Worker(bundledWorker(path.join('..', 'firestore', 'fault-proxy.ts'), 'fault-proxy'), {
    workerData: data,
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port: number }) => resolve(message.port));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The fault proxy exited (${code})`)));
  });
  worker.unref();
  const ask = <T>(command: Command): Promise<T> =>
    new Promise<T>((resolve) => {
      worker.once('message', (answer: T) => resolve(answer));
      worker.postMessage(command);
    });
  return {
    origin: `http://127.0.0.1:${port}`,
    plan: async (faults) => {
      await ask<unknown>({ type: 'plan', faults });
    },
    stats: (clear = false) => ask<ProxyStats>({ type: 'stats', clear }),
    close: async () => {
      await worker.terminate();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The worker

/** Google's JSON error bodies for the statuses a fault answers. */
const GOOGLE_ERRORS: Record<number, { status: string; message: string }> = {
  429: { status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded.' },
  500: { status: 'INTERNAL', message: 'Internal error encountered.' },
  502: { status: 'UNAVAILABLE', message: 'Bad Gateway' },
  503: { status: 'UNAVAILABLE', message: 'The service is currently unavailable.' },
  504: { status: 'DEADLINE_EXCEEDED', message: 'Deadline exceeded.' },
};

function runWorker(data: ProxyWorkerData): void {
  let faults: Fault[] = [];
  let stats: ProxyStats = { forwarded: 0, faulted: 0, log: [] };

  parentPort?.on('message', (command: Command) => {
    if (command.type === 'plan') {
      faults = command.faults.map((fault) => ({ ...fault }));
      parentPort?.postMessage({ type: 'planned' });
    } else {
      parentPort?.postMessage(stats);
      if (command.clear) stats = { forwarded: 0, faulted: 0, log: [] };
    }
  });

  /** The first planned fault for this path, counted down (and gone once used up). */
  const take = (urlPath: string): Fault | null => {
    const index = faults.findIndex(
      (fault) => fault.count > 0 && (!fault.match || urlPath.includes(fault.match)),
    );
    if (index < 0) return null;
    const fault = faults[index] as Fault;
    fault.count--;
    if (fault.count === 0) faults.splice(index, 1);
    return fault;
  };

  const forward = (
    request: http.IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer } | null> =>
    new Promise((resolve) => {
      stats.forwarded++;
      const upstream = http.request(
        new URL(request.url ?? '/', data.target),
        { method: request.method, headers: { ...request.headers, host: new URL(data.target).host } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
          response.on('error', () => resolve(null));
        },
      );
      upstream.on('error', () => resolve(null));
      upstream.end(body);
    });

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const urlPath = new URL(request.url ?? '/', 'http://localhost').pathname;
        const method = /:(\w+)$/.exec(urlPath)?.[1] ?? urlPath;
        const fault = take(urlPath);
        const entry: ProxyStats['log'][number] = { method, fault: fault?.kind ?? null, status: null };
        stats.log.push(entry);
        if (fault) stats.faulted++;
        if (fault?.kind === 'status') {
          const error = GOOGLE_ERRORS[fault.status] ?? { status: 'UNKNOWN', message: 'Injected fault.' };
          entry.status = fault.status;
          response.writeHead(fault.status, { 'Content-Type': 'application/json; charset=UTF-8' });
          response.end(JSON.stringify({ error: { code: fault.status, ...error } }));
          return;
        }
        if (fault?.kind === 'drop') {
          if (fault.forward) await forward(request, body);
          request.socket.destroy();
          return;
        }
        if (fault?.kind === 'hold') {
          const answer = fault.forward ? await forward(request, body) : null;
          setTimeout(() => {
            // The client gave up long ago: a late answer goes nowhere; without one, hang up.
            if (answer && !response.destroyed) {
              response.writeHead(answer.status, answer.headers);
              response.end(answer.body);
            } else request.socket.destroy();
          }, fault.ms);
          return;
        }
        const answer = await forward(request, body);
        if (!answer) {
          request.socket.destroy();
          return;
        }
        entry.status = answer.status;
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
      })();
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    parentPort?.postMessage({ port: typeof address === 'object' && address ? address.port : 0 });
  });
}

if (!isMainThread && (workerData as Partial<ProxyWorkerData> | null)?.faultProxy === true)
  runWorker(workerData as ProxyWorkerData);
