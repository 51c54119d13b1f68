/**
 * Support in the sidebar, through build/Code.js: support staff (listed in the Settings tab and read
 * by the sync) get support's homepage, find an organisation, and assign its reseller with a reason;
 * the change reaches the customer at once and the Sheet with the next sync. Anyone else who calls a
 * support callback gets their own view and nothing changes.
 */
import { actionEvent, gmailMessageEvent } from '../../dev/runtime/events';
import type { LocalRuntime } from '../../dev/runtime/runtime';
import {
  chooseReseller,
  client,
  onFirestore,
  onFirestoreOnly,
  reportFirestore,
  runtimeWith,
  scriptState as storeState,
  sheetIdOf,
  storeOf,
  user,
} from '../support/addon';

const OWNER = user('owner@resellerconnect.example');
const SAM = 'sam@resellerconnect.example';

function run(runtime: LocalRuntime, functionName: string): string {
  const result = runtime.run({ functionName, identity: OWNER, event: {} });
  if (!result.ok) throw new Error(`${functionName} failed: ${result.error?.message ?? '?'}`);
  return result.logs.join('\n');
}

const sheetId = sheetIdOf;

/** Setup, Sam listed as support in the Settings tab, one sync. */
function withSupport(): LocalRuntime {
  const runtime = runtimeWith();
  run(runtime, 'setup');
  const settings = runtime.host.sheets.readTab(sheetId(runtime), 'Settings');
  const row = settings.findIndex((r) => r[0] === 'supportStaff') + 1;
  runtime.host.sheets.editCell(sheetId(runtime), 'Settings', `B${row}`, SAM);
  run(runtime, 'syncNow');
  return runtime;
}

describe.each([
  {
    locale: 'en',
    title: 'Support',
    find: 'Show organisation',
    save: 'Save assignment',
    saved: 'Saved:',
    none: 'has not answered yet',
    reason: 'Give a reason',
    bySupport: 'Set by our support team',
  },
  {
    locale: 'de',
    title: 'Support',
    find: 'Organisation anzeigen',
    save: 'Zuordnung speichern',
    saved: 'Gespeichert:',
    none: 'hat noch nicht geantwortet',
    reason: 'Bitte einen Grund angeben',
    bySupport: 'Von unserem Support-Team festgelegt',
  },
])('support in the sidebar ($locale)', (q) => {
  it('finds an organisation and assigns its reseller with a reason, which the customer and the Sheet then show', () => {
    const runtime = withSupport();
    const sam = client(runtime, user(SAM, q.locale));
    const home = sam.last;
    expect(sam.texts().join('\n')).toContain(q.title);
    sam.type('supportDomain', 'kunde.example');
    sam.click(q.find);
    const find = sam.last;
    expect(sam.texts().join('\n')).toContain(`kunde.example ${q.none}`);
    // No reason: nothing is saved, the card says why.
    sam.type('resellerQuery', 'R-00001');
    sam.click(q.save);
    expect(sam.texts().join('\n')).toContain(q.reason);
    expect(storeOf(runtime).get('d:kunde.example')).toBeNull();
    sam.type('resellerQuery', 'R-00001');
    sam.type('supportReason', 'Contract signed on 1 Dec');
    sam.click(q.save);
    expect(sam.notification).toContain(q.saved);
    const save = sam.last;
    onFirestoreOnly(() => {
      reportFirestore(
        `support (${q.locale}): homepage ${home.httpRoundTrips}, show organisation ${find.httpRoundTrips}, ` +
          `save assignment ${save.httpRoundTrips} round trips`,
      );
      // Issue 11: support's cards ≤ 2 round trips (the save, an action, is reported).
      expect(home.httpRoundTrips).toBeLessThanOrEqual(2);
      expect(find.httpRoundTrips).toBeLessThanOrEqual(2);
    });
    const anna = client(runtime, user('anna@kunde.example', q.locale));
    expect(anna.texts().join('\n')).toContain('Müller IT GmbH');
    expect(anna.texts().join('\n')).toContain(q.bySupport);
    run(runtime, 'syncNow');
    const audit = runtime.host.sheets.readTab(sheetId(runtime), 'Audit');
    expect(audit.at(-1)?.slice(2, 6)).toEqual([SAM, 'supportAssigned', '', 'R-00001']);
    const assignments = runtime.host.sheets.readTab(sheetId(runtime), 'Assignments');
    expect(assignments.find((r) => r[0] === 'kunde.example')?.slice(2, 8)).toEqual([
      'R-00001',
      'Müller IT GmbH',
      'support',
      SAM,
      expect.stringMatching(/^20\d\d-/),
      'Contract signed on 1 Dec',
    ]);
  });
});

