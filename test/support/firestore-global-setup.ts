/**
 * Global set-up of jest project integration-firestore: ONE Firestore emulator for every worker
 * (each runtime uses a project of its own on it; its output goes to a file, see
 * firestore-suites-emulator.ts), the Firestore build made once into a temporary
 * directory, and a service account key for the run; handed to the workers in RC_FIRESTORE_SUITES.
 * Where gcloud is missing, FIRESTORE_EMULATOR=off or the emulator fails to start, it prints one line
 * and the project's tests are skipped (firestore-environment.cjs); every other project still runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emulatorUnavailable } from '../../dev/firestore/emulator';
import { generateTestKey } from '../../dev/runtime/token-endpoint';
import { buildFirestoreInto } from './firestore-build';
import { startSuitesEmulator, type SuitesEmulator } from './firestore-suites-emulator';
import { FIRESTORE_SUITES_ENV, type FirestoreSuitesConfig } from './firestore-suites';

/** Where the teardown finds what to stop (the global set-up and teardown share this process). */
export interface FirestoreSuitesRun {
  emulator?: SuitesEmulator;
  logDir?: string;
  buildDir?: string;
}
export const RUN_KEY = '__resellerConnectFirestoreSuites';

function hand(config: FirestoreSuitesConfig): void {
  process.env[FIRESTORE_SUITES_ENV] = JSON.stringify(config);
}

export default async function globalSetup(): Promise<void> {
  const run: FirestoreSuitesRun = {};
  (globalThis as Record<string, unknown>)[RUN_KEY] = run;
  const unavailable = emulatorUnavailable();
  if (unavailable) {
    process.stdout.write(`\nintegration-firestore: ${unavailable}\n`);
    hand({ skip: unavailable });
    return;
  }
  const started = Date.now();
  const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reseller-connect-firestore-suites-'));
  run.buildDir = buildDir;
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reseller-connect-firestore-emulator-'));
  run.logDir = logDir;
  const starting = startSuitesEmulator(logDir);
  try {
    await buildFirestoreInto(buildDir);
  } catch (error) {
    const start = await starting;
    await cleanUp({ buildDir, logDir, ...(start.ok ? { emulator: start.emulator } : {}) });
    throw error;
  }
  const start = await starting;
  if (!start.ok) {
    process.stdout.write(`\nintegration-firestore: ${start.reason}\n`);
    hand({ skip: start.reason });
    return;
  }
  run.emulator = start.emulator;
  const key = generateTestKey();
  hand({ origin: start.emulator.origin, buildDir, ...key });
  process.stdout.write(
    `\nintegration-firestore: emulator at ${start.emulator.origin} (${start.emulator.startMs} ms, log ${start.emulator.log}), ` +
      `Firestore build in ${buildDir}, set up in ${Date.now() - started} ms\n`,
  );
}

export function cleanUp(run: FirestoreSuitesRun | undefined): Promise<void> {
  if (run?.buildDir) fs.rmSync(run.buildDir, { recursive: true, force: true });
  if (run?.logDir) fs.rmSync(run.logDir, { recursive: true, force: true });
  return run?.emulator?.stop() ?? Promise.resolve();
}
