/**
 * The simulator on Cloud Firestore (`npm start -- --store firestore`): the Firestore build of the
 * add-on against Google's Firestore emulator (dev/firestore/emulator.ts) and the token endpoint
 * stand-in (dev/runtime/token-endpoint.ts) with a key generated for this run, both reached at their
 * Google addresses (LocalRuntime's urlFetchRoutes) under the build's urlFetchWhitelist.
 *
 * The demo data is made as on the default simulator — by the bundle's own callbacks, on Script
 * Properties, since a deployment starts there — and then moved the way an owner moves it: the
 * owner's `configureFirestore` turns the key pasted into `f:key` into `f:config`, and
 * `migrateToFirestore` copies the data and switches. So every reset also demonstrates the migration,
 * and its log is printed. The emulator keeps nothing after it stops, so each start begins from the
 * demo data (the state file is a temporary one, and .local/state.json is left to the default
 * simulator).
 */
import { sendSync, type WireRequest } from '../runtime/http-transport';
import type { LocalRuntime } from '../runtime/runtime';
import { generateTestKey, startTokenEndpoint, type TokenEndpoint } from '../runtime/token-endpoint';
import { startFirestoreEmulator, type FirestoreEmulator } from '../firestore/emulator';
import { FIRESTORE_KEY_KEY } from '../../src/owner/firestore-setup';
import { FIRESTORE_URL, TOKEN_URL } from '../../src/store/firestore-config';
import { FirestoreRest, type Http } from '../../src/store/firestore-rest';
import { firestoreStore } from '../../src/store/firestore-store';
import type { KeyValueStore } from '../../src/store/ports';
import type { RuntimeHost } from '../runtime/host';
import { runOwnerFunction } from './owner';

/** The emulator's project: a demo- project id is never a real one (the emulator's convention). */
export const SIMULATOR_PROJECT = 'demo-reseller-connect';
export const SIMULATOR_SERVICE_ACCOUNT = `simulator@${SIMULATOR_PROJECT}.iam.gserviceaccount.com`;

/** What the Simulator needs of its Firestore (SimulatorOptions.firestore). */
export interface SimulatorFirestore {
  /** The simulator's host: the token endpoint's clock follows its clock from now on. */
  attach(host: RuntimeHost): void;
  /** https://firestore.googleapis.com and https://oauth2.googleapis.com to the local stand-ins. */
  urlFetchRoutes: Record<string, string>;
  /** After the demo data is on Script Properties: an empty Firestore, then the owner's migration. */
  seeded(runtime: LocalRuntime): void;
  /** What Firestore holds, for the Stored data panel. */
  entries(): Record<string, string>;
  /** One line for the start: where the data lives. */
  describe(): string;
  stop(): Promise<void>;
}

/** Synchronous HTTP from the simulator's thread (the runtime's transport), for its own reads. */
const nodeHttp: Http = (requests) =>
  sendSync(
    requests.map((r): WireRequest => ({
      url: r.url,
      method: r.method.toUpperCase(),
      headers: { ...(r.headers ?? {}), ...(r.contentType ? { 'content-type': r.contentType } : {}) },
      ...(r.payload !== undefined ? { body: new TextEncoder().encode(r.payload) } : {}),
    })),
  ).map((answer) => {
    if (!answer.ok) throw new Error(answer.message);
    return { status: answer.status, body: Buffer.from(answer.body).toString('utf8') };
  });

/** The emulator's store as the bundle sees it (the emulator takes any ya29. token). */
function emulatorStore(origin: string): KeyValueStore {
  const rest = new FirestoreRest(
    nodeHttp,
    { firestoreUrl: origin, projectId: SIMULATOR_PROJECT, databaseId: '(default)' },
    () => 'ya29.simulator',
  );
  return firestoreStore(rest, { now: () => Date.now(), sleep: () => undefined }).store;
}

/**
 * The token endpoint checks iat and exp against its own clock: it follows the runtime's simulated
 * one, which the Owner panel and the demo move (and a trigger run's token is signed at the moved
 * time), so every move of the host's clock is passed on.
 */
