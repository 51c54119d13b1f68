/**
 * Applying to become a reseller, through build/Code.js: the universal action "Become a reseller"
 * shows the form (or what is needed, or the status), "Send application" checks every field and
 * stores the application once, and the applicant sees its status on every later homepage at the
 * homepage's usual cost. Hostile text comes back as text; duplicates, resellers, linked domains,
 * personal accounts and forged calls write nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { allWidgets, type AddonClient } from '../../dev/runtime/client';
import type { CardJson } from '../../dev/runtime/card-service';
import { actionEvent, homepageEvent } from '../../dev/runtime/events';
import type { ExecutionResult } from '../../dev/runtime/execution';
import type { Identity } from '../../dev/runtime/host';
import { PROPERTY_STORE_MAX_BYTES } from '../../dev/runtime/limits';
import type { LocalRuntime } from '../../dev/runtime/runtime';
import { encodeRolesOnly } from '../../src/domain/organisation';
import { listOutbox } from '../../src/store/outbox';
import { FIELDS } from '../../src/ui/actions';
import { de } from '../../src/ui/i18n/de';
import { en, type MessageKey } from '../../src/ui/i18n/en';
import {
  chooseReseller,
  client,
  domainRecord,
  outboxValues,
  runtimeWith,
  storedState,
  user,
} from '../support/addon';

const manifest = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', 'build', 'appsscript.json'), 'utf8'),
) as { addOns: { common: { universalActions?: { label: string; runFunction?: string }[] } } };

type Lang = 'en' | 'de';
const CATALOGUES = { en, de } as const;
const SUPPORT = 'support@reseller-connect.example';

function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The universal action from the menu: its card goes on top of the stack, with its inputs' values. */
function becomeReseller(runtime: LocalRuntime, c: AddonClient): ExecutionResult {
  const result = runtime.run({
    functionName: 'onBecomeReseller',
    identity: c.identity,
    event: actionEvent(c.identity, {}, runtime.host.now()),
  });
  if (!result.ok) throw new Error(`onBecomeReseller failed: ${result.error?.message ?? '?'}`);
  const value = result.value as { action?: { navigations?: { pushCard: CardJson }[] } };
  const cards = (value.action?.navigations ?? []).map((n) => n.pushCard);
  expect(cards).toHaveLength(1);
  c.stack = [c.stack[0] as CardJson, ...cards];
  c.notification = undefined;
  // Gmail sends what an input holds, also a value the card filled in.
  for (const widget of allWidgets(c.card))
    if (widget.textInput?.name && widget.textInput.value)
      c.type(widget.textInput.name, widget.textInput.value);
  return result;
}

interface Form {
  company: string;
  contactName: string;
  contactEmail?: string;
  country: string;
  website?: string;
  message?: string;
}

function fill(c: AddonClient, form: Form): void {
  c.type(FIELDS.applicationCompany, form.company);
  c.type(FIELDS.applicationContactName, form.contactName);
  if (form.contactEmail !== undefined) c.type(FIELDS.applicationContactEmail, form.contactEmail);
  c.type(FIELDS.applicationCountry, form.country);
  if (form.website !== undefined) c.type(FIELDS.applicationWebsite, form.website);
  if (form.message !== undefined) c.type(FIELDS.applicationMessage, form.message);
}

const VALID: Form = {
  company: 'Cloud Partner GmbH',
  contactName: 'Clara Berger',
  country: 'de',
  website: 'https://www.cloud-partner.example',
  message: 'We look after 40 customers in Bavaria.',
};

function text(c: AddonClient): string {
  return c.texts().join('\n');
}

function inputValue(c: AddonClient, name: string): string | undefined {
  return allWidgets(c.card).find((w) => w.textInput?.name === name)?.textInput?.value;
}

/** The control characters in a text (line breaks aside). */
function controlCharacters(value: string): string[] {
  return [...value].filter((c) => (c.charCodeAt(0) < 0x20 && c !== '\n') || c.charCodeAt(0) === 0x7f);
}

