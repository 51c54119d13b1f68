/** The UI without Apps Script: messages, HTML escaping, the screens' card models and the flow. */
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import { emailFingerprint } from '../../src/domain/account';
import { directAssignment, resellerAssignment, type Assignment } from '../../src/domain/assignment';
import type { Reseller } from '../../src/domain/reseller';
import { displayLabel, type SearchMatch } from '../../src/domain/search';
import { writeDirectory } from '../../src/store/directory';
import { StoreFullError } from '../../src/store/errors';
import { KEYS } from '../../src/store/keys';
import { listOutbox } from '../../src/store/outbox';
import { FakeLock, MemoryCache, MemoryStore } from '../support/memory-ports';
import { ACTIONS, FIELDS } from '../../src/ui/actions';
import type {
  ActionRef,
  ActionResponseModel,
  ButtonModel,
  CardModel,
  NavigationStep,
  WidgetModel,
} from '../../src/ui/card-model';
import type { AddonEvent } from '../../src/ui/event';
import { createFlow, RESULT_LIMIT, type Services } from '../../src/ui/flow';
import { escapeHtml, html, type Html } from '../../src/ui/html';
import { de } from '../../src/ui/i18n/de';
import { en } from '../../src/ui/i18n/en';
import {
  CATALOGUES,
  countryName,
  formatDate,
  languageFromLocale,
  translator,
  type Language,
  type MessageKey,
} from '../../src/ui/i18n';
import {
  HIDDEN_CARD,
  hiddenAccountCard,
  PERSONAL_CARD,
  personalAccountCard,
} from '../../src/ui/screens/account';
import { CHANGE_REQUEST_CARD, changeRequestCard } from '../../src/ui/screens/change-request';
import { CONFIRM_CARD, confirmCard } from '../../src/ui/screens/confirm';
import { LATER_CARD, laterCard } from '../../src/ui/screens/later';
import { MESSAGE_CARD, messageCard } from '../../src/ui/screens/message';
import { QUESTION_CARD, questionCard } from '../../src/ui/screens/question';
import { SEARCH_CARD, searchCard, type SearchOutcome } from '../../src/ui/screens/search';
import { STATUS_CARD, statusCard } from '../../src/ui/screens/status';
import { createView, type View } from '../../src/ui/screens/view';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Monday 23 Nov 2026, 09:30 UTC. */
const NOW = Date.UTC(2026, 10, 23, 9, 30, 0);
const LANGUAGES: readonly Language[] = ['en', 'de'];
const ACTION_NAMES: ReadonlySet<string> = new Set(Object.values(ACTIONS));

const HOSTILE_NAME = '<b>Bold</b> & Co';
const HOSTILE_NAME_ESCAPED = '&lt;b&gt;Bold&lt;/b&gt; &amp; Co';

// ---------------------------------------------------------------------------------------------
// Reading card models the way a person (or Apps Script) would

