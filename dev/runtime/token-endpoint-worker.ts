/** The token endpoint stand-in's HTTP server, in its own worker thread (token-endpoint.ts). */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { answerTokenRequest, type TokenWorkerData } from './token-endpoint';

function main(): void {
  const data = workerData as TokenWorkerData;
  const counters = new Int32Array(data.counters);
  const clock = new Float64Array(data.clock);
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      let status = 404;
      let body: Record<string, unknown> = { error: 'not_found' };
      if (request.method === 'POST' && path === '/token') {
        const nowSeconds = Math.floor((Date.now() + (clock[0] ?? 0)) / 1000);
        ({ status, body } = answerTokenRequest(
          Buffer.concat(chunks).toString('utf8'),
          data.config,
          nowSeconds,
        ));
      }
      Atomics.add(counters, status === 200 ? 0 : 1, 1);
      response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    parentPort?.postMessage({ port: typeof address === 'object' && address ? address.port : 0 });
  });
}

main();