function homepage(runtime: LocalRuntime, who: Identity): ExecutionResult {
  return runtime.run({
    functionName: 'onHomepage',
    identity: who,
    event: homepageEvent(who, runtime.host.now()),
  });
}

describe('the manifest', () => {
  it('lists "Become a reseller" after Help', () => {
    expect(manifest.addOns.common.universalActions).toEqual([
      { label: 'Help', runFunction: 'onHelp' },
      { label: 'Become a reseller', runFunction: 'onBecomeReseller' },
    ]);
  });
});

describe.each<Lang>(['en', 'de'])('applying (%s)', (lang) => {
  it('shows the form for the own domain, stores the application once, and shows its status from then on', () => {
    const runtime = runtimeWith();
    const clara = client(runtime, user('clara@cloud-partner.example', lang));
    const opened = becomeReseller(runtime, clara);
    expect(opened.budgetCalls).toBeLessThanOrEqual(2);
    expect(clara.card.name).toBe('applicationForm');
    expect(text(clara)).toContain(t(lang, 'apply.intro'));
    expect(text(clara)).toContain('cloud-partner.example');
    // The domain is shown, never asked; the contact address is the user's own.
    expect(inputValue(clara, FIELDS.applicationContactEmail)).toBe('clara@cloud-partner.example');
    expect(allWidgets(clara.card).some((w) => /domain/i.test(w.textInput?.name ?? ''))).toBe(false);

    fill(clara, VALID);
    const sent = clara.click(t(lang, 'apply.send'));
    expect(sent.budgetCalls).toBeLessThanOrEqual(8);
    expect(clara.notification).toBe(t(lang, 'apply.sent'));
    expect(clara.card.name).toBe('applicationStatus');
    expect(text(clara)).toContain(
      t(lang, 'apply.thanks', { domain: 'cloud-partner.example', email: 'clara@cloud-partner.example' }),
    );
    expect(domainRecord(runtime, 'cloud-partner.example')).toMatch(/:a:cloud-partner\.example/);
    const outbox = outboxValues(runtime);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toContain('Cloud Partner GmbH');
    expect(outbox[0]).toContain('DE');

    // Every later open: the homepage says it, at the cost of a homepage without an application.
    const colleague = user('dora@cloud-partner.example', lang);
    const home = homepage(runtime, colleague);
    const plain = homepage(runtime, user('nora@no-application.example', lang));
    expect(home.ok).toBe(true);
    expect(home.budgetCalls).toBe(plain.budgetCalls);
    expect(home.budgetCalls).toBeLessThanOrEqual(3);
    const dora = client(runtime, colleague);
    expect(dora.card.name).toBe('question');
    expect(text(dora)).toContain(t(lang, 'apply.section', { status: t(lang, 'apply.word.applied') }));
    // The action itself shows the status, not the form again.
    becomeReseller(runtime, dora);
    expect(dora.card.name).toBe('applicationStatus');
    expect(text(dora)).toContain(t(lang, 'apply.status.applied', { domain: 'cloud-partner.example' }));
  });

  it('shows the status on the homepage of an organisation that has answered', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@kunde-partner.example', lang));
    anna.runAction({
      function: 'onAnswerDirect',
      parameters: [{ key: 'domain', value: 'kunde-partner.example' }],
    });
    const before = homepage(runtime, anna.identity).budgetCalls;
    becomeReseller(runtime, anna);
    fill(anna, { ...VALID, website: '' });
    anna.click(t(lang, 'apply.send'));
    expect(anna.notification).toBe(t(lang, 'apply.sent'));
    const after = homepage(runtime, anna.identity);
    expect(after.budgetCalls).toBe(before);
    anna.openHomepage();
    expect(anna.card.name).toBe('status');
    expect(text(anna)).toContain(t(lang, 'status.directIntro', { domain: 'kunde-partner.example' }));
    expect(text(anna)).toContain(t(lang, 'apply.section', { status: t(lang, 'apply.word.applied') }));
  });

  it('shows every problem on the form, next to what was typed, and stores nothing', () => {
    const runtime = runtimeWith();
    const clara = client(runtime, user('clara@cloud-partner.example', lang));
    becomeReseller(runtime, clara);
    const before = storedState(runtime);
    fill(clara, {
      company: '  ',
      contactName: 'Clara Berger',
      contactEmail: 'clara@elsewhere.example',
      country: 'Germany',
      website: 'cloud-partner',
    });
    const result = clara.click(t(lang, 'apply.send'));
    expect(result.budgetCalls).toBe(1);
    expect(clara.card.name).toBe('applicationForm');
    const shown = text(clara);
    expect(shown).toContain(t(lang, 'apply.problems.many', { count: 4 }));
    expect(shown).toContain(t(lang, 'apply.problem.company.missing'));
    expect(shown).toContain(t(lang, 'apply.problem.emailNotInDomain', { domain: 'cloud-partner.example' }));
    expect(shown).toContain(t(lang, 'apply.problem.badCountry'));
    expect(shown).toContain(t(lang, 'apply.problem.badWebsite', { domain: 'cloud-partner.example' }));
    // What was typed is still there, to correct.
    expect(inputValue(clara, FIELDS.applicationContactName)).toBe('Clara Berger');
    expect(inputValue(clara, FIELDS.applicationContactEmail)).toBe('clara@elsewhere.example');
    expect(inputValue(clara, FIELDS.applicationCountry)).toBe('GERMANY');
    expect(storedState(runtime)).toBe(before);

    fill(clara, { ...VALID, contactEmail: 'clara@cloud-partner.example' });
    clara.click(t(lang, 'apply.send'));
    expect(clara.notification).toBe(t(lang, 'apply.sent'));
  });
});

