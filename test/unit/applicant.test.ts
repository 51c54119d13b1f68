/**
 * The applicant's room (src/ui/applicant/) on in-memory services: the cards of "Become a reseller",
 * what "Send application" shows and stores, and the status section the customer's homepage adds.
 */
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import type { CardModel, SectionModel } from '../../src/cards/card-model';
import { escapeHtml } from '../../src/cards/html';
import { encodeRolesOnly, type DomainRole } from '../../src/domain/organisation';
import type { ResellerStatus } from '../../src/domain/reseller';
import { KEYS } from '../../src/store/keys';
import { listOutbox } from '../../src/store/outbox';
import { ACTIONS, FIELDS } from '../../src/ui/actions';
import {
  APPLICANT_ACCOUNT_CARD,
  APPLICATION_FORM_CARD,
  APPLICATION_PROBLEM_CARD,
  APPLICATION_STATUS_CARD,
  applicantAccountCard,
  applicationFormCard,
  applicationRole,
  applicationStatusCard,
  linkedDomainCard,
  problemCard,
  applicationSection,
  EMPTY_INPUT,
} from '../../src/ui/applicant/cards';
import { createApplicantFlow } from '../../src/ui/applicant/flow';
import { createFlow } from '../../src/ui/customer/flow';
import { LATER_CARD } from '../../src/ui/customer/later';
import { QUESTION_CARD } from '../../src/ui/customer/question';
import { STATUS_CARD } from '../../src/ui/customer/status';
import { createView } from '../../src/ui/view';
import {
  addonEvent as event,
  captureConsole,
  actionsOf,
  mailtoLinks,
  MemoryServices,
  readCard,
  shownCard,
  SUPPORT_EMAIL,
  unsafeHtmlOf,
  widgetsOf,
} from '../support/memory-ports';

const NOW = Date.UTC(2026, 10, 23, 9, 30, 0);
const VIEWER = 'clara@cloud-partner.de';
const DOMAIN = 'cloud-partner.de';
const EN = createView('en', {});
const DE = createView('de', {});

function world(email = VIEWER): MemoryServices {
  return new MemoryServices({ resellers: DEMO_RESELLERS, now: NOW, email });
}

const applicant = (w: MemoryServices) => createApplicantFlow(w.services());

const role = (status: ResellerStatus, member = DOMAIN): DomainRole => ({ resellerId: '', status, member });

function withRole(w: MemoryServices, ...roles: DomainRole[]): void {
  w.script.data.set(KEYS.domain(DOMAIN), encodeRolesOnly(roles));
  w.resetCalls();
}

const VALID = {
  [FIELDS.applicationCompany]: 'Cloud Partner GmbH',
  [FIELDS.applicationContactName]: 'Clara Berger',
  [FIELDS.applicationContactEmail]: VIEWER,
  [FIELDS.applicationCountry]: 'de',
};

const submit = (form: Record<string, string>, locale = 'en', parameters = { domain: DOMAIN }) =>
  event({ locale, parameters, form });

function inputNames(card: CardModel): string[] {
  return widgetsOf(card).flatMap((w) => (w.kind === 'textInput' ? [w.name] : []));
}

function inputValue(card: CardModel, name: string): string | undefined {
  const input = widgetsOf(card).find((w) => w.kind === 'textInput' && w.name === name);
  return input?.kind === 'textInput' ? input.value : undefined;
}

/** The text of the paragraph right after the input `name` (where its problem is shown), if any. */
function problemAfter(card: CardModel, name: string): string | undefined {
  const widgets = widgetsOf(card);
  const at = widgets.findIndex((w) => w.kind === 'textInput' && w.name === name);
  const next = widgets[at + 1];
  return next?.kind === 'paragraph'
    ? readCard({ name: '', title: '', sections: [{ widgets: [next] }] }).trim()
    : undefined;
}

