import type { CardModel } from '../../cards/card-model';
import { withSupportLink } from '../../cards/html';
import type { View } from '../view';

export const RECORD_PROBLEM_CARD = 'recordProblem';

/**
 * The organisation's stored answer cannot be read. Asking the question again would let the next
 * confirm overwrite it without a trace, so the user is sent to support and nothing is written.
 */
export function recordProblemCard(view: View, domain: string, supportEmail: string): CardModel {
  const { t } = view;
  return {
    name: RECORD_PROBLEM_CARD,
    title: t('recordProblem.title'),
    subtitle: domain,
    sections: [
      {
        widgets: [
          { kind: 'paragraph', html: withSupportLink(t('recordProblem.text', { domain }), supportEmail) },
        ],
      },
    ],
  };
}
