/**
 * The Firestore backend's access token, with Apps Script's own signer: the JWT is signed by
 * Utilities.computeRsaSha256Signature with the service account's key from Script Property
 * `f:config`, encoded by Utilities.base64EncodeWebSafe, exchanged with UrlFetchApp and kept in the
 * script cache (src/store/firestore-token.ts has the rules). The key is revealed only to the signer.
 * The exchange goes through the same retries as Firestore's requests (src/store/firestore-retry.ts).
 */
import type { FirestoreConfig } from '../store/firestore-config';
import { tokenProvider } from '../store/firestore-token';
import { scriptCache } from './cache';
import type { HttpResponse } from '../store/firestore-rest';
import { retryingHttp } from '../store/firestore-retry';
import { urlFetchAll } from './url-fetch';

/**
 * The exchange is retried like Firestore's requests (a 429/5xx or no answer from the token
 * endpoint is as passing as Firestore's); signing in twice only makes a second token.
 */
const tokenHttp = retryingHttp(urlFetchAll, { now: () => Date.now(), sleep: (ms) => Utilities.sleep(ms) });

function postForm(url: string, form: string): HttpResponse {
  const [answer] = tokenHttp([
    { url, method: 'post', contentType: 'application/x-www-form-urlencoded', payload: form },
  ]);
  if (!answer) throw new Error(`No answer from ${url}`);
  return answer;
}

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
