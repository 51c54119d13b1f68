/**
 * Support's cards of the reseller programme: the homepage's list of applications and resellers
 * waiting for a step, and one reseller's card (its status, contact, the agreement mail, the
 * signed agreement, and one button per step the state machine allows).
 */
import type { AgreementFile } from '../../domain/assignment';
import { nextStatuses } from '../../domain/programme';
import type { ResellerStatus } from '../../domain/reseller';
import type { CardModel, SectionModel, WidgetModel } from '../../cards/card-model';
import { escapeHtml, html } from '../../cards/html';
import { ACTIONS, FIELDS } from '../actions';
import type { MessageKey } from '../i18n';
import type { View } from '../view';

export const SUPPORT_RESELLER_CARD = 'supportReseller';

/** How many of one status the homepage lists; the others are found by their domain. */
const LISTED_PER_STATUS = 10;

export interface ProgrammeQueueEntry {
  domain: string;
  status: ResellerStatus;
  /** The company's name, once the application or the directory says it. */
  company?: string;
}

export interface ResellerDetails {
  domain: string;
  status: ResellerStatus;
  /** '' until the sync gives the application an id. */
  resellerId: string;
  company?: string;
  contactName?: string;
  contactEmail?: string;
  /** When it reached its status, while the store still holds that change (until the sync). */
  statusSince?: number;
  /** The signed agreement support marked, while the store still holds that change. */
  agreement?: AgreementFile & { at: number };
}

export interface AgreementMail {
  /** The applicant's contact, '' when none is known. */
  to: string;
  /** mailto: with the subject and text. */
  url: string;
  /** No link to the agreement is set: support attaches the PDF. */
  attach: boolean;
}

export interface ResellerForm {
  /** Opened from the email support has open (the contextual trigger's card). */
  root?: boolean;
  problem?: string;
  reason?: string;
  /** The step "Send agreement" was just recorded: the mail is what to do next. */
  sent?: boolean;
  /** The open email and its PDFs, when the reseller waits for the signed agreement. */
  messageId?: string;
  attachments?: readonly { name: string; contentType: string; size: number }[];
}

export function statusText(view: View, status: ResellerStatus): string {
  return view.t(`support.programme.status.${status}` as MessageKey);
}

/** The button (and the step) that moves a reseller from `from` to `to`. */
export function stepText(view: View, from: ResellerStatus, to: ResellerStatus): string {
  if (to === 'approved' && from === 'suspended') return view.t('support.programme.reinstate');
  const key: Record<ResellerStatus, MessageKey> = {
    applied: 'support.programme.apply',
    agreement_sent: 'support.programme.sendAgreement',
    agreement_signed: 'support.programme.markSigned',
    approved: 'support.programme.approve',
    rejected: 'support.programme.reject',
    suspended: 'support.programme.suspend',
  };
  return view.t(key[to]);
}

/** "820 bytes", "412 KB", "1.5 MB" ("1,5 MB" in German). */
export function fileSize(view: View, bytes: number): string {
  if (bytes < 1024) return view.t('support.programme.size.bytes', { count: bytes });
  if (bytes < 1024 * 1024) return view.t('support.programme.size.kb', { count: Math.round(bytes / 1024) });
  const mb = (Math.round((bytes / (1024 * 1024)) * 10) / 10).toFixed(1);
  return view.t('support.programme.size.mb', { count: view.language === 'de' ? mb.replace('.', ',') : mb });
}

/** The homepage's section: what waits for support, by status, each with a button to its card. */
export function programmeQueueSection(view: View, entries: readonly ProgrammeQueueEntry[]): SectionModel {
  const { t } = view;
  const widgets: WidgetModel[] = [];
  const order: ResellerStatus[] = ['applied', 'agreement_sent', 'agreement_signed', 'suspended'];
  for (const status of order) {
    const group = entries.filter((e) => e.status === status);
    if (group.length === 0) continue;
    const heading = t('support.programme.queue.group', {
      status: statusText(view, status),
      count: group.length,
    });
    widgets.push({ kind: 'paragraph', html: html`<b>${heading}</b>` });
    for (const entry of group.slice(0, LISTED_PER_STATUS))
      widgets.push({
        kind: 'fact',
        html: escapeHtml(entry.company ?? entry.domain),
        ...(entry.company ? { bottomLabel: entry.domain } : {}),
        button: {
          text: t('support.programme.open'),
          action: { functionName: ACTIONS.supportReseller, parameters: { domain: entry.domain } },
        },
      });
    if (group.length > LISTED_PER_STATUS)
      widgets.push({
        kind: 'paragraph',
        html: escapeHtml(t('support.programme.queue.more', { count: group.length - LISTED_PER_STATUS })),
      });
  }
  if (widgets.length === 0)
    widgets.push({ kind: 'paragraph', html: escapeHtml(t('support.programme.queue.empty')) });
  return { header: escapeHtml(t('support.programme.header')), widgets };
}

