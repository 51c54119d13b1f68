/**
 * Support's side of the reseller programme (issue 10): the applications and resellers that need
 * support's next step, one reseller's card, and its status changes (applied → agreement sent →
 * agreement signed → approved / rejected; approved ↔ suspended), each committed by
 * `commitTransition`, which refuses what the state machine does not allow and then writes nothing.
 *
 * "Send agreement" records the step and gives support the mail as a `mailto:` link (subject and
 * text from the Settings tab), which needs no Gmail scope at all: support's own mail program opens
 * with it, and support sends it. "Mark agreement signed" is offered on the applicant's reply that
 * carries a PDF, and records which message and which file (name, type, size).
 *
 * Everything here runs through the support flow's `forSupport`: anyone who is not support gets their
 * own homepage, and nothing changes, whatever the parameters say.
 */
import { classifyAccount } from '../../domain/account';
import type { AgreementFile, Change } from '../../domain/assignment';
import { decodeDomainText, isLinkedCopy } from '../../domain/organisation';
import { MissingScopesError } from '../../domain/scopes';
import { QUEUE_STATUSES, type TransitionCheck } from '../../domain/programme';
import type { Reseller, ResellerStatus } from '../../domain/reseller';
import { parseStoredSettings, type Settings } from '../../domain/settings-rows';
import { DOMAIN_RE } from '../../domain/syntax';
import { cutToCodePoints } from '../../domain/text';
import { recordState } from '../../store/assignments';
import { readDirectory } from '../../store/directory';
import { KEYS } from '../../store/keys';
import { listOutbox } from '../../store/outbox';
import { commitTransition, domainRole } from '../../store/programme';
import type { KeyValueStore, ScriptLock, StoreQuery } from '../../store/ports';
import { selectFrom } from '../../store/select';
import type { ActionResponseModel, CardModel } from '../../cards/card-model';
import { FIELDS } from '../actions';
import type { AddonEvent, EventView } from '../event';
import type { View } from '../view';
import {
  resellerCard,
  statusText,
  stepText,
  type AgreementMail,
  type ProgrammeQueueEntry,
  type ResellerDetails,
  type ResellerForm,
} from './programme-cards';

/** What the add-on reads of a file attached to the open email (never its content). */
export interface AttachmentInfo {
  name: string;
  contentType: string;
  size: number;
}

/** The email support has open: its sender at once, its attachments only when asked. */
export interface SupportMessage {
  sender: string;
  attachments(): AttachmentInfo[];
}

export { QUEUE_STATUSES };

/** What the transition buttons may ask for; "agreement signed" only comes with its file. */
const BUTTON_TARGETS: readonly ResellerStatus[] = ['agreement_sent', 'approved', 'rejected', 'suspended'];
/** A rejection or a suspension tells the Audit tab (and later the applicant) why. */
const NEEDS_REASON: readonly ResellerStatus[] = ['rejected', 'suspended'];

const MAX_REASON_CHARS = 500;
const MAX_FILE_NAME_CHARS = 255;
const MESSAGE_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTENT_TYPE_RE = /^[A-Za-z0-9.+-]{1,60}\/[A-Za-z0-9.+-]{1,60}$/;

/** A signed agreement arrives as a PDF; some mail programs send it as a generic file type. */
export function isPdf(attachment: AttachmentInfo): boolean {
  return attachment.contentType.toLowerCase() === 'application/pdf' || /\.pdf$/i.test(attachment.name.trim());
}

// ---------------------------------------------------------------------------------------------
// Reading (from one read of the keys they need: selectFrom)

/** The applications and resellers waiting for support, by domain (the cards group them by status). */
export function programmeQueue(
  all: Record<string, string>,
  directory: readonly Reseller[],
): ProgrammeQueueEntry[] {
  const names = companyNames(all, directory);
  const entries: ProgrammeQueueEntry[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(KEYS.domainPrefix) || isLinkedCopy(value)) continue;
    const domain = key.slice(KEYS.domainPrefix.length);
    const role = decodeDomainText(domain, value)?.roles.find((r) => r.member === domain);
    if (!role || !QUEUE_STATUSES.includes(role.status)) continue;
    entries.push({ domain, status: role.status, company: names.get(domain) });
  }
  return entries.sort((a, b) => a.domain.localeCompare(b.domain));
}