/** What the user reads from an Html field: tags dropped, the five entities decoded once. */
function htmlToText(value: Html): string {
  return value
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function widgetsOf(card: CardModel): WidgetModel[] {
  return card.sections.flatMap((section) => section.widgets);
}

function buttonsOf(card: CardModel): ButtonModel[] {
  const buttons: ButtonModel[] = [];
  for (const widget of widgetsOf(card)) {
    if (widget.kind === 'buttons') buttons.push(...widget.buttons);
    if (widget.kind === 'fact' && widget.button) buttons.push(widget.button);
  }
  if (card.footer) buttons.push(card.footer.primary);
  if (card.footer?.secondary) buttons.push(card.footer.secondary);
  return buttons;
}

function actionsOf(card: CardModel): ActionRef[] {
  const actions = buttonsOf(card).map((button) => button.action);
  for (const widget of widgetsOf(card)) {
    if (widget.kind === 'textInput' && widget.suggestions) actions.push(widget.suggestions);
  }
  return actions;
}

function htmlFieldsOf(card: CardModel): Html[] {
  const fields: Html[] = [];
  for (const section of card.sections) {
    if (section.header !== undefined) fields.push(section.header);
    for (const widget of section.widgets) {
      if (widget.kind === 'paragraph' || widget.kind === 'fact') fields.push(widget.html);
    }
  }
  return fields;
}

/** Everything on the card a person reads, one piece per line. */
function readCard(card: CardModel): string {
  const parts: string[] = [card.title];
  if (card.subtitle) parts.push(card.subtitle);
  for (const section of card.sections) {
    if (section.header !== undefined) parts.push(htmlToText(section.header));
    for (const widget of section.widgets) {
      switch (widget.kind) {
        case 'paragraph':
          parts.push(htmlToText(widget.html));
          break;
        case 'fact':
          if (widget.label) parts.push(widget.label);
          parts.push(htmlToText(widget.html));
          if (widget.bottomLabel) parts.push(widget.bottomLabel);
          if (widget.button) parts.push(widget.button.text);
          break;
        case 'buttons':
          parts.push(...widget.buttons.map((b) => b.text));
          break;
        case 'textInput':
          parts.push(widget.label);
          if (widget.hint) parts.push(widget.hint);
          if (widget.value) parts.push(widget.value);
          break;
        case 'divider':
          break;
      }
    }
  }
  if (card.footer) parts.push(...buttonsOf({ ...card, sections: [] }).map((b) => b.text));
  return parts.join('\n');
}

function button(card: CardModel, text: string): ButtonModel {
  const found = buttonsOf(card).find((b) => b.text === text);
  if (!found)
    throw new Error(
      `No button "${text}" on card ${card.name}: ${buttonsOf(card)
        .map((b) => b.text)
        .join(', ')}`,
    );
  return found;
}

function paragraphs(card: CardModel): string[] {
  return widgetsOf(card).flatMap((w) => (w.kind === 'paragraph' ? [htmlToText(w.html)] : []));
}

function facts(card: CardModel): Extract<WidgetModel, { kind: 'fact' }>[] {
  return widgetsOf(card).flatMap((w) => (w.kind === 'fact' ? [w] : []));
}

function textInput(card: CardModel): Extract<WidgetModel, { kind: 'textInput' }> {
  const input = widgetsOf(card).find(
    (w): w is Extract<WidgetModel, { kind: 'textInput' }> => w.kind === 'textInput',
  );
  if (!input) throw new Error(`No text input on card ${card.name}`);
  return input;
}

/** Only our own <b> tags are markup; every other <, > and & is an entity. */
function expectSafeHtml(card: CardModel): void {
  for (const field of htmlFieldsOf(card)) {
    const withoutOwnTags = field.replace(/<\/?b>/g, '');
    expect(withoutOwnTags).not.toMatch(/[<>]/);
    expect(withoutOwnTags).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
  }
}

// ---------------------------------------------------------------------------------------------
// i18n

function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

describe('message catalogues', () => {
  const enKeys = Object.keys(en).sort();
  const deKeys = Object.keys(de).sort();

  it('have exactly the same keys in English and German', () => {
    expect(deKeys).toEqual(enKeys);
    expect(Object.keys(CATALOGUES).sort()).toEqual(['de', 'en']);
  });

  it.each(LANGUAGES)('have no empty message in %s', (language) => {
    for (const [key, message] of Object.entries(CATALOGUES[language])) {
      expect({ key, blank: message.trim() === '' }).toEqual({ key, blank: false });
    }
  });

  it('use the same placeholders in every German message as in the English one', () => {
    for (const key of enKeys as MessageKey[]) {
      expect({ key, placeholders: placeholders(de[key]) }).toEqual({
        key,
        placeholders: placeholders(en[key]),
      });
    }
  });

  it('have only well-formed placeholders (no stray braces)', () => {
    for (const language of LANGUAGES) {
      for (const message of Object.values(CATALOGUES[language])) {
        expect(message.replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/);
      }
    }
  });
});

describe('languageFromLocale', () => {
  it.each(['de', 'de-AT', 'de_CH', 'DE', ' de-DE '])('reads %j as German', (locale) => {
    expect(languageFromLocale(locale)).toBe('de');
  });

  it.each(['en-GB', 'en', 'fr', 'nl-NL', '', 'deu', 'xde', undefined])('reads %j as English', (locale) => {
    expect(languageFromLocale(locale)).toBe('en');
  });
});

describe('translator', () => {
  it('fills placeholders in the chosen language', () => {
    expect(translator('en')('notice.saved', { domain: 'acme.de', reseller: 'Müller IT GmbH' })).toBe(
      'Saved: acme.de is now linked to Müller IT GmbH.',
    );
    expect(translator('de')('notice.saved', { domain: 'acme.de', reseller: 'Müller IT GmbH' })).toBe(
      'Gespeichert: acme.de ist jetzt mit Müller IT GmbH verknüpft.',
    );
  });

  it('fills numbers and repeated placeholders', () => {
    expect(translator('en')('search.results.many', { count: 3, query: 'it' })).toBe('3 resellers match “it”');
  });

  it('leaves a placeholder without a value visible', () => {
    expect(translator('en')('later.text')).toBe('No problem. We will ask again on {date}.');
  });

  it('inserts values literally, without interpreting $ patterns', () => {
    expect(translator('en')('notice.direct', { domain: "$&$1$'" })).toBe("Saved: $&$1$' buys directly.");
  });
});

describe('formatDate', () => {
  const nov23 = Date.UTC(2026, 10, 23, 12, 0);
  const jan5 = Date.UTC(2026, 0, 5, 12, 0);

  it('writes "23 Nov 2026" in English and "23.11.2026" in German', () => {
    expect(formatDate('en', nov23, 0)).toBe('23 Nov 2026');
    expect(formatDate('de', nov23, 0)).toBe('23.11.2026');
  });

  it('pads day and month in German only', () => {
    expect(formatDate('en', jan5, 0)).toBe('5 Jan 2026');
    expect(formatDate('de', jan5, 0)).toBe('05.01.2026');
  });

  it('names every month in English', () => {
    const months = Array.from(
      { length: 12 },
      (_, m) => formatDate('en', Date.UTC(2026, m, 15), 0).split(' ')[1],
    );
    expect(months).toEqual([
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ]);
  });

  it('moves the date forward across midnight for a time zone east of UTC', () => {
    const lateEvening = Date.UTC(2026, 10, 23, 23, 30);
    expect(formatDate('en', lateEvening, 0)).toBe('23 Nov 2026');
    expect(formatDate('en', lateEvening, HOUR_MS)).toBe('24 Nov 2026');
    expect(formatDate('de', lateEvening, HOUR_MS)).toBe('24.11.2026');
  });

  it('moves the date back across midnight for a time zone west of UTC', () => {
    const earlyMorning = Date.UTC(2026, 10, 24, 0, 30);
    expect(formatDate('en', earlyMorning, -5 * HOUR_MS)).toBe('23 Nov 2026');
    expect(formatDate('de', earlyMorning, -5 * HOUR_MS)).toBe('23.11.2026');
  });

  it('moves the year across New Year', () => {
    const newYearsEve = Date.UTC(2026, 11, 31, 23, 0);
    expect(formatDate('en', newYearsEve, 2 * HOUR_MS)).toBe('1 Jan 2027');
    expect(formatDate('de', newYearsEve, 2 * HOUR_MS)).toBe('01.01.2027');
  });
});

describe('countryName', () => {
  it('names a known country in each language', () => {
    expect(countryName('en', 'DE')).toBe('Germany');
    expect(countryName('de', 'DE')).toBe('Deutschland');
    expect(countryName('en', 'AT')).toBe('Austria');
    expect(countryName('de', 'AT')).toBe('Österreich');
    expect(countryName('de', 'GB')).toBe('Vereinigtes Königreich');
  });

  it('accepts a lower-case code', () => {
    expect(countryName('en', 'ch')).toBe('Switzerland');
    expect(countryName('de', 'ch')).toBe('Schweiz');
  });

  it('falls back to the upper-case code for a country it cannot name', () => {
    expect(countryName('en', 'JP')).toBe('JP');
    expect(countryName('de', 'jp')).toBe('JP');
  });
});

// ---------------------------------------------------------------------------------------------
// html.ts

describe('escapeHtml', () => {
  it('escapes all five special characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });

  it('escapes an existing entity again rather than trusting it', () => {
    expect(escapeHtml('&amp; &lt;')).toBe('&amp;amp; &amp;lt;');
  });

  it('leaves other text, umlauts and line breaks alone', () => {
    expect(escapeHtml('Müller IT — 100 % \n ok')).toBe('Müller IT — 100 % \n ok');
    expect(escapeHtml('')).toBe('');
  });
});

describe('html template', () => {
  it('escapes every interpolated value but keeps the literal markup', () => {
    const name = HOSTILE_NAME;
    const domain = `"evil" & 'co'`;
    expect(html`<b>${name}</b> (${domain})`).toBe(
      `<b>${HOSTILE_NAME_ESCAPED}</b> (&quot;evil&quot; &amp; &#39;co&#39;)`,
    );
  });

  it('returns the literal text when nothing is interpolated', () => {
    expect(html`<i>as is & unchanged</i>`).toBe('<i>as is & unchanged</i>');
  });

  it('handles values at the very start and end', () => {
    expect(html`${'<'}x${'>'}`).toBe('&lt;x&gt;');
  });
});

// ---------------------------------------------------------------------------------------------
// Screens

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

function match(reseller: Reseller): SearchMatch {
  return { reseller, label: `${reseller.name} — ${reseller.domain} (${reseller.country})`, tier: 'prefix' };
}

const VIEWER = 'anna@acme.de';
const views: Record<Language, View> = { en: createView('en', 0), de: createView('de', 0) };

describe('createView', () => {
  it('speaks the language and formats dates in the given time zone', () => {
    const view = createView('de', 2 * HOUR_MS);
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
      action: { functionName: ACTIONS.answerHasReseller },
      filled: true,
    });
    expect(button(card, 'No, we buy directly').action).toEqual({
      functionName: ACTIONS.answerDirect,
      spinner: true,
    });
    expect(button(card, 'Ask me later').action).toEqual({ functionName: ACTIONS.answerLater });
    expect(buttonsOf(card).filter((b) => b.filled)).toHaveLength(1);
  });

  it('asks in German', () => {
    const card = questionCard(views.de, 'acme.de');
    expect(card.title).toBe('Haben Sie einen Reseller?');
    expect(readCard(card)).toContain('Kauft acme.de Google Workspace über einen Reseller?');
    expect(buttonsOf(card).map((b) => b.text)).toEqual([
      'Ich habe einen Google Workspace-Reseller',
      'Nein, wir kaufen direkt',
      'Später fragen',
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
    expect(paragraphs(laterCard(createView('en', 2 * HOUR_MS), lateEvening))).toEqual([
      'No problem. We will ask again on 27 Nov 2026.',
    ]);
  });
});

describe('search card', () => {
  it('shows the search box with typeahead and a search button carrying the domain', () => {
    const card = searchCard(views.en, 'acme.de', 'mül', { kind: 'none' });
    expect(card.name).toBe(SEARCH_CARD);
    expect(card.title).toBe('Find your reseller');
    expect(card.sections).toHaveLength(1);
    expect(textInput(card)).toEqual({
      kind: 'textInput',
      name: FIELDS.resellerQuery,
      label: "Reseller's name",
      hint: 'For example: Müller IT',
      value: 'mül',
      suggestions: { functionName: ACTIONS.suggestResellers },
    });
    expect(button(card, 'Search')).toEqual({
      text: 'Search',
      action: { functionName: ACTIONS.searchResellers, parameters: { domain: 'acme.de' }, spinner: true },
      filled: true,
    });
    expect(card.footer).toEqual({ primary: { text: 'Back', action: { functionName: ACTIONS.goBack } } });
  });

  it('shows a problem in bold, escaped', () => {
    const card = searchCard(views.en, 'acme.de', 'a', { kind: 'problem', message: 'Too <short> & bad' });
    expect(card.sections).toHaveLength(2);
    expect(card.sections[1]?.widgets).toEqual([
      { kind: 'paragraph', html: '<b>Too &lt;short&gt; &amp; bad</b>' },
    ]);
  });

  it.each<[Language, string, string]>([
    ['en', '2 resellers match “it”', 'mueller-it.de · Germany'],
    ['de', '2 Reseller passen zu „it“', 'mueller-it.de · Deutschland'],
  ])('lists the matches with a Choose button each (%s)', (language, header, bottomLabel) => {
    const outcome: SearchOutcome = {
      kind: 'results',
      query: 'it',
      matches: [match(MUELLER), match(CLOUD_GB)],
      capped: false,
    };
    const card = searchCard(views[language], 'acme.de', 'it', outcome);
    const results = card.sections[1];
    expect(results?.header && htmlToText(results.header)).toBe(header);
    const shown = facts(card);
    expect(shown.map((f) => htmlToText(f.html))).toEqual(['Müller IT GmbH', 'CloudNative Partners Ltd']);
    expect(shown[0]?.bottomLabel).toBe(bottomLabel);
    expect(shown[0]?.button?.action).toEqual({
      functionName: ACTIONS.chooseReseller,
      parameters: { resellerId: 'R-00001', domain: 'acme.de' },
    });
    expect(shown[1]?.button?.action.parameters).toEqual({ resellerId: 'R-00013', domain: 'acme.de' });
    expect(paragraphs(card).some((p) => p.includes('10'))).toBe(false);
  });

  it('uses the singular for one match', () => {
    const outcome: SearchOutcome = {
      kind: 'results',
      query: 'müller',
      matches: [match(MUELLER)],
      capped: false,
    };
    expect(
      htmlToText(searchCard(views.en, 'acme.de', 'müller', outcome).sections[1]?.header ?? ('' as Html)),
    ).toBe('1 reseller matches “müller”');
    expect(
      htmlToText(searchCard(views.de, 'acme.de', 'müller', outcome).sections[1]?.header ?? ('' as Html)),
    ).toBe('1 Reseller passt zu „müller“');
  });

  it('shows the country code when it has no name for the country', () => {
    const outcome: SearchOutcome = {
      kind: 'results',
      query: 'tokyo',
      matches: [match(FAR_AWAY)],
      capped: false,
    };
    expect(facts(searchCard(views.en, 'acme.de', 'tokyo', outcome))[0]?.bottomLabel).toBe('tokyo.jp · JP');
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
    const card = searchCard(views[language], 'acme.de', 'cloud', {
      kind: 'results',
      query: 'cloud',
      matches,
      capped: true,
    });
    expect(facts(card)).toHaveLength(10);
    expect(paragraphs(card).at(-1)).toBe(note);
  });

  it.each<[Language, string, string]>([
    ['en', 'No match for “zzz”', 'Check the spelling'],
    ['de', 'Kein Treffer für „zzz“', 'Prüfen Sie die Schreibweise'],
  ])('explains what to do when nothing matches (%s)', (language, header, advice) => {
    const card = searchCard(views[language], 'acme.de', 'zzz', {
      kind: 'results',
      query: 'zzz',
      matches: [],
      capped: false,
    });
    expect(htmlToText(card.sections[1]?.header ?? ('' as Html))).toBe(header);
    expect(paragraphs(card).at(-1)).toMatch(new RegExp(`^${advice}`));
    expect(facts(card)).toEqual([]);
  });

  it('escapes what the user typed in the no-results header', () => {
    const card = searchCard(views.en, 'acme.de', '<i>x', {
      kind: 'results',
      query: '<i>x',
      matches: [],
      capped: false,
    });
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
    const card = confirmCard(views[language], 'acme.de', MUELLER);
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
        parameters: { resellerId: 'R-00001', domain: 'acme.de' },
        spinner: true,
      },
      filled: true,
    });
    expect(card.footer?.secondary?.action).toEqual({ functionName: ACTIONS.goBack });
  });

  it('has a section header for the permissions', () => {
    expect(confirmCard(views.en, 'acme.de', MUELLER).sections[1]?.header).toBe('What the app may do');
    expect(confirmCard(views.de, 'acme.de', MUELLER).sections[1]?.header).toBe('Was die App darf');
  });
});

