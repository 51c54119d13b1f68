/** Per test file of jest project integration-firestore: the token endpoint stand-in for its runtimes. */
import { firestoreAvailable, startSuiteTokenEndpoint, stopSuiteTokenEndpoint } from './firestore-backend';

if (firestoreAvailable()) {
  beforeAll(startSuiteTokenEndpoint, 30_000);
  afterAll(stopSuiteTokenEndpoint);
}
