/** The UrlFetchApp fake: synchronous, loopback only, the manifest's whitelist, Apps Script's errors. */
import { LocalRuntime, type Manifest } from '../../dev/runtime/runtime';
import { whitelisted } from '../../dev/runtime/url-fetch';
import { startThreadServer, type ThreadServer } from '../support/thread-server';

const identity = { email: 'owner@vendor.example', locale: 'en', timeZone: 'Etc/UTC' };
const EXTERNAL = 'https://www.googleapis.com/auth/script.external_request';

/** A runtime over a script whose `main(e)` runs `body` with e.parameters as `p`. */
function runtimeFor(body: string, manifest: Manifest = {}, routes?: Record<string, string>): LocalRuntime {
  const code = `function main(e) { var p = e.parameters || {}; ${body} }`;
  return new LocalRuntime({ bundle: { code, manifest }, validateCards: false, urlFetchRoutes: routes });
}

function run(runtime: LocalRuntime, parameters: Record<string, string> = {}) {
  return runtime.run({ functionName: 'main', identity, event: { parameters }, invokedBy: 'editor' });
}

let server: ThreadServer;
beforeAll(async () => {
  server = await startThreadServer();
});
afterAll(async () => {
  await server.close();
});

describe('UrlFetchApp.fetch', () => {
  it('blocks until the answer is in and types the response as HTTPResponse', () => {
    const runtime = runtimeFor(`
      var r = UrlFetchApp.fetch(p.base + '/echo?x=1', { method: 'post', payload: { a: 'b c', n: 2 },
        headers: { 'X-Test': 'v' } });
      var json = JSON.parse(r.getContentText());
      return { code: r.getResponseCode(), json: json, custom: r.getHeaders()['X-Custom'],
        blob: r.getBlob().getDataAsString(), isArray: r.getContent() instanceof Array };`);
    const result = run(runtime, { base: server.origin });
    expect(result.error).toBeUndefined();
    const value = result.value as {
      code: number;
      json: { method: string; path: string; headers: Record<string, string>; body: string };
      custom: string;
      blob: string;
      isArray: boolean;
    };
    expect(value.code).toBe(200);
    expect(value.json.method).toBe('POST');
    expect(value.json.path).toBe('/echo?x=1');
    expect(value.json.body).toBe('a=b+c&n=2');
    expect(value.json.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(value.json.headers['x-test']).toBe('v');
    expect(value.json.headers['user-agent']).toContain('Google-Apps-Script');
    expect(value.custom).toBe('yes');
    expect(JSON.parse(value.blob)).toEqual(value.json);
    expect(value.isArray).toBe(true);
    expect(result.calls['UrlFetchApp.fetch']).toBe(1);
    expect(result.httpRequests).toBe(1);
    expect(result.httpBytesSent).toBe('a=b+c&n=2'.length);
    expect(result.httpBytesReceived).toBeGreaterThan(50);
    expect(result.budgetCalls).toBe(1);
  });

  it('sends a string payload with its contentType', () => {
    const runtime = runtimeFor(`
      return JSON.parse(UrlFetchApp.fetch(p.base + '/echo', { method: 'PATCH',
        contentType: 'application/json', payload: JSON.stringify({ k: 'ü' }) }).getContentText());`);
    const value = run(runtime, { base: server.origin }).value as {
      method: string;
      body: string;
      headers: object;
    };
    expect(value.method).toBe('PATCH');
    expect(value.body).toBe('{"k":"ü"}');
    expect(value.headers).toMatchObject({ 'content-type': 'application/json' });
  });

  it('throws on 4xx/5xx as Apps Script does, and returns the response with muteHttpExceptions', () => {
    const runtime = runtimeFor(`
      var muted = UrlFetchApp.fetch(p.base + '/status/409', { muteHttpExceptions: true });
      var out = { muted: muted.getResponseCode() };
      try { UrlFetchApp.fetch(p.base + '/status/503'); } catch (e) { out.error = e.message; out.isError = e instanceof Error; }
      return out;`);
    const value = run(runtime, { base: server.origin }).value as {
      muted: number;
      error: string;
      isError: boolean;
    };
    expect(value.muted).toBe(409);
    expect(value.isError).toBe(true);
    expect(value.error).toBe(
      `Request failed for ${server.origin} returned code 503. Truncated server response: status 503 ` +
        `${'x'.repeat(89)}... (use muteHttpExceptions option to examine full response)`,
    );
  });

  it('follows redirects unless told not to, counting each round trip', () => {
    const runtime = runtimeFor(`
      var followed = UrlFetchApp.fetch(p.base + '/redirect');
      var kept = UrlFetchApp.fetch(p.base + '/redirect', { followRedirects: false });
      return { path: JSON.parse(followed.getContentText()).path, kept: kept.getResponseCode(),
        location: kept.getHeaders()['Location'] };`);
    const result = run(runtime, { base: server.origin });
    expect(result.value).toEqual({ path: '/echo?from=redirect', kept: 302, location: '/echo?from=redirect' });
    expect(result.httpRequests).toBe(3);
  });

  it('keeps several values of a header as an array in getAllHeaders', () => {
    const runtime = runtimeFor(`
      var r = UrlFetchApp.fetch(p.base + '/cookies');
      return { all: r.getAllHeaders()['Set-Cookie'], one: r.getHeaders()['Set-Cookie'] };`);
    expect(run(runtime, { base: server.origin }).value).toEqual({ all: ['a=1', 'b=2'], one: 'b=2' });
  });

  it('reaches loopback only; another host throws before anything is sent', () => {
    const before = server.requests;
    const runtime = runtimeFor(`UrlFetchApp.fetch('https://example.com/');`);
    const result = run(runtime);
    expect(result.ok).toBe(false);
    expect(result.error?.message).toContain('reaches only loopback hosts');
    expect(result.error?.message).toContain('https://example.com');
    expect(result.httpRequests).toBe(0);
    expect(server.requests).toBe(before);
    expect(run(runtimeFor(`UrlFetchApp.fetch('not a url');`)).error?.message).toBe(
      'Invalid argument: not a url',
    );
  });

  it('routes a Google origin to a loopback stand-in, after checking the whitelist on the real URL', () => {
    const manifest = { urlFetchWhitelist: ['https://firestore.googleapis.com/v1/'] };
    const runtime = runtimeFor(
      `var out = { path: JSON.parse(UrlFetchApp.fetch('https://firestore.googleapis.com/v1/projects/p?x=1')
        .getContentText()).path };
      try { UrlFetchApp.fetch('https://firestore.googleapis.com/v2/x'); } catch (e) { out.error = e.message; }
      try { UrlFetchApp.fetch(p.base + '/echo'); } catch (e) { out.loopback = e.message; }
      return out;`,
      manifest,
      { 'https://firestore.googleapis.com': server.origin },
    );
    expect(run(runtime, { base: server.origin }).value).toEqual({
      path: '/v1/projects/p?x=1',
      error:
        'Request to https://firestore.googleapis.com/v2/x failed because the URL has not been whitelisted in the script manifest.',
      loopback: `Request to ${server.origin}/echo failed because the URL has not been whitelisted in the script manifest.`,
    });
  });

  it('needs script.external_request when the manifest declares scopes', () => {
    const code = `return UrlFetchApp.fetch(p.base + '/echo').getResponseCode();`;
    const without = run(
      runtimeFor(code, { oauthScopes: ['https://www.googleapis.com/auth/userinfo.email'] }),
      {
        base: server.origin,
      },
    );
    expect(without.error?.message).toBe(
      `You do not have permission to call UrlFetchApp.fetch. Required permissions: ${EXTERNAL}`,
    );
    expect(run(runtimeFor(code, { oauthScopes: [EXTERNAL] }), { base: server.origin }).value).toBe(200);
  });
});

describe('UrlFetchApp.fetchAll', () => {
  it('sends the requests together and answers in their order, counting each', () => {
    const runtime = runtimeFor(`
      var started = Date.now();
      var rs = UrlFetchApp.fetchAll([
        p.base + '/echo?n=0&wait=300',
        { url: p.base + '/echo?n=1&wait=10', method: 'post', payload: 'x' },
        { url: p.base + '/status/404', muteHttpExceptions: true },
      ]);
      return rs.map(function (r) { return r.getResponseCode() === 200 ? JSON.parse(r.getContentText()).path : r.getResponseCode(); });`);
    const started = Date.now();
    const result = run(runtime, { base: server.origin });
    expect(result.value).toEqual(['/echo?n=0&wait=300', '/echo?n=1&wait=10', 404]);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result.calls['UrlFetchApp.fetchAll']).toBe(1);
    expect(result.httpRequests).toBe(3);
    expect(result.httpBytesSent).toBe(1);
  });

  it('throws when one of them fails unmuted', () => {
    const runtime = runtimeFor(`UrlFetchApp.fetchAll([p.base + '/echo', p.base + '/status/500']);`);
    const result = run(runtime, { base: server.origin });
    expect(result.error?.message).toMatch(/^Request failed for .* returned code 500\./);
    expect(result.httpRequests).toBe(2);
  });

  it('works the same in runConcurrently worker threads', async () => {
    const runtime = runtimeFor(`return UrlFetchApp.fetch(p.base + '/echo?wait=50').getResponseCode();`);
    const request = { functionName: 'main', identity, event: { parameters: { base: server.origin } } };
    const results = await runtime.runConcurrently([request, request, request]);
    expect(results.map((r) => r.value)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.httpRequests)).toEqual([1, 1, 1]);
  });
});

describe('urlFetchWhitelist matching', () => {
  it('follows Google’s prefix rules', () => {
    const list = ['https://example.com/foo', 'https://*.example.org/api/'];
    for (const url of [
      'https://example.com/foo',
      'https://example.com/foo/',
      'https://example.com/foo/bar',
      'https://example.com/foo?bar',
      'https://a.example.org/api/x',
      'https://a.b.example.org/api/',
    ])
      expect([url, whitelisted(url, list)]).toEqual([url, true]);
    for (const url of [
      'https://example.com/foobar',
      'https://example.com/Foo',
      'http://example.com/foo',
      'https://example.org/api/x',
      'https://a.example.org/other',
    ])
      expect([url, whitelisted(url, list)]).toEqual([url, false]);
    expect(whitelisted('https://anything/', undefined)).toBe(true);
  });
});
