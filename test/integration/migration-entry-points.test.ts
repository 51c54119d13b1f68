/**
 * The owner's store commands through the built bundles: on the Firestore build against Google's
 * Firestore emulator and the token endpoint stand-in, `configureFirestore` turns the pasted key into
 * f:config (the add-on stays on Script Properties), `migrateToFirestore` moves the data (counts and
 * checksum in the log, matching what Firestore holds), customers keep working on Firestore, and
 * `migrateBackToProperties` brings everything home; on the default build each command refuses,
 * saying which build to deploy. Skipped, with one line saying why, where the emulator is missing
 * (the default build's refusal runs everywhere).
 */
import { loadDirectory } from '../../dev/runtime/adapters';
import { actionEvent } from '../../dev/runtime/events';
import { LocalRuntime } from '../../dev/runtime/runtime';
import { generateTestKey, startTokenEndpoint, type TokenEndpoint } from '../../dev/runtime/token-endpoint';
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import { FIRESTORE_KEY_KEY } from '../../src/owner/firestore-setup';
import { entriesChecksum, migratedEntries } from '../../src/owner/migrate';
import { FIRESTORE_CONFIG_KEY, parseFirestoreConfig } from '../../src/store/firestore-config';
import { LABELS } from '../../src/store/labels';
import type { KeyValueStore } from '../../src/store/ports';
import { OWNER, runAsOwner, user } from '../support/addon';
import { encodeAssignment, resellerAssignment } from '../../src/domain/assignment';
import { firestoreConfigEntries } from '../../src/store/firestore-config';
import { describeFirestore, emulatorRunning } from '../support/firestore-emulator';
import { emulatorStore, firestoreBuildDir } from '../support/firestore-build';

const PROJECT = 'reseller-connect-migration';
const EMAIL = `migrator@${PROJECT}.iam.gserviceaccount.com`;
const RESELLER = 'R-00005';

function confirm(runtime: LocalRuntime, email: string): void {
  const identity = user(email);
  const result = runtime.run({
    functionName: 'onConfirmReseller',
    identity,
    event: actionEvent(identity, { parameters: { resellerId: RESELLER } }),
  });
  expect(result.error).toBeUndefined();
  const notice = (result.value as { action?: { notification?: { text?: string } } }).action?.notification
    ?.text;
  expect(notice ?? '').not.toMatch(/Many people|went wrong/);
}

function backendOf(runtime: LocalRuntime): string | undefined {
  const raw = runtime.host.scriptProperties.get(FIRESTORE_CONFIG_KEY);
  return raw === null ? undefined : ((JSON.parse(raw) as { backend?: string }).backend ?? 'properties');
}

describe('the store commands on the default build', () => {
  it.each(['configureFirestore', 'migrateToFirestore', 'migrateBackToProperties'])(
    '%s refuses, saying which build to deploy, and changes nothing',
    (command) => {
      const runtime = new LocalRuntime();
      runtime.host.scriptProperties.setAll({ 'd:keep.de': 'x' }, false);
      const before = JSON.stringify(runtime.host.scriptProperties.getAll());
      expect(runAsOwner(runtime, command)).toBe(
        `${command}: this deployment is the Script Properties build; deploy the Firestore build first ` +
          '(npm run build:firestore, then push and deploy). Nothing was changed.',
      );
      expect(JSON.stringify(runtime.host.scriptProperties.getAll())).toBe(before);
      const stranger = runtime.run({
        functionName: command,
        identity: user('eve@customer.example'),
        event: {},
      });
      expect(stranger.logs.join('\n')).not.toContain('build:firestore');
    },
  );
});