/** Company names by domain: the directory's once synced, else the waiting application's. */
function companyNames(all: Record<string, string>, directory: readonly Reseller[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const change of listOutbox(all).changes)
    if (change.type === 'applied') names.set(change.domain, change.application.company);
  for (const reseller of directory) names.set(reseller.domain, reseller.name);
  return names;
}

/** What resellerDetails reads: the domain's text, the Settings, the directory and the waiting changes. */
export function detailsQuery(domain: string): StoreQuery {
  return {
    keys: [KEYS.domain(domain), KEYS.settings],
    prefixes: [KEYS.directoryPrefix, KEYS.outboxPrefix],
  };
}

/** One reseller's (or applicant's) details, or why there are none. */
export function resellerDetails(
  all: Record<string, string>,
  domain: string,
): { kind: 'ok'; details: ResellerDetails } | { kind: 'unknown' } | { kind: 'unreadable' } {
  const state = recordState(domain, all[KEYS.domain(domain)]);
  if (state.state === 'unreadable') return { kind: 'unreadable' };
  const role = domainRole(state, domain);
  if (!role) return { kind: 'unknown' };
  const directory = readDirectory(all);
  const reseller = directory.ok
    ? (directory.resellers.find((r) => role.resellerId !== '' && r.id === role.resellerId) ??
      directory.resellers.find((r) => r.domain === domain))
    : undefined;
  const changes = listOutbox(all).changes.filter((c) => c.domain === domain);
  const application = [...changes]
    .reverse()
    .find((c): c is Extract<Change, { type: 'applied' }> => c.type === 'applied')?.application;
  const steps = changes.filter(
    (c): c is Extract<Change, { type: 'resellerStatus' }> => c.type === 'resellerStatus',
  );
  // The latest of the domain's programme changes says since when it has its status.
  const latest = [...changes].reverse().find((c) => c.type === 'applied' || c.type === 'resellerStatus');
  const signed = [...steps].reverse().find((c) => c.to === 'agreement_signed' && c.agreement);
  const details: ResellerDetails = {
    domain,
    status: role.status,
    resellerId: role.resellerId,
    company: reseller?.name ?? application?.company,
    contactName: application?.contactName,
    contactEmail: application?.contactEmail ?? reseller?.contacts?.[0],
  };
  if (
    (latest?.type === 'applied' && role.status === 'applied') ||
    (latest?.type === 'resellerStatus' && latest.to === role.status)
  )
    details.statusSince = latest.at;
  if (signed?.agreement) details.agreement = { ...signed.agreement, at: signed.at };
  return { kind: 'ok', details };
}

// ---------------------------------------------------------------------------------------------
// The agreement mail

/** {company}, {contactName}, {domain} and {link} filled in; other braces stay as written. */
function fill(
  template: string,
  values: Record<'company' | 'contactName' | 'domain' | 'link', string>,
): string {
  return template.replace(
    /\{(company|contactName|domain|link)\}/g,
    (_, name: keyof typeof values) => values[name],
  );
}

/** RFC 6068: the address as it is (its "@" unescaped), subject and body percent-encoded, CRLF lines. */
function mailtoUrl(to: string, subject: string, body: string): string {
  const address = encodeURIComponent(to).replace(/%40/g, '@');
  const crlf = body.replace(/\r?\n/g, '\r\n');
  return `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(crlf)}`;
}

/** The mail "Send agreement" gives support: the Settings tab's template, else the add-on's own text. */
export function agreementMail(view: View, settings: Settings, details: ResellerDetails): AgreementMail {
  const link = settings.agreementLink ?? '';
  const company = details.company ?? details.domain;
  const values = {
    company,
    contactName: details.contactName ?? company,
    domain: details.domain,
    link,
  };
  const subject = fill(
    settings.agreementSubject ? settings.agreementSubject : view.t('support.programme.mail.subject'),
    values,
  );
  const body = fill(
    settings.agreementText
      ? settings.agreementText
      : view.t(link ? 'support.programme.mail.text.link' : 'support.programme.mail.text.attach'),
    values,
  );
  const to = details.contactEmail ?? '';
  return { to, url: mailtoUrl(to, subject, body), attach: link === '' };
}

