/**
 * The screens' card models, without Apps Script. Messages and escaping are in i18n.test.ts; the flow
 * on in-memory services in flow.test.ts and flow-integrity.test.ts.
 */
import {
  supportHomeCard,
  supportOrganisationCard,
  SUPPORT_ORGANISATION_CARD,
} from '../../src/ui/support/cards';
import { directAssignment, resellerAssignment, type Assignment } from '../../src/domain/assignment';
import type { Reseller } from '../../src/domain/reseller';
import { labelFor, type SearchMatch } from '../../src/domain/search';
import { ACTIONS, FIELDS } from '../../src/ui/actions';
import type { CardModel } from '../../src/cards/card-model';
import type { Html } from '../../src/cards/html';
import { CATALOGUES, type Language } from '../../src/ui/i18n';
import {
  HIDDEN_CARD,
  hiddenAccountCard,
  PERSONAL_CARD,
  personalAccountCard,
} from '../../src/ui/customer/account';
import { CHANGE_REQUEST_CARD, changeRequestCard } from '../../src/ui/customer/change-request';
import { CONFIRM_CARD, confirmCard } from '../../src/ui/customer/confirm';
import { LATER_CARD, laterCard } from '../../src/ui/customer/later';
import { MESSAGE_CARD, messageCard } from '../../src/ui/customer/message';
import { QUESTION_CARD, questionCard } from '../../src/ui/customer/question';
import { RECORD_PROBLEM_CARD, recordProblemCard } from '../../src/ui/customer/record-problem';
import { SEARCH_CARD, searchCard, type SearchOutcome } from '../../src/ui/customer/search';
import { STATUS_CARD, statusCard } from '../../src/ui/customer/status';
import { unavailableCard } from '../../src/ui/customer/unavailable';
import { supportUnavailableCard } from '../../src/ui/support/unavailable';
import { createView, type View } from '../../src/ui/view';
import { RESELLER_CARD } from '../../src/ui/reseller/cards';
import { resellerRoomCards } from '../support/reseller-cards';
import { supportProgrammeCards } from '../support/programme-cards';
import { HELP_CARD, helpCard, missingScopesCard } from '../../src/ui/install/cards';
import {
  APPLICANT_ACCOUNT_CARD,
  APPLICATION_FORM_CARD,
  APPLICATION_LINKED_CARD,
  EMPTY_INPUT,
  applicantAccountCard,
  applicationFormCard,
  applicationStatusCard,
  linkedDomainCard,
} from '../../src/ui/applicant/cards';
import { SCOPES } from '../../src/domain/scopes';
import {
  actionsOf,
  button,
  buttonsOf,
  facts,
  htmlFieldsOf,
  htmlToText,
  mailtoLinks,
  paragraphs,
  readCard,
  textInput,
  unsafeHtmlOf,
  widgetsOf,
} from '../support/memory-ports';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Monday 23 Nov 2026, 09:30 UTC. */
const NOW = Date.UTC(2026, 10, 23, 9, 30, 0);
const LANGUAGES: readonly Language[] = ['en', 'de'];
const ACTION_NAMES: ReadonlySet<string> = new Set(Object.values(ACTIONS));
const SUPPORT = 'help@reseller-connect.example';

const HOSTILE_NAME = '<b>Bold</b> & Co';
const HOSTILE_NAME_ESCAPED = '&lt;b&gt;Bold&lt;/b&gt; &amp; Co';

const MUELLER: Reseller = {
  id: 'R-00001',
  name: 'Müller IT GmbH',
  domain: 'mueller-it.de',
  country: 'DE',
  status: 'approved',
};
const BOLD: Reseller = {
  id: 'R-00017',
  name: HOSTILE_NAME,
  domain: 'bold-it.de',
  country: 'DE',
  status: 'approved',
};
const CLOUD_GB: Reseller = {
  id: 'R-00013',
  name: 'CloudNative Partners Ltd',
  domain: 'cloudnative.co.uk',
  country: 'GB',
  status: 'approved',
};
const FAR_AWAY: Reseller = {
  id: 'R-00099',
  name: 'Tokyo Cloud KK',
  domain: 'tokyo.jp',
  country: 'JP',
  status: 'approved',
};

function match(reseller: Reseller, duplicate = false): SearchMatch {
  return { reseller, label: labelFor(reseller, duplicate), duplicate, tier: 'prefix', rank: 0 };
}

