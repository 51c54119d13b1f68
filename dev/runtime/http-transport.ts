/**
 * Synchronous HTTP for the UrlFetchApp fake. Apps Script's fetch blocks; node's HTTP client does
 * not. Each thread that runs executions (the main thread for `LocalRuntime.run`, every worker of
 * `runConcurrently`) starts one helper worker thread, on first use: the execution posts its requests
 * to it, blocks on Atomics.wait, and reads the answers with receiveMessageOnPort once the helper
 * (whose event loop is free) has them. The helper is given as source text (`eval: true`) because a
 * worker bundled by esbuild cannot find a TypeScript file beside it; it uses node:http only.
 *
 * The thread that waits cannot answer HTTP itself: a server the execution calls must live in
 * another thread or process (the token endpoint stand-in runs in its own worker, the Firestore
 * emulator is a process).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export interface WireRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export type WireResponse =
  { ok: true; status: number; rawHeaders: string[]; body: Uint8Array } | { ok: false; message: string };

/** How long one request may take; Apps Script gives up after about a minute ("Timeout: <url>"). */
export const HTTP_TIMEOUT_MS = 60_000;

let timeoutOverride: number | undefined;

/**
 * A shorter deadline for tests that make a server hold its answer (dev/firestore/fault-proxy.ts):
 * waiting Apps Script's full minute per request would not fit a test. Applies to the calling
 * thread (LocalRuntime.run's executions); LOCAL_FETCH_TIMEOUT_MS sets it for every thread,
 * runConcurrently's workers included. Undefined restores Apps Script's minute.
 */
export function setHttpTimeoutMs(ms: number | undefined): void {
  timeoutOverride = ms;
}

function httpTimeoutMs(): number {
  const fromEnv = Number(process.env.LOCAL_FETCH_TIMEOUT_MS);
  return timeoutOverride ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : HTTP_TIMEOUT_MS);
}

const HELPER_SOURCE = `
const http = require('node:http');
const { workerData } = require('node:worker_threads');
const { port, signal } = workerData;
const flag = new Int32Array(signal);
function one(request, timeoutMs) {
  return new Promise((resolve) => {
    let settled = false;
    const done = (value) => { if (!settled) { settled = true; resolve(value); } };
    let req;
    try {
      req = http.request(request.url, { method: request.method, headers: request.headers }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          done({ ok: true, status: res.statusCode || 0, rawHeaders: res.rawHeaders,
            body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) });
        });
        res.on('error', (error) => done({ ok: false, message: String(error && error.message) }));
      });
    } catch (error) {
      done({ ok: false, message: String(error && error.message) });
      return;
    }
    req.setTimeout(timeoutMs, () => {
      done({ ok: false, message: 'Timeout: ' + request.url });
      req.destroy();
    });
    // Apps Script says "Address unavailable" for a host that refuses the connection; a connection
    // dropped before the answer gets the same words here (Apps Script's own are not documented).
    req.on('error', (error) => done({ ok: false, message:
      error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET' || error.message === 'socket hang up'
        ? 'Address unavailable: ' + request.url : String(error && error.message) }));
    if (request.body) req.end(Buffer.from(request.body)); else req.end();
  });
}
port.on('message', async ({ requests, timeoutMs }) => {
  const answers = await Promise.all(requests.map((request) => one(request, timeoutMs)));
  port.postMessage(answers);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

interface Helper {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
}

/** How long answers may lag behind their flag. */
const ANSWER_GRACE_MS = 10_000;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** One helper per thread: module state is per thread (each worker loads its own copy). */
let helper: Helper | undefined;

function startHelper(): Helper {
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const worker = new Worker(HELPER_SOURCE, {
    eval: true,
    workerData: { port: port2, signal },
    transferList: [port2],
  });
  // Neither keeps the process (or a runtime worker) alive once nothing else runs.
  worker.unref();
  port1.unref();
  worker.on('error', () => {
    helper = undefined;
  });
  return { worker, port: port1, flag: new Int32Array(signal) };
}

/** Sends the requests at once and blocks until every answer is in; the answers keep their order. */
export function sendSync(requests: readonly WireRequest[]): WireResponse[] {
  if (requests.length === 0) return [];
  helper ??= startHelper();
  const { port, flag } = helper;
  const timeoutMs = httpTimeoutMs();
  Atomics.store(flag, 0, 0);
  port.postMessage({ requests, timeoutMs });
  const waited = Atomics.wait(flag, 0, 0, timeoutMs + 5_000);
  // The flag can be seen before the answers posted just before it are on this side of the port
  // (seen under load): look again for a while before calling the helper stuck.
  let message = receiveMessageOnPort(port);
  for (let lag = 0; waited !== 'timed-out' && !message && lag < ANSWER_GRACE_MS; lag++) {
    Atomics.wait(pause, 0, 0, 1);
    message = receiveMessageOnPort(port);
  }
  if (waited === 'timed-out' || !message) {
    // The helper is stuck; the next request starts a fresh one.
    void helper.worker.terminate();
    helper = undefined;
    return requests.map((request) => ({ ok: false, message: `Timeout: ${request.url}` }));
  }
  return message.message as WireResponse[];
}