describeFirestore('the store commands on the Firestore build', (handle) => {
  const key = generateTestKey();
  let endpoint: TokenEndpoint;
  beforeAll(async () => {
    firestoreBuildDir();
    endpoint = await startTokenEndpoint({ clientEmail: EMAIL, publicKeyPem: key.publicKeyPem });
  }, 60_000);
  afterAll(async () => {
    await endpoint?.close();
  });

  it('configures, migrates there with counts and checksum, keeps customers working, and migrates back', async () => {
    if (!emulatorRunning(handle)) return;
    await handle.emulator.reset(PROJECT);
    const runtime = new LocalRuntime({
      buildDir: firestoreBuildDir(),
      urlFetchRoutes: {
        'https://oauth2.googleapis.com': endpoint.origin,
        'https://firestore.googleapis.com': handle.emulator.origin,
      },
    });
    const properties = runtime.host.scriptProperties;
    const firestore: KeyValueStore = emulatorStore(handle.emulator.origin, PROJECT).store;
    // A deployment on Script Properties with customers, as before the move.
    loadDirectory(runtime.host, DEMO_RESELLERS, 'v1');
    confirm(runtime, 'anna@before.example');
    expect(properties.get('d:before.example')).toContain(RESELLER);

    // Not the owner: refused, nothing changed.
    properties.setAll(
      {
        [FIRESTORE_KEY_KEY]: JSON.stringify({
          type: 'service_account',
          project_id: PROJECT,
          private_key: key.privateKeyPem,
          client_email: EMAIL,
        }),
      },
      false,
    );
    runtime.run({ functionName: 'configureFirestore', identity: user('eve@before.example'), event: {} });
    expect(properties.get(FIRESTORE_CONFIG_KEY)).toBeNull();

    const configured = runAsOwner(runtime, 'configureFirestore');
    expect(configured).toContain(`f:config written from f:key (deleted) for project ${PROJECT}`);
    expect(configured).not.toContain('PRIVATE KEY');
    expect(properties.get(FIRESTORE_KEY_KEY)).toBeNull();
    expect(backendOf(runtime)).toBe('properties');
    // Configured, not migrated: customers still write to Script Properties.
    confirm(runtime, 'ben@configured.example');
    expect(properties.get('d:configured.example')).toContain(RESELLER);
    expect(firestore.get('d:configured.example')).toBeNull();

    const source = migratedEntries(properties.getAll());
    const migrated = runAsOwner(runtime, 'migrateToFirestore');
    expect(migrated).toContain(
      `Migration to Firestore: ${source.length} keys in 1 batches (0 written and 0 deleted in the final pass), ` +
        `checksum ${entriesChecksum(source)}; the add-on now runs on Firestore.`,
    );
    expect(entriesChecksum(migratedEntries(firestore.getAll()))).toBe(entriesChecksum(source));
    expect(backendOf(runtime)).toBe('firestore');
    expect(parseFirestoreConfig(properties.get(FIRESTORE_CONFIG_KEY) ?? '').privateKey.reveal()).toBe(
      key.privateKeyPem,
    );
    expect(firestore.get(FIRESTORE_CONFIG_KEY)).toBeNull();
    // Copied with the labels the add-on's own writes carry: a reseller's customers are found by
    // label, not by reading every organisation.
    expect(Object.keys(firestore.select?.({ labels: [LABELS.customerOf(RESELLER)] }) ?? {}).sort()).toEqual([
      'd:before.example',
      'd:configured.example',
    ]);
    expect(runAsOwner(runtime, 'migrateToFirestore')).toContain('already done');

    // Customers keep working, now on Firestore.
    confirm(runtime, 'carla@after.example');
    expect(firestore.get('d:after.example')).toContain(RESELLER);
    expect(properties.get('d:after.example')).toBeNull();
    const homepage = runtime.run({
      functionName: 'onHomepage',
      identity: user('anna@before.example'),
      event: actionEvent(user('anna@before.example'), {}),
    });
    expect(homepage.ok).toBe(true);
    expect(homepage.httpRoundTrips).toBeLessThanOrEqual(1);

    const back = runAsOwner(runtime, 'migrateBackToProperties');
    const home = migratedEntries(firestore.getAll());
    expect(back).toContain(`checksum ${entriesChecksum(home)}; the add-on now runs on Script Properties.`);
    expect(backendOf(runtime)).toBe('properties');
    expect(firestore.get('f:backend')).toBe('properties');
    expect(properties.get('d:after.example')).toContain(RESELLER);
    expect(entriesChecksum(migratedEntries(properties.getAll()))).toBe(entriesChecksum(home));
    // And back on Script Properties, customers write there again.
    confirm(runtime, 'david@home.example');
    expect(properties.get('d:home.example')).toContain(RESELLER);
    expect(firestore.get('d:home.example')).toBeNull();
  }, 120_000);

  it('converges when a migration is killed at any service call and run again, both ways', async () => {
    if (!emulatorRunning(handle)) return;
    const at = Date.UTC(2026, 11, 1);
    /** A deployment on Script Properties with enough keys for several batches, configured. */
    const deployment = (projectId: string) => {
      const runtime = new LocalRuntime({
        buildDir: firestoreBuildDir(),
        urlFetchRoutes: {
          'https://oauth2.googleapis.com': endpoint.origin,
          'https://firestore.googleapis.com': handle.emulator.origin,
        },
      });
      loadDirectory(runtime.host, DEMO_RESELLERS, 'v1');
      const records: Record<string, string> = {};
      for (let i = 0; i < 450; i++)
        records[`d:kunde-${i}.example`] = encodeAssignment(
          resellerAssignment(RESELLER, `it@kunde-${i}.example`, at - i * 60_000),
        );
      runtime.host.scriptProperties.setAll(records, false);
      runtime.host.scriptProperties.setAll(
        firestoreConfigEntries({ projectId, clientEmail: EMAIL, privateKey: key.privateKeyPem }),
        false,
      );
      return { runtime, firestore: emulatorStore(handle.emulator.origin, projectId).store };
    };
    for (const direction of ['migrateToFirestore', 'migrateBackToProperties'] as const) {
      let crashes = 0;
      for (let after = 0; ; after++) {
        const projectId = `rc-kill-${direction === 'migrateToFirestore' ? 'to' : 'back'}-${after}`;
        await handle.emulator.reset(projectId);
        const { runtime, firestore } = deployment(projectId);
        if (direction === 'migrateBackToProperties') runAsOwner(runtime, 'migrateToFirestore');
        const source = migratedEntries(
          direction === 'migrateToFirestore' ? runtime.host.scriptProperties.getAll() : firestore.getAll(),
        );
        runtime.host.crashNextExecutionAfter(after);
        const killed = runtime.run({
          functionName: direction,
          identity: OWNER,
          event: {},
          invokedBy: 'editor',
        });
        if (killed.ok) break; // past the command's last call: every stop has been tried
        crashes++;
        // Run again: it resumes (or starts over) and ends switched, with every key where it belongs.
        expect(runAsOwner(runtime, direction)).toMatch(/the add-on now runs on|already done/);
        const target = migratedEntries(
          direction === 'migrateToFirestore' ? firestore.getAll() : runtime.host.scriptProperties.getAll(),
        );
        expect(entriesChecksum(target)).toBe(entriesChecksum(source));
        expect(backendOf(runtime)).toBe(direction === 'migrateToFirestore' ? 'firestore' : 'properties');
      }
      expect(crashes).toBeGreaterThan(2);
    }
  }, 300_000);
});
