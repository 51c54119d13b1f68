/**
 * The owner's scripts (dev/tools/deploy): each preflight check against files in a temporary
 * directory, and push / deploy driven with recorded fake processes. No clasp runs, nothing reaches
 * the network, and no real ~/.clasprc.json is read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand, type Captured, type Deps } from '../../dev/tools/deploy/commands';
import { FIRESTORE_MANIFEST } from '../../dev/tools/deploy/marketplace';
import {
  PreflightError,
  STORE_MARKER,
  parseOptions,
  checkClaspLogin,
  checkClaspProject,
  checkDeploymentId,
  checkFilesToPush,
  claspAuthFile,
} from '../../dev/tools/deploy/preflight';

const REPO = path.resolve(__dirname, '..', '..');
const SCRIPT_ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdefghijklmnopq';
const DEPLOYMENT_ID = 'AKfycbx0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
const LOGIN = { tokens: { default: { type: 'authorized_user', refresh_token: 'a-refresh-token' } } };
const STATUS_OK = JSON.stringify({
  filesToPush: ['build/appsscript.json', 'build/Code.js'],
  untrackedFiles: [],
});

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(relative: string, content: unknown): string {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function failure(fn: () => unknown): PreflightError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PreflightError) return e;
    throw e;
  }
  throw new Error('expected a PreflightError');
}

describe('.clasp.json', () => {
  it('accepts a script id with rootDir build', () => {
    write('.clasp.json', { scriptId: SCRIPT_ID, rootDir: 'build' });
    expect(checkClaspProject(dir)).toEqual({ scriptId: SCRIPT_ID, rootDir: 'build' });
  });

  it.each([
    ['missing', undefined, /\.clasp\.json is missing/],
    ['not JSON', '{ "scriptId": ', /not valid JSON/],
    ['the placeholder', { scriptId: 'REPLACE_WITH_YOUR_SCRIPT_ID', rootDir: 'build' }, /no scriptId yet/],
    ['no scriptId', { rootDir: 'build' }, /no scriptId yet/],
    [
      'a script URL instead of the id',
      { scriptId: 'https://script.google.com/d/x/edit', rootDir: 'build' },
      /does not look like/,
    ],
    ['another rootDir', { scriptId: SCRIPT_ID, rootDir: 'src' }, /rootDir is "src"/],
  ])('fails when it is %s, and says where the id is', (_, content, message) => {
    if (content !== undefined) write('.clasp.json', content);
    const e = failure(() => checkClaspProject(dir));
    expect(e.message).toMatch(message);
    expect(e.fix).toMatch(/Script ID|rootDir/);
  });

  it('the repository’s own .clasp.json keeps rootDir build', () => {
    const own = JSON.parse(fs.readFileSync(path.join(REPO, '.clasp.json'), 'utf8')) as { rootDir: string };
    expect(own.rootDir).toBe('build');
  });
});

describe('the clasp login', () => {
  it('accepts clasp 3’s file and the older formats', () => {
    checkClaspLogin(write('a.json', LOGIN));
    checkClaspLogin(write('b.json', { access_token: 'x', refresh_token: 'legacy' }));
    checkClaspLogin(write('c.json', { token: { refresh_token: 'local' }, oauth2ClientSettings: {} }));
  });

  it.each([
    ['missing', undefined, /does not exist/],
    ['not JSON', 'nope', /not valid JSON/],
    ['logged out (no token)', { tokens: {} }, /holds no credentials/],
    ['another user only', { tokens: { work: LOGIN.tokens.default } }, /holds no credentials/],
  ])('fails when the file is %s, and says to run clasp login', (_, content, message) => {
    const file = path.join(dir, '.clasprc.json');
    if (content !== undefined) write('.clasprc.json', content);
    const e = failure(() => checkClaspLogin(file));
    expect(e.message).toMatch(message);
    expect(e.fix).toMatch(/npx clasp login/);
  });

  it('looks where clasp looks: clasp_config_auth (file or folder), else the home folder', () => {
    expect(claspAuthFile({}, '/home/owner')).toBe(path.join('/home/owner', '.clasprc.json'));
    expect(claspAuthFile({ clasp_config_auth: dir }, '/home/owner')).toBe(path.join(dir, '.clasprc.json'));
    expect(claspAuthFile({ clasp_config_auth: path.join(dir, 'auth.json') })).toBe(
      path.join(dir, 'auth.json'),
    );
  });
});

describe('the deployment id', () => {
  it('is the one in marketplace/app-configuration.json', () => {
    expect(checkDeploymentId(DEPLOYMENT_ID, undefined)).toBe(DEPLOYMENT_ID);
    expect(checkDeploymentId(DEPLOYMENT_ID, DEPLOYMENT_ID)).toBe(DEPLOYMENT_ID);
  });

  it('fails when it is the placeholder, malformed, or DEPLOYMENT_ID names another one', () => {
    expect(failure(() => checkDeploymentId('REPLACE_WITH_DEPLOYMENT_ID', undefined)).fix).toMatch(
      /Manage deployments.*never creates one/,
    );
    expect(failure(() => checkDeploymentId('REPLACE_WITH_DEPLOYMENT_ID', DEPLOYMENT_ID)).message).toMatch(
      /file is the one place/,
    );
    expect(failure(() => checkDeploymentId('AKfy cb', undefined)).message).toMatch(/does not look like/);
    expect(failure(() => checkDeploymentId(DEPLOYMENT_ID, 'AKfycbOTHER0123456789abcdef')).message).toMatch(
      /differs/,
    );
  });
});

describe('what clasp would push', () => {
  it('must be exactly build/Code.js and build/appsscript.json', () => {
    checkFilesToPush(STATUS_OK);
    const extra = JSON.stringify({ filesToPush: ['build/Code.js', 'build/appsscript.json', 'build/old.js'] });
    expect(failure(() => checkFilesToPush(extra)).message).toMatch(/build\/old\.js/);
    expect(failure(() => checkFilesToPush(JSON.stringify({ filesToPush: [] }))).message).toMatch(
      /push nothing/,
    );
    expect(failure(() => checkFilesToPush('Not logged in')).message).toMatch(/did not print JSON/);
  });
});

/** The Firestore build's manifest, as webpack.config.cjs writes it. */
function firestoreManifest(): Record<string, unknown> {
  const m = JSON.parse(fs.readFileSync(path.join(REPO, 'appsscript.json'), 'utf8')) as {
    oauthScopes: string[];
  };
  return {
    ...m,
    oauthScopes: [...m.oauthScopes, ...FIRESTORE_MANIFEST.oauthScopes],
    urlFetchWhitelist: [...FIRESTORE_MANIFEST.urlFetchWhitelist],
  };
}

