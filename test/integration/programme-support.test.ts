/**
 * Support's side of the reseller programme (issue 10), through build/Code.js: the homepage lists
 * the applications waiting for a step, "Send agreement" records the step and gives support the
 * mail as a mailto: link (subject and text from the Settings tab, or the add-on's own), the
 * applicant's reply with the signed PDF offers "Mark agreement signed" (recording the message and
 * the file), and "Approve" ends it. Every step the state machine does not allow is refused with a
 * message and writes nothing; so do a rejection or suspension without a reason, forged parameters,
 * and any caller who is not support.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddonClient } from '../../dev/runtime/client';
import type { CardJson } from '../../dev/runtime/card-service';
import { actionEvent, gmailMessageEvent } from '../../dev/runtime/events';
import type { StoredAttachment } from '../../dev/runtime/gmail';
import type { LocalRuntime } from '../../dev/runtime/runtime';
import type { AgreementFile } from '../../src/domain/assignment';
import { decodeDomainText } from '../../src/domain/organisation';
import { checkTransition } from '../../src/domain/programme';
import type { ResellerStatus } from '../../src/domain/reseller';
import { commitApplication, commitTransition } from '../../src/store/programme';
import { client, lockOf, runtimeWith, scriptState, sheetIdOf, storeOf, user } from '../support/addon';

const ROOT = path.resolve(__dirname, '..', '..');
const OWNER = user('owner@resellerconnect.example');
const SAM = 'sam@resellerconnect.example';
const DOMAIN = 'partner-it.example';
const PETRA = `petra@${DOMAIN}`;
const SIGNED: StoredAttachment = {
  name: 'Vertrag-signiert.pdf',
  contentType: 'application/pdf',
  size: 245_760,
};
const AGREEMENT: AgreementFile = { messageId: 'abc123', ...SIGNED };

const prefixes =
  (
    JSON.parse(fs.readFileSync(path.join(ROOT, 'build', 'appsscript.json'), 'utf8')) as {
      addOns: { common: { openLinkUrlPrefixes?: string[] } };
    }
  ).addOns.common.openLinkUrlPrefixes ?? [];

function run(runtime: LocalRuntime, functionName: string): string {
  const result = runtime.run({ functionName, identity: OWNER, event: {} });
  if (!result.ok) throw new Error(`${functionName} failed: ${result.error?.message ?? '?'}`);
  return result.logs.join('\n');
}

const sheetId = sheetIdOf;

/** Setup, Sam listed as support (and any other settings) in the Settings tab, one sync. */
function withSupport(settings: Record<string, string> = {}): LocalRuntime {
  const runtime = runtimeWith();
  run(runtime, 'setup');
  const id = sheetId(runtime);
  const rows = runtime.host.sheets.readTab(id, 'Settings');
  for (const [name, value] of Object.entries({ supportStaff: SAM, ...settings })) {
    const row = rows.findIndex((r) => r[0] === name) + 1;
    expect({ name, row: row > 0 }).toEqual({ name, row: true });
    runtime.host.sheets.editCell(id, 'Settings', `B${row}`, value);
  }
  run(runtime, 'syncNow');
  return runtime;
}

/** Petra applies for partner-it.example (as the applicant's card would, through the store). */
function applied(runtime: LocalRuntime, domain = DOMAIN, company = 'Partner IT GmbH'): void {
  const result = commitApplication(storeOf(runtime), lockOf(runtime), {
    application: {
      company,
      domain,
      contactName: 'Petra Partner',
      contactEmail: `petra@${domain}`,
      country: 'DE',
      website: '',
      message: '',
    },
    actorEmail: `petra@${domain}`,
    clock: () => runtime.host.now(),
  });
  expect(result).toEqual({ outcome: 'applied' });
}

/** Support's steps taken directly in the store, to reach a status for a test. */
function stepTo(runtime: LocalRuntime, path: readonly ResellerStatus[], domain = DOMAIN): void {
  for (const to of path) {
    const result = commitTransition(storeOf(runtime), lockOf(runtime), {
      domain,
      to,
      reason: 'set up by the test',
      actorEmail: SAM,
      clock: () => runtime.host.now(),
      ...(to === 'agreement_signed' ? { agreement: AGREEMENT } : {}),
    });
    expect(result).toMatchObject({ outcome: 'saved', to });
  }
}

