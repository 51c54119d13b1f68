/**
 * What `npm run push` and `npm run deploy` check before they build or talk to Google: the Apps
 * Script project (.clasp.json), the clasp login (~/.clasprc.json), the deployment to update, what
 * clasp would push, which build (`--store`) and whether the last push from here was the other one. Pure functions over files and command output, so the tests run them offline;
 * each failure says what to do.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEPLOYMENT_ID_PLACEHOLDER, STORES, type Store } from './marketplace';

/** A check that failed: `message` says what is wrong, `fix` what to do about it. */
export class PreflightError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

export const SCRIPT_ID_PLACEHOLDER = 'REPLACE_WITH_YOUR_SCRIPT_ID';
/** The files `clasp push` must send: the bundle and the manifest, nothing else. */
export const FILES_TO_PUSH = ['build/Code.js', 'build/appsscript.json'] as const;

/** Apps Script ids (script and deployment) are long URL-safe base64 strings. */
const ID_PATTERN = /^[A-Za-z0-9_-]{20,}$/;

export interface ClaspProject {
  scriptId: string;
  rootDir: string;
}

export function checkClaspProject(root: string): ClaspProject {
  const file = path.join(root, '.clasp.json');
  const where = 'Open the Apps Script project, Project Settings › IDs › Script ID, and put it in .clasp.json';
  if (!fs.existsSync(file)) {
    throw new PreflightError(
      '.clasp.json is missing.',
      `Create it as {"scriptId": "<your script id>", "rootDir": "build"}. ${where}.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PreflightError(`.clasp.json is not valid JSON (${(e as Error).message}).`, `Fix it. ${where}.`);
  }
  const project = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Partial<ClaspProject>;
  const scriptId = typeof project.scriptId === 'string' ? project.scriptId.trim() : '';
  if (scriptId === '' || scriptId === SCRIPT_ID_PLACEHOLDER) {
    throw new PreflightError('.clasp.json has no scriptId yet.', `${where} as "scriptId".`);
  }
  if (!ID_PATTERN.test(scriptId)) {
    throw new PreflightError(
      `.clasp.json scriptId "${scriptId}" does not look like an Apps Script script id.`,
      `${where}: copy the whole id (about 57 letters, digits, - and _).`,
    );
  }
  if (project.rootDir !== 'build') {
    throw new PreflightError(
      `.clasp.json rootDir is ${JSON.stringify(project.rootDir)}, not "build".`,
      'Set "rootDir": "build": clasp must push only what the build wrote (build/Code.js and build/appsscript.json).',
    );
  }
  return { scriptId, rootDir: project.rootDir };
}

/** Where clasp keeps its login: `clasp_config_auth` (a file or a folder), else ~/.clasprc.json. */
export function claspAuthFile(env: NodeJS.ProcessEnv, home: string = os.homedir()): string {
  const configured = env.clasp_config_auth;
  if (configured) {
    const full = path.resolve(configured);
    return fs.existsSync(full) && fs.statSync(full).isDirectory() ? path.join(full, '.clasprc.json') : full;
  }
  return path.join(home, '.clasprc.json');
}

/**
 * That clasp has a stored login for its default user. Only the presence of a refresh token is
 * looked at; nothing from the file is printed.
 */
export function checkClaspLogin(authFile: string): void {
  const fix =
    'Run `npx clasp login` (it opens a browser to sign in as the owner account), then run this again.';
  if (!fs.existsSync(authFile)) throw new PreflightError(`No clasp login: ${authFile} does not exist.`, fix);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(authFile, 'utf8'));
  } catch {
    throw new PreflightError(`The clasp login file ${authFile} is not valid JSON.`, fix);
  }
  const store = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const tokens = store.tokens as Record<string, unknown> | undefined;
  const current = tokens?.default as Record<string, unknown> | undefined;
  const legacyGlobal = store.refresh_token;
  const legacyLocal = (store.token as Record<string, unknown> | undefined)?.refresh_token;
  const hasRefreshToken = [current?.refresh_token, legacyGlobal, legacyLocal].some(
    (t) => typeof t === 'string' && t !== '',
  );
  if (!hasRefreshToken) throw new PreflightError(`The clasp login in ${authFile} holds no credentials.`, fix);
}

/** The deployment `npm run deploy` moves to a new version: the one the Marketplace listing uses. */
export function checkDeploymentId(fromConfig: unknown, fromEnv: string | undefined): string {
  const where =
    'Apps Script editor › Deploy › Manage deployments › copy the Deployment ID of the add-on deployment, and put it in marketplace/app-configuration.json appIntegration.deploymentId';
  const id = typeof fromConfig === 'string' ? fromConfig.trim() : '';
  if (id === '' || id === DEPLOYMENT_ID_PLACEHOLDER) {
    const first = fromEnv
      ? ` (DEPLOYMENT_ID is set, but the Marketplace SDK points at the file's id, so the file is the one place for it)`
      : '';
    throw new PreflightError(
      `No deployment id in marketplace/app-configuration.json${first}.`,
      `${where}. No deployment yet? Create the first one once (DEPLOYING.md, "The deployment"); npm run deploy never creates one.`,
    );
  }
  if (!ID_PATTERN.test(id)) {
    throw new PreflightError(
      `The deployment id "${id}" does not look like an Apps Script deployment id.`,
      `${where}.`,
    );
  }
  if (fromEnv && fromEnv.trim() !== id) {
    throw new PreflightError(
      `DEPLOYMENT_ID (${fromEnv}) differs from marketplace/app-configuration.json (${id}).`,
      'Unset DEPLOYMENT_ID: the Marketplace listing uses the file’s deployment, and a different one would leave the listing on the old version. Change the file if the listing moved.',
    );
  }
  return id;
}

/** The output of `clasp status --json` must list exactly the two build files. */
export function checkFilesToPush(statusJson: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(statusJson);
  } catch {
    throw new PreflightError(
      '`clasp status --json` did not print JSON.',
      'Run `npx clasp status --json` yourself to see what it says (a broken .clasp.json or .claspignore?).',
    );
  }
  const files = (parsed as { filesToPush?: unknown }).filesToPush;
  const list = Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
  const expected = [...FILES_TO_PUSH].sort();
  const actual = [...list].sort();
  if (actual.length !== expected.length || actual.some((f, i) => f !== expected[i])) {
    throw new PreflightError(
      `clasp would push ${actual.length === 0 ? 'nothing' : actual.join(', ')}, not exactly ${expected.join(', ')}.`,
      'Check .clasp.json ("rootDir": "build") and run `npm run build` (it cleans build/ and writes only those two files).',
    );
  }
}

export interface Options {
  /** The build to ship; `properties` when no --store was given. */
  store: Store;
  /** Whether --store was given (only then may the default build follow a Firestore push). */
  storeGiven: boolean;
  /** Flags the command takes besides --store (marketplace: --submission). */
  flags: string[];
}

/** `--store <properties|firestore>` (or `--store=…`) and the command's own flags; anything else fails. */
export function parseOptions(args: readonly string[], allowedFlags: readonly string[] = []): Options {
  const fix = `Use --store firestore (the Firestore build, npm run build:firestore) or --store properties (the default build, on Script Properties), or leave it out for the default build.`;
  let value: string | undefined;
  let storeGiven = false;
  const flags: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--store' || arg.startsWith('--store=')) {
      if (storeGiven) throw new PreflightError('--store is given twice.', fix);
      storeGiven = true;
      value = arg === '--store' ? args[++i] : arg.slice('--store='.length);
    } else if (allowedFlags.includes(arg)) {
      flags.push(arg);
    } else {
      const known = ['--store <properties|firestore>', ...allowedFlags].join(', ');
      throw new PreflightError(`Unknown argument ${JSON.stringify(arg)}.`, `This command takes ${known}.`);
    }
  }
  if (!storeGiven) return { store: 'properties', storeGiven, flags };
  if (value === undefined || !(STORES as readonly string[]).includes(value)) {
    throw new PreflightError(
      value === undefined ? '--store needs a value.' : `Unknown store ${JSON.stringify(value)}.`,
      fix,
    );
  }
  return { store: value as Store, storeGiven, flags };
}

