/**
 * The customer flow when stored data is damaged, or changes between two clicks: an unreadable
 * organisation record, a snooze from a clock that was ahead, a colleague answering first, a reseller
 * that is suspended or renamed before the user confirms, a damaged directory or commit counter.
 */
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import { encodeAssignment, resellerAssignment } from '../../src/domain/assignment';
import type { Reseller } from '../../src/domain/reseller';
import { writeDirectory } from '../../src/store/directory';
import { KEYS } from '../../src/store/keys';
import { listOutbox } from '../../src/store/outbox';
import { replaceDirectory } from '../../src/store/replace-directory';
import { ACTIONS, FIELDS } from '../../src/ui/actions';
import type { ActionResponseModel, ButtonModel, CardModel } from '../../src/cards/card-model';
import type { AddonEvent } from '../../src/ui/event';
import { createFlow } from '../../src/ui/customer/flow';
import { CONFIRM_CARD } from '../../src/ui/customer/confirm';
import { LATER_CARD } from '../../src/ui/customer/later';
import { QUESTION_CARD } from '../../src/ui/customer/question';
import { RECORD_PROBLEM_CARD } from '../../src/ui/customer/record-problem';
import { SEARCH_CARD } from '../../src/ui/customer/search';
import { STATUS_CARD } from '../../src/ui/customer/status';
import {
  addonEvent as event,
  button,
  buttonsOf,
  facts,
  htmlToText,
  mailtoLinks,
  MemoryServices,
  paragraphs,
  readCard,
  shownCard,
  stepCard,
  SUPPORT_EMAIL,
  textInput,
  captureConsole,
} from '../support/memory-ports';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Monday 23 Nov 2026, 09:30 UTC. */
const NOW = Date.UTC(2026, 10, 23, 9, 30, 0);
const VIEWER = 'anna@acme.de';
const MUELLER = DEMO_RESELLERS[0] as Reseller;

function world(resellers: readonly Reseller[] = DEMO_RESELLERS): MemoryServices {
  return new MemoryServices({ resellers, now: NOW, email: VIEWER });
}

function flowOf(w: MemoryServices) {
  return createFlow(w.services());
}

/** The event Gmail sends when the user presses `pressed` (with what the form holds). */
function press(pressed: ButtonModel, form: Record<string, string> = {}, locale = 'en'): AddonEvent {
  return event({ locale, parameters: pressed.action.parameters ?? {}, form });
}

/** The button that calls `functionName`, whatever the language of its text. */
function buttonFor(card: CardModel, functionName: string): ButtonModel {
  const found = buttonsOf(card).find((b) => b.action.functionName === functionName);
  if (!found) throw new Error(`card ${card.name} has no button for ${functionName}`);
  return found;
}

function primary(card: CardModel): ButtonModel {
  const found = card.footer?.primary;
  if (!found) throw new Error(`card ${card.name} has no footer`);
  return found;
}

const log = captureConsole();

