/**
 * A local stand-in of Google's OAuth token endpoint (https://oauth2.googleapis.com/token) for a
 * service account's JWT bearer grant: POST grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer
 * &assertion=<JWT>. It checks what Google checks: the RS256 signature against the public half of
 * the test key, iss (the service account), aud (the token URL), a scope (datastore, which the
 * Firestore backend needs), iat/exp at most an hour apart and exp not passed. It answers
 * { access_token, expires_in: 3600, token_type: 'Bearer' } or 400 { error, error_description }.
 *
 * Google's Firestore emulator accepts any `ya29.` bearer token without checking it, so this stand-in
 * is where a wrong key, a wrong claim or an expired JWT is caught; the tokens it issues look like
 * Google's (ya29.…) so that the emulator takes them.
 *
 * The server runs in its own worker thread: an execution in the main thread blocks while its
 * UrlFetchApp request is answered (http-transport.ts), so the answer cannot come from that thread.
 */
import crypto from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { bundledWorker } from './worker-bundle';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const DATASTORE_SCOPE = 'https://www.googleapis.com/auth/datastore';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const HOUR_SECONDS = 3600;
/** Clock skew Google tolerates on iat. */
const SKEW_SECONDS = 300;

export interface TokenEndpointConfig {
  /** The service account's email: the JWT's iss. */
  clientEmail: string;
  publicKeyPem: string;
  /** The JWT's aud must be this (default Google's token URL, which the script routes here). */
  audience: string;
  /** A scope the JWT's scope list must hold (default datastore). */
  requiredScope: string;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

const invalidGrant = (description: string): TokenAnswer => ({
  status: 400,
  body: { error: 'invalid_grant', error_description: description },
});

/** The answer to one token request (a form-encoded body), at `nowSeconds`. */
export function answerTokenRequest(
  form: string,
  config: TokenEndpointConfig,
  nowSeconds: number,
): TokenAnswer {
  const params = new URLSearchParams(form);
  const grantType = params.get('grant_type');
  if (grantType !== JWT_BEARER)
    return {
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grantType ?? ''}` },
    };
  const parts = (params.get('assertion') ?? '').split('.');
  const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
  const header = parts.length === 3 ? parseJson(headerPart) : undefined;
  const claims = parts.length === 3 ? parseJson(claimsPart) : undefined;
  if (!header || !claims) return invalidGrant('Invalid JWT: malformed assertion.');
  if (header.alg !== 'RS256') return invalidGrant(`Invalid JWT: unsupported alg ${String(header.alg)}.`);
  const signed = crypto.verify(
    'sha256',
    Buffer.from(`${headerPart}.${claimsPart}`),
    config.publicKeyPem,
    Buffer.from(signaturePart, 'base64url'),
  );
  if (claims.iss !== config.clientEmail) return invalidGrant('Invalid grant: account not found');
  if (!signed) return invalidGrant('Invalid JWT Signature.');
  if (claims.aud !== config.audience)
    return invalidGrant(`Invalid JWT: Failed audience check. The right audience is ${config.audience}`);
  const iat = Number(claims.iat);
  const exp = Number(claims.exp);
  if (
    !Number.isFinite(iat) ||
    !Number.isFinite(exp) ||
    exp <= iat ||
    exp - iat > HOUR_SECONDS ||
    iat > nowSeconds + SKEW_SECONDS ||
    exp <= nowSeconds
  )
    return invalidGrant(
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. ' +
        'Check your iat and exp values in the JWT claim.',
    );
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(/\s+/) : [];
  if (!scopes.includes(config.requiredScope))
    return {
      status: 400,
      body: {
        error: 'invalid_scope',
        error_description: 'Invalid OAuth scope or ID token audience provided.',
      },
    };
  return {
    status: 200,
    body: {
      access_token: `ya29.local-${crypto.randomBytes(24).toString('base64url')}`,
      expires_in: HOUR_SECONDS,
      token_type: 'Bearer',
    },
  };
}

function parseJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A fresh RSA key pair for a test run (never written to the repository). */
export function generateTestKey(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A service account's JWT signed with node crypto: what tests compare the script's against. */
export function signJwt(claims: Record<string, unknown>, privateKeyPem: string): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
  const signature = crypto.sign('sha256', Buffer.from(input), privateKeyPem).toString('base64url');
  return `${input}.${signature}`;
}

export interface TokenEndpoint {
  /** Where it listens, e.g. http://127.0.0.1:41234 (route GOOGLE_TOKEN_URL's origin here). */
  origin: string;
  /** Its own URL, origin + /token. */
  url: string;
  config: TokenEndpointConfig;
  /** Tokens issued. */
  readonly exchanges: number;
  /** Requests refused. */
  readonly rejections: number;
  /** The endpoint's clock follows the runtime's simulated one: call after moving it. */
  setNow: (ms: number) => void;
  close: () => Promise<void>;
}

export interface TokenEndpointOptions {
  clientEmail: string;
  publicKeyPem: string;
  audience?: string;
  requiredScope?: string;
}

/** Shared with the worker: [exchanges, rejections] and the clock offset in ms. */
export interface TokenWorkerData {
  config: TokenEndpointConfig;
  counters: SharedArrayBuffer;
  clock: SharedArrayBuffer;
}

/** Starts the stand-in on a free loopback port, in its own worker thread. */
export async function startTokenEndpoint(options: TokenEndpointOptions): Promise<TokenEndpoint> {
  const config: TokenEndpointConfig = {
    clientEmail: options.clientEmail,
    publicKeyPem: options.publicKeyPem,
    audience: options.audience ?? GOOGLE_TOKEN_URL,
    requiredScope: options.requiredScope ?? DATASTORE_SCOPE,
  };
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const clock = new Float64Array(new SharedArrayBuffer(8));
  const data: TokenWorkerData = {
    config,
    counters: counters.buffer as SharedArrayBuffer,
    clock: clock.buffer as SharedArrayBuffer,
  };
  const worker = new Worker(tokenWorkerScript(), { workerData: data });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port: number }) => resolve(message.port));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The token endpoint stand-in exited (${code})`)));
  });
  worker.unref();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/token`,
    config,
    get exchanges() {
      return Atomics.load(counters, 0);
    },
    get rejections() {
      return Atomics.load(counters, 1);
    },
    setNow: (ms) => {
      clock[0] = ms - Date.now();
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

function tokenWorkerScript(): string {
  return bundledWorker('token-endpoint-worker.ts', 'token-endpoint');
}
