import { CHANGE_REASON_MIN_CHARS } from '../../domain/change-request';
import { ACTIONS, FIELDS } from '../actions';
import type { CardModel, WidgetModel } from '../../cards/card-model';
import { escapeHtml, html } from '../../cards/html';
import type { View } from '../view';

export const CHANGE_REQUEST_CARD = 'changeRequest';

export function changeRequestCard(view: View, domain: string, reason = '', problem?: string): CardModel {
  const { t } = view;
  const widgets: WidgetModel[] = [{ kind: 'paragraph', html: escapeHtml(t('change.intro')) }];
  if (problem) widgets.push({ kind: 'paragraph', html: html`<b>${problem}</b>` });
  widgets.push({
    kind: 'textInput',
    name: FIELDS.changeReason,
    label: t('change.label'),
    hint: t('change.hint', { min: CHANGE_REASON_MIN_CHARS }),
    value: reason,
    multiline: true,
  });
  return {
    name: CHANGE_REQUEST_CARD,
    title: t('change.title'),
    subtitle: domain,
    sections: [{ widgets }],
    footer: {
      primary: {
        text: t('change.send'),
        action: { functionName: ACTIONS.submitChangeRequest, parameters: { domain }, spinner: true },
        filled: true,
      },
      secondary: { text: t('common.back'), action: { functionName: ACTIONS.goBack } },
    },
  };
}