const VIEWER = 'anna@acme.de';
const views: Record<Language, View> = { en: createView('en', {}), de: createView('de', {}) };

function expectSafeHtml(card: CardModel): void {
  expect(unsafeHtmlOf(card)).toEqual([]);
}

describe('createView', () => {
  it('speaks the language and formats dates in the given time zone', () => {
    const view = createView('de', { offsetMs: 2 * HOUR_MS });
    expect(view.language).toBe('de');
    expect(view.t('common.back')).toBe('Zurück');
    expect(view.date(Date.UTC(2026, 10, 23, 23, 0))).toBe('24.11.2026');
  });
});

describe('question card', () => {
  it('asks about the organisation and offers the three answers (English)', () => {
    const card = questionCard(views.en, 'acme.de');
    expect(card.name).toBe(QUESTION_CARD);
    expect(card.title).toBe('Do you have a reseller?');
    expect(card.subtitle).toBe('acme.de');
    expect(paragraphs(card)[0]).toMatch(/^Does acme\.de buy Google Workspace through a reseller\?/);
    expect(button(card, 'I have a Google Workspace reseller')).toEqual({
      text: 'I have a Google Workspace reseller',
      action: { functionName: ACTIONS.answerHasReseller, parameters: { domain: 'acme.de' } },
      filled: true,
    });
    // Every answer names the organisation it was asked for, so a stale card cannot answer for another.
    expect(button(card, 'No, we buy directly').action).toEqual({
      functionName: ACTIONS.answerDirect,
      parameters: { domain: 'acme.de' },
      spinner: true,
    });
    expect(button(card, 'Ask me later').action).toEqual({
      functionName: ACTIONS.answerLater,
      parameters: { domain: 'acme.de' },
    });
    expect(buttonsOf(card).filter((b) => b.filled)).toHaveLength(1);
    // For a user who installed the add-on alone: what their admin does, on the Help card.
    expect(button(card, 'Colleagues don’t have Reseller Connect?').action).toEqual({
      functionName: ACTIONS.showHelp,
    });
  });

  it('asks in German', () => {
    const card = questionCard(views.de, 'acme.de');
    expect(card.title).toBe('Haben Sie einen Reseller?');
    expect(readCard(card)).toContain('Kauft acme.de Google Workspace über einen Reseller?');
    expect(buttonsOf(card).map((b) => b.text)).toEqual([
      'Ich habe einen Google Workspace-Reseller',
      'Nein, wir kaufen direkt',
      'Später fragen',
      'Code verwenden',
      'Kollegen haben Reseller Connect nicht?',
    ]);
  });
});

describe('later card', () => {
  const askAgainAt = NOW + 3 * DAY_MS;

  it.each<[Language, string, string]>([
    ['en', 'Maybe later', 'No problem. We will ask again on 26 Nov 2026.'],
    ['de', 'Vielleicht später', 'Kein Problem. Wir fragen am 26.11.2026 noch einmal.'],
  ])('says when it will ask again (%s)', (language, title, text) => {
    const card = laterCard(views[language], askAgainAt);
    expect(card.name).toBe(LATER_CARD);
    expect(card.title).toBe(title);
    expect(paragraphs(card)).toEqual([text]);
    expect(actionsOf(card)).toEqual([{ functionName: ACTIONS.showQuestion }]);
  });

  it('shows the date in the user’s time zone', () => {
    const lateEvening = Date.UTC(2026, 10, 26, 23, 30);
    expect(paragraphs(laterCard(createView('en', { offsetMs: 2 * HOUR_MS }), lateEvening))).toEqual([
      'No problem. We will ask again on 27 Nov 2026.',
    ]);
  });
});

