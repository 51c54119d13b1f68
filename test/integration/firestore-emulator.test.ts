/**
 * The local runtime against Google's Firestore emulator: a script signs a service account's JWT,
 * exchanges it at the token endpoint stand-in and writes through Firestore's REST API with
 * UrlFetchApp, both reached at their Google addresses (routed to loopback) under the manifest's
 * whitelist. A create with `currentDocument.exists=false` on an existing document answers 409.
 * Skipped, with one line saying why, where gcloud is missing or FIRESTORE_EMULATOR=off.
 */
import { emulatorUnavailable, findGcloud, startFirestoreEmulator } from '../../dev/firestore/emulator';
import { LocalRuntime, type Manifest } from '../../dev/runtime/runtime';
import {
  DATASTORE_SCOPE,
  generateTestKey,
  startTokenEndpoint,
  type TokenEndpoint,
} from '../../dev/runtime/token-endpoint';
import { describeFirestore, emulatorRunning } from '../support/firestore-emulator';

const PROJECT = 'reseller-connect-test';
const EMAIL = 'connect@reseller-connect-test.iam.gserviceaccount.com';
const identity = { email: 'owner@vendor.example', locale: 'en', timeZone: 'Etc/UTC' };
const manifest: Manifest = {
  oauthScopes: ['https://www.googleapis.com/auth/script.external_request'],
  urlFetchWhitelist: ['https://firestore.googleapis.com/v1/', 'https://oauth2.googleapis.com/token'],
};

/** The script: a token (once per execution), then the same create twice. */
const CODE = `
function token(p) {
  function enc(o) { return Utilities.base64EncodeWebSafe(JSON.stringify(o)).replace(/=+$/, ''); }
  var now = Math.floor(Date.now() / 1000);
  var input = enc({ alg: 'RS256', typ: 'JWT' }) + '.' + enc({ iss: p.email, scope: p.scope,
    aud: 'https://oauth2.googleapis.com/token', iat: now, exp: now + 3600 });
  var jwt = input + '.' + Utilities.base64EncodeWebSafe(Utilities.computeRsaSha256Signature(input, p.key)).replace(/=+$/, '');
  var r = UrlFetchApp.fetch('https://oauth2.googleapis.com/token', { method: 'post',
    payload: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt } });
  return JSON.parse(r.getContentText()).access_token;
}
function create(p, bearer) {
  var url = 'https://firestore.googleapis.com/v1/projects/' + p.project + '/databases/(default)/documents/orgs'
    + '?documentId=' + encodeURIComponent(p.doc) + '&currentDocument.exists=false';
  return UrlFetchApp.fetch(url, { method: 'post', contentType: 'application/json', muteHttpExceptions: true,
    headers: { Authorization: 'Bearer ' + bearer },
    payload: JSON.stringify({ fields: { reseller: { stringValue: p.reseller } } }) });
}
function twice(e) {
  var p = e.parameters, bearer = token(p);
  var first = create(p, bearer), second = create(p, bearer);
  return { first: first.getResponseCode(), name: JSON.parse(first.getContentText()).name,
    second: second.getResponseCode(), status: JSON.parse(second.getContentText()).error.status };
}
function once(e) {
  var p = e.parameters, r = create(p, token(p));
  return r.getResponseCode();
}`;

describe('the Firestore emulator helper', () => {
  it('skips when switched off or without gcloud, saying where it looked', async () => {
    expect(await startFirestoreEmulator({ FIRESTORE_EMULATOR: 'off' })).toEqual({
      ok: false,
      reason: 'Firestore tests skipped: the emulator is switched off (FIRESTORE_EMULATOR=off)',
    });
    const missing = ['/nonexistent/gcloud'];
    expect(findGcloud({ PATH: '' }, missing)).toEqual({ looked: missing });
    expect(emulatorUnavailable({ PATH: '/nowhere' }, missing)).toBe(
      'Firestore tests skipped: no gcloud found (looked in PATH and /nonexistent/gcloud)',
    );
  });
});

describeFirestore('UrlFetchApp against the Firestore emulator', (handle) => {
  const key = generateTestKey();
  let endpoint: TokenEndpoint;
  beforeAll(async () => {
    endpoint = await startTokenEndpoint({ clientEmail: EMAIL, publicKeyPem: key.publicKeyPem });
  });
  afterAll(async () => {
    await endpoint.close();
  });

  function runtime(): LocalRuntime {
    return new LocalRuntime({
      bundle: { code: CODE, manifest },
      validateCards: false,
      urlFetchRoutes: {
        'https://oauth2.googleapis.com': endpoint.origin,
        'https://firestore.googleapis.com': handle.emulator.origin,
      },
    });
  }
  const parameters = (doc: string) => ({
    project: PROJECT,
    doc,
    reseller: 'r1',
    email: EMAIL,
    scope: DATASTORE_SCOPE,
    key: key.privateKeyPem,
  });

  it('creates a document once: the second create with exists=false answers 409', async () => {
    if (!emulatorRunning(handle)) return;
    await handle.emulator.reset(PROJECT);
    const before = endpoint.exchanges;
    const result = runtime().run({
      functionName: 'twice',
      identity,
      event: { parameters: parameters('example.com') },
      invokedBy: 'editor',
    });
    expect(result.error).toBeUndefined();
    expect(result.value).toEqual({
      first: 200,
      name: `projects/${PROJECT}/databases/(default)/documents/orgs/example.com`,
      second: 409,
      status: 'ALREADY_EXISTS',
    });
    expect(result.httpRequests).toBe(3);
    expect(endpoint.exchanges - before).toBe(1);
  });

  it('lets exactly one of concurrent creates win', async () => {
    if (!emulatorRunning(handle)) return;
    const request = {
      functionName: 'once',
      identity,
      event: { parameters: parameters('race.example') },
      invokedBy: 'editor' as const,
    };
    const results = await runtime().runConcurrently(Array.from({ length: 6 }, () => request));
    const codes = results.map((r) => r.value).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409]);
  });
});