describe('hostile text', () => {
  const FORMULA = '=HYPERLINK("https://evil.example","Click")';
  const MARKUP = '<a href="https://evil.example">x</a><script>alert(1)</script>&amp;';

  it('comes back as text, cut, with a message, and is stored as text once it fits', () => {
    const runtime = runtimeWith();
    const clara = client(runtime, user('clara@cloud-partner.example'));
    becomeReseller(runtime, clara);
    const before = storedState(runtime);
    fill(clara, {
      company: `${FORMULA} ${MARKUP}`,
      contactName: 'Clara\u0000\u0007 Berger\u001b\u202e',
      country: 'DE',
      message: '<b>spam</b>'.repeat(1000),
    });
    clara.click('Send application');
    expect(clara.card.name).toBe('applicationForm');
    expect(text(clara)).toContain(t('en', 'apply.problem.tooLong', { max: 2000, count: 11_000 }));
    expect(storedState(runtime)).toBe(before);
    // Values stay values: plain text in the inputs, never markup in the card's formatted text.
    expect(inputValue(clara, FIELDS.applicationCompany)).toBe(`${FORMULA} ${MARKUP}`);
    expect((inputValue(clara, FIELDS.applicationMessage) ?? '').length).toBeLessThanOrEqual(4000);
    expect(controlCharacters(inputValue(clara, FIELDS.applicationContactName) ?? '')).toEqual([]);
    const formatted = JSON.stringify(
      allWidgets(clara.card).map((w) => [w.textParagraph?.text, w.decoratedText?.text]),
    );
    expect(formatted).not.toContain('<script');
    expect(formatted).not.toContain('<a href');

    fill(clara, {
      company: `${FORMULA} ${MARKUP}`,
      contactName: 'Clara\u0000\u0007 Berger\u001b',
      country: 'DE',
      message: `${MARKUP}\n${'x'.repeat(1500)}`,
    });
    clara.click('Send application');
    expect(clara.notification).toBe('Application sent. Thank you!');
    const [change] = listOutbox(runtime.host.scriptProperties.getAll()).changes;
    const application = change?.type === 'applied' ? change.application : undefined;
    // Kept as typed, as text (the Sheet is written RAW), control characters made spaces.
    expect(application?.company).toBe(`${FORMULA} ${MARKUP}`);
    expect(application?.contactName).toBe('Clara Berger');
    expect(application?.message.startsWith(`${MARKUP}\n`)).toBe(true);
    expect(controlCharacters(JSON.stringify(application))).toEqual([]);
    expect(JSON.stringify(clara.card)).not.toContain('<script');
  });

  it('of 10,000 characters in every field is refused field by field, and nothing is stored', () => {
    const runtime = runtimeWith();
    const clara = client(runtime, user('clara@cloud-partner.example', 'de'));
    becomeReseller(runtime, clara);
    const before = storedState(runtime);
    const huge = '=1+1<i>'.repeat(1430);
    fill(clara, {
      company: huge,
      contactName: huge,
      contactEmail: huge,
      country: huge,
      website: huge,
      message: huge,
    });
    const result = clara.click('Bewerbung senden');
    expect(result.ok).toBe(true);
    expect(text(clara)).toContain(t('de', 'apply.problems.many', { count: 6 }));
    expect(storedState(runtime)).toBe(before);
    for (const widget of allWidgets(clara.card))
      expect((widget.textInput?.value ?? '').length).toBeLessThanOrEqual(4000);
  });
});

