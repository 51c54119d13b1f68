/**
 * A worker thread that runs one execution. Its services reach the host in the main thread through
 * synchronous messages: post the request, block on Atomics.wait until the host answers, then read the
 * answer with receiveMessageOnPort. That is what lets two executions really contend for one lock.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { compileBundle, runExecution, type ExecutionRequest } from './execution';
import type { ServiceOp } from './host';

export interface WorkerInput {
  code: string;
  request: ExecutionRequest;
  executionId: number;
  clockOffsetMs: number;
  scriptTimeZone: string;
  port: MessagePort;
  signal: SharedArrayBuffer;
}

/** How long a reply may lag behind its flag. */
const REPLY_GRACE_MS = 10_000;

export type WorkerReply = { ok: true; value: unknown } | { ok: false; message: string };

function main(): void {
  const input = workerData as WorkerInput;
  const flag = new Int32Array(input.signal);
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  let sequence = 0;
  const backend = (request: ServiceOp): unknown => {
    Atomics.store(flag, 0, 0);
    input.port.postMessage({ sequence: ++sequence, executionId: input.executionId, request });
    Atomics.wait(flag, 0, 0);
    // The flag can be seen before the reply posted just before it is on this side of the port
    // (seen with 50 executions at once): look again for a while before calling it lost.
    let message = receiveMessageOnPort(input.port);
    for (let waited = 0; !message && waited < REPLY_GRACE_MS; waited++) {
      Atomics.wait(sleeper, 0, 0, 1);
      message = receiveMessageOnPort(input.port);
    }
    const reply = message?.message as WorkerReply | undefined;
    if (!reply) throw new Error('The local runtime host did not answer');
    if (!reply.ok) throw new Error(reply.message);
    return reply.value;
  };
  const result = runExecution(compileBundle(input.code), input.request, {
    backend,
    sleep: (ms) => void Atomics.wait(sleeper, 0, 0, ms),
    now: () => Date.now() + input.clockOffsetMs,
    scriptTimeZone: input.scriptTimeZone,
  });
  parentPort?.postMessage(result);
}

main();
