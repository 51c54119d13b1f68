/** The pure domain rules: accounts, assignments, change requests and the user's own state. */
import { classifyAccount, emailFingerprint, PERSONAL_DOMAINS } from '../../src/domain/account';
import {
  decideChoice,
  decodeAssignment,
  directAssignment,
  encodeAssignment,
  resellerAssignment,
  setBy,
  type Assignment,
} from '../../src/domain/assignment';
import {
  checkChangeReason,
  CHANGE_REASON_MAX_CHARS,
  CHANGE_REASON_MIN_CHARS,
} from '../../src/domain/change-request';
import type { Reseller } from '../../src/domain/reseller';
import {
  ASK_LATER_DAYS,
  askLater,
  decodeUserState,
  encodeUserState,
  isSnoozed,
} from '../../src/domain/user-state';

const DAY_MS = 24 * 60 * 60 * 1000;
/** 23 Nov 2026 09:30:15 UTC: a whole second, so it survives the second-precision encoding. */
const NOW = Date.UTC(2026, 10, 23, 9, 30, 15);

const MUELLER: Reseller = {
  id: 'R-00001',
  name: 'Müller IT GmbH',
  domain: 'mueller-it.de',
  country: 'DE',
  status: 'approved',
};
const SCHAEFER: Reseller = {
  id: 'R-00003',
  name: 'Schäfer Cloud AG',
  domain: 'schaefer-cloud.ch',
  country: 'CH',
  status: 'approved',
};

describe('classifyAccount', () => {
  it('treats an address of any other domain as a user of that organisation', () => {
    expect(classifyAccount('anna@mueller-it.de')).toEqual({
      kind: 'organisation',
      email: 'anna@mueller-it.de',
      domain: 'mueller-it.de',
    });
  });

  it.each(['gmail.com', 'googlemail.com'])('treats @%s as a personal account', (domain) => {
    expect(classifyAccount(`someone@${domain}`)).toEqual({
      kind: 'personal',
      email: `someone@${domain}`,
      domain,
    });
  });

  it('lists exactly the two consumer domains as personal', () => {
    expect([...PERSONAL_DOMAINS].sort()).toEqual(['gmail.com', 'googlemail.com']);
  });

  it('does not treat a subdomain of gmail.com as personal', () => {
    expect(classifyAccount('a@mail.gmail.com')).toEqual({
      kind: 'organisation',
      email: 'a@mail.gmail.com',
      domain: 'mail.gmail.com',
    });
  });

  it('lower-cases the address and trims surrounding spaces', () => {
    expect(classifyAccount('  Anna.Schmidt@Mueller-IT.DE \n')).toEqual({
      kind: 'organisation',
      email: 'anna.schmidt@mueller-it.de',
      domain: 'mueller-it.de',
    });
    expect(classifyAccount(' Someone@GMail.COM ')).toEqual({
      kind: 'personal',
      email: 'someone@gmail.com',
      domain: 'gmail.com',
    });
  });

  it('takes the domain after the last @', () => {
    expect(classifyAccount('"a@b"@acme.de')).toEqual({
      kind: 'organisation',
      email: '"a@b"@acme.de',
      domain: 'acme.de',
    });
  });

  it.each(['', '   ', 'x', '@a.de', 'a@', ' a@ ', '@'])('treats %j as a hidden account', (email) => {
    expect(classifyAccount(email)).toEqual({ kind: 'hidden' });
  });
});

describe('emailFingerprint', () => {
  it('is the 32-bit FNV-1a hash in base 36 (standard test vectors)', () => {
    expect(emailFingerprint('')).toBe((0x811c9dc5).toString(36));
    expect(emailFingerprint('a')).toBe((0xe40c292c).toString(36));
    expect(emailFingerprint('foobar')).toBe((0xbf9cf968).toString(36));
  });

  it('is stable from call to call', () => {
    expect(emailFingerprint('anna@acme.de')).toBe(emailFingerprint('anna@acme.de'));
  });

  it('ignores case and surrounding spaces', () => {
    expect(emailFingerprint(' Anna@ACME.de ')).toBe(emailFingerprint('anna@acme.de'));
  });

  it('tells different addresses apart and contains only base-36 digits', () => {
    const prints = ['anna@acme.de', 'ben@acme.de', 'anna@acme.at', 'anna@acme.de.'].map(emailFingerprint);
    expect(new Set(prints).size).toBe(prints.length);
    for (const print of prints) expect(print).toMatch(/^[0-9a-z]{1,7}$/);
  });

  it('does not contain the address itself', () => {
    expect(emailFingerprint('anna@acme.de')).not.toContain('anna');
  });
});

