/**
 * The customer flow (src/ui/flow.ts) on in-memory services: what each entry point shows and stores.
 * What it does when stored data is damaged or changes under the user is in flow-integrity.test.ts.
 */
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import { emailFingerprint } from '../../src/domain/account';
import type { Reseller } from '../../src/domain/reseller';
import { displayLabel, MAX_LABEL_LENGTH } from '../../src/domain/search';
import { StoreFullError } from '../../src/store/errors';
import { KEYS } from '../../src/store/keys';
import { listOutbox } from '../../src/store/outbox';
import { FIELDS } from '../../src/ui/actions';
import type { ActionResponseModel, CardModel } from '../../src/cards/card-model';
import type { AddonEvent } from '../../src/ui/event';
import { createFlow, RESULT_LIMIT, type Services } from '../../src/ui/customer/flow';
import type { Html } from '../../src/cards/html';
import { HIDDEN_CARD, PERSONAL_CARD } from '../../src/ui/customer/account';
import { CHANGE_REQUEST_CARD } from '../../src/ui/customer/change-request';
import { CONFIRM_CARD } from '../../src/ui/customer/confirm';
import { LATER_CARD } from '../../src/ui/customer/later';
import { MESSAGE_CARD } from '../../src/ui/customer/message';
import { QUESTION_CARD } from '../../src/ui/customer/question';
import { SEARCH_CARD } from '../../src/ui/customer/search';
import { STATUS_CARD } from '../../src/ui/customer/status';
import {
  addonEvent as event,
  button,
  facts,
  htmlToText,
  MemoryServices,
  paragraphs,
  readCard,
  shownCard,
  stepCard,
  SUPPORT_EMAIL,
  textInput,
  unsafeHtmlOf,
} from '../support/memory-ports';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Monday 23 Nov 2026, 09:30 UTC. */
const NOW = Date.UTC(2026, 10, 23, 9, 30, 0);
const VIEWER = 'anna@acme.de';

function world(resellers: readonly Reseller[] = DEMO_RESELLERS): MemoryServices {
  return new MemoryServices({ resellers, now: NOW, email: VIEWER });
}

function flowOf(w: MemoryServices) {
  return createFlow(w.services());
}

function outbox(w: MemoryServices) {
  return listOutbox(w.script.snapshot()).changes;
}

function domainRecordKeys(w: MemoryServices): string[] {
  return [...w.script.data.keys()].filter((key) => key.startsWith('d:'));
}

function expectHome(response: ActionResponseModel, name: string): CardModel {
  expect(response.navigation[0]).toEqual({ popToRoot: true });
  expect(response.navigation).toHaveLength(2);
  const card = stepCard(response.navigation[1], 'update');
  expect(card.name).toBe(name);
  return card;
}

const confirm = (resellerId: string, locale = 'en', extra: Record<string, string> = {}): AddonEvent =>
  event({ locale, parameters: { domain: 'acme.de', resellerId, ...extra } });

