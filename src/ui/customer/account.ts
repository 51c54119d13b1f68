import type { CardModel } from '../../cards/card-model';
import { escapeHtml, withSupportLink } from '../../cards/html';
import type { View } from '../view';

export const PERSONAL_CARD = 'personalAccount';
export const HIDDEN_CARD = 'hiddenAccount';

/** A personal Google account belongs to no organisation: explain, store nothing. */
export function personalAccountCard(view: View, email: string): CardModel {
  const { t } = view;
  return {
    name: PERSONAL_CARD,
    title: t('personal.title'),
    sections: [{ widgets: [{ kind: 'paragraph', html: escapeHtml(t('personal.text', { email })) }] }],
  };
}

/** The domain's policy hides the user's email, so we cannot know the organisation. */
export function hiddenAccountCard(view: View, supportEmail: string): CardModel {
  const { t } = view;
  return {
    name: HIDDEN_CARD,
    title: t('hidden.title'),
    sections: [{ widgets: [{ kind: 'paragraph', html: withSupportLink(t('hidden.text'), supportEmail) }] }],
  };
}
