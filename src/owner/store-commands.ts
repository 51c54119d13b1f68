/**
 * The owner's store commands (`configureFirestore`, `migrateToFirestore`, `migrateBackToProperties`)
 * as the default build answers them: it holds no Firestore code (webpack.config.cjs swaps
 * src/platform/migration-backend.ts for its Firestore twin only for STORE=firestore), so it says
 * which build to deploy instead. The owner check still comes first, as for every owner entry point.
 */
import { refusalForNonOwner, type OwnerDependencies } from './owner';

export const STORE_COMMANDS = [
  'configureFirestore',
  'migrateToFirestore',
  'migrateBackToProperties',
] as const;
export type StoreCommand = (typeof STORE_COMMANDS)[number];

/** What every store command logs on the default build. */
export function propertiesBuildRefusal(command: StoreCommand): string {
  return (
    `${command}: this deployment is the Script Properties build; deploy the Firestore build first ` +
    `(npm run build:firestore, then push and deploy). Nothing was changed.`
  );
}

export function refuseOnPropertiesBuild(
  deps: OwnerDependencies,
  command: StoreCommand,
): { ok: false; line: string } {
  const line = refusalForNonOwner(deps) ?? propertiesBuildRefusal(command);
  deps.log(line);
  return { ok: false, line };
}