describe('flow: homepage', () => {
  it('asks a new user of an organisation the question', () => {
    const w = world();
    const card = flowOf(w).homepage(event());
    expect(card.name).toBe(QUESTION_CARD);
    expect(readCard(card)).toContain('Does acme.de buy Google Workspace through a reseller?');
    expect(w.writes()).toBe(0);
  });

  it('asks in German for a German locale', () => {
    expect(flowOf(world()).homepage(event({ locale: 'de-AT' })).title).toBe('Haben Sie einen Reseller?');
  });

  it('reads nothing from the script store for a personal account, and explains', () => {
    const w = world();
    w.email = 'Me@GMail.com';
    const card = flowOf(w).homepage(event());
    expect(card.name).toBe(PERSONAL_CARD);
    expect(readCard(card)).toContain('(me@gmail.com)');
    expect(w.script.totalCalls()).toBe(0);
  });

  it('explains when the address is hidden, and how to reach support', () => {
    const w = world();
    w.email = '';
    const card = flowOf(w).homepage(event());
    expect(card.name).toBe(HIDDEN_CARD);
    expect(readCard(card)).toContain(SUPPORT_EMAIL);
    // One read: the support address the Settings tab may set instead of the deployment's.
    expect(w.script.totalCalls()).toBe(1);
  });

  it('treats an event without any fields as English, UTC', () => {
    const flow = flowOf(world());
    expect(flow.homepage(undefined).title).toBe('Do you have a reseller?');
    expect(flow.homepage({} as AddonEvent).title).toBe('Do you have a reseller?');
  });

  it('shows the organisation’s reseller from its record and one small cache read for the name', () => {
    const w = world();
    const flow = flowOf(w);
    flow.confirmReseller(confirm('R-00001'));
    w.resetCalls();
    const card = flow.homepage(event());
    expect(card.name).toBe(STATUS_CARD);
    expect(facts(card).map((f) => htmlToText(f.html))).toEqual(['Müller IT GmbH']);
    expect(w.script.calls).toEqual({ get: 1, getAll: 0, setAll: 0, delete: 0 });
    expect(w.cache.calls).toEqual({ getAll: 1, putAll: 0 });
    // The user's own state is read only while the organisation has no answer.
    expect(w.userStore().totalCalls()).toBe(0);
  });
});

describe('flow: answering directly', () => {
  it('saves the answer, and from then on the homepage shows the status card to everyone', () => {
    const w = world();
    const flow = flowOf(w);
    const response = flow.answerDirect(event());
    const card = expectHome(response, STATUS_CARD);
    expect(response.notification).toBe('Saved: acme.de buys directly.');
    expect(response.stateChanged).toBe(true);
    expect(readCard(card)).toContain('acme.de buys Google Workspace directly, without a reseller.');

    const home = flow.homepage(event());
    expect(home.name).toBe(STATUS_CARD);
    expect(readCard(home)).toContain('Since 23 Nov 2026');
    expect(readCard(home)).toContain('Set by you');

    w.email = 'ben@acme.de';
    expect(readCard(flow.homepage(event({ locale: 'de' })))).toContain(
      'Von einer Kollegin oder einem Kollegen festgelegt',
    );

    expect(domainRecordKeys(w)).toEqual(['d:acme.de']);
    expect(outbox(w)).toEqual([{ seq: 1, type: 'direct', domain: 'acme.de', actorEmail: VIEWER, at: NOW }]);
  });

  it('answering again changes nothing and says so', () => {
    const w = world();
    const flow = flowOf(w);
    flow.answerDirect(event());
    w.email = 'ben@acme.de';
    const again = flow.answerDirect(event());
    expect(again.notification).toBe('acme.de was already recorded as buying directly.');
    expect(again.stateChanged).toBe(false);
    expect(w.script.calls.setAll).toBe(1);
    expect(outbox(w)).toHaveLength(1);
  });
});

describe('flow: ask me later', () => {
  it('hides the question for three days', () => {
    const w = world();
    const flow = flowOf(w);
    const response = flow.answerLater(event());
    const later = stepCard(response.navigation[0], 'update');
    expect(later.name).toBe(LATER_CARD);
    expect(paragraphs(later)).toEqual(['No problem. We will ask again on 26 Nov 2026.']);
    expect(w.userStore().data.get(KEYS.userState)).toBe(JSON.stringify({ askAgainAt: NOW + 3 * DAY_MS }));
    expect(w.script.calls.setAll).toBe(0);

    expect(flow.homepage(event()).name).toBe(LATER_CARD);
    w.now = NOW + 3 * DAY_MS - 1;
    expect(flow.homepage(event()).name).toBe(LATER_CARD);
    w.now = NOW + 3 * DAY_MS;
    expect(flow.homepage(event()).name).toBe(QUESTION_CARD);
  });

  it('"Answer now" brings the question back', () => {
    const flow = flowOf(world());
    flow.answerLater(event());
    expect(stepCard(flow.showQuestion(event()).navigation[0], 'update').name).toBe(QUESTION_CARD);
  });

  it('snoozes only the user who asked for it', () => {
    const w = world();
    const flow = flowOf(w);
    flow.answerLater(event());
    w.email = 'ben@acme.de';
    expect(flow.homepage(event()).name).toBe(QUESTION_CARD);
  });

  it('shows the status card, not the later card, once a colleague has answered', () => {
    const w = world();
    const flow = flowOf(w);
    flow.answerLater(event());
    w.email = 'ben@acme.de';
    flow.answerDirect(event());
    w.email = VIEWER;
    expect(flow.homepage(event()).name).toBe(STATUS_CARD);
    expect(stepCard(flow.showQuestion(event()).navigation[0], 'update').name).toBe(STATUS_CARD);
  });
});

