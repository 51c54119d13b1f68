/**
 * Support's cards: the homepage (find an organisation, the open change requests, the sync and the
 * store's fill level) and one organisation with its reseller and the assignment form.
 */
import type { Assignment } from '../../domain/assignment';
import type { ResellerStatus } from '../../domain/reseller';
import { STORE_WARNING_PERCENT } from '../../store/capacity';
import type { MissingScopeCount } from '../../store/missing-scopes';
import { permissionName } from '../install/cards';
import { ACTIONS, FIELDS } from '../actions';
import type { CardModel, WidgetModel } from '../../cards/card-model';
import { escapeHtml, html } from '../../cards/html';
import type { View } from '../view';
import { programmeQueueSection, statusText, type ProgrammeQueueEntry } from './programme-cards';

export const SUPPORT_HOME_CARD = 'supportHome';
export const SUPPORT_ORGANISATION_CARD = 'supportOrganisation';

export interface SupportOverview {
  lastRunAt?: number;
  /** The sync has not run for longer than its interval allows. */
  late: boolean;
  waiting: number;
  /** How full Script Properties are; absent on a store without their ceiling (Firestore). */
  fillPercent?: number;
  openRequests: { domain: string; since: number }[];
  /** Users' calls refused for want of a permission, per scope. */
  missingScopes?: readonly MissingScopeCount[];
  /** Applications and resellers waiting for support's next step (the reseller programme). */
  programme?: readonly ProgrammeQueueEntry[];
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
    ...(overview.fillPercent === undefined ? [] : [fillParagraph(t, overview.fillPercent)]),
    {
      kind: 'buttons',
      buttons: [
        { text: t('support.sync.now'), action: { functionName: ACTIONS.supportSyncNow, spinner: true } },
      ],
    },
  ];
  const sections = [
    { header: escapeHtml(t('support.find.header')), widgets: find },
    { header: escapeHtml(t('support.queue.header')), widgets: queue },
    programmeQueueSection(view, overview.programme ?? []),
    { header: escapeHtml(t('support.sync.header')), widgets: sync },
  ];
  const missing = overview.missingScopes ?? [];
  if (missing.length > 0)
    sections.push({
      header: escapeHtml(t('support.auth.header')),
      widgets: [
        ...missing.map((m): WidgetModel => ({
          kind: 'paragraph',
          html: escapeHtml(
            t('support.auth.item', {
              permission: permissionName(view, m.scope),
              count: m.count,
              date: view.date(m.last),
            }),
          ),
        })),
        { kind: 'paragraph', html: escapeHtml(t('support.auth.hint')) },
      ],
    });
  return { name: SUPPORT_HOME_CARD, title: t('support.title'), sections };
}

export type OrganisationState =
  | { kind: 'none'; programme?: ResellerStatus }
  | { kind: 'unreadable' }
  | {
      kind: 'ok';
      record: Assignment;
      resellerName?: string;
      /** The primary domain the record is kept under: `domain` itself unless it is linked. */
      organisation: string;
      links: readonly string[];
      /** The domain is a reseller's, or applied to become one: its status in the programme. */
      programme?: ResellerStatus;
    };

export function supportOrganisationCard(
  view: View,
  domain: string,
  state: OrganisationState,
  form: {
    query?: string;
    reason?: string;
    problem?: string;
    organisation?: string;
    linkProblem?: string;
  } = {},
  /** Opened as the first card (the contextual trigger): nothing to go back to. */
  root = false,
): CardModel {
  const { t } = view;
  const facts: WidgetModel[] = [];
  if (state.kind === 'unreadable') {
    facts.push({ kind: 'paragraph', html: html`<b>${t('support.org.unreadable', { domain })}</b>` });
    return { name: SUPPORT_ORGANISATION_CARD, title: domain, sections: [{ widgets: facts }] };
  }
  if (state.programme)
    facts.push({
      kind: 'fact',
      label: t('support.programme.header'),
      html: html`<b>${statusText(view, state.programme)}</b>`,
      button: {
        text: t('support.programme.open'),
        action: { functionName: ACTIONS.supportReseller, parameters: { domain } },
      },
    });
  if (state.kind === 'none')
    facts.push({ kind: 'paragraph', html: escapeHtml(t('support.org.none', { domain })) });
  else {
    const { record } = state;
    if (state.organisation !== domain) {
      facts.push({
        kind: 'fact',
        html: html`<b>${t('support.org.linkedTo', { domain, organisation: state.organisation })}</b>`,
        button: {
          text: t('support.unlink.button'),
          action: {
            functionName: ACTIONS.supportUnlink,
            parameters: { domain, organisation: state.organisation },
            spinner: true,
          },
        },
      });
      facts.push({
        kind: 'buttons',
        buttons: [
          {
            text: t('support.org.open', { organisation: state.organisation }),
            action: { functionName: ACTIONS.supportFind, parameters: { domain: state.organisation } },
          },
        ],
      });
    }
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
  if (state.kind === 'ok' && state.links.length > 0) {
    facts.push({ kind: 'paragraph', html: escapeHtml(t('support.org.domains')) });
    for (const link of state.links)
      facts.push({
        kind: 'fact',
        html: escapeHtml(link),
        button: {
          text: t('support.unlink.button'),
          action: {
            functionName: ACTIONS.supportUnlink,
            parameters: { domain: link, organisation: domain, from: 'organisation' },
            spinner: true,
          },
        },
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
  const sections = [{ widgets: facts }, { header: escapeHtml(t('support.assign.header')), widgets: assign }];
  // An organisation with domains of its own is not added to another (no chains of links).
  if (state.kind !== 'ok' || state.links.length === 0)
    sections.push({
      header: escapeHtml(t('support.link.header')),
      widgets: linkForm(view, domain, state, form),
    });
  return {
    name: SUPPORT_ORGANISATION_CARD,
    title: domain,
    sections,
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

function linkForm(
  view: View,
  domain: string,
  state: OrganisationState,
  form: { organisation?: string; linkProblem?: string },
): WidgetModel[] {
  const { t } = view;
  const widgets: WidgetModel[] = [];
  if (form.linkProblem) widgets.push({ kind: 'paragraph', html: html`<b>${form.linkProblem}</b>` });
  widgets.push({
    kind: 'textInput',
    name: FIELDS.supportOrganisation,
    label: t('support.link.label', { domain }),
    hint: t('support.link.hint'),
    value: form.organisation ?? '',
  });
  if (state.kind === 'ok' && state.organisation === domain)
    widgets.push({ kind: 'paragraph', html: escapeHtml(t('support.link.replaces', { domain })) });
  widgets.push({
    kind: 'buttons',
    buttons: [
      {
        text: t('support.link.button', { domain }),
        action: { functionName: ACTIONS.supportLink, parameters: { domain }, spinner: true },
      },
    ],
  });
  return widgets;
}

/** How full Script Properties are, in bold from the warning level on. */
function fillParagraph(t: View['t'], percent: number): WidgetModel {
  return {
    kind: 'paragraph',
    html:
      percent >= STORE_WARNING_PERCENT
        ? html`<b>${t('support.store.warning', { percent })}</b>`
        : escapeHtml(t('support.store.fill', { percent })),
  };
}
