/**
 * The local runtime's authorization: ScriptApp's getAuthorizationInfo / requireScopes /
 * requireAllScopes as Apps Script documents them, the scope enforcement of every fake service, and
 * Gmail refusing to run the add-on for a user who cannot use it. A tiny script, not our bundle.
 */
import { AUTH, AuthorizationTable } from '../../dev/runtime/authorization';
import { AddonClient } from '../../dev/runtime/client';
import { RuntimeHost } from '../../dev/runtime/host';
import { LocalRuntime, type Manifest } from '../../dev/runtime/runtime';
import { permissionMessage } from '../../dev/runtime/scope-gate';

const EXECUTE = `${AUTH}gmail.addons.execute`;
const EMAIL = `${AUTH}userinfo.email`;
const LOCALE = `${AUTH}script.locale`;
const METADATA = `${AUTH}gmail.addons.current.message.metadata`;
const DRIVE_FILE = `${AUTH}drive.file`;
const DECLARED = [EXECUTE, LOCALE, EMAIL, DRIVE_FILE, METADATA];

const MANIFEST: Manifest = {
  timeZone: 'Etc/UTC',
  oauthScopes: DECLARED,
  addOns: { common: { useLocaleFromApp: true } },
  dependencies: { enabledAdvancedServices: [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }] },
};

const SCRIPT = `
function info(e) {
  var scopes = e && e.commonEventObject && e.commonEventObject.parameters
    ? JSON.parse(e.commonEventObject.parameters.scopes) : undefined;
  var i = scopes ? ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL, scopes)
                 : ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
  var authorized = i.getAuthorizedScopes();
  return {
    required: i.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED,
    notRequired: i.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.NOT_REQUIRED,
    status: String(i.getAuthorizationStatus()),
    isString: typeof i.getAuthorizationStatus() === 'string',
    url: i.getAuthorizationUrl(),
    authorized: authorized,
    ownArray: Array.isArray(authorized) && authorized instanceof Array,
  };
}
function limited() {
  var i = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.LIMITED, ['${EMAIL}']);
  ScriptApp.requireScopes(ScriptApp.AuthMode.LIMITED, ['${EMAIL}']);
  return String(i.getAuthorizationStatus());
}
function requireEmail() {
  ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, ['${EMAIL}']);
  PropertiesService.getScriptProperties().setProperty('after', 'yes');
  return { email: Session.getActiveUser().getEmail() };
}
function requireAll() {
  ScriptApp.requireAllScopes(ScriptApp.AuthMode.FULL);
  return { ok: true };
}
function swallow() {
  try { ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, ['${EMAIL}']); } catch (e) {}
  var later;
  try { PropertiesService.getScriptProperties().setProperty('after', 'yes'); } catch (e) { later = e.message; }
  return { later: later };
}
function undeclared() {
  ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, ['${AUTH}spreadsheets']);
}
function undeclaredInfo() {
  ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL, ['${AUTH}spreadsheets']);
}
function badMode() {
  ScriptApp.requireScopes('FULL', ['${EMAIL}']);
}
function activeUser() { return Session.getActiveUser().getEmail(); }
function effectiveUser() { return Session.getEffectiveUser().getEmail(); }
function userLocale() { return Session.getActiveUserLocale(); }
function noScopeNeeded() {
  PropertiesService.getScriptProperties().setProperty('k', 'v');
  CacheService.getScriptCache().put('k', 'v');
  LockService.getScriptLock().tryLock(0);
  Utilities.sleep(1);
  CardService.newTextParagraph().setText('x');
  return Session.getScriptTimeZone() + ' ' + String(ScriptApp.getInstallationSource());
}
function message(e) {
  GmailApp.setCurrentMessageAccessToken(e.gmail.accessToken);
  return GmailApp.getMessageById(e.gmail.messageId).getFrom();
}
function sheet() {
  try { Sheets.Spreadsheets.get('nope'); } catch (e) { return { name: e.name, message: e.message, code: e.details.code }; }
}
function eventLocale(e) {
  return { locale: e.commonEventObject.userLocale || null, tz: e.commonEventObject.timeZone || null, legacy: e.userLocale || null };
}
function installation() { return String(ScriptApp.getInstallationSource()); }
function triggers() { return ScriptApp.getProjectTriggers(); }
`;

