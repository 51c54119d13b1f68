/**
 * A deployment of the Firestore build in the local runtime, as the owner's migration leaves it
 * (`f:config` with `backend: "firestore"`): Google's token endpoint and Firestore routed to the
 * local stand-ins (LocalRuntime's urlFetchRoutes), under the build's urlFetchWhitelist. Shared by
 * the Firestore tests and the bench, which differ only in what stands behind those two addresses.
 */
import { LocalRuntime, type RuntimeOptions } from '../runtime/runtime';
import { firestoreConfigEntries } from '../../src/store/firestore-config';

export interface FirestoreDeployment {
  /** The Firestore build's directory (Code.js and appsscript.json). */
  buildDir: string;
  /** What answers for https://oauth2.googleapis.com (the token endpoint stand-in). */
  tokenOrigin: string;
  /** What answers for https://firestore.googleapis.com (the emulator, or a proxy in front of it). */
  firestoreOrigin: string;
  projectId: string;
  clientEmail: string;
  privateKeyPem: string;
}

export function firestoreDeployment(
  deployment: FirestoreDeployment,
  options: Omit<RuntimeOptions, 'buildDir' | 'urlFetchRoutes'> = {},
): LocalRuntime {
  const runtime = new LocalRuntime({
    ...options,
    buildDir: deployment.buildDir,
    urlFetchRoutes: {
      'https://oauth2.googleapis.com': deployment.tokenOrigin,
      'https://firestore.googleapis.com': deployment.firestoreOrigin,
    },
  });
  runtime.host.scriptProperties.setAll(
    firestoreConfigEntries({
      projectId: deployment.projectId,
      clientEmail: deployment.clientEmail,
      privateKey: deployment.privateKeyPem,
      backend: 'firestore',
    }),
    false,
  );
  return runtime;
}