describe('search card', () => {
  const results = (query: string, matches: SearchMatch[], capped = false): SearchOutcome => ({
    kind: 'results',
    query,
    matches,
    capped,
  });

  it('shows the search box, whose typeahead and change action carry the organisation, and no footer', () => {
    const card = searchCard(views.en, 'acme.de', 'mül', { kind: 'none' }, () => SUPPORT);
    expect(card.name).toBe(SEARCH_CARD);
    expect(card.title).toBe('Find your reseller');
    expect(card.subtitle).toBe('acme.de');
    // The search, and the invitation code field.
    expect(card.sections).toHaveLength(2);
    expect(textInput(card)).toEqual({
      kind: 'textInput',
      name: FIELDS.resellerQuery,
      label: "Reseller's name",
      hint: 'For example: Müller IT',
      value: 'mül',
      suggestions: { functionName: ACTIONS.suggestResellers },
      // No spinner on the change action: it would swallow the click on Search that blurred the field.
      onChange: { functionName: ACTIONS.pickReseller, parameters: { domain: 'acme.de' } },
    });
    expect(button(card, 'Search')).toEqual({
      text: 'Search',
      action: { functionName: ACTIONS.searchResellers, parameters: { domain: 'acme.de' }, spinner: true },
      filled: true,
    });
    // Gmail's header arrow goes back; a fixed footer's filled primary would have to be the main action.
    expect(card.footer).toBeUndefined();
    expect(buttonsOf(card).map((b) => b.text)).not.toContain('Back');
  });

  it('shows a problem in bold, escaped', () => {
    const card = searchCard(
      views.en,
      'acme.de',
      'a',
      { kind: 'problem', message: 'Too <short> & bad' },
      () => SUPPORT,
    );
    expect(card.sections).toHaveLength(3);
    expect(card.sections[1]?.widgets).toEqual([
      { kind: 'paragraph', html: '<b>Too &lt;short&gt; &amp; bad</b>' },
    ]);
  });

  it.each<[Language, string, string]>([
    ['en', '2 resellers match “it”', 'mueller-it.de (Germany)'],
    ['de', '2 Reseller passen zu „it“', 'mueller-it.de (Deutschland)'],
  ])(
    'lists the matches with a Choose button each, carrying the query (%s)',
    (language, header, bottomLabel) => {
      const card = searchCard(
        views[language],
        'acme.de',
        'it',
        results('it', [match(MUELLER), match(CLOUD_GB)]),
        () => SUPPORT,
      );
      const section = card.sections[1];
      expect(section?.header && htmlToText(section.header)).toBe(header);
      const shown = facts(card);
      expect(shown.map((f) => htmlToText(f.html))).toEqual(['Müller IT GmbH', 'CloudNative Partners Ltd']);
      expect(shown[0]?.bottomLabel).toBe(bottomLabel);
      expect(shown[0]?.button?.action).toEqual({
        functionName: ACTIONS.chooseReseller,
        parameters: { resellerId: 'R-00001', domain: 'acme.de', query: 'it' },
      });
      expect(shown[1]?.button?.action.parameters).toEqual({
        resellerId: 'R-00013',
        domain: 'acme.de',
        query: 'it',
      });
      expect(paragraphs(card).some((p) => p.includes('10'))).toBe(false);
    },
  );

  it('uses the singular for one match', () => {
    const outcome = results('müller', [match(MUELLER)]);
    const header = (language: Language): string =>
      htmlToText(
        searchCard(views[language], 'acme.de', 'müller', outcome, () => SUPPORT).sections[1]?.header ??
          ('' as Html),
      );
    expect(header('en')).toBe('1 reseller matches “müller”');
    expect(header('de')).toBe('1 Reseller passt zu „müller“');
  });

  it('shows the country code when it has no name for the country', () => {
    const card = searchCard(views.en, 'acme.de', 'tokyo', results('tokyo', [match(FAR_AWAY)]), () => SUPPORT);
    expect(facts(card)[0]?.bottomLabel).toBe('tokyo.jp (JP)');
  });

  it.each<[Language, string]>([
    ['en', 'Only the best 10 matches are shown. Type more of the name to narrow them down.'],
    [
      'de',
      'Es werden nur die 10 besten Treffer angezeigt. Geben Sie mehr vom Namen ein, um die Auswahl einzugrenzen.',
    ],
  ])('says when the list is capped (%s)', (language, note) => {
    const matches = Array.from({ length: 10 }, (_, i) =>
      match({ ...MUELLER, id: `R-1000${i}`, name: `Cloud ${i}` }),
    );
    const card = searchCard(
      views[language],
      'acme.de',
      'cloud',
      results('cloud', matches, true),
      () => SUPPORT,
    );
    expect(facts(card)).toHaveLength(10);
    expect(paragraphs(card).at(-1)).toBe(note);
  });

  it.each<[Language, string, string]>([
    ['en', 'No match for “zzz”', 'Check the spelling'],
    ['de', 'Kein Treffer für „zzz“', 'Prüfen Sie die Schreibweise'],
  ])('explains what to do when nothing matches, with a link to support (%s)', (language, header, advice) => {
    const card = searchCard(views[language], 'acme.de', 'zzz', results('zzz', []), () => SUPPORT);
    expect(htmlToText(card.sections[1]?.header ?? ('' as Html))).toBe(header);
    expect(paragraphs(card).at(-1)).toMatch(new RegExp(`^${advice}.*${SUPPORT.replace(/\./g, '\\.')}`));
    expect(mailtoLinks(card)).toEqual([SUPPORT]);
    expect(facts(card)).toEqual([]);
  });

  it.each<[Language, string]>([
    ['en', 'The list of resellers cannot be read right now'],
    ['de', 'Die Liste der Reseller kann gerade nicht gelesen werden'],
  ])('says when the list of resellers cannot be read, with a link to support (%s)', (language, start) => {
    const card = searchCard(views[language], 'acme.de', 'müller', { kind: 'unavailable' }, () => SUPPORT);
    expect(paragraphs(card).at(-1)?.startsWith(start)).toBe(true);
    expect(mailtoLinks(card)).toEqual([SUPPORT]);
    expect(facts(card)).toEqual([]);
    expect(textInput(card).value).toBe('müller');
  });

  it('escapes what the user typed in the no-results header', () => {
    const card = searchCard(views.en, 'acme.de', '<i>x', results('<i>x', []), () => SUPPORT);
    expect(card.sections[1]?.header).toBe('No match for “&lt;i&gt;x”');
    expect(textInput(card).value).toBe('<i>x');
  });
});