describe('resellerAssignment / directAssignment', () => {
  it('records the reseller, the time and the fingerprint of the user who chose it', () => {
    expect(resellerAssignment(MUELLER, 'Anna@acme.de', NOW)).toEqual({
      kind: 'reseller',
      resellerId: 'R-00001',
      resellerName: 'Müller IT GmbH',
      since: NOW,
      source: 'user',
      actor: emailFingerprint('anna@acme.de'),
    });
  });

  it('records a direct purchase without a reseller', () => {
    expect(directAssignment('anna@acme.de', NOW)).toEqual({
      kind: 'direct',
      since: NOW,
      source: 'user',
      actor: emailFingerprint('anna@acme.de'),
    });
  });
});

describe('encodeAssignment / decodeAssignment', () => {
  const reseller: Extract<Assignment, { kind: 'reseller' }> = {
    kind: 'reseller',
    resellerId: MUELLER.id,
    resellerName: MUELLER.name,
    since: NOW,
    source: 'user',
    actor: emailFingerprint('anna@acme.de'),
  };
  const direct: Assignment = directAssignment('anna@acme.de', NOW);

  it.each<[string, Assignment]>([
    ['a reseller', reseller],
    ['a reseller with a pending change request', { ...reseller, changeRequestedAt: NOW + 5 * DAY_MS }],
    ['a direct purchase', direct],
    ['a direct purchase with a change-request time', { ...direct, changeRequestedAt: NOW + 1000 }],
    ['a record set by support', { ...reseller, source: 'support', actor: 'support' }],
  ])('round-trips %s', (_, assignment) => {
    expect(decodeAssignment(encodeAssignment(assignment))).toEqual(assignment);
  });

  it('omits changeRequestedAt when there is none', () => {
    const decoded = decodeAssignment(encodeAssignment(reseller));
    expect(decoded).not.toBeNull();
    expect(decoded && 'changeRequestedAt' in decoded).toBe(false);
  });

  it('keeps times to the second, dropping milliseconds', () => {
    const decoded = decodeAssignment(
      encodeAssignment({ ...reseller, since: NOW + 999, changeRequestedAt: NOW + 2_500 }),
    );
    expect(decoded?.since).toBe(NOW);
    expect(decoded?.changeRequestedAt).toBe(NOW + 2_000);
  });

  it('uses a compact tab-separated layout with base-36 seconds', () => {
    const at = 36_000; // 36 s → "10" in base 36
    expect(encodeAssignment({ kind: 'direct', since: at, source: 'user', actor: 'fp' })).toBe(
      'D\t10\tu\tfp\t',
    );
    expect(
      encodeAssignment({
        kind: 'reseller',
        resellerId: 'R-1',
        resellerName: 'N',
        since: at,
        source: 'support',
        actor: 'fp',
        changeRequestedAt: 72_000,
      }),
    ).toBe('R\t10\ts\tfp\t20\tR-1\tN');
  });

  it('flattens tabs and line breaks in a reseller name to spaces', () => {
    const odd: Assignment = { ...reseller, resellerName: 'A\tB\nC\r\nD' };
    const encoded = encodeAssignment(odd);
    expect(encoded.split('\t')).toHaveLength(7);
    expect(encoded).not.toMatch(/[\n\r]/);
    expect(decodeAssignment(encoded)).toEqual({ ...reseller, resellerName: 'A B C  D' });
  });

  it('keeps markup and umlauts in a reseller name as they are', () => {
    const odd: Assignment = { ...reseller, resellerName: '<b>Bold</b> & Söhne "Co"' };
    expect(decodeAssignment(encodeAssignment(odd))).toEqual(odd);
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'garbage'],
    ['an unknown kind', 'X\t1\tu\tfp\t'],
    ['a lower-case kind', 'd\t1\tu\tfp\t'],
    ['a missing time', 'D\t\tu\tfp\t'],
    ['an unparseable time', 'D\t!!\tu\tfp\t'],
    ['an unknown source', 'D\t1\tx\tfp\t'],
    ['a missing actor', 'D\t1\tu'],
    ['a reseller without an id', 'R\t1\tu\tfp\t'],
    ['a reseller with an empty id', 'R\t1\tu\tfp\t\t\tName'],
    ['a reseller without a name', 'R\t1\tu\tfp\t\tR-1'],
    ['JSON', '{"kind":"direct"}'],
  ])('returns null for %s', (_, text) => {
    expect(decodeAssignment(text)).toBeNull();
  });
});

