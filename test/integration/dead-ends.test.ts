/**
 * The customer flow tried as a new user would, on the built bundle: no dead ends, and every text
 * that sends the user to support says how to reach it. English and German.
 */
import { loadDirectory } from '../../dev/runtime/adapters';
import type { CardJson } from '../../dev/runtime/card-service';
import { actionEvent } from '../../dev/runtime/events';
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import { approved, client, domainRecord, runtimeWith, storedState, user } from '../support/addon';

const SUPPORT = 'support@reseller-connect.example';
const LOCALES = [
  {
    locale: 'en',
    has: 'I have a Google Workspace reseller',
    later: 'Ask me later',
    answerNow: 'Answer now',
    share: 'Share contacts now',
    germany: 'Germany',
    back: 'Back',
  },
  {
    locale: 'de',
    has: 'Ich habe einen Google Workspace-Reseller',
    later: 'Später fragen',
    answerNow: 'Jetzt beantworten',
    share: 'Kontakte jetzt freigeben',
    germany: 'Deutschland',
    back: 'Zurück',
  },
] as const;

/** Google's rule: a fixed footer's primary button is FILLED (so never "Back"), the secondary OUTLINED. */
function expectFooterRule(card: CardJson, back: string): void {
  const footer = card.fixedFooter;
  if (!footer) return;
  expect(footer.primaryButton?.type).toBe('FILLED');
  expect(footer.primaryButton?.text).not.toBe(back);
  if (footer.secondaryButton) expect(footer.secondaryButton.type).toBe('OUTLINED');
}

describe.each(LOCALES)('dead ends in $locale', (l) => {
  it('picking a suggestion opens the confirm card at once; a half-typed word leads nowhere', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@kunde.example', l.locale));
    anna.click(l.has);
    expectFooterRule(anna.card, l.back);
    anna.pick('resellerQuery', 'Mül');
    expect(anna.card.name).toBe('search');
    expect(anna.notification).toBeUndefined();
    const [first] = anna.suggest('resellerQuery', 'Müller IT');
    expect(first).toBe(`Müller IT GmbH — mueller-it.de (${l.germany})`);
    anna.pick('resellerQuery', first ?? '');
    expect(anna.card.name).toBe('confirm');
    expect(anna.texts()).toContain('Müller IT GmbH');
    expectFooterRule(anna.card, l.back);
    anna.click(l.share);
    expect(anna.card.name).toBe('status');
  });

  it('"Answer now" lifts the snooze: reopening shows the question, not the snooze card', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@spaeter.example', l.locale));
    anna.click(l.later);
    expect(anna.card.name).toBe('later');
    anna.openHomepage();
    expect(anna.card.name).toBe('later');
    anna.click(l.answerNow);
    expect(anna.card.name).toBe('question');
    anna.openHomepage();
    expect(anna.card.name).toBe('question');
  });

  it('"Ask me later" after a colleague answered says so before showing the status', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@team.example', l.locale));
    const ben = client(runtime, user('ben@team.example', l.locale));
    ben.click(l.has);
    ben.pick('resellerQuery', `Müller IT GmbH — mueller-it.de (${l.germany})`);
    ben.click(l.share);
    anna.click(l.later);
    expect(anna.card.name).toBe('status');
    expect(anna.notification).toContain('team.example');
    expect(runtime.host.userStore({ email: 'anna@team.example' }).get('state')).toBeNull();
  });

  it('a confirm card whose reseller can no longer be chosen leads back to the search, query kept', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@kunde.example', l.locale));
    anna.click(l.has);
    anna.type('resellerQuery', 'Müller');
    anna.click(l.locale === 'de' ? 'Suchen' : 'Search');
    anna.click(l.locale === 'de' ? 'Auswählen' : 'Choose');
    expect(anna.card.name).toBe('confirm');
    const mueller = approved('Müller IT GmbH');
    const chunk = runtime.host.scriptProperties.get('r:0') ?? '';
    // Suspended in the directory (the source of truth) after the card was shown.
    loadDirectory(
      runtime.host,
      DEMO_RESELLERS.map((r) => (r.id === mueller.id ? { ...r, status: 'suspended' as const } : r)),
      'v2',
    );
    expect(runtime.host.scriptProperties.get('r:0')).not.toBe(chunk);
    const before = storedState(runtime);
    anna.click(l.share);
    expect(anna.card.name).toBe('search');
    expect(anna.notification).toBeUndefined();
    const input = anna.card.sections?.[0]?.widgets?.find((w) => 'textInput' in w);
    expect(JSON.stringify(input)).toContain('"value":"Müller"');
    expect(storedState(runtime)).toBe(before);
  });
});

