/**
 * The service account's access token for Firestore: a JWT signed with its key, exchanged at
 * Google's OAuth token endpoint (grant type jwt-bearer), kept in the script cache — shared by every
 * user and execution — until five minutes before it expires, so that the exchange happens once per
 * token lifetime per script, and in memory for the rest of the execution.
 *
 * Nothing here ever puts the private key, or anything of the assertion, into a message: errors
 * carry the endpoint's error code and description only, with anything key-like cut out.
 */
import { serviceAccountClaims, signedJwt, type JwtPorts } from '../domain/jwt';
import { StoreUnavailableError, type UnavailableReason } from './errors';
import type { FirestoreConfig } from './firestore-config';
import type { HttpResponse } from './firestore-rest';
import type { Cache } from './ports';

export const TOKEN_CACHE_KEY = 'f:token';
/** A cached token is used until this long before it expires. */
export const TOKEN_MARGIN_SECONDS = 300;
/** CacheService keeps a value at most six hours. */
const MAX_CACHE_SECONDS = 21600;

export interface TokenPorts extends JwtPorts {
  cache: Cache;
  now(): number;
  /** One form POST (UrlFetchApp.fetch with muteHttpExceptions). */
  postForm(url: string, form: string): HttpResponse;
}

/**
 * The sign-in failed: the store is unavailable. 'credentials' when the key or the account was
 * refused (nothing but support fixing f:config helps); 'overloaded' or 'unreachable' when the token
 * endpoint itself failed (it may work again in a minute).
 */
export class FirestoreAuthError extends StoreUnavailableError {
  constructor(message: string, reason: UnavailableReason = 'credentials') {
    super(reason, `Firestore sign-in: ${message}`);
    this.name = 'FirestoreAuthError';
  }
}

interface CachedToken {
  token: string;
  /** Epoch ms after which it is not used any more (its expiry less the margin). */
  until: number;
  /** The service account it belongs to: a changed configuration does not use the old one. */
  iss: string;
}

/** A function giving a valid access token each time it is called. */
export function tokenProvider(config: FirestoreConfig, ports: TokenPorts): () => string {
  let held: CachedToken | null = null;
  return () => {
    const now = ports.now();
    if (held && held.until > now) return held.token;
    held = cached(ports, config.clientEmail, now) ?? exchange(config, ports, now);
    return held.token;
  };
}

function cached(ports: TokenPorts, iss: string, now: number): CachedToken | null {
  const raw = ports.cache.getAll([TOKEN_CACHE_KEY])[TOKEN_CACHE_KEY];
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<CachedToken>;
    if (typeof value.token !== 'string' || typeof value.until !== 'number' || value.iss !== iss) return null;
    return value.until > now ? (value as CachedToken) : null;
  } catch {
    return null;
  }
}

function exchange(config: FirestoreConfig, ports: TokenPorts, now: number): CachedToken {
  let assertion: string;
  try {
    assertion = signedJwt(serviceAccountClaims(config.clientEmail, now), ports);
  } catch {
    // The signer's own message is not passed on: it could quote what it was given.
    throw new FirestoreAuthError(
      'the private key in Script Property f:config cannot sign (it must be the PKCS #8 PEM key of the service account JSON)',
    );
  }
  const form = `grant_type=${encodeURIComponent('urn:ietf:params:oauth:grant-type:jwt-bearer')}&assertion=${assertion}`;
  let answer: HttpResponse;
  try {
    answer = ports.postForm(config.tokenUrl, form);
  } catch (error) {
    // UrlFetchApp's own words ("Timeout: …", "Address unavailable: …") name the URL, never the form.
    const said = error instanceof Error ? scrub(error.message) : 'no answer';
    throw new FirestoreAuthError(`the token endpoint could not be reached (${said})`, 'unreachable');
  }
  const body = parse(answer.body);
  if (answer.status === 429 || answer.status >= 500)
    throw new FirestoreAuthError(
      `the token endpoint is overloaded or failing (HTTP ${answer.status}); try again in a few minutes`,
      'overloaded',
    );
  if (answer.status !== 200 || typeof body?.access_token !== 'string') {
    const code = typeof body?.error === 'string' ? scrub(body.error) : `HTTP ${answer.status}`;
    const description =
      typeof body?.error_description === 'string' ? `: ${scrub(body.error_description)}` : '';
    const hint =
      code === 'invalid_grant'
        ? ' (check the service account email and key in Script Property f:config: the key may have been deleted or the account disabled, or the clock is off)'
        : '';
    throw new FirestoreAuthError(`the token endpoint refused the assertion, ${code}${description}${hint}`);
  }
  const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 3600;
  const ttl = Math.min(MAX_CACHE_SECONDS, lifetime - TOKEN_MARGIN_SECONDS);
  const token: CachedToken = { token: body.access_token, until: now + ttl * 1000, iss: config.clientEmail };
  if (ttl > 0) ports.cache.putAll({ [TOKEN_CACHE_KEY]: JSON.stringify(token) }, ttl);
  return token;
}

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
  error_description?: unknown;
}

function parse(text: string): TokenAnswer | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as TokenAnswer) : null;
  } catch {
    return null;
  }
}

/** The endpoint's words, without anything that could be key material or a token. */
function scrub(text: string): string {
  return text
    .replace(/-----BEGIN[^]*?(-----END[^-]*-----|$)/g, '[removed]')
    .replace(/[A-Za-z0-9+/_=.-]{40,}/g, '[removed]')
    .slice(0, 200);
}
