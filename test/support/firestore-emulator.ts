/**
 * Google's Firestore emulator for a test file: `describeFirestore` runs its tests against one
 * emulator started for the file (about 5 s here) and stopped after it; where gcloud is missing,
 * FIRESTORE_EMULATOR=off, or the emulator fails to start, it prints one line saying so (and where
 * it looked) and the tests are skipped, while every other test runs.
 */
import {
  emulatorUnavailable,
  startFirestoreEmulator,
  type FirestoreEmulator,
} from '../../dev/firestore/emulator';

export interface EmulatorHandle {
  /** The running emulator; only read it inside a test. */
  readonly emulator: FirestoreEmulator;
}

/** Printed once per process, however many files skip. */
let reported = false;
function reportOnce(line: string): void {
  if (reported) return;
  reported = true;
  process.stdout.write(`${line}\n`);
}

export function describeFirestore(name: string, body: (handle: EmulatorHandle) => void): void {
  const unavailable = emulatorUnavailable();
  if (unavailable) {
    reportOnce(unavailable);
    describe.skip(name, () => body({ emulator: undefined as unknown as FirestoreEmulator }));
    return;
  }
  let running: FirestoreEmulator | undefined;
  let failure: string | undefined;
  const handle: EmulatorHandle = {
    get emulator() {
      if (!running) throw new Error(failure ?? 'The Firestore emulator is not running');
      return running;
    },
  };
  describe(name, () => {
    beforeAll(async () => {
      const start = await startFirestoreEmulator();
      if (start.ok) running = start.emulator;
      else {
        failure = start.reason;
        reportOnce(start.reason);
      }
    }, 90_000);
    afterAll(async () => {
      await running?.stop();
    });
    body(handle);
  });
}

/** Inside a test of describeFirestore: false (and nothing to check) when the emulator failed to start. */
export function emulatorRunning(handle: EmulatorHandle): boolean {
  try {
    return Boolean(handle.emulator);
  } catch {
    return false;
  }
}
