/**
 * The simulator's demo data: the curated reseller directory, a few customers already assigned (one
 * buying directly, one with a change request waiting for support), and the backing Sheet filled by
 * one sync, and an inbox of a few mails for each identity with an address (support's from the demo
 * customers and a personal gmail.com sender). Everything is set up by running the bundle's own
 * callbacks and the owner's entry points, so the stored data has exactly the bundle's format.
 */
import { loadDirectory } from '../runtime/adapters';
import { actionEvent } from '../runtime/events';
import type { StoredAttachment } from '../runtime/gmail';
import type { LocalRuntime } from '../runtime/runtime';
import { DEMO_RESELLERS } from '../demo/resellers';
import { KEYS } from '../../src/store/keys';
import { findIdentity } from './identities';
import { runOwnerFunction, type OwnerAction } from './owner';

const DAY = 24 * 60 * 60 * 1000;

export function seedDemo(runtime: LocalRuntime): void {
  const host = runtime.host;
  host.restore({ version: 1, clockOffsetMs: 0, scriptProperties: {}, userProperties: {} });
  loadDirectory(host, DEMO_RESELLERS, 'demo');
  const run = (
    identityId: string,
    functionName: string,
    parameters: Record<string, string> = {},
    formInputs: Record<string, string> = {},
  ): void => {
    const who = findIdentity(identityId);
    if (!who) throw new Error(`No demo identity ${identityId}`);
    const identity = { email: who.email, locale: who.locale, timeZone: who.timeZone };
    const result = runtime.run({
      functionName,
      identity,
      event: actionEvent(identity, { parameters, formInputs }, host.now()),
    });
    if (!result.ok) throw new Error(`Seeding demo data failed in ${functionName}: ${result.error?.message}`);
  };
  // Set up in the past, so that the cards show real "since" dates.
  host.advanceClock(-40 * DAY);
  run('carla', 'onConfirmReseller', { resellerId: 'R-00005' });
  host.advanceClock(10 * DAY);
  run('david', 'onConfirmReseller', { resellerId: 'R-00009' });
  run('emma', 'onAnswerDirect');
  host.advanceClock(27 * DAY);
  run(
    'david',
    'onSubmitChangeRequest',
    {},
    { changeReason: 'Wir wechseln zum 1. Januar zu Zürcher Informatik AG.' },
  );
  host.advanceClock(3 * DAY);
  if (seedSheet(runtime)) {
    // Support adds the Austrian subsidiary's domain to Acme Logistik, and the sync writes it down.
    run(
      'support',
      'onSupportLink',
      { domain: 'acme-logistik.at' },
      { supportOrganisation: 'acme-logistik.de', supportReason: 'Österreichische Tochter der Acme Logistik' },
    );
    runOwnerFunction(runtime, 'sync');
    // Müller IT's staff opened their reseller view once, so the demo reseller sees it at once.
    run('reseller', 'onClaimResellerRole');
    // Petra's company applied; support sent the agreement, and her signed copy waits in the inbox.
    run(
      'petra',
      'onSubmitApplication',
      { domain: 'nordlicht-it.de' },
      {
        applicationCompany: 'Nordlicht Systemhaus GmbH',
        applicationContactName: 'Petra Nord',
        applicationContactEmail: 'petra.nord@nordlicht-it.de',
        applicationCountry: 'DE',
        applicationWebsite: 'https://nordlicht-it.de',
        applicationMessage: 'Wir betreuen rund 40 Kunden in Norddeutschland mit Google Workspace.',
      },
    );
    runOwnerFunction(runtime, 'sync');
    run('support', 'onSupportTransition', { domain: 'nordlicht-it.de', to: 'agreement_sent' });
    // The demo starts with nothing waiting for the Sheet.
    runOwnerFunction(runtime, 'sync');
  }
  for (const mail of DEMO_MAILS) {
    host.gmail.addMessage({
      messageId: mail.messageId,
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      ...(mail.attachments ? { attachments: [...mail.attachments] } : {}),
    });
  }
}

/**
 * A demo mail. The Gmail fake stores what a script may read (from, to, subject) under the id;
 * what only the simulator's inbox shows (when it arrived, its text) stays here, found by the id.
 */
