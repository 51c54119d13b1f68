import { setBy, type Assignment } from '../../domain/assignment';
import { ACTIONS } from '../actions';
import type { CardModel, WidgetModel } from '../../cards/card-model';
import { escapeHtml, html } from '../../cards/html';
import type { View } from '../view';

export const STATUS_CARD = 'status';

/** The reseller's name as the directory gives it, or why it cannot be shown. */
export type ShownResellerName = { name: string } | { unknown: 'removed' | 'unreadable' };

/** The reseller's name, or a plain-words stand-in naming its id. */
export function resellerNameText(view: View, resellerId: string, shown: ShownResellerName): string {
  if ('name' in shown) return shown.name;
  return view.t(shown.unknown === 'removed' ? 'status.unknownReseller' : 'status.unreadableReseller', {
    id: resellerId,
  });
}

/** The organisation's answer, for every user of the domain, from the first answer on. */
export function statusCard(
  view: View,
  domain: string,
  viewerEmail: string,
  assignment: Assignment,
  /** The reseller's name from the directory (ignored when the organisation buys directly). */
  resellerName: ShownResellerName,
): CardModel {
  const { t } = view;
  const setter = t(`status.setBy.${setBy(assignment, viewerEmail)}`);
  const who = assignment.source === 'invitation' ? `${setter} · ${t('status.viaInvitation')}` : setter;
  const since = t('status.since', { date: view.date(assignment.since) });
  const widgets: WidgetModel[] = [];
  if (assignment.kind === 'reseller') {
    widgets.push(
      { kind: 'paragraph', html: escapeHtml(t('status.resellerIntro', { domain })) },
      {
        kind: 'fact',
        html:
          'name' in resellerName
            ? html`<b>${resellerName.name}</b>`
            : escapeHtml(resellerNameText(view, assignment.resellerId, resellerName)),
        bottomLabel: `${since} · ${who}`,
      },
    );
    if (assignment.answer && assignment.changeRequestedAt === undefined) {
      const { answer } = assignment;
      const intro = t(`status.answer.${answer.state}`, { date: view.date(answer.at) });
      widgets.push({ kind: 'paragraph', html: html`${intro} <b>${answer.text}</b>` });
    }
    if (assignment.changeRequestedAt !== undefined) {
      widgets.push({
        kind: 'paragraph',
        html: escapeHtml(t('status.pending', { date: view.date(assignment.changeRequestedAt) })),
      });
    } else {
      widgets.push({
        kind: 'buttons',
        buttons: [
          {
            text: t('status.requestChange'),
            action: { functionName: ACTIONS.showChangeRequest, parameters: { domain } },
          },
        ],
      });
    }
  } else {
    widgets.push(
      { kind: 'paragraph', html: escapeHtml(t('status.directIntro', { domain })) },
      { kind: 'fact', html: escapeHtml(since), bottomLabel: who },
      {
        kind: 'buttons',
        buttons: [{ text: t('status.haveReseller'), action: { functionName: ACTIONS.answerHasReseller } }],
      },
    );
  }
  return { name: STATUS_CARD, title: t('status.title'), subtitle: domain, sections: [{ widgets }] };
}