function sectionText(section: SectionModel | undefined): string {
  return section ? readCard({ name: '', title: '', sections: [section] }).trim() : '';
}

describe('applicationSection: the homepage’s words for an application', () => {
  it.each<[ResellerStatus, string, string]>([
    [
      'applied',
      'received, our team will send you the agreement',
      'eingegangen, unser Team schickt Ihnen den Vertrag',
    ],
    [
      'agreement_sent',
      'agreement sent, please check your inbox',
      'Vertrag verschickt, bitte sehen Sie in Ihrem Posteingang nach',
    ],
    ['agreement_signed', 'agreement signed, we are reviewing it', 'Vertrag unterschrieben, wir prüfen ihn'],
    ['rejected', 'not accepted', 'nicht angenommen'],
  ])('says %s in plain words, in English and German', (status, english, german) => {
    expect(sectionText(applicationSection(EN, role(status)))).toBe(`Your reseller application: ${english}`);
    expect(sectionText(applicationSection(DE, role(status)))).toBe(`Ihre Reseller-Bewerbung: ${german}`);
  });

  it('leaves approved and suspended resellers, and users without a role, to others', () => {
    expect(applicationSection(EN, role('approved'))).toBeUndefined();
    expect(applicationSection(EN, role('suspended'))).toBeUndefined();
    expect(applicationSection(EN, undefined)).toBeUndefined();
  });

  it('takes the domain’s own role first, else one naming the user, never another user’s', () => {
    const mine = role('applied');
    const contact = role('approved', VIEWER);
    const other = role('rejected', 'dora@cloud-partner.de');
    expect(applicationRole([contact, other, mine], VIEWER)).toBe(mine);
    expect(applicationRole([other, contact], 'Clara@Cloud-Partner.de')).toBe(contact);
    expect(applicationRole([other], VIEWER)).toBeUndefined();
    expect(applicationRole(undefined, VIEWER)).toBeUndefined();
  });
});

describe('the application form', () => {
  it('asks every field but the domain, which it shows; the contact email is the user’s', () => {
    const w = world();
    const card = applicant(w).becomeReseller(event());
    expect(card.name).toBe(APPLICATION_FORM_CARD);
    expect(inputNames(card)).toEqual([
      FIELDS.applicationCompany,
      FIELDS.applicationContactName,
      FIELDS.applicationContactEmail,
      FIELDS.applicationCountry,
      FIELDS.applicationWebsite,
      FIELDS.applicationMessage,
    ]);
    expect(inputValue(card, FIELDS.applicationContactEmail)).toBe(VIEWER);
    expect(readCard(card)).toContain(`Google Workspace domain\n${DOMAIN}`);
    expect(readCard(card)).toContain('Two-letter code, e.g. DE (Germany)');
    expect(card.footer?.primary).toEqual({
      text: 'Send application',
      action: { functionName: ACTIONS.submitApplication, parameters: { domain: DOMAIN }, spinner: true },
      filled: true,
    });
    const message = widgetsOf(card).find(
      (x) => x.kind === 'textInput' && x.name === FIELDS.applicationMessage,
    );
    expect(message).toMatchObject({ multiline: true });
    // One read: the domain's record, with its role.
    expect(w.script.calls).toEqual({ get: 1, getAll: 0, setAll: 0, delete: 0 });
  });

  it('is in German for a German user', () => {
    const card = applicant(world()).becomeReseller(event({ locale: 'de-DE' }));
    expect(card.title).toBe('Reseller werden');
    expect(card.footer?.primary.text).toBe('Bewerbung senden');
    expect(readCard(card)).toContain('Google-Workspace-Domain');
  });

  it('keeps typed markup as input values and escapes everything it interpolates', () => {
    const hostile = '<b>x</b> & "y"';
    const card = applicationFormCard(EN, 'a-b.example', {
      input: { ...EMPTY_INPUT, company: hostile, message: hostile },
      problems: { company: `Problem with ${hostile}` },
    });
    expect(inputValue(card, FIELDS.applicationCompany)).toBe(hostile);
    expect(problemAfter(card, FIELDS.applicationCompany)).toBe(`Problem with ${hostile}`);
    expect(unsafeHtmlOf(card)).toEqual([]);
  });
});

