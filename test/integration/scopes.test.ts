/**
 * Least privilege: every user of every customer sees the manifest's scopes on the consent screen, so
 * each declared scope must be needed by the code, and everything the code uses must be covered —
 * on the default build (build/) and on the Firestore build (STORE=firestore, built here into a
 * temporary directory), whose manifest webpack.config.cjs writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { firestoreBuildDir } from '../support/firestore-build';

const ROOT = path.resolve(__dirname, '..', '..');

interface Manifest {
  oauthScopes: string[];
  addOns: { common: { useLocaleFromApp?: boolean }; gmail?: unknown };
  urlFetchWhitelist?: string[];
}

function readBuild(dir: string): { code: string; manifest: Manifest } {
  return {
    code: fs.readFileSync(path.join(dir, 'Code.js'), 'utf8'),
    manifest: JSON.parse(fs.readFileSync(path.join(dir, 'appsscript.json'), 'utf8')) as Manifest,
  };
}

const AUTH = 'https://www.googleapis.com/auth/';
const EXTERNAL_REQUEST = `${AUTH}script.external_request`;
const defaultBuild = {
  name: 'the default build',
  code: readBuild(path.join(ROOT, 'build')).code,
  manifest: JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')) as Manifest,
  fetches: false,
};
const firestoreBuild = { name: 'the Firestore build', ...readBuild(firestoreBuildDir()), fetches: true };
const BUILDS = [defaultBuild, firestoreBuild];

/** What in the bundle needs which scope. Properties, Cache and Lock need none. */
const USES: { pattern: RegExp; scope: string | null; why: string }[] = [
  { pattern: /\bCardService\./, scope: `${AUTH}gmail.addons.execute`, why: 'runs as a Gmail add-on' },
  {
    pattern: /\bSession\.get(Active|Effective)User\(\)\.getEmail\(\)/,
    scope: `${AUTH}userinfo.email`,
    why: "reads the user's email",
  },
  { pattern: /\bSheets\.Spreadsheets\b/, scope: `${AUTH}drive.file`, why: 'the backing Sheet setup created' },
  {
    pattern: /\bGmailApp\.getMessageById\b/,
    scope: `${AUTH}gmail.addons.current.message.readonly`,
    why: "reads the open email's sender (contextual trigger)",
  },
  {
    // The metadata scope does not cover attachments (Gmail's attachments.get does not accept it).
    pattern: /\.getAttachments\(/,
    scope: `${AUTH}gmail.addons.current.message.readonly`,
    why: "reads the names, types and sizes of the open email's attachments (a signed agreement)",
  },
  { pattern: /\buserLocale\b/, scope: `${AUTH}script.locale`, why: "reads the user's locale from the event" },
  { pattern: /\bPropertiesService\./, scope: null, why: 'needs no scope' },
  { pattern: /\bCacheService\./, scope: null, why: 'needs no scope' },
  { pattern: /\bLockService\./, scope: null, why: 'needs no scope' },
  {
    pattern: /\bUrlFetchApp\.fetch(All)?\(/,
    scope: EXTERNAL_REQUEST,
    why: 'the Firestore build reaches Firestore and the token endpoint',
  },
];

/** Services that would need a scope we do not declare; none may appear in the bundle. */
const UNDECLARED_SERVICES = ['SpreadsheetApp', 'DriveApp', 'UrlFetchApp', 'People', 'MailApp'];

/**
 * ScriptApp's triggers need script.scriptapp, which every customer's admin would see: the owner adds
 * the sync's trigger in the editor instead. Its authorization info and requireScopes need no scope.
 */
const SCRIPTAPP_TRIGGER_CALLS =
  /\bScriptApp\.(newTrigger|getProjectTriggers|getUserTriggers|deleteTrigger)\b/;

describe.each(BUILDS)('OAuth scopes of $name', ({ code, manifest, fetches }) => {
  it('declares exactly the scopes the bundle needs', () => {
    const needed = new Set(USES.filter((u) => u.pattern.test(code) && u.scope).map((u) => u.scope as string));
    expect(new Set(manifest.oauthScopes)).toEqual(needed);
  });

  it('uses no Apps Script service that a declared scope does not cover', () => {
    const undeclared = UNDECLARED_SERVICES.filter((s) => !(fetches && s === 'UrlFetchApp'));
    for (const service of undeclared) expect(code).not.toMatch(new RegExp(`\\b${service}\\.`));
    expect(code).not.toMatch(SCRIPTAPP_TRIGGER_CALLS);
  });

  it('fetches only from Firestore and the token endpoint, and only on the Firestore build', () => {
    if (!fetches) {
      expect(manifest.urlFetchWhitelist).toBeUndefined();
      expect(code).not.toMatch(/firestore\.googleapis\.com|oauth2\.googleapis\.com/);
      return;
    }
    // Allowlist prefixes: https, a full domain, a non-empty path; a URL matches its prefix or is
    // beneath it (developers.google.com/apps-script/manifest/allowlist-url).
    expect(manifest.urlFetchWhitelist).toEqual([
      'https://oauth2.googleapis.com/token',
      'https://firestore.googleapis.com/',
    ]);
  });

  it('asks ScriptApp only what needs no scope: what is granted, and Google’s consent prompt', () => {
    const calls = new Set([...code.matchAll(/\bScriptApp\.([A-Za-z]+)/g)].map((m) => m[1]));
    expect([...calls].sort()).toEqual([
      'AuthMode',
      'AuthorizationStatus',
      'getAuthorizationInfo',
      'requireScopes',
    ]);
  });

  it('asks Google for the locale in events, which script.locale allows', () => {
    expect(manifest.addOns.common.useLocaleFromApp).toBe(true);
    expect(manifest.oauthScopes).toContain(`${AUTH}script.locale`);
  });
});

/**
 * Each scope's class as Google's scope pages give it; a scope missing here fails the table check, so
 * a new scope gets looked up before it ships. Gmail: https://developers.google.com/gmail/api/auth/scopes ;
 * drive.file and spreadsheets: https://developers.google.com/workspace/sheets/api/scopes ;
 * userinfo.email and script.locale are on neither the sensitive nor the restricted list.
 */
const CLASS_OF: Record<string, 'non-sensitive' | 'sensitive' | 'restricted'> = {
  'gmail.addons.execute': 'non-sensitive',
  // On neither list of Google's own scope classifier (github.com/googleworkspace/developer-tools,
  // packages/vscode-extension/src/scopes.ts, SENSITIVE_SCOPES and RESTRICTED_SCOPES); UrlFetchApp
  // requires it (developers.google.com/apps-script/reference/url-fetch).
  'script.external_request': 'non-sensitive',
  'userinfo.email': 'non-sensitive',
  'script.locale': 'non-sensitive',
  'drive.file': 'non-sensitive',
  'gmail.addons.current.message.metadata': 'sensitive',
  'gmail.addons.current.message.action': 'non-sensitive',
  'gmail.addons.current.action.compose': 'non-sensitive',
  'gmail.addons.current.message.readonly': 'sensitive',
  spreadsheets: 'sensitive',
};

interface ScopeRow {
  scope: string;
  class: string;
  why: string;
}

/** The rows of the README's "OAuth scopes" table. */
function readmeScopeRows(readme: string): ScopeRow[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith('OAuth scopes'));
  if (!section) throw new Error('README.md has no "## OAuth scopes" section');
  return section
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) => {
      const [scope = '', cls = '', why = ''] = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      return { scope: scope.replace(/`/g, ''), class: cls, why };
    });
}

describe("the README's scope table", () => {
  const rows = readmeScopeRows(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  const declared = [...new Set(BUILDS.flatMap((b) => b.manifest.oauthScopes))].map((s) =>
    s.replace(AUTH, ''),
  );
  const firestoreOnly = firestoreBuild.manifest.oauthScopes
    .filter((s) => !defaultBuild.manifest.oauthScopes.includes(s))
    .map((s) => s.replace(AUTH, ''));

  it('has one row for every scope either build declares, and none for others', () => {
    expect(rows.map((r) => r.scope).sort()).toEqual([...declared].sort());
  });

  it('says which rows are for the Firestore build only', () => {
    expect(firestoreOnly).toEqual(['script.external_request']);
    for (const row of rows)
      expect({ scope: row.scope, firestore: row.why.includes('Firestore build') }).toEqual({
        scope: row.scope,
        firestore: firestoreOnly.includes(row.scope),
      });
  });

  it("gives each scope its class, as Google's scope pages give it, and a justification", () => {
    for (const row of rows) {
      expect({ scope: row.scope, class: row.class }).toEqual({
        scope: row.scope,
        class: CLASS_OF[row.scope],
      });
      expect(row.why.length).toBeGreaterThanOrEqual(20);
    }
  });

  it('matches the sensitive scopes the consent screen data explains for verification', () => {
    const config = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'marketplace', 'app-configuration.json'), 'utf8'),
    ) as {
      oauthConsentScreen: { sensitiveScopes: { scope: string; justification: string }[] };
    };
    const explained = config.oauthConsentScreen.sensitiveScopes;
    const sensitive = rows.filter((r) => r.class !== 'non-sensitive').map((r) => `${AUTH}${r.scope}`);
    expect(explained.map((s) => s.scope).sort()).toEqual(sensitive.sort());
    for (const s of explained) expect(s.justification.length).toBeGreaterThanOrEqual(100);
  });

  it('fails on a row without class or justification (the parser sees them)', () => {
    const broken = readmeScopeRows(
      '## OAuth scopes\n\n| `drive.file` |  |  |\n| `script.locale` | nonsensitive | x |\n',
    );
    expect(broken).toEqual([
      { scope: 'drive.file', class: '', why: '' },
      { scope: 'script.locale', class: 'nonsensitive', why: 'x' },
    ]);
    expect(broken.map((r) => r.class === CLASS_OF[r.scope])).toEqual([false, false]);
  });
});

describe('Apps Script services in the bundle', () => {
  /** The globals @types/google-apps-script declares: every built-in and advanced service. */
  const typesDir = path.join(ROOT, 'node_modules', '@types', 'google-apps-script');
  const globals = new Set(
    fs
      .readdirSync(typesDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.d.ts'))
      .flatMap((f) => [
        ...fs.readFileSync(path.join(typesDir, f), 'utf8').matchAll(/declare (?:var|const) (\w+)/g),
      ])
      .map((m) => m[1] as string)
      .filter((name) => name !== 'Date' && name !== 'console'),
  );
  /** Services this file has classified: in USES (with the scope they need) or as needing none. */
  const CLASSIFIED = new Set([
    'CardService',
    'Session',
    'Sheets',
    'GmailApp',
    'PropertiesService',
    'CacheService',
    'LockService',
    'Utilities', // sleep, signatures, encodings: no scope
    'Logger', // the execution log: no scope
    'ScriptApp', // authorization info and requireScopes only (checked above): no scope
  ]);

  it.each(BUILDS)('are all ones whose scope this test knows, on $name', ({ code, fetches }) => {
    expect(globals.size).toBeGreaterThan(40);
    const used = [...globals].filter((name) => new RegExp(`\\b${name}\\.`).test(code));
    expect(used).toContain('CardService');
    // UrlFetchApp: script.external_request, declared by the Firestore build alone (checked above).
    // Charset: Utilities.Charset, given to the JWT signer (no scope).
    const known = fetches ? new Set([...CLASSIFIED, 'UrlFetchApp', 'Charset']) : CLASSIFIED;
    expect(used.filter((name) => !known.has(name))).toEqual([]);
  });
});