/** One reseller (or applicant): who, where it stands, and the steps support may take. */
export function resellerCard(
  view: View,
  details: ResellerDetails,
  mail: AgreementMail,
  form: ResellerForm = {},
): CardModel {
  const { t } = view;
  const { domain, status } = details;
  const root = form.root === true;
  const facts: WidgetModel[] = [];
  if (form.problem) facts.push({ kind: 'paragraph', html: html`<b>${form.problem}</b>` });
  facts.push({
    kind: 'fact',
    label: t('support.programme.label.status'),
    html: html`<b>${statusText(view, status)}</b>`,
    ...(details.statusSince !== undefined
      ? { bottomLabel: t('support.programme.since', { date: view.date(details.statusSince) }) }
      : {}),
  });
  facts.push({ kind: 'fact', label: t('support.programme.label.domain'), html: escapeHtml(domain) });
  if (details.resellerId !== '')
    facts.push({
      kind: 'fact',
      label: t('support.programme.label.id'),
      html: escapeHtml(details.resellerId),
    });
  const contact =
    details.contactEmail && details.contactName
      ? `${details.contactName} <${details.contactEmail}>`
      : (details.contactEmail ?? details.contactName ?? t('support.programme.contact.unknown'));
  facts.push({ kind: 'fact', label: t('support.programme.label.contact'), html: escapeHtml(contact) });
  if (details.agreement)
    facts.push({
      kind: 'fact',
      label: t('support.programme.label.agreement'),
      html: escapeHtml(`${details.agreement.name} (${fileSize(view, details.agreement.size)})`),
      bottomLabel: t('support.programme.agreement.recorded', { date: view.date(details.agreement.at) }),
    });
  if (root)
    facts.push({
      kind: 'buttons',
      buttons: [
        {
          text: t('support.find.button'),
          action: { functionName: ACTIONS.supportFind, parameters: { domain } },
        },
      ],
    });
  const sections: SectionModel[] = [{ widgets: facts }];
  if (status === 'agreement_sent') sections.push(mailSection(view, mail, form.sent === true));
  if (form.attachments) sections.push(attachmentsSection(view, details, form));
  sections.push(stepsSection(view, details, form));
  return {
    name: SUPPORT_RESELLER_CARD,
    title: details.company ?? domain,
    ...(details.company ? { subtitle: domain } : {}),
    sections,
  };
}

function mailSection(view: View, mail: AgreementMail, justSent: boolean): SectionModel {
  const { t } = view;
  const widgets: WidgetModel[] = [
    {
      kind: 'paragraph',
      html: escapeHtml(t(justSent ? 'support.programme.mail.now' : 'support.programme.mail.again')),
    },
    { kind: 'linkButton', text: t('support.programme.mail.button'), url: mail.url, filled: justSent },
    {
      kind: 'paragraph',
      html: escapeHtml(
        mail.to === ''
          ? t('support.programme.mail.noContact')
          : t('support.programme.mail.to', { email: mail.to }),
      ),
    },
  ];
  if (mail.attach) widgets.push({ kind: 'paragraph', html: escapeHtml(t('support.programme.mail.attach')) });
  widgets.push({ kind: 'paragraph', html: escapeHtml(t('support.programme.mail.reply')) });
  return { header: escapeHtml(t('support.programme.mail.header')), widgets };
}

function attachmentsSection(view: View, details: ResellerDetails, form: ResellerForm): SectionModel {
  const { t } = view;
  const files = form.attachments ?? [];
  const widgets: WidgetModel[] =
    files.length === 0
      ? [{ kind: 'paragraph', html: escapeHtml(t('support.programme.attachments.none')) }]
      : files.map((file) => ({
          kind: 'fact',
          html: escapeHtml(file.name),
          bottomLabel: `${file.contentType}, ${fileSize(view, file.size)}`,
          button: {
            text: t('support.programme.markSigned'),
            action: {
              functionName: ACTIONS.supportMarkSigned,
              parameters: {
                domain: details.domain,
                messageId: form.messageId ?? '',
                name: file.name,
                contentType: file.contentType,
                size: String(file.size),
                root: '1',
              },
              spinner: true,
            },
          },
        }));
  return { header: escapeHtml(t('support.programme.attachments.header')), widgets };
}

function stepsSection(view: View, details: ResellerDetails, form: ResellerForm): SectionModel {
  const { t } = view;
  const { domain, status } = details;
  // "Agreement signed" is recorded from the applicant's email, with its file.
  const steps = nextStatuses(status).filter((s) => s !== 'agreement_signed');
  const widgets: WidgetModel[] = [];
  if (status === 'rejected')
    widgets.push({ kind: 'paragraph', html: escapeHtml(t('support.programme.rejected')) });
  if (steps.some((s) => s === 'rejected' || s === 'suspended'))
    widgets.push({
      kind: 'textInput',
      name: FIELDS.supportReason,
      label: t('support.programme.reason.label'),
      hint: t('support.programme.reason.hint'),
      value: form.reason ?? '',
      multiline: true,
    });
  if (steps.length > 0)
    widgets.push({
      kind: 'buttons',
      buttons: steps.map((to) => ({
        text: stepText(view, status, to),
        action: {
          functionName: ACTIONS.supportTransition,
          parameters: { domain, to, ...(form.root ? { root: '1' } : {}) },
          spinner: true,
        },
        ...(to === 'agreement_sent' || to === 'approved' ? { filled: true } : {}),
      })),
    });
  return { header: escapeHtml(t('support.programme.steps.header')), widgets };
}