describe('becomeReseller: who sees what', () => {
  it('tells a personal gmail.com account what is needed, reading nothing', () => {
    const w = world('Max@GMail.com');
    const card = applicant(w).becomeReseller(event({ locale: 'de' }));
    expect(card.name).toBe(APPLICANT_ACCOUNT_CARD);
    expect(readCard(card)).toContain('privaten Google-Konto angemeldet (max@gmail.com)');
    expect(w.script.totalCalls()).toBe(0);
  });

  it('tells a hidden account how to reach support', () => {
    const w = world('');
    const card = applicant(w).becomeReseller(event());
    expect(card.name).toBe(APPLICANT_ACCOUNT_CARD);
    expect(readCard(card)).toContain(SUPPORT_EMAIL);
  });

  it.each<[ResellerStatus, string]>([
    ['applied', 'We have received the application of cloud-partner.de.'],
    ['agreement_sent', 'please check your inbox'],
    ['agreement_signed', 'are reviewing it now'],
    ['approved', 'cloud-partner.de is already one of our resellers'],
    ['suspended', `suspended at the moment. Please write to our support team at ${SUPPORT_EMAIL}`],
  ])('shows the status %s instead of the form', (status, words) => {
    const w = world();
    withRole(w, role(status));
    const card = applicant(w).becomeReseller(event());
    expect(card.name).toBe(APPLICATION_STATUS_CARD);
    expect(readCard(card)).toContain(words);
    expect(inputNames(card)).toEqual([]);
  });

  it('shows a rejection above the form: a rejected applicant may apply again', () => {
    const w = world();
    withRole(w, role('rejected'));
    const card = applicant(w).becomeReseller(event());
    expect(card.name).toBe(APPLICATION_FORM_CARD);
    expect(readCard(card)).toContain('Our team has not accepted the application of cloud-partner.de.');
    expect(readCard(card)).toContain('You may apply again:');
  });

  const logged = captureConsole();

  it('says so when the domain’s record cannot be read', () => {
    const w = world();
    w.script.data.set(KEYS.domain(DOMAIN), 'P00\tgarbage');
    const card = applicant(w).becomeReseller(event());
    expect(card.name).toBe(APPLICATION_PROBLEM_CARD);
    expect(readCard(card)).toContain(SUPPORT_EMAIL);
    expect(logged.error).toHaveBeenCalledWith(expect.stringContaining('cloud-partner.de cannot be read'));
  });
});

