/**
 * The simulator server's install states: the switch's endpoints (each bad request a clear 400 that
 * changes nothing), what /api/execute answers in each case with the built bundle (the add-on's
 * answer, Google's consent prompt, Google's authorization card, no add-on), the user's consent and
 * the admin's Grant access, the getAuthorizationUrl() link (/authorize), and the state kept in the
 * state file until a reset to the demo data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AUTH } from '../../dev/runtime/authorization';
import type { ExecutionResult } from '../../dev/runtime/execution';
import type { HostSnapshot } from '../../dev/runtime/host';
import { startSimulator } from '../../dev/simulator/server';
import { ACTIONS } from '../../src/ui/actions';

const EMAIL = `${AUTH}userinfo.email`;
const EXECUTE = `${AUTH}gmail.addons.execute`;

interface InstallAnswer {
  installCase: string;
  scope?: string;
  granted: string[];
  missing: string[];
  domainPartial: boolean;
  explanation: string;
  error?: string;
}

describe('the simulator’s install states', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let stateFile: string;

  const post = async <T>(route: string, body: unknown): Promise<{ status: number; json: T }> => {
    const response = await fetch(`${sim.url}${route}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as T };
  };
  const setCase = (identityId: string, installCase: string, scope?: string) =>
    post<InstallAnswer>('/api/install', { identityId, installCase, scope });
  const homepage = async (identityId = 'anna'): Promise<ExecutionResult> =>
    (
      await post<ExecutionResult>('/api/execute', {
        identityId,
        functionName: 'onHomepage',
        kind: 'homepage',
      })
    ).json;
  const stored = (): HostSnapshot => JSON.parse(fs.readFileSync(stateFile, 'utf8')) as HostSnapshot;

  beforeAll(async () => {
    stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rc-install-')), 'state.json');
    sim = await startSimulator({ stateFile, log: () => undefined });
  });
  afterAll(() => sim.close());

  it('starts with everyone admin-installed and every scope granted', async () => {
    const view = (await (await fetch(`${sim.url}/api/install?identity=anna`)).json()) as InstallAnswer;
    expect(view).toMatchObject({ installCase: 'admin', missing: [], domainPartial: false });
    const result = await homepage();
    expect(result.ok).toBe(true);
    expect(result.authorizationPrompt).toBeUndefined();
    expect(result.refused).toBeUndefined();
  });

  it.each([
    ['an unknown case', { identityId: 'anna', installCase: 'everything' }, 'installCase must be one of'],
    ['an unknown identity', { identityId: 'mallory', installCase: 'admin' }, 'Unknown identity'],
    [
      'a declined case without a scope',
      { identityId: 'anna', installCase: 'declined' },
      'scope must be one of',
    ],
    [
      'a scope the manifest does not declare',
      { identityId: 'anna', installCase: 'updateNotGranted', scope: `${AUTH}spreadsheets` },
      'scope must be one of',
    ],
    ['a JSON array', [], 'Expected a JSON object'],
  ])('answers %s with 400 and changes nothing', async (_label, body, message) => {
    const before = JSON.stringify(stored().authorization ?? {});
    const answer = await post<InstallAnswer>('/api/install', body);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toContain(message);
    expect(JSON.stringify(stored().authorization ?? {})).toBe(before);
  });

  it('refuses consent to a scope the manifest does not declare', async () => {
    const answer = await post<InstallAnswer>('/api/consent', { identityId: 'anna', scopes: ['x'] });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toContain('scopes must list scopes of the manifest');
  });

  it('(c) org unit not turned on: the homepage does not run at all', async () => {
    expect((await setCase('anna', 'orgUnitOff')).json.installCase).toBe('orgUnitOff');
    const result = await homepage();
    expect(result).toMatchObject({ ok: false, calls: {}, refused: { reason: 'notTurnedOn' } });
    // Only Anna: Ben, of the same domain, still has it.
    expect((await homepage('ben')).ok).toBe(true);
  });

  it('(d) without gmail.addons.execute: Google’s authorization card, until the user allows', async () => {
    await setCase('anna', 'declined', EXECUTE);
    const result = await homepage();
    expect(result.refused).toMatchObject({ reason: 'addOnNotAuthorized', scopes: [EXECUTE] });
    // The consent link points at this simulator.
    expect(result.refused?.url?.startsWith(`${sim.url}/authorize?`)).toBe(true);
    await post('/api/consent', { identityId: 'anna', scopes: [EXECUTE] });
    expect((await homepage()).ok).toBe(true);
  });

  it('(d) without userinfo.email: the add-on runs; its grant action ends in Google’s consent prompt', async () => {
    await setCase('anna', 'declined', EMAIL);
    expect((await homepage()).ok).toBe(true);
    const grant = await post<ExecutionResult>('/api/execute', {
      identityId: 'anna',
      functionName: ACTIONS.grantAccess,
      kind: 'action',
      parameters: { scopes: EMAIL },
    });
    expect(grant.status).toBe(200);
    expect(grant.json).toMatchObject({
      ok: false,
      authorizationPrompt: { scopes: [EMAIL], by: 'requireScopes' },
    });
    expect(new URL(grant.json.authorizationPrompt?.url ?? '').searchParams.get('login_hint')).toBe(
      'anna.schmidt@kunde-gmbh.de',
    );
    const allowed = await post<InstallAnswer>('/api/consent', { identityId: 'anna', scopes: [EMAIL] });
    expect(allowed.json).toMatchObject({ installCase: 'individual', missing: [] });
  });

  it('(e) a scope an update added is missing for the whole domain until the admin grants access', async () => {
    const set = await setCase('ben', 'updateNotGranted', EMAIL);
    expect(set.json).toMatchObject({ installCase: 'updateNotGranted', scope: EMAIL, domainPartial: true });
    expect(set.json.explanation).toContain('Partially granted');
    await setCase('anna', 'admin'); // Anna follows the domain again: admin install, fully granted
    expect((await setCase('ben', 'updateNotGranted', EMAIL)).json.missing).toEqual([EMAIL]);
    const anna = (await (await fetch(`${sim.url}/api/install?identity=anna`)).json()) as InstallAnswer;
    expect(anna).toMatchObject({ installCase: 'updateNotGranted', missing: [EMAIL] });
    expect(stored().authorization?.domains['kunde-gmbh.de']).toBeDefined();
    const granted = await post<InstallAnswer>('/api/install/grant-access', { identityId: 'anna' });
    expect(granted.json).toMatchObject({ installCase: 'admin', missing: [], domainPartial: false });
    expect(stored().authorization?.domains['kunde-gmbh.de']).toBeUndefined();
  });

  it('leads the getAuthorizationUrl() link to the page, signed in as its user, with the prompt open', async () => {
    const response = await fetch(
      `${sim.url}/authorize?${new URLSearchParams({ scope: EMAIL, login_hint: 'Ben.Weber@kunde-gmbh.de' }).toString()}`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '', sim.url);
    expect(location.pathname).toBe('/');
    expect(location.searchParams.get('identity')).toBe('ben');
    expect(location.searchParams.get('consent')).toBe(EMAIL);
  });

  it('keeps the states in the state file; a reset to the demo data puts everyone back to (a)', async () => {
    await setCase('carla', 'orgUnitOff');
    expect(stored().authorization?.users['carla.meyer@acme-logistik.de']?.install).toBe('orgUnitOff');
    expect((await post('/api/reset', {})).status).toBe(200);
    const carla = (await (await fetch(`${sim.url}/api/install?identity=carla`)).json()) as InstallAnswer;
    expect(carla.installCase).toBe('admin');
    expect(stored().authorization).toEqual({ domains: {}, users: {} });
  });
});