describe('applications that are refused', () => {
  it('a second application of the same domain: nothing is sent again', () => {
    const runtime = runtimeWith();
    const clara = client(runtime, user('clara@cloud-partner.example'));
    const dora = client(runtime, user('dora@cloud-partner.example', 'de'));
    becomeReseller(runtime, clara);
    // Dora opened the form before Clara sent hers.
    becomeReseller(runtime, dora);
    fill(clara, VALID);
    clara.click('Send application');
    const before = storedState(runtime);
    fill(dora, { ...VALID, contactName: 'Dora Berger' });
    dora.click('Bewerbung senden');
    expect(dora.notification).toBe(t('de', 'apply.alreadyOpen', { domain: 'cloud-partner.example' }));
    expect(dora.card.name).toBe('applicationStatus');
    expect(storedState(runtime)).toBe(before);
    expect(outboxValues(runtime)).toHaveLength(1);
  });

  it.each<Lang>(['en', 'de'])('a domain that is already a reseller (%s)', (lang) => {
    const runtime = runtimeWith();
    // What the sync writes for an approved reseller's domain.
    runtime.host.scriptProperties.setAll(
      {
        'd:mueller-it.de': encodeRolesOnly([
          { resellerId: 'R-00001', status: 'approved', member: 'mueller-it.de' },
        ]),
      },
      false,
    );
    const info = client(runtime, user('info@mueller-it.de', lang));
    // Not the applicant's to show: the homepage adds nothing for an approved reseller here.
    expect(text(info)).not.toContain(t(lang, 'apply.section', { status: '' }).trim());
    becomeReseller(runtime, info);
    expect(info.card.name).toBe('applicationStatus');
    expect(text(info)).toContain(t(lang, 'apply.status.approved', { domain: 'mueller-it.de' }));
    // The form of a stale sidebar, sent anyway.
    const before = storedState(runtime);
    const result = runtime.run({
      functionName: 'onSubmitApplication',
      identity: info.identity,
      event: actionEvent(info.identity, {
        parameters: { domain: 'mueller-it.de' },
        formInputs: {
          [FIELDS.applicationCompany]: 'Müller IT',
          [FIELDS.applicationContactName]: 'Max Müller',
          [FIELDS.applicationContactEmail]: 'info@mueller-it.de',
          [FIELDS.applicationCountry]: 'DE',
        },
      }),
    });
    expect(JSON.stringify(result.value)).toContain(
      JSON.stringify(t(lang, 'apply.alreadyReseller', { domain: 'mueller-it.de' })).slice(1, -1),
    );
    expect(storedState(runtime)).toBe(before);
  });

  it('a rejected applicant sees why and may apply again', () => {
    const runtime = runtimeWith();
    runtime.host.scriptProperties.setAll(
      {
        'd:cloud-partner.example': encodeRolesOnly([
          { resellerId: 'R-00900', status: 'rejected', member: 'cloud-partner.example' },
        ]),
      },
      false,
    );
    const clara = client(runtime, user('clara@cloud-partner.example'));
    expect(text(clara)).toContain('Your reseller application: not accepted');
    becomeReseller(runtime, clara);
    expect(clara.card.name).toBe('applicationForm');
    expect(text(clara)).toContain('Our team has not accepted the application of cloud-partner.example.');
    fill(clara, VALID);
    clara.click('Send application');
    expect(clara.notification).toBe('Application sent. Thank you!');
    expect(text(client(runtime, user('clara@cloud-partner.example')))).toContain(
      'Your reseller application: received, our team will send you the agreement',
    );
  });

  it.each<[string, string, Lang, MessageKey]>([
    ['a personal gmail.com account', 'max.mustermann@gmail.com', 'de', 'apply.personal.text'],
    ['an account whose domain hides the email', '', 'en', 'apply.hidden.text'],
  ])('%s is told what is needed, and cannot send anything', (_, email, lang, key) => {
    const runtime = runtimeWith();
    const who = client(runtime, user(email, lang));
    becomeReseller(runtime, who);
    expect(who.card.name).toBe('applicantAccount');
    expect(text(who)).toContain(t(lang, key, { email, support: SUPPORT }));
    const before = storedState(runtime);
    const result = runtime.run({
      functionName: 'onSubmitApplication',
      identity: who.identity,
      event: actionEvent(who.identity, {
        parameters: { domain: 'gmail.com' },
        formInputs: {
          [FIELDS.applicationCompany]: 'Max GmbH',
          [FIELDS.applicationContactName]: 'Max',
          [FIELDS.applicationContactEmail]: email || 'max@gmail.com',
          [FIELDS.applicationCountry]: 'DE',
        },
      }),
    });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result.value)).toContain('applicantAccount');
    expect(storedState(runtime)).toBe(before);
  });

  it('a busy lock and a full store: a clear message, the form kept, nothing changed', () => {
    const runtime = runtimeWith();
    const clara = client(runtime, user('clara@cloud-partner.example'));
    becomeReseller(runtime, clara);
    fill(clara, VALID);
    const before = storedState(runtime);
    const release = runtime.host.holdLockExternally('script');
    clara.click('Send application');
    release();
    expect(clara.notification).toBe(t('en', 'error.busy'));
    expect(clara.card.name).toBe('applicationForm');
    expect(storedState(runtime)).toBe(before);

    const store = runtime.host.scriptProperties;
    for (let i = 0; store.usedBytes() < PROPERTY_STORE_MAX_BYTES - 8200; i++)
      store.setAll({ [`filler:${i}`]: 'x'.repeat(8000) }, false);
    store.setAll({ 'filler:last': 'x'.repeat(PROPERTY_STORE_MAX_BYTES - store.usedBytes() - 20) }, false);
    const full = storedState(runtime);
    clara.click('Send application');
    expect(clara.notification).toBe(t('en', 'error.storeFull', { support: SUPPORT }));
    expect(clara.card.name).toBe('applicationForm');
    expect(storedState(runtime)).toBe(full);
  });
});

