/**
 * The customer's flow, end to end, through build/Code.js in the local runtime: every card returned
 * is checked against card.proto by the runtime itself.
 */
import {
  approved,
  client,
  domainRecord,
  itOnFirestore,
  itOnProperties,
  onFirestore,
  outboxValues,
  reportFirestore,
  runtimeWith,
  storedState,
  user,
} from '../support/addon';

const DAY = 24 * 60 * 60 * 1000;

describe.each([
  {
    language: 'en',
    locale: 'en-GB',
    q: {
      title: 'Do you have a reseller?',
      has: 'I have a Google Workspace reseller',
      direct: 'No, we buy directly',
      later: 'Ask me later',
      search: 'Search',
      choose: 'Choose',
      share: 'Share contacts now',
      statusTitle: 'Your reseller',
      byYou: 'Set by you',
      byColleague: 'Set by a colleague',
      requestChange: 'Request a change',
      send: 'Send request',
      sent: 'Your request was sent to our support team.',
      saved: 'Saved: kunde.example is now linked to Müller IT GmbH.',
      permissions: 'view, add, delete and sync',
      back: 'Back',
      germany: 'Germany',
      austria: 'Austria',
    },
  },
  {
    language: 'de',
    locale: 'de',
    q: {
      title: 'Haben Sie einen Reseller?',
      has: 'Ich habe einen Google Workspace-Reseller',
      direct: 'Nein, wir kaufen direkt',
      later: 'Später fragen',
      search: 'Suchen',
      choose: 'Auswählen',
      share: 'Kontakte jetzt freigeben',
      statusTitle: 'Ihr Reseller',
      byYou: 'Von Ihnen festgelegt',
      byColleague: 'Von einer Kollegin oder einem Kollegen festgelegt',
      requestChange: 'Änderung anfragen',
      send: 'Anfrage senden',
      sent: 'Ihre Anfrage wurde an unser Support-Team gesendet.',
      saved: 'Gespeichert: kunde.example ist jetzt mit Müller IT GmbH verknüpft.',
      permissions: 'anzeigen, hinzufügen, löschen und synchronisieren',
      back: 'Zurück',
      germany: 'Deutschland',
      austria: 'Österreich',
    },
  },
])('the customer flow in $language', ({ locale, q }) => {
  it('goes from the question through search and confirm to the status card, then records a change request', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@kunde.example', locale));
    expect(anna.card.name).toBe('question');
    expect(anna.texts()).toEqual(expect.arrayContaining([q.title, q.has, q.direct, q.later]));

    anna.click(q.has);
    expect(anna.card.name).toBe('search');
    expect(anna.stack).toHaveLength(2);

    // Typeahead: Müller and Mueller find each other, and each suggestion names one reseller.
    const suggestions = anna.suggest('resellerQuery', 'Mül');
    // The country is named as on the result cards, in the user's language.
    expect(suggestions).toEqual(
      expect.arrayContaining([
        `Müller IT GmbH — mueller-it.de (${q.germany})`,
        `Mueller IT GmbH — mueller-it.at (${q.austria})`,
      ]),
    );

    anna.type('resellerQuery', 'muller');
    anna.click(q.search);
    expect(anna.card.name).toBe('search');
    const texts = anna.texts();
    expect(texts).toEqual(expect.arrayContaining(['Müller IT GmbH', 'Mueller IT GmbH']));
    expect(texts).toContain(`mueller-it.de (${q.germany})`);

    const muellerDe = approved('Müller IT GmbH');
    const chooseButtons = anna.buttons().filter((b) => b.text === q.choose);
    const index = chooseButtons.findIndex((b) => b.action.parameters?.some((p) => p.value === muellerDe.id));
    anna.click(q.choose, index);
    expect(anna.card.name).toBe('confirm');
    expect(anna.texts().join('\n')).toContain(q.permissions);
    expect(anna.card.fixedFooter?.primaryButton?.text).toBe(q.share);
    expect(domainRecord(runtime, 'kunde.example')).toBeNull();

    anna.click(q.share);
    expect(anna.stack).toHaveLength(1);
    expect(anna.card.name).toBe('status');
    expect(anna.notification).toBe(q.saved);
    expect(anna.texts()).toEqual(expect.arrayContaining([q.statusTitle, 'Müller IT GmbH']));
    expect(anna.texts().some((t) => t.includes(q.byYou))).toBe(true);
    expect(domainRecord(runtime, 'kunde.example')).toContain(muellerDe.id);
    expect(outboxValues(runtime)).toHaveLength(1);
    expect(JSON.parse(outboxValues(runtime)[0] as string)).toEqual([
      'assigned',
      'kunde.example',
      'anna@kunde.example',
      expect.any(Number),
      muellerDe.id,
    ]);

    // A colleague opening the add-on sees the organisation's reseller and who set it.
    const ben = client(runtime, user('ben@kunde.example', locale));
    expect(ben.card.name).toBe('status');
    expect(ben.texts().some((t) => t.includes(q.byColleague))).toBe(true);

    ben.click(q.requestChange);
    expect(ben.card.name).toBe('changeRequest');
    ben.type('changeReason', 'We moved to another reseller last month.');
    ben.click(q.send);
    expect(ben.notification).toBe(q.sent);
    expect(ben.card.name).toBe('status');
    expect(ben.buttons().map((b) => b.text)).not.toContain(q.requestChange);
    const events = outboxValues(runtime).map((v) => JSON.parse(v) as unknown[]);
    expect(events.map((e) => e[0])).toEqual(['assigned', 'changeRequested']);
    expect(events[1]?.[5]).toBe('We moved to another reseller last month.');
  });

  it('records "we buy directly" for the organisation and lets a colleague add a reseller later', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@direkt.example', locale));
    anna.click(q.direct);
    expect(anna.card.name).toBe('status');
    expect(domainRecord(runtime, 'direkt.example')).toMatch(/^2Du[0-9a-z]{2}\t/);

    const ben = client(runtime, user('ben@direkt.example', locale));
    expect(ben.card.name).toBe('status');
    ben.click(ben.buttons()[0]?.text ?? '');
    expect(ben.card.name).toBe('search');
    ben.type('resellerQuery', 'Müller IT GmbH — mueller-it.de (DE)');
    ben.click(q.search); // a picked suggestion goes straight to the confirm card
    expect(ben.card.name).toBe('confirm');
    ben.click(q.share);
    expect(ben.card.name).toBe('status');
    expect(domainRecord(runtime, 'direkt.example')).toContain(approved('Müller IT GmbH').id);
  });

  it('hides the question for a few days after "Ask me later", then asks again', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@spaeter.example', locale));
    anna.click(q.later);
    expect(anna.card.name).toBe('later');
    expect(domainRecord(runtime, 'spaeter.example')).toBeNull();

    expect(client(runtime, user('anna@spaeter.example', locale)).card.name).toBe('later');
    // Only Anna snoozed: her colleague is still asked.
    expect(client(runtime, user('ben@spaeter.example', locale)).card.name).toBe('question');

    runtime.host.advanceClock(3 * DAY + 1000);
    expect(client(runtime, user('anna@spaeter.example', locale)).card.name).toBe('question');
  });

  it("shows the organisation's answer instead of snoozing when a colleague answered meanwhile", () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@zugleich.example', locale));
    const ben = client(runtime, user('ben@zugleich.example', locale));
    anna.click(q.direct);
    ben.click(q.later);
    expect(ben.card.name).toBe('status');
    expect(runtime.host.userStore({ email: 'ben@zugleich.example' }).getAll()).toEqual({});
  });

  it('lets the user go back from the confirm card without saving anything', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@zurueck.example', locale));
    anna.click(q.has);
    anna.type('resellerQuery', 'cloud');
    anna.click(q.search);
    anna.click(q.choose);
    const before = storedState(runtime);
    anna.click(q.back);
    expect(anna.card.name).toBe('search');
    expect(storedState(runtime)).toBe(before);
  });
});