describe('submitApplication', () => {
  it('stores the application once, with the applied role, and thanks the user', () => {
    const w = world();
    const response = applicant(w).submitApplication(submit(VALID));
    const card = shownCard(response);
    expect(card.name).toBe(APPLICATION_STATUS_CARD);
    expect(response.notification).toBe('Application sent. Thank you!');
    expect(response.stateChanged).toBe(true);
    expect(readCard(card)).toContain(`Our team will send you the agreement at ${VIEWER}.`);
    expect(w.script.calls.setAll).toBe(1);
    const changes = listOutbox(w.script.snapshot()).changes;
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      type: 'applied',
      domain: DOMAIN,
      actorEmail: VIEWER,
      application: { company: 'Cloud Partner GmbH', country: 'DE', contactEmail: VIEWER },
    });
  });

  it('shows the first problem of every field next to it, keeps what was typed, writes nothing', () => {
    const w = world();
    const response = applicant(w).submitApplication(
      submit(
        {
          [FIELDS.applicationCompany]: 'x'.repeat(201),
          [FIELDS.applicationContactEmail]: 'not an address',
          [FIELDS.applicationCountry]: 'Deutschland',
          [FIELDS.applicationWebsite]: 'www',
        },
        'de',
      ),
    );
    const card = shownCard(response);
    expect(card.name).toBe(APPLICATION_FORM_CARD);
    expect(readCard(card)).toContain('die 5 unten markierten Felder');
    expect(problemAfter(card, FIELDS.applicationCompany)).toBe(
      'Das ist zu lang: Höchstens 200 Zeichen (es sind 201).',
    );
    expect(problemAfter(card, FIELDS.applicationContactName)).toBe(
      'Geben Sie den Namen der Person ein, die wir kontaktieren sollen.',
    );
    expect(problemAfter(card, FIELDS.applicationContactEmail)).toBe(
      'Das ist keine E-Mail-Adresse. Schreiben Sie sie wie name@cloud-partner.de.',
    );
    expect(problemAfter(card, FIELDS.applicationCountry)).toBe(
      'Geben Sie den zweistelligen Ländercode ein, z. B. DE für Deutschland.',
    );
    expect(problemAfter(card, FIELDS.applicationWebsite)).toMatch(/^Geben Sie die ganze Webadresse ein/);
    expect(problemAfter(card, FIELDS.applicationMessage)).toBeUndefined();
    expect(inputValue(card, FIELDS.applicationCompany)).toBe('x'.repeat(201));
    expect(inputValue(card, FIELDS.applicationCountry)).toBe('DEUTSCHLAND');
    expect(w.writes()).toBe(0);
    expect(w.script.totalCalls()).toBe(0);
  });

  it('says one field when one is wrong', () => {
    const w = world();
    const card = shownCard(
      applicant(w).submitApplication(submit({ ...VALID, [FIELDS.applicationCountry]: '' })),
    );
    expect(readCard(card)).toContain('Nothing was sent yet: please correct the field marked below.');
  });

  it.each<[string, ResellerStatus, string]>([
    [
      'an open application',
      'agreement_sent',
      'cloud-partner.de has already applied, so nothing was sent again.',
    ],
    ['a reseller', 'approved', 'cloud-partner.de is already one of our resellers, so nothing was sent.'],
  ])('refuses %s with a clear message and its status', (_, status, message) => {
    const w = world();
    withRole(w, role(status));
    const response = applicant(w).submitApplication(submit(VALID));
    expect(response.notification).toBe(message);
    expect(shownCard(response).name).toBe(APPLICATION_STATUS_CARD);
    expect(w.writes()).toBe(0);
  });

  it('refuses a busy lock and a full store, keeping the form', () => {
    const w = world();
    w.lock.busy = true;
    const busy = applicant(w).submitApplication(submit(VALID));
    expect(busy).toEqual({
      navigation: [],
      notification:
        'Many people are saving at this moment. Nothing was changed: please try again in a few seconds.',
    });
    w.lock.busy = false;
    w.script.full = true;
    const full = applicant(w).submitApplication(submit(VALID, 'de'));
    expect(full.navigation).toEqual([]);
    expect(full.notification).toContain('Speicher voll');
    expect(full.notification).toContain(SUPPORT_EMAIL);
    expect(w.script.data.has(KEYS.domain(DOMAIN))).toBe(false);
  });

  it('takes the domain from the account only: a parameter naming another is refused', () => {
    const w = world();
    const response = applicant(w).submitApplication(submit(VALID, 'en', { domain: 'mueller-it.de' }));
    expect(response.notification).toBe(
      'This card belongs to another organisation or account. Nothing was changed: please reopen the add-on.',
    );
    expect(w.writes()).toBe(0);
  });

  it('shows a personal account what is needed instead of sending', () => {
    const w = world('max@gmail.com');
    const response = applicant(w).submitApplication(
      submit({ ...VALID, [FIELDS.applicationContactEmail]: 'max@gmail.com' }, 'en', { domain: 'gmail.com' }),
    );
    expect(shownCard(response).name).toBe(APPLICANT_ACCOUNT_CARD);
    expect(w.writes()).toBe(0);
  });
});

