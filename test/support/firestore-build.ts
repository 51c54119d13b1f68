/**
 * The Firestore build (`STORE=firestore`, webpack.config.cjs) of the current sources, made once per
 * test file into a temporary directory (about 3 s), so that build/ stays the default build that
 * clasp pushes and the other tests run; and a Firestore client for the test itself, to load data
 * into the emulator and read back what the bundle stored.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sendSync } from '../../dev/runtime/http-transport';
import { FirestoreRest, type Http } from '../../src/store/firestore-rest';
import { firestoreStore } from '../../src/store/firestore-store';
import { labelsOf } from '../../src/store/labels';
import type { KeyValueStore, ScriptLock } from '../../src/store/ports';

const ROOT = path.resolve(__dirname, '..', '..');
let built: string | undefined;

/** The directory holding the Firestore build's Code.js and appsscript.json. */
export function firestoreBuildDir(): string {
  if (built) return built;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reseller-connect-firestore-'));
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js'),
      '--config',
      'webpack.config.cjs',
      '--output-path',
      dir,
    ],
    { cwd: ROOT, env: { ...process.env, STORE: 'firestore' }, stdio: 'pipe' },
  );
  built = dir;
  return dir;
}

/** The same build without blocking (the suites' global set-up starts the emulator meanwhile). */
export function buildFirestoreInto(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js'),
        '--config',
        'webpack.config.cjs',
        '--output-path',
        dir,
      ],
      { cwd: ROOT, env: { ...process.env, STORE: 'firestore' }, maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`The Firestore build failed: ${stderr || error.message}`)) : resolve(),
    );
  });
}

/** Synchronous HTTP from the test's own thread (the runtime's transport), for the Firestore client. */
const nodeHttp: Http = (requests) =>
  sendSync(
    requests.map((r) => ({
      url: r.url,
      method: r.method.toUpperCase(),
      headers: {
        ...(r.headers ?? {}),
        ...(r.contentType ? { 'content-type': r.contentType } : {}),
      },
      ...(r.payload !== undefined ? { body: new TextEncoder().encode(r.payload) } : {}),
    })),
  ).map((answer) => {
    if (!answer.ok) throw new Error(answer.message);
    return { status: answer.status, body: Buffer.from(answer.body).toString('utf8') };
  });

/** The emulator's store, as the bundle sees it (the emulator takes any ya29. token). */
export function emulatorStore(origin: string, projectId: string): { store: KeyValueStore; lock: ScriptLock } {
  const rest = new FirestoreRest(
    nodeHttp,
    { firestoreUrl: origin, projectId, databaseId: '(default)' },
    () => 'ya29.test',
  );
  return firestoreStore(rest, { now: () => Date.now(), sleep: () => undefined, labelsOf });
}