describe('flow: cards of another organisation', () => {
  const actions = [
    'answerHasReseller',
    'answerDirect',
    'answerLater',
    'showQuestion',
    'pickReseller',
    'searchResellers',
    'chooseReseller',
    'confirmReseller',
    'showChangeRequest',
    'submitChangeRequest',
  ] as const;

  it.each(actions)(
    '%s refuses a domain parameter naming another organisation and writes nothing',
    (action) => {
      const w = world();
      // A format-1 record, as older versions wrote it: still read.
      w.script.setAll({ 'd:acme.de': 'R\t1\tu\tfp\t\tR-00001\tMüller IT GmbH' });
      w.resetCalls();
      const response = flowOf(w)[action](
        event({
          parameters: { domain: 'evil.de', resellerId: 'R-00001', name: 'Müller IT GmbH' },
          form: {
            [FIELDS.changeReason]: 'Please change the reseller to Schäfer.',
            [FIELDS.resellerQuery]: 'Müller IT GmbH — mueller-it.de (Germany)',
          },
        }),
      );
      expect(response).toEqual({
        navigation: [],
        notification:
          'This card belongs to another organisation or account. Nothing was changed: please reopen the add-on.',
      });
      expect(w.writes()).toBe(0);
      expect(domainRecordKeys(w)).toEqual(['d:acme.de']);
    },
  );

  it('refuses in German too', () => {
    const w = world();
    const response = flowOf(w).confirmReseller(
      event({ locale: 'de', parameters: { domain: 'evil.de', resellerId: 'R-00001' } }),
    );
    expect(response.notification).toBe(
      'Diese Karte gehört zu einer anderen Organisation oder einem anderen Konto. Es wurde nichts geändert: Bitte öffnen Sie das Add-on erneut.',
    );
    expect(w.writes()).toBe(0);
  });

  it('accepts its own domain parameter', () => {
    const response = flowOf(world()).confirmReseller(confirm('R-00001'));
    expect(response.notification).toBe('Saved: acme.de is now linked to Müller IT GmbH.');
  });

  it('sends a personal account back to its explanation without writing', () => {
    const w = world();
    w.email = 'me@gmail.com';
    const response = flowOf(w).confirmReseller(
      event({ parameters: { domain: 'gmail.com', resellerId: 'R-00001' } }),
    );
    expectHome(response, PERSONAL_CARD);
    expect(response.notification).toBeUndefined();
    expect(w.writes()).toBe(0);
  });

  it('refuses a forged event whose parameters are not strings, and writes nothing', () => {
    const w = world();
    const forged = {
      commonEventObject: { userLocale: 'en', parameters: { domain: 'acme.de', resellerId: ['R-00001'] } },
    } as unknown as AddonEvent;
    expect(flowOf(w).confirmReseller(forged)).toEqual({
      navigation: [],
      notification: 'This card is out of date. Nothing was changed: please reopen the add-on.',
    });
    expect(w.writes()).toBe(0);
  });
});