describe('confirm card', () => {
  it.each<[Language, string, string[], string, string]>([
    [
      'en',
      'Confirm your reseller',
      ['Reseller', 'Web domain', 'Country'],
      'Link acme.de to this reseller:',
      'Share contacts now',
    ],
    [
      'de',
      'Reseller bestätigen',
      ['Reseller', 'Web-Domain', 'Land'],
      'acme.de mit diesem Reseller verknüpfen:',
      'Kontakte jetzt freigeben',
    ],
  ])('shows the reseller and what the app may do (%s)', (language, title, labels, intro, share) => {
    const card = confirmCard(views[language], 'acme.de', MUELLER, 'mül');
    expect(card.name).toBe(CONFIRM_CARD);
    expect(card.title).toBe(title);
    expect(paragraphs(card)[0]).toBe(intro);
    expect(facts(card).map((f) => [f.label, htmlToText(f.html)])).toEqual([
      [labels[0], 'Müller IT GmbH'],
      [labels[1], 'mueller-it.de'],
      [labels[2], language === 'en' ? 'Germany' : 'Deutschland'],
    ]);
    expect(paragraphs(card)[1]).toContain('Müller IT GmbH');
    expect(card.footer?.primary).toEqual({
      text: share,
      action: {
        functionName: ACTIONS.confirmReseller,
        parameters: { resellerId: 'R-00001', domain: 'acme.de', name: 'Müller IT GmbH', query: 'mül' },
        spinner: true,
      },
      filled: true,
    });
    expect(card.footer?.secondary?.action).toEqual({ functionName: ACTIONS.goBack });
  });

  it('carries the name the user is shown, exactly, so that confirming can check it', () => {
    const card = confirmCard(views.en, 'acme.de', BOLD, HOSTILE_NAME);
    expect(card.footer?.primary.action.parameters).toEqual({
      resellerId: 'R-00017',
      domain: 'acme.de',
      name: HOSTILE_NAME,
      query: HOSTILE_NAME,
    });
  });

  it('has a section header for the permissions', () => {
    expect(confirmCard(views.en, 'acme.de', MUELLER, '').sections[1]?.header).toBe('What the app may do');
    expect(confirmCard(views.de, 'acme.de', MUELLER, '').sections[1]?.header).toBe('Was die App darf');
  });
});