describe('decideChoice', () => {
  const current = {
    reseller: resellerAssignment(MUELLER, 'anna@acme.de', NOW - DAY_MS),
    direct: directAssignment('anna@acme.de', NOW - DAY_MS),
  };
  const proposed = {
    sameReseller: resellerAssignment(MUELLER, 'ben@acme.de', NOW),
    otherReseller: resellerAssignment(SCHAEFER, 'ben@acme.de', NOW),
    direct: directAssignment('ben@acme.de', NOW),
  };

  it('saves any proposal when the organisation has no record yet', () => {
    expect(decideChoice(null, proposed.otherReseller)).toEqual({
      outcome: 'saved',
      record: proposed.otherReseller,
    });
    expect(decideChoice(null, proposed.direct)).toEqual({ outcome: 'saved', record: proposed.direct });
  });

  it('leaves a reseller record unchanged when the same reseller is proposed again', () => {
    expect(decideChoice(current.reseller, proposed.sameReseller)).toEqual({
      outcome: 'unchanged',
      record: current.reseller,
    });
  });

  it('refuses another reseller once a reseller is bound', () => {
    expect(decideChoice(current.reseller, proposed.otherReseller)).toEqual({
      outcome: 'alreadyBound',
      record: current.reseller,
    });
  });

  it('refuses "we buy directly" once a reseller is bound', () => {
    expect(decideChoice(current.reseller, proposed.direct)).toEqual({
      outcome: 'alreadyBound',
      record: current.reseller,
    });
  });

  it('replaces "we buy directly" with a reseller', () => {
    expect(decideChoice(current.direct, proposed.otherReseller)).toEqual({
      outcome: 'saved',
      record: proposed.otherReseller,
    });
  });

  it('leaves "we buy directly" unchanged when it is proposed again', () => {
    expect(decideChoice(current.direct, proposed.direct)).toEqual({
      outcome: 'unchanged',
      record: current.direct,
    });
  });
});

describe('setBy', () => {
  const record = resellerAssignment(MUELLER, 'anna@acme.de', NOW);

  it('is "you" for the person who made the choice, whatever the case of their address', () => {
    expect(setBy(record, 'anna@acme.de')).toBe('you');
    expect(setBy(record, ' ANNA@Acme.DE')).toBe('you');
  });

  it('is "colleague" for anyone else', () => {
    expect(setBy(record, 'ben@acme.de')).toBe('colleague');
  });

  it('is "support" for a record set by support, even for the person named as actor', () => {
    const bySupport: Assignment = { ...record, source: 'support' };
    expect(setBy(bySupport, 'anna@acme.de')).toBe('support');
    expect(setBy(bySupport, 'ben@acme.de')).toBe('support');
  });
});