describe('flow: typeahead', () => {
  it.each(['', ' ', 'a', ' b ', 'x'.repeat(101), 'mü\tller', 'ab\u0000'])(
    'returns no suggestions for the invalid query %j without touching the cache',
    (query) => {
      const w = world();
      expect(flowOf(w).suggestResellers(event({ form: { [FIELDS.resellerQuery]: query } }))).toEqual([]);
      expect(w.cache.totalCalls()).toBe(0);
      expect(w.script.totalCalls()).toBe(0);
    },
  );

  it('returns no suggestions when the field is missing', () => {
    const w = world();
    expect(flowOf(w).suggestResellers(event())).toEqual([]);
    expect(w.cache.totalCalls()).toBe(0);
  });

  it.each<[string, string[]]>([
    ['en', ['Müller IT GmbH — mueller-it.de (Germany)', 'Mueller IT GmbH — mueller-it.at (Austria)']],
    ['de', ['Müller IT GmbH — mueller-it.de (Deutschland)', 'Mueller IT GmbH — mueller-it.at (Österreich)']],
  ])(
    'suggests labels naming the country in the user’s language, from one cache read (%s)',
    (locale, labels) => {
      const w = world();
      const suggestions = flowOf(w).suggestResellers(
        event({ locale, form: { [FIELDS.resellerQuery]: 'müller' } }),
      );
      expect(suggestions).toEqual(expect.arrayContaining(labels));
      expect(suggestions.length).toBeLessThanOrEqual(RESULT_LIMIT);
      expect(w.cache.calls).toEqual({ getAll: 1, putAll: 0 });
      expect(w.script.totalCalls()).toBe(0);
    },
  );

  it('never suggests a reseller that is not approved', () => {
    expect(flowOf(world()).suggestResellers(event({ form: { [FIELDS.resellerQuery]: 'schwarz' } }))).toEqual(
      [],
    );
  });

  it('returns no suggestions, rather than failing, when the cache fails', () => {
    const w = world();
    w.cache.failReads = new Error('cache down');
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(flowOf(w).suggestResellers(event({ form: { [FIELDS.resellerQuery]: 'müller' } }))).toEqual([]);
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});

describe('flow: picking a suggestion', () => {
  const pick = (query: string, locale = 'en') =>
    event({ locale, parameters: { domain: 'acme.de' }, form: { [FIELDS.resellerQuery]: query } });

  it.each<[string, string, string]>([
    ['en', 'Mueller IT GmbH — mueller-it.at (Austria)', 'R-00002'],
    ['de', 'Mueller IT GmbH — mueller-it.at (Österreich)', 'R-00002'],
    ['en', 'Mueller IT GmbH — mueller-it.at (AT)', 'R-00002'],
    ['en', '  Müller IT GmbH —  mueller-it.de (Germany) ', 'R-00001'],
  ])('opens the confirm card at once for a picked label (%s, %j)', (locale, label, id) => {
    const w = world();
    const card = stepCard(flowOf(w).pickReseller(pick(label, locale)).navigation[0], 'push');
    expect(card.name).toBe(CONFIRM_CARD);
    expect(card.footer?.primary.action.parameters).toMatchObject({ resellerId: id, domain: 'acme.de' });
    expect(w.writes()).toBe(0);
  });

  it.each(['mül', 'a', '', 'x'.repeat(401), 'Müller IT GmbH — mueller-it.de (France)'])(
    'does nothing for %j, which is no label',
    (query) => {
      const w = world();
      expect(flowOf(w).pickReseller(pick(query))).toEqual({ navigation: [] });
      expect(w.writes()).toBe(0);
    },
  );

  it('reads nothing for text too short to search or too long to be a label', () => {
    const w = world();
    for (const query of ['a', ' ', 'ab\tc', 'x'.repeat(MAX_LABEL_LENGTH + 1), 'x'.repeat(40_000)])
      flowOf(w).pickReseller(pick(query));
    expect(w.cache.totalCalls() + w.script.totalCalls()).toBe(0);
  });
});

describe('flow: searching and choosing', () => {
  const search = (query: string) =>
    event({ parameters: { domain: 'acme.de' }, form: { [FIELDS.resellerQuery]: query } });

  it('"I have a reseller" opens the search card for the organisation', () => {
    const card = shownCard(flowOf(world()).answerHasReseller(event()));
    expect(card.name).toBe(SEARCH_CARD);
    expect(button(card, 'Search').action.parameters).toEqual({ domain: 'acme.de' });
  });

  it('lists search results on the search card', () => {
    const w = world();
    const card = stepCard(flowOf(w).searchResellers(search(' cloud ')).navigation[0], 'update');
    expect(card.name).toBe(SEARCH_CARD);
    expect(textInput(card).value).toBe('cloud');
    const names = facts(card).map((f) => htmlToText(f.html));
    expect(names).toEqual(expect.arrayContaining(['Cloudwerk GmbH', 'CloudNative Partners Ltd']));
    expect(htmlToText(card.sections[1]?.header ?? ('' as Html))).toBe(
      `${names.length} resellers match “cloud”`,
    );
    expect(w.writes()).toBe(0);
  });

  it('goes straight to confirming when the query is a suggestion’s label', () => {
    const card = stepCard(
      flowOf(world()).searchResellers(search('Mueller IT GmbH — mueller-it.at (Austria)')).navigation[0],
      'push',
    );
    expect(card.name).toBe(CONFIRM_CARD);
    expect(card.footer?.primary.action.parameters).toMatchObject({
      resellerId: 'R-00002',
      domain: 'acme.de',
    });
  });

  it('says when nothing matches', () => {
    const response = flowOf(world()).searchResellers(search('qqqqqq'));
    expect(readCard(stepCard(response.navigation[0], 'update'))).toContain('No match for “qqqqqq”');
  });

  it.each<[string, string]>([
    ['', "Type your reseller's name first."],
    ['a', "Type at least 2 letters of the reseller's name."],
    ['x'.repeat(150), 'That is too long for a reseller name: use at most 100 characters.'],
  ])('explains the problem with the query %j', (query, problem) => {
    const w = world();
    const card = stepCard(flowOf(w).searchResellers(search(query)).navigation[0], 'update');
    expect(paragraphs(card).at(-1)).toBe(problem);
    expect(textInput(card).value).toBe(query.slice(0, 100));
    // Only a long text can be a picked suggestion ("name — domain (country)"): that one is looked up first.
    expect(w.cache.totalCalls()).toBe(query.length > 100 ? 1 : 0);
  });

  it('confirms a picked suggestion longer than anything one would type', () => {
    const long: Reseller = {
      id: 'R-00777',
      name: 'Kommunale Informationsverarbeitung Baden-Franken Systemhaus und Beratung GmbH & Co. KG',
      domain: 'kiv-baden-franken-systemhaus.de',
      country: 'DE',
      status: 'approved',
    };
    const label = displayLabel(long);
    expect(label.length).toBeGreaterThan(100);
    const response = flowOf(world([...DEMO_RESELLERS, long])).searchResellers(search(label));
    expect(stepCard(response.navigation[0], 'push').name).toBe(CONFIRM_CARD);
  });

  it('confirms a chosen reseller on a card of its own, keeping the query', () => {
    const card = shownCard(
      flowOf(world()).chooseReseller(
        event({ parameters: { domain: 'acme.de', resellerId: 'R-00005', query: 'köhler' } }),
      ),
    );
    expect(card.name).toBe(CONFIRM_CARD);
    expect(readCard(card)).toContain('Köhler Systemhaus GmbH & Co. KG');
    expect(card.footer?.primary.action.parameters).toMatchObject({ resellerId: 'R-00005', query: 'köhler' });
  });

  it.each(['R-00023', 'R-00024', 'R-99999', ''])(
    'refuses to offer the unapproved or unknown reseller %j, back on the search with the query',
    (id) => {
      const w = world();
      const response = flowOf(w).chooseReseller(
        event({ parameters: { domain: 'acme.de', resellerId: id, query: 'schwarz' } }),
      );
      expect(response.navigation).toHaveLength(1);
      const card = stepCard(response.navigation[0], 'update');
      expect(card.name).toBe(SEARCH_CARD);
      expect(textInput(card).value).toBe('schwarz');
      expect(paragraphs(card).at(-1)).toBe(
        'This reseller can no longer be chosen. Nothing was changed: please search again.',
      );
      expect(w.writes()).toBe(0);
    },
  );

  it('"Back" pops the card', () => {
    expect(flowOf(world()).goBack()).toEqual({ navigation: [{ pop: true }] });
  });
});

describe('flow: confirming a reseller', () => {
  it('links the organisation and shows its status card', () => {
    const w = world();
    const flow = flowOf(w);
    const response = flow.confirmReseller(confirm('R-00001', 'en', { name: 'Müller IT GmbH', query: 'mül' }));
    expect(response.notification).toBe('Saved: acme.de is now linked to Müller IT GmbH.');
    expect(response.stateChanged).toBe(true);
    const card = expectHome(response, STATUS_CARD);
    expect(readCard(card)).toContain('Müller IT GmbH');
    expect(readCard(flow.homepage(event()))).toContain('Set by you');
    expect(outbox(w)).toEqual([
      { seq: 1, type: 'assigned', domain: 'acme.de', actorEmail: VIEWER, at: NOW, resellerId: 'R-00001' },
    ]);
  });

  it('keeps the first reseller when a colleague confirms another one, and says when it was linked', () => {
    const w = world();
    const flow = flowOf(w);
    flow.confirmReseller(confirm('R-00001'));
    w.email = 'ben@acme.de';
    w.now = NOW + 2 * DAY_MS;
    const response = flow.confirmReseller(confirm('R-00003'));
    expect(response.notification).toBe(
      'A colleague linked acme.de to Müller IT GmbH on 23 Nov 2026, so your choice was not saved. If that is wrong, request a change.',
    );
    expect(response.stateChanged).toBe(false);
    expect(readCard(expectHome(response, STATUS_CARD))).toContain('Müller IT GmbH');
    expect(outbox(w)).toHaveLength(1);
  });

  it('says so when the same reseller is confirmed again', () => {
    const flow = flowOf(world());
    flow.confirmReseller(confirm('R-00001'));
    const again = flow.confirmReseller(confirm('R-00001', 'de'));
    expect(again.notification).toBe('acme.de war bereits mit Müller IT GmbH verknüpft.');
    expect(again.stateChanged).toBe(false);
  });

  it('refuses an unapproved reseller and writes nothing', () => {
    const w = world();
    const response = flowOf(w).confirmReseller(confirm('R-00026'));
    expect(paragraphs(shownCard(response)).at(-1)).toBe(
      'This reseller can no longer be chosen. Nothing was changed: please search again.',
    );
    expect(w.writes()).toBe(0);
  });

  it('refuses a confirm card without a reseller as out of date', () => {
    const w = world();
    expect(flowOf(w).confirmReseller(event({ parameters: { domain: 'acme.de' } }))).toEqual({
      navigation: [],
      notification: 'This card is out of date. Nothing was changed: please reopen the add-on.',
    });
    expect(w.writes()).toBe(0);
  });

  it('shows a hostile reseller name as text: plain in the notification, escaped on the card', () => {
    const response = flowOf(world()).confirmReseller(confirm('R-00017'));
    expect(response.notification).toBe('Saved: acme.de is now linked to <b>Bold</b> IT & Co.');
    const card = expectHome(response, STATUS_CARD);
    expect(unsafeHtmlOf(card)).toEqual([]);
    expect(readCard(card)).toContain('<b>Bold</b> IT & Co');
  });

  it.each<[string, string]>([
    [
      'en',
      `We cannot save anything right now because our storage is full. Nothing was changed. Please write to our support team at ${SUPPORT_EMAIL}.`,
    ],
    [
      'de',
      `Wir können gerade nichts speichern, weil unser Speicher voll ist. Es wurde nichts geändert. Bitte schreiben Sie unserem Support-Team eine E-Mail an ${SUPPORT_EMAIL}.`,
    ],
  ])('turns a full store into the storeFull notification, naming support (%s)', (locale, text) => {
    const w = world();
    w.script.failWrites = new StoreFullError(new Error('Exceeded quota'));
    expect(flowOf(w).confirmReseller(confirm('R-00001', locale))).toEqual({
      navigation: [],
      notification: text,
    });
    expect(domainRecordKeys(w)).toEqual([]);
    expect(outbox(w)).toEqual([]);
  });

  it('turns a busy lock into the busy notification and writes nothing', () => {
    const w = world();
    w.lock.busy = true;
    const flow = flowOf(w);
    const busy =
      'Many people are saving at this moment. Nothing was changed: please try again in a few seconds.';
    expect(flow.confirmReseller(confirm('R-00001'))).toEqual({ navigation: [], notification: busy });
    expect(flow.answerDirect(event())).toEqual({ navigation: [], notification: busy });
    expect(w.writes()).toBe(0);
  });
});

describe('flow: unexpected failures', () => {
  let log: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  it('turns an unexpected error in an action into the unexpected notification', () => {
    const w = world();
    w.script.failReads = new Error('Service invoked too many times');
    expect(flowOf(w).answerDirect(event())).toEqual({
      navigation: [],
      notification: 'Something went wrong. Nothing was changed: please try again.',
    });
    expect(flowOf(w).confirmReseller(event({ locale: 'de', parameters: { resellerId: 'R-00001' } }))).toEqual(
      {
        navigation: [],
        notification: 'Etwas ist schiefgelaufen. Es wurde nichts geändert: Bitte versuchen Sie es erneut.',
      },
    );
    expect(log).toHaveBeenCalled();
  });

  it('turns an unexpected write error into the unexpected notification, not storeFull', () => {
    const w = world();
    w.script.failWrites = new Error('Internal error');
    expect(flowOf(w).answerDirect(event()).notification).toBe(
      'Something went wrong. Nothing was changed: please try again.',
    );
  });

  it('turns a failing email lookup into the unexpected notification', () => {
    const services: Services = {
      ...world().services(),
      email: () => {
        throw new Error('no session');
      },
    };
    expect(createFlow(services).answerLater(event()).notification).toBe(
      'Something went wrong. Nothing was changed: please try again.',
    );
  });

  it('shows a message card when the homepage itself fails', () => {
    const w = world();
    w.script.failReads = new Error('boom');
    const card = flowOf(w).homepage(event({ locale: 'de' }));
    expect(card.name).toBe(MESSAGE_CARD);
    expect(paragraphs(card)).toEqual([
      'Etwas ist schiefgelaufen. Es wurde nichts geändert: Bitte versuchen Sie es erneut.',
    ]);
  });
});

describe('flow: change requests', () => {
  const REASON = 'We moved to Schäfer Cloud AG in October.\nPlease update.';
  const submit = (reason: string | undefined, locale = 'en') =>
    event({
      locale,
      parameters: { domain: 'acme.de' },
      form: reason === undefined ? {} : { [FIELDS.changeReason]: reason },
    });

  function boundWorld(): MemoryServices {
    const w = world();
    flowOf(w).confirmReseller(confirm('R-00001'));
    w.resetCalls();
    return w;
  }

  it('opens the change request card from the status card', () => {
    const card = shownCard(
      flowOf(boundWorld()).showChangeRequest(event({ parameters: { domain: 'acme.de' } })),
    );
    expect(card.name).toBe(CHANGE_REQUEST_CARD);
  });

  it('records the request, tells the user, and shows it as pending', () => {
    const w = boundWorld();
    w.now = NOW + DAY_MS;
    const response = flowOf(w).submitChangeRequest(submit(`  ${REASON}  `));
    expect(response.notification).toBe('Your request was sent to our support team.');
    expect(response.stateChanged).toBe(true);
    const card = expectHome(response, STATUS_CARD);
    expect(readCard(card)).toContain(
      'Change requested on 24 Nov 2026. Our support team will get back to you.',
    );
    expect(readCard(card)).toContain('Müller IT GmbH');
    const changes = outbox(w);
    expect(changes.map((c) => [c.seq, c.type])).toEqual([
      [1, 'assigned'],
      [2, 'changeRequested'],
    ]);
    expect(changes[1]).toMatchObject({
      reason: REASON,
      resellerId: 'R-00001',
      actorEmail: VIEWER,
      at: NOW + DAY_MS,
    });
  });

  it('adds nothing to a request that is already pending', () => {
    const w = boundWorld();
    const flow = flowOf(w);
    flow.submitChangeRequest(submit(REASON));
    w.now = NOW + 2 * DAY_MS;
    const again = flow.submitChangeRequest(submit('Another reason, long enough.', 'de'));
    expect(again.notification).toBe(
      'Eine Änderungsanfrage wartet bereits auf unser Support-Team (gesendet am 23.11.2026). Es wurde nichts hinzugefügt.',
    );
    expect(again.stateChanged).toBe(false);
    expect(outbox(w)).toHaveLength(2);
  });

  it('sends nothing for an organisation that buys directly', () => {
    const w = world();
    const flow = flowOf(w);
    flow.answerDirect(event());
    const response = flow.submitChangeRequest(submit(REASON));
    expect(response.notification).toBe('acme.de has no reseller to change. Nothing was sent.');
    expect(response.stateChanged).toBe(false);
    expectHome(response, STATUS_CARD);
    expect(outbox(w)).toHaveLength(1);
  });

  it('sends nothing, and shows the question, for an organisation without an answer', () => {
    const w = world();
    const response = flowOf(w).submitChangeRequest(submit(REASON));
    expectHome(response, QUESTION_CARD);
    expect(response.notification).toBe('acme.de has no reseller to change. Nothing was sent.');
    expect(w.writes()).toBe(0);
  });

  it.each<[string, string | undefined, string]>([
    ['en', 'too short', 'Please write a little more (at least 10 characters) so that support can help.'],
    [
      'de',
      'zu kurz',
      'Bitte schreiben Sie etwas mehr (mindestens 10 Zeichen), damit der Support helfen kann.',
    ],
    ['en', undefined, 'Please tell us what should change.'],
    ['en', 'x'.repeat(1001), 'Please keep it to at most 1000 characters.'],
    [
      'en',
      'bell\u0007 character here',
      'The text contains characters that cannot be saved. Please type it again.',
    ],
  ])('keeps the text and explains a problem (%s, %j)', (locale, reason, problem) => {
    const w = boundWorld();
    const response = flowOf(w).submitChangeRequest(submit(reason, locale));
    const card = stepCard(response.navigation[0], 'update');
    expect(response.navigation).toHaveLength(1);
    expect(card.name).toBe(CHANGE_REQUEST_CARD);
    expect(paragraphs(card)[1]).toBe(problem);
    expect(textInput(card).value).toBe(reason ?? '');
    expect(w.writes()).toBe(0);
  });

  it('keeps a huge text only a little past the limit, never cutting an emoji in half', () => {
    const w = boundWorld();
    const reason = `${'a'.repeat(1999)}😀${'b'.repeat(40_000)}`;
    const card = stepCard(flowOf(w).submitChangeRequest(submit(reason)).navigation[0], 'update');
    expect(textInput(card).value).toBe(`${'a'.repeat(1999)}😀`);
  });

  it('turns a busy lock into the busy notification', () => {
    const w = boundWorld();
    w.lock.busy = true;
    expect(flowOf(w).submitChangeRequest(submit(REASON)).notification).toBe(
      'Many people are saving at this moment. Nothing was changed: please try again in a few seconds.',
    );
    expect(w.script.calls.setAll).toBe(0);
  });

  it('stores only a fingerprint of the user in the organisation’s record', () => {
    const w = boundWorld();
    flowOf(w).submitChangeRequest(submit(REASON));
    const record = w.script.data.get('d:acme.de') ?? '';
    expect(record).toContain(emailFingerprint(VIEWER));
    expect(record).not.toContain(VIEWER);
  });
});
