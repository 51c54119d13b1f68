/** Everything the UI needs from Apps Script, in one place. */
import { scriptCache } from './cache';
import { scriptLock } from './lock';
import { scriptProperties, userProperties } from './properties';
import { activeUserEmail } from './session';

export { renderCard, renderResponse, renderSuggestions } from './cards';

export const platform = {
  email: activeUserEmail,
  scriptStore: scriptProperties,
  userStore: userProperties,
  cache: scriptCache,
  lock: scriptLock,
  now: (): number => Date.now(),
};