const PATHS: Record<ResellerStatus, readonly ResellerStatus[]> = {
  applied: [],
  agreement_sent: ['agreement_sent'],
  agreement_signed: ['agreement_sent', 'agreement_signed'],
  approved: ['agreement_sent', 'agreement_signed', 'approved'],
  suspended: ['agreement_sent', 'agreement_signed', 'approved', 'suspended'],
  rejected: ['rejected'],
};

function roleOf(runtime: LocalRuntime, domain = DOMAIN): ResellerStatus | undefined {
  const text = storeOf(runtime).get(`d:${domain}`) ?? '';
  return decodeDomainText(domain, text)?.roles.find((r) => r.member === domain)?.status;
}

/** The link buttons (OpenLink) of a card: their text and URL. */
function linkButtons(card: CardJson): { text: string; url: string }[] {
  const found: { text: string; url: string }[] = [];
  for (const section of card.sections ?? [])
    for (const widget of (section.widgets ?? []) as { buttonList?: { buttons?: unknown[] } }[])
      for (const button of (widget.buttonList?.buttons ?? []) as {
        text?: string;
        onClick?: { openLink?: { url?: string } };
      }[])
        if (button.onClick?.openLink?.url)
          found.push({ text: button.text ?? '', url: button.onClick.openLink.url });
  return found;
}

/** Support opens an email from `from` carrying `attachments`: the contextual trigger's card. */
function openMail(
  runtime: LocalRuntime,
  from: string,
  attachments: StoredAttachment[],
  locale = 'en',
): CardJson {
  const messageId = runtime.host.gmail.addMessage({
    from,
    to: SAM,
    subject: 'Re: Reseller agreement',
    attachments,
  });
  const identity = user(SAM, locale);
  const result = runtime.run({
    functionName: 'onGmailMessage',
    identity,
    event: gmailMessageEvent(identity, messageId, runtime.host.gmail.accessToken(messageId)),
  });
  if (!result.ok) throw new Error(result.error?.message ?? '?');
  const value = result.value as CardJson | CardJson[];
  return Array.isArray(value) ? (value[0] as CardJson) : value;
}

/** A card action called as Gmail would, with these parameters and form inputs; its notification. */
function callAction(
  runtime: LocalRuntime,
  who: string,
  functionName: string,
  parameters: Record<string, string>,
  formInputs: Record<string, string> = {},
  locale = 'en',
): { notification: string; json: string } {
  const identity = user(who, locale);
  const result = runtime.run({
    functionName,
    identity,
    event: actionEvent(identity, { parameters, formInputs }),
  });
  if (!result.ok) throw new Error(`${functionName} failed: ${result.error?.message ?? '?'}`);
  const value = result.value as { action?: { notification?: { text?: string } } };
  return { notification: value.action?.notification?.text ?? '', json: JSON.stringify(result.value) };
}

function markSignedParameters(domain = DOMAIN): Record<string, string> {
  return {
    domain,
    messageId: 'abc123',
    name: SIGNED.name,
    contentType: SIGNED.contentType,
    size: String(SIGNED.size),
  };
}

