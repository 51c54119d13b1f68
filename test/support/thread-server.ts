/**
 * A loopback HTTP server in its own worker thread, for tests of the UrlFetchApp fake: an execution
 * in the test's thread blocks while it fetches, so the server must answer from another thread.
 * GET/POST /echo answers the request as JSON; /status/N answers N; /redirect sends to /echo;
 * /cookies sends two Set-Cookie headers. `requests` counts what it received.
 */
import { Worker } from 'node:worker_threads';

const SOURCE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const counter = new Int32Array(workerData.counter);
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    Atomics.add(counter, 0, 1);
    const url = new URL(req.url, 'http://localhost');
    const status = /^\\/status\\/(\\d+)$/.exec(url.pathname);
    if (status) {
      res.writeHead(Number(status[1]), { 'Content-Type': 'text/plain' });
      res.end('status ' + status[1] + ' ' + 'x'.repeat(200));
      return;
    }
    if (url.pathname === '/redirect') {
      res.writeHead(302, { Location: '/echo?from=redirect' });
      res.end();
      return;
    }
    if (url.pathname === '/cookies') {
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.end('ok');
      return;
    }
    const wait = Number(url.searchParams.get('wait') || 0);
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'X-Custom': 'yes' });
      res.end(JSON.stringify({ method: req.method, path: url.pathname + url.search, headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8') }));
    }, wait);
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

export interface ThreadServer {
  origin: string;
  port: number;
  readonly requests: number;
  close: () => Promise<void>;
}

export async function startThreadServer(): Promise<ThreadServer> {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(SOURCE, { eval: true, workerData: { counter: counter.buffer } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: number) => resolve(message));
    worker.once('error', reject);
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    get requests() {
      return Atomics.load(counter, 0);
    },
    close: async () => {
      await worker.terminate();
    },
  };
}
