/**
 * The bench's seeding of Firestore (dev/firestore/seed.ts) at a small scale: what it writes
 * straight into the emulator is what the Firestore build reads — a customer of a seeded organisation
 * sees its reseller, a user of a linked domain too, the reseller's staff see their customers, and
 * the outbox and the commit counter are what the store's own modules read. Skipped, with one line
 * saying why, where the emulator is missing.
 */
import { firestoreDeployment } from '../../dev/firestore/deployment';
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import { seedEntries, seedFirestore } from '../../dev/firestore/seed';
import { cacheOver } from '../../dev/runtime/adapters';
import { AddonClient } from '../../dev/runtime/client';
import { homepageEvent } from '../../dev/runtime/events';
import { generateTestKey, startTokenEndpoint, type TokenEndpoint } from '../../dev/runtime/token-endpoint';
import { decodeDomainText } from '../../src/domain/organisation';
import type { Reseller } from '../../src/domain/reseller';
import { KEYS } from '../../src/store/keys';
import { listOutbox, readSequence } from '../../src/store/outbox';
import { user } from '../support/addon';
import { describeFirestore, emulatorRunning } from '../support/firestore-emulator';
import { emulatorStore, firestoreBuildDir } from '../support/firestore-build';

const PROJECT = 'reseller-connect-seed';
const EMAIL = 'connect@reseller-connect-seed.iam.gserviceaccount.com';
const PLAN = { resellers: DEMO_RESELLERS, organisations: 200, changes: 40 };

const nameOf = (id: string | undefined): string => (DEMO_RESELLERS.find((r) => r.id === id) as Reseller).name;

describe('seedEntries (no emulator)', () => {
  it('makes records, roles and an outbox that the store modules read back', () => {
    const seeded = seedEntries(PLAN);
    const { entries, counts } = seeded;
    expect(counts.organisations).toBe(200);
    expect(counts.withReseller + counts.direct).toBe(200);
    expect(counts.withReseller).toBeGreaterThan(100);
    const domains = Object.entries(entries).filter(([key]) => key.startsWith(KEYS.domainPrefix));
    expect(domains.length).toBe(200 + counts.linkedDomains + counts.roles);
    for (const [key, text] of domains)
      expect(decodeDomainText(key.slice(KEYS.domainPrefix.length), text)).not.toBeNull();
    const outbox = listOutbox(entries);
    expect(outbox.unreadable).toEqual([]);
    expect(outbox.changes.map((c) => c.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(readSequence(entries[KEYS.sequence] ?? null)).toBe(40);
    expect(seedEntries(PLAN).entries).toEqual(entries);
  });
});

describeFirestore('the bench’s Firestore seeding, read by the Firestore build', (handle) => {
  const key = generateTestKey();
  let endpoint: TokenEndpoint;
  beforeAll(async () => {
    endpoint = await startTokenEndpoint({ clientEmail: EMAIL, publicKeyPem: key.publicKeyPem });
  }, 60_000);
  afterAll(async () => {
    await endpoint?.close();
  });

  it('seeds 200 organisations whose users see their reseller', async () => {
    if (!emulatorRunning(handle)) return;
    const emulator = handle.emulator;
    await emulator.reset(PROJECT);
    const runtime = firestoreDeployment({
      buildDir: firestoreBuildDir(),
      tokenOrigin: endpoint.origin,
      firestoreOrigin: emulator.origin,
      projectId: PROJECT,
      clientEmail: EMAIL,
      privateKeyPem: key.privateKeyPem,
    });
    const seeded = await seedFirestore(emulator.origin, PROJECT, PLAN, {
      cache: cacheOver(runtime.host.scriptCache),
      batchSize: 100,
      parallel: 4,
    });
    expect(seeded.write.commits).toBe(Math.ceil(seeded.counts.documents / 100));

    // Read back through the add-on's own Firestore store: every document, unchanged.
    const all = emulatorStore(emulator.origin, PROJECT).store.getAll();
    expect(all).toEqual(seeded.entries);

    const { withReseller, linked, direct } = seeded.sample;
    const customer = new AddonClient(runtime, user(`it@${withReseller.domain}`));
    customer.openHomepage();
    expect(customer.last.ok).toBe(true);
    expect(customer.texts().join('\n')).toContain(nameOf(withReseller.resellerId));

    const colleague = new AddonClient(runtime, user(`lea@${linked.links[0] ?? ''}`));
    colleague.openHomepage();
    const linkedText = colleague.texts().join('\n');
    expect(linkedText).toContain(`${linked.links[0] ?? ''} buys Google Workspace through:`);
    if (linked.resellerId) expect(linkedText).toContain(nameOf(linked.resellerId));

    const directUser = new AddonClient(runtime, user(`it@${direct.domain}`));
    directUser.openHomepage();
    expect(directUser.texts().join('\n')).toContain(
      `${direct.domain} buys Google Workspace directly, without a reseller.`,
    );

    // The reseller's staff find their customers (the labels the store queries by are seeded too).
    const busiest = seeded.busiest;
    const staff = user(`info@${busiest.reseller.domain}`);
    const view = runtime.run({ functionName: 'onHomepage', identity: staff, event: homepageEvent(staff) });
    expect(view.ok).toBe(true);
    const customers = Object.entries(seeded.entries)
      .filter(([k, v]) => k.startsWith(KEYS.domainPrefix) && v.includes(`\t${busiest.reseller.id}`))
      .map(([k]) => k.slice(KEYS.domainPrefix.length));
    expect(customers.length).toBeGreaterThan(0);
    expect(customers.some((domain) => JSON.stringify(view.value).includes(domain))).toBe(true);
  }, 120_000);
});
