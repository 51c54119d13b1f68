/**
 * Issue 11's reliability on the Firestore build: the bundle against Google's Firestore emulator
 * behind a fault-injecting proxy (dev/firestore/fault-proxy.ts) and the token endpoint stand-in.
 * A confirm that meets two 503s succeeds after the retries' backoff; one that meets more than the
 * retries take shows the customer's "temporarily unavailable" card (en and de) and changes
 * nothing in Firestore; a commit applied whose answer is lost says so instead of claiming nothing
 * changed, and is stored once; a wrong key (the token endpoint holds another public key) and a
 * damaged f:config show customers the same card and support what is wrong. The key never appears
 * in a card, a log line or an error. Skipped, with one line saying why, without the emulator.
 */
import { firestoreDeployment } from '../../dev/firestore/deployment';
import { actionEvent } from '../../dev/runtime/events';
import { cacheOver } from '../../dev/runtime/adapters';
import { AddonClient } from '../../dev/runtime/client';
import type { ExecutionResult } from '../../dev/runtime/execution';
import { setHttpTimeoutMs } from '../../dev/runtime/http-transport';
import type { LocalRuntime } from '../../dev/runtime/runtime';
import { generateTestKey, startTokenEndpoint, type TokenEndpoint } from '../../dev/runtime/token-endpoint';
import { startFaultProxy, type FaultProxy } from '../../dev/firestore/fault-proxy';
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import { DEPLOYMENT } from '../../src/deployment';
import { FIRESTORE_CONFIG_KEY } from '../../src/store/firestore-config';
import { replaceDirectory } from '../../src/store/replace-directory';
import { approved, user } from '../support/addon';
import { emulatorStore, firestoreBuildDir } from '../support/firestore-build';
import { describeFirestore, emulatorRunning } from '../support/firestore-emulator';

const PROJECT = 'reseller-connect-faults';
const EMAIL = 'connect@reseller-connect-faults.iam.gserviceaccount.com';
const DOMAIN = 'faults.example';
const MUELLER = approved('Müller IT GmbH');

