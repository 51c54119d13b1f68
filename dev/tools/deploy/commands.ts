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
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkMarketplace, detailedDescription, type MarketplaceData } from './marketplace';
import {
  PreflightError,
  checkClaspLogin,
  checkClaspProject,
  checkDeploymentId,
  checkFilesToPush,
  claspAuthFile,
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

function marketplaceOrFail(deps: Deps): MarketplaceData {
  const { errors, data } = checkMarketplace(deps.root);
  if (errors.length > 0 || !data) {
    throw new PreflightError(
      `The Marketplace data does not fit the manifest or Google's limits:\n  - ${errors.join('\n  - ')}`,
      'Fix marketplace/*.json (or appsscript.json); `npm run marketplace` shows the same list.',
    );
  }
  return data;
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

/** Checks that need no build: the project, the login, the data. */
function pushPreflight(deps: Deps): MarketplaceData {
  checkClaspProject(deps.root);
  checkClaspLogin(claspAuthFile(deps.env, deps.home));
  return marketplaceOrFail(deps);
}

function pushAfterPreflight(deps: Deps): void {
  deps.log('Build, type check, lint and tests (npm test) …');
  if (deps.run('npm', ['test']) !== 0) {
    throw new PreflightError(
      'npm test failed: nothing was pushed.',
      'Fix what the tests report, then run this again.',
    );
  }
  filesToPush(deps);
  deps.log('Pushing build/Code.js and build/appsscript.json (clasp push --force) …');
  clasp(deps, ['push', '--force']);
}

export function push(deps: Deps): void {
  pushPreflight(deps);
  pushAfterPreflight(deps);
  deps.log('Pushed. The test deployment (HEAD) runs this code now; `npm run deploy` ships it to users.');
}

function versionDescription(deps: Deps): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(deps.root, 'package.json'), 'utf8')) as {
    version?: string;
  };
  const sha = deps.capture('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = deps.capture('git', ['status', '--porcelain']);
  const commit = sha.status === 0 ? sha.stdout.trim() : 'no git commit';
  const changes = dirty.status === 0 && dirty.stdout.trim() !== '' ? ' with uncommitted changes' : '';
  return `Reseller Connect ${pkg.version ?? ''} (${commit}${changes})`.replace(/\s+/g, ' ');
}

export function deploy(deps: Deps): void {
  const data = pushPreflight(deps);
  const id = checkDeploymentId(data.config.appIntegration?.deploymentId, deps.env.DEPLOYMENT_ID);
  pushAfterPreflight(deps);
  const description = versionDescription(deps);
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
  const data = marketplaceOrFail(deps);
  const { toFill } = checkMarketplace(deps.root);
  const { config, listing } = data;
  const out: string[] = [
    'Marketplace SDK › App Configuration',
    `  App visibility:        ${config.appVisibility === 'public' ? 'Public' : 'Private'} (permanent once saved)`,
    `  Installation settings: ${config.installationSettings === 'individualAndAdminInstall' ? 'Individual + Admin Install' : 'Admin Only Install'}`,
    `  App integration:       Google Workspace add-on › Apps Script › deployment ID ${config.appIntegration.deploymentId}`,
    '  OAuth scopes:',
    ...config.oauthScopes.map((s) => `    ${s}`),
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
  if (args.includes('--submission') && toFill.length > 0) {
    throw new PreflightError(
      `${toFill.length} placeholder value(s) left in marketplace/.`,
      'Fill them in (listed above) before submitting the listing.',
    );
  }
}

export function check(deps: Deps): void {
  marketplaceOrFail(deps);
  if (!fs.existsSync(path.join(deps.root, 'build', 'Code.js'))) {
    throw new PreflightError('build/Code.js does not exist.', 'Run `npm run build` first.');
  }
  filesToPush(deps);
  deps.log(
    'Marketplace data matches the manifest; clasp would push exactly build/Code.js and build/appsscript.json.',
  );
}

export function runCommand(name: string, args: readonly string[], deps: Deps): void {
  switch (name) {
    case 'push':
      return push(deps);
    case 'deploy':
      return deploy(deps);
    case 'deployments':
      return deployments(deps);
    case 'marketplace':
      return marketplace(deps, args);
    case 'check':
      return check(deps);
    default:
      throw new PreflightError(
        `Unknown command ${JSON.stringify(name)}.`,
        `Use one of: ${COMMANDS.join(', ')}.`,
      );
  }
}
