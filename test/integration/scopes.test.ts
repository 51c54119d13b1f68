/**
 * Least privilege: every user of every customer sees the manifest's scopes on the consent screen, so
 * each declared scope must be needed by the code, and everything the code uses must be covered.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const code = fs.readFileSync(path.join(ROOT, 'build', 'Code.js'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')) as {
  oauthScopes: string[];
  addOns: { common: { useLocaleFromApp?: boolean }; gmail?: unknown };
};

const AUTH = 'https://www.googleapis.com/auth/';

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
    scope: `${AUTH}gmail.addons.current.message.metadata`,
    why: "reads the open email's sender (contextual trigger)",
  },
  { pattern: /\buserLocale\b/, scope: `${AUTH}script.locale`, why: "reads the user's locale from the event" },
  { pattern: /\bPropertiesService\./, scope: null, why: 'needs no scope' },
  { pattern: /\bCacheService\./, scope: null, why: 'needs no scope' },
  { pattern: /\bLockService\./, scope: null, why: 'needs no scope' },
];

/** Services that would need a scope we do not declare; none may appear in the bundle. */
const UNDECLARED_SERVICES = ['SpreadsheetApp', 'DriveApp', 'UrlFetchApp', 'ScriptApp', 'People', 'MailApp'];

describe('OAuth scopes', () => {
  it('declares exactly the scopes the bundle needs', () => {
    const needed = new Set(USES.filter((u) => u.pattern.test(code) && u.scope).map((u) => u.scope as string));
    expect(new Set(manifest.oauthScopes)).toEqual(needed);
  });

  it('uses no Apps Script service that a declared scope does not cover', () => {
    for (const service of UNDECLARED_SERVICES) expect(code).not.toMatch(new RegExp(`\\b${service}\\.`));
  });

  it('asks Google for the locale in events, which script.locale allows', () => {
    expect(manifest.addOns.common.useLocaleFromApp).toBe(true);
    expect(manifest.oauthScopes).toContain(`${AUTH}script.locale`);
  });
});
