/** Everything the UI needs from Apps Script, in one place. */
import { scriptCache } from './cache';
import { userProperties } from './properties';
import { activeUserEmail, activeUserLocale, effectiveUserEmail } from './session';
import { sheetsApi } from './sheets';
// Script Properties and the script lock; Cloud Firestore on the Firestore build (webpack.config.cjs).
import { backendLock, backendScriptStore } from './store-backend';

export { renderCard, renderResponse, renderSuggestions, renderUniversalResponse } from './cards';
export { authorizationOf, requireScopes } from './authorization';

export const platform = {
  email: activeUserEmail,
  scriptStore: backendScriptStore,
  userStore: userProperties,
  cache: scriptCache,
  lock: backendLock,
  now: (): number => Date.now(),
};

/** What the owner's entry points (setup, the sync) need, made when one of them runs. */
export function ownerPlatform() {
  return {
    effectiveEmail: effectiveUserEmail,
    locale: activeUserLocale,
    scriptStore: backendScriptStore(),
    cache: scriptCache(),
    lock: backendLock(),
    sheets: sheetsApi,
    now: (): number => Date.now(),
    sleep: (ms: number): void => Utilities.sleep(ms),
    log: (message: string): void => console.log(message),
  };
}