describe('flow: an organisation record that cannot be read', () => {
  const RAW = '2Ru\tnot-a-time!\tfp\t\tR-00001';

  function damagedWorld(): MemoryServices {
    const w = world();
    w.script.data.set(KEYS.domain('acme.de'), RAW);
    return w;
  }

  function expectRecordProblem(card: CardModel): void {
    expect(card.name).toBe(RECORD_PROBLEM_CARD);
    expect(mailtoLinks(card)).toEqual([SUPPORT_EMAIL]);
    expect(readCard(card)).toContain(`Please write to our support team at ${SUPPORT_EMAIL}`);
  }

  it.each(['en', 'de'])(
    'shows the record-problem card on the homepage, with the support address as a link (%s)',
    (locale) => {
      const w = damagedWorld();
      const card = flowOf(w).homepage(event({ locale }));
      expect(card.name).toBe(RECORD_PROBLEM_CARD);
      expect(card.subtitle).toBe('acme.de');
      expect(mailtoLinks(card)).toEqual([SUPPORT_EMAIL]);
      expect(w.writes()).toBe(0);
      expect(log.error).toHaveBeenCalledWith(expect.stringContaining('acme.de'));
    },
  );

  it('never asks the question instead, even to a user who snoozed it', () => {
    const w = damagedWorld();
    const flow = flowOf(w);
    w.userStore().data.set(KEYS.userState, JSON.stringify({ askAgainAt: NOW + DAY_MS }));
    expectRecordProblem(flow.homepage(event()));
    expectRecordProblem(shownCard(flow.showQuestion(event())));
  });

  it.each([
    ['"we buy directly"', (flow: ReturnType<typeof flowOf>) => flow.answerDirect(event())],
    [
      'a confirmed reseller',
      (flow: ReturnType<typeof flowOf>) =>
        flow.confirmReseller(
          event({ parameters: { domain: 'acme.de', resellerId: 'R-00001', name: MUELLER.name } }),
        ),
    ],
    [
      'a change request',
      (flow: ReturnType<typeof flowOf>) =>
        flow.submitChangeRequest(
          event({
            parameters: { domain: 'acme.de' },
            form: { [FIELDS.changeReason]: 'Please switch to Schäfer Cloud AG.' },
          }),
        ),
    ],
  ])('writes nothing for %s, keeps the stored text, and shows the record-problem card', (_, act) => {
    const w = damagedWorld();
    const before = w.script.snapshot();
    const response = act(flowOf(w));
    expect(response.navigation[0]).toEqual({ popToRoot: true });
    expectRecordProblem(shownCard(response));
    expect(response.stateChanged).toBeFalsy();
    expect(w.script.snapshot()).toEqual(before);
    expect(w.script.data.get(KEYS.domain('acme.de'))).toBe(RAW);
    expect(listOutbox(w.script.snapshot()).changes).toEqual([]);
  });

  it('writes no snooze over it either', () => {
    const w = damagedWorld();
    const response = flowOf(w).answerLater(event());
    expectRecordProblem(shownCard(response));
    expect(w.userStore().data.size).toBe(0);
    expect(w.script.data.get(KEYS.domain('acme.de'))).toBe(RAW);
  });
});