describeFirestore('the Firestore build when Firestore fails', (handle) => {
  const key = generateTestKey();
  /** Pieces of the private key that must never be seen. */
  const keyLines = key.privateKeyPem
    .split('\n')
    .filter((line) => line.length > 20 && !line.startsWith('-----'));
  let endpoint: TokenEndpoint;
  /** A token endpoint that knows another key: the deployment's key is refused, as a revoked one is. */
  let wrongKeyEndpoint: TokenEndpoint;
  let proxy: FaultProxy;
  let buildDir: string;
  /** Everything every execution of the file returned, logged or threw, for the key check at the end. */
  const seen: string[] = [];

  beforeAll(async () => {
    buildDir = firestoreBuildDir();
    endpoint = await startTokenEndpoint({ clientEmail: EMAIL, publicKeyPem: key.publicKeyPem });
    wrongKeyEndpoint = await startTokenEndpoint({
      clientEmail: EMAIL,
      publicKeyPem: generateTestKey().publicKeyPem,
    });
  }, 60_000);
  afterAll(async () => {
    setHttpTimeoutMs(undefined);
    await Promise.all([endpoint?.close(), wrongKeyEndpoint?.close(), proxy?.close()]);
    // Nothing of the key, nor of a JWT (whose header starts eyJ), in anything seen.
    expect(seen.length).toBeGreaterThan(0);
    for (const text of seen) {
      expect(keyLines.some((line) => text.includes(line))).toBe(false);
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    }
  });

  /** A deployment on the emulator behind the proxy: f:config set, the directory in Firestore. */
  async function deployment(tokens: TokenEndpoint = endpoint) {
    if (!proxy) proxy = await startFaultProxy(handle.emulator.origin);
    await proxy.plan([]);
    await proxy.stats(true);
    await handle.emulator.reset(PROJECT);
    const runtime = firestoreDeployment({
      buildDir,
      tokenOrigin: tokens.origin,
      firestoreOrigin: proxy.origin,
      projectId: PROJECT,
      clientEmail: EMAIL,
      privateKeyPem: key.privateKeyPem,
    });
    // Loaded straight into the emulator, not through the proxy.
    const firestore = emulatorStore(handle.emulator.origin, PROJECT);
    replaceDirectory(
      firestore.store,
      cacheOver(runtime.host.scriptCache),
      firestore.lock,
      DEMO_RESELLERS,
      'v1',
    );
    return { runtime, firestore };
  }

  function record(result: ExecutionResult): ExecutionResult {
    seen.push(
      JSON.stringify(result.value ?? null),
      ...result.logs,
      result.error?.message ?? '',
      result.error?.stack ?? '',
    );
    return result;
  }

  /** A customer of DOMAIN on the confirm card of MUELLER, the token exchanged and cached. */
  function atConfirm(runtime: LocalRuntime, locale = 'en'): AddonClient {
    const anna = new AddonClient(runtime, user(`anna@${DOMAIN}`, locale));
    anna.openHomepage();
    anna.click(
      locale === 'de' ? 'Ich habe einen Google Workspace-Reseller' : 'I have a Google Workspace reseller',
    );
    anna.type('resellerQuery', `${MUELLER.name} — mueller-it.de (DE)`);
    anna.click(locale === 'de' ? 'Suchen' : 'Search');
    for (const result of anna.history) record(result);
    return anna;
  }

  function confirm(runtime: LocalRuntime, email: string, locale = 'en'): ExecutionResult {
    const identity = user(email, locale);
    return record(
      runtime.run({
        functionName: 'onConfirmReseller',
        identity,
        event: actionEvent(identity, { parameters: { resellerId: MUELLER.id, domain: DOMAIN } }),
      }),
    );
  }

  function changesIn(firestore: Awaited<ReturnType<typeof deployment>>['firestore']): string[] {
    return Object.keys(firestore.store.getAll()).filter((k) => k.startsWith('o:'));
  }

  it('confirms after two 503s: the retries wait and try again', async () => {
    if (!emulatorRunning(handle)) return;
    const { runtime, firestore } = await deployment();
    atConfirm(runtime);
    await proxy.plan([{ kind: 'status', status: 503, count: 2 }]);
    const result = confirm(runtime, `anna@${DOMAIN}`);
    expect(result.error?.message).toBeUndefined();
    expect(JSON.stringify(result.value)).toContain('Saved');
    expect(JSON.stringify(result.value)).toContain(MUELLER.name);
    expect(firestore.store.get(`d:${DOMAIN}`)).toContain(MUELLER.id);
    expect(changesIn(firestore)).toHaveLength(1);
    const stats = await proxy.stats();
    expect(stats.faulted).toBe(2);
  }, 60_000);

  it.each([
    ['en', 503, 'Temporarily unavailable', 'Nothing was changed'],
    ['de', 429, 'Vorübergehend nicht verfügbar', 'Es wurde nichts geändert'],
  ])(
    'shows the customer "temporarily unavailable" (%s) when Firestore keeps answering %i, and changes nothing',
    async (locale, code, title, nothing) => {
      if (!emulatorRunning(handle)) return;
      const { runtime, firestore } = await deployment();
      atConfirm(runtime, locale);
      const before = JSON.stringify(firestore.store.getAll());
      await proxy.plan([{ kind: 'status', status: code, count: 50 }]);
      const result = confirm(runtime, `anna@${DOMAIN}`, locale);
      await proxy.plan([]);
      expect(result.error?.message).toBeUndefined();
      const shown = JSON.stringify(result.value);
      expect(shown).toContain(title);
      expect(shown).toContain(nothing);
      // Customers are not told why: nothing of the vendor's set-up.
      expect(shown).not.toMatch(/f:config|HTTP|Firestore/);
      expect(result.logs.join('\n')).toMatch(/Store unavailable \(overloaded\)/);
      expect(JSON.stringify(firestore.store.getAll())).toBe(before);
      const stats = await proxy.stats();
      // Bounded: a few tries, well inside the 30 s of a callback.
      expect(stats.faulted).toBeGreaterThanOrEqual(2);
      expect(stats.faulted).toBeLessThanOrEqual(4);
      expect(result.durationMs).toBeLessThan(20_000);
    },
    60_000,
  );

  it('refuses the commit alone with 429 beyond the retries: nothing changed, the customer told so', async () => {
    if (!emulatorRunning(handle)) return;
    const { runtime, firestore } = await deployment();
    atConfirm(runtime);
    await proxy.plan([{ kind: 'status', status: 429, count: 50, match: ':commit' }]);
    const result = confirm(runtime, `anna@${DOMAIN}`);
    await proxy.plan([]);
    expect(JSON.stringify(result.value)).toContain('Nothing was changed');
    expect(firestore.store.get(`d:${DOMAIN}`)).toBeNull();
    expect(changesIn(firestore)).toHaveLength(0);
  }, 60_000);

  it('says a change may have been saved when a commit was applied and its answer lost, and stores it once', async () => {
    if (!emulatorRunning(handle)) return;
    const { runtime, firestore } = await deployment();
    atConfirm(runtime);
    setHttpTimeoutMs(1500);
    try {
      await proxy.plan([{ kind: 'hold', ms: 3000, forward: true, count: 1, match: ':commit' }]);
      const result = confirm(runtime, `anna@${DOMAIN}`);
      const shown = JSON.stringify(result.value);
      const log = result.logs.join('\n');
      process.stdout.write(
        `Firestore faults, commit applied and answer lost: ${log.split('\n').pop() ?? ''}\n`,
      );
      // The resent commit is refused (its precondition no longer holds, or its transaction has
      // ended): "may or may not", never "someone else chose", never a second change.
      expect(shown).toContain('may or may not have been saved');
      expect(shown).not.toContain('Nothing was changed');
      // UrlFetchApp's own words, naming the address the script asked for.
      expect(log).toContain('Timeout: https://firestore.googleapis.com');
      // It was sent again (the commit checks itself), and the second copy was refused.
      expect(log).toMatch(/the commit sent again answered HTTP/);
      expect((await proxy.stats()).log.filter((entry) => entry.method === 'commit')).toHaveLength(2);
      expect(firestore.store.get(`d:${DOMAIN}`)).toContain(MUELLER.id);
      expect(changesIn(firestore)).toHaveLength(1);
      // Opening the add-on again shows what is stored.
      const again = new AddonClient(runtime, user(`anna@${DOMAIN}`));
      again.openHomepage();
      record(again.history[again.history.length - 1] as ExecutionResult);
      expect(JSON.stringify(again.history[again.history.length - 1]?.value)).toContain(MUELLER.name);
    } finally {
      setHttpTimeoutMs(undefined);
    }
  }, 60_000);

  it('survives a dropped connection on a read: it is sent again', async () => {
    if (!emulatorRunning(handle)) return;
    const { runtime, firestore } = await deployment();
    atConfirm(runtime);
    await proxy.plan([{ kind: 'drop', forward: false, count: 1, match: ':batchGet' }]);
    const result = confirm(runtime, `anna@${DOMAIN}`);
    expect(JSON.stringify(result.value)).toContain('Saved');
    expect(changesIn(firestore)).toHaveLength(1);
  }, 60_000);

  it('with a wrong key shows customers "temporarily unavailable" and support what is wrong', async () => {
    if (!emulatorRunning(handle)) return;
    const { runtime, firestore } = await deployment(wrongKeyEndpoint);
    const before = JSON.stringify(firestore.store.getAll());

    const customer = new AddonClient(runtime, user(`anna@${DOMAIN}`));
    const home = customer.openHomepage();
    record(customer.history[customer.history.length - 1] as ExecutionResult);
    expect(JSON.stringify(home)).toContain('Temporarily unavailable');
    expect(JSON.stringify(home)).not.toMatch(/f:config|key/i);
    const confirmed = confirm(runtime, `anna@${DOMAIN}`);
    expect(JSON.stringify(confirmed.value)).toContain('Temporarily unavailable');

    for (const [locale, words] of [
      ['en', 'Firestore refused the service account’s sign-in'],
      ['de', 'Firestore hat die Anmeldung des Dienstkontos abgelehnt'],
    ] as const) {
      const owner = new AddonClient(runtime, user(DEPLOYMENT.ownerEmail, locale));
      const card = JSON.stringify(owner.openHomepage());
      record(owner.history[owner.history.length - 1] as ExecutionResult);
      expect(card).toContain(words);
      expect(card).toContain('f:config');
      expect(card).toContain('invalid_grant');
    }
    // The owner's sync says why it stopped, in the same words, and fails (Google emails the owner).
    const sync = record(
      runtime.run({ functionName: 'syncNow', identity: user(DEPLOYMENT.ownerEmail), event: {} }),
    );
    expect(sync.ok).toBe(false);
    expect(sync.logs.join('\n')).toMatch(
      /The sync stopped, nothing was changed: the store is unavailable \(credentials\)\. Firestore refused/,
    );
    expect(wrongKeyEndpoint.rejections).toBeGreaterThan(0);
    expect(JSON.stringify(firestore.store.getAll())).toBe(before);
  }, 60_000);

  it('with a damaged f:config tells support to correct it, and customers only that it is unavailable', async () => {
    if (!emulatorRunning(handle)) return;
    const { runtime } = await deployment();
    runtime.host.scriptProperties.setAll(
      { [FIRESTORE_CONFIG_KEY]: `{"projectId": "x", "privateKey": "${keyLines[0] ?? ''}` },
      false,
    );
    const owner = new AddonClient(runtime, user(DEPLOYMENT.ownerEmail));
    const card = JSON.stringify(owner.openHomepage());
    record(owner.history[owner.history.length - 1] as ExecutionResult);
    expect(card).toContain('Script Property f:config cannot be read');
    const customer = new AddonClient(runtime, user(`anna@${DOMAIN}`));
    const home = JSON.stringify(customer.openHomepage());
    record(customer.history[customer.history.length - 1] as ExecutionResult);
    expect(home).toContain('Temporarily unavailable');
  }, 60_000);
});