/**
 * A project folder with the repository's data, a .clasp.json and a login, and recording fakes.
 * `npm test` writes the default manifest into build/, `npm run build:firestore` the Firestore one
 * (or `built`, when given).
 */
function project(
  options: {
    deploymentId?: string;
    clasp?: unknown;
    login?: unknown;
    status?: string;
    built?: unknown;
    env?: NodeJS.ProcessEnv;
  } = {},
) {
  for (const f of ['appsscript.json', 'package.json', 'marketplace']) {
    fs.cpSync(path.join(REPO, f), path.join(dir, f), { recursive: true });
  }
  if (options.deploymentId !== undefined) {
    const file = path.join(dir, 'marketplace', 'app-configuration.json');
    const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { appIntegration: { deploymentId: string } };
    config.appIntegration.deploymentId = options.deploymentId;
    fs.writeFileSync(file, JSON.stringify(config));
  }
  write('.clasp.json', options.clasp ?? { scriptId: SCRIPT_ID, rootDir: 'build' });
  if (options.login !== null) write('home/.clasprc.json', options.login ?? LOGIN);
  const calls: string[] = [];
  const failing = new Set<string>();
  const deps: Deps = {
    root: dir,
    env: options.env ?? {},
    home: path.join(dir, 'home'),
    run: (command, args) => {
      const line = [command, ...args].join(' ');
      calls.push(line);
      if ([...failing].some((f) => line.includes(f))) return 1;
      if (line === 'npm test')
        write('build/appsscript.json', fs.readFileSync(path.join(dir, 'appsscript.json')));
      if (line === 'npm run build:firestore')
        write('build/appsscript.json', options.built ?? firestoreManifest());
      return 0;
    },
    capture: (command, args): Captured => {
      const line = [command, ...args].join(' ');
      calls.push(line);
      if (line.includes('clasp status'))
        return { status: 0, stdout: options.status ?? STATUS_OK, stderr: '' };
      if (line.startsWith('git rev-parse')) return { status: 0, stdout: 'abc1234\n', stderr: '' };
      return { status: 0, stdout: '', stderr: '' };
    },
    log: () => undefined,
  };
  return { deps, calls, failing };
}