/**
 * The untracked file (.gitignore) in which a push records which build it sent to which script, so
 * that a later push from this checkout knows what the project's HEAD (and so, after a deploy, the
 * add-on) runs on. It knows only pushes made from here.
 */
export const STORE_MARKER = '.clasp-store';

export interface StoreMarker {
  store: Store;
  scriptId: string;
  pushedAt: string;
}

export function writeStoreMarker(root: string, marker: StoreMarker): void {
  fs.writeFileSync(path.join(root, STORE_MARKER), JSON.stringify(marker, null, 2) + '\n');
}

/**
 * The default build may not follow a Firestore push to the same script unless --store properties says
 * so: on a deployment that runs on Firestore it would serve the stale copy in Script Properties.
 */
export function checkStoreMarker(root: string, scriptId: string, options: Options): void {
  if (options.store !== 'properties' || options.storeGiven) return;
  const file = path.join(root, STORE_MARKER);
  if (!fs.existsSync(file)) return;
  let marker: Partial<StoreMarker> = {};
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null) marker = parsed as Partial<StoreMarker>;
  } catch {
    marker = {};
  }
  if (marker.store === 'properties' || (marker.store === 'firestore' && marker.scriptId !== scriptId)) return;
  const what =
    marker.store === 'firestore'
      ? `The last push from this checkout to this script was the Firestore build (${STORE_MARKER}, ${String(marker.pushedAt)}).`
      : `${STORE_MARKER} does not say which build was pushed last.`;
  throw new PreflightError(
    `${what} The default build cannot read Firestore: on a deployment that runs on Firestore it would serve the stale copy in Script Properties (DEPLOYING.md, section 13). Nothing was built or pushed.`,
    'Still on Firestore: add --store firestore. Moved back (migrateBackToProperties logged "the add-on now runs on Script Properties"): add --store properties, once; later pushes need no flag.',
  );
}
