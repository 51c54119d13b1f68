/** Everything the UI needs from Apps Script, in one place. */
import { scriptCache } from './cache';
import { userProperties } from './properties';
import { ownerServices } from './owner-platform';
import { activeUserEmail } from './session';
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
  return { ...ownerServices(), scriptStore: backendScriptStore(), lock: backendLock() };
}

/**
 * The owner's store commands (configureFirestore, the migrations): refused on the default build,
 * run on the Firestore build, whose migration-backend-firestore.ts webpack puts in its place.
 */
export { runStoreCommand } from './migration-backend';