describe('status card', () => {
  const since = NOW - 2 * DAY_MS; // 21 Nov 2026
  const byViewer = resellerAssignment(MUELLER.id, VIEWER, since);

  it.each<[Language, string, string, string]>([
    ['en', 'Your reseller', 'acme.de buys Google Workspace through:', 'Since 21 Nov 2026 · Set by you'],
    ['de', 'Ihr Reseller', 'acme.de kauft Google Workspace über:', 'Seit 21.11.2026 · Von Ihnen festgelegt'],
  ])(
    'shows the organisation’s reseller, by the name given, and who set it (%s)',
    (language, title, intro, bottom) => {
      const card = statusCard(views[language], 'acme.de', VIEWER, byViewer, { name: MUELLER.name });
      expect(card.name).toBe(STATUS_CARD);
      expect(card.title).toBe(title);
      expect(paragraphs(card)).toEqual([intro]);
      expect(facts(card).map((f) => [htmlToText(f.html), f.bottomLabel])).toEqual([
        ['Müller IT GmbH', bottom],
      ]);
      expect(actionsOf(card)).toEqual([
        { functionName: ACTIONS.showChangeRequest, parameters: { domain: 'acme.de' } },
      ]);
    },
  );

  it.each<[Language, string]>([
    ['en', 'A reseller that is no longer in our list (R-00001)'],
    ['de', 'Ein Reseller, der nicht mehr in unserer Liste steht (R-00001)'],
  ])('names the reseller by its id when the directory no longer has it (%s)', (language, text) => {
    const card = statusCard(views[language], 'acme.de', VIEWER, byViewer, { unknown: 'removed' });
    expect(htmlToText(facts(card)[0]?.html ?? ('' as Html))).toBe(text);
    expect(actionsOf(card).map((a) => a.functionName)).toEqual([ACTIONS.showChangeRequest]);
  });

  it.each<[Language, 'colleague' | 'support', string]>([
    ['en', 'colleague', 'Set by a colleague'],
    ['en', 'support', 'Set by our support team'],
    ['de', 'colleague', 'Von einer Kollegin oder einem Kollegen festgelegt'],
    ['de', 'support', 'Von unserem Support-Team festgelegt'],
  ])('says who set it (%s, %s)', (language, who, text) => {
    const record: Assignment = who === 'support' ? { ...byViewer, source: 'support' } : byViewer;
    const viewer = who === 'colleague' ? 'ben@acme.de' : VIEWER;
    expect(
      facts(statusCard(views[language], 'acme.de', viewer, record, { name: MUELLER.name }))[0]?.bottomLabel,
    ).toMatch(new RegExp(`· ${text}$`));
  });

  it.each<[Language, string]>([
    ['en', 'Change requested on 22 Nov 2026. Our support team will get back to you.'],
    ['de', 'Änderung am 22.11.2026 angefragt. Unser Support-Team meldet sich bei Ihnen.'],
  ])('shows a pending change request instead of the button (%s)', (language, pending) => {
    const record = { ...byViewer, changeRequestedAt: NOW - DAY_MS };
    const card = statusCard(views[language], 'acme.de', VIEWER, record, { name: MUELLER.name });
    expect(paragraphs(card)[1]).toBe(pending);
    expect(buttonsOf(card)).toEqual([]);
  });

  it.each<[Language, string, string, string]>([
    [
      'en',
      'acme.de buys Google Workspace directly, without a reseller.',
      'Since 21 Nov 2026',
      'We have a reseller',
    ],
    [
      'de',
      'acme.de kauft Google Workspace direkt, ohne Reseller.',
      'Seit 21.11.2026',
      'Wir haben einen Reseller',
    ],
  ])('shows a direct purchase with a way to add a reseller (%s)', (language, intro, sinceText, add) => {
    const card = statusCard(
      views[language],
      'acme.de',
      'ben@acme.de',
      directAssignment(VIEWER, since),

      { unknown: 'removed' },
    );
    expect(paragraphs(card)).toEqual([intro]);
    expect(facts(card).map((f) => [htmlToText(f.html), f.bottomLabel])).toEqual([
      [
        sinceText,
        language === 'en' ? 'Set by a colleague' : 'Von einer Kollegin oder einem Kollegen festgelegt',
      ],
    ]);
    expect(button(card, add).action).toEqual({ functionName: ACTIONS.answerHasReseller });
  });
});

