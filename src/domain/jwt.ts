/**
 * The JSON Web Token a service account signs to ask Google's OAuth token endpoint for an access
 * token (RFC 7523's JWT bearer grant, as Google documents it for server-to-server calls): header
 * {alg: RS256, typ: JWT}, claims iss, scope, aud, iat and exp (at most an hour after iat), each part
 * base64url without padding, joined by dots, then the RSA-SHA256 signature of the first two parts.
 *
 * The signature comes from a port (Apps Script's Utilities.computeRsaSha256Signature, node's crypto
 * in tests), so this module never sees the private key.
 */

export const DATASTORE_SCOPE = 'https://www.googleapis.com/auth/datastore';
/** The audience Google requires in the assertion, whichever endpoint the exchange is posted to. */
export const TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';
/** Google accepts assertions valid for at most one hour. */
export const JWT_LIFETIME_SECONDS = 3600;

export interface JwtClaims {
  iss: string;
  scope: string;
  aud: string;
  iat: number;
  exp: number;
}

export interface JwtPorts {
  /** RSA-SHA256 of the bytes with the service account's private key; bytes may be signed (Java's). */
  sign(bytes: number[]): number[];
  /** base64url of bytes, with or without padding (padding is removed); a pure one by default. */
  encode?(bytes: number[]): string;
}

export function serviceAccountClaims(email: string, nowMs: number, scope = DATASTORE_SCOPE): JwtClaims {
  const iat = Math.floor(nowMs / 1000);
  return { iss: email, scope, aud: TOKEN_AUDIENCE, iat, exp: iat + JWT_LIFETIME_SECONDS };
}

/** The signed assertion: header.claims.signature, each base64url without padding. */
export function signedJwt(claims: JwtClaims, ports: JwtPorts): string {
  const encode = (bytes: number[]): string => (ports.encode ?? base64Url)(bytes).replace(/=+$/, '');
  const header = encode(utf8Bytes(JSON.stringify({ alg: 'RS256', typ: 'JWT' })));
  const body = encode(utf8Bytes(JSON.stringify(claims)));
  const input = `${header}.${body}`;
  return `${input}.${encode(ports.sign(utf8Bytes(input)))}`;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url (RFC 4648 §5) without padding; bytes may be signed (-128…127) as Apps Script's are. */
export function base64Url(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = (bytes[i] ?? 0) & 0xff;
    const b = (bytes[i + 1] ?? 0) & 0xff;
    const c = (bytes[i + 2] ?? 0) & 0xff;
    const n = (a << 16) | (b << 8) | c;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** base64url (with or without padding) back to bytes 0…255; throws on a character outside it. */
export function base64UrlDecode(text: string): number[] {
  const clean = text.replace(/=+$/, '');
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) throw new Error('not base64url');
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  return bytes;
}

/** UTF-8 bytes of a string (a lone surrogate becomes U+FFFD, as TextEncoder does). */
export function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}
