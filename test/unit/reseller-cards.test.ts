/** The reseller's room as card models (src/ui/reseller/cards.ts), in English and German. */
import { makeInvitation } from '../../src/domain/invitation';
import { ACTIONS } from '../../src/ui/actions';
import { PAGE_SIZE, resellerCard, invitationCard } from '../../src/ui/reseller/cards';
import { createView } from '../../src/ui/view';
import { buttonsOf, facts, readCard, textInput } from '../support/memory-ports';
import { customerList } from '../support/reseller-cards';

const NOW = Date.UTC(2026, 10, 23, 9, 30, 0);
const en = createView('en', { id: 'Europe/Berlin' });
const de = createView('de', { id: 'Europe/Berlin' });
const SUPPORT = 'help@reseller-connect.example';

describe('the reseller’s view', () => {
  const list = customerList(60, 'Müller IT GmbH', 'acme.de', NOW);

  it('counts customers by source and waiting change requests, and says how old the list is', () => {
    const card = resellerCard(en, {
      list,
      status: 'approved',
      page: 0,
      now: NOW,
      supportEmail: () => SUPPORT,
    });
    const text = readCard(card);
    expect(card.title).toBe('Your customers');
    expect(card.subtitle).toBe('Müller IT GmbH');
    expect(text).toContain('20 chose you · 20 with your invitation · 20 set by our support team');
    expect(facts(card).find((f) => f.label === 'Change requests waiting')?.html).toBe('15');
    expect(text).toContain('List as of 5 min ago');
    expect(text).toContain('… and 5 more, marked in the list below.');
    expect(text).toContain(`Customers 1–${PAGE_SIZE} of 60`);
    expect(text).toContain('acme.de\nSince 23 Nov 2026 · chose you · change requested on 23 Nov 2026');
    expect(buttonsOf(card).map((b) => b.text)).toEqual(['Invite a customer', 'Refresh list', 'Next']);
    // No button names a reseller: the callbacks take it from the caller's own role.
    for (const b of buttonsOf(card)) expect(JSON.stringify(b.action.parameters ?? {})).not.toMatch(/R-0/);
  });

  it('pages through the list; a page out of range shows the last one', () => {
    const card = resellerCard(de, {
      list,
      status: 'approved',
      page: 99,
      now: NOW,
      supportEmail: () => SUPPORT,
    });
    expect(readCard(card)).toContain('Kunden 51–60 von 60');
    expect(buttonsOf(card).map((b) => b.text)).toEqual(['Kunden einladen', 'Liste aktualisieren', 'Zurück']);
    expect(buttonsOf(card).at(-1)?.action).toEqual({
      functionName: ACTIONS.resellerPage,
      parameters: { page: '1' },
    });
    // The change requests are listed on the first page only.
    expect(readCard(card)).not.toContain('Diese Kunden haben');
  });

  it('tells a suspended reseller’s staff, in German, without invitations', () => {
    const card = resellerCard(de, {
      list,
      status: 'suspended',
      page: 0,
      now: NOW,
      supportEmail: () => SUPPORT,
    });
    const text = readCard(card);
    expect(text).toContain('Müller IT GmbH ist gesperrt');
    expect(text).toContain(SUPPORT);
    expect(text).toContain('20 selbst gewählt · 20 mit Ihrer Einladung · 20 vom Support zugeordnet');
    expect(buttonsOf(card).map((b) => b.text)).not.toContain('Kunden einladen');
  });

  it('says what to do without customers', () => {
    const empty = { ...list, customers: [], builtAt: NOW };
    const text = readCard(
      resellerCard(en, { list: empty, status: 'approved', page: 0, now: NOW, supportEmail: () => SUPPORT }),
    );
    expect(text).toContain('No customers yet.');
    expect(text).toContain('List as of just now');
  });
});

describe('the invitation card', () => {
  it.each([
    {
      view: en,
      valid: 'The code is valid until 23 Dec 2026.',
      mail: 'enter the code ABCD-EFGH under “Have an invitation code?”',
    },
    {
      view: de,
      valid: 'Der Code gilt bis 23.12.2026.',
      mail: 'geben Sie unter „Haben Sie einen Einladungscode?“ den Code ABCD-EFGH ein',
    },
  ])('shows the code and a mail text to copy ($view.language)', ({ view, valid, mail }) => {
    const card = invitationCard(
      view,
      'Müller IT GmbH',
      makeInvitation('ABCDEFGH', 'R-00001', 'info@mueller-it.de', NOW),
    );
    expect(readCard(card)).toContain(valid);
    expect(facts(card)[0]?.html).toBe('<b>ABCD-EFGH</b>');
    const input = textInput(card);
    expect(input.multiline).toBe(true);
    expect(input.value).toContain(mail);
    expect(input.value).toContain('Müller IT GmbH');
  });
});