describe('flow: "Ask me later" and "Answer now"', () => {
  it('"Answer now" lifts the snooze: reopening the add-on shows the question', () => {
    const w = world();
    const flow = flowOf(w);
    const later = shownCard(flow.answerLater(event()));
    expect(flow.homepage(event()).name).toBe(LATER_CARD);
    const answered = flow.showQuestion(press(button(later, 'Answer now')));
    expect(shownCard(answered).name).toBe(QUESTION_CARD);
    expect(w.userStore().data.has(KEYS.userState)).toBe(false);
    expect(flow.homepage(event()).name).toBe(QUESTION_CARD);
    w.now = NOW + DAY_MS;
    expect(flow.homepage(event()).name).toBe(QUESTION_CARD);
  });

  it.each([
    ['a year ahead', NOW + 365 * DAY_MS],
    ['at the end of time', 8.64e15],
    ['a minute past the limit', NOW + 3 * DAY_MS + 60_000],
  ])('shows a snooze stored %s as at most three days away, and stores that bound back', (_, askAgainAt) => {
    const w = world();
    const flow = flowOf(w);
    w.userStore().data.set(KEYS.userState, JSON.stringify({ askAgainAt }));
    const card = flow.homepage(event());
    expect(card.name).toBe(LATER_CARD);
    expect(paragraphs(card)).toEqual(['No problem. We will ask again on 26 Nov 2026.']);
    expect(JSON.parse(w.userStore().data.get(KEYS.userState) ?? 'null')).toEqual({
      askAgainAt: NOW + 3 * DAY_MS,
    });

    // The bound does not move with the days: the question comes back when it says.
    w.now = NOW + 2 * DAY_MS;
    expect(paragraphs(flow.homepage(event()))).toEqual(['No problem. We will ask again on 26 Nov 2026.']);
    w.now = NOW + 3 * DAY_MS;
    expect(flow.homepage(event()).name).toBe(QUESTION_CARD);
  });

  it('stores nothing for a snooze within the limit', () => {
    const w = world();
    w.userStore().data.set(KEYS.userState, JSON.stringify({ askAgainAt: NOW + DAY_MS }));
    w.resetCalls();
    expect(flowOf(w).homepage(event()).name).toBe(LATER_CARD);
    expect(w.writes()).toBe(0);
  });

  it.each<[string, string]>([
    ['en', 'A colleague has already answered for acme.de, so there is nothing to postpone.'],
    ['de', 'Jemand aus Ihrem Team hat für acme.de bereits geantwortet, daher gibt es nichts aufzuschieben.'],
  ])(
    '"Ask me later" after a colleague answered shows the answer, with a notice, and snoozes nothing (%s)',
    (locale, notice) => {
      const w = world();
      const flow = flowOf(w);
      const question = flow.homepage(event({ locale }));
      w.email = 'ben@acme.de';
      flow.confirmReseller(event({ parameters: { domain: 'acme.de', resellerId: 'R-00001' } }));
      w.email = VIEWER;
      const response = flow.answerLater(press(buttonFor(question, ACTIONS.answerLater), {}, locale));
      expect(response.notification).toBe(notice);
      const card = shownCard(response);
      expect(card.name).toBe(STATUS_CARD);
      expect(readCard(card)).toContain('Müller IT GmbH');
      expect(w.userStore(VIEWER).data.size).toBe(0);
    },
  );
});

describe('flow: two colleagues confirming at once', () => {
  it.each<[string, string]>([
    [
      'en',
      'A colleague linked acme.de to Müller IT GmbH on 21 Nov 2026, so your choice was not saved. If that is wrong, request a change.',
    ],
    [
      'de',
      'Jemand aus Ihrem Team hat acme.de am 21.11.2026 mit Müller IT GmbH verknüpft, daher wurde Ihre Auswahl nicht gespeichert. Falls das falsch ist, fragen Sie eine Änderung an.',
    ],
  ])('tells the one who lost the race which reseller won, and since when (%s)', (locale, notice) => {
    const w = world();
    const flow = flowOf(w);
    const offered = shownCard(
      flow.chooseReseller(event({ parameters: { domain: 'acme.de', resellerId: 'R-00003' } })),
    );
    w.email = 'ben@acme.de';
    w.now = NOW - 2 * DAY_MS;
    flow.confirmReseller(event({ parameters: { domain: 'acme.de', resellerId: 'R-00001' } }));
    w.email = VIEWER;
    w.now = NOW;
    const response = flow.confirmReseller(press(primary(offered), {}, locale));
    expect(response.notification).toBe(notice);
    expect(response.stateChanged).toBe(false);
    expect(listOutbox(w.script.snapshot()).changes.map((c) => c.actorEmail)).toEqual(['ben@acme.de']);
  });
});

