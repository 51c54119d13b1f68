/**
 * A pass-through proxy in front of the Firestore emulator that refuses every request past a cap
 * (403 PERMISSION_DENIED, which nothing retries), so that the bench can stop an execution that reads
 * the whole store at 100,000 organisations: the emulator answers each page of such a read in 2–3 s
 * (it scans the collection per query), so one read of 125 pages would take five minutes there.
 * A cut-off row says "more than the cap"; its other figures are of the part that ran.
 *
 * It runs in a worker thread: an execution in the main thread blocks on its UrlFetchApp requests
 * (dev/runtime/http-transport.ts), so the answer cannot come from that thread.
 */
import { Worker } from 'node:worker_threads';

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const state = new Int32Array(workerData.shared);
const target = new URL(workerData.target);
const server = http.createServer((req, res) => {
  const n = Atomics.add(state, 0, 1) + 1;
  const cap = Atomics.load(state, 1);
  if (cap > 0 && n > cap) {
    req.resume();
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 403, status: 'PERMISSION_DENIED', message: 'bench cut-off after ' + cap + ' requests' } }));
    return;
  }
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode || 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    res.writeHead(502);
    res.end(String(error));
  });
  req.pipe(upstream);
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', (m) => { if (m === 'close') server.close(() => process.exit(0)); });
`;

export interface CutoffProxy {
  origin: string;
  /** Starts counting again; past `cap` requests (0: none) every request is refused. */
  arm(cap: number): void;
  /** Requests since arm, the refused ones included. */
  requests(): number;
  close(): Promise<void>;
}

export async function startCutoffProxy(target: string): Promise<CutoffProxy> {
  const shared = new SharedArrayBuffer(8);
  const state = new Int32Array(shared);
  const worker = new Worker(WORKER, { eval: true, workerData: { shared, target } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (p: number) => resolve(p));
    worker.once('error', reject);
  });
  worker.unref();
  return {
    origin: `http://127.0.0.1:${port}`,
    arm: (cap) => {
      Atomics.store(state, 0, 0);
      Atomics.store(state, 1, cap);
    },
    requests: () => Atomics.load(state, 0),
    close: async () => {
      worker.postMessage('close');
      await worker.terminate();
    },
  };
}