describe('npm run push', () => {
  it('tests, checks what clasp would push, then pushes with --force', () => {
    const { deps, calls } = project();
    runCommand('push', [], deps);
    expect(calls).toEqual([
      'npm test',
      'npx --no-install clasp status --json',
      'npx --no-install clasp push --force',
    ]);
  });

  it.each([
    ['no scriptId', { clasp: { scriptId: 'REPLACE_WITH_YOUR_SCRIPT_ID', rootDir: 'build' } }, /no scriptId/],
    ['no clasp login', { login: null }, /No clasp login/],
  ])('fails fast with %s, before building anything', (_, options, message) => {
    const { deps, calls } = project(options);
    expect(failure(() => runCommand('push', [], deps)).message).toMatch(message);
    expect(calls).toEqual([]);
  });

  it('fails fast when the listing’s scopes differ from the manifest’s', () => {
    const { deps, calls } = project();
    const manifest = path.join(dir, 'appsscript.json');
    const m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { oauthScopes: string[] };
    m.oauthScopes.push('https://www.googleapis.com/auth/spreadsheets');
    fs.writeFileSync(manifest, JSON.stringify(m));
    expect(failure(() => runCommand('push', [], deps)).message).toMatch(/lacks scopes .*spreadsheets/);
    expect(calls).toEqual([]);
  });

  it('fails fast on a listing file that is not JSON', () => {
    const { deps, calls } = project();
    fs.writeFileSync(path.join(dir, 'marketplace', 'listing.json'), '{ "productName": ');
    expect(failure(() => runCommand('push', [], deps)).message).toMatch(/listing\.json is not valid JSON/);
    expect(calls).toEqual([]);
  });

  it('pushes nothing when the tests fail or clasp would push other files', () => {
    const failed = project();
    failed.failing.add('npm test');
    expect(failure(() => runCommand('push', [], failed.deps)).message).toMatch(/nothing was pushed/);
    expect(failed.calls).toEqual(['npm test']);

    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    const extra = project({ status: JSON.stringify({ filesToPush: ['build/Code.js'] }) });
    expect(failure(() => runCommand('push', [], extra.deps)).message).toMatch(/not exactly/);
    expect(extra.calls.some((c) => c.includes('clasp push'))).toBe(false);
  });
});

describe('npm run deploy', () => {
  it('pushes, then puts a new version on the existing deployment (one version, no new deployment)', () => {
    const { deps, calls } = project({ deploymentId: DEPLOYMENT_ID });
    runCommand('deploy', [], deps);
    const claspCalls = calls.filter((c) => c.includes(' clasp '));
    expect(claspCalls.slice(0, 2)).toEqual([
      'npx --no-install clasp status --json',
      'npx --no-install clasp push --force',
    ]);
    expect(claspCalls).toHaveLength(3);
    expect(claspCalls[2]).toMatch(
      new RegExp(
        `^npx --no-install clasp deploy --deploymentId ${DEPLOYMENT_ID} --description Reseller Connect 0\\.1\\.0 \\(abc1234\\)$`,
      ),
    );
    expect(calls.some((c) => c.includes('create-version') || c.includes('create-deployment'))).toBe(false);
  });

  it('fails fast without a deployment id, before building or pushing', () => {
    const { deps, calls } = project();
    const e = failure(() => runCommand('deploy', [], deps));
    expect(e.message).toMatch(/No deployment id/);
    expect(calls).toEqual([]);
  });

  it('never deploys after a failed push', () => {
    const { deps, calls, failing } = project({ deploymentId: DEPLOYMENT_ID });
    failing.add('clasp push');
    expect(failure(() => runCommand('deploy', [], deps)).message).toMatch(/clasp push --force failed/);
    expect(calls.some((c) => c.includes('clasp deploy'))).toBe(false);
  });
});