describe('support is reachable wherever a text sends the user there', () => {
  it('the hidden-account card and the no-match hint link the support address', () => {
    const runtime = runtimeWith();
    const hidden = client(runtime, user('', 'de'));
    expect(hidden.card.name).toBe('hiddenAccount');
    expect(JSON.stringify(hidden.card)).toContain(`href=\\"mailto:${SUPPORT}\\"`);
    const anna = client(runtime, user('anna@kunde.example'));
    anna.click('I have a Google Workspace reseller');
    anna.type('resellerQuery', 'zzzzqqq');
    anna.click('Search');
    expect(JSON.stringify(anna.card)).toContain(`href=\\"mailto:${SUPPORT}\\"`);
  });
});

describe('wording', () => {
  it('the user who loses a race is told when the colleague linked the organisation', () => {
    const runtime = runtimeWith();
    const mueller = approved('Müller IT GmbH');
    const schaefer = approved('Schäfer Cloud AG');
    const ben = client(runtime, user('ben@wettlauf.example', 'de'));
    ben.runAction({ function: 'onConfirmReseller', parameters: [{ key: 'resellerId', value: mueller.id }] });
    runtime.host.advanceClock(40 * 24 * 3600 * 1000);
    const anna = client(runtime, user('anna@wettlauf.example', 'de'));
    anna.runAction({
      function: 'onConfirmReseller',
      parameters: [{ key: 'resellerId', value: schaefer.id }],
    });
    const linkedOn = new Date(runtime.host.now() - 40 * 24 * 3600 * 1000);
    const date = linkedOn.toLocaleDateString('de-DE', {
      timeZone: 'Europe/Berlin',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    });
    expect(anna.notification).toContain(`am ${date} mit Müller IT GmbH verknüpft`);
    expect(domainRecord(runtime, 'wettlauf.example')).toContain(mueller.id);
  });

  it('text limits cut by code point: a 100-character query ending in an emoji keeps no lone surrogate', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@kunde.example'));
    anna.click('I have a Google Workspace reseller');
    anna.type('resellerQuery', `${'a'.repeat(99)}😀😀`);
    anna.click('Search');
    const input = JSON.stringify(anna.card.sections?.[0]?.widgets?.find((w) => 'textInput' in w));
    const value = (JSON.parse(input) as { textInput: { value: string } }).textInput.value;
    expect(Array.from(value)).toHaveLength(100);
    expect(value.endsWith('😀')).toBe(true);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)).toBe(false);
  });

  it('an over-long "picked suggestion" is cut before any lookup', () => {
    const runtime = runtimeWith();
    const identity = user('anna@kunde.example');
    const huge = `Müller IT GmbH — ${'mueller-it.de — '.repeat(2500)}`;
    for (const functionName of ['onSearchResellers', 'onPickReseller']) {
      const result = runtime.run({
        functionName,
        identity,
        event: actionEvent(identity, { formInputs: { resellerQuery: huge } }),
      });
      expect(result.ok).toBe(true);
      // It cost seconds of CPU before the fix: now no lookup happens at all.
      expect(result.calls['Cache.getAll'] ?? 0).toBe(0);
    }
  });
});