function followClock(host: RuntimeHost, endpoint: TokenEndpoint): void {
  const advance = host.advanceClock.bind(host);
  const restore = host.restore.bind(host);
  host.advanceClock = (ms) => {
    advance(ms);
    endpoint.setNow(host.now());
  };
  host.restore = (snapshot) => {
    restore(snapshot);
    endpoint.setNow(host.now());
  };
  endpoint.setNow(host.now());
}

export type FirestoreStart = { ok: true; firestore: SimulatorFirestore } | { ok: false; reason: string };

/** Starts the emulator and the token endpoint, or says in one line why not (no gcloud, …). */
export async function startSimulatorFirestore(
  options: {
    log?: (line: string) => void;
    env?: NodeJS.ProcessEnv;
    /** An emulator already running (a test's): used, and left running by stop(). */
    emulator?: FirestoreEmulator;
  } = {},
): Promise<FirestoreStart> {
  const log = options.log ?? ((line: string) => console.log(line));
  let emulator: FirestoreEmulator;
  if (options.emulator) emulator = options.emulator;
  else {
    const started = await startFirestoreEmulator(options.env);
    if (!started.ok)
      return {
        ok: false,
        reason: started.reason.replace(
          /^Firestore tests skipped: /,
          'The simulator cannot run on Firestore: ',
        ),
      };
    emulator = started.emulator;
  }
  const ownEmulator = !options.emulator;
  let endpoint: TokenEndpoint;
  const key = generateTestKey();
  try {
    endpoint = await startTokenEndpoint({
      clientEmail: SIMULATOR_SERVICE_ACCOUNT,
      publicKeyPem: key.publicKeyPem,
    });
  } catch (error) {
    if (ownEmulator) await emulator.stop();
    return { ok: false, reason: `The token endpoint stand-in did not start: ${String(error)}` };
  }
  const store = emulatorStore(emulator.origin);
  const firestore: SimulatorFirestore = {
    attach: (host) => followClock(host, endpoint),
    urlFetchRoutes: {
      [FIRESTORE_URL]: emulator.origin,
      [new URL(TOKEN_URL).origin]: endpoint.origin,
    },
    seeded(runtime) {
      clearEmulator(emulator.origin);
      // What the owner pastes: the service account's JSON key file, as the Cloud console gives it.
      runtime.host.scriptProperties.setAll(
        {
          [FIRESTORE_KEY_KEY]: JSON.stringify({
            type: 'service_account',
            project_id: SIMULATOR_PROJECT,
            private_key: key.privateKeyPem,
            client_email: SIMULATOR_SERVICE_ACCOUNT,
          }),
        },
        false,
      );
      for (const command of ['configureFirestore', 'migrateToFirestore'] as const) {
        const result = runOwnerFunction(runtime, command);
        for (const line of result.logs) log(`owner: ${line}`);
        if (!result.ok) throw new Error(`${command} failed: ${result.error?.message ?? 'no message'}`);
      }
      const config = runtime.host.scriptProperties.get('f:config') ?? '';
      if (!config.includes('"backend":"firestore"'))
        throw new Error('The demo data could not be moved to Firestore; see the owner lines above.');
    },
    entries: () => store.getAll(),
    describe: () =>
      `on Cloud Firestore: the Firestore build, Google's emulator at ${emulator.origin} (project ${SIMULATOR_PROJECT}) ` +
      `and the token endpoint stand-in at ${endpoint.origin}; the data starts as the demo data each time`,
    stop: async () => {
      await endpoint.close();
      if (ownEmulator) await emulator.stop();
    },
  };
  return { ok: true, firestore };
}

/** Deletes every document of the simulator's project (the emulator's own reset endpoint). */
function clearEmulator(origin: string): void {
  const [answer] = sendSync([
    {
      url: `${origin}/emulator/v1/projects/${SIMULATOR_PROJECT}/databases/(default)/documents`,
      method: 'DELETE',
      headers: {},
    },
  ]);
  if (!answer?.ok || answer.status >= 300)
    throw new Error(
      `Clearing the Firestore emulator failed: ${answer?.ok ? answer.status : answer?.message}`,
    );
}