describe('a linked domain', () => {
  const OWNER = user('owner@resellerconnect.example');
  const SAM = 'sam@resellerconnect.example';

  /** kunde.at belongs to kunde.example (support added it), which chose Müller IT. */
  function linked(): LocalRuntime {
    const runtime = runtimeWith();
    const owner = (fn: string): void => {
      const result = runtime.run({ functionName: fn, identity: OWNER, event: {} });
      if (!result.ok) throw new Error(`${fn} failed: ${result.error?.message ?? '?'}`);
    };
    owner('setup');
    const id = runtime.host.scriptProperties.get('s:sheet') ?? '';
    const row = runtime.host.sheets.readTab(id, 'Settings').findIndex((r) => r[0] === 'supportStaff') + 1;
    runtime.host.sheets.editCell(id, 'Settings', `B${row}`, SAM);
    chooseReseller(client(runtime, user('anna@kunde.example')), 'Müller IT');
    owner('syncNow');
    const sam = client(runtime, user(SAM));
    sam.type('supportDomain', 'kunde.at');
    sam.click('Show organisation');
    sam.type('supportOrganisation', 'kunde.example');
    sam.click('Add kunde.at to it');
    expect(sam.notification).toBe('kunde.at now belongs to kunde.example.');
    return runtime;
  }

  it.each<Lang>(['en', 'de'])(
    'applies from its organisation’s domain, and nothing is stored (%s)',
    (lang) => {
      const runtime = linked();
      const eva = client(runtime, user('eva@kunde.at', lang));
      becomeReseller(runtime, eva);
      expect(eva.card.name).toBe('applicationLinked');
      const params = { domain: 'kunde.at', organisation: 'kunde.example' };
      expect(text(eva)).toContain(t(lang, 'apply.linked.text', { ...params, support: SUPPORT }));
      const before = storedState(runtime);
      const answer = runtime.run({
        functionName: 'onSubmitApplication',
        identity: eva.identity,
        event: actionEvent(eva.identity, {
          parameters: { domain: 'kunde.at' },
          formInputs: {
            [FIELDS.applicationCompany]: 'Kunde Austria',
            [FIELDS.applicationContactName]: 'Eva',
            [FIELDS.applicationContactEmail]: 'eva@kunde.at',
            [FIELDS.applicationCountry]: 'AT',
          },
        }),
      });
      expect(JSON.stringify(answer.value)).toContain(t(lang, 'apply.linked.notice', params));
      expect(storedState(runtime)).toBe(before);
    },
  );
});

