/** The reseller programme's rules (src/domain/programme.ts): its statuses and applications. */
import {
  checkTransition,
  isOpenApplication,
  nextStatuses,
  readApplication,
  APPLICATION_LIMITS,
} from '../../src/domain/programme';
import { RESELLER_STATUSES, type ResellerStatus } from '../../src/domain/reseller';

describe('the statuses', () => {
  const allowed: [ResellerStatus, ResellerStatus][] = [
    ['applied', 'agreement_sent'],
    ['applied', 'rejected'],
    ['agreement_sent', 'agreement_signed'],
    ['agreement_sent', 'rejected'],
    ['agreement_signed', 'approved'],
    ['agreement_signed', 'rejected'],
    ['approved', 'suspended'],
    ['suspended', 'approved'],
  ];

  it('allow exactly the programme’s steps', () => {
    for (const from of RESELLER_STATUSES)
      for (const to of RESELLER_STATUSES) {
        const ok = allowed.some(([a, b]) => a === from && b === to);
        expect([from, to, checkTransition(from, to).ok]).toEqual([from, to, ok]);
      }
    expect(nextStatuses('rejected')).toEqual([]);
  });

  it('say what must happen first', () => {
    expect(checkTransition('applied', 'approved')).toEqual({
      ok: false,
      from: 'applied',
      to: 'approved',
      needs: 'agreement_signed',
    });
    expect(checkTransition('applied', 'agreement_signed')).toMatchObject({ needs: 'agreement_sent' });
    expect(checkTransition('rejected', 'approved')).toEqual({ ok: false, from: 'rejected', to: 'approved' });
    expect(checkTransition('approved', 'approved')).toEqual({ ok: false, from: 'approved', to: 'approved' });
  });

  it('know which are an open application', () => {
    expect(RESELLER_STATUSES.filter(isOpenApplication)).toEqual([
      'applied',
      'agreement_sent',
      'agreement_signed',
    ]);
  });
});

describe('an application', () => {
  const valid = {
    company: 'Nordlicht Systemhaus GmbH',
    domain: 'nordlicht-it.de',
    contactName: 'Nina Nord',
    contactEmail: 'Nina@Nordlicht-IT.de',
    country: 'de',
    website: 'https://nordlicht-it.de',
    message: 'Hallo,\n\nwir betreuen 40 Kunden.',
  };

  it('is read cleaned: case, spaces, line breaks of the message kept', () => {
    const read = readApplication({ ...valid, company: '  Nordlicht \t Syst\u202eemhaus\u0007 GmbH ' });
    expect(read).toEqual({
      ok: true,
      application: {
        ...valid,
        company: 'Nordlicht Systemhaus GmbH',
        contactEmail: 'nina@nordlicht-it.de',
        country: 'DE',
      },
    });
  });

  it.each<[string, Record<string, string>, string, string]>([
    ['no company', { company: ' ' }, 'company', 'missing'],
    [
      'a personal domain',
      { domain: 'gmail.com', contactEmail: 'nina@gmail.com' },
      'domain',
      'personalDomain',
    ],
    ['a malformed domain', { domain: 'nordlicht it' }, 'domain', 'badDomain'],
    ['a malformed email', { contactEmail: 'nina@' }, 'contactEmail', 'badEmail'],
    ['an email of another domain', { contactEmail: 'nina@gmail.com' }, 'contactEmail', 'emailNotInDomain'],
    ['a country that is no code', { country: 'Germany' }, 'country', 'badCountry'],
    ['a website that is no address', { website: 'javascript:alert(1)' }, 'website', 'badWebsite'],
    ['10,000 characters of message', { message: 'x'.repeat(10_000) }, 'message', 'tooLong'],
    ['a company name of 10,000 characters', { company: '=HYPERLINK("x")'.repeat(700) }, 'company', 'tooLong'],
  ])('refuses %s with the field and what is wrong', (_, change, field, kind) => {
    const read = readApplication({ ...valid, ...change });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems).toContainEqual(expect.objectContaining({ field, kind }));
  });

  it('keeps formulas and markup as text (the Sheet is written RAW, cards escape)', () => {
    const read = readApplication({ ...valid, company: '=IMPORTXML("http://x")', message: '<b>hi</b>' });
    expect(read).toMatchObject({
      ok: true,
      application: { company: '=IMPORTXML("http://x")', message: '<b>hi</b>' },
    });
  });

  it('has limits under what a Resellers cell holds', () => {
    expect(Math.max(...Object.values(APPLICATION_LIMITS))).toBeLessThanOrEqual(2000);
  });
});