export interface DemoMail {
  /** Fixed, as Gmail's ids look (16 hex digits), so that a reset gives the same inbox. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  /** How long before the simulated now the mail arrived. */
  minutesAgo: number;
  body: string;
  /** Files the mail carries (what a script may read of them: name, type, size). */
  attachments?: readonly StoredAttachment[];
}

const SUPPORT = 'support@resellerconnect.example';
const HOUR = 60;

export const DEMO_MAILS: readonly DemoMail[] = [
  {
    messageId: '18c3a0d2e5f10001',
    from: 'David Huber <david.huber@hafen-spedition.at>',
    to: SUPPORT,
    subject: 'Unser Resellerwechsel zum 1. Januar',
    minutesAgo: 35,
    body: 'Guten Tag, vor drei Tagen haben wir im Add-on eine Änderung angefragt: Wir wechseln zum 1. Januar zu Zürcher Informatik AG. Können Sie das bestätigen? Viele Grüße, David Huber',
  },
  {
    messageId: '18c3a0d2e5f10002',
    from: 'Carla Meyer <carla.meyer@acme-logistik.de>',
    to: SUPPORT,
    subject: 'Rechnung unseres Resellers',
    minutesAgo: 3 * HOUR,
    body: 'Hallo, unser Reseller hat uns Lizenzen berechnet, die wir nicht bestellt haben. Ist er bei Ihnen richtig für uns eingetragen? Danke, Carla Meyer',
  },
  {
    messageId: '18c3a0d2e5f10006',
    from: 'Felix Gruber <felix.gruber@acme-logistik.at>',
    to: SUPPORT,
    subject: 'Gilt unser Reseller auch für Österreich?',
    minutesAgo: 5 * HOUR,
    body: 'Grüß Gott, wir sind die österreichische Tochter der Acme Logistik. Gilt der Reseller unserer Mutter auch für uns? Beste Grüße, Felix Gruber',
  },
  {
    messageId: '18c3a0d2e5f10007',
    from: 'Petra Nord <petra.nord@nordlicht-it.de>',
    to: SUPPORT,
    subject: 'Re: Reseller-Vertrag für Nordlicht Systemhaus GmbH',
    minutesAgo: 20,
    body: 'Guten Tag, anbei der unterschriebene Vertrag. Viele Grüße, Petra Nord',
    attachments: [
      { name: 'Reseller-Vertrag-unterschrieben.pdf', contentType: 'application/pdf', size: 184_320 },
    ],
  },
  {
    messageId: '18c3a0d2e5f10003',
    from: 'Anna Schmidt <anna.schmidt@kunde-gmbh.de>',
    to: SUPPORT,
    subject: 'Was fragt Ihr Add-on eigentlich?',
    minutesAgo: 26 * HOUR,
    body: 'Guten Tag, das Add-on fragt mich nach unserem Reseller. Ich weiß nicht, ob wir einen haben. Wen sollte ich fragen? Anna Schmidt',
  },
  {
    messageId: '18c3a0d2e5f10004',
    from: 'Tom Becker <tom.becker.privat@gmail.com>',
    to: SUPPORT,
    subject: 'Question about my Google account',
    minutesAgo: 50 * HOUR,
    body: 'Hi, I use Gmail at home. Do I need a reseller for my account? Thanks, Tom',
  },
  {
    messageId: '18c3a0d2e5f10005',
    from: 'Emma Jones <emma.jones@direct-buyer.co.uk>',
    to: SUPPORT,
    subject: 'We buy directly from Google',
    minutesAgo: 4 * 24 * HOUR,
    body: 'Hello, we answered that we buy Google Workspace directly. Is there anything else we need to do? Best, Emma',
  },
  {
    messageId: '18c3a0d2e5f10011',
    from: 'Ben Weber <ben.weber@kunde-gmbh.de>',
    to: 'anna.schmidt@kunde-gmbh.de',
    subject: 'Haben wir einen Reseller?',
    minutesAgo: 2 * HOUR,
    body: 'Hallo Anna, weißt du, bei wem wir Google Workspace kaufen? Das Add-on fragt danach. Gruß, Ben',
  },
  {
    messageId: '18c3a0d2e5f10021',
    from: 'Anna Schmidt <anna.schmidt@kunde-gmbh.de>',
    to: 'ben.weber@kunde-gmbh.de',
    subject: 'Re: Haben wir einen Reseller?',
    minutesAgo: 90,
    body: 'Hi Ben, I am not sure either. I have asked the vendor’s support. Anna',
  },
  {
    messageId: '18c3a0d2e5f10031',
    from: 'Reseller Connect Support <support@resellerconnect.example>',
    to: 'carla.meyer@acme-logistik.de',
    subject: 'Ihr Reseller ist eingetragen',
    minutesAgo: 5 * HOUR,
    body: 'Guten Tag Frau Meyer, Ihr Reseller ist für acme-logistik.de eingetragen. Ihr Support-Team',
  },
  {
    messageId: '18c3a0d2e5f10041',
    from: 'Reseller Connect Support <support@resellerconnect.example>',
    to: 'david.huber@hafen-spedition.at',
    subject: 'Ihre Änderungsanfrage',
    minutesAgo: 20,
    body: 'Guten Tag Herr Huber, wir haben Ihre Änderungsanfrage erhalten und melden uns in Kürze. Ihr Support-Team',
  },
  {
    messageId: '18c3a0d2e5f10051',
    from: 'Google Workspace <workspace-noreply@google.com>',
    to: 'emma.jones@direct-buyer.co.uk',
    subject: 'Your subscription renews next month',
    minutesAgo: 8 * HOUR,
    body: 'Your Google Workspace subscription for direct-buyer.co.uk renews on the 1st of next month.',
  },
  {
    messageId: '18c3a0d2e5f10061',
    from: 'Lisa Mustermann <lisa.mustermann@gmail.com>',
    to: 'max.mustermann@gmail.com',
    subject: 'Urlaubsfotos',
    minutesAgo: 3 * HOUR,
    body: 'Hallo Max, hier sind die Fotos vom Urlaub. Liebe Grüße, Lisa',
  },
  {
    messageId: '18c3a0d2e5f10071',
    from: 'Carla Meyer <carla.meyer@acme-logistik.de>',
    to: 'info@mueller-it.de',
    subject: 'Fünf weitere Lizenzen',
    minutesAgo: 6 * HOUR,
    body: 'Guten Tag, wir brauchen ab nächster Woche fünf weitere Lizenzen. Carla Meyer, Acme Logistik',
  },
  {
    messageId: '18c3a0d2e5f10081',
    from: 'Reseller Connect Support <support@resellerconnect.example>',
    to: 'owner@resellerconnect.example',
    subject: 'Please keep me in the supportStaff row',
    minutesAgo: 24 * HOUR,
    body: 'Hi, I answer the customers’ mails now; please keep my address in the Settings tab. Thanks!',
  },
];