describe('status card', () => {
  const since = NOW - 2 * DAY_MS; // 21 Nov 2026
  const byViewer = resellerAssignment(MUELLER, VIEWER, since);

  it.each<[Language, string, string, string]>([
    ['en', 'Your reseller', 'acme.de buys Google Workspace through:', 'Since 21 Nov 2026 · Set by you'],
    ['de', 'Ihr Reseller', 'acme.de kauft Google Workspace über:', 'Seit 21.11.2026 · Von Ihnen festgelegt'],
  ])('shows the organisation’s reseller and who set it (%s)', (language, title, intro, bottomLabel) => {
    const card = statusCard(views[language], 'acme.de', VIEWER, byViewer);
    expect(card.name).toBe(STATUS_CARD);
    expect(card.title).toBe(title);
    expect(paragraphs(card)).toEqual([intro]);
    expect(facts(card).map((f) => [htmlToText(f.html), f.bottomLabel])).toEqual([
      ['Müller IT GmbH', bottomLabel],
    ]);
    expect(actionsOf(card)).toEqual([
      { functionName: ACTIONS.showChangeRequest, parameters: { domain: 'acme.de' } },
    ]);
  });

  it.each<[Language, 'colleague' | 'support', string]>([
    ['en', 'colleague', 'Set by a colleague'],
    ['en', 'support', 'Set by our support team'],
    ['de', 'colleague', 'Von einer Kollegin oder einem Kollegen festgelegt'],
    ['de', 'support', 'Von unserem Support-Team festgelegt'],
  ])('says who set it (%s, %s)', (language, who, text) => {
    const record: Assignment = who === 'support' ? { ...byViewer, source: 'support' } : byViewer;
    const viewer = who === 'colleague' ? 'ben@acme.de' : VIEWER;
    expect(facts(statusCard(views[language], 'acme.de', viewer, record))[0]?.bottomLabel).toMatch(
      new RegExp(`· ${text}$`),
    );
  });

  it.each<[Language, string]>([
    ['en', 'Change requested on 22 Nov 2026. Our support team will get back to you.'],
    ['de', 'Änderung am 22.11.2026 angefragt. Unser Support-Team meldet sich bei Ihnen.'],
  ])('shows a pending change request instead of the button (%s)', (language, pending) => {
    const card = statusCard(views[language], 'acme.de', VIEWER, {
      ...byViewer,
      changeRequestedAt: NOW - DAY_MS,
    });
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
    const card = statusCard(views[language], 'acme.de', 'ben@acme.de', directAssignment(VIEWER, since));
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
  ])('explains a hidden account (%s)', (language, title) => {
    const card = hiddenAccountCard(views[language]);
    expect(card.name).toBe(HIDDEN_CARD);
    expect(card.title).toBe(title);
    expect(paragraphs(card)[0]).toBe(CATALOGUES[language]['hidden.text']);
    expect(actionsOf(card)).toEqual([]);
  });

  it('escapes the address in the personal card', () => {
    const card = personalAccountCard(views.en, '<me>&co@gmail.com');
    expect(htmlFieldsOf(card)[0]).toContain('(&lt;me&gt;&amp;co@gmail.com)');
  });

  it('message card shows the text under the app name', () => {
    const card = messageCard(views.de, 'Etwas <ist> passiert');
    expect(card).toEqual({
      name: MESSAGE_CARD,
      title: 'Reseller Connect',
      sections: [{ widgets: [{ kind: 'paragraph', html: 'Etwas &lt;ist&gt; passiert' }] }],
    });
  });
});

