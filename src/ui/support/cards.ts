/**
 * Support's cards: the homepage (find an organisation, the open change requests, the sync and the
 * store's fill level) and one organisation with its reseller and the assignment form.
 */
import type { Assignment } from '../../domain/assignment';
import { STORE_WARNING_PERCENT } from '../../store/capacity';
import { ACTIONS, FIELDS } from '../actions';
import type { CardModel, WidgetModel } from '../../cards/card-model';
import { escapeHtml, html } from '../../cards/html';
import type { View } from '../view';

export const SUPPORT_HOME_CARD = 'supportHome';
export const SUPPORT_ORGANISATION_CARD = 'supportOrganisation';

export interface SupportOverview {
  lastRunAt?: number;
  /** The sync has not run for longer than its interval allows. */
  late: boolean;
  waiting: number;
  fillPercent: number;
  openRequests: { domain: string; since: number }[];
}

export function supportHomeCard(view: View, overview: SupportOverview, problem?: string): CardModel {
  const { t } = view;
  const find: WidgetModel[] = [];
  if (problem) find.push({ kind: 'paragraph', html: html`<b>${problem}</b>` });
  find.push(
    {
      kind: 'textInput',
      name: FIELDS.supportDomain,
      label: t('support.find.label'),
      hint: t('support.find.hint'),
    },
    {
      kind: 'buttons',
      buttons: [
        {
          text: t('support.find.button'),
          action: { functionName: ACTIONS.supportFind, spinner: true },
          filled: true,
        },
      ],
    },
  );
  const queue: WidgetModel[] =
    overview.openRequests.length === 0
      ? [{ kind: 'paragraph', html: escapeHtml(t('support.queue.empty')) }]
      : overview.openRequests.slice(0, 20).map((r) => ({
          kind: 'fact',
          html: escapeHtml(t('support.queue.item', { domain: r.domain, date: view.date(r.since) })),
          button: {
            text: t('support.find.button'),
            action: { functionName: ACTIONS.supportFind, parameters: { domain: r.domain } },
          },
        }));
  const sync: WidgetModel[] = [
    {
      kind: 'paragraph',
      html: escapeHtml(
        overview.lastRunAt === undefined
          ? t('support.sync.never')
          : overview.late
            ? t('support.sync.late', { date: view.date(overview.lastRunAt) })
            : t('support.sync.last', { date: view.date(overview.lastRunAt) }),
      ),
    },
    { kind: 'paragraph', html: escapeHtml(t('support.sync.waiting', { count: overview.waiting })) },
    {
      kind: 'paragraph',
      html:
        overview.fillPercent >= STORE_WARNING_PERCENT
          ? html`<b>${t('support.store.warning', { percent: overview.fillPercent })}</b>`
          : escapeHtml(t('support.store.fill', { percent: overview.fillPercent })),
    },
    {
      kind: 'buttons',
      buttons: [
        { text: t('support.sync.now'), action: { functionName: ACTIONS.supportSyncNow, spinner: true } },
      ],
    },
  ];
  return {
    name: SUPPORT_HOME_CARD,
    title: t('support.title'),
    sections: [
      { header: escapeHtml(t('support.find.header')), widgets: find },
      { header: escapeHtml(t('support.queue.header')), widgets: queue },
      { header: escapeHtml(t('support.sync.header')), widgets: sync },
    ],
  };
}

export type OrganisationState =
  { kind: 'none' } | { kind: 'unreadable' } | { kind: 'ok'; record: Assignment; resellerName?: string };

export function supportOrganisationCard(
  view: View,
  domain: string,
  state: OrganisationState,
  form: { query?: string; reason?: string; problem?: string } = {},
  /** Opened as the first card (the contextual trigger): nothing to go back to. */
  root = false,
): CardModel {
  const { t } = view;
  const facts: WidgetModel[] = [];
  if (state.kind === 'unreadable') {
    facts.push({ kind: 'paragraph', html: html`<b>${t('support.org.unreadable', { domain })}</b>` });
    return { name: SUPPORT_ORGANISATION_CARD, title: domain, sections: [{ widgets: facts }] };
  }
  if (state.kind === 'none')
    facts.push({ kind: 'paragraph', html: escapeHtml(t('support.org.none', { domain })) });
  else {
    const { record } = state;
    facts.push({
      kind: 'paragraph',
      html: escapeHtml(
        record.kind === 'direct'
          ? t('support.org.direct', { domain })
          : t('support.org.reseller', { name: state.resellerName ?? record.resellerId }),
      ),
    });
    facts.push({
      kind: 'paragraph',
      html: escapeHtml(
        t(record.source === 'support' ? 'support.org.source.support' : 'support.org.source.user', {
          date: view.date(record.since),
        }),
      ),
    });
    if (record.changeRequestedAt !== undefined)
      facts.push({
        kind: 'paragraph',
        html: html`<b>${t('support.org.pending', { date: view.date(record.changeRequestedAt) })}</b>`,
      });
  }
  const assign: WidgetModel[] = [];
  if (form.problem) assign.push({ kind: 'paragraph', html: html`<b>${form.problem}</b>` });
  assign.push(
    {
      kind: 'textInput',
      name: FIELDS.resellerQuery,
      label: t('support.assign.label'),
      hint: t('support.assign.hint'),
      value: form.query ?? '',
      suggestions: { functionName: ACTIONS.suggestResellers },
    },
    {
      kind: 'textInput',
      name: FIELDS.supportReason,
      label: t('support.assign.reason'),
      hint: t('support.assign.reasonHint'),
      value: form.reason ?? '',
      multiline: true,
    },
  );
  if (state.kind === 'ok' && state.record.changeRequestedAt !== undefined) {
    // Answering the request without a new reseller: the reason field is the customer's answer.
    assign.push({
      kind: 'buttons',
      buttons: [
        {
          text: t('support.answer.button'),
          action: { functionName: ACTIONS.supportAnswer, parameters: { domain }, spinner: true },
        },
      ],
    });
  }
  return {
    name: SUPPORT_ORGANISATION_CARD,
    title: domain,
    sections: [{ widgets: facts }, { header: escapeHtml(t('support.assign.header')), widgets: assign }],
    footer: {
      primary: {
        text: t('support.assign.save'),
        action: { functionName: ACTIONS.supportAssign, parameters: { domain }, spinner: true },
        filled: true,
      },
      ...(root ? {} : { secondary: { text: t('common.back'), action: { functionName: ACTIONS.goBack } } }),
    },
  };
}