describe('the customer’s homepage with an application', () => {
  const home = (w: MemoryServices, locale = 'en') => createFlow(w.services()).homepage(event({ locale }));

  it('adds the status to the question card, with no extra read', () => {
    const w = world();
    const before = home(w);
    const calls = w.script.totalCalls() + w.userStore().totalCalls();
    withRole(w, role('agreement_sent'));
    w.userStore().resetCalls();
    const card = home(w, 'de');
    expect(card.name).toBe(QUESTION_CARD);
    expect(card.sections).toHaveLength(before.sections.length + 1);
    expect(readCard(card)).toContain(
      'Ihre Reseller-Bewerbung: Vertrag verschickt, bitte sehen Sie in Ihrem Posteingang nach',
    );
    expect(w.script.totalCalls() + w.userStore().totalCalls()).toBe(calls);
  });

  it('adds it to the status card and the snoozed card too', () => {
    const w = world();
    const flow = createFlow(w.services());
    withRole(w, role('applied'));
    expect(flow.answerLater(event()).navigation).toHaveLength(1);
    const later = home(w);
    expect(later.name).toBe(LATER_CARD);
    expect(readCard(later)).toContain('Your reseller application: received');
    flow.answerDirect(event({ parameters: { domain: DOMAIN } }));
    const status = home(w);
    expect(status.name).toBe(STATUS_CARD);
    expect(readCard(status)).toContain('Your reseller application: received');
  });

  it('adds nothing for an approved reseller (the reseller’s view decides) or without a role', () => {
    const w = world();
    const plain = readCard(home(w));
    withRole(w, role('approved'));
    expect(readCard(home(w))).toBe(plain);
    expect(plain).not.toContain('Your reseller application');
  });
});

describe('every card of the room', () => {
  const HOSTILE = '<b>x</b>&"y"';
  const hostileSupport = `a<b>&"'@x.example`;
  const cards = (view: typeof EN): CardModel[] => [
    applicantAccountCard(view, { kind: 'personal', email: `${HOSTILE}@gmail.com` }),
    applicantAccountCard(view, { kind: 'hidden', supportEmail: hostileSupport }),
    applicationFormCard(view, HOSTILE, {
      input: {
        company: HOSTILE,
        contactName: HOSTILE,
        contactEmail: HOSTILE,
        country: HOSTILE,
        website: HOSTILE,
        message: HOSTILE,
      },
      problems: { company: HOSTILE, domain: HOSTILE, message: HOSTILE },
      before: { role: role('rejected', HOSTILE), supportEmail: () => hostileSupport },
    }),
    ...(['applied', 'agreement_sent', 'agreement_signed', 'approved', 'suspended', 'rejected'] as const).map(
      (status) =>
        applicationStatusCard(
          view,
          HOSTILE,
          role(status, HOSTILE),
          () => hostileSupport,
          status === 'applied' ? HOSTILE : undefined,
        ),
    ),
    linkedDomainCard(view, HOSTILE, HOSTILE, hostileSupport),
    problemCard(view, HOSTILE, escapeHtml(HOSTILE)),
  ];

  it.each<[string, typeof EN]>([
    ['en', EN],
    ['de', DE],
  ])(
    'escapes outside text, links the support address exactly, and only runs its own actions (%s)',
    (_, view) => {
      for (const card of cards(view)) {
        expect(unsafeHtmlOf(card)).toEqual([]);
        for (const link of mailtoLinks(card)) expect(link).toBe(hostileSupport);
        for (const action of actionsOf(card))
          expect([ACTIONS.submitApplication]).toContain(action.functionName);
        expect(readCard(card)).not.toMatch(/\{\w+\}/);
      }
      // The hidden account, the suspended reseller and the linked domain name support.
      expect(cards(view).flatMap(mailtoLinks)).toHaveLength(3);
    },
  );
});
