/**
 * The parts of Utilities a service-account JWT and a checksum need, and the Blob they use, as Apps
 * Script has them: byte arrays are Java bytes, signed -128..127; strings are encoded as UTF-8 unless
 * a Charset says US_ASCII; base64EncodeWebSafe keeps its `=` padding (a JWT strips it itself);
 * computeRsaSha256Signature takes the PEM private key of a service account's JSON key (PKCS #8,
 * "-----BEGIN PRIVATE KEY-----") and signs with RSASSA-PKCS1-v1_5 / SHA-256 (RS256).
 */
import { Buffer } from 'node:buffer';
import crypto from 'node:crypto';

export interface BlobEnvironment {
  makeError: (message: string) => Error;
  toContext: (value: unknown) => unknown;
}

export interface UtilitiesEnvironment extends BlobEnvironment {
  count: (name: string) => void;
  sleep: (milliseconds: number) => void;
}

type Utilities = GoogleAppsScript.Utilities.Utilities;
type Byte = GoogleAppsScript.Byte;

/** Enum values as Apps Script's Utilities exposes them (their toString is their name). */
const CHARSET = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;
const DIGEST = {
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
const DIGEST_NODE: Readonly<Record<string, string>> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

export type UtilitiesFake = Pick<
  Utilities,
  | 'sleep'
  | 'base64Encode'
  | 'base64EncodeWebSafe'
  | 'base64Decode'
  | 'base64DecodeWebSafe'
  | 'computeRsaSha256Signature'
  | 'computeHmacSha256Signature'
  | 'computeDigest'
  | 'newBlob'
  | 'getUuid'
  | 'Charset'
  | 'DigestAlgorithm'
>;

/** Bytes as Apps Script hands them to a script: Java's signed bytes. */
export function toSignedBytes(bytes: Uint8Array): number[] {
  return Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
}

function encoding(charset: unknown): BufferEncoding {
  return String(charset) === CHARSET.US_ASCII ? 'ascii' : 'utf8';
}

/** A string in the charset (UTF-8 by default) or a byte array (signed or not) as bytes. */
export function toBytes(data: unknown, charset?: unknown): Buffer {
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 0xff));
  return Buffer.from(String(data), encoding(charset));
}

function decode(encoded: unknown, alphabet: RegExp, fail: () => Error): Buffer {
  const text = String(encoded).replace(/\s+/g, '');
  if (!alphabet.test(text) || text.replace(/=+$/, '').length % 4 === 1) throw fail();
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

export function createUtilities(env: UtilitiesEnvironment): UtilitiesFake {
  const bytesOut = (bytes: Uint8Array): Byte[] => env.toContext(toSignedBytes(bytes)) as Byte[];
  const badString = (): Error => env.makeError('Could not decode string.');
  const counted =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      env.count(`Utilities.${name}`);
      return fn(...args);
    };
  return {
    Charset: CHARSET as unknown as typeof GoogleAppsScript.Utilities.Charset,
    DigestAlgorithm: DIGEST as unknown as typeof GoogleAppsScript.Utilities.DigestAlgorithm,
    sleep: counted('sleep', (milliseconds: number) => env.sleep(Number(milliseconds) || 0)),
    base64Encode: counted('base64Encode', (data: string | Byte[], charset?: unknown) =>
      toBytes(data, charset).toString('base64'),
    ),
    base64EncodeWebSafe: counted('base64EncodeWebSafe', (data: string | Byte[], charset?: unknown) =>
      toBytes(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
    ),
    base64Decode: counted('base64Decode', (encoded: string) =>
      bytesOut(decode(encoded, /^[A-Za-z0-9+/]*={0,2}$/, badString)),
    ),
    base64DecodeWebSafe: counted('base64DecodeWebSafe', (encoded: string) =>
      bytesOut(decode(encoded, /^[A-Za-z0-9\-_]*={0,2}$/, badString)),
    ),
    computeRsaSha256Signature: counted(
      'computeRsaSha256Signature',
      (value: string | Byte[], key: string, charset?: unknown) => {
        let privateKey: crypto.KeyObject;
        try {
          privateKey = crypto.createPrivateKey({ key: String(key), format: 'pem' });
        } catch {
          throw env.makeError('Invalid argument: key');
        }
        if (privateKey.asymmetricKeyType !== 'rsa') throw env.makeError('Invalid argument: key');
        return bytesOut(crypto.sign('sha256', toBytes(value, charset), privateKey));
      },
    ),
    computeHmacSha256Signature: counted(
      'computeHmacSha256Signature',
      (value: string | Byte[], key: string | Byte[], charset?: unknown) =>
        bytesOut(crypto.createHmac('sha256', toBytes(key, charset)).update(toBytes(value, charset)).digest()),
    ),
    computeDigest: counted(
      'computeDigest',
      (algorithm: unknown, value: string | Byte[], charset?: unknown) => {
        const name = DIGEST_NODE[String(algorithm)];
        if (!name) throw env.makeError(`Invalid argument: algorithm`);
        return bytesOut(crypto.createHash(name).update(toBytes(value, charset)).digest());
      },
    ),
    newBlob: counted('newBlob', (data: string | Byte[], contentType?: string, name?: string) =>
      createBlob(env, toBytes(data), contentType ?? null, name ?? null),
    ),
    getUuid: counted('getUuid', () => crypto.randomUUID()),
  } as UtilitiesFake;
}

/**
 * A Blob holding bytes: its data, content type and name. Anything else a Blob has (conversions,
 * Drive) throws, naming the local runtime.
 */
export function createBlob(
  env: BlobEnvironment,
  initial: Uint8Array,
  initialType: string | null,
  initialName: string | null,
): GoogleAppsScript.Base.Blob {
  let bytes: Buffer = Buffer.from(initial);
  let contentType = initialType;
  let name = initialName;
  const blob: Record<string, unknown> = {
    getBytes: () => env.toContext(toSignedBytes(bytes)),
    getDataAsString: (charset?: string) =>
      bytes.toString(/ascii/i.test(String(charset ?? '')) ? 'ascii' : 'utf8'),
    setBytes: (data: number[]) => {
      bytes = toBytes(data);
      return proxy;
    },
    setDataFromString: (text: string, charset?: string) => {
      bytes = toBytes(text, /ascii/i.test(String(charset ?? '')) ? CHARSET.US_ASCII : CHARSET.UTF_8);
      return proxy;
    },
    getContentType: () => contentType,
    setContentType: (type: string | null) => {
      contentType = type;
      return proxy;
    },
    getName: () => name,
    setName: (value: string) => {
      name = value;
      return proxy;
    },
    isEmpty: () => bytes.byteLength === 0,
    copyBlob: () => createBlob(env, bytes, contentType, name),
    getBlob: () => proxy,
    getAs: (type: string) => {
      if (type === contentType) return createBlob(env, bytes, contentType, name);
      throw env.makeError(
        `Blob.getAs(${type}) is not implemented by the local runtime (dev/runtime/signing.ts)`,
      );
    },
  };
  const proxy = new Proxy(blob, {
    get(target, property) {
      if (property in target || typeof property !== 'string') return target[property as string];
      if (property === 'toJSON' || property === 'then') return undefined;
      return () => {
        throw env.makeError(
          `Blob.${property} is not implemented by the local runtime (dev/runtime/signing.ts)`,
        );
      };
    },
  }) as unknown as GoogleAppsScript.Base.Blob;
  return proxy;
}