describe('support’s homepage', () => {
  it('shows the open change requests, the sync and the store, and records "Sync now"', () => {
    const runtime = withSupport();
    const ben = client(runtime, user('ben@kunde.example'));
    chooseReseller(ben, 'Müller IT');
    ben.click('Request a change');
    ben.type('changeReason', 'We changed our reseller last month.');
    ben.click('Send request');
    const sam = client(runtime, user(SAM));
    const text = sam.texts().join('\n');
    expect(text).toMatch(/kunde\.example, since/);
    expect(text).toMatch(/Last run: /);
    expect(text).toContain('Changes waiting for the Sheet: 2');
    // Script Properties' 500 KB quota; Firestore has none, and the card says nothing of it.
    if (onFirestore()) expect(text).not.toContain('500 KB');
    else expect(text).toMatch(/Stored data: \d+% of the 500 KB store/);
    sam.click('Sync now');
    expect(sam.notification).toContain('within 15 minutes');
    expect(storeOf(runtime).get('s:req')).not.toBeNull();
    // The trigger's next run reads the Sheet although nothing else calls for it, and clears the request.
    expect(run(runtime, 'runSync')).toMatch(/Synced 2 changes/);
    expect(storeOf(runtime).get('s:req')).toBeNull();
  });

  it('refuses a malformed domain with a clear message', () => {
    const runtime = withSupport();
    const sam = client(runtime, user(SAM));
    sam.type('supportDomain', 'not a domain');
    sam.click('Show organisation');
    expect(sam.texts().join('\n')).toContain('“not a domain” is not a domain');
  });

  it('is the customer’s homepage for anyone not listed, even of the vendor’s domain', () => {
    const runtime = withSupport();
    const kim = client(runtime, user('kim@resellerconnect.example'));
    expect(kim.texts().join('\n')).toContain('Do you have a reseller?');
  });

  it('changes nothing when someone else calls support’s callbacks with forged parameters', () => {
    const runtime = withSupport();
    // The store and Script Properties: reading a new user's own properties leaves an empty entry for them.
    const scriptState = (): string => storeState(runtime);
    const before = scriptState();
    const mallory = user('mallory@kunde.example');
    for (const functionName of ['onSupportAssign', 'onSupportSyncNow', 'onSupportFind']) {
      const result = runtime.run({
        functionName,
        identity: mallory,
        event: actionEvent(mallory, {
          parameters: { domain: 'kunde.example' },
          formInputs: { resellerQuery: 'R-00001', supportReason: 'mine now', supportDomain: 'kunde.example' },
        }),
      });
      expect(result.ok).toBe(true);
      expect(JSON.stringify(result.value)).toContain('Do you have a reseller?');
    }
    expect(scriptState()).toBe(before);
  });
});

describe('support opening an email (the contextual trigger)', () => {
  function openMail(runtime: LocalRuntime, who: string, from: string): string {
    const messageId = runtime.host.gmail.addMessage({ from, to: who, subject: 'Frage zum Reseller' });
    const identity = user(who);
    const result = runtime.run({
      functionName: 'onGmailMessage',
      identity,
      event: gmailMessageEvent(identity, messageId, runtime.host.gmail.accessToken(messageId)),
    });
    if (!result.ok) throw new Error(result.error?.message ?? '?');
    return JSON.stringify(result.value);
  }

  it("shows the sender's organisation to support, with its reseller", () => {
    const runtime = withSupport();
    const anna = client(runtime, user('anna@kunde.example'));
    anna.click('No, we buy directly');
    const card = openMail(runtime, SAM, 'Anna Schmidt <Anna@Kunde.Example>');
    expect(card).toContain('kunde.example buys Google Workspace directly.');
    expect(card).toContain('Save assignment');
  });

  it('says so for a personal sender, and shows customers their own homepage', () => {
    const runtime = withSupport();
    expect(openMail(runtime, SAM, 'someone@gmail.com')).toContain('personal account (someone@gmail.com)');
    expect(openMail(runtime, 'ben@kunde.example', 'sam@resellerconnect.example')).toContain(
      'Do you have a reseller?',
    );
  });
});

