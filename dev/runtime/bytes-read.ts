/**
 * How many bytes an action reads from Script Properties and the script cache (keys and values, as
 * UTF-8): the benchmark's "bytes read" and the tests that bound it measure the same way.
 */
import type { ServiceOp } from './host';
import type { LocalRuntime } from './runtime';

export function bytesRead<T>(runtime: LocalRuntime, run: () => T): { value: T; bytes: number } {
  const host = runtime.host;
  const original = host.handle.bind(host);
  let bytes = 0;
  host.handle = (executionId: number, request: ServiceOp): unknown => {
    const reply = original(executionId, request);
    if (request.op === 'props.get' && typeof reply === 'string') bytes += Buffer.byteLength(reply, 'utf8');
    if (
      (request.op === 'props.getAll' || request.op === 'cache.getAll') &&
      reply &&
      typeof reply === 'object'
    )
      for (const [key, value] of Object.entries(reply as Record<string, string>))
        bytes += Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
    return reply;
  };
  try {
    return { value: run(), bytes };
  } finally {
    host.handle = original;
  }
}