describe('flow: a reseller that changed before the user confirmed', () => {
  function offered(w: MemoryServices, query = 'müller'): CardModel {
    const results = shownCard(
      flowOf(w).searchResellers(
        event({ parameters: { domain: 'acme.de' }, form: { [FIELDS.resellerQuery]: query } }),
      ),
    );
    const choose = facts(results).find((f) => htmlToText(f.html) === MUELLER.name)?.button;
    if (!choose) throw new Error('Müller IT GmbH is not among the results');
    const card = shownCard(flowOf(w).chooseReseller(press(choose)));
    expect(card.name).toBe(CONFIRM_CARD);
    return card;
  }

  it.each(['suspended', 'rejected'] as const)(
    'goes back to the search, with the query kept, when the reseller was %s meanwhile',
    (status) => {
      const w = world();
      const card = offered(w, 'Müller IT');
      replaceDirectory(
        w.script,
        w.cache,
        w.lock,
        DEMO_RESELLERS.map((r) => (r.id === MUELLER.id ? { ...r, status } : r)),
        'v2',
      );
      w.resetCalls();
      const response = flowOf(w).confirmReseller(press(primary(card)));
      expect(response.navigation[0]).toEqual({ pop: true });
      expect(response.navigation).toHaveLength(2);
      const search = stepCard(response.navigation[1], 'update');
      expect(search.name).toBe(SEARCH_CARD);
      expect(textInput(search).value).toBe('Müller IT');
      expect(paragraphs(search).at(-1)).toBe(
        'This reseller can no longer be chosen. Nothing was changed: please search again.',
      );
      expect(w.writes()).toBe(0);
    },
  );

  it('goes back to the search when the reseller left the directory, even if the cache still offers it', () => {
    const w = world();
    const card = offered(w);
    writeDirectory(w.script, w.lock, DEMO_RESELLERS.slice(1), 'v2');
    const response = flowOf(w).confirmReseller(press(primary(card)));
    expect(response.navigation[0]).toEqual({ pop: true });
    expect(stepCard(response.navigation[1], 'update').name).toBe(SEARCH_CARD);
    expect(w.script.data.has(KEYS.domain('acme.de'))).toBe(false);
  });

  it('shows the confirm card again with the new name when the reseller was renamed, and saves only then', () => {
    const w = world();
    const card = offered(w);
    const renamed = { ...MUELLER, name: 'Müller Cloud Services GmbH' };
    replaceDirectory(
      w.script,
      w.cache,
      w.lock,
      DEMO_RESELLERS.map((r) => (r.id === MUELLER.id ? renamed : r)),
      'v2',
    );
    w.resetCalls();

    const response = flowOf(w).confirmReseller(press(primary(card)));
    expect(response.notification).toBe(
      "This reseller's details have changed since you chose it. Please check them and confirm again.",
    );
    expect(response.navigation).toHaveLength(1);
    const updated = stepCard(response.navigation[0], 'update');
    expect(updated.name).toBe(CONFIRM_CARD);
    expect(readCard(updated)).toContain(renamed.name);
    expect(readCard(updated)).not.toContain(MUELLER.name);
    expect(primary(updated).action.parameters).toMatchObject({ name: renamed.name, query: 'müller' });
    expect(w.writes()).toBe(0);

    const saved = flowOf(w).confirmReseller(press(primary(updated)));
    expect(saved.notification).toBe(`Saved: acme.de is now linked to ${renamed.name}.`);
    expect(readCard(shownCard(saved))).toContain(renamed.name);
  });

  it('shows the reseller’s current name on the status card: the record holds only its id', () => {
    const w = world();
    const flow = flowOf(w);
    flow.confirmReseller(press(primary(offered(w))));
    replaceDirectory(
      w.script,
      w.cache,
      w.lock,
      DEMO_RESELLERS.map((r) => (r.id === MUELLER.id ? { ...r, name: 'Müller Neu' } : r)),
      'v2',
    );
    expect(facts(flow.homepage(event())).map((f) => htmlToText(f.html))).toEqual(['Müller Neu']);
    replaceDirectory(w.script, w.cache, w.lock, DEMO_RESELLERS.slice(1), 'v3');
    expect(facts(flow.homepage(event())).map((f) => htmlToText(f.html))).toEqual([
      'A reseller that is no longer in our list (R-00001)',
    ]);
  });

  it('still shows a stored record whose reseller was suspended, by name', () => {
    const w = world();
    w.script.data.set(KEYS.domain('acme.de'), encodeAssignment(resellerAssignment('R-00024', VIEWER, NOW)));
    expect(facts(flowOf(w).homepage(event())).map((f) => htmlToText(f.html))).toEqual(['Fuchs Digital GmbH']);
  });
});