describe('the other owner commands', () => {
  it('deployments lists them after the same checks', () => {
    const { deps, calls } = project();
    runCommand('deployments', [], deps);
    expect(calls).toEqual(['npx --no-install clasp list-deployments']);
    fs.rmSync(path.join(dir, 'home', '.clasprc.json'));
    expect(failure(() => runCommand('deployments', [], deps)).fix).toMatch(/clasp login/);
  });

  it('marketplace prints the console fields, and --submission refuses placeholders', () => {
    const { deps } = project();
    const lines: string[] = [];
    runCommand('marketplace', [], { ...deps, log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/Individual \+ Admin Install/);
    expect(lines.join('\n')).toMatch(/gmail\.addons\.current\.message\.readonly/);
    expect(failure(() => runCommand('marketplace', ['--submission'], deps)).message).toMatch(/placeholder/);
  });

  it('an unknown command says which exist', () => {
    const { deps } = project();
    expect(failure(() => runCommand('publish', [], deps)).fix).toMatch(/push, deploy, deployments/);
  });
});

function marker(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(dir, STORE_MARKER), 'utf8')) as Record<string, unknown>;
}

describe('--store', () => {
  it('is parsed as --store <store> or --store=<store>; without it the default build', () => {
    expect(parseOptions([])).toEqual({ store: 'properties', storeGiven: false, flags: [] });
    expect(parseOptions(['--store', 'firestore'])).toEqual({
      store: 'firestore',
      storeGiven: true,
      flags: [],
    });
    expect(parseOptions(['--store=properties'])).toEqual({
      store: 'properties',
      storeGiven: true,
      flags: [],
    });
    expect(parseOptions(['--submission', '--store', 'firestore'], ['--submission'])).toEqual({
      store: 'firestore',
      storeGiven: true,
      flags: ['--submission'],
    });
  });

  it.each([
    [['--store', 'sql'], /Unknown store "sql"/],
    [['--store'], /needs a value/],
    [['--store', 'firestore', '--store', 'properties'], /twice/],
    [['--stor', 'firestore'], /Unknown argument "--stor"/],
  ])('refuses %j', (args, message) => {
    const e = failure(() => parseOptions(args));
    expect(e.message).toMatch(message);
    expect(e.fix).toMatch(/--store firestore|--store <properties\|firestore>/);
  });

  it('an unknown store fails before anything runs', () => {
    const { deps, calls } = project({ deploymentId: DEPLOYMENT_ID });
    for (const command of ['push', 'deploy', 'check', 'marketplace']) {
      const e = failure(() => runCommand(command, ['--store', 'firebase'], deps));
      expect(e.message).toMatch(/Unknown store "firebase"/);
      expect(e.fix).toMatch(/--store firestore .*--store properties/);
    }
    expect(calls).toEqual([]);
    expect(fs.existsSync(path.join(dir, STORE_MARKER))).toBe(false);
  });

  it('taken by npm (no -- before it) is refused, not ignored', () => {
    const { deps, calls } = project({ env: { npm_config_store: 'true' } });
    expect(failure(() => runCommand('push', ['firestore'], deps)).fix).toMatch(
      /npm run <command> -- --store firestore/,
    );
    const other = project({ env: { npm_config_store: 'firestore' } });
    expect(failure(() => runCommand('deploy', [], other.deps)).fix).toMatch(/-- --store firestore/);
    expect(calls).toEqual([]);
    expect(other.calls).toEqual([]);
  });

  it('the Firestore build’s additions are webpack.config.cjs’s', () => {
    const config = fs.readFileSync(path.join(REPO, 'webpack.config.cjs'), 'utf8');
    for (const entry of [...FIRESTORE_MANIFEST.oauthScopes, ...FIRESTORE_MANIFEST.urlFetchWhitelist]) {
      expect(config).toContain(`'${entry}'`);
    }
  });
});

