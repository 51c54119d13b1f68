/** Global teardown of jest project integration-firestore: stops the emulator, removes the build. */
import { cleanUp, RUN_KEY, type FirestoreSuitesRun } from './firestore-global-setup';

export default async function globalTeardown(): Promise<void> {
  await cleanUp((globalThis as Record<string, unknown>)[RUN_KEY] as FirestoreSuitesRun | undefined);
}
