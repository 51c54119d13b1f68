/**
 * The suites' second backend: in jest project `integration-firestore` (jest.config.cjs) the same
 * suites run on the Firestore build against Google's Firestore emulator. Its global set-up
 * (firestore-global-setup.ts) starts ONE emulator and builds the Firestore bundle once, and hands
 * both to the workers in RC_FIRESTORE_SUITES with a service account key made for the run; the test
 * environment (firestore-environment.cjs) marks the backend (RC_STORE_BACKEND) and skips every test
 * where the emulator is unavailable, and the tests of FIRESTORE_KNOWN_FAILURES.
 *
 * Each runtime is a deployment of its own: a Firestore project id of its own (the emulator keeps
 * projects apart, so nothing is reset and parallel workers never collide), `f:config` set in its
 * Script Properties, the directory loaded into Firestore and its search index into the cache.
 *
 * The token endpoint stand-in runs per test file (firestore-setup.ts starts it before the tests):
 * its clock must follow the runtime's simulated one (a test moves it by hours or days, and the
 * token exchange's JWT is dated by it), and that clock is shared memory of the process that
 * started the stand-in, so it cannot be the global set-up's.
 */
import { cacheOver } from '../../dev/runtime/adapters';
import type { ExecutionRequest, ExecutionResult } from '../../dev/runtime/execution';
import { sendSync, setHttpTimeoutMs } from '../../dev/runtime/http-transport';
import { LocalRuntime } from '../../dev/runtime/runtime';
import { startTokenEndpoint, type TokenEndpoint } from '../../dev/runtime/token-endpoint';
import type { Reseller } from '../../src/domain/reseller';
import { firestoreConfigEntries } from '../../src/store/firestore-config';
import type { KeyValueStore, ScriptLock } from '../../src/store/ports';
import { replaceDirectory } from '../../src/store/replace-directory';
import { emulatorStore } from './firestore-build';
import { FIRESTORE_SUITES_ENV, type FirestoreSuitesConfig } from './firestore-suites';

export const SERVICE_ACCOUNT = 'connect@reseller-connect-suites.iam.gserviceaccount.com';

/** True in jest project integration-firestore (set by its test environment). */
export function onFirestore(): boolean {
  return (globalThis as { RC_STORE_BACKEND?: string }).RC_STORE_BACKEND === 'firestore';
}

function suitesConfig(): Exclude<FirestoreSuitesConfig, { skip: string }> {
  const raw = process.env[FIRESTORE_SUITES_ENV];
  if (!raw) throw new Error(`${FIRESTORE_SUITES_ENV} is not set: run the suites through jest.config.cjs`);
  const config = JSON.parse(raw) as FirestoreSuitesConfig;
  if ('skip' in config) throw new Error(`The Firestore suites are skipped: ${config.skip}`);
  return config;
}

/** Whether the global set-up found the emulator running (false: every test is skipped). */
export function firestoreAvailable(): boolean {
  const raw = process.env[FIRESTORE_SUITES_ENV];
  return raw !== undefined && !('skip' in (JSON.parse(raw) as FirestoreSuitesConfig));
}

let endpoint: TokenEndpoint | undefined;

/** Before a file's tests (firestore-setup.ts). */
export async function startSuiteTokenEndpoint(): Promise<void> {
  const { publicKeyPem } = suitesConfig();
  endpoint = await startTokenEndpoint({ clientEmail: SERVICE_ACCOUNT, publicKeyPem });
}

export async function stopSuiteTokenEndpoint(): Promise<void> {
  await endpoint?.close();
  endpoint = undefined;
}

/** Token exchanges so far in this test file. */
export function tokenExchanges(): number {
  return endpoint?.exchanges ?? 0;
}

function tokenEndpoint(): TokenEndpoint {
  if (!endpoint) throw new Error('The token endpoint stand-in is not running (firestore-setup.ts)');
  return endpoint;
}

