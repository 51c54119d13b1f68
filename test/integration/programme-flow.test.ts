/**
 * The whole reseller programme through build/Code.js and the cards people click, in English and
 * German: a company applies from the "Become a reseller" action, the owner's sync adds it to the
 * Resellers tab, support sends the agreement, marks the signed PDF from the applicant's reply and
 * approves, the next sync puts the reseller into the customers' typeahead, the reseller's staff see
 * their view, invite a customer with a code, and find that customer in the view.
 */
import { actionEvent, gmailMessageEvent } from '../../dev/runtime/events';
import type { AddonClient } from '../../dev/runtime/client';
import type { CardJson } from '../../dev/runtime/card-service';
import type { LocalRuntime } from '../../dev/runtime/runtime';
import { CATALOGUES, type MessageKey } from '../../src/ui/i18n';
import {
  client,
  onPropertiesOnly,
  reportFirestore,
  runAsOwner,
  runtimeWithSupport,
  sheetIdOf,
  user,
} from '../support/addon';

const SAM = 'sam@resellerconnect.example';
const PETRA = 'petra@nordlicht-it.example';

type Lang = 'en' | 'de';
const t = (lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string =>
  CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );

const run = runAsOwner;
const sheetId = sheetIdOf;
const resellerRow = (runtime: LocalRuntime) =>
  runtime.host.sheets.readTab(sheetId(runtime), 'Resellers').find((r) => r[3] === 'nordlicht-it.example');

/** A card on top of the client's stack, as Gmail shows a universal action's or a trigger's card. */
function show(c: AddonClient, card: CardJson): void {
  c.stack = [c.stack[0] as CardJson, card];
  c.notification = undefined;
}

describe.each<Lang>(['en', 'de'])('the reseller programme, start to end (%s)', (lang) => {
  it('applies, is approved by support, appears in the typeahead, invites a customer and sees it', () => {
    const runtime = runtimeWithSupport(SAM);

    // Petra applies from the universal action.
    const petra = client(runtime, user(PETRA, lang));
    const opened = runtime.run({
      functionName: 'onBecomeReseller',
      identity: petra.identity,
      event: actionEvent(petra.identity, {}, runtime.host.now()),
    });
    const pushed = (opened.value as { action?: { navigations?: { pushCard: CardJson }[] } }).action
      ?.navigations?.[0]?.pushCard;
    expect(pushed).toBeDefined();
    show(petra, pushed as CardJson);
    petra.type('applicationCompany', 'Nordlicht Systemhaus GmbH');
    petra.type('applicationContactName', 'Petra Nord');
    petra.type('applicationContactEmail', PETRA);
    petra.type('applicationCountry', 'DE');
    petra.click(t(lang, 'apply.send'));
    onPropertiesOnly(() => expect(petra.last.budgetCalls).toBeLessThanOrEqual(8));
    reportFirestore(`programme (${lang}): apply ${petra.last.httpRoundTrips} round trips`);
    run(runtime, 'syncNow');
    expect(resellerRow(runtime)?.[6]).toBe('applied');

    // Support sends the agreement from the programme list.
    const sam = client(runtime, user(SAM, lang));
    sam.click(t(lang, 'support.programme.open'));
    sam.click(t(lang, 'support.programme.sendAgreement'));
    expect(sam.texts().join('\n')).toContain(t(lang, 'support.programme.mail.button'));

    // Petra's reply carries the signed PDF: support marks it from the opened mail.
    const messageId = runtime.host.gmail.addMessage({
      from: `Petra Nord <${PETRA}>`,
      to: SAM,
      subject: 'Re: Vertrag',
      attachments: [{ name: 'Vertrag-unterschrieben.pdf', contentType: 'application/pdf', size: 120_000 }],
    });
    const mail = runtime.run({
      functionName: 'onGmailMessage',
      identity: sam.identity,
      event: gmailMessageEvent(sam.identity, messageId, runtime.host.gmail.accessToken(messageId)),
    });
    const contextual = mail.value as CardJson | CardJson[];
    show(sam, Array.isArray(contextual) ? (contextual[0] as CardJson) : contextual);
    sam.click(t(lang, 'support.programme.markSigned'));
    sam.click(t(lang, 'support.programme.approve'));
    run(runtime, 'syncNow');
    expect(resellerRow(runtime)?.[6]).toBe('approved');
    expect(resellerRow(runtime)?.[7]).toMatch(
      /Signed agreement \d{4}-\d\d-\d\d: Vertrag-unterschrieben\.pdf/,
    );
    const audit = runtime.host.sheets
      .readTab(sheetId(runtime), 'Audit')
      .filter((r) => r[3] === 'resellerStatus');
    expect(audit.map((r) => r[5])).toEqual([
      'agreement sent',
      expect.stringMatching(
        /^agreement signed — .*Vertrag-unterschrieben\.pdf \(application\/pdf, 120000 bytes\)$/,
      ),
      'approved',
    ]);

    // A customer finds the new reseller.
    const olga = client(runtime, user('olga@kunde.example', lang));
    olga.click(t(lang, 'question.hasReseller'));
    expect(olga.suggest('resellerQuery', 'Nordlicht')[0]).toMatch(/^Nordlicht Systemhaus GmbH/);

    // Petra's homepage is her reseller view now; she invites Eva's organisation.
    petra.openHomepage();
    expect(petra.texts().join('\n')).toContain(t(lang, 'reseller.title'));
    petra.click(t(lang, 'reseller.invite'));
    const code = petra.texts().find((line) => /^[2-9A-Z]{4}-[2-9A-Z]{4}$/.test(line)) ?? '';
    expect(code).not.toBe('');
    const eva = client(runtime, user('eva@neukunde.example', lang));
    eva.type('invitationCode', code);
    eva.click(t(lang, 'invitation.button'));
    expect(eva.texts().join('\n')).toContain('Nordlicht Systemhaus GmbH');
    eva.click(t(lang, 'confirm.share'));
    petra.openHomepage();
    petra.click(t(lang, 'reseller.refresh'));
    expect(petra.texts().join('\n')).toContain('neukunde.example');
  });
});
