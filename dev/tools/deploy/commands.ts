/**
 * The owner's commands (package.json scripts), as functions over injected process runners so the
 * tests can drive them without clasp, a network or a Google account.
 *
 *   push         checks, `npm test` (build, type check, lint, tests), `clasp status` → exactly
 *                build/Code.js and build/appsscript.json, then `clasp push --force`
 *   deploy       push, then a new version on the existing deployment:
 *                `clasp deploy --deploymentId <id> --description …` (clasp 3 creates the version
 *                itself when no --versionNumber is given); never a deployment without an id
 *   deployments  `clasp list-deployments` (find the id of the add-on deployment)
 *   marketplace  checks marketplace/ and prints the console fields to copy
 *   check        the offline checks CI can run: marketplace data and what clasp would push
 *
 * push, deploy, marketplace and check take `--store firestore` for the Firestore build: after
 * `npm test` (which leaves the default build in build/), `npm run build:firestore`, then build/
 * appsscript.json must carry the Firestore scope and urlFetchWhitelist and match
 * marketplace/oauth-scopes.firestore.json. Each push records its build in .clasp-store; a push without
 * --store refuses to follow a Firestore push to the same script (`--store properties` overrides).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  BUILT_MANIFEST,
  FIRESTORE_SCOPES_FILE,
  checkMarketplace,
  detailedDescription,
  firestoreBuildProblems,
  firestoreListProblems,
  readJsonObject,
  type MarketplaceData,
  type Store,
} from './marketplace';
import {
  PreflightError,
  STORE_MARKER,
  checkClaspLogin,
  checkClaspProject,
  checkDeploymentId,
  checkFilesToPush,
  checkStoreMarker,
  claspAuthFile,
  parseOptions,
  writeStoreMarker,
  type Options,
} from './preflight';

export interface Captured {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface Deps {
  root: string;
  env: NodeJS.ProcessEnv;
  home: string;
  /** Runs a command with the terminal attached; returns its exit status. */
  run(command: string, args: readonly string[]): number | null;
  /** Runs a command and returns what it printed. */
  capture(command: string, args: readonly string[]): Captured;
  log(line: string): void;
}

export const COMMANDS = ['push', 'deploy', 'deployments', 'marketplace', 'check'] as const;
export type CommandName = (typeof COMMANDS)[number];

const CLASP = ['--no-install', 'clasp'] as const;

function clasp(deps: Deps, args: readonly string[]): void {
  const status = deps.run('npx', [...CLASP, ...args]);
  if (status !== 0) {
    throw new PreflightError(
      `clasp ${args.join(' ')} failed (exit ${String(status)}).`,
      'Read clasp’s message above. "User has not enabled the Apps Script API": turn it on at https://script.google.com/home/usersettings. "Requested entity was not found": the scriptId or deployment id belongs to another account or project.',
    );
  }
}

function marketplaceOrFail(deps: Deps, store: Store = 'properties'): MarketplaceData {
  const { errors, data } = checkMarketplace(deps.root);
  if (data && store === 'firestore') errors.push(...firestoreListProblems(deps.root, data.config));
  if (errors.length > 0 || !data) {
    throw new PreflightError(
      `The Marketplace data does not fit the manifest or Google's limits:\n  - ${errors.join('\n  - ')}`,
      `Fix marketplace/*.json (or appsscript.json); \`npm run marketplace${store === 'firestore' ? ' -- --store firestore' : ''}\` shows the same list.`,
    );
  }
  return data;
}

/** The command's options; `npm run push --store firestore` (without `--`) would reach npm, not us. */
function options(deps: Deps, args: readonly string[], allowedFlags: readonly string[] = []): Options {
  const npmStore = deps.env.npm_config_store;
  const given = args.some((a) => a === '--store' || a.startsWith('--store='));
  if (!given && npmStore !== undefined && npmStore !== '') {
    // `--store=firestore` sets it to firestore; `--store firestore` to true, leaving firestore in args.
    const store =
      npmStore !== 'true' ? npmStore : (args.find((a) => !a.startsWith('--')) ?? '<properties|firestore>');
    throw new PreflightError(
      'npm took --store for itself (npm_config_store), so this script did not see it.',
      `Put -- before it: \`npm run <command> -- --store ${store}\`.`,
    );
  }
  return parseOptions(args, allowedFlags);
}

const STORE_NAMES: Record<Store, string> = {
  properties: 'default build (Script Properties)',
  firestore: 'Firestore build',
};