const TEXTS = {
  en: {
    header: 'Reseller programme',
    group: 'Applied (1)',
    open: 'Open',
    send: 'Send agreement',
    mark: 'Mark agreement signed',
    approve: 'Approve',
    reject: 'Reject',
    mailButton: 'Write the agreement mail',
    subject: 'Reseller agreement for Partner IT GmbH',
    body: 'Hello Petra Partner,',
    attach: 'attach the agreement PDF',
    sent: 'Recorded: the agreement is sent to partner-it.example.',
    signed: 'Recorded: partner-it.example signed the agreement (Vertrag-signiert.pdf).',
    approved: 'Saved: partner-it.example is now “Approved”.',
    size: 'Vertrag-signiert.pdf (240 KB)',
    statusSigned: 'Agreement signed',
    noPdf: 'This email carries no PDF file.',
  },
  de: {
    header: 'Reseller-Programm',
    group: 'Beworben (1)',
    open: 'Öffnen',
    send: 'Vertrag senden',
    mark: 'Vertrag als unterschrieben markieren',
    approve: 'Freigeben',
    reject: 'Ablehnen',
    mailButton: 'Mail mit dem Vertrag schreiben',
    subject: 'Reseller-Vertrag für Partner IT GmbH',
    body: 'Guten Tag Petra Partner,',
    attach: 'Vertrags-PDF an die Mail an',
    sent: 'Festgehalten: Der Vertrag geht an partner-it.example.',
    signed: 'Festgehalten: partner-it.example hat den Vertrag unterschrieben (Vertrag-signiert.pdf).',
    approved: 'Gespeichert: partner-it.example ist jetzt „Freigegeben“.',
    size: 'Vertrag-signiert.pdf (240 KB)',
    statusSigned: 'Vertrag unterschrieben',
    noPdf: 'Diese E-Mail hat keine PDF-Datei.',
  },
} as const;

describe.each(['en', 'de'] as const)('support takes an application to approval (%s)', (locale) => {
  const q = TEXTS[locale];

  it('lists it, sends the agreement as a mailto: link, marks the signed PDF from the reply, approves', () => {
    const runtime = withSupport();
    applied(runtime);
    const sam: AddonClient = client(runtime, user(SAM, locale));
    const home = sam.texts().join('\n');
    expect(home).toContain(q.header);
    expect(home).toContain(q.group);
    expect(home).toContain('Partner IT GmbH');

    sam.click(q.open);
    expect(sam.card.name).toBe('supportReseller');
    expect(sam.texts()).toEqual(expect.arrayContaining([q.send, q.reject]));
    expect(sam.texts()).not.toContain(q.approve);
    expect(linkButtons(sam.card)).toEqual([]);

    sam.click(q.send);
    expect(sam.notification).toContain(q.sent);
    expect(roleOf(runtime)).toBe('agreement_sent');
    const [mail, ...others] = linkButtons(sam.card);
    expect(others).toEqual([]);
    expect(mail?.text).toBe(q.mailButton);
    const url = new URL(mail?.url ?? '');
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe(PETRA);
    expect(url.searchParams.get('subject')).toBe(q.subject);
    const body = url.searchParams.get('body') ?? '';
    expect(body.startsWith(q.body)).toBe(true);
    expect(body).toContain(DOMAIN);
    expect(body).toContain('\r\n\r\n');
    expect(prefixes.some((p) => mail?.url.startsWith(p))).toBe(true);
    // No agreementLink in the Settings tab: support is told to attach the PDF.
    expect(sam.texts().join('\n')).toContain(q.attach);

    // Petra's reply: the PDF is offered, the PNG is not.
    const card = openMail(
      runtime,
      `Petra Partner <${PETRA}>`,
      [
        SIGNED,
        { name: 'logo.png', contentType: 'image/png', size: 2_000 },
        { name: 'inline.png', contentType: 'image/png', size: 900, inline: true },
      ],
      locale,
    );
    expect(card.name).toBe('supportReseller');
    const shown = JSON.stringify(card);
    expect(shown).toContain(SIGNED.name);
    expect(shown).not.toContain('logo.png');
    sam.stack = [card];
    sam.click(q.mark);
    expect(sam.notification).toBe(q.signed);
    expect(roleOf(runtime)).toBe('agreement_signed');
    const signedCard = sam.texts().join('\n');
    expect(signedCard).toContain(q.statusSigned);
    expect(signedCard).toContain(q.size);

    sam.click(q.approve);
    expect(sam.notification).toBe(q.approved);
    expect(roleOf(runtime)).toBe('approved');

    // The outbox carries every step, the agreement with it, to the Sheet.
    const outbox = Object.entries(storeOf(runtime).getAll())
      .filter(([key]) => key.startsWith('o:'))
      .map(([, value]) => value)
      .join('\n');
    expect(outbox).toContain(SIGNED.name);
    run(runtime, 'syncNow');
    const row = runtime.host.sheets.readTab(sheetId(runtime), 'Resellers').find((r) => r[3] === DOMAIN);
    expect(row?.[6]).toBe('approved');
    const audit = runtime.host.sheets
      .readTab(sheetId(runtime), 'Audit')
      .map((r) => r.join(' '))
      .join('\n');
    expect(audit).toContain(SIGNED.name);
    expect(audit).toContain(SAM);
  });

  it('offers nothing to mark on a reply without a PDF', () => {
    const runtime = withSupport();
    applied(runtime);
    stepTo(runtime, ['agreement_sent']);
    const card = openMail(
      runtime,
      PETRA,
      [{ name: 'scan.jpg', contentType: 'image/jpeg', size: 10 }],
      locale,
    );
    const json = JSON.stringify(card);
    expect(json).toContain(q.noPdf);
    expect(json).not.toContain('onSupportMarkSigned');
  });
});

