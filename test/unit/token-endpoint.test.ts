/**
 * Utilities' signing and the token endpoint stand-in: a script-made JWT verifies with node crypto
 * and is exchanged; a bad signature, a wrong aud, an expired exp are refused as Google does.
 */
import crypto from 'node:crypto';
import { LocalRuntime } from '../../dev/runtime/runtime';
import {
  answerTokenRequest,
  DATASTORE_SCOPE,
  generateTestKey,
  GOOGLE_TOKEN_URL,
  signJwt,
  startTokenEndpoint,
  type TokenEndpoint,
  type TokenEndpointConfig,
} from '../../dev/runtime/token-endpoint';

const identity = { email: 'owner@vendor.example', locale: 'en', timeZone: 'Etc/UTC' };
const EMAIL = 'connect@vendor-project.iam.gserviceaccount.com';
const key = generateTestKey();
const other = generateTestKey();
const config: TokenEndpointConfig = {
  clientEmail: EMAIL,
  publicKeyPem: key.publicKeyPem,
  audience: GOOGLE_TOKEN_URL,
  requiredScope: DATASTORE_SCOPE,
};

function runScript(body: string, parameters: Record<string, string> = {}, routes?: Record<string, string>) {
  const runtime = new LocalRuntime({
    bundle: { code: `function main(e) { var p = e.parameters || {}; ${body} }`, manifest: {} },
    validateCards: false,
    urlFetchRoutes: routes,
  });
  return runtime.run({ functionName: 'main', identity, event: { parameters }, invokedBy: 'editor' });
}

const form = (assertion: string): string =>
  new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString();

function claims(now: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: EMAIL,
    scope: DATASTORE_SCOPE,
    aud: GOOGLE_TOKEN_URL,
    iat: now,
    exp: now + 3600,
    ...overrides,
  };
}