/** What the simulator keeps of a demo mail beyond what Gmail's fake stores. */
export function demoMail(messageId: string): DemoMail | undefined {
  return DEMO_MAILS.find((mail) => mail.messageId === messageId);
}

/**
 * `setup` and one `syncNow` as the owner, so that a newcomer finds the Sheet filled: the resellers,
 * the assignments, the open request and the audit trail of the changes above.
 */
function seedSheet(runtime: LocalRuntime): boolean {
  const host = runtime.host;
  const run = (action: OwnerAction, expectedKey: string): boolean => {
    const result = runOwnerFunction(runtime, action);
    // A bundle from before the backing Sheet (or a test's minimal one) still gets its customers.
    if (!result.ok && result.error?.message.startsWith('Script function not found')) return false;
    // Both report only in the log; what they store tells whether they did their work.
    if (!result.ok || host.scriptProperties.get(expectedKey) === null) {
      const why = result.error?.message ?? result.logs.join(' ');
      throw new Error(`Seeding demo data failed in ${result.functionName}: ${why || 'it logged nothing'}`);
    }
    return true;
  };
  if (!run('setup', KEYS.sheetId)) return false;
  // The owner lists the vendor's support staff in the Settings tab, as a real owner would.
  const support = findIdentity('support');
  const id = host.scriptProperties.get(KEYS.sheetId) ?? '';
  const row = host.sheets.readTab(id, 'Settings').findIndex((cells) => cells[0] === 'supportStaff') + 1;
  if (support && row > 0) host.sheets.editCell(id, 'Settings', `B${row}`, support.email);
  run('sync', KEYS.syncState);
  return true;
}