describe('npm run push -- --store firestore', () => {
  it('tests, then builds the Firestore build, checks it, pushes it and records it', () => {
    const { deps, calls } = project();
    runCommand('push', ['--store', 'firestore'], deps);
    expect(calls).toEqual([
      'npm test',
      'npm run build:firestore',
      'npx --no-install clasp status --json',
      'npx --no-install clasp push --force',
    ]);
    expect(marker()).toMatchObject({ store: 'firestore', scriptId: SCRIPT_ID });
  });

  it('without the flag pushes what npm test built, and records the default build', () => {
    const { deps, calls } = project();
    runCommand('push', [], deps);
    expect(calls).not.toContain('npm run build:firestore');
    expect(marker()).toMatchObject({ store: 'properties', scriptId: SCRIPT_ID });
  });

  it.each([
    [
      'lacks the whitelist',
      { ...firestoreManifest(), urlFetchWhitelist: undefined },
      /not the Firestore build: it lacks urlFetchWhitelist entry https:\/\/oauth2/,
    ],
    [
      'is the default build',
      JSON.parse(fs.readFileSync(path.join(REPO, 'appsscript.json'), 'utf8')) as unknown,
      /lacks scope https:\/\/www\.googleapis\.com\/auth\/script\.external_request/,
    ],
    [
      'asks for a scope the Firestore list lacks',
      {
        ...firestoreManifest(),
        oauthScopes: [
          ...(firestoreManifest().oauthScopes as string[]),
          'https://www.googleapis.com/auth/spreadsheets',
        ],
      },
      /oauth-scopes\.firestore\.json oauthScopes lacks scopes build\/appsscript\.json declares: .*spreadsheets/,
    ],
  ])('pushes nothing when the built manifest %s', (_, built, message) => {
    const { deps, calls } = project({ built });
    const e = failure(() => runCommand('push', ['--store', 'firestore'], deps));
    expect(e.message).toMatch(message);
    expect(e.fix).toMatch(/npm run build:firestore/);
    expect(calls).toEqual(['npm test', 'npm run build:firestore']);
    expect(fs.existsSync(path.join(dir, STORE_MARKER))).toBe(false);
  });

  it('fails fast when the Marketplace’s Firestore scope list is not the default list plus external_request', () => {
    const { deps, calls } = project();
    const file = path.join(dir, 'marketplace', 'oauth-scopes.firestore.json');
    const list = JSON.parse(fs.readFileSync(file, 'utf8')) as { oauthScopes: string[] };
    list.oauthScopes = list.oauthScopes.filter((s) => !s.endsWith('script.external_request'));
    fs.writeFileSync(file, JSON.stringify(list));
    const e = failure(() => runCommand('push', ['--store', 'firestore'], deps));
    expect(e.message).toMatch(
      /oauth-scopes\.firestore\.json oauthScopes lacks scopes .*script\.external_request/,
    );
    expect(calls).toEqual([]);
    // The default build does not use that list.
    runCommand('push', [], deps);
    expect(calls).toContain('npx --no-install clasp push --force');
  });

  it('pushes nothing when the Firestore build fails', () => {
    const { deps, calls, failing } = project();
    failing.add('build:firestore');
    expect(failure(() => runCommand('push', ['--store', 'firestore'], deps)).message).toMatch(
      /build:firestore failed/,
    );
    expect(calls.some((c) => c.includes('clasp'))).toBe(false);
  });
});

