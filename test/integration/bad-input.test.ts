/**
 * Bad input at every step: each gets a clear message in the user's language and changes nothing.
 */
import { actionEvent } from '../../dev/runtime/events';
import { PROPERTY_STORE_MAX_BYTES } from '../../dev/runtime/limits';
import { approved, client, domainRecord, runtimeWith, storedState, user } from '../support/addon';
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import { loadDirectory } from '../../dev/runtime/adapters';

function searchFor(locale: string, query: string) {
  const runtime = runtimeWith();
  const anna = client(runtime, user('anna@kunde.example', locale));
  anna.click(
    locale === 'de' ? 'Ich habe einen Google Workspace-Reseller' : 'I have a Google Workspace reseller',
  );
  const before = storedState(runtime);
  anna.type('resellerQuery', query);
  anna.click(locale === 'de' ? 'Suchen' : 'Search');
  return { runtime, anna, before };
}

describe('search queries', () => {
  it.each([
    ['empty', '', "Type your reseller's name first.", 'Geben Sie zuerst den Namen Ihres Resellers ein.'],
    [
      'one character',
      'm',
      "Type at least 2 letters of the reseller's name.",
      'Geben Sie mindestens 2 Buchstaben des Reseller-Namens ein.',
    ],
    [
      'only spaces',
      '     ',
      "Type your reseller's name first.",
      'Geben Sie zuerst den Namen Ihres Resellers ein.',
    ],
    [
      '500 characters',
      'x'.repeat(500),
      'That is too long for a reseller name: use at most 100 characters.',
      'Das ist zu lang für einen Reseller-Namen: höchstens 100 Zeichen.',
    ],
    [
      'control characters',
      'Mül\u0007ler\tIT',
      'The name contains characters that cannot be part of a name, such as tabs or line breaks. Please type it again.',
      'Der Name enthält Zeichen, die nicht Teil eines Namens sein können, etwa Tabulatoren oder Zeilenumbrüche. Bitte geben Sie ihn erneut ein.',
    ],
  ])('%s: explained in English and German, nothing stored', (_label, query, english, german) => {
    for (const [locale, message] of [
      ['en', english],
      ['de', german],
    ] as const) {
      const { runtime, anna, before } = searchFor(locale, query);
      expect(anna.card.name).toBe('search');
      expect(anna.texts()).toContain(message);
      expect(storedState(runtime)).toBe(before);
    }
  });

  it('gives no suggestions, and no error, for queries that cannot match', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@kunde.example'));
    anna.click('I have a Google Workspace reseller');
    for (const query of ['', 'm', 'x'.repeat(500), 'a\u0000b', '<script>alert(1)</script>']) {
      expect(anna.suggest('resellerQuery', query)).toEqual([]);
    }
  });

  it('shows an HTML-bearing query as text, and says what to do when nothing matches', () => {
    const { runtime, anna, before } = searchFor('en', '<img src=x onerror=alert(1)>');
    // Section headers take Google's HTML subset, so the query is escaped there; the input keeps it as typed.
    expect(anna.card.sections[1]?.header).toBe('No match for “&lt;img src=x onerror=alert(1)&gt;”');
    expect(anna.texts()).toContain('No match for “<img src=x onerror=alert(1)>”');
    expect(anna.texts().join(' ')).toContain('Check the spelling');
    expect(storedState(runtime)).toBe(before);
  });
});

describe('reseller names with markup', () => {
  it('are shown as text on every card, never as markup', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@markup.example'));
    anna.click('I have a Google Workspace reseller');
    expect(anna.suggest('resellerQuery', 'bold')).toContain('<b>Bold</b> IT & Co — bold-it.de (Germany)');
    anna.type('resellerQuery', 'bold');
    anna.click('Search');
    const json = JSON.stringify(anna.card);
    expect(json).toContain('&lt;b&gt;Bold&lt;/b&gt; IT &amp; Co');
    expect(anna.texts()).toContain('<b>Bold</b> IT & Co');
    anna.click('Choose');
    // Action parameters are data, never shown: the name travels there as it is.
    const shown = (card: unknown): string =>
      JSON.stringify(card, (key, value: unknown) => (key === 'parameters' ? undefined : value));
    expect(shown(anna.card)).not.toContain('<b>Bold</b>');
    anna.click('Share contacts now');
    expect(anna.card.name).toBe('status');
    expect(JSON.stringify(anna.card)).toContain('&lt;b&gt;Bold&lt;/b&gt;');
  });
});

