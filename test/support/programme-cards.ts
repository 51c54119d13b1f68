/** Support's programme cards with hostile names and file names, for the tests that check every card. */
import type { CardModel } from '../../src/cards/card-model';
import { DEFAULT_SETTINGS } from '../../src/domain/settings-rows';
import type { ResellerStatus } from '../../src/domain/reseller';
import { supportHomeCard } from '../../src/ui/support/cards';
import { agreementMail } from '../../src/ui/support/programme';
import { resellerCard, type ResellerDetails } from '../../src/ui/support/programme-cards';
import type { View } from '../../src/ui/view';

/** The homepage with a queue, and a reseller's card in every status (with an email's PDFs once). */
export function supportProgrammeCards(view: View, domain: string, name: string, now: number): CardModel[] {
  const details = (status: ResellerStatus): ResellerDetails => ({
    domain,
    status,
    resellerId: status === 'applied' ? '' : 'R-00042',
    company: name,
    contactName: name,
    contactEmail: `petra@${domain}`,
    statusSince: now,
    ...(status === 'approved'
      ? {
          agreement: {
            messageId: 'abc',
            name: `${name}.pdf`,
            contentType: 'application/pdf',
            size: 5000,
            at: now,
          },
        }
      : {}),
  });
  const statuses: ResellerStatus[] = [
    'applied',
    'agreement_sent',
    'agreement_signed',
    'approved',
    'suspended',
    'rejected',
  ];
  const card = (status: ResellerStatus, form: Parameters<typeof resellerCard>[3] = {}): CardModel =>
    resellerCard(view, details(status), agreementMail(view, DEFAULT_SETTINGS, details(status)), form);
  return [
    supportHomeCard(view, {
      late: false,
      waiting: 0,
      fillPercent: 10,
      openRequests: [],
      programme: statuses.map((status) => ({ domain, status, company: name })),
    }),
    ...statuses.map((status) => card(status, { problem: name, reason: name })),
    card('agreement_sent', {
      root: true,
      sent: true,
      messageId: 'abc',
      attachments: [{ name: `${name}.pdf`, contentType: 'application/pdf', size: 1_200_000 }],
    }),
    card('agreement_sent', { root: true, messageId: 'abc', attachments: [] }),
  ];
}
