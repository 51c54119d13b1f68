/**
 * The add-on without a permission it needs, through build/Code.js and the runtime's install states:
 * a user who unticked the email permission gets the card that names it and "Grant access", which
 * asks Google's own prompt; once allowed, the add-on goes on. An admin install left "partially
 * granted" by an update shows support the same card on an opened email, and support's homepage
 * counts the refusals. Help explains the admin install, and it is a universal action of the manifest.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gmailMessageEvent, homepageEvent } from '../../dev/runtime/events';
import type { LocalRuntime } from '../../dev/runtime/runtime';
import { SCOPES } from '../../src/domain/scopes';
import { client, runtimeWith, user } from '../support/addon';

const manifest = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', 'build', 'appsscript.json'), 'utf8'),
) as {
  oauthScopes: string[];
  addOns: { common: { universalActions?: { label: string; runFunction?: string }[] } };
};

const OWNER = user('owner@resellerconnect.example');
const SAM = 'sam@resellerconnect.example';

function withSupport(): LocalRuntime {
  const runtime = runtimeWith();
  const owner = (fn: string) =>
    runtime.run({ functionName: fn, identity: OWNER, event: {}, invokedBy: 'editor' });
  owner('setup');
  const id = runtime.host.scriptProperties.get('s:sheet') ?? '';
  const row = runtime.host.sheets.readTab(id, 'Settings').findIndex((r) => r[0] === 'supportStaff') + 1;
  runtime.host.sheets.editCell(id, 'Settings', `B${row}`, SAM);
  owner('syncNow');
  return runtime;
}

describe.each([
  { locale: 'en', title: 'One permission is missing', what: 'See your email address', grant: 'Grant access' },
  {
    locale: 'de',
    title: 'Eine Berechtigung fehlt',
    what: 'Ihre E-Mail-Adresse sehen',
    grant: 'Zugriff erteilen',
  },
])('a user who unticked the email permission ($locale)', (q) => {
  it('is told what is missing, grants it through Google’s prompt, and goes on', () => {
    const runtime = runtimeWith();
    runtime.host.authorization.setCase('anna@kunde.example', 'declined', manifest.oauthScopes, SCOPES.email);
    const anna = client(runtime, user('anna@kunde.example', q.locale));
    expect(anna.card.name).toBe('missingScopes');
    const text = anna.texts().join('\n');
    expect(text).toContain(q.title);
    expect(text).toContain(q.what);
    // Nothing about the organisation was stored: the add-on does not know it.
    expect(runtime.host.scriptProperties.get('d:kunde.example')).toBeNull();
    anna.click(q.grant);
    expect(anna.authorizationPrompt?.scopes).toEqual([SCOPES.email]);
    anna.allow();
    expect(anna.card.name).toBe('question');
  });
});

describe('an admin install left partially granted by an update', () => {
  it('shows support the missing permission on an opened email, and counts it on the homepage', () => {
    const runtime = withSupport();
    runtime.host.authorization.setCase(SAM, 'updateNotGranted', manifest.oauthScopes, SCOPES.message);
    const messageId = runtime.host.gmail.addMessage({
      from: 'anna@kunde.example',
      to: SAM,
      subject: 'Hallo',
    });
    const sam = user(SAM);
    const result = runtime.run({
      functionName: 'onGmailMessage',
      identity: sam,
      event: gmailMessageEvent(sam, messageId, runtime.host.gmail.accessToken(messageId)),
    });
    expect(result.ok).toBe(true);
    const card = JSON.stringify(result.value);
    expect(card).toContain('See the email you have open (its sender, subject and attachments’ names)');
    expect(card).toContain('Partially granted');
    const home = client(runtime, sam).texts().join('\n');
    expect(home).toMatch(
      /“See the email you have open \(its sender, subject and attachments’ names\)”: refused \(count: 1\), last on /,
    );
  });

  it('costs the homepage nothing while everything is granted', () => {
    const runtime = runtimeWith();
    const anna = user('anna@kunde.example');
    const result = runtime.run({
      functionName: 'onHomepage',
      identity: anna,
      event: homepageEvent(anna, runtime.host.now()),
    });
    expect(result.budgetCalls).toBe(3);
    expect(Object.keys(result.calls).filter((k) => k.startsWith('ScriptApp'))).toEqual([]);
  });
});

describe('Help', () => {
  it('is a universal action of the manifest, and the question card opens it too', () => {
    expect(manifest.addOns.common.universalActions?.[0]).toEqual({ label: 'Help', runFunction: 'onHelp' });
    const runtime = runtimeWith();
    const ben = client(runtime, user('ben@kunde.example', 'de'));
    ben.click('Kollegen haben Reseller Connect nicht?');
    const text = ben.texts().join('\n');
    expect(text).toContain('Administratorinstallation');
    expect(text).toContain('Aktivieren für');
  });
});