describe('flow: damaged shared data', () => {
  function damageDirectory(w: MemoryServices): void {
    const key = KEYS.directoryChunk(0);
    w.script.data.set(key, (w.script.data.get(key) ?? '').replace('GmbH', 'GmbX'));
  }

  const directoryNotice = `The list of resellers cannot be read right now, so nothing was saved. Our support team has been told. Please try again later, or write to them at ${SUPPORT_EMAIL}.`;

  it('saves no reseller it cannot check against the directory, and says whom to write to', () => {
    const w = world();
    damageDirectory(w);
    const flow = flowOf(w);
    const confirm = event({ parameters: { domain: 'acme.de', resellerId: 'R-00001', name: MUELLER.name } });
    expect(flow.confirmReseller(confirm)).toEqual({ navigation: [], notification: directoryNotice });
    expect(flow.chooseReseller(confirm)).toEqual({ navigation: [], notification: directoryNotice });
    expect(w.script.data.has(KEYS.domain('acme.de'))).toBe(false);
    expect(log.error).toHaveBeenCalled();
  });

  it('says on the search card that nothing can be searched when no index can be had', () => {
    const w = world();
    damageDirectory(w);
    w.cache.data.clear();
    const flow = flowOf(w);
    const card = shownCard(
      flow.searchResellers(
        event({ parameters: { domain: 'acme.de' }, form: { [FIELDS.resellerQuery]: 'müller' } }),
      ),
    );
    expect(card.name).toBe(SEARCH_CARD);
    expect(paragraphs(card).at(-1)).toMatch(/^The list of resellers cannot be read right now/);
    expect(mailtoLinks(card)).toEqual([SUPPORT_EMAIL]);
    expect(facts(card)).toEqual([]);
    expect(flow.suggestResellers(event({ form: { [FIELDS.resellerQuery]: 'müller' } }))).toEqual([]);
    expect(w.cache.data.size).toBe(0);
  });

  it('keeps searching the cached index while the directory cannot be read', () => {
    const w = world();
    damageDirectory(w);
    const card = shownCard(
      flowOf(w).searchResellers(
        event({ parameters: { domain: 'acme.de' }, form: { [FIELDS.resellerQuery]: 'müller' } }),
      ),
    );
    expect(facts(card).map((f) => htmlToText(f.html))).toContain(MUELLER.name);
  });

  const storeDamaged = `We cannot save anything right now because some of our stored data needs repair. Nothing was changed. Please write to our support team at ${SUPPORT_EMAIL}.`;

  it('refuses to save an answer, and changes nothing, when the commit counter is damaged', () => {
    const w = world();
    w.script.data.set(KEYS.sequence, 'x!');
    const before = w.script.snapshot();
    const flow = flowOf(w);
    const responses: ActionResponseModel[] = [
      flow.answerDirect(event()),
      flow.confirmReseller(event({ parameters: { domain: 'acme.de', resellerId: 'R-00003' } })),
    ];
    for (const response of responses)
      expect(response).toEqual({ navigation: [], notification: storeDamaged });
    expect(w.script.snapshot()).toEqual(before);
    expect(log.error).toHaveBeenCalled();
  });

  it('refuses to send a change request, and changes nothing, when the commit counter is damaged', () => {
    const w = world();
    w.script.data.set(
      KEYS.domain('acme.de'),
      encodeAssignment(resellerAssignment('R-00001', VIEWER, NOW - DAY_MS)),
    );
    w.script.data.set(KEYS.sequence, '');
    const before = w.script.snapshot();
    const response = flowOf(w).submitChangeRequest(
      event({
        parameters: { domain: 'acme.de' },
        form: { [FIELDS.changeReason]: 'Please switch to Schäfer Cloud AG.' },
      }),
    );
    expect(response).toEqual({ navigation: [], notification: storeDamaged });
    expect(w.script.snapshot()).toEqual(before);
  });
});
