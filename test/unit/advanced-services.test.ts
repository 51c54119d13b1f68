/**
 * Advanced services exist only as the manifest enables them (dependencies.enabledAdvancedServices),
 * in this thread and in worker threads alike, under the userSymbol the manifest gives them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Identity } from '../../dev/runtime/host';
import { LocalRuntime, type Manifest } from '../../dev/runtime/runtime';

const USER: Identity = { email: 'owner@reseller.example', locale: 'en', timeZone: 'Etc/UTC' };

const SHEETS_V4 = { userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' };

/** What each global is in the script, and whether the Sheets API answers through the enabled one. */
const PROBE = `
function probe() {
  var service = typeof Sheets !== 'undefined' ? Sheets : typeof SheetsApi !== 'undefined' ? SheetsApi : null;
  return {
    Sheets: typeof Sheets,
    SheetsApi: typeof SheetsApi,
    inGlobal: 'Sheets' in globalThis,
    created: service ? typeof service.Spreadsheets.create({}).spreadsheetId : null
  };
}
`;

function runtimeWith(manifest: Manifest): LocalRuntime {
  return new LocalRuntime({ bundle: { code: PROBE, manifest }, validateCards: false });
}

async function probeBothWays(manifest: Manifest): Promise<unknown[]> {
  const runtime = runtimeWith(manifest);
  const request = { functionName: 'probe', identity: USER, event: {} };
  const here = runtime.run(request);
  const [inWorker] = await runtime.runConcurrently([request]);
  expect(here.error).toBeUndefined();
  expect(inWorker?.error).toBeUndefined();
  return [here.value, inWorker?.value];
}

describe('the Sheets advanced service and the manifest', () => {
  it.each<[string, Manifest]>([
    ['no dependencies', { timeZone: 'Etc/UTC' }],
    ['no advanced services', { dependencies: {} }],
    ['an empty list', { dependencies: { enabledAdvancedServices: [] } }],
  ])('leaves Sheets undefined when the manifest has %s', async (_, manifest) => {
    const absent = { Sheets: 'undefined', SheetsApi: 'undefined', inGlobal: false, created: null };
    expect(await probeBothWays(manifest)).toEqual([absent, absent]);
  });

  it('defines Sheets when the manifest enables sheets v4', async () => {
    const present = { Sheets: 'object', SheetsApi: 'undefined', inGlobal: true, created: 'string' };
    const manifest = { dependencies: { enabledAdvancedServices: [SHEETS_V4] } };
    expect(await probeBothWays(manifest)).toEqual([present, present]);
  });

  it('defines it under the userSymbol the manifest gives it', async () => {
    const renamed = { Sheets: 'undefined', SheetsApi: 'object', inGlobal: false, created: 'string' };
    const manifest = {
      dependencies: { enabledAdvancedServices: [{ ...SHEETS_V4, userSymbol: 'SheetsApi' }] },
    };
    expect(await probeBothWays(manifest)).toEqual([renamed, renamed]);
  });

  it('refuses a manifest that enables a service or version the local runtime does not implement', () => {
    for (const service of [
      { userSymbol: 'Drive', serviceId: 'drive', version: 'v3' },
      { ...SHEETS_V4, version: 'v3' },
    ]) {
      expect(() => runtimeWith({ dependencies: { enabledAdvancedServices: [service] } })).toThrow(
        `The manifest enables the advanced service ${service.serviceId} ${service.version}; the local runtime implements only sheets v4`,
      );
    }
  });

  it('is enabled by the add-on’s own manifest, which the build copies', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '..', '..', 'appsscript.json'), 'utf8'),
    ) as Manifest;
    expect(manifest.dependencies?.enabledAdvancedServices).toContainEqual(SHEETS_V4);
    const result = runtimeWith(manifest).run({ functionName: 'probe', identity: USER, event: {} });
    expect(result.value).toMatchObject({ Sheets: 'object' });
  });
});