describe('accounts that belong to no organisation', () => {
  it.each([
    ['a personal gmail.com account', 'someone@gmail.com', 'personalAccount', 'Personal account'],
    ['a personal googlemail.com account', 'someone@googlemail.com', 'personalAccount', 'Personal account'],
    ['an email hidden by the domain policy', '', 'hiddenAccount', 'We cannot see your account'],
  ])('%s gets an explanation and nothing is stored', (_label, email, cardName, title) => {
    const runtime = runtimeWith();
    const before = storedState(runtime);
    const someone = client(runtime, user(email));
    expect(someone.card.name).toBe(cardName);
    expect(someone.texts()).toContain(title);
    expect(someone.buttons()).toEqual([]);
    expect(storedState(runtime)).toBe(before);
  });

  it('explains in German too', () => {
    const runtime = runtimeWith();
    expect(client(runtime, user('jemand@gmail.com', 'de-DE')).texts()).toContain('Privates Konto');
  });

  it('stores nothing when a personal account replays an action of a customer card', () => {
    const runtime = runtimeWith();
    const before = storedState(runtime);
    const someone = client(runtime, user('someone@gmail.com'));
    someone.runAction({
      function: 'onConfirmReseller',
      parameters: [{ key: 'resellerId', value: 'R-00001' }],
    });
    someone.runAction({ function: 'onAnswerDirect' });
    someone.runAction({ function: 'onAnswerLater' });
    expect(someone.card.name).toBe('personalAccount');
    expect(storedState(runtime)).toBe(before);
  });
});