/** After npm test: the Firestore build into build/, checked against its scope list. */
function buildStore(deps: Deps, store: Store): void {
  if (store !== 'firestore') return;
  deps.log('The Firestore build into build/ (npm run build:firestore) …');
  if (deps.run('npm', ['run', 'build:firestore']) !== 0) {
    throw new PreflightError(
      'npm run build:firestore failed: nothing was pushed.',
      'Read webpack’s message above, fix it, then run this again.',
    );
  }
  checkFirestoreBuild(deps);
}

function checkFirestoreBuild(deps: Deps): void {
  const errors = firestoreBuildProblems(deps.root);
  if (errors.length > 0) {
    throw new PreflightError(
      `${BUILT_MANIFEST} is not the Firestore build ${FIRESTORE_SCOPES_FILE} describes:\n  - ${errors.join('\n  - ')}`,
      `Build it with \`npm run build:firestore\` (webpack.config.cjs FIRESTORE_MANIFEST); if a scope changed, update ${FIRESTORE_SCOPES_FILE} (DEPLOYING.md, section 12).`,
    );
  }
}

function filesToPush(deps: Deps): void {
  const status = deps.capture('npx', [...CLASP, 'status', '--json']);
  if (status.status !== 0) {
    throw new PreflightError(
      `clasp status failed (exit ${String(status.status)}): ${status.stderr.trim()}`,
      'Run `npx clasp status --json` to see why; it needs no login, only a readable .clasp.json.',
    );
  }
  checkFilesToPush(status.stdout);
}

interface Preflight {
  data: MarketplaceData;
  scriptId: string;
}

/** Checks that need no build: the project, the login, the data, the last push's build. */
function pushPreflight(deps: Deps, opts: Options): Preflight {
  const { scriptId } = checkClaspProject(deps.root);
  checkClaspLogin(claspAuthFile(deps.env, deps.home));
  const data = marketplaceOrFail(deps, opts.store);
  checkStoreMarker(deps.root, scriptId, opts);
  return { data, scriptId };
}

function pushAfterPreflight(deps: Deps, opts: Options, scriptId: string): void {
  deps.log('Build, type check, lint and tests (npm test) …');
  if (deps.run('npm', ['test']) !== 0) {
    throw new PreflightError(
      'npm test failed: nothing was pushed.',
      'Fix what the tests report, then run this again.',
    );
  }
  buildStore(deps, opts.store);
  filesToPush(deps);
  deps.log(
    `Pushing the ${STORE_NAMES[opts.store]}: build/Code.js and build/appsscript.json (clasp push --force) …`,
  );
  clasp(deps, ['push', '--force']);
  writeStoreMarker(deps.root, { store: opts.store, scriptId, pushedAt: new Date().toISOString() });
}

export function push(deps: Deps, args: readonly string[] = []): void {
  const opts = options(deps, args);
  const { scriptId } = pushPreflight(deps, opts);
  pushAfterPreflight(deps, opts, scriptId);
  const flag = opts.store === 'firestore' ? ' -- --store firestore' : '';
  deps.log(
    `Pushed the ${STORE_NAMES[opts.store]} (recorded in ${STORE_MARKER}). The test deployment (HEAD) runs this code now; \`npm run deploy${flag}\` ships it to users.`,
  );
}

function versionDescription(deps: Deps, store: Store): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(deps.root, 'package.json'), 'utf8')) as {
    version?: string;
  };
  const sha = deps.capture('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = deps.capture('git', ['status', '--porcelain']);
  const commit = sha.status === 0 ? sha.stdout.trim() : 'no git commit';
  const changes = dirty.status === 0 && dirty.stdout.trim() !== '' ? ' with uncommitted changes' : '';
  const build = store === 'firestore' ? ', Firestore build' : '';
  return `Reseller Connect ${pkg.version ?? ''} (${commit}${changes}${build})`.replace(/\s+/g, ' ');
}

export function deploy(deps: Deps, args: readonly string[] = []): void {
  const opts = options(deps, args);
  const { data, scriptId } = pushPreflight(deps, opts);
  const id = checkDeploymentId(data.config.appIntegration?.deploymentId, deps.env.DEPLOYMENT_ID);
  pushAfterPreflight(deps, opts, scriptId);
  const description = versionDescription(deps, opts.store);
  deps.log(`New version on deployment ${id}: ${description} …`);
  clasp(deps, ['deploy', '--deploymentId', id, '--description', description]);
  deps.log(
    'Deployed: users get the new version (Gmail may keep the old one for a few minutes). If this version added a scope, see DEPLOYING.md, "An update that adds a scope".',
  );
}

export function deployments(deps: Deps): void {
  checkClaspProject(deps.root);
  checkClaspLogin(claspAuthFile(deps.env, deps.home));
  clasp(deps, ['list-deployments']);
  deps.log(
    'The add-on deployment is the versioned one (not @HEAD): put its id in marketplace/app-configuration.json appIntegration.deploymentId.',
  );
}