describe('change request card', () => {
  it.each<[Language, string, string, string, string]>([
    ['en', 'Request a change', 'What should change?', 'At least 10 characters', 'Send request'],
    ['de', 'Änderung anfragen', 'Was soll sich ändern?', 'Mindestens 10 Zeichen', 'Anfrage senden'],
  ])('asks what should change (%s)', (language, title, label, hint, send) => {
    const card = changeRequestCard(views[language], 'acme.de');
    expect(card.name).toBe(CHANGE_REQUEST_CARD);
    expect(card.title).toBe(title);
    expect(paragraphs(card)).toHaveLength(1);
    expect(textInput(card)).toEqual({
      kind: 'textInput',
      name: FIELDS.changeReason,
      label,
      hint,
      value: '',
      multiline: true,
    });
    expect(card.footer?.primary).toEqual({
      text: send,
      action: { functionName: ACTIONS.submitChangeRequest, parameters: { domain: 'acme.de' }, spinner: true },
      filled: true,
    });
    expect(card.footer?.secondary?.action).toEqual({ functionName: ACTIONS.goBack });
  });

  it('shows the problem in bold above the kept text', () => {
    const card = changeRequestCard(views.en, 'acme.de', 'too <short>', 'Please write a little more & again');
    expect(widgetsOf(card)[1]).toEqual({
      kind: 'paragraph',
      html: '<b>Please write a little more &amp; again</b>',
    });
    expect(textInput(card).value).toBe('too <short>');
  });
});

describe('record problem card', () => {
  it.each<[Language, string]>([
    ['en', 'Your organisation needs our support'],
    ['de', 'Ihre Organisation braucht unseren Support'],
  ])('sends the user to support, by a mailto link, and offers nothing to write (%s)', (language, title) => {
    const card = recordProblemCard(views[language], 'acme.de', SUPPORT);
    expect(card.name).toBe(RECORD_PROBLEM_CARD);
    expect(card.title).toBe(title);
    expect(card.subtitle).toBe('acme.de');
    expect(paragraphs(card)).toEqual([
      CATALOGUES[language]['recordProblem.text'].replace('{domain}', 'acme.de').replace('{support}', SUPPORT),
    ]);
    expect(mailtoLinks(card)).toEqual([SUPPORT]);
    expect(actionsOf(card)).toEqual([]);
  });
});

describe('account cards', () => {
  it.each<[Language, string, string]>([
    ['en', 'Personal account', 'You are signed in with a personal Google account (me@gmail.com).'],
    ['de', 'Privates Konto', 'Sie sind mit einem privaten Google-Konto angemeldet (me@gmail.com).'],
  ])('explains a personal account (%s)', (language, title, start) => {
    const card = personalAccountCard(views[language], 'me@gmail.com');
    expect(card.name).toBe(PERSONAL_CARD);
    expect(card.title).toBe(title);
    expect(paragraphs(card)[0]?.startsWith(start)).toBe(true);
    expect(actionsOf(card)).toEqual([]);
  });

  it.each<[Language, string]>([
    ['en', 'We cannot see your account'],
    ['de', 'Wir können Ihr Konto nicht sehen'],
  ])('explains a hidden account, with a link to support (%s)', (language, title) => {
    const card = hiddenAccountCard(views[language], SUPPORT);
    expect(card.name).toBe(HIDDEN_CARD);
    expect(card.title).toBe(title);
    expect(paragraphs(card)[0]).toBe(CATALOGUES[language]['hidden.text'].replace('{support}', SUPPORT));
    expect(mailtoLinks(card)).toEqual([SUPPORT]);
    expect(actionsOf(card)).toEqual([]);
  });

  it('escapes the address in the personal card', () => {
    const card = personalAccountCard(views.en, '<me>&co@gmail.com');
    expect(htmlFieldsOf(card)[0]).toContain('(&lt;me&gt;&amp;co@gmail.com)');
  });

  it('message card shows the text under the app name', () => {
    expect(messageCard(views.de, 'Etwas <ist> passiert')).toEqual({
      name: MESSAGE_CARD,
      title: 'Reseller Connect',
      sections: [{ widgets: [{ kind: 'paragraph', html: 'Etwas &lt;ist&gt; passiert' }] }],
    });
  });
});