describe('service calls per action (CardService excluded)', () => {
  // The service calls of the default build; on Firestore, the HTTP round trips of the test below.
  itOnProperties('stays within the budgets of the issue, with no Sheet access anywhere', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@budget.example'));
    const homepage = anna.last;
    anna.click('I have a Google Workspace reseller');
    anna.suggest('resellerQuery', 'cloud');
    const keystroke = anna.last;
    anna.type('resellerQuery', 'cloud');
    anna.click('Search');
    const search = anna.last;
    anna.click('Choose');
    anna.click('Share contacts now');
    const confirm = anna.last;
    expect(homepage.budgetCalls).toBeLessThanOrEqual(3);
    expect(keystroke.budgetCalls).toBeLessThanOrEqual(2);
    expect(search.budgetCalls).toBeLessThanOrEqual(2);
    expect(confirm.budgetCalls).toBeLessThanOrEqual(8);
    const everyCall = anna.history.flatMap((r) => Object.keys(r.calls));
    expect(everyCall.filter((name) => /Spreadsheet|Sheets|Drive/.test(name))).toEqual([]);
  });

  it('keeps suggesting after the cache lost the index, rebuilding it from the directory', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@evicted.example'));
    anna.click('I have a Google Workspace reseller');
    runtime.host.scriptCache.evictAll();
    expect(anna.suggest('resellerQuery', 'weiss')).toHaveLength(2);
    const rebuilt = anna.last;
    expect(anna.suggest('resellerQuery', 'weiß')).toHaveLength(2);
    const cached = anna.last;
    if (onFirestore()) {
      reportFirestore(`keystroke after the cache lost the index ${rebuilt.httpRoundTrips} round trips`);
      expect(rebuilt.httpRoundTrips).toBeGreaterThanOrEqual(1);
      expect(cached.httpRoundTrips).toBe(0);
    } else {
      expect(rebuilt.calls['Properties.getProperties']).toBe(1);
      expect(cached.calls['Properties.getProperties']).toBeUndefined();
    }
  });
});

describe('HTTP round trips per action on Firestore (issue 11)', () => {
  itOnFirestore('homepage ≤ 1 and a keystroke 0 with the token cached, with no Sheet access anywhere', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@budget.example'));
    const first = anna.last;
    const ben = client(runtime, user('ben@budget.example'));
    const homepage = ben.last;
    anna.click('I have a Google Workspace reseller');
    anna.suggest('resellerQuery', 'cloud');
    const keystroke = anna.last;
    anna.type('resellerQuery', 'cloud');
    anna.click('Search');
    const search = anna.last;
    anna.click('Choose');
    const choose = anna.last;
    anna.click('Share contacts now');
    const confirm = anna.last;
    const everyCall = anna.history.flatMap((r) => Object.keys(r.calls));
    expect(everyCall.filter((name) => /Spreadsheet|Sheets|Drive/.test(name))).toEqual([]);
    reportFirestore(
      `customer: homepage ${first.httpRoundTrips} (token exchange included), homepage ${homepage.httpRoundTrips}, ` +
        `keystroke ${keystroke.httpRoundTrips}, search ${search.httpRoundTrips}, choose ${choose.httpRoundTrips}, ` +
        `confirm ${confirm.httpRoundTrips} round trips`,
    );
    expect(homepage.httpRoundTrips).toBeLessThanOrEqual(1);
    expect(keystroke.httpRoundTrips).toBe(0);
  });
});
