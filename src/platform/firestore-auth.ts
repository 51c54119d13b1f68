/**
 * The Firestore backend's access token, with Apps Script's own signer: the JWT is signed by
 * Utilities.computeRsaSha256Signature with the service account's key from Script Property
 * `f:config`, encoded by Utilities.base64EncodeWebSafe, exchanged with UrlFetchApp and kept in the
 * script cache (src/store/firestore-token.ts has the rules). The key is revealed only to the signer.
 */
import type { FirestoreConfig } from '../store/firestore-config';
import { tokenProvider } from '../store/firestore-token';
import { scriptCache } from './cache';
import { postForm } from './url-fetch';

export function firestoreAccessToken(config: FirestoreConfig): () => string {
  return tokenProvider(config, {
    cache: scriptCache(),
    now: () => Date.now(),
    postForm,
    // The signing input is base64url text, so its bytes are its characters.
    sign: (bytes) =>
      Utilities.computeRsaSha256Signature(
        String.fromCharCode(...bytes),
        config.privateKey.reveal(),
        Utilities.Charset.UTF_8,
      ),
    encode: (bytes) => Utilities.base64EncodeWebSafe(bytes),
  });
}
