/**
 * The service account's sign-in: the JWT (src/domain/jwt.ts) checked with node's crypto, the token
 * exchange and its cache (src/store/firestore-token.ts), Apps Script's side of it
 * (src/platform/firestore-auth.ts on stand-ins of Utilities, UrlFetchApp and CacheService), and the
 * configuration (src/store/firestore-config.ts). The private key must appear in no thrown message
 * and no console line: every test's console output is collected and checked at the end.
 */
import crypto from 'node:crypto';
import util from 'node:util';
import { base64Url, base64UrlDecode, serviceAccountClaims, signedJwt, utf8Bytes } from '../../src/domain/jwt';
import {
  FIRESTORE_CONFIG_KEY,
  firestoreConfigEntries,
  parseFirestoreConfig,
  readFirestoreConfig,
  type FirestoreConfig,
} from '../../src/store/firestore-config';
import {
  FirestoreAuthError,
  TOKEN_CACHE_KEY,
  tokenProvider,
  type TokenPorts,
} from '../../src/store/firestore-token';
import type { Cache } from '../../src/store/ports';
import { firestoreAccessToken } from '../../src/platform/firestore-auth';
import { MemoryStore } from '../support/memory-ports';

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const EMAIL = 'reseller-connect@demo-project.iam.gserviceaccount.com';
/** Pieces of the key that must never be seen: its PEM body lines. */
const KEY_LINES = privateKey.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));
const STORED = {
  projectId: 'demo-project',
  clientEmail: EMAIL,
  privateKey,
  tokenUrl: 'http://127.0.0.1:9/token',
};

function leaks(text: string): boolean {
  return KEY_LINES.some((line) => text.includes(line)) || text.includes(privateKey);
}

const output: string[] = [];
beforeEach(() => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      output.push(util.format(...args));
    });
});
afterEach(() => jest.restoreAllMocks());
afterAll(() => {
  expect(output.length).toBeGreaterThan(0);
  expect(output.filter(leaks)).toEqual([]);
});

/** What a throwing call threw, as every place could show it. */
function thrown(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    console.error(error);
    console.log(String(error), JSON.stringify(error));
    return util.inspect(error, { depth: 5 });
  }
  throw new Error('did not throw');
}

const nodeSign = (bytes: number[]): number[] => [...crypto.sign('sha256', Buffer.from(bytes), privateKey)];

function verify(jwt: string): { header: unknown; claims: Record<string, unknown> } {
  const [header, claims, signature] = jwt.split('.') as [string, string, string];
  expect(jwt.split('.')).toHaveLength(3);
  expect(jwt).not.toMatch(/[=+/]/);
  const valid = crypto.verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    publicKey,
    Buffer.from(signature, 'base64url'),
  );
  expect(valid).toBe(true);
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>,
  };
}

describe('the service account JWT', () => {
  it('carries the claims Google asks for and a signature the public key verifies', () => {
    const now = Date.UTC(2026, 4, 1, 12, 0, 0, 789);
    const jwt = signedJwt(serviceAccountClaims(EMAIL, now), { sign: nodeSign });
    const { header, claims } = verify(jwt);
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT' });
    const iat = Math.floor(now / 1000);
    expect(claims).toEqual({
      iss: EMAIL,
      scope: 'https://www.googleapis.com/auth/datastore',
      aud: 'https://oauth2.googleapis.com/token',
      iat,
      exp: iat + 3600,
    });
  });

  it('accepts signed bytes and a padded encoder, as Apps Script gives them', () => {
    const signed = (bytes: number[]) => nodeSign(bytes).map((b) => (b > 127 ? b - 256 : b));
    const padded = (bytes: number[]) =>
      Buffer.from(bytes.map((b) => b & 0xff))
        .toString('base64')
        .replace(/\+/g, '-')
        .replace(/\//g, '_');
    const claims = serviceAccountClaims(EMAIL, 0);
    const jwt = signedJwt(claims, { sign: signed, encode: padded });
    expect(jwt).toBe(signedJwt(claims, { sign: nodeSign }));
    verify(jwt);
  });

  it('encodes base64url and UTF-8 as node does', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = [...crypto.randomBytes(n)];
      expect(base64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      expect(base64UrlDecode(base64Url(bytes))).toEqual(bytes);
    }
    for (const text of ['', 'a', 'Müller', '日本', '😀', 'x\ud800y'])
      expect(utf8Bytes(text)).toEqual([...new TextEncoder().encode(text)]);
  });
});

/** A script cache on a clock: values expire after their ttl. */
class ClockCache implements Cache {
  readonly values = new Map<string, { value: string; until: number }>();
  puts = 0;
  constructor(private readonly clock: { now: number }) {}
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of keys) {
      const hit = this.values.get(key);
      if (hit && hit.until > this.clock.now) out[key] = hit.value;
    }
    return out;
  }
  putAll(values: Record<string, string>, ttlSeconds: number): void {
    this.puts++;
    for (const [key, value] of Object.entries(values))
      this.values.set(key, { value, until: this.clock.now + ttlSeconds * 1000 });
  }
}

