/**
 * The store backend of the default build: Script Properties and the script lock. The Firestore
 * build (`npm run build:firestore`) puts store-backend-firestore.ts in this module's place
 * (webpack.config.cjs), so nothing of Firestore is in the default bundle.
 */
import type { KeyValueStore, ScriptLock } from '../store/ports';
import { scriptLock } from './lock';
import { scriptProperties } from './properties';

export const backendScriptStore: () => KeyValueStore = scriptProperties;
export const backendLock: () => ScriptLock = scriptLock;
