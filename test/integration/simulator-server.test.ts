/**
 * The simulator's server against bad input: each failure gets a clear message, the server keeps
 * answering, and the stored state is unchanged. Also: state survives a restart, reset restores the
 * demo data.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startSimulator } from '../../dev/simulator/server';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rc-sim-'));
}

async function post(url: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** What is stored, without the build status that the same answer carries. */
async function storedState(url: string): Promise<string> {
  const { script, user } = (await (await fetch(`${url}/api/state?identity=carla`)).json()) as Record<
    string,
    unknown
  >;
  return JSON.stringify({ script, user });
}

describe('the simulator server', () => {
  const logs: string[] = [];
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let stateFile: string;

  beforeAll(async () => {
    stateFile = path.join(tempDir(), 'state.json');
    sim = await startSimulator({ stateFile, log: (line) => logs.push(line) });
  });
  afterAll(() => sim.close());

  it('starts with the demo data, persisted to its state file', async () => {
    const state = JSON.parse(await storedState(sim.url)) as { script: { entries: { key: string }[] } };
    const keys = state.script.entries.map((e) => e.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'd:acme-logistik.de',
        'd:hafen-spedition.at',
        'd:direct-buyer.co.uk',
        'r:meta',
      ]),
    );
    expect(fs.existsSync(stateFile)).toBe(true);
  });

  it.each([
    ['malformed JSON', '{"identityId": ', 400, 'not valid JSON'],
    ['a JSON array', '[]', 400, 'Expected a JSON object'],
    [
      'a missing function name',
      '{"identityId":"anna","kind":"homepage"}',
      400,
      'functionName must be a string',
    ],
    [
      'an unknown identity',
      '{"identityId":"mallory","functionName":"onHomepage","kind":"homepage"}',
      400,
      'Unknown identity',
    ],
    [
      'a function name that is no name',
      '{"identityId":"anna","functionName":"x; drop()","kind":"action"}',
      400,
      'is not a function name',
    ],
    [
      'an unknown function',
      '{"identityId":"anna","functionName":"onNothing","kind":"action"}',
      404,
      'Script function not found: onNothing',
    ],
    [
      'parameters that are not strings',
      '{"identityId":"anna","functionName":"onHomepage","kind":"action","parameters":{"a":1}}',
      400,
      'parameters.a must be a string',
    ],
    ['a bad kind', '{"identityId":"anna","functionName":"onHomepage","kind":"other"}', 400, 'kind must be'],
  ])('answers %s with a clear message and changes nothing', async (_label, body, status, message) => {
    const before = await storedState(sim.url);
    const answer = await post(`${sim.url}/api/execute`, body);
    expect(answer.status).toBe(status);
    expect(String(answer.json.error)).toContain(message);
    expect(await storedState(sim.url)).toBe(before);
  });

  it('refuses a body over 64 KB and keeps running', async () => {
    const before = await storedState(sim.url);
    const huge = JSON.stringify({
      identityId: 'anna',
      functionName: 'onHomepage',
      kind: 'action',
      parameters: { x: 'y'.repeat(70_000) },
    });
    const answer = await post(`${sim.url}/api/execute`, huge);
    expect(answer.status).toBe(413);
    expect(String(answer.json.error)).toContain('larger than 64 KB');
    const homepage = await post(
      `${sim.url}/api/execute`,
      '{"identityId":"carla","functionName":"onHomepage","kind":"homepage"}',
    );
    expect(homepage.status).toBe(200);
    expect(await storedState(sim.url)).toBe(before);
  });

  it('answers an address it cannot parse with 400', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${sim.url}//`, { method: 'GET' }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(400);
  });

  it('answers an unknown page with 404 and a message', async () => {
    const response = await fetch(`${sim.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain('No such page');
  });

  it('keeps serving the last good bundle, and says so, when a build fails', async () => {
    sim.simulator.reloadBundle('src/index.ts(3,1): error TS1005: ";" expected.');
    const boot = (await (await fetch(`${sim.url}/api/bootstrap`)).json()) as {
      build: { ok: boolean; message: string };
    };
    expect(boot.build.ok).toBe(false);
    expect(boot.build.message).toContain('error TS1005');
    expect(logs.join('\n')).toContain('failed to build');
    const homepage = await post(
      `${sim.url}/api/execute`,
      '{"identityId":"carla","functionName":"onHomepage","kind":"homepage"}',
    );
    expect(homepage.json.ok).toBe(true);
    sim.simulator.reloadBundle();
    expect(sim.simulator.build.ok).toBe(true);
  });

  it('keeps what the add-on stored across a restart, and resets to the demo data on request', async () => {
    const confirm = await post(
      `${sim.url}/api/execute`,
      JSON.stringify({ identityId: 'anna', functionName: 'onAnswerDirect', kind: 'action' }),
    );
    expect(confirm.json.ok).toBe(true);
    const after = await storedState(sim.url);
    expect(after).toContain('d:kunde-gmbh.de');

    const again = await startSimulator({ stateFile, log: () => undefined });
    try {
      expect(await storedState(again.url)).toBe(after);
      const reset = await post(`${again.url}/api/reset`, '{}');
      expect(reset.json.ok).toBe(true);
      expect(await storedState(again.url)).not.toContain('d:kunde-gmbh.de');
    } finally {
      await again.close();
    }
  });
});

describe('an action that throws', () => {
  it('is reported with its message, logged, and changes nothing', async () => {
    const buildDir = tempDir();
    fs.writeFileSync(
      path.join(buildDir, 'Code.js'),
      `function onHomepage() { return CardService.newCardBuilder().setHeader(CardService.newCardHeader().setTitle('t')).addSection(CardService.newCardSection().addWidget(CardService.newTextParagraph().setText('x'))).build(); }
       function boom() { throw new Error('kaput'); }
       function onConfirmReseller() { return CardService.newActionResponseBuilder().build(); }
       function onAnswerDirect() { return CardService.newActionResponseBuilder().build(); }
       function onSubmitChangeRequest() { return CardService.newActionResponseBuilder().build(); }`,
    );
    fs.writeFileSync(path.join(buildDir, 'appsscript.json'), JSON.stringify({ timeZone: 'Etc/UTC' }));
    const logs: string[] = [];
    const sim = await startSimulator({
      stateFile: path.join(tempDir(), 'state.json'),
      buildDir,
      log: (l) => logs.push(l),
    });
    try {
      const answer = await post(
        `${sim.url}/api/execute`,
        '{"identityId":"anna","functionName":"boom","kind":"action"}',
      );
      expect(answer.status).toBe(200);
      expect(answer.json.ok).toBe(false);
      expect((answer.json.error as { message: string }).message).toBe('kaput');
      expect(logs.join('\n')).toContain('boom failed: kaput');
      const homepage = await post(
        `${sim.url}/api/execute`,
        '{"identityId":"anna","functionName":"onHomepage","kind":"homepage"}',
      );
      expect(homepage.json.ok).toBe(true);
    } finally {
      await sim.close();
    }
  });
});

describe('a reset that fails half-way', () => {
  it('keeps what was stored, in memory and on disk', async () => {
    const buildDir = tempDir();
    fs.writeFileSync(
      path.join(buildDir, 'Code.js'),
      `function onHomepage() { PropertiesService.getUserProperties().setProperty('seen', String(Date.now())); return CardService.newCardBuilder().setHeader(CardService.newCardHeader().setTitle('t')).addSection(CardService.newCardSection().addWidget(CardService.newTextParagraph().setText('x'))).build(); }
       function onConfirmReseller() { throw new Error('seeding breaks here'); }`,
    );
    fs.writeFileSync(path.join(buildDir, 'appsscript.json'), JSON.stringify({ timeZone: 'Etc/UTC' }));
    const stateFile = path.join(tempDir(), 'state.json');
    fs.writeFileSync(
      stateFile,
      JSON.stringify({
        version: 1,
        clockOffsetMs: 0,
        scriptProperties: { 'd:keep.de': 'D\\tabc\\tu\\tx\\t' },
        userProperties: {},
      }),
    );
    const sim = await startSimulator({ stateFile, buildDir, log: () => undefined });
    try {
      const reset = await post(`${sim.url}/api/reset`, '{}');
      expect(reset.status).toBe(500);
      expect(String(reset.json.error)).toContain('seeding breaks here');
      // Any later execution that writes persists the state: it must still be the one from before.
      await post(
        `${sim.url}/api/execute`,
        '{"identityId":"anna","functionName":"onHomepage","kind":"homepage"}',
      );
      const onDisk = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as {
        scriptProperties: Record<string, string>;
      };
      expect(Object.keys(onDisk.scriptProperties)).toEqual(['d:keep.de']);
    } finally {
      await sim.close();
    }
  });
});
