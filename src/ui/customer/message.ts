import type { CardModel } from '../../cards/card-model';
import { escapeHtml } from '../../cards/html';
import type { View } from '../view';

export const MESSAGE_CARD = 'message';

/** A card that only says something (used when the homepage itself cannot be built). */
export function messageCard(view: View, text: string): CardModel {
  return {
    name: MESSAGE_CARD,
    title: view.t('app.name'),
    sections: [{ widgets: [{ kind: 'paragraph', html: escapeHtml(text) }] }],
  };
}
