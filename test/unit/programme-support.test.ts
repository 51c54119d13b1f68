/**
 * The pure parts of support's programme cards: the Settings tab's agreement mail settings, the
 * mailto: link built from them, which attachments count as a PDF, file sizes, and the words of a
 * refused step.
 */
import { DEFAULT_SETTINGS, parseStoredSettings, readSettingsRows } from '../../src/domain/settings-rows';
import { checkTransition } from '../../src/domain/programme';
import { agreementMail, isPdf, refusalWords } from '../../src/ui/support/programme';
import { fileSize, type ResellerDetails } from '../../src/ui/support/programme-cards';
import { createView } from '../../src/ui/view';

const EN = createView('en', {});
const DE = createView('de', {});
const DETAILS: ResellerDetails = {
  domain: 'partner-it.example',
  status: 'agreement_sent',
  resellerId: '',
  company: 'Partner & Söhne <IT>',
  contactName: 'Petra Partner',
  contactEmail: 'petra+sales@partner-it.example',
};

describe('the agreement mail settings', () => {
  it('reads subject, text (with its line breaks) and an https link', () => {
    const read = readSettingsRows([
      ['agreementSubject', '  Your agreement,\n{company} '],
      ['agreementText', 'Hello {contactName},\r\n\r\nsign here: {link}\u0007'],
      ['agreementLink', 'https://vendor.example/agreement.pdf'],
    ]);
    expect(read.rows.map((r) => r.kind)).toEqual(['ok', 'ok', 'ok']);
    expect(read.settings).toMatchObject({
      agreementSubject: 'Your agreement, {company}',
      agreementText: 'Hello {contactName},\n\nsign here: {link}',
      agreementLink: 'https://vendor.example/agreement.pdf',
    });
    expect(parseStoredSettings(JSON.stringify(read.settings))).toEqual(read.settings);
  });

  it.each([
    ['an http link', ['agreementLink', 'http://vendor.example/a.pdf'], 'badLink'],
    ['a javascript: link', ['agreementLink', 'javascript:alert(1)'], 'badLink'],
    ['a link of 523 characters', ['agreementLink', `https://vendor.example/${'a'.repeat(500)}`], 'tooLong'],
    ['a subject of 201 characters', ['agreementSubject', 'x'.repeat(201)], 'tooLong'],
    ['a text of 1,501 characters', ['agreementText', 'x'.repeat(1501)], 'tooLong'],
  ] as const)('flags %s and keeps the previous value', (_label, row, kind) => {
    const previous = {
      ...DEFAULT_SETTINGS,
      agreementLink: 'https://old.example/a.pdf',
      agreementSubject: 'old',
    };
    const read = readSettingsRows([row], previous);
    expect(read.rows[0]).toEqual({ kind: 'flagged', problem: expect.objectContaining({ kind }) });
    expect(read.settings).toEqual(previous);
  });

  it('are absent from settings stored before them', () => {
    expect(parseStoredSettings('{"supportStaff":["sam@vendor.example"]}').agreementText).toBeUndefined();
  });
});

describe('the agreement mail as a mailto: link', () => {
  it('puts the contact in the address, the subject and CRLF text percent-encoded', () => {
    const mail = agreementMail(
      EN,
      {
        ...DEFAULT_SETTINGS,
        agreementSubject: 'For {company} & co?',
        agreementText: 'Hi {contactName}\n{link} {nope}',
      },
      DETAILS,
    );
    expect(mail.to).toBe('petra+sales@partner-it.example');
    expect(mail.url.startsWith('mailto:petra%2Bsales@partner-it.example?subject=')).toBe(true);
    const url = new URL(mail.url);
    expect(url.searchParams.get('subject')).toBe('For Partner & Söhne <IT> & co?');
    // No link set: {link} is empty, unknown braces stay as written, and support attaches the PDF.
    expect(url.searchParams.get('body')).toBe('Hi Petra Partner\r\n {nope}');
    expect(mail.attach).toBe(true);
    // Nothing in the link that would end it or need escaping in a card.
    expect(mail.url).not.toMatch(/[\s<>"']/);
  });

  it('uses the add-on’s own text in support’s language when the Settings tab has none', () => {
    const withLink = { ...DEFAULT_SETTINGS, agreementLink: 'https://vendor.example/a.pdf' };
    const de = new URL(agreementMail(DE, withLink, DETAILS).url);
    expect(de.searchParams.get('subject')).toBe('Reseller-Vertrag für Partner & Söhne <IT>');
    expect(de.searchParams.get('body')).toContain('unter https://vendor.example/a.pdf');
    const en = new URL(agreementMail(EN, DEFAULT_SETTINGS, { ...DETAILS, contactName: undefined }).url);
    expect(en.searchParams.get('body')).toMatch(/^Hello Partner & Söhne <IT>,\r\n\r\n/);
    expect(en.searchParams.get('body')).toContain('attached reseller agreement');
  });

  it('has no recipient when no contact is known', () => {
    const mail = agreementMail(EN, DEFAULT_SETTINGS, { ...DETAILS, contactEmail: undefined });
    expect(mail.to).toBe('');
    expect(mail.url.startsWith('mailto:?subject=')).toBe(true);
  });
});

describe('attachments and their words', () => {
  it.each([
    [{ name: 'signed.pdf', contentType: 'application/pdf', size: 1 }, true],
    [{ name: 'SIGNED.PDF', contentType: 'application/octet-stream', size: 1 }, true],
    [{ name: 'agreement', contentType: 'Application/PDF', size: 1 }, true],
    [{ name: 'scan.jpg', contentType: 'image/jpeg', size: 1 }, false],
    [{ name: 'signed.pdf.exe', contentType: 'application/octet-stream', size: 1 }, false],
  ])('%j is a PDF: %s', (file, expected) => {
    expect(isPdf(file)).toBe(expected);
  });

  it('gives sizes in bytes, KB and MB', () => {
    expect(fileSize(EN, 820)).toBe('820 bytes');
    expect(fileSize(DE, 820)).toBe('820 Byte');
    expect(fileSize(EN, 245_760)).toBe('240 KB');
    expect(fileSize(EN, 1_572_864)).toBe('1.5 MB');
    expect(fileSize(DE, 1_572_864)).toBe('1,5 MB');
  });

  it('words a refused step from what it needs first', () => {
    const refused = (
      from: Parameters<typeof checkTransition>[0],
      to: Parameters<typeof checkTransition>[1],
    ) => {
      const check = checkTransition(from, to);
      if (check.ok) throw new Error('allowed');
      return check;
    };
    expect(refusalWords(EN, refused('applied', 'approved'))).toBe(
      'Approve needs a signed agreement first. Nothing was changed.',
    );
    expect(refusalWords(DE, refused('agreement_sent', 'approved'))).toBe(
      '„Freigeben“ braucht zuerst einen unterschriebenen Vertrag. Nichts wurde geändert.',
    );
    expect(refusalWords(EN, refused('applied', 'agreement_signed'))).toBe(
      'Mark agreement signed needs the agreement sent first. Nothing was changed.',
    );
  });
});