describe('forged calls', () => {
  const form = (contactEmail: string): Record<string, string> => ({
    [FIELDS.applicationCompany]: 'Cloud Partner GmbH',
    [FIELDS.applicationContactName]: 'Clara Berger',
    [FIELDS.applicationContactEmail]: contactEmail,
    [FIELDS.applicationCountry]: 'DE',
  });

  function submit(runtime: LocalRuntime, who: Identity, input: Parameters<typeof actionEvent>[1]) {
    const result = runtime.run({
      functionName: 'onSubmitApplication',
      identity: who,
      event: actionEvent(who, input, runtime.host.now()),
    });
    expect(result.ok).toBe(true);
    return JSON.stringify(result.value);
  }

  it('a domain parameter naming another domain is refused', () => {
    const runtime = runtimeWith();
    const carl = user('carl@other.example');
    const before = storedState(runtime);
    const answer = submit(runtime, carl, {
      parameters: { domain: 'cloud-partner.example' },
      formInputs: form('carl@other.example'),
    });
    expect(answer).toContain(t('en', 'error.wrongOrganisation'));
    expect(storedState(runtime)).toBe(before);
  });

  it('form inputs naming another domain never choose the domain: it is the signed-in account’s', () => {
    const runtime = runtimeWith();
    const carl = user('carl@other.example');
    const before = storedState(runtime);
    // An address at the other domain is refused …
    const refused = submit(runtime, carl, {
      formInputs: { ...form('clara@cloud-partner.example'), domain: 'cloud-partner.example' },
    });
    expect(refused).toContain(t('en', 'apply.problem.emailNotInDomain', { domain: 'other.example' }));
    expect(storedState(runtime)).toBe(before);
    // … and with one of its own, the application is Carl's domain's, whatever else the inputs say.
    submit(runtime, carl, {
      parameters: { domain: 'other.example' },
      formInputs: {
        ...form('carl@other.example'),
        domain: 'cloud-partner.example',
        applicationDomain: 'cloud-partner.example',
      },
    });
    expect(domainRecord(runtime, 'other.example')).toMatch(/:a:other\.example/);
    expect(domainRecord(runtime, 'cloud-partner.example')).toBeNull();
    expect(outboxValues(runtime).join('\n')).not.toContain('cloud-partner.example');
  });

  it('a forged event (parameters that are not strings) writes nothing', () => {
    const runtime = runtimeWith();
    const carl = user('carl@other.example');
    const before = storedState(runtime);
    const event = actionEvent(carl, { formInputs: form('carl@other.example') }, runtime.host.now());
    (event.commonEventObject as unknown as { parameters: unknown }).parameters = {
      domain: ['other.example'],
    };
    const result = runtime.run({ functionName: 'onSubmitApplication', identity: carl, event });
    expect(JSON.stringify(result.value)).toContain(t('en', 'error.staleCard'));
    expect(storedState(runtime)).toBe(before);
  });
});
