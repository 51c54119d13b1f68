/**
 * Where the Firestore backend is and who the add-on is there: one Script Property, `f:config`, a JSON
 * object with the project id, the database id, the service account's email and private key (PEM),
 * and the two base URLs (Google's by default; tests point them at loopback).
 *
 * The private key lives only in that property. Once read it is held in a `Secret`, which prints,
 * logs and serialises as "[private key]": no card, log line or error message can carry it by
 * accident. Every message this module throws is made of fixed words and field names only.
 */
import type { KeyValueStore } from './ports';

/** A document in Firestore: which store is in use, read by guarded Firestore writers (backend-guard.ts). */
export const BACKEND_MARKER_KEY = 'f:backend';

export const FIRESTORE_CONFIG_KEY = 'f:config';
export const FIRESTORE_URL = 'https://firestore.googleapis.com';
export const TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const DEFAULT_DATABASE = '(default)';

const REDACTED = '[private key]';

/** Which store the add-on runs on: Script Properties (the default) or Firestore, after a migration. */
export type StoreBackend = 'properties' | 'firestore';

/** A value that never shows itself: only `reveal()` returns it. */
export class Secret {
  readonly reveal: () => string;
  constructor(value: string) {
    this.reveal = () => value;
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  /** What node's console and util.inspect print (Apps Script's console prints toString/JSON). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}

export interface FirestoreConfig {
  projectId: string;
  databaseId: string;
  clientEmail: string;
  privateKey: Secret;
  /** Scheme and host of the Firestore REST API, without a trailing slash. */
  firestoreUrl: string;
  /** The OAuth token endpoint the assertion is posted to. */
  tokenUrl: string;
  /** The store in use; 'properties' until the owner's migration switches (src/owner/migrate.ts). */
  backend: StoreBackend;
}

/** The JSON stored under `f:config` (privateKey in clear: this is the one place it is kept). */
export interface StoredFirestoreConfig {
  projectId: string;
  databaseId?: string;
  clientEmail: string;
  privateKey: string;
  firestoreUrl?: string;
  tokenUrl?: string;
  /** Written by the migration only; 'properties' when absent. */
  backend?: StoreBackend;
}

export class FirestoreConfigError extends Error {
  constructor(message: string) {
    super(`Firestore configuration (Script Property ${FIRESTORE_CONFIG_KEY}): ${message}`);
    this.name = 'FirestoreConfigError';
  }
}

const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DATABASE_ID = /^(\(default\)|[a-z][a-z0-9-]{2,61}[a-z0-9])$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PEM = /^-----BEGIN PRIVATE KEY-----\s+[A-Za-z0-9+/=\s]+-----END PRIVATE KEY-----\s*$/;

/** The configuration, or null when the property is not set (the embedded store is in use). */
export function readFirestoreConfig(store: KeyValueStore): FirestoreConfig | null {
  const raw = store.get(FIRESTORE_CONFIG_KEY);
  return raw === null ? null : parseFirestoreConfig(raw);
}

export function parseFirestoreConfig(raw: string): FirestoreConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // V8's own message quotes the text around the error, which may be the key: never pass it on.
    throw new FirestoreConfigError('not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new FirestoreConfigError('not a JSON object');
  const fields = parsed as Record<string, unknown>;
  const text = (name: keyof StoredFirestoreConfig, fallback?: string): string => {
    const value = fields[name] ?? fallback;
    if (typeof value !== 'string' || value === '') throw new FirestoreConfigError(`${name} is missing`);
    return value;
  };
  const projectId = text('projectId');
  if (!PROJECT_ID.test(projectId)) throw new FirestoreConfigError('projectId is not a project id');
  const databaseId = text('databaseId', DEFAULT_DATABASE);
  if (!DATABASE_ID.test(databaseId)) throw new FirestoreConfigError('databaseId is not a database id');
  const clientEmail = text('clientEmail');
  if (!EMAIL.test(clientEmail)) throw new FirestoreConfigError('clientEmail is not an email address');
  const privateKey = text('privateKey').replace(/\\n/g, '\n');
  if (!PEM.test(privateKey))
    throw new FirestoreConfigError('privateKey is not a PEM "BEGIN PRIVATE KEY" block (PKCS #8)');
  const backend = fields.backend ?? 'properties';
  if (backend !== 'properties' && backend !== 'firestore')
    throw new FirestoreConfigError('backend is neither "properties" nor "firestore"');
  return {
    projectId,
    databaseId,
    clientEmail,
    privateKey: new Secret(privateKey),
    firestoreUrl: baseUrl('firestoreUrl', text('firestoreUrl', FIRESTORE_URL)).replace(/\/+$/, ''),
    tokenUrl: baseUrl('tokenUrl', text('tokenUrl', TOKEN_URL)),
    backend,
  };
}

/** The property's value for `config` (setup writes it; nothing else should). */
export function firestoreConfigEntries(config: StoredFirestoreConfig): Record<string, string> {
  return { [FIRESTORE_CONFIG_KEY]: JSON.stringify(config) };
}

/** HTTPS, or plain HTTP to this machine only (the emulator, the local token endpoint). */
function baseUrl(name: string, url: string): string {
  const match = /^(https?):\/\/([^/:?#]+|\[[^\]]+\])(:\d+)?(\/[^?#]*)?$/.exec(url);
  if (!match) throw new FirestoreConfigError(`${name} is not a URL`);
  const [, scheme, host] = match;
  const loopback = host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  if (scheme !== 'https' && !loopback) throw new FirestoreConfigError(`${name} must use https`);
  return url;
}