describe('after a Firestore push', () => {
  it('a push without --store refuses the default build, saying why', () => {
    const { deps, calls } = project({ deploymentId: DEPLOYMENT_ID });
    runCommand('push', ['--store', 'firestore'], deps);
    calls.length = 0;
    for (const command of ['push', 'deploy']) {
      const e = failure(() => runCommand(command, [], deps));
      expect(e.message).toMatch(/last push .* was the Firestore build .*stale copy in Script Properties/);
      expect(e.fix).toMatch(/--store firestore.*--store properties/);
    }
    expect(calls).toEqual([]);
    expect(marker()).toMatchObject({ store: 'firestore' });
  });

  it('--store properties pushes the default build and clears the way for later pushes', () => {
    const { deps, calls } = project();
    runCommand('push', ['--store', 'firestore'], deps);
    runCommand('push', ['--store', 'properties'], deps);
    expect(marker()).toMatchObject({ store: 'properties' });
    calls.length = 0;
    runCommand('push', [], deps);
    expect(calls).toEqual([
      'npm test',
      'npx --no-install clasp status --json',
      'npx --no-install clasp push --force',
    ]);
  });

  it('a Firestore push that failed leaves no marker, and a marker of another script does not count', () => {
    const { deps, failing } = project();
    failing.add('clasp push');
    failure(() => runCommand('push', ['--store', 'firestore'], deps));
    expect(fs.existsSync(path.join(dir, STORE_MARKER))).toBe(false);
    failing.clear();
    write(STORE_MARKER, { store: 'firestore', scriptId: 'another-script', pushedAt: 'then' });
    runCommand('push', [], deps);
    expect(marker()).toMatchObject({ store: 'properties', scriptId: SCRIPT_ID });
  });

  it('an unreadable marker is refused too', () => {
    const { deps, calls } = project();
    write(STORE_MARKER, 'firestore?');
    expect(failure(() => runCommand('push', [], deps)).message).toMatch(/does not say which build/);
    expect(calls).toEqual([]);
  });

  it('the marker is ignored by git', () => {
    const ignored = fs.readFileSync(path.join(REPO, '.gitignore'), 'utf8').split('\n');
    expect(ignored).toContain(STORE_MARKER);
  });
});

describe('npm run deploy -- --store firestore', () => {
  it('deploys the Firestore build, and the version says so', () => {
    const { deps, calls } = project({ deploymentId: DEPLOYMENT_ID });
    runCommand('deploy', ['--store', 'firestore'], deps);
    const testAt = calls.indexOf('npm test');
    expect(calls.indexOf('npm run build:firestore')).toBe(testAt + 1);
    expect(calls.filter((c) => c.includes(' clasp '))).toEqual([
      'npx --no-install clasp status --json',
      'npx --no-install clasp push --force',
      `npx --no-install clasp deploy --deploymentId ${DEPLOYMENT_ID} --description Reseller Connect 0.1.0 (abc1234, Firestore build)`,
    ]);
  });

  it('deploys nothing when the built manifest is not the Firestore build', () => {
    const { deps, calls } = project({
      deploymentId: DEPLOYMENT_ID,
      built: { ...firestoreManifest(), urlFetchWhitelist: [] },
    });
    expect(failure(() => runCommand('deploy', ['--store', 'firestore'], deps)).message).toMatch(
      /not the Firestore build/,
    );
    expect(calls.some((c) => c.includes('clasp'))).toBe(false);
  });
});

describe('deploy:check and marketplace with --store firestore', () => {
  it('deploy:check checks that build/ is the Firestore build', () => {
    const { deps, calls } = project();
    write('build/Code.js', '');
    write('build/appsscript.json', fs.readFileSync(path.join(REPO, 'appsscript.json')));
    runCommand('check', [], deps);
    expect(failure(() => runCommand('check', ['--store', 'firestore'], deps)).message).toMatch(
      /not the Firestore build/,
    );
    write('build/appsscript.json', firestoreManifest());
    calls.length = 0;
    runCommand('check', ['--store', 'firestore'], deps);
    expect(calls).toEqual(['npx --no-install clasp status --json']);
  });

  it('marketplace prints the Firestore build’s scopes', () => {
    const { deps } = project();
    const lines: string[] = [];
    runCommand('marketplace', ['--store', 'firestore'], { ...deps, log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(
      /OAuth scopes \(the Firestore build.*\n(\s+https:\S+\n)*\s+https:\/\/www\.googleapis\.com\/auth\/script\.external_request/,
    );
    lines.length = 0;
    runCommand('marketplace', [], { ...deps, log: (l) => lines.push(l) });
    expect(lines.join('\n')).not.toMatch(/script\.external_request/);
  });
});
