/**
 * `configureFirestore`, run by the owner from the Apps Script editor on the Firestore build: turns
 * the service account's JSON key, pasted whole into Script Property `f:key` (Project Settings ›
 * Script Properties), into `f:config`, checks that Firestore answers with it (a token exchange and
 * one read), and only then writes `f:config` and deletes `f:key`. Without `f:key` it checks the
 * `f:config` in place. The add-on keeps running on Script Properties until `migrateToFirestore`.
 *
 * Why a Script Property and not the Settings tab: the backing Sheet is shared with support, and the
 * private key must stay where only the project's editors see it. Nothing here logs the key: the
 * lines name the project, the database and the account only.
 */
import {
  DEFAULT_DATABASE,
  FIRESTORE_CONFIG_KEY,
  FirestoreConfigError,
  parseFirestoreConfig,
  type FirestoreConfig,
  type StoredFirestoreConfig,
} from '../store/firestore-config';
import type { KeyValueStore } from '../store/ports';
import { BACKEND_MARKER_KEY } from '../store/firestore-config';
import { refusalForNonOwner, type OwnerDependencies } from './owner';

/** Where the owner pastes the downloaded JSON key; deleted once f:config is written. */
export const FIRESTORE_KEY_KEY = 'f:key';

export interface FirestoreSetupDependencies extends OwnerDependencies {
  /** The Firestore store for `config` (its first call exchanges a token). */
  connect(config: FirestoreConfig): KeyValueStore;
}

export interface FirestoreSetupReport {
  ok: boolean;
  line: string;
}

const TITLE = 'configureFirestore';

export function configureFirestore(deps: FirestoreSetupDependencies): FirestoreSetupReport {
  const refusal = refusalForNonOwner(deps);
  if (refusal !== undefined) return finish(deps, false, refusal);
  const pasted = deps.scriptStore.get(FIRESTORE_KEY_KEY);
  const current = deps.scriptStore.get(FIRESTORE_CONFIG_KEY);
  if (pasted === null && current === null)
    return finish(
      deps,
      false,
      `${TITLE}: paste the service account's JSON key (the whole downloaded file) into Script Property ` +
        `${FIRESTORE_KEY_KEY} (Project Settings › Script Properties) and run ${TITLE} again. Nothing was changed.`,
    );
  let raw: string;
  let config: FirestoreConfig;
  try {
    const previous = current === null ? null : parseFirestoreConfig(current);
    raw = pasted === null ? (current ?? '') : JSON.stringify(storedFrom(pasted, previous));
    config = parseFirestoreConfig(raw);
    if (
      previous?.backend === 'firestore' &&
      (previous.projectId !== config.projectId || previous.databaseId !== config.databaseId)
    )
      return finish(
        deps,
        false,
        `${TITLE}: the add-on runs on Firestore project ${previous.projectId}; a key for another project or ` +
          `database would leave its data behind. Run migrateBackToProperties first. Nothing was changed.`,
      );
  } catch (error) {
    // Its messages are fixed words and field names only, never the key (firestore-config.ts).
    if (error instanceof FirestoreConfigError)
      return finish(deps, false, `${TITLE}: ${error.message}; nothing was changed.`);
    throw error;
  }
  const where = `project ${config.projectId}, database ${config.databaseId}, service account ${config.clientEmail}`;
  try {
    deps.connect(config).get(BACKEND_MARKER_KEY);
  } catch (error) {
    // Token and REST errors carry the endpoint's code and description, nothing of the key.
    const said = error instanceof Error ? error.message : String(error);
    return finish(
      deps,
      false,
      `${TITLE}: Firestore did not answer for ${where}: ${said}. Nothing was changed.`,
    );
  }
  if (pasted !== null) {
    deps.scriptStore.setAll({ [FIRESTORE_CONFIG_KEY]: raw });
    deps.scriptStore.delete(FIRESTORE_KEY_KEY);
  }
  const next =
    config.backend === 'firestore'
      ? 'the add-on runs on Firestore.'
      : 'the add-on still runs on Script Properties; run migrateToFirestore to move its data.';
  const what =
    pasted === null
      ? `${FIRESTORE_CONFIG_KEY} checked`
      : `${FIRESTORE_CONFIG_KEY} written from ${FIRESTORE_KEY_KEY} (deleted)`;
  return finish(deps, true, `${TITLE}: ${what} for ${where}; Firestore answered; ${next}`);
}

/**
 * f:config's fields from the pasted text: Google's key file (project_id, client_email,
 * private_key) or f:config's own shape; which store is in use, the database and the endpoints are
 * kept from the f:config before, so a new key changes nothing else.
 */
function storedFrom(pasted: string, previous: FirestoreConfig | null): StoredFirestoreConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(pasted);
  } catch {
    // JSON.parse's message quotes the text, which is the key: never pass it on.
    throw new FirestoreConfigError(`${FIRESTORE_KEY_KEY} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new FirestoreConfigError(`${FIRESTORE_KEY_KEY} is not a JSON object`);
  const fields = parsed as Record<string, unknown>;
  const text = (...names: string[]): string => {
    for (const name of names) if (typeof fields[name] === 'string') return fields[name];
    return '';
  };
  const stored: StoredFirestoreConfig = {
    projectId: text('project_id', 'projectId'),
    databaseId: text('databaseId') || previous?.databaseId || DEFAULT_DATABASE,
    clientEmail: text('client_email', 'clientEmail'),
    privateKey: text('private_key', 'privateKey'),
  };
  if (previous) {
    stored.firestoreUrl = previous.firestoreUrl;
    stored.tokenUrl = previous.tokenUrl;
    stored.backend = previous.backend;
  }
  return stored;
}

function finish(deps: OwnerDependencies, ok: boolean, line: string): FirestoreSetupReport {
  deps.log(line);
  return { ok, line };
}