// ---------------------------------------------------------------------------------------------
// Words

/** Why a step was refused, from what must happen first (`needs`), or from where the reseller is. */
export function refusalWords(view: View, check: Extract<TransitionCheck, { ok: false }>): string {
  const step = stepText(view, check.from, check.to);
  if (check.needs === 'agreement_sent') return view.t('support.programme.needs.agreementSent', { step });
  if (check.needs === 'agreement_signed') return view.t('support.programme.needs.agreementSigned', { step });
  if (check.from === check.to)
    return view.t('support.programme.refused.already', { status: statusText(view, check.from) });
  if (check.from === 'rejected') return view.t('support.programme.refused.rejected', { step });
  return view.t('support.programme.refused.from', { step, status: statusText(view, check.from) });
}

// ---------------------------------------------------------------------------------------------
// Handlers

export interface ProgrammeServices {
  now(): number;
  scriptStore(): KeyValueStore;
  lock(): ScriptLock;
  /** Opens the email of an event again (a card action from the open email), to check what it says. */
  openMessage(message: { messageId: string; accessToken: string }): SupportMessage;
}

type Request = { event: EventView; view: View };

export interface ProgrammeContext {
  services: ProgrammeServices;
  forSupport(e: AddonEvent | undefined, act: (req: Request) => ActionResponseModel): ActionResponseModel;
  /** Support's own address, for the outbox and the Audit tab. */
  actor(): string;
}