describe('every card', () => {
  const boldRecord = resellerAssignment(BOLD, VIEWER, NOW);
  const hostileDomain = `a&b<c>.de`;

  function allCards(view: View): CardModel[] {
    return [
      questionCard(view, hostileDomain),
      laterCard(view, NOW),
      searchCard(view, hostileDomain, HOSTILE_NAME, { kind: 'none' }),
      searchCard(view, hostileDomain, HOSTILE_NAME, { kind: 'problem', message: HOSTILE_NAME }),
      searchCard(view, hostileDomain, HOSTILE_NAME, {
        kind: 'results',
        query: HOSTILE_NAME,
        matches: [match(BOLD), match(MUELLER)],
        capped: true,
      }),
      searchCard(view, hostileDomain, HOSTILE_NAME, {
        kind: 'results',
        query: HOSTILE_NAME,
        matches: [],
        capped: false,
      }),
      confirmCard(view, hostileDomain, BOLD),
      statusCard(view, hostileDomain, VIEWER, boldRecord),
      statusCard(view, hostileDomain, 'ben@acme.de', { ...boldRecord, changeRequestedAt: NOW }),
      statusCard(view, hostileDomain, VIEWER, { ...directAssignment(VIEWER, NOW), source: 'support' }),
      changeRequestCard(view, hostileDomain, HOSTILE_NAME, HOSTILE_NAME),
      personalAccountCard(view, `${HOSTILE_NAME}@gmail.com`),
      hiddenAccountCard(view),
      messageCard(view, HOSTILE_NAME),
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
      // The homepage is the manifest's trigger, not a card action.
      expect([...used].sort()).toEqual([...ACTION_NAMES].filter((name) => name !== ACTIONS.homepage).sort());
    },
  );

  it.each(LANGUAGES)('only ever puts escaped outside text into Html fields (%s)', (language) => {
    for (const card of allCards(views[language])) expectSafeHtml(card);
  });

  it.each(LANGUAGES)(
    'shows a hostile reseller name escaped, and as the exact text to the reader (%s)',
    (language) => {
      const view = views[language];
      const withName = [
        searchCard(view, 'acme.de', 'bold', {
          kind: 'results',
          query: 'bold',
          matches: [match(BOLD)],
          capped: false,
        }),
        confirmCard(view, 'acme.de', BOLD),
        statusCard(view, 'acme.de', VIEWER, boldRecord),
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

  it.each(LANGUAGES)('never shows an unfilled placeholder (%s)', (language) => {
    for (const card of allCards(views[language])) expect(readCard(card)).not.toMatch(/\{\w+\}/);
  });
});

// ---------------------------------------------------------------------------------------------
// Flow, on in-memory services

/** One script (shared by everyone) and one user store per email, like the real add-on. */
class World {
  readonly script = new MemoryStore();
  readonly cache = new MemoryCache();
  readonly lock = new FakeLock();
  readonly users = new Map<string, MemoryStore>();
  now = NOW;
  email = VIEWER;

  constructor(resellers: readonly Reseller[] = DEMO_RESELLERS) {
    writeDirectory(this.script, this.cache, resellers, 'demo-1');
    this.script.resetCalls();
    this.cache.resetCalls();
  }

  userStore(email = this.email): MemoryStore {
    let store = this.users.get(email);
    if (!store) {
      store = new MemoryStore();
      this.users.set(email, store);
    }
    return store;
  }

  services(): Services {
    return {
      email: () => this.email,
      now: () => this.now,
      scriptStore: () => this.script,
      userStore: () => this.userStore(),
      cache: () => this.cache,
      lock: () => this.lock,
    };
  }

  flow() {
    return createFlow(this.services());
  }

  domainRecordKeys(): string[] {
    return [...this.script.data.keys()].filter((key) => key.startsWith('d:'));
  }

  outbox() {
    return listOutbox(Object.fromEntries(this.script.data));
  }

  writes(): number {
    let writes = this.script.calls.setAll + this.script.calls.delete;
    for (const store of this.users.values()) writes += store.calls.setAll + store.calls.delete;
    return writes;
  }
}

interface EventInput {
  locale?: string;
  offsetMs?: number;
  parameters?: Record<string, string>;
  form?: Record<string, string>;
}

function event(input: EventInput = {}): AddonEvent {
  const formInputs: Record<string, { stringInputs: { value: string[] } }> = {};
  for (const [name, value] of Object.entries(input.form ?? {}))
    formInputs[name] = { stringInputs: { value: [value] } };
  return {
    commonEventObject: {
      userLocale: input.locale ?? 'en-GB',
      timeZone: { id: 'Etc/UTC', offset: input.offsetMs ?? 0 },
      parameters: input.parameters ?? {},
      formInputs,
    },
  };
}

function stepCard(step: NavigationStep | undefined, kind: 'push' | 'update'): CardModel {
  if (step && kind === 'push' && 'push' in step) return step.push;
  if (step && kind === 'update' && 'update' in step) return step.update;
  throw new Error(`Expected a ${kind} step, got ${JSON.stringify(step)}`);
}

/** The card a response shows: pushed, or updated after popping to the root. */
function shownCard(response: ActionResponseModel): CardModel {
  const last = response.navigation.at(-1);
  return stepCard(last, last && 'push' in last ? 'push' : 'update');
}

function expectHome(response: ActionResponseModel, name: string): CardModel {
  expect(response.navigation[0]).toEqual({ popToRoot: true });
  expect(response.navigation).toHaveLength(2);
  const card = stepCard(response.navigation[1], 'update');
  expect(card.name).toBe(name);
  return card;
}

describe('flow: homepage', () => {
  it('asks a new user of an organisation the question', () => {
    const world = new World();
    const card = world.flow().homepage(event());
    expect(card.name).toBe(QUESTION_CARD);
    expect(readCard(card)).toContain('Does acme.de buy Google Workspace through a reseller?');
    expect(world.writes()).toBe(0);
  });

  it('asks in German for a German locale', () => {
    expect(new World().flow().homepage(event({ locale: 'de-AT' })).title).toBe('Haben Sie einen Reseller?');
  });

  it('reads nothing from the script store for a personal account, and explains', () => {
    const world = new World();
    world.email = 'Me@GMail.com';
    const card = world.flow().homepage(event());
    expect(card.name).toBe(PERSONAL_CARD);
    expect(readCard(card)).toContain('(me@gmail.com)');
    expect(world.script.totalCalls()).toBe(0);
  });

  it('explains when the address is hidden', () => {
    const world = new World();
    world.email = '';
    expect(world.flow().homepage(event()).name).toBe(HIDDEN_CARD);
    expect(world.script.totalCalls()).toBe(0);
  });

  it('treats an event without any fields as English, UTC', () => {
    const world = new World();
    expect(world.flow().homepage(undefined).title).toBe('Do you have a reseller?');
    expect(world.flow().homepage({}).title).toBe('Do you have a reseller?');
  });
});

describe('flow: answering directly', () => {
  it('saves the answer, and from then on the homepage shows the status card to everyone', () => {
    const world = new World();
    const flow = world.flow();
    const response = flow.answerDirect(event());
    const card = expectHome(response, STATUS_CARD);
    expect(response.notification).toBe('Saved: acme.de buys directly.');
    expect(response.stateChanged).toBe(true);
    expect(readCard(card)).toContain('acme.de buys Google Workspace directly, without a reseller.');

    const home = flow.homepage(event());
    expect(home.name).toBe(STATUS_CARD);
    expect(readCard(home)).toContain('Since 23 Nov 2026');
    expect(readCard(home)).toContain('Set by you');

    world.email = 'ben@acme.de';
    expect(readCard(flow.homepage(event({ locale: 'de' })))).toContain(
      'Von einer Kollegin oder einem Kollegen festgelegt',
    );

    expect(world.domainRecordKeys()).toEqual(['d:acme.de']);
    expect(world.outbox()).toEqual([
      { id: expect.any(String), type: 'direct', domain: 'acme.de', actorEmail: VIEWER, at: NOW },
    ]);
  });

  it('answering again changes nothing and says so', () => {
    const world = new World();
    const flow = world.flow();
    flow.answerDirect(event());
    world.email = 'ben@acme.de';
    const again = flow.answerDirect(event());
    expect(again.notification).toBe('acme.de was already recorded as buying directly.');
    expect(again.stateChanged).toBe(false);
    expect(world.script.calls.setAll).toBe(1);
    expect(world.outbox()).toHaveLength(1);
  });
});

describe('flow: ask me later', () => {
  it('hides the question for three days, but "Answer now" brings it back', () => {
    const world = new World();
    const flow = world.flow();
    const response = flow.answerLater(event());
    const later = stepCard(response.navigation[0], 'update');
    expect(later.name).toBe(LATER_CARD);
    expect(paragraphs(later)).toEqual(['No problem. We will ask again on 26 Nov 2026.']);
    expect(world.userStore().data.get(KEYS.userState)).toBe(JSON.stringify({ askAgainAt: NOW + 3 * DAY_MS }));
    expect(world.script.calls.setAll).toBe(0);

    expect(flow.homepage(event()).name).toBe(LATER_CARD);
    expect(stepCard(flow.showQuestion(event()).navigation[0], 'update').name).toBe(QUESTION_CARD);

    world.now = NOW + 3 * DAY_MS;
    expect(flow.homepage(event()).name).toBe(QUESTION_CARD);
  });

  it('snoozes only the user who asked for it', () => {
    const world = new World();
    const flow = world.flow();
    flow.answerLater(event());
    world.email = 'ben@acme.de';
    expect(flow.homepage(event()).name).toBe(QUESTION_CARD);
  });

  it('shows the status card, not the later card, once a colleague has answered', () => {
    const world = new World();
    const flow = world.flow();
    flow.answerLater(event());
    world.email = 'ben@acme.de';
    flow.answerDirect(event());
    world.email = VIEWER;
    expect(flow.homepage(event()).name).toBe(STATUS_CARD);
    expect(stepCard(flow.showQuestion(event()).navigation[0], 'update').name).toBe(STATUS_CARD);
  });
});

describe('flow: cards of another organisation', () => {
  type ActionName =
    | 'answerHasReseller'
    | 'answerDirect'
    | 'answerLater'
    | 'showQuestion'
    | 'chooseReseller'
    | 'confirmReseller'
    | 'showChangeRequest'
    | 'submitChangeRequest';
  const actions: ActionName[] = [
    'answerHasReseller',
    'answerDirect',
    'answerLater',
    'showQuestion',
    'chooseReseller',
    'confirmReseller',
    'showChangeRequest',
    'submitChangeRequest',
  ];

  it.each(actions)(
    '%s refuses a domain parameter naming another organisation and writes nothing',
    (action) => {
      const world = new World();
      world.script.setAll({ 'd:acme.de': 'R\t1\tu\tfp\t\tR-00001\tMüller IT GmbH' });
      world.script.resetCalls();
      const response = world.flow()[action](
        event({
          parameters: { domain: 'evil.de', resellerId: 'R-00001' },
          form: { [FIELDS.changeReason]: 'Please change the reseller to Schäfer.' },
        }),
      );
      expect(response).toEqual({
        navigation: [],
        notification:
          'This card belongs to another organisation or account. Nothing was changed: please reopen the add-on.',
      });
      expect(world.writes()).toBe(0);
      expect(world.domainRecordKeys()).toEqual(['d:acme.de']);
    },
  );

  it('refuses in German too', () => {
    const world = new World();
    const response = world
      .flow()
      .confirmReseller(event({ locale: 'de', parameters: { domain: 'evil.de', resellerId: 'R-00001' } }));
    expect(response.notification).toBe(
      'Diese Karte gehört zu einer anderen Organisation oder einem anderen Konto. Es wurde nichts geändert: Bitte öffnen Sie das Add-on erneut.',
    );
    expect(world.writes()).toBe(0);
  });

  it('accepts its own domain parameter', () => {
    const world = new World();
    const response = world
      .flow()
      .confirmReseller(event({ parameters: { domain: 'acme.de', resellerId: 'R-00001' } }));
    expect(response.notification).toBe('Saved: acme.de is now linked to Müller IT GmbH.');
  });

  it('sends a personal account back to its explanation without writing', () => {
    const world = new World();
    world.email = 'me@gmail.com';
    const response = world
      .flow()
      .confirmReseller(event({ parameters: { domain: 'gmail.com', resellerId: 'R-00001' } }));
    expectHome(response, PERSONAL_CARD);
    expect(response.notification).toBeUndefined();
    expect(world.writes()).toBe(0);
  });
});

describe('flow: typeahead', () => {
  it.each(['', ' ', 'a', ' b ', 'x'.repeat(101), 'mü\tller', 'ab\u0000'])(
    'returns no suggestions for the invalid query %j without touching the cache',
    (query) => {
      const world = new World();
      expect(world.flow().suggestResellers(event({ form: { [FIELDS.resellerQuery]: query } }))).toEqual([]);
      expect(world.cache.totalCalls()).toBe(0);
      expect(world.script.totalCalls()).toBe(0);
    },
  );

  it('returns no suggestions when the field is missing', () => {
    const world = new World();
    expect(world.flow().suggestResellers(event())).toEqual([]);
    expect(world.cache.totalCalls()).toBe(0);
  });

  it('suggests matching labels from one cache read and nothing else', () => {
    const world = new World();
    const suggestions = world.flow().suggestResellers(event({ form: { [FIELDS.resellerQuery]: 'müller' } }));
    expect(suggestions).toEqual(
      expect.arrayContaining(['Müller IT GmbH — mueller-it.de (DE)', 'Mueller IT GmbH — mueller-it.at (AT)']),
    );
    expect(suggestions.length).toBeLessThanOrEqual(RESULT_LIMIT);
    expect(world.cache.calls).toEqual({ getAll: 1, putAll: 0 });
    expect(world.script.totalCalls()).toBe(0);
  });

  it('never suggests a reseller that is not approved', () => {
    const world = new World();
    const suggestions = world.flow().suggestResellers(event({ form: { [FIELDS.resellerQuery]: 'schwarz' } }));
    expect(suggestions).toEqual([]);
  });

  it('returns no suggestions, rather than failing, when the cache fails', () => {
    const world = new World();
    world.cache.failReads = new Error('cache down');
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(world.flow().suggestResellers(event({ form: { [FIELDS.resellerQuery]: 'müller' } }))).toEqual(
        [],
      );
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});

describe('flow: searching and choosing', () => {
  it('"I have a reseller" opens the search card for the organisation', () => {
    const card = shownCard(new World().flow().answerHasReseller(event()));
    expect(card.name).toBe(SEARCH_CARD);
    expect(button(card, 'Search').action.parameters).toEqual({ domain: 'acme.de' });
  });

  it('lists search results on the search card', () => {
    const world = new World();
    const response = world
      .flow()
      .searchResellers(
        event({ parameters: { domain: 'acme.de' }, form: { [FIELDS.resellerQuery]: ' cloud ' } }),
      );
    const card = stepCard(response.navigation[0], 'update');
    expect(card.name).toBe(SEARCH_CARD);
    expect(textInput(card).value).toBe('cloud');
    const names = facts(card).map((f) => htmlToText(f.html));
    expect(names).toEqual(expect.arrayContaining(['Cloudwerk GmbH', 'CloudNative Partners Ltd']));
    expect(htmlToText(card.sections[1]?.header ?? ('' as Html))).toBe(
      `${names.length} resellers match “cloud”`,
    );
    expect(world.writes()).toBe(0);
  });

  it('goes straight to confirming when the query is a suggestion’s label', () => {
    const world = new World();
    const response = world.flow().searchResellers(
      event({
        parameters: { domain: 'acme.de' },
        form: { [FIELDS.resellerQuery]: 'Mueller IT GmbH — mueller-it.at (AT)' },
      }),
    );
    const card = stepCard(response.navigation[0], 'push');
    expect(card.name).toBe(CONFIRM_CARD);
    expect(card.footer?.primary.action.parameters).toEqual({ resellerId: 'R-00002', domain: 'acme.de' });
  });

  it('says when nothing matches', () => {
    const response = new World()
      .flow()
      .searchResellers(
        event({ parameters: { domain: 'acme.de' }, form: { [FIELDS.resellerQuery]: 'qqqqqq' } }),
      );
    expect(readCard(stepCard(response.navigation[0], 'update'))).toContain('No match for “qqqqqq”');
  });

  it.each<[string, string]>([
    ['', "Type your reseller's name first."],
    ['a', "Type at least 2 letters of the reseller's name."],
    ['x'.repeat(150), 'That is too long for a reseller name: use at most 100 characters.'],
  ])('explains the problem with the query %j', (query, problem) => {
    const world = new World();
    const response = world
      .flow()
      .searchResellers(event({ parameters: { domain: 'acme.de' }, form: { [FIELDS.resellerQuery]: query } }));
    const card = stepCard(response.navigation[0], 'update');
    expect(paragraphs(card).at(-1)).toBe(problem);
    expect(textInput(card).value).toBe(query.slice(0, 100));
    // Only a long text can be a picked suggestion ("name — domain (CC)"): that one is looked up first.
    expect(world.cache.totalCalls()).toBe(query.length > 100 ? 1 : 0);
  });

  it('confirms a picked suggestion longer than anything one would type', () => {
    const long: Reseller = {
      id: 'R-00777',
      name: 'Kommunale Informationsverarbeitung Baden-Franken Systemhaus und Beratung GmbH & Co. KG',
      domain: 'kiv-baden-franken-systemhaus.de',
      country: 'DE',
      status: 'approved',
    };
    const world = new World([...DEMO_RESELLERS, long]);
    const label = displayLabel(long);
    expect(label.length).toBeGreaterThan(100);
    const response = world
      .flow()
      .searchResellers(event({ parameters: { domain: 'acme.de' }, form: { [FIELDS.resellerQuery]: label } }));
    expect(stepCard(response.navigation[0], 'push').name).toBe(CONFIRM_CARD);
  });

  it('confirms a chosen reseller on a card of its own', () => {
    const card = shownCard(
      new World().flow().chooseReseller(event({ parameters: { domain: 'acme.de', resellerId: 'R-00005' } })),
    );
    expect(card.name).toBe(CONFIRM_CARD);
    expect(readCard(card)).toContain('Köhler Systemhaus GmbH & Co. KG');
  });

  it.each(['R-00023', 'R-00024', 'R-99999', ''])(
    'refuses to offer the unapproved or unknown reseller %j',
    (id) => {
      const world = new World();
      const response = world
        .flow()
        .chooseReseller(event({ parameters: { domain: 'acme.de', resellerId: id } }));
      expect(response).toEqual({
        navigation: [],
        notification: 'This reseller can no longer be chosen. Nothing was changed: please search again.',
      });
    },
  );

  it('"Back" pops the card', () => {
    expect(new World().flow().goBack()).toEqual({ navigation: [{ pop: true }] });
  });
});

describe('flow: confirming a reseller', () => {
  const confirm = (resellerId: string, locale = 'en') =>
    event({ locale, parameters: { domain: 'acme.de', resellerId } });

  it('links the organisation and shows its status card', () => {
    const world = new World();
    const flow = world.flow();
    const response = flow.confirmReseller(confirm('R-00001'));
    expect(response.notification).toBe('Saved: acme.de is now linked to Müller IT GmbH.');
    expect(response.stateChanged).toBe(true);
    const card = expectHome(response, STATUS_CARD);
    expect(readCard(card)).toContain('Müller IT GmbH');
    expect(readCard(flow.homepage(event()))).toContain('Set by you');
    expect(world.outbox()).toEqual([
      {
        id: expect.any(String),
        type: 'assigned',
        domain: 'acme.de',
        actorEmail: VIEWER,
        at: NOW,
        resellerId: 'R-00001',
      },
    ]);
  });

  it('keeps the first reseller when a colleague confirms another one', () => {
    const world = new World();
    const flow = world.flow();
    flow.confirmReseller(confirm('R-00001'));
    world.email = 'ben@acme.de';
    const response = flow.confirmReseller(confirm('R-00003'));
    expect(response.notification).toBe(
      'A colleague linked acme.de to Müller IT GmbH a moment ago, so your choice was not saved. If that is wrong, request a change.',
    );
    expect(response.stateChanged).toBe(false);
    expect(readCard(expectHome(response, STATUS_CARD))).toContain('Müller IT GmbH');
    expect(world.outbox()).toHaveLength(1);
  });

  it('says so when the same reseller is confirmed again', () => {
    const world = new World();
    const flow = world.flow();
    flow.confirmReseller(confirm('R-00001'));
    const again = flow.confirmReseller(confirm('R-00001', 'de'));
    expect(again.notification).toBe('acme.de war bereits mit Müller IT GmbH verknüpft.');
    expect(again.stateChanged).toBe(false);
  });

  it('refuses an unapproved reseller and writes nothing', () => {
    const world = new World();
    const response = world.flow().confirmReseller(confirm('R-00026'));
    expect(response.notification).toBe(
      'This reseller can no longer be chosen. Nothing was changed: please search again.',
    );
    expect(world.writes()).toBe(0);
  });

  it('shows a hostile reseller name as text: plain in the notification, escaped on the card', () => {
    const world = new World();
    const response = world.flow().confirmReseller(confirm('R-00017'));
    expect(response.notification).toBe('Saved: acme.de is now linked to <b>Bold</b> IT & Co.');
    const card = expectHome(response, STATUS_CARD);
    expectSafeHtml(card);
    expect(readCard(card)).toContain('<b>Bold</b> IT & Co');
  });

  it.each<[string, string]>([
    [
      'en',
      'We cannot save anything right now because our storage is full. Nothing was changed. Please contact our support team.',
    ],
    [
      'de',
      'Wir können gerade nichts speichern, weil unser Speicher voll ist. Es wurde nichts geändert. Bitte wenden Sie sich an unser Support-Team.',
    ],
  ])('turns a full store into the storeFull notification (%s)', (locale, text) => {
    const world = new World();
    world.script.failWrites = new StoreFullError(new Error('Exceeded quota'));
    const response = world.flow().confirmReseller(confirm('R-00001', locale));
    expect(response).toEqual({ navigation: [], notification: text });
    expect(world.domainRecordKeys()).toEqual([]);
    expect(world.outbox()).toEqual([]);
  });

  it('turns a busy lock into the busy notification and writes nothing', () => {
    const world = new World();
    world.lock.busy = true;
    const flow = world.flow();
    const busy =
      'Many people are saving at this moment. Nothing was changed: please try again in a few seconds.';
    expect(flow.confirmReseller(confirm('R-00001'))).toEqual({ navigation: [], notification: busy });
    expect(flow.answerDirect(event())).toEqual({ navigation: [], notification: busy });
    expect(world.writes()).toBe(0);
  });
});

describe('flow: unexpected failures', () => {
  let log: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  it('turns an unexpected error in an action into the unexpected notification', () => {
    const world = new World();
    world.script.failReads = new Error('Service invoked too many times');
    expect(world.flow().answerDirect(event())).toEqual({
      navigation: [],
      notification: 'Something went wrong. Nothing was changed: please try again.',
    });
    expect(
      world.flow().confirmReseller(event({ locale: 'de', parameters: { resellerId: 'R-00001' } })),
    ).toEqual({
      navigation: [],
      notification: 'Etwas ist schiefgelaufen. Es wurde nichts geändert: Bitte versuchen Sie es erneut.',
    });
    expect(log).toHaveBeenCalled();
  });

  it('turns an unexpected write error into the unexpected notification, not storeFull', () => {
    const world = new World();
    world.script.failWrites = new Error('Internal error');
    expect(world.flow().answerDirect(event()).notification).toBe(
      'Something went wrong. Nothing was changed: please try again.',
    );
  });

  it('turns a failing email lookup into the unexpected notification', () => {
    const world = new World();
    const services: Services = {
      ...world.services(),
      email: () => {
        throw new Error('no session');
      },
    };
    expect(createFlow(services).answerLater(event()).notification).toBe(
      'Something went wrong. Nothing was changed: please try again.',
    );
  });

  it('shows a message card when the homepage itself fails', () => {
    const world = new World();
    world.script.failReads = new Error('boom');
    const card = world.flow().homepage(event({ locale: 'de' }));
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

  function boundWorld(): World {
    const world = new World();
    world.flow().confirmReseller(event({ parameters: { domain: 'acme.de', resellerId: 'R-00001' } }));
    world.script.resetCalls();
    return world;
  }

  it('opens the change request card from the status card', () => {
    const card = shownCard(
      boundWorld()
        .flow()
        .showChangeRequest(event({ parameters: { domain: 'acme.de' } })),
    );
    expect(card.name).toBe(CHANGE_REQUEST_CARD);
  });

  it('records the request, tells the user, and shows it as pending', () => {
    const world = boundWorld();
    world.now = NOW + DAY_MS;
    const response = world.flow().submitChangeRequest(submit(`  ${REASON}  `));
    expect(response.notification).toBe('Your request was sent to our support team.');
    expect(response.stateChanged).toBe(true);
    const card = expectHome(response, STATUS_CARD);
    expect(readCard(card)).toContain(
      'Change requested on 24 Nov 2026. Our support team will get back to you.',
    );
    const events = world.outbox();
    expect(events.map((e) => e.type)).toEqual(['assigned', 'changeRequested']);
    expect(events[1]).toMatchObject({ reason: REASON, resellerId: 'R-00001', actorEmail: VIEWER });
  });

  it('adds nothing to a request that is already pending', () => {
    const world = boundWorld();
    const flow = world.flow();
    flow.submitChangeRequest(submit(REASON));
    world.now = NOW + 2 * DAY_MS;
    const again = flow.submitChangeRequest(submit('Another reason, long enough.', 'de'));
    expect(again.notification).toBe(
      'Eine Änderungsanfrage wartet bereits auf unser Support-Team (gesendet am 23.11.2026). Es wurde nichts hinzugefügt.',
    );
    expect(again.stateChanged).toBe(false);
    expect(world.outbox()).toHaveLength(2);
  });

  it('sends nothing for an organisation that buys directly', () => {
    const world = new World();
    const flow = world.flow();
    flow.answerDirect(event());
    const response = flow.submitChangeRequest(submit(REASON));
    expect(response.notification).toBe('acme.de has no reseller to change. Nothing was sent.');
    expect(response.stateChanged).toBe(false);
    expectHome(response, STATUS_CARD);
    expect(world.outbox()).toHaveLength(1);
  });

  it('sends nothing, and shows the question, for an organisation without an answer', () => {
    const world = new World();
    const response = world.flow().submitChangeRequest(submit(REASON));
    expectHome(response, QUESTION_CARD);
    expect(response.notification).toBe('acme.de has no reseller to change. Nothing was sent.');
    expect(world.writes()).toBe(0);
  });

  it.each<[string, string | undefined, string]>([
    ['en', 'too short', 'Please write a little more (at least 10 characters) so that support can help.'],
    [
      'de',
      'zu kurz',
      'Bitte schreiben Sie etwas mehr (mindestens 10 Zeichen), damit der Support helfen kann.',
    ],
    ['en', undefined, 'Please tell us what should change.'],
    ['en', 'x'.repeat(1001), 'Please keep it under 1000 characters.'],
    [
      'en',
      'bell\u0007 character here',
      'The text contains characters that cannot be saved. Please type it again.',
    ],
  ])('keeps the text and explains a problem (%s, %j)', (locale, reason, problem) => {
    const world = boundWorld();
    const response = world.flow().submitChangeRequest(submit(reason, locale));
    const card = stepCard(response.navigation[0], 'update');
    expect(response.navigation).toHaveLength(1);
    expect(card.name).toBe(CHANGE_REQUEST_CARD);
    expect(paragraphs(card)[1]).toBe(problem);
    expect(textInput(card).value).toBe(reason ?? '');
    expect(world.writes()).toBe(0);
  });

  it('turns a busy lock into the busy notification', () => {
    const world = boundWorld();
    world.lock.busy = true;
    expect(world.flow().submitChangeRequest(submit(REASON)).notification).toBe(
      'Many people are saving at this moment. Nothing was changed: please try again in a few seconds.',
    );
    expect(world.script.calls.setAll).toBe(0);
  });

  it('stores only a fingerprint of the user in the organisation’s record', () => {
    const world = boundWorld();
    world.flow().submitChangeRequest(submit(REASON));
    const record = world.script.data.get('d:acme.de') ?? '';
    expect(record).toContain(emailFingerprint(VIEWER));
    expect(record).not.toContain(VIEWER);
  });
});
