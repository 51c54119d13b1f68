/**
 * The Firestore suites' one emulator, started by their global set-up (dev/firestore/emulator.ts),
 * its output in the run's log directory.
 */
import { startFirestoreEmulator } from '../../dev/firestore/emulator';

export interface SuitesEmulator {
  origin: string;
  startMs: number;
  /** The emulator's output. */
  log: string;
  stop: () => Promise<void>;
}

export async function startSuitesEmulator(
  logDir: string,
): Promise<{ ok: true; emulator: SuitesEmulator } | { ok: false; reason: string }> {
  const start = await startFirestoreEmulator(process.env, undefined, logDir);
  return start;
}