export function createProgrammeHandlers({ services, forSupport, actor }: ProgrammeContext) {
  const notify = (text: string): ActionResponseModel => ({ navigation: [], notification: text });

  /** The reseller's card as it is stored now, with what the request brought (a problem, the mail). */
  const card = (view: View, domain: string, form: ResellerForm = {}): CardModel | { problem: string } => {
    const all = selectFrom(services.scriptStore(), detailsQuery(domain));
    const read = resellerDetails(all, domain);
    if (read.kind === 'unreadable') return { problem: view.t('support.org.unreadable', { domain }) };
    if (read.kind === 'unknown') return { problem: view.t('support.programme.unknown', { domain }) };
    const settings = parseStoredSettings(all[KEYS.settings] ?? null);
    return resellerCard(view, read.details, agreementMail(view, settings, read.details), form);
  };

  /** The card again (updated in place), or a notification when there is no card to show. */
  const show = (view: View, domain: string, form: ResellerForm, notification?: string, changed = false) => {
    const built = card(view, domain, form);
    if ('problem' in built) return notify(built.problem);
    return {
      navigation: [{ update: built }],
      ...(notification ? { notification } : {}),
      ...(changed ? { stateChanged: true } : {}),
    };
  };

  /** Where the request came from: the card opened from the email (root) or pushed from the homepage. */
  const rootOf = (event: EventView): boolean => event.parameter('root') === '1';

  const commit = (
    view: View,
    domain: string,
    to: ResellerStatus,
    reason: string,
    root: boolean,
    agreement?: AgreementFile,
  ): ActionResponseModel => {
    const result = commitTransition(services.scriptStore(), services.lock(), {
      domain,
      to,
      reason,
      actorEmail: actor(),
      clock: services.now,
      ...(agreement ? { agreement } : {}),
    });
    switch (result.outcome) {
      case 'saved': {
        const words = statusText(view, to);
        const text =
          to === 'agreement_sent'
            ? view.t('support.programme.saved.sent', { domain })
            : to === 'agreement_signed'
              ? view.t('support.programme.saved.signed', { domain, name: agreement?.name ?? '' })
              : view.t('support.programme.saved', { domain, status: words });
        return show(view, domain, { root, sent: to === 'agreement_sent' }, text, true);
      }
      case 'illegal': {
        const problem = refusalWords(view, result.check);
        return show(view, domain, { root, problem, reason }, problem);
      }
      case 'unknown':
        return notify(view.t('support.programme.unknown', { domain }));
      case 'unreadable':
        return notify(view.t('support.org.unreadable', { domain }));
      case 'busy':
        return notify(view.t('error.busy'));
    }
  };

  return {
    /** Opens a reseller's card (from the homepage's list, or an organisation's card). */
    open: (e: AddonEvent | undefined): ActionResponseModel =>
      forSupport(e, ({ event, view }) => {
        const domain = event.parameter('domain') ?? '';
        if (!DOMAIN_RE.test(domain)) return notify(view.t('error.staleCard'));
        const built = card(view, domain);
        return 'problem' in built ? notify(built.problem) : { navigation: [{ push: built }] };
      }),

    /** Send agreement, Approve, Reject, Suspend, Reinstate: one step of the state machine. */
    transition: (e: AddonEvent | undefined): ActionResponseModel =>
      forSupport(e, ({ event, view }) => {
        const domain = event.parameter('domain') ?? '';
        const to = event.parameter('to') as ResellerStatus | undefined;
        if (!DOMAIN_RE.test(domain) || to === undefined || !BUTTON_TARGETS.includes(to))
          return notify(view.t('error.staleCard'));
        const root = rootOf(event);
        const reason = cutToCodePoints(
          (event.formValue(FIELDS.supportReason) ?? '').trim(),
          MAX_REASON_CHARS,
        );
        if (NEEDS_REASON.includes(to) && reason === '') {
          const problem = view.t(
            to === 'rejected' ? 'support.programme.reason.reject' : 'support.programme.reason.suspend',
          );
          return show(view, domain, { root, problem }, problem);
        }
        return commit(view, domain, to, reason, root);
      }),

    /** The applicant's reply carries the signed PDF: record which message and which file. */
    markSigned: (e: AddonEvent | undefined): ActionResponseModel =>
      forSupport(e, ({ event, view }) => {
        const domain = event.parameter('domain') ?? '';
        const messageId = event.parameter('messageId') ?? '';
        const name = event.parameter('name') ?? '';
        const contentType = event.parameter('contentType') ?? '';
        const sizeText = event.parameter('size') ?? '';
        const file = { name, contentType, size: Number(sizeText) };
        if (
          !DOMAIN_RE.test(domain) ||
          !MESSAGE_ID_RE.test(messageId) ||
          name.trim() === '' ||
          Array.from(name).length > MAX_FILE_NAME_CHARS ||
          CONTROL.test(name) ||
          !CONTENT_TYPE_RE.test(contentType) ||
          !/^\d{1,12}$/.test(sizeText) ||
          !isPdf(file)
        )
          return notify(view.t('error.staleCard'));
        // Gmail sends the open email's id and token with a card action: the file must be in it, and
        // the email from the applicant's domain.
        if (event.message && event.message.messageId === messageId) {
          const open = services.openMessage(event.message);
          const sender = classifyAccount(open.sender);
          const there = open
            .attachments()
            .some((a) => a.name === name && a.contentType === contentType && a.size === file.size);
          if (sender.kind !== 'organisation' || sender.domain !== domain || !there)
            return notify(view.t('error.staleCard'));
        }
        return commit(view, domain, 'agreement_signed', '', rootOf(event), {
          messageId,
          name,
          contentType,
          size: file.size,
        });
      }),

    /**
     * The card for an email from a reseller's (or applicant's) domain, with the email's PDFs when it
     * was sent the agreement; undefined when the domain has no role after all.
     */
    messageCard(
      view: View,
      domain: string,
      message: (SupportMessage & { messageId: string }) | undefined,
    ): CardModel | undefined {
      // Only for a reseller's (or applicant's) domain: the caller has read its record already.
      const all = selectFrom(services.scriptStore(), detailsQuery(domain));
      const read = resellerDetails(all, domain);
      if (read.kind !== 'ok') return undefined;
      const settings = parseStoredSettings(all[KEYS.settings] ?? null);
      const form: ResellerForm = { root: true };
      if (read.details.status === 'agreement_sent' && message) {
        try {
          form.attachments = message.attachments().filter(isPdf);
          form.messageId = message.messageId;
        } catch (error) {
          // A permission support has not granted gets its own card (the entry point shows it).
          if (error instanceof MissingScopesError) throw error;
          console.error('the attachments of the open message cannot be read', error);
        }
      }
      return resellerCard(view, read.details, agreementMail(view, settings, read.details), form);
    },
  };
}

export type ProgrammeHandlers = ReturnType<typeof createProgrammeHandlers>;