describe('Utilities', () => {
  it('signs with RS256 as Apps Script does: signed bytes node crypto verifies', () => {
    const result = runScript(`return Utilities.computeRsaSha256Signature(p.input, p.key);`, {
      input: 'header.claims ü',
      key: key.privateKeyPem,
    });
    const bytes = result.value as number[];
    expect(bytes).toHaveLength(256);
    expect(bytes.every((b) => Number.isInteger(b) && b >= -128 && b <= 127)).toBe(true);
    expect(bytes.some((b) => b < 0)).toBe(true);
    const signature = Buffer.from(bytes.map((b) => b & 0xff));
    expect(crypto.verify('sha256', Buffer.from('header.claims ü'), key.publicKeyPem, signature)).toBe(true);
    expect(result.budgetCalls).toBe(0);
  });

  it('rejects a key that is not a PEM private key', () => {
    expect(runScript(`Utilities.computeRsaSha256Signature('x', 'nope');`).error?.message).toBe(
      'Invalid argument: key',
    );
  });

  it('encodes and decodes base64 as Apps Script does (web-safe keeps its padding)', () => {
    const result = runScript(`
      var bytes = Utilities.base64Decode(Utilities.base64Encode('ü?>'));
      return { plain: Utilities.base64Encode('ü?>'), safe: Utilities.base64EncodeWebSafe('ü?>'),
        fromBytes: Utilities.base64EncodeWebSafe([-1, -2, 0]), bytes: bytes,
        text: Utilities.newBlob(bytes).getDataAsString(), blobBytes: Utilities.newBlob('é').getBytes(),
        safeDecoded: Utilities.base64DecodeWebSafe('__4A'),
        uuid: Utilities.getUuid(), charset: String(Utilities.Charset.UTF_8),
        digest: Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc').length };`);
    expect(result.error).toBeUndefined();
    const value = result.value as Record<string, unknown>;
    expect(value.plain).toBe(Buffer.from('ü?>').toString('base64'));
    expect(value.safe).toBe(Buffer.from('ü?>').toString('base64').replace(/\+/g, '-').replace(/\//g, '_'));
    expect(value.fromBytes).toBe('__4A');
    expect(value.bytes).toEqual([-61, -68, 63, 62]);
    expect(value.text).toBe('ü?>');
    expect(value.blobBytes).toEqual([-61, -87]);
    expect(value.safeDecoded).toEqual([-1, -2, 0]);
    expect(value.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(value.charset).toBe('UTF_8');
    expect(value.digest).toBe(32);
    expect(runScript(`Utilities.base64Decode('***');`).error?.message).toBe('Could not decode string.');
  });
});

describe('answerTokenRequest', () => {
  const now = 1_800_000_000;
  it('issues a ya29 token for a good JWT', () => {
    const answer = answerTokenRequest(form(signJwt(claims(now), key.privateKeyPem)), config, now);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
    expect(String(answer.body.access_token)).toMatch(/^ya29\./);
  });

  it.each([
    ['a bad signature', signJwt(claims(now), other.privateKeyPem), 'invalid_grant', 'Invalid JWT Signature.'],
    [
      'a wrong aud',
      signJwt(claims(now, { aud: 'https://example.com/token' }), key.privateKeyPem),
      'invalid_grant',
      'Failed audience check',
    ],
    ['an expired exp', signJwt(claims(now - 4000), key.privateKeyPem), 'invalid_grant', 'short-lived token'],
    [
      'a lifetime over an hour',
      signJwt(claims(now, { exp: now + 3601 }), key.privateKeyPem),
      'invalid_grant',
      'short-lived token',
    ],
    [
      'another issuer',
      signJwt(claims(now, { iss: 'x@y.iam.gserviceaccount.com' }), key.privateKeyPem),
      'invalid_grant',
      'account not found',
    ],
    [
      'no datastore scope',
      signJwt(claims(now, { scope: 'https://www.googleapis.com/auth/drive' }), key.privateKeyPem),
      'invalid_scope',
      'Invalid OAuth scope',
    ],
    ['no JWT at all', 'abc', 'invalid_grant', 'malformed'],
  ])('refuses %s', (_name, assertion, error, description) => {
    const answer = answerTokenRequest(form(assertion), config, now);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe(error);
    expect(String(answer.body.error_description)).toContain(description);
  });

  it('refuses another grant type', () => {
    expect(answerTokenRequest('grant_type=password', config, now).body.error).toBe('unsupported_grant_type');
  });
});

describe('the token endpoint stand-in', () => {
  let endpoint: TokenEndpoint;
  beforeAll(async () => {
    endpoint = await startTokenEndpoint({ clientEmail: EMAIL, publicKeyPem: key.publicKeyPem });
  });
  afterAll(async () => {
    await endpoint.close();
  });

  /** A JWT made in the script with Utilities, exchanged with UrlFetchApp at Google's token URL. */
  const exchange = `
    function enc(o) { return Utilities.base64EncodeWebSafe(JSON.stringify(o)).replace(/=+$/, ''); }
    var now = Math.floor(Date.now() / 1000) + Number(p.shift || 0);
    var input = enc({ alg: 'RS256', typ: 'JWT' }) + '.' + enc({ iss: p.email, scope: p.scope,
      aud: 'https://oauth2.googleapis.com/token', iat: now, exp: now + 3600 });
    var jwt = input + '.' + Utilities.base64EncodeWebSafe(Utilities.computeRsaSha256Signature(input, p.key)).replace(/=+$/, '');
    var r = UrlFetchApp.fetch('https://oauth2.googleapis.com/token', { method: 'post', muteHttpExceptions: true,
      payload: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt } });
    return { code: r.getResponseCode(), body: JSON.parse(r.getContentText()) };`;

  it('exchanges a JWT the script signed, and refuses one signed with another key', () => {
    const routes = { 'https://oauth2.googleapis.com': endpoint.origin };
    const params = { email: EMAIL, scope: DATASTORE_SCOPE, key: key.privateKeyPem };
    const good = runScript(exchange, params, routes);
    expect(good.error).toBeUndefined();
    expect(good.value).toMatchObject({ code: 200, body: { token_type: 'Bearer', expires_in: 3600 } });
    expect(good.httpRequests).toBe(1);
    expect(endpoint.exchanges).toBe(1);
    const bad = runScript(exchange, { ...params, key: other.privateKeyPem }, routes);
    expect(bad.value).toEqual({
      code: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    });
    expect(endpoint.exchanges).toBe(1);
    expect(endpoint.rejections).toBe(1);
  });

  it('follows the clock it is given', () => {
    const routes = { 'https://oauth2.googleapis.com': endpoint.origin };
    const params = { email: EMAIL, scope: DATASTORE_SCOPE, key: key.privateKeyPem, shift: String(-7200) };
    expect((runScript(exchange, params, routes).value as { code: number }).code).toBe(400);
    endpoint.setNow(Date.now() - 7200_000);
    expect((runScript(exchange, params, routes).value as { code: number }).code).toBe(200);
    endpoint.setNow(Date.now());
  });
});