/**
 * A LocalRuntime on the Firestore build whose token endpoint's clock is its simulated one before
 * every execution (tests of one file share the stand-in, one runtime after another) and whenever
 * an execution moves it (Utilities.sleep, triggers).
 */
class FirestoreRuntime extends LocalRuntime {
  constructor(buildDir: string, origin: string) {
    super({
      buildDir,
      urlFetchRoutes: {
        'https://oauth2.googleapis.com': tokenEndpoint().origin,
        'https://firestore.googleapis.com': origin,
      },
    });
    const host = this.host;
    const move = host.advanceClock.bind(host);
    host.advanceClock = (ms: number): void => {
      move(ms);
      this.syncClock();
    };
  }

  private syncClock(): void {
    tokenEndpoint().setNow(this.host.now());
  }

  override run(request: ExecutionRequest): ExecutionResult {
    this.syncClock();
    return super.run(request);
  }

  override runConcurrently(requests: readonly ExecutionRequest[]): Promise<ExecutionResult[]> {
    this.syncClock();
    return super.runConcurrently(requests);
  }
}

interface Deployment {
  projectId: string;
  store: KeyValueStore;
  lock: ScriptLock;
}

const deployments = new WeakMap<LocalRuntime, Deployment>();
let made = 0;

/** Firestore takes at most 500 writes in one commit: seeding writes more in several. */
const SEED_WRITES_PER_COMMIT = 400;

function seedingStore(store: KeyValueStore): KeyValueStore {
  return {
    get: (key) => store.get(key),
    getAll: () => store.getAll(),
    setAll: (values) => {
      const entries = Object.entries(values);
      for (let i = 0; i < entries.length; i += SEED_WRITES_PER_COMMIT)
        store.setAll(Object.fromEntries(entries.slice(i, i + SEED_WRITES_PER_COMMIT)));
    },
    delete: (key) => store.delete(key),
    replaceAll: (values) => store.replaceAll(values),
  };
}

/**
 * Fails at once, saying so, when the emulator no longer answers at all (not even GET /), instead
 * of every request of the test waiting for its minute: see firestore-suites-emulator.ts for how
 * that happened once.
 */
function emulatorAnswering(origin: string): void {
  setHttpTimeoutMs(5000);
  let answer: ReturnType<typeof sendSync>[number] | undefined;
  try {
    [answer] = sendSync([{ url: `${origin}/`, method: 'GET', headers: {} }]);
  } finally {
    setHttpTimeoutMs(undefined);
  }
  if (!answer?.ok)
    throw new Error(
      `The Firestore emulator at ${origin} does not answer any more: ${answer?.message ?? '?'}`,
    );
}

/** A deployment of the Firestore build on a project of its own, the directory loaded. */
export function firestoreRuntime(resellers: readonly Reseller[]): LocalRuntime {
  const { origin, buildDir, privateKeyPem } = suitesConfig();
  made += 1;
  const projectId = `rc-${process.pid}-${made}-${Date.now().toString(36)}`;
  emulatorAnswering(origin);
  const runtime = new FirestoreRuntime(buildDir, origin);
  runtime.host.scriptProperties.setAll(
    firestoreConfigEntries({
      projectId,
      clientEmail: SERVICE_ACCOUNT,
      privateKey: privateKeyPem,
      // Running on Firestore from the start, as after the owner's migration (src/owner/migrate.ts).
      backend: 'firestore',
    }),
    false,
  );
  const firestore = emulatorStore(origin, projectId);
  const deployment: Deployment = { projectId, store: seedingStore(firestore.store), lock: firestore.lock };
  deployments.set(runtime, deployment);
  replaceDirectory(
    firestore.store,
    cacheOver(runtime.host.scriptCache),
    firestore.lock,
    resellers,
    `v${runtime.host.now().toString(36)}`,
  );
  return runtime;
}

/** The Firestore store of a runtime made by firestoreRuntime, or undefined. */
export function firestoreDeployment(runtime: LocalRuntime): Deployment | undefined {
  return deployments.get(runtime);
}