const ANNA = { email: 'anna@kunde.example', locale: 'de', timeZone: 'Europe/Berlin' };
const BEN = { email: 'ben@kunde.example', locale: 'en', timeZone: 'Europe/Berlin' };

function runtime(manifest: Manifest = MANIFEST): LocalRuntime {
  return new LocalRuntime({ bundle: { code: SCRIPT, manifest }, validateCards: false });
}

function call(rt: LocalRuntime, functionName: string, scopes?: string[], who = ANNA) {
  const event = scopes ? { commonEventObject: { parameters: { scopes: JSON.stringify(scopes) } } } : {};
  return rt.run({ functionName, identity: who, event });
}

describe('ScriptApp.getAuthorizationInfo', () => {
  it('with everything granted (the default): NOT_REQUIRED, no URL, every manifest scope authorized', () => {
    const result = call(runtime(), 'info');
    expect(result.ok).toBe(true);
    expect(result.value).toEqual({
      required: false,
      notRequired: true,
      status: 'NOT_REQUIRED',
      isString: false,
      url: null,
      authorized: DECLARED,
      ownArray: true,
    });
  });

  it('REQUIRED when an asked scope is missing, with a URL naming only the missing scopes', () => {
    const rt = runtime();
    rt.host.authorization.setCase(ANNA.email, 'declined', DECLARED, EMAIL);
    const value = call(rt, 'info', [EMAIL, LOCALE]).value as { url: string };
    expect(value).toMatchObject({ required: true, status: 'REQUIRED', authorized: [LOCALE] });
    const url = new URL(value.url);
    expect(url.searchParams.get('scope')).toBe(EMAIL);
    expect(url.searchParams.get('login_hint')).toBe(ANNA.email);
    // Asked only for granted scopes: nothing is required.
    expect(call(rt, 'info', [LOCALE, EXECUTE]).value).toMatchObject({ required: false, url: null });
    // Without a list: every manifest scope, the granted ones authorized.
    expect(call(rt, 'info').value).toMatchObject({
      required: true,
      authorized: DECLARED.filter((s) => s !== EMAIL),
    });
  });

  it('throws for a scope the manifest does not declare, and for an argument that is no AuthMode', () => {
    const rt = runtime();
    expect(call(rt, 'undeclaredInfo').error?.message).toMatch(/Invalid argument: oAuthScopes.*spreadsheets/);
    expect(call(rt, 'undeclared').error?.message).toMatch(/Invalid argument: oAuthScopes.*spreadsheets/);
    expect(call(rt, 'badMode').error?.message).toMatch(/Invalid argument: authMode/);
  });

  it('never requires authorization in another mode than FULL', () => {
    const rt = runtime();
    rt.host.authorization.setCase(ANNA.email, 'declined', DECLARED, EMAIL);
    expect(call(rt, 'limited')).toMatchObject({ ok: true, value: 'NOT_REQUIRED' });
  });

  it('needs no scope itself, nor do Properties, Cache, Lock, Utilities and CardService', () => {
    const rt = runtime();
    // Installed by Anna alone, who granted only gmail.addons.execute.
    rt.host.authorization.restore({
      domains: {},
      users: { [ANNA.email]: { install: 'individual', scopes: [EXECUTE] } },
    });
    expect(call(rt, 'info').ok).toBe(true);
    expect(call(rt, 'noScopeNeeded')).toMatchObject({ ok: true, value: 'Etc/UTC WEB_STORE_ADD_ON' });
  });
});