describe('checkChangeReason', () => {
  it('has the documented limits', () => {
    expect(CHANGE_REASON_MIN_CHARS).toBe(10);
    expect(CHANGE_REASON_MAX_CHARS).toBe(1000);
  });

  it.each([undefined, '', '   ', ' \n\t\r\n '])('calls %j empty', (raw) => {
    expect(checkChangeReason(raw)).toEqual({ ok: false, problem: 'empty' });
  });

  it('rejects 9 characters as too short and accepts 10', () => {
    expect(checkChangeReason('a'.repeat(9))).toEqual({ ok: false, problem: 'tooShort' });
    expect(checkChangeReason('a'.repeat(10))).toEqual({ ok: true, reason: 'a'.repeat(10) });
  });

  it('accepts 1000 characters and rejects 1001 as too long', () => {
    expect(checkChangeReason('b'.repeat(1000))).toEqual({ ok: true, reason: 'b'.repeat(1000) });
    expect(checkChangeReason('b'.repeat(1001))).toEqual({ ok: false, problem: 'tooLong' });
  });

  it('measures the trimmed text and returns it trimmed', () => {
    expect(checkChangeReason(`   ${'a'.repeat(9)}   `)).toEqual({ ok: false, problem: 'tooShort' });
    expect(checkChangeReason(`\n  ${'a'.repeat(10)}\t `)).toEqual({ ok: true, reason: 'a'.repeat(10) });
    expect(checkChangeReason(` ${'b'.repeat(1000)} `)).toEqual({ ok: true, reason: 'b'.repeat(1000) });
  });

  it('allows line breaks and tabs inside the reason', () => {
    const reason = 'New reseller:\nSchäfer Cloud AG\r\nContact:\tJan';
    expect(checkChangeReason(reason)).toEqual({ ok: true, reason });
  });

  it.each(
    [
      '\u0000',
      '\u0007',
      '\u0008',
      '\u000b',
      '\u000c',
      '\u000e',
      '\u001b',
      '\u001f',
      '\u007f',
      '\u0085',
      '\u009f',
    ].map((c): [string, string] => [c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase(), c]),
  )('rejects the control character U+%s inside the reason', (_, control) => {
    expect(checkChangeReason(`please change${control} the reseller`)).toEqual({
      ok: false,
      problem: 'controlCharacters',
    });
  });

  it('reports control characters even in a text that is also too short', () => {
    expect(checkChangeReason('ab\u0000c')).toEqual({ ok: false, problem: 'controlCharacters' });
  });

  it('accepts umlauts, quotes and markup as ordinary characters', () => {
    const reason = 'Bitte auf „<b>Müller</b> & Söhne“ ändern';
    expect(checkChangeReason(reason)).toEqual({ ok: true, reason });
  });
});

describe('user state', () => {
  it('"ask me later" hides the question for exactly three days', () => {
    expect(ASK_LATER_DAYS).toBe(3);
    expect(askLater(NOW)).toEqual({ askAgainAt: NOW + 3 * DAY_MS });
  });

  it('is snoozed up to, but not at, the time to ask again', () => {
    const state = askLater(NOW);
    const askAgainAt = NOW + 3 * DAY_MS;
    expect(isSnoozed(state, NOW)).toBe(true);
    expect(isSnoozed(state, askAgainAt - 1)).toBe(true);
    expect(isSnoozed(state, askAgainAt)).toBe(false);
    expect(isSnoozed(state, askAgainAt + 1)).toBe(false);
  });

  it('is never snoozed without a time to ask again', () => {
    expect(isSnoozed({}, NOW)).toBe(false);
    expect(isSnoozed({}, 0)).toBe(false);
  });

  it('round-trips through its encoding', () => {
    const state = askLater(NOW);
    expect(decodeUserState(encodeUserState(state))).toEqual(state);
    expect(decodeUserState(encodeUserState({}))).toEqual({});
  });

  it('keeps only the known field', () => {
    expect(decodeUserState('{"askAgainAt":5,"other":"x"}')).toEqual({ askAgainAt: 5 });
  });

  it.each([
    ['null', null],
    ['an empty string', ''],
    ['broken JSON', '{"askAgainAt":'],
    ['plain text', 'later'],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
    ['a JSON string', '"askAgainAt"'],
    ['a JSON array', '[1]'],
    ['a time as a string', '{"askAgainAt":"1700000000000"}'],
    ['a null time', '{"askAgainAt":null}'],
    ['an infinite time', '{"askAgainAt":1e400}'],
    ['a time as an object', '{"askAgainAt":{"ms":1}}'],
  ])('treats %s as no state', (_, text) => {
    expect(decodeUserState(text)).toEqual({});
  });
});