describe('support answering a change request', () => {
  /** Ben's organisation on Müller IT, with his change request waiting, synced to the Sheet. */
  function requested(locale = 'en'): LocalRuntime {
    const runtime = withSupport();
    const ben = client(runtime, user('ben@kunde.example', locale));
    ben.click(
      locale === 'de' ? 'Ich habe einen Google Workspace-Reseller' : 'I have a Google Workspace reseller',
    );
    ben.type('resellerQuery', 'Müller IT');
    ben.click(locale === 'de' ? 'Suchen' : 'Search');
    ben.click(locale === 'de' ? 'Auswählen' : 'Choose');
    ben.click(locale === 'de' ? 'Kontakte jetzt freigeben' : 'Share contacts now');
    ben.click(locale === 'de' ? 'Änderung anfragen' : 'Request a change');
    ben.type('changeReason', 'We changed our reseller last month.');
    ben.click(locale === 'de' ? 'Anfrage senden' : 'Send request');
    run(runtime, 'syncNow');
    return runtime;
  }

  it.each([
    ['en', 'Our support team answered your change request on'],
    ['de', 'Unser Support-Team hat Ihre Änderungsanfrage am'],
  ])('in the Requests tab: the customer reads the answer (%s)', (locale, intro) => {
    const runtime = requested(locale);
    const id = sheetId(runtime);
    const rows = runtime.host.sheets.readTab(id, 'Requests');
    const row = rows.findIndex((r) => r[1] === 'kunde.example') + 1;
    expect(rows[row - 1]?.slice(6)).toEqual(['open', '', 'OK (open)']);
    runtime.host.sheets.editCell(id, 'Requests', `G${row}`, 'rejected');
    runtime.host.sheets.editCell(id, 'Requests', `H${row}`, 'Your contract with Müller IT runs until March.');
    run(runtime, 'syncNow');
    expect(runtime.host.sheets.readTab(id, 'Requests')[row - 1]?.[8]).toBe('OK (answered)');
    const text = client(runtime, user('ben@kunde.example', locale)).texts().join('\n');
    expect(text).toContain(intro);
    expect(text).toContain('Your contract with Müller IT runs until March.');
    expect(runtime.host.sheets.readTab(id, 'Audit').at(-1)?.[3]).toBe('requestAnswered');
  });

  it('flags an answer without text, and changes nothing', () => {
    const runtime = requested();
    const id = sheetId(runtime);
    const row = runtime.host.sheets.readTab(id, 'Requests').findIndex((r) => r[1] === 'kunde.example') + 1;
    runtime.host.sheets.editCell(id, 'Requests', `G${row}`, 'rejected');
    const before = storeOf(runtime).get('d:kunde.example');
    run(runtime, 'syncNow');
    expect(runtime.host.sheets.readTab(id, 'Requests')[row - 1]?.[8]).toContain('write the answer');
    expect(storeOf(runtime).get('d:kunde.example')).toBe(before);
  });

  it('in the sidebar: "Answer without a change" with the answer in the reason field', () => {
    const runtime = requested();
    const sam = client(runtime, user(SAM));
    sam.type('supportDomain', 'kunde.example');
    sam.click('Show organisation');
    expect(sam.texts().join('\n')).toContain('A change request is waiting since');
    sam.click('Answer without a change');
    expect(sam.texts().join('\n')).toContain('Write the answer the customer will read');
    sam.type('supportReason', 'Please send us the new contract first.');
    sam.click('Answer without a change');
    expect(sam.notification).toContain('Answered');
    expect(client(runtime, user('ben@kunde.example')).texts().join('\n')).toContain(
      'Please send us the new contract first.',
    );
    run(runtime, 'syncNow');
    const requests = runtime.host.sheets.readTab(sheetId(runtime), 'Requests');
    expect(requests.find((r) => r[1] === 'kunde.example')?.slice(6)).toEqual([
      'rejected',
      'Please send us the new contract first.',
      'OK (answered)',
    ]);
  });
});