describe('tampered action parameters', () => {
  const unavailable = [
    'This reseller can no longer be chosen. Nothing was changed: please search again.',
    'Dieser Reseller kann nicht mehr ausgewählt werden. Es wurde nichts geändert: Bitte suchen Sie erneut.',
  ] as const;
  const cases: [string, Record<string, string>, 'card' | 'notice', string, string][] = [
    ['an unknown reseller id', { resellerId: 'R-99999' }, 'card', ...unavailable],
    [
      'a reseller that is not approved',
      { resellerId: DEMO_RESELLERS.find((r) => r.status === 'suspended')?.id ?? '' },
      'card',
      ...unavailable,
    ],
    [
      'another organisation',
      { resellerId: 'R-00001', domain: 'other.example' },
      'notice',
      'This card belongs to another organisation or account. Nothing was changed: please reopen the add-on.',
      'Diese Karte gehört zu einer anderen Organisation oder einem anderen Konto. Es wurde nichts geändert: Bitte öffnen Sie das Add-on erneut.',
    ],
  ];

  it.each(cases)(
    '%s: refused with a message, nothing stored',
    (_label, parameters, where, english, german) => {
      for (const [locale, message] of [
        ['en', english],
        ['de', german],
      ] as const) {
        const runtime = runtimeWith();
        const anna = client(runtime, user('anna@kunde.example', locale));
        const before = storedState(runtime);
        for (const fn of ['onConfirmReseller', 'onChooseReseller']) {
          anna.openHomepage();
          anna.runAction({
            function: fn,
            parameters: Object.entries(parameters).map(([key, value]) => ({ key, value })),
          });
          if (where === 'notice') {
            expect(anna.notification).toBe(message);
            expect(anna.card.name).toBe('question');
          } else {
            // Not a notice over a dead card: the search again, saying why.
            expect(anna.card.name).toBe('search');
            expect(anna.texts()).toContain(message);
          }
        }
        expect(storedState(runtime)).toBe(before);
      }
    },
  );

  it('no reseller id: the card is out of date, nothing stored', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@kunde.example', 'de'));
    const before = storedState(runtime);
    anna.runAction({ function: 'onConfirmReseller' });
    expect(anna.notification).toBe(
      'Diese Karte ist veraltet. Es wurde nichts geändert: Bitte öffnen Sie das Add-on erneut.',
    );
    anna.runAction({ function: 'onChooseReseller' });
    expect(anna.card.name).toBe('search');
    expect(storedState(runtime)).toBe(before);
  });

  it('refuses a change request or a "direct" answer for another organisation', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@kunde.example'));
    const before = storedState(runtime);
    anna.runAction({ function: 'onAnswerDirect', parameters: [{ key: 'domain', value: 'other.example' }] });
    anna.runAction({
      function: 'onSubmitChangeRequest',
      parameters: [{ key: 'domain', value: 'other.example' }],
    });
    expect(anna.notification).toContain('another organisation');
    expect(storedState(runtime)).toBe(before);
  });

  it('ignores parameters that are not strings or are oversized', () => {
    const runtime = runtimeWith();
    const before = storedState(runtime);
    const identity = user('anna@kunde.example');
    const event = actionEvent(identity, { parameters: { resellerId: 'R-00001'.repeat(10_000) } });
    const result = runtime.run({ functionName: 'onConfirmReseller', identity, event });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result.value)).toContain('can no longer be chosen');
    const odd = { commonEventObject: { parameters: { resellerId: 42 }, userLocale: 'en' } };
    expect(runtime.run({ functionName: 'onConfirmReseller', identity, event: odd }).ok).toBe(true);
    expect(runtime.run({ functionName: 'onConfirmReseller', identity, event: null }).ok).toBe(true);
    expect(storedState(runtime)).toBe(before);
  });
});

describe('a search index that lags behind the directory', () => {
  it('cannot confirm a reseller suspended after the index was cached', () => {
    const runtime = runtimeWith();
    const mueller = approved('Müller IT GmbH');
    const anna = client(runtime, user('anna@veraltet.example'));
    anna.click('I have a Google Workspace reseller');
    anna.type('resellerQuery', 'Müller');
    anna.click('Search');
    anna.type('resellerQuery', 'Müller IT GmbH — mueller-it.de (Germany)');
    anna.click('Search');
    expect(anna.card.name).toBe('confirm');
    // The directory changes (as the owner's sync will do) while the cache still holds the old index,
    // as after a rebuild that raced with the write.
    const cached = runtime.host.scriptCache.getAll(Array.from({ length: 64 }, (_, i) => `ix:${i}`));
    loadDirectory(
      runtime.host,
      DEMO_RESELLERS.map((r) => (r.id === mueller.id ? { ...r, status: 'suspended' as const } : r)),
      'v2',
    );
    runtime.host.scriptCache.putAll(cached, 21_600);
    const before = storedState(runtime);
    anna.click('Share contacts now');
    // Back on the search the confirm card came from, with the query kept and the reason on it.
    expect(anna.card.name).toBe('search');
    expect(anna.texts()).toContain(
      'This reseller can no longer be chosen. Nothing was changed: please search again.',
    );
    expect(anna.stack.map((card) => card.name)).toEqual(['question', 'search']);
    expect(storedState(runtime)).toBe(before);
  });
});

