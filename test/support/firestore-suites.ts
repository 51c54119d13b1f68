/**
 * What the Firestore suites' global set-up (firestore-global-setup.ts) hands to the jest workers,
 * as JSON in the environment variable RC_FIRESTORE_SUITES: the emulator's origin, the Firestore
 * build's directory and the run's service account key, or why the suites are skipped.
 */
export type FirestoreSuitesConfig =
  { skip: string } | { origin: string; buildDir: string; privateKeyPem: string; publicKeyPem: string };

export const FIRESTORE_SUITES_ENV = 'RC_FIRESTORE_SUITES';