describe('ScriptApp.requireScopes and requireAllScopes', () => {
  it('return when every scope is granted', () => {
    const rt = runtime();
    expect(call(rt, 'requireEmail')).toMatchObject({ ok: true, value: { email: ANNA.email } });
    expect(call(rt, 'requireAll')).toMatchObject({ ok: true, value: { ok: true } });
    expect(call(rt, 'requireEmail').authorizationPrompt).toBeUndefined();
  });

  it('end the execution at once with Google’s consent prompt for the missing scopes', () => {
    const rt = runtime();
    rt.host.authorization.setCase(ANNA.email, 'declined', DECLARED, EMAIL);
    const result = call(rt, 'requireEmail');
    expect(result.ok).toBe(false);
    expect(result.value).toBeUndefined();
    expect(result.error?.message).toBe('Authorization is required to perform that action.');
    expect(result.authorizationPrompt).toMatchObject({ scopes: [EMAIL], by: 'requireScopes' });
    expect(new URL(result.authorizationPrompt?.url ?? '').searchParams.get('scope')).toBe(EMAIL);
    // Nothing after requireScopes ran.
    expect(rt.host.scriptProperties.get('after')).toBeNull();
    const all = call(rt, 'requireAll');
    expect(all.authorizationPrompt).toMatchObject({ scopes: [EMAIL], by: 'requireAllScopes' });
  });

  it('cannot be caught and carried on from: later service calls throw, the return value is dropped', () => {
    const rt = runtime();
    rt.host.authorization.setCase(ANNA.email, 'updateNotGranted', DECLARED, EMAIL);
    const result = call(rt, 'swallow');
    expect(result.authorizationPrompt?.scopes).toEqual([EMAIL]);
    expect(result.value).toBeUndefined();
    expect(rt.host.scriptProperties.get('after')).toBeNull();
  });

  it('asks for the scope again until it is granted; granting it lets the execution through', () => {
    const rt = runtime();
    rt.host.authorization.setCase(ANNA.email, 'updateNotGranted', DECLARED, EMAIL);
    // The update's scope is missing for every user of the domain.
    expect(call(rt, 'requireEmail', undefined, BEN).authorizationPrompt?.scopes).toEqual([EMAIL]);
    rt.host.authorization.grant(ANNA.email, [EMAIL]);
    expect(call(rt, 'requireEmail')).toMatchObject({ ok: true, value: { email: ANNA.email } });
    expect(call(rt, 'requireEmail', undefined, BEN).authorizationPrompt?.scopes).toEqual([EMAIL]);
    // The admin's "Grant access": every user of the domain has it.
    rt.host.authorization.grantDomain('kunde.example');
    expect(call(rt, 'requireEmail', undefined, BEN).ok).toBe(true);
  });
});

