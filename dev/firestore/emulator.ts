/**
 * Google's Cloud Firestore emulator for tests and the simulator: `gcloud emulators firestore start
 * --host-port=127.0.0.1:N` on a free port, waited for until its REST API answers, stopped with its
 * whole process group (gcloud's python, a shell script and java). It starts in about 5 s here.
 *
 * It takes any `ya29.` bearer token without checking it (a token of another shape answers 400
 * "invalid jwt"): the token endpoint stand-in (dev/runtime/token-endpoint.ts) is what checks the
 * service account's JWT. FIRESTORE_EMULATOR=off skips it as if gcloud were missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Where gcloud is looked for besides PATH. */
export const GCLOUD_CANDIDATES = ['/usr/bin/gcloud', '/usr/lib/google-cloud-sdk/bin/gcloud'];
const START_TIMEOUT_MS = 60_000;

export interface FirestoreEmulator {
  /** e.g. http://127.0.0.1:41395: route https://firestore.googleapis.com here. */
  origin: string;
  /** The file its output goes to. */
  log: string;
  port: number;
  /** How long it took to answer, in ms. */
  startMs: number;
  /** Deletes every document of a project's default database. */
  reset: (projectId: string) => Promise<void>;
  stop: () => Promise<void>;
}

export type EmulatorStart = { ok: true; emulator: FirestoreEmulator } | { ok: false; reason: string };

/** gcloud on PATH or at a usual place, or undefined; `looked` says where it looked. */
export function findGcloud(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = GCLOUD_CANDIDATES,
): { path?: string; looked: string[] } {
  const onPath = (env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, 'gcloud'));
  const looked = [...new Set([...onPath, ...candidates])];
  const found = looked.find((candidate) => {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return fs.statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
  return found ? { path: found, looked } : { looked };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the emulator, or says in one line why not (switched off, gcloud missing, or it failed to
 * start: the end of its output).
 */
export async function startFirestoreEmulator(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = GCLOUD_CANDIDATES,
  /** Where its output goes; a new temporary directory by default. */
  logDir: string = fs.mkdtempSync(path.join(os.tmpdir(), 'firestore-emulator-')),
): Promise<EmulatorStart> {
  const unavailable = emulatorUnavailable(env, candidates);
  if (unavailable) return { ok: false, reason: unavailable };
  const gcloud = findGcloud(env, candidates);
  if (!gcloud.path) return { ok: false, reason: 'no gcloud' };
  const port = await freePort();
  const started = Date.now();
  // Its output goes to a file, never a pipe: the emulator logs every request, and a pipe is drained
  // only by the event loop of the process that started it, which a test blocks while it waits for
  // an answer (http-transport's sendSync; jest runs tests in its own process with one worker).
  // Once the pipe is full every emulator thread waits to log and it answers nothing, not even GET /.
  const log = path.join(logDir, 'firestore-emulator.log');
  const out = fs.openSync(log, 'a');
  const child = spawn(
    gcloud.path,
    ['emulators', 'firestore', 'start', `--host-port=127.0.0.1:${port}`, '--quiet'],
    {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...env, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' },
    },
  );
  fs.closeSync(out);
  child.unref();
  const origin = `http://127.0.0.1:${port}`;
  const up = await waitUntilAnswering(origin, child);
  if (!up) {
    await stopGroup(child);
    const last = fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).pop() ?? 'no output';
    return {
      ok: false,
      reason: `Firestore tests skipped: the emulator failed to start (${gcloud.path}): ${last}`,
    };
  }
  const emulator: FirestoreEmulator = {
    origin,
    log,
    port,
    startMs: Date.now() - started,
    reset: async (projectId) => {
      const response = await fetch(
        `${origin}/emulator/v1/projects/${encodeURIComponent(projectId)}/databases/(default)/documents`,
        { method: 'DELETE' },
      );
      if (!response.ok) throw new Error(`Resetting the Firestore emulator failed: ${response.status}`);
    },
    stop: () => stopGroup(child),
  };
  return { ok: true, emulator };
}

/**
 * Why the emulator cannot be started at all (switched off, or no gcloud), known at once, so that
 * a test file can skip its Firestore tests while jest collects them; undefined if it may start.
 */
export function emulatorUnavailable(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = GCLOUD_CANDIDATES,
): string | undefined {
  if ((env.FIRESTORE_EMULATOR ?? '').toLowerCase() === 'off')
    return 'Firestore tests skipped: the emulator is switched off (FIRESTORE_EMULATOR=off)';
  if (findGcloud(env, candidates).path) return undefined;
  return `Firestore tests skipped: no gcloud found (looked in PATH and ${candidates.join(', ')})`;
}

async function waitUntilAnswering(origin: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** SIGTERM to the whole group (gcloud leaves java behind otherwise), SIGKILL if gcloud lingers. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-pid, name);
    } catch {
      // already gone
    }
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal('SIGTERM');
  const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 5000).unref());
  if ((await Promise.race([exited, timer])) === 'late') signal('SIGKILL');
  // Whatever of the group is left (java) goes with it.
  signal('SIGKILL');
}