/** Google's token endpoint, checking the assertion with the public key. */
function tokenEndpoint(clock: { now: number }) {
  const endpoint = {
    exchanges: 0,
    answer: null as { status: number; body: string } | null,
    postForm(url: string, form: string) {
      expect(url).toBe('http://127.0.0.1:9/token');
      const params = new URLSearchParams(form);
      expect(params.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
      const { claims } = verify(params.get('assertion') as string);
      expect(claims.iat).toBe(Math.floor(clock.now / 1000));
      if (endpoint.answer) return endpoint.answer;
      endpoint.exchanges++;
      return {
        status: 200,
        body: JSON.stringify({
          access_token: `token-${endpoint.exchanges}`,
          expires_in: 3599,
          token_type: 'Bearer',
        }),
      };
    },
  };
  return endpoint;
}

function ports(clock: { now: number }, cache: Cache, endpoint: ReturnType<typeof tokenEndpoint>): TokenPorts {
  return { cache, now: () => clock.now, postForm: endpoint.postForm, sign: nodeSign };
}

describe('the access token', () => {
  const config = (): FirestoreConfig => parseFirestoreConfig(JSON.stringify(STORED));

  it('is exchanged once per lifetime for the whole script, and again five minutes before it expires', () => {
    const clock = { now: Date.UTC(2026, 4, 1) };
    const cache = new ClockCache(clock);
    const endpoint = tokenEndpoint(clock);
    // Several executions (users) one after another, each calling many times.
    for (let execution = 0; execution < 5; execution++) {
      const token = tokenProvider(config(), ports(clock, cache, endpoint));
      for (let call = 0; call < 20; call++) expect(token()).toBe('token-1');
      clock.now += 60_000;
    }
    expect(endpoint.exchanges).toBe(1);
    expect(cache.puts).toBe(1);
    const token = tokenProvider(config(), ports(clock, cache, endpoint));
    // Issued at t0 for 3599 s: used until t0 + 3299 s.
    clock.now = Date.UTC(2026, 4, 1) + 3298_000;
    expect(token()).toBe('token-1');
    clock.now = Date.UTC(2026, 4, 1) + 3299_000;
    expect(token()).toBe('token-2');
    expect(tokenProvider(config(), ports(clock, cache, endpoint))()).toBe('token-2');
    expect(endpoint.exchanges).toBe(2);
    expect(cache.values.get(TOKEN_CACHE_KEY)?.value).not.toContain('BEGIN');
  });

  it('is not taken from the cache for another service account', () => {
    const clock = { now: 0 };
    const cache = new ClockCache(clock);
    const endpoint = tokenEndpoint(clock);
    tokenProvider(config(), ports(clock, cache, endpoint))();
    const other = parseFirestoreConfig(
      JSON.stringify({ ...STORED, clientEmail: 'other@demo-project.iam.gserviceaccount.com' }),
    );
    tokenProvider(other, ports(clock, cache, endpoint))();
    expect(endpoint.exchanges).toBe(2);
  });

  it('says clearly that the key was refused (invalid_grant), without the key or the assertion', () => {
    const clock = { now: 0 };
    const endpoint = tokenEndpoint(clock);
    endpoint.answer = {
      status: 400,
      body: JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }),
    };
    const message = thrown(() => tokenProvider(config(), ports(clock, new ClockCache(clock), endpoint))());
    expect(message).toMatch(
      /FirestoreAuthError: Firestore sign-in: the token endpoint refused the assertion, invalid_grant: Invalid JWT Signature\. \(check the service account email and key/,
    );
    expect(leaks(message)).toBe(false);
    expect(message).not.toMatch(/eyJ/);
  });

  it('cuts key-like text out of what the endpoint says, and names a status without a body', () => {
    const clock = { now: 0 };
    const endpoint = tokenEndpoint(clock);
    endpoint.answer = {
      status: 400,
      body: JSON.stringify({ error: 'invalid_request', error_description: `echo ${privateKey}` }),
    };
    const message = thrown(() => tokenProvider(config(), ports(clock, new ClockCache(clock), endpoint))());
    expect(leaks(message)).toBe(false);
    endpoint.answer = { status: 502, body: '<html>Bad gateway</html>' };
    expect(thrown(() => tokenProvider(config(), ports(clock, new ClockCache(clock), endpoint))())).toMatch(
      /HTTP 502/,
    );
  });

  it('does not pass on a signer error, which could quote the key', () => {
    const clock = { now: 0 };
    const failing: TokenPorts = {
      ...ports(clock, new ClockCache(clock), tokenEndpoint(clock)),
      sign: () => {
        throw new Error(`Invalid argument: key ${privateKey}`);
      },
    };
    const message = thrown(() => tokenProvider(config(), failing)());
    expect(message).toMatch(/cannot sign/);
    expect(leaks(message)).toBe(false);
  });
});