export function marketplace(deps: Deps, args: readonly string[]): void {
  const opts = options(deps, args, ['--submission']);
  const data = marketplaceOrFail(deps, opts.store);
  const { toFill } = checkMarketplace(deps.root);
  const { config, listing } = data;
  const scopes =
    opts.store === 'firestore'
      ? (readJsonObject(deps.root, FIRESTORE_SCOPES_FILE).oauthScopes as string[])
      : config.oauthScopes;
  const out: string[] = [
    'Marketplace SDK › App Configuration',
    `  App visibility:        ${config.appVisibility === 'public' ? 'Public' : 'Private'} (permanent once saved)`,
    `  Installation settings: ${config.installationSettings === 'individualAndAdminInstall' ? 'Individual + Admin Install' : 'Admin Only Install'}`,
    `  App integration:       Google Workspace add-on › Apps Script › deployment ID ${config.appIntegration.deploymentId}`,
    `  OAuth scopes${opts.store === 'firestore' ? ` (the Firestore build, ${FIRESTORE_SCOPES_FILE}; the consent screen's Data access too)` : ''}:`,
    ...scopes.map((s) => `    ${s}`),
    '  Developer information:',
    ...Object.entries(config.developer).map(([k, v]) => `    ${k}: ${v}`),
    '',
    'OAuth consent screen (Branding, Audience, Data access)',
    ...Object.entries(config.oauthConsentScreen)
      .filter(([k]) => k !== 'sensitiveScopes')
      .map(([k, v]) => `  ${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`),
    '  Sensitive scopes, and what to write for each:',
    ...config.oauthConsentScreen.sensitiveScopes.flatMap((s) => [
      `    ${s.scope}`,
      `      ${s.justification}`,
    ]),
    '',
    'Marketplace SDK › Store Listing',
    `  Category: ${listing.category}    Pricing: ${listing.pricing}    Default language: ${listing.defaultLanguage}`,
  ];
  for (const [language, texts] of Object.entries(listing.languages)) {
    out.push(
      `  [${language}] Application name: ${texts.name}`,
      `  [${language}] Short description: ${texts.shortDescription}`,
      `  [${language}] Detailed description:`,
      ...detailedDescription(texts.detailedDescription)
        .split('\n')
        .map((line) => `    ${line}`),
    );
  }
  out.push(
    '  Graphics (files under marketplace/):',
    ...Object.entries(listing.graphics.applicationIcons).map(
      ([size, file]) => `    icon ${size}x${size}: ${file}`,
    ),
    `    card banner 220x140: ${listing.graphics.cardBanner}`,
    ...listing.graphics.screenshots.map((file, i) => `    screenshot ${i + 1}: ${file}`),
    '  Support links:',
    ...Object.entries(listing.supportLinks).map(([k, v]) => `    ${k}: ${v}`),
  );
  if (toFill.length > 0)
    out.push('', 'Still to fill in before submitting:', ...toFill.map((t) => `  - ${t}`));
  for (const line of out) deps.log(line);
  if (opts.flags.includes('--submission') && toFill.length > 0) {
    throw new PreflightError(
      `${toFill.length} placeholder value(s) left in marketplace/.`,
      'Fill them in (listed above) before submitting the listing.',
    );
  }
}

export function check(deps: Deps, args: readonly string[] = []): void {
  const opts = options(deps, args);
  marketplaceOrFail(deps, opts.store);
  if (!fs.existsSync(path.join(deps.root, 'build', 'Code.js'))) {
    const build = opts.store === 'firestore' ? 'npm run build:firestore' : 'npm run build';
    throw new PreflightError('build/Code.js does not exist.', `Run \`${build}\` first.`);
  }
  if (opts.store === 'firestore') checkFirestoreBuild(deps);
  filesToPush(deps);
  deps.log(
    opts.store === 'firestore'
      ? `Marketplace data matches the manifest, ${BUILT_MANIFEST} is the Firestore build and matches ${FIRESTORE_SCOPES_FILE}; clasp would push exactly build/Code.js and build/appsscript.json.`
      : 'Marketplace data matches the manifest; clasp would push exactly build/Code.js and build/appsscript.json.',
  );
}

export function runCommand(name: string, args: readonly string[], deps: Deps): void {
  switch (name) {
    case 'push':
      return push(deps, args);
    case 'deploy':
      return deploy(deps, args);
    case 'deployments':
      return deployments(deps);
    case 'marketplace':
      return marketplace(deps, args);
    case 'check':
      return check(deps, args);
    default:
      throw new PreflightError(
        `Unknown command ${JSON.stringify(name)}.`,
        `Use one of: ${COMMANDS.join(', ')}.`,
      );
  }
}
