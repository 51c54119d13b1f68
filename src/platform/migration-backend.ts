/**
 * The owner's store commands on the default build: refused, saying which build to deploy. The
 * Firestore build (`npm run build:firestore`) puts migration-backend-firestore.ts in this module's
 * place (webpack.config.cjs), so the default bundle holds no migration, no Firestore client and no
 * UrlFetchApp, and declares no script.external_request.
 */
import { refuseOnPropertiesBuild, type StoreCommand } from '../owner/store-commands';
import { scriptLock } from './lock';
import { ownerServices } from './owner-platform';
import { scriptProperties } from './properties';

export function runStoreCommand(command: StoreCommand, ownerEmail: string): void {
  refuseOnPropertiesBuild(
    { ...ownerServices(), ownerEmail, scriptStore: scriptProperties(), lock: scriptLock() },
    command,
  );
}