describe('Apps Script’s side (src/platform/firestore-auth.ts)', () => {
  const globals = globalThis as Record<string, unknown>;
  afterEach(() => {
    delete globals.Utilities;
    delete globals.UrlFetchApp;
    delete globals.CacheService;
  });

  it('signs with Utilities, posts the form with UrlFetchApp and caches in the script cache', () => {
    const clock = { now: Date.UTC(2026, 4, 1) };
    const cache = new ClockCache(clock);
    const endpoint = tokenEndpoint(clock);
    const fetches: { url: string; options: Record<string, unknown> }[] = [];
    globals.Utilities = {
      Charset: { UTF_8: 'UTF_8', US_ASCII: 'US_ASCII' },
      computeRsaSha256Signature: (value: string, key: string, charset: string) => {
        expect(charset).toBe('UTF_8');
        return [...crypto.sign('sha256', Buffer.from(value, 'utf8'), key)].map((b) =>
          b > 127 ? b - 256 : b,
        );
      },
      base64EncodeWebSafe: (bytes: number[]) =>
        Buffer.from(bytes.map((b) => b & 0xff))
          .toString('base64')
          .replace(/\+/g, '-')
          .replace(/\//g, '_'),
    };
    globals.UrlFetchApp = {
      fetch: (url: string, options: Record<string, unknown>) => {
        fetches.push({ url, options });
        const answer = endpoint.postForm(url, options.payload as string);
        return { getResponseCode: () => answer.status, getContentText: () => answer.body };
      },
    };
    globals.CacheService = { getScriptCache: () => cache };
    jest.spyOn(Date, 'now').mockImplementation(() => clock.now);
    const token = firestoreAccessToken(parseFirestoreConfig(JSON.stringify(STORED)));
    expect(token()).toBe('token-1');
    expect(token()).toBe('token-1');
    expect(firestoreAccessToken(parseFirestoreConfig(JSON.stringify(STORED)))()).toBe('token-1');
    expect(fetches).toHaveLength(1);
    expect(fetches[0]?.options).toMatchObject({
      method: 'post',
      muteHttpExceptions: true,
      contentType: 'application/x-www-form-urlencoded',
    });
    // Now expired: exactly one more exchange.
    clock.now += 3600_000;
    expect(token()).toBe('token-2');
    expect(fetches).toHaveLength(2);
  });
});

describe('the Firestore configuration (Script Property f:config)', () => {
  it('is read from its property, with Google’s URLs and the default database unless set', () => {
    const store = new MemoryStore();
    expect(readFirestoreConfig(store)).toBeNull();
    store.setAll(firestoreConfigEntries({ projectId: 'demo-project', clientEmail: EMAIL, privateKey }));
    const config = readFirestoreConfig(store) as FirestoreConfig;
    expect(config).toMatchObject({
      projectId: 'demo-project',
      databaseId: '(default)',
      clientEmail: EMAIL,
      firestoreUrl: 'https://firestore.googleapis.com',
      tokenUrl: 'https://oauth2.googleapis.com/token',
    });
    expect(config.privateKey.reveal()).toBe(privateKey);
    expect(Object.keys(firestoreConfigEntries({ projectId: 'p', clientEmail: EMAIL, privateKey }))).toEqual([
      FIRESTORE_CONFIG_KEY,
    ]);
  });

  it('never shows the key when printed, logged or serialised', () => {
    const config = parseFirestoreConfig(JSON.stringify(STORED));
    console.log(config);
    console.log('config: %s %o %j', config, config, config);
    console.log(String(config.privateKey), `${config.privateKey}`, JSON.stringify(config));
    for (const text of [
      util.inspect(config, { depth: 9, showHidden: true }),
      JSON.stringify(config),
      String(config.privateKey),
    ])
      expect(leaks(text)).toBe(false);
  });

  it.each([
    [
      'broken JSON around the key',
      `{"projectId":"demo-project","privateKey":"${privateKey.replace(/\n/g, '\\n')}",,}`,
      /not valid JSON/,
    ],
    [
      'a key that is not PEM',
      JSON.stringify({ ...STORED, privateKey: privateKey.replace('BEGIN PRIVATE', 'BEGIN RSA PRIVATE') }),
      /privateKey is not a PEM/,
    ],
    ['no email', JSON.stringify({ ...STORED, clientEmail: undefined }), /clientEmail is missing/],
    ['a bad project id', JSON.stringify({ ...STORED, projectId: 'Bad Project' }), /projectId is not/],
    [
      'plain HTTP to another host',
      JSON.stringify({ ...STORED, tokenUrl: 'http://example.com/token' }),
      /tokenUrl must use https/,
    ],
    ['an array', '[]', /not a JSON object/],
  ])('refuses %s with a message that names the field, never the key', (_, raw, expected) => {
    const message = thrown(() => parseFirestoreConfig(raw));
    expect(message).toMatch(expected);
    expect(message).toMatch(/Script Property f:config/);
    expect(leaks(message)).toBe(false);
  });

  it('accepts the key with escaped newlines, as it is pasted from the JSON key file', () => {
    const config = parseFirestoreConfig(
      JSON.stringify({ ...STORED, privateKey: privateKey.replace(/\n/g, '\\n') }),
    );
    expect(config.privateKey.reveal()).toBe(privateKey);
  });
});

test('FirestoreAuthError names itself', () => {
  expect(new FirestoreAuthError('x').name).toBe('FirestoreAuthError');
});
