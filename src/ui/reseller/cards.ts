/**
 * The reseller's room: its staff's homepage (their own customers) and the invitation card. Cards
 * as plain data; everything they show comes from one reseller's customer list.
 */
import { displayInvitationCode, type Invitation } from '../../domain/invitation';
import type { ResellerStatus } from '../../domain/reseller';
import type { CustomerList, ResellerCustomer } from '../../store/reseller-customers';
import type { ButtonModel, CardModel, SectionModel, WidgetModel } from '../../cards/card-model';
import { escapeHtml, html, withSupportLink, type Html } from '../../cards/html';
import { ACTIONS, FIELDS } from '../actions';
import type { View } from '../view';

export const RESELLER_CARD = 'resellerCustomers';
export const INVITATION_CARD = 'resellerInvitation';

/** Customers per page of the list (a card stays small; 1,000 customers are 40 pages). */
export const PAGE_SIZE = 25;
/** Change requests listed by name at the top of the first page. */
const PENDING_SHOWN = 10;

export interface ResellerViewInput {
  list: CustomerList;
  status: Extract<ResellerStatus, 'approved' | 'suspended'>;
  /** 0-based; clamped to the pages there are. */
  page: number;
  now: number;
  /** Asked for only when the card names support (a suspended reseller's). */
  supportEmail: () => string;
}

export function resellerName(view: View, list: CustomerList): string {
  return list.resellerName || view.t('reseller.unknownName', { id: list.resellerId });
}

export function pageCount(customers: number): number {
  return Math.max(1, Math.ceil(customers / PAGE_SIZE));
}

export function resellerCard(view: View, input: ResellerViewInput): CardModel {
  const { t } = view;
  const { list } = input;
  const name = resellerName(view, list);
  const customers = list.customers;
  const pending = customers.filter((c) => c.changeRequestedAt !== undefined);
  const bySource = { user: 0, support: 0, invitation: 0 };
  for (const c of customers) bySource[c.source]++;
  const page = Math.min(Math.max(0, Math.floor(input.page) || 0), pageCount(customers.length) - 1);
  const minutes = Math.max(0, Math.floor((input.now - list.builtAt) / 60_000));

  const summary: WidgetModel[] = [
    { kind: 'paragraph', html: escapeHtml(t('reseller.intro', { reseller: name })) },
  ];
  if (input.status === 'suspended')
    summary.push({
      kind: 'paragraph',
      html: `<b>${withSupportLink(t('reseller.suspended', { reseller: name }), input.supportEmail())}</b>` as Html,
    });
  summary.push(
    {
      kind: 'fact',
      label: t('reseller.count.customers'),
      html: html`<b>${String(customers.length)}</b>`,
      bottomLabel: t('reseller.count.bySource', {
        user: bySource.user,
        invitation: bySource.invitation,
        support: bySource.support,
      }),
    },
    { kind: 'fact', label: t('reseller.count.pending'), html: escapeHtml(String(pending.length)) },
    {
      kind: 'paragraph',
      html: escapeHtml(minutes === 0 ? t('reseller.asOf.now') : t('reseller.asOf.minutes', { minutes })),
    },
  );
  const buttons: ButtonModel[] = [];
  if (input.status === 'approved')
    buttons.push({
      text: t('reseller.invite'),
      action: { functionName: ACTIONS.resellerInvite, spinner: true },
      filled: true,
    });
  buttons.push({
    text: t('reseller.refresh'),
    action: { functionName: ACTIONS.resellerRefresh, spinner: true },
  });
  summary.push({ kind: 'buttons', buttons });

  const sections: SectionModel[] = [{ widgets: summary }];
  if (page === 0 && pending.length > 0) sections.push(pendingSection(view, pending));
  sections.push(customersSection(view, customers, page));
  return { name: RESELLER_CARD, title: t('reseller.title'), subtitle: name, sections };
}

function pendingSection(view: View, pending: readonly ResellerCustomer[]): SectionModel {
  const { t } = view;
  const widgets: WidgetModel[] = [{ kind: 'paragraph', html: escapeHtml(t('reseller.pending.intro')) }];
  const oldestFirst = [...pending].sort((a, b) => (a.changeRequestedAt ?? 0) - (b.changeRequestedAt ?? 0));
  for (const c of oldestFirst.slice(0, PENDING_SHOWN))
    widgets.push({
      kind: 'fact',
      html: html`<b>${c.organisation}</b>`,
      bottomLabel: t('reseller.pending.item', { date: view.date(c.changeRequestedAt ?? NaN) }),
    });
  if (pending.length > PENDING_SHOWN)
    widgets.push({
      kind: 'paragraph',
      html: escapeHtml(t('reseller.pending.more', { count: pending.length - PENDING_SHOWN })),
    });
  return { header: escapeHtml(t('reseller.pending.header')), widgets };
}

function customersSection(view: View, customers: readonly ResellerCustomer[], page: number): SectionModel {
  const { t } = view;
  if (customers.length === 0)
    return { widgets: [{ kind: 'paragraph', html: escapeHtml(t('reseller.customers.none')) }] };
  const from = page * PAGE_SIZE;
  const shown = customers.slice(from, from + PAGE_SIZE);
  const widgets: WidgetModel[] = shown.map((c) => {
    const parts = [
      t('reseller.customer.since', { date: view.date(c.since) }),
      t(`reseller.source.${c.source}`),
    ];
    if (c.changeRequestedAt !== undefined)
      parts.push(t('reseller.customer.pending', { date: view.date(c.changeRequestedAt) }));
    return { kind: 'fact', html: html`<b>${c.organisation}</b>`, bottomLabel: parts.join(' · ') };
  });
  const pager: ButtonModel[] = [];
  if (page > 0)
    pager.push({
      text: t('reseller.page.previous'),
      action: { functionName: ACTIONS.resellerPage, parameters: { page: String(page - 1) } },
    });
  if (from + PAGE_SIZE < customers.length)
    pager.push({
      text: t('reseller.page.next'),
      action: { functionName: ACTIONS.resellerPage, parameters: { page: String(page + 1) } },
    });
  if (pager.length > 0) widgets.push({ kind: 'buttons', buttons: pager });
  return {
    header: escapeHtml(
      t('reseller.customers.header', { from: from + 1, to: from + shown.length, count: customers.length }),
    ),
    widgets,
  };
}

/** The new code and a mail text with it, for the reseller to copy and send. */
export function invitationCard(view: View, reseller: string, invitation: Invitation): CardModel {
  const { t } = view;
  const code = displayInvitationCode(invitation.code);
  const date = view.date(invitation.expiresAt);
  return {
    name: INVITATION_CARD,
    title: t('invite.title'),
    subtitle: reseller,
    sections: [
      {
        widgets: [
          { kind: 'paragraph', html: escapeHtml(t('invite.intro', { reseller, date })) },
          { kind: 'fact', label: t('invite.code'), html: html`<b>${code}</b>` },
          {
            kind: 'textInput',
            name: FIELDS.invitationMail,
            label: t('invite.mailLabel'),
            value: t('invite.mail', { reseller, code, date, sender: reseller }),
            multiline: true,
          },
        ],
      },
    ],
  };
}
