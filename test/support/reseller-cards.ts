/** Cards of the reseller's room and the invitation, for the tests that check every card. */
import { makeInvitation } from '../../src/domain/invitation';
import type { CardModel } from '../../src/cards/card-model';
import type { CustomerList, ResellerCustomer } from '../../src/store/reseller-customers';
import { confirmCard } from '../../src/ui/customer/confirm';
import { questionCard } from '../../src/ui/customer/question';
import { invitationCard, resellerCard } from '../../src/ui/reseller/cards';
import type { View } from '../../src/ui/view';
import { escapeHtml } from '../../src/cards/html';

export function customerList(count: number, name: string, domain: string, now: number): CustomerList {
  const customers: ResellerCustomer[] = Array.from({ length: count }, (_, i) => ({
    organisation: i === 0 ? domain : `kunde-${i}.example`,
    since: now - i * 3_600_000,
    source: i % 3 === 0 ? 'user' : i % 3 === 1 ? 'support' : 'invitation',
    ...(i % 4 === 0 ? { changeRequestedAt: now - i * 1000 } : {}),
  }));
  return { resellerId: 'R-00001', resellerName: name, builtAt: now - 5 * 60_000, customers };
}

/** The room's cards with hostile names and domains: approved (two pages), suspended, empty, an invitation. */
export function resellerRoomCards(
  view: View,
  domain: string,
  name: string,
  support: string,
  now: number,
): CardModel[] {
  const list = customerList(60, name, domain, now);
  const reseller = { id: 'R-00001', name, domain, country: 'DE', status: 'approved' as const };
  return [
    resellerCard(view, { list, status: 'approved', page: 1, now, supportEmail: () => support }),
    resellerCard(view, { list, status: 'suspended', page: 0, now, supportEmail: () => support }),
    resellerCard(view, {
      list: { ...list, customers: [] },
      status: 'approved',
      page: 0,
      now,
      supportEmail: () => support,
    }),
    invitationCard(view, name, makeInvitation('ABCDEFGH', 'R-00001', 'info@mueller-it.de', now)),
    questionCard(view, domain, { code: name, problem: escapeHtml(name) }),
    confirmCard(view, domain, reseller, '', 'ABCDEFGH'),
  ];
}