describe('scope enforcement of the service fakes', () => {
  it.each([
    ['activeUser', 'Session.getActiveUser', EMAIL],
    ['effectiveUser', 'Session.getEffectiveUser', EMAIL],
    ['userLocale', 'Session.getActiveUserLocale', LOCALE],
  ])('%s throws as Apps Script does without its scope', (fn, method, scope) => {
    const rt = runtime();
    expect(call(rt, fn).ok).toBe(true);
    rt.host.authorization.setCase(ANNA.email, 'declined', DECLARED, scope);
    const result = call(rt, fn);
    expect(result.ok).toBe(false);
    expect(result.error?.message).toBe(
      `You do not have permission to call ${method}. Required permissions: ${scope}`,
    );
    expect(result.authorizationPrompt).toBeUndefined();
  });

  it('words the message as Apps Script does', () => {
    expect(permissionMessage('Session.getActiveUser', [EMAIL])).toBe(
      'You do not have permission to call Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email',
    );
    expect(permissionMessage('X.y', ['a', 'b'])).toBe(
      'You do not have permission to call X.y. Required permissions: (a || b)',
    );
  });

  it('GmailApp.getMessageById needs a current-message scope', () => {
    const rt = runtime();
    const messageId = rt.host.gmail.addMessage({ from: 'c@kunde.example', to: ANNA.email });
    const event = { gmail: { messageId, accessToken: rt.host.gmail.accessToken(messageId) } };
    expect(rt.run({ functionName: 'message', identity: ANNA, event }).value).toBe('c@kunde.example');
    rt.host.authorization.setCase(ANNA.email, 'declined', DECLARED, METADATA);
    expect(rt.run({ functionName: 'message', identity: ANNA, event }).error?.message).toMatch(
      /^You do not have permission to call GmailApp\.getMessageById\. Required permissions: \(https:\/\/www\.googleapis\.com\/auth\/gmail\.addons\.current\.message\.metadata \|\| /,
    );
  });

  it('the Sheets API refuses a token without drive.file, as a GoogleJsonResponseException 403', () => {
    const rt = runtime();
    expect(call(rt, 'sheet').value).toMatchObject({ code: 404 });
    rt.host.authorization.setCase(ANNA.email, 'declined', DECLARED, DRIVE_FILE);
    expect(call(rt, 'sheet').value).toEqual({
      name: 'GoogleJsonResponseException',
      message:
        'API call to sheets.spreadsheets.get failed with error: Request had insufficient authentication scopes.',
      code: 403,
    });
  });

  it('Gmail withholds the locale and time zone from events without script.locale', () => {
    const rt = runtime();
    const event = {
      commonEventObject: { userLocale: 'de', timeZone: { id: 'Europe/Berlin', offset: '3600000' } },
      userLocale: 'de',
    };
    expect(rt.run({ functionName: 'eventLocale', identity: ANNA, event }).value).toEqual({
      locale: 'de',
      tz: { id: 'Europe/Berlin', offset: '3600000' },
      legacy: 'de',
    });
    rt.host.authorization.setCase(ANNA.email, 'declined', DECLARED, LOCALE);
    expect(rt.run({ functionName: 'eventLocale', identity: ANNA, event }).value).toEqual({
      locale: null,
      tz: null,
      legacy: null,
    });
  });

  it('enforces nothing when the manifest declares no oauthScopes (Apps Script detects them)', () => {
    const rt = runtime({ timeZone: 'Etc/UTC' });
    rt.host.authorization.setCase(ANNA.email, 'orgUnitOff', DECLARED);
    expect(call(rt, 'activeUser')).toMatchObject({ ok: true, value: ANNA.email });
    expect(call(rt, 'requireEmail').ok).toBe(true);
  });

  it('names the local runtime for the parts of ScriptApp it lacks', () => {
    expect(call(runtime(), 'triggers').error?.message).toBe(
      'ScriptApp.getProjectTriggers is not implemented by the local runtime (dev/runtime/script-app.ts)',
    );
  });

  it('reports how the add-on was installed (getInstallationSource)', () => {
    const rt = runtime();
    expect(call(rt, 'installation').value).toBe('APPS_MARKETPLACE_DOMAIN_ADD_ON');
    rt.host.authorization.setCase(ANNA.email, 'individual', DECLARED);
    expect(call(rt, 'installation').value).toBe('WEB_STORE_ADD_ON');
    expect(
      rt.run({ functionName: 'installation', identity: ANNA, event: {}, invokedBy: 'editor' }).value,
    ).toBe('NONE');
  });
});

describe('Gmail refusing to run the add-on', () => {
  it('runs nothing for a user whose org unit is not turned on', () => {
    const rt = runtime();
    rt.host.authorization.setCase(ANNA.email, 'orgUnitOff', DECLARED);
    const result = call(rt, 'noScopeNeeded');
    expect(result).toMatchObject({ ok: false, calls: {}, refused: { reason: 'notTurnedOn', scopes: [] } });
    expect(result.error?.message).toContain('not turned it on');
    expect(rt.host.scriptProperties.get('k')).toBeNull();
    // Ben, of the same domain, is not affected; the editor still runs it for Anna.
    expect(call(rt, 'noScopeNeeded', undefined, BEN).ok).toBe(true);
    expect(rt.run({ functionName: 'activeUser', identity: ANNA, event: {}, invokedBy: 'editor' }).ok).toBe(
      true,
    );
  });

  it('shows Google’s authorization card instead when gmail.addons.execute is not granted', () => {
    const rt = runtime();
    rt.host.authorization.setCase(ANNA.email, 'declined', DECLARED, EXECUTE);
    const result = call(rt, 'noScopeNeeded');
    expect(result.refused).toMatchObject({ reason: 'addOnNotAuthorized', scopes: [EXECUTE] });
    expect(new URL(result.refused?.url ?? '').searchParams.get('scope')).toBe(EXECUTE);
    expect(rt.host.scriptProperties.get('k')).toBeNull();
  });

  it('refuses concurrent executions the same way', async () => {
    const rt = runtime();
    rt.host.authorization.setCase(ANNA.email, 'orgUnitOff', DECLARED);
    const [result] = await rt.runConcurrently([{ functionName: 'activeUser', identity: ANNA, event: {} }]);
    expect(result?.refused?.reason).toBe('notTurnedOn');
  });
});

describe('the install table', () => {
  it('shows each case of the switch back as set, for the user and their domain', () => {
    const table = new AuthorizationTable();
    expect(table.view(ANNA.email, DECLARED)).toMatchObject({
      installCase: 'admin',
      missing: [],
      domainPartial: false,
    });
    table.setCase(ANNA.email, 'individual', DECLARED);
    expect(table.view(ANNA.email, DECLARED).installCase).toBe('individual');
    table.setCase(ANNA.email, 'declined', DECLARED, LOCALE);
    expect(table.view(ANNA.email, DECLARED)).toMatchObject({
      installCase: 'declined',
      scope: LOCALE,
      missing: [LOCALE],
    });
    table.setCase(ANNA.email, 'orgUnitOff', DECLARED);
    expect(table.view(ANNA.email, DECLARED)).toMatchObject({ installCase: 'orgUnitOff', granted: [] });
    table.setCase(ANNA.email, 'updateNotGranted', DECLARED, METADATA);
    expect(table.view(ANNA.email, DECLARED)).toMatchObject({
      installCase: 'updateNotGranted',
      scope: METADATA,
    });
    expect(table.view(BEN.email, DECLARED)).toMatchObject({
      installCase: 'updateNotGranted',
      domainPartial: true,
    });
    table.setCase(BEN.email, 'admin', DECLARED);
    expect(table.view(ANNA.email, DECLARED).installCase).toBe('admin');
    expect(() => table.setCase(ANNA.email, 'declined', DECLARED, `${AUTH}spreadsheets`)).toThrow(
      /manifest's scopes/,
    );
  });

  it('survives a snapshot; a state file without it loads as everything granted', () => {
    const host = new RuntimeHost();
    host.authorization.setCase(ANNA.email, 'declined', DECLARED, EMAIL);
    const copy = new RuntimeHost();
    copy.restore(JSON.parse(JSON.stringify(host.snapshot())));
    expect(copy.authorization.view(ANNA.email, DECLARED).installCase).toBe('declined');
    const { authorization, ...older } = host.snapshot();
    expect(authorization).toBeDefined();
    copy.restore(older);
    expect(copy.authorization.view(ANNA.email, DECLARED)).toMatchObject({
      installCase: 'admin',
      granted: DECLARED,
    });
  });
});

describe('the headless sidebar and the consent prompt', () => {
  const CARD_SCRIPT = `
    function home() {
      return CardService.newCardBuilder().setName('home')
        .addSection(CardService.newCardSection().addWidget(CardService.newTextButton().setText('Who am I')
          .setOnClickAction(CardService.newAction().setFunctionName('whoAmI')))).build();
    }
    function whoAmI() {
      ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, ['${EMAIL}']);
      return CardService.newActionResponseBuilder()
        .setNotification(CardService.newNotification().setText(Session.getActiveUser().getEmail())).build();
    }`;

  it('keeps the card under the prompt, and Allow grants the scope and reopens the homepage', () => {
    const rt = new LocalRuntime({ bundle: { code: CARD_SCRIPT, manifest: MANIFEST } });
    rt.host.authorization.setCase(ANNA.email, 'declined', DECLARED, EMAIL);
    const c = new AddonClient(rt, ANNA, 'home');
    c.openHomepage();
    c.click('Who am I');
    expect(c.authorizationPrompt?.scopes).toEqual([EMAIL]);
    expect(c.card.name).toBe('home');
    expect(c.allow().name).toBe('home');
    expect(c.authorizationPrompt).toBeUndefined();
    c.click('Who am I');
    expect(c.notification).toBe(ANNA.email);
  });
});
