/** Everything the UI needs from Apps Script, in one place. */
import { scriptCache } from './cache';
import { scriptLock } from './lock';
import { scriptProperties, userProperties } from './properties';
import { activeUserEmail, activeUserLocale, effectiveUserEmail } from './session';
import { sheetsApi } from './sheets';

export { renderCard, renderResponse, renderSuggestions, renderUniversalResponse } from './cards';
export { authorizationOf, requireScopes } from './authorization';

export const platform = {
  email: activeUserEmail,
  scriptStore: scriptProperties,
  userStore: userProperties,
  cache: scriptCache,
  lock: scriptLock,
  now: (): number => Date.now(),
};

/** What the owner's entry points (setup, the sync) need, made when one of them runs. */
export function ownerPlatform() {
  return {
    effectiveEmail: effectiveUserEmail,
    locale: activeUserLocale,
    scriptStore: scriptProperties(),
    cache: scriptCache(),
    lock: scriptLock(),
    sheets: sheetsApi,
    now: (): number => Date.now(),
    sleep: (ms: number): void => Utilities.sleep(ms),
    log: (message: string): void => console.log(message),
  };
}