describe('the agreement mail from the Settings tab', () => {
  it('uses the template and the link the Settings tab gives, with its placeholders filled', () => {
    const runtime = withSupport({
      agreementSubject: 'Ihr Vertrag, {company}',
      agreementText: 'Hallo {contactName},\nbitte unterschreiben: {link}\n({domain})',
      agreementLink: 'https://vendor.example/vertrag.pdf',
    });
    applied(runtime);
    stepTo(runtime, ['agreement_sent']);
    const sam = client(runtime, user(SAM));
    sam.click('Open');
    const url = new URL(linkButtons(sam.card)[0]?.url ?? '');
    expect(url.searchParams.get('subject')).toBe('Ihr Vertrag, Partner IT GmbH');
    expect(url.searchParams.get('body')).toBe(
      'Hallo Petra Partner,\r\nbitte unterschreiben: https://vendor.example/vertrag.pdf\r\n(partner-it.example)',
    );
    expect(sam.texts().join('\n')).not.toContain('attach the agreement PDF');
  });

  it('flags a link that is not https and keeps the add-on’s own text', () => {
    const runtime = withSupport({ agreementLink: 'javascript:alert(1)' });
    const rows = runtime.host.sheets.readTab(sheetId(runtime), 'Settings');
    expect(rows.find((r) => r[0] === 'agreementLink')?.[2]).toMatch(/https:\/\//);
    applied(runtime);
    stepTo(runtime, ['agreement_sent']);
    const sam = client(runtime, user(SAM));
    sam.click('Open');
    expect(linkButtons(sam.card)[0]?.url).not.toContain('javascript');
  });
});

describe('steps the state machine does not allow', () => {
  const TARGETS: readonly ResellerStatus[] = [
    'agreement_sent',
    'agreement_signed',
    'approved',
    'rejected',
    'suspended',
  ];
  const cases = (Object.keys(PATHS) as ResellerStatus[]).flatMap((from) =>
    TARGETS.filter((to) => !checkTransition(from, to).ok).map((to) => [from, to] as const),
  );

  it.each(cases)('from %s to %s: refused with a message, nothing written', (from, to) => {
    const runtime = withSupport();
    applied(runtime);
    stepTo(runtime, PATHS[from]);
    const before = scriptState(runtime);
    const { notification } =
      to === 'agreement_signed'
        ? callAction(runtime, SAM, 'onSupportMarkSigned', markSignedParameters())
        : callAction(
            runtime,
            SAM,
            'onSupportTransition',
            { domain: DOMAIN, to },
            { supportReason: 'because' },
          );
    expect(notification).toMatch(/Nothing was changed\.$/);
    expect(scriptState(runtime)).toBe(before);
    expect(roleOf(runtime)).toBe(from);
  });

  it.each([
    ['applied', 'approved', 'en', 'Approve needs a signed agreement first. Nothing was changed.'],
    ['agreement_sent', 'approved', 'en', 'Approve needs a signed agreement first. Nothing was changed.'],
    [
      'applied',
      'approved',
      'de',
      '„Freigeben“ braucht zuerst einen unterschriebenen Vertrag. Nichts wurde geändert.',
    ],
    [
      'applied',
      'agreement_signed',
      'en',
      'Mark agreement signed needs the agreement sent first. Nothing was changed.',
    ],
    ['applied', 'suspended', 'en', 'Suspend is not possible while it is “Applied”. Nothing was changed.'],
    [
      'rejected',
      'approved',
      'en',
      'Approve is not possible: the application was rejected. Nothing was changed.',
    ],
    ['approved', 'approved', 'en', 'It is “Approved” already. Nothing was changed.'],
    [
      'approved',
      'agreement_sent',
      'de',
      '„Vertrag senden“ geht nicht, solange der Stand „Freigegeben“ ist. Nichts wurde geändert.',
    ],
  ] as const)('from %s to %s (%s) says why', (from, to, locale, message) => {
    const runtime = withSupport();
    applied(runtime);
    stepTo(runtime, PATHS[from]);
    const before = scriptState(runtime);
    const { notification, json } =
      to === 'agreement_signed'
        ? callAction(runtime, SAM, 'onSupportMarkSigned', markSignedParameters(), {}, locale)
        : callAction(
            runtime,
            SAM,
            'onSupportTransition',
            { domain: DOMAIN, to },
            { supportReason: 'x' },
            locale,
          );
    expect(notification).toBe(message);
    // The card says it too, up to date.
    expect(json).toContain('supportReseller');
    expect(scriptState(runtime)).toBe(before);
  });
});

describe('a rejection or a suspension needs a reason', () => {
  it('refuses Reject and Suspend without one, and takes them with one; Reinstate approves again', () => {
    const runtime = withSupport();
    applied(runtime);
    stepTo(runtime, PATHS.agreement_signed);
    const sam = client(runtime, user(SAM));
    sam.click('Open');
    let before = scriptState(runtime);
    sam.click('Reject');
    expect(sam.notification).toBe(
      'Give a reason for the rejection: it goes into the Audit tab. Nothing was changed.',
    );
    expect(scriptState(runtime)).toBe(before);
    sam.click('Approve');
    expect(roleOf(runtime)).toBe('approved');
    before = scriptState(runtime);
    sam.type('supportReason', '   ');
    sam.click('Suspend');
    expect(sam.notification).toContain('Give a reason for the suspension');
    expect(scriptState(runtime)).toBe(before);
    sam.type('supportReason', 'Contract ended');
    sam.click('Suspend');
    expect(roleOf(runtime)).toBe('suspended');
    expect(sam.texts()).toContain('Reinstate');
    sam.click('Reinstate');
    expect(roleOf(runtime)).toBe('approved');
    run(runtime, 'syncNow');
    const audit = runtime.host.sheets
      .readTab(sheetId(runtime), 'Audit')
      .map((r) => r.join(' '))
      .join('\n');
    expect(audit).toContain('Contract ended');
  });

  it('rejects an application with a reason: no step is left', () => {
    const runtime = withSupport();
    applied(runtime);
    const sam = client(runtime, user(SAM));
    sam.click('Open');
    sam.type('supportReason', 'Not a Google Workspace reseller');
    sam.click('Reject');
    expect(sam.notification).toBe('Saved: partner-it.example is now “Rejected”.');
    expect(roleOf(runtime)).toBe('rejected');
    expect(sam.texts()).not.toContain('Approve');
    expect(sam.texts().join('\n')).toContain('The company may apply again.');
  });
});

describe('forged calls', () => {
  it.each(['mallory@partner-it.example', 'kim@resellerconnect.example', 'anna@kunde.example'])(
    'by %s (not support) change nothing and get their own homepage',
    (who) => {
      const runtime = withSupport();
      applied(runtime);
      stepTo(runtime, PATHS.agreement_signed);
      const before = scriptState(runtime);
      for (const [functionName, parameters] of [
        ['onSupportTransition', { domain: DOMAIN, to: 'approved' }],
        ['onSupportTransition', { domain: DOMAIN, to: 'rejected' }],
        ['onSupportMarkSigned', markSignedParameters()],
        ['onSupportReseller', { domain: DOMAIN }],
      ] as const) {
        const { json } = callAction(runtime, who, functionName, parameters, { supportReason: 'mine' });
        expect(json).not.toContain('supportReseller');
        expect(json).toContain('popToRoot');
      }
      expect(scriptState(runtime)).toBe(before);
    },
  );

  it.each([
    ['onSupportTransition', { domain: DOMAIN, to: 'applied' }],
    ['onSupportTransition', { domain: DOMAIN, to: 'agreement_signed' }],
    ['onSupportTransition', { domain: 'not a domain', to: 'approved' }],
    ['onSupportTransition', { domain: DOMAIN }],
    ['onSupportMarkSigned', { ...markSignedParameters(), contentType: 'image/png', name: 'x.png' }],
    ['onSupportMarkSigned', { ...markSignedParameters(), size: '-1' }],
    ['onSupportMarkSigned', { ...markSignedParameters(), messageId: '' }],
    ['onSupportMarkSigned', { ...markSignedParameters(), name: 'a\u0000.pdf' }],
    ['onSupportMarkSigned', { ...markSignedParameters(), name: `${'x'.repeat(300)}.pdf` }],
  ] as const)('by support with forged parameters (%s %j) change nothing', (functionName, parameters) => {
    const runtime = withSupport();
    applied(runtime);
    stepTo(runtime, PATHS.agreement_sent);
    const before = scriptState(runtime);
    const { notification } = callAction(runtime, SAM, functionName, parameters, { supportReason: 'x' });
    expect(notification).toBe('This card is out of date. Nothing was changed: please reopen the add-on.');
    expect(scriptState(runtime)).toBe(before);
  });

  it('mark signed with the open email of another sender, or a file it does not carry, changes nothing', () => {
    const runtime = withSupport();
    applied(runtime);
    stepTo(runtime, PATHS.agreement_sent);
    const other = runtime.host.gmail.addMessage({
      from: 'eve@elsewhere.example',
      to: SAM,
      attachments: [SIGNED],
    });
    const own = runtime.host.gmail.addMessage({ from: PETRA, to: SAM, attachments: [SIGNED] });
    const before = scriptState(runtime);
    const identity = user(SAM);
    for (const [messageId, name] of [
      [other, SIGNED.name],
      [own, 'other.pdf'],
    ] as const) {
      const event = actionEvent(identity, { parameters: { ...markSignedParameters(), messageId, name } });
      const result = runtime.run({
        functionName: 'onSupportMarkSigned',
        identity,
        event: { ...event, gmail: { messageId, accessToken: runtime.host.gmail.accessToken(messageId) } },
      });
      expect(JSON.stringify(result.value)).toContain('This card is out of date');
    }
    expect(scriptState(runtime)).toBe(before);
    // The same call for the file the email does carry is recorded.
    const event = actionEvent(identity, { parameters: { ...markSignedParameters(), messageId: own } });
    runtime.run({
      functionName: 'onSupportMarkSigned',
      identity,
      event: { ...event, gmail: { messageId: own, accessToken: runtime.host.gmail.accessToken(own) } },
    });
    expect(roleOf(runtime)).toBe('agreement_signed');
  });
});

describe('the current-message scope', () => {
  it('reads attachments only under gmail.addons.current.message.readonly: without it, the permission card', () => {
    const runtime = withSupport();
    applied(runtime);
    stepTo(runtime, PATHS.agreement_sent);
    // The built manifest's scopes (the Firestore build's add script.external_request).
    const manifest = { oauthScopes: runtime.manifest.oauthScopes ?? [] };
    const readonly = 'https://www.googleapis.com/auth/gmail.addons.current.message.readonly';
    expect(manifest.oauthScopes).toContain(readonly);
    expect(manifest.oauthScopes.filter((s) => s.includes('gmail.addons.current.message'))).toEqual([
      readonly,
    ]);
    runtime.host.authorization.setCase(SAM, 'updateNotGranted', manifest.oauthScopes, readonly);
    const card = JSON.stringify(openMail(runtime, PETRA, [SIGNED]));
    expect(card).toContain('Partially granted');
    expect(card).not.toContain('onSupportMarkSigned');
  });

  it('an email from a domain without an application still shows the organisation card', () => {
    const runtime = withSupport();
    const card = openMail(runtime, 'anna@kunde.example', [SIGNED]);
    expect(card.name).toBe('supportOrganisation');
  });
});