describe('change request reasons', () => {
  it.each([
    ['empty', '', 'Please tell us what should change.'],
    ['too short', 'new one', 'Please write a little more (at least 10 characters) so that support can help.'],
    ['too long', 'x'.repeat(1001), 'Please keep it to at most 1000 characters.'],
    [
      'control characters',
      'New reseller\u0000 please',
      'The text contains characters that cannot be saved. Please type it again.',
    ],
  ])('%s: the card explains, nothing is stored', (_label, reason, message) => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@kunde.example'));
    anna.click('I have a Google Workspace reseller');
    anna.type('resellerQuery', 'Müller IT GmbH — mueller-it.de (Germany)');
    anna.click('Search');
    anna.click('Share contacts now');
    anna.click('Request a change');
    const before = storedState(runtime);
    if (reason !== '') anna.type('changeReason', reason);
    anna.click('Send request');
    expect(anna.card.name).toBe('changeRequest');
    expect(anna.texts()).toContain(message);
    expect(storedState(runtime)).toBe(before);
  });
});

describe('a full property store', () => {
  it('refuses the write with a clear message and keeps everything as it was', () => {
    for (const [locale, message] of [
      [
        'en',
        'We cannot save anything right now because our storage is full. Nothing was changed. Please write to our support team at support@reseller-connect.example.',
      ],
      [
        'de',
        'Wir können gerade nichts speichern, weil unser Speicher voll ist. Es wurde nichts geändert. Bitte schreiben Sie unserem Support-Team eine E-Mail an support@reseller-connect.example.',
      ],
    ] as const) {
      const runtime = runtimeWith();
      const store = runtime.host.scriptProperties;
      for (let i = 0; store.usedBytes() < PROPERTY_STORE_MAX_BYTES - 8200; i++)
        store.setAll({ [`filler:${i}`]: 'x'.repeat(8000) }, false);
      store.setAll({ 'filler:last': 'x'.repeat(PROPERTY_STORE_MAX_BYTES - store.usedBytes() - 20) }, false);
      const anna = client(runtime, user('anna@voll.example', locale));
      const before = storedState(runtime);
      anna.runAction({
        function: 'onConfirmReseller',
        parameters: [{ key: 'resellerId', value: approved('Müller IT GmbH').id }],
      });
      expect(anna.notification).toBe(message);
      anna.runAction({ function: 'onAnswerDirect' });
      expect(anna.notification).toBe(message);
      expect(domainRecord(runtime, 'voll.example')).toBeNull();
      expect(storedState(runtime)).toBe(before);
      // The lock was released despite the failure: the next writer gets it.
      store.delete('filler:last');
      anna.runAction({ function: 'onAnswerDirect' });
      expect(domainRecord(runtime, 'voll.example')).not.toBeNull();
    }
  });
});

describe('a script lock that cannot be had in time', () => {
  it('asks the user to try again and changes nothing', () => {
    for (const [locale, message] of [
      [
        'en',
        'Many people are saving at this moment. Nothing was changed: please try again in a few seconds.',
      ],
      [
        'de',
        'Gerade speichern viele gleichzeitig. Es wurde nichts geändert: Bitte versuchen Sie es in ein paar Sekunden erneut.',
      ],
    ] as const) {
      const runtime = runtimeWith();
      const release = runtime.host.holdLockExternally('script');
      const anna = client(runtime, user('anna@besetzt.example', locale));
      const before = storedState(runtime);
      anna.runAction({
        function: 'onConfirmReseller',
        parameters: [{ key: 'resellerId', value: 'R-00001' }],
      });
      expect(anna.notification).toBe(message);
      anna.runAction({ function: 'onAnswerDirect' });
      expect(anna.notification).toBe(message);
      expect(storedState(runtime)).toBe(before);
      release();
      anna.runAction({ function: 'onAnswerDirect' });
      expect(domainRecord(runtime, 'besetzt.example')).not.toBeNull();
    }
  });
});