describe('every card', () => {
  const boldRecord = resellerAssignment(BOLD.id, VIEWER, NOW);
  const hostileDomain = `a&b<c>.de`;
  const hostileSupport = 'help"><b>x</b>@example.com';

  function allCards(view: View, support = SUPPORT): CardModel[] {
    const search = (outcome: SearchOutcome): CardModel =>
      searchCard(view, hostileDomain, HOSTILE_NAME, outcome, () => support);
    return [
      questionCard(view, hostileDomain),
      laterCard(view, NOW),
      search({ kind: 'none' }),
      search({ kind: 'problem', message: HOSTILE_NAME }),
      search({ kind: 'unavailable' }),
      search({
        kind: 'results',
        query: HOSTILE_NAME,
        matches: [match(BOLD), match(MUELLER, true)],
        capped: true,
      }),
      search({ kind: 'results', query: HOSTILE_NAME, matches: [], capped: false }),
      confirmCard(view, hostileDomain, BOLD, HOSTILE_NAME),
      statusCard(view, hostileDomain, VIEWER, boldRecord, { name: BOLD.name }),
      statusCard(view, hostileDomain, VIEWER, boldRecord, { unknown: 'removed' }),
      statusCard(
        view,
        hostileDomain,
        'ben@acme.de',
        { ...boldRecord, changeRequestedAt: NOW },
        { name: BOLD.name },
      ),
      statusCard(
        view,
        hostileDomain,
        VIEWER,
        { ...directAssignment(VIEWER, NOW), source: 'support' },

        { unknown: 'removed' },
      ),
      changeRequestCard(view, hostileDomain, HOSTILE_NAME, HOSTILE_NAME),
      recordProblemCard(view, hostileDomain, support),
      personalAccountCard(view, `${HOSTILE_NAME}@gmail.com`),
      hiddenAccountCard(view, support),
      messageCard(view, HOSTILE_NAME),
      supportHomeCard(
        view,
        {
          lastRunAt: NOW,
          late: false,
          waiting: 3,
          fillPercent: 85,
          openRequests: [{ domain: hostileDomain, since: NOW }],
        },
        HOSTILE_NAME,
      ),
      supportHomeCard(view, { late: false, waiting: 0, fillPercent: 10, openRequests: [] }),
      supportOrganisationCard(
        view,
        hostileDomain,
        {
          kind: 'ok',
          record: boldRecord,
          resellerName: HOSTILE_NAME,
          organisation: `${hostileDomain}.example`,
          links: [hostileDomain],
        },
        {
          query: HOSTILE_NAME,
          reason: HOSTILE_NAME,
          problem: HOSTILE_NAME,
        },
      ),
      supportOrganisationCard(view, hostileDomain, { kind: 'none' }),
      supportOrganisationCard(view, hostileDomain, {
        kind: 'ok',
        record: { ...boldRecord, changeRequestedAt: NOW },
        resellerName: HOSTILE_NAME,
        organisation: hostileDomain,
        links: [`a.${hostileDomain}`],
      }),
      statusCard(
        view,
        hostileDomain,
        VIEWER,
        { ...boldRecord, answer: { state: 'rejected', at: NOW, text: HOSTILE_NAME } },
        { name: BOLD.name },
      ),
      supportOrganisationCard(view, hostileDomain, { kind: 'unreadable' }),
      missingScopesCard(view, [SCOPES.email, `https://example.com/${HOSTILE_NAME}`], true),
      missingScopesCard(view, [SCOPES.message], false),
      helpCard(view, support),
      applicationFormCard(view, hostileDomain, {
        input: { ...EMPTY_INPUT, company: HOSTILE_NAME, message: HOSTILE_NAME },
        problems: { company: HOSTILE_NAME },
      }),
      applicantAccountCard(view, { kind: 'hidden', supportEmail: support }),
      applicationStatusCard(
        view,
        hostileDomain,
        { resellerId: '', status: 'applied', member: hostileDomain },
        () => support,
      ),
      linkedDomainCard(view, hostileDomain, `${hostileDomain}.example`, support),
      ...resellerRoomCards(view, hostileDomain, hostileDomain, support, NOW),
      ...supportProgrammeCards(view, hostileDomain, HOSTILE_NAME, NOW),
      // The store unavailable (issue 11): the customer's notice and support's explanation.
      unavailableCard(view),
      unavailableCard(view, true),
      ...(['credentials', 'configuration', 'overloaded', 'unreachable'] as const).map((reason) =>
        supportUnavailableCard(view, {
          reason,
          detail: HOSTILE_NAME,
          outcomeUnknown: reason === 'overloaded',
        }),
      ),
    ];
  }

  it.each(LANGUAGES)(
    'only refers to functions the bundle exports, and uses every card action (%s)',
    (language) => {
      const used = new Set<string>();
      for (const card of allCards(views[language])) {
        for (const action of actionsOf(card)) {
          expect(ACTION_NAMES).toContain(action.functionName);
          used.add(action.functionName);
        }
      }
      // The manifest names these (the homepage trigger, the Help universal action); the
      // missing-permission card's "Try again" runs the homepage too.
      expect([...used].sort()).toEqual(
        [...ACTION_NAMES].filter((name) => name !== ACTIONS.help && name !== ACTIONS.becomeReseller).sort(),
      );
    },
  );

  it.each(LANGUAGES)('only ever puts escaped outside text into Html fields (%s)', (language) => {
    for (const card of allCards(views[language])) expectSafeHtml(card);
    for (const card of allCards(views[language], hostileSupport)) expectSafeHtml(card);
  });

  it.each(LANGUAGES)(
    'links a hostile support address as the exact address, never as markup (%s)',
    (language) => {
      const linked = allCards(views[language], hostileSupport).filter((card) => mailtoLinks(card).length > 0);
      expect(linked.map((card) => card.name).sort()).toEqual(
        [
          HIDDEN_CARD,
          RECORD_PROBLEM_CARD,
          SEARCH_CARD,
          SEARCH_CARD,
          HELP_CARD,
          RESELLER_CARD,
          APPLICANT_ACCOUNT_CARD,
          APPLICATION_LINKED_CARD,
        ].sort(),
      );
      for (const card of linked) {
        expect(mailtoLinks(card)).toEqual([hostileSupport]);
        expect(readCard(card)).toContain(hostileSupport);
      }
    },
  );

  it.each(LANGUAGES)(
    'shows a hostile reseller name escaped, and as the exact text to the reader (%s)',
    (language) => {
      const view = views[language];
      const withName = [
        searchCard(
          view,
          'acme.de',
          'bold',
          { kind: 'results', query: 'bold', matches: [match(BOLD)], capped: false },
          () => SUPPORT,
        ),
        confirmCard(view, 'acme.de', BOLD, 'bold'),
        statusCard(view, 'acme.de', VIEWER, boldRecord, { name: BOLD.name }),
      ];
      for (const card of withName) {
        const fields = htmlFieldsOf(card);
        expect(fields.some((f) => f.includes(HOSTILE_NAME_ESCAPED))).toBe(true);
        for (const field of fields) expect(field).not.toContain('<b>Bold</b>');
        expect(readCard(card)).toContain(HOSTILE_NAME);
      }
    },
  );

  it.each(LANGUAGES)(
    'has a title, at least one section, and the organisation as subtitle where there is one (%s)',
    (language) => {
      for (const card of allCards(views[language])) {
        expect(card.title.trim()).not.toBe('');
        expect(card.sections.length).toBeGreaterThan(0);
        // Gmail already shows the add-on's name above every card; the subtitle names the organisation.
        expect(card.subtitle === undefined || card.subtitle === hostileDomain).toBe(true);
      }
    },
  );

  it.each(LANGUAGES)(
    'has, with a footer, a filled primary button that is the main action, not "Back" (%s)',
    (language) => {
      const view = views[language];
      const withFooter = allCards(view).filter((card) => card.footer !== undefined);
      expect([...new Set(withFooter.map((card) => card.name))].sort()).toEqual(
        [CHANGE_REQUEST_CARD, CONFIRM_CARD, SUPPORT_ORGANISATION_CARD, APPLICATION_FORM_CARD].sort(),
      );
      for (const card of withFooter) {
        const { primary, secondary } = card.footer ?? { primary: undefined };
        expect([card.name, primary?.filled]).toEqual([card.name, true]);
        expect(primary?.text).not.toBe(view.t('common.back'));
        expect(primary?.action.functionName).not.toBe(ACTIONS.goBack);
        expect(secondary?.filled).toBeFalsy();
      }
      for (const card of allCards(view).filter((c) => c.name === SEARCH_CARD))
        expect(card.footer).toBeUndefined();
    },
  );

  it.each(LANGUAGES)('never shows an unfilled placeholder (%s)', (language) => {
    for (const card of allCards(views[language])) expect(readCard(card)).not.toMatch(/\{\w+\}/);
  });
});
