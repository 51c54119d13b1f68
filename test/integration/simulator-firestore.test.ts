/**
 * The simulator on Cloud Firestore (`npm start -- --store firestore`), started programmatically on
 * Google's Firestore emulator: the demo data is moved there by the owner's own migration, a
 * customer's homepage answers from Firestore, a confirmed reseller is stored in Firestore (not in
 * Script Properties), and the Owner panel's "Migrate back" brings it home. Skipped, with one line
 * saying why, where the emulator is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startSimulatorFirestore,
  SIMULATOR_PROJECT,
  type SimulatorFirestore,
} from '../../dev/simulator/firestore';
import { startSimulator } from '../../dev/simulator/server';
import { describeFirestore, emulatorRunning } from '../support/firestore-emulator';
import { emulatorStore, firestoreBuildDir } from '../support/firestore-build';

interface Execution {
  ok: boolean;
  value?: unknown;
  logs: string[];
  httpRequests: number;
  error?: { message: string };
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describeFirestore('the simulator on Cloud Firestore', (handle) => {
  let firestore: SimulatorFirestore | undefined;
  let sim: Awaited<ReturnType<typeof startSimulator>> | undefined;
  const logs: string[] = [];

  beforeAll(async () => {
    if (!emulatorRunning(handle)) return;
    await handle.emulator.reset(SIMULATOR_PROJECT);
    const started = await startSimulatorFirestore({ emulator: handle.emulator, log: (l) => logs.push(l) });
    if (!started.ok) throw new Error(started.reason);
    firestore = started.firestore;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-sim-firestore-'));
    sim = await startSimulator({
      stateFile: path.join(dir, 'state.json'),
      buildDir: firestoreBuildDir(),
      firestore,
      log: (l) => logs.push(l),
    });
  }, 90_000);
  afterAll(async () => {
    await sim?.close();
    await firestore?.stop();
  });

  it('moves the demo data into Firestore with the owner migration, and says it runs on Firestore', async () => {
    if (!emulatorRunning(handle) || !sim) return;
    expect(logs.join('\n')).toMatch(
      /Migration to Firestore: \d+ keys in \d+ batches .*checksum \w+; the add-on now runs on Firestore/,
    );
    const boot = (await (await fetch(`${sim.url}/api/bootstrap`)).json()) as { store: string };
    expect(boot.store).toBe('firestore');
    const stored = emulatorStore(handle.emulator.origin, SIMULATOR_PROJECT).store;
    expect(stored.get('d:acme-logistik.de')).not.toBeNull();
    expect(stored.get('f:backend')).toBe('firestore');
  });

  it('opens a customer homepage, confirms a reseller and keeps the record in Firestore', async () => {
    if (!emulatorRunning(handle) || !sim) return;
    const homepage = await post<Execution>(`${sim.url}/api/execute`, {
      identityId: 'anna',
      functionName: 'onHomepage',
      kind: 'homepage',
    });
    expect(homepage.ok).toBe(true);
    // The demo's owner runs cached the token: the record in one round trip.
    expect(homepage.httpRequests).toBeLessThanOrEqual(1);
    const confirm = await post<Execution>(`${sim.url}/api/execute`, {
      identityId: 'anna',
      functionName: 'onConfirmReseller',
      kind: 'action',
      parameters: { resellerId: 'R-00005' },
    });
    expect(confirm.error).toBeUndefined();
    expect(confirm.ok).toBe(true);
    const stored = emulatorStore(handle.emulator.origin, SIMULATOR_PROJECT).store;
    expect(stored.get('d:kunde-gmbh.de')).toContain('R-00005');
    const state = (await (await fetch(`${sim.url}/api/state?identity=anna`)).json()) as {
      script: { entries: { key: string }[] };
      firestore: { entries: { key: string }[] };
    };
    expect(state.script.entries.map((e) => e.key)).not.toContain('d:kunde-gmbh.de');
    expect(state.firestore.entries.map((e) => e.key)).toContain('d:kunde-gmbh.de');
  });

  it("runs the Owner panel's migration back, after which the record is in Script Properties", async () => {
    if (!emulatorRunning(handle) || !sim) return;
    const back = await post<Execution>(`${sim.url}/api/owner/migrate-back-to-properties`, {});
    expect(back.ok).toBe(true);
    expect(back.logs.join('\n')).toContain('the add-on now runs on Script Properties');
    const state = (await (await fetch(`${sim.url}/api/state?identity=anna`)).json()) as {
      script: { entries: { key: string; value: string }[] };
    };
    const record = state.script.entries.find((e) => e.key === 'd:kunde-gmbh.de');
    expect(record?.value).toContain('R-00005');
  });
});
