/** The pure domain rules: accounts, assignments, change requests and the user's own state. */
import {
  classifyAccount,
  emailFingerprint,
  FINGERPRINT_SPACE,
  PERSONAL_DOMAINS,
} from '../../src/domain/account';
import {
  decideChoice,
  decodeAssignment,
  directAssignment,
  encodeAssignment,
  resellerAssignment,
  setBy,
  UnencodableRecordError,
  type Assignment,
} from '../../src/domain/assignment';
import {
  checkChangeReason,
  CHANGE_REASON_MAX_CHARS,
  CHANGE_REASON_MIN_CHARS,
} from '../../src/domain/change-request';
import { mulberry32 } from '../../dev/demo/resellers';
import {
  oneEntryPerId,
  RESELLER_STATUSES,
  type Reseller,
  type ResellerStatus,
} from '../../src/domain/reseller';
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
  it('is the 32-bit FNV-1a hash (standard test vectors) reduced to 5 base-36 digits', () => {
    expect(FINGERPRINT_SPACE).toBe(36 ** 5);
    expect(emailFingerprint('')).toBe((0x811c9dc5 % 36 ** 5).toString(36));
    expect(emailFingerprint('a')).toBe((0xe40c292c % 36 ** 5).toString(36));
    expect(emailFingerprint('foobar')).toBe((0xbf9cf968 % 36 ** 5).toString(36));
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
    for (const print of prints) expect(print).toMatch(/^[0-9a-z]{1,5}$/);
  });

  it('does not contain the address itself', () => {
    expect(emailFingerprint('anna@acme.de')).not.toContain('anna');
  });
});

describe('resellerAssignment / directAssignment', () => {
  it('records the reseller by id, the time and the fingerprint of the user who chose it', () => {
    const record = resellerAssignment(MUELLER.id, 'Anna@acme.de', NOW);
    expect(record).toEqual({
      kind: 'reseller',
      resellerId: 'R-00001',
      since: NOW,
      source: 'user',
      actor: emailFingerprint('anna@acme.de'),
    });
    // The directory holds the name: the record does not repeat it.
    expect(JSON.stringify(record)).not.toContain('Müller');
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
    ['a record from before 1970', { ...reseller, since: -86_400_000, changeRequestedAt: -1000 }],
  ])('round-trips %s', (_, assignment) => {
    expect(decodeAssignment(encodeAssignment(assignment))).toEqual(assignment);
  });

  it('omits changeRequestedAt when there is none', () => {
    const decoded = decodeAssignment(encodeAssignment(reseller));
    expect(decoded).not.toBeNull();
    expect(decoded && 'changeRequestedAt' in decoded).toBe(false);
  });

  it('keeps times to the second, dropping milliseconds (towards the past, also before 1970)', () => {
    const decoded = decodeAssignment(
      encodeAssignment({ ...reseller, since: NOW + 999, changeRequestedAt: NOW + 2_500 }),
    );
    expect(decoded?.since).toBe(NOW);
    expect(decoded?.changeRequestedAt).toBe(NOW + 2_000);
    expect(decodeAssignment(encodeAssignment({ ...reseller, since: -1 }))?.since).toBe(-1000);
    expect(decodeAssignment(encodeAssignment({ ...reseller, since: -1000 }))?.since).toBe(-1000);
    expect(decodeAssignment(encodeAssignment({ ...reseller, since: -1001 }))?.since).toBe(-2000);
  });

  it('uses format 2: a compact tab-separated layout with base-36 seconds and no reseller name', () => {
    const at = 36_000; // 36 s → "10" in base 36
    // The head is format, kind, source and two check digits over the rest.
    expect(encodeAssignment({ kind: 'direct', since: at, source: 'user', actor: 'fp' })).toMatch(
      /^2Du[0-9a-z]{2}\t10\tfp\t$/,
    );
    expect(
      encodeAssignment({
        kind: 'reseller',
        resellerId: 'R-1',
        since: at,
        source: 'support',
        actor: 'fp',
        changeRequestedAt: 72_000,
      }),
    ).toMatch(/^2Rs[0-9a-z]{2}\t10\tfp\t20\tR-1$/);
    expect(encodeAssignment({ kind: 'direct', since: -at, source: 'user', actor: 'fp' })).toMatch(
      /^2Du[0-9a-z]{2}\t-10\tfp\t$/,
    );
  });

  it('reads a record cut short, even inside its id, or changed by hand, as damaged', () => {
    const encoded = encodeAssignment(resellerAssignment('R-00042', 'anna@acme.de', NOW));
    expect(decodeAssignment(encoded)).not.toBeNull();
    for (let cut = 1; cut < encoded.length; cut++) expect(decodeAssignment(encoded.slice(0, cut))).toBeNull();
    expect(decodeAssignment(encoded.replace('R-00042', 'R-00043'))).toBeNull();
  });

  it('takes about 28 bytes for a typical reseller record', () => {
    const encoded = encodeAssignment(resellerAssignment('R-00042', 'anna@acme.de', NOW));
    expect(encoded.length).toBeLessThanOrEqual(30);
    expect(encoded).not.toMatch(/[\n\r]/);
  });

  it('still reads format 1 records, which named the reseller, without the name', () => {
    // kind, since, source, actor, requested, id, name
    expect(decodeAssignment('R\t10\ts\tfp\t20\tR-1\t<b>Müller</b> & Co')).toEqual({
      kind: 'reseller',
      resellerId: 'R-1',
      since: 36_000,
      source: 'support',
      actor: 'fp',
      changeRequestedAt: 72_000,
    });
    expect(decodeAssignment('D\t10\tu\tfp\t')).toEqual({
      kind: 'direct',
      since: 36_000,
      source: 'user',
      actor: 'fp',
    });
  });

  it('refuses to encode a reseller id that would break the line format', () => {
    for (const resellerId of ['', 'R\t1', 'R\n1', 'R 1', 'Ä-1', 'x'.repeat(65)]) {
      expect(() => encodeAssignment({ ...reseller, resellerId })).toThrow(UnencodableRecordError);
    }
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'garbage'],
    ['JSON', '{"kind":"direct"}'],
    // format 2
    ['an unknown kind', '2Xu\t1\tfp\t'],
    ['a lower-case kind', '2du\t1\tfp\t'],
    ['an unknown source', '2Dx\t1\tfp\t'],
    ['a missing time', '2Du\t\tfp\t'],
    ['an unparseable time', '2Du\t!!\tfp\t'],
    ['a time with a plus sign', '2Du\t+1\tfp\t'],
    ['a time of eleven digits', '2Du\t12345678901\tfp\t'],
    ['a time beyond the range of a Date', `2Du\t${(8.64e12 + 1).toString(36)}\tfp\t`],
    ['a missing actor', '2Du\t1\t\t'],
    ['an upper-case actor', '2Du\t1\tFP\t'],
    ['a reseller without an id', '2Ru\t1\tfp\t'],
    ['a reseller with an empty id', '2Ru\t1\tfp\t\t'],
    ['a reseller with an id containing a space', '2Ru\t1\tfp\t\tR 1'],
    ['a reseller with a name (format 1 layout under format 2)', '2Ru\t1\tfp\t\tR-1\tMüller'],
    ['a direct purchase naming a reseller', '2Du\t1\tfp\t\tR-1'],
    ['a newer format', '3Ru\t1\tfp\t\tR-1'],
    // format 1
    ['an unknown format-1 kind', 'X\t1\tu\tfp\t'],
    ['a lower-case format-1 kind', 'd\t1\tu\tfp\t'],
    ['a format-1 record without a time', 'D\t\tu\tfp\t'],
    ['a format-1 record with an unknown source', 'D\t1\tx\tfp\t'],
    ['a format-1 record without an actor', 'D\t1\tu'],
    ['a format-1 reseller without an id', 'R\t1\tu\tfp\t'],
    ['a format-1 reseller with an empty id', 'R\t1\tu\tfp\t\t\tName'],
    ['a format-1 reseller without a name', 'R\t1\tu\tfp\t\tR-1'],
  ])('returns null for %s', (_, text) => {
    expect(decodeAssignment(text)).toBeNull();
  });
});

describe('decideChoice', () => {
  const current = {
    reseller: resellerAssignment(MUELLER.id, 'anna@acme.de', NOW - DAY_MS),
    direct: directAssignment('anna@acme.de', NOW - DAY_MS),
  };
  const proposed = {
    sameReseller: resellerAssignment(MUELLER.id, 'ben@acme.de', NOW),
    otherReseller: resellerAssignment(SCHAEFER.id, 'ben@acme.de', NOW),
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

describe('oneEntryPerId', () => {
  const approved = (id: string, name = `Reseller ${id}`): Reseller => ({
    id,
    name,
    domain: `${id.toLowerCase()}.de`,
    country: 'DE',
    status: 'approved',
  });
  const withStatus = (r: Reseller, status: ResellerStatus): Reseller => ({ ...r, status });

  it('keeps a directory without duplicates as it is, without conflicts', () => {
    const list = [approved('R-2'), approved('R-1'), withStatus(approved('R-3'), 'suspended')];
    expect(oneEntryPerId(list)).toEqual({ resellers: list, conflicts: [] });
  });

  it.each(RESELLER_STATUSES.filter((s) => s !== 'approved'))(
    'never lets an approved copy shadow a %s one, whichever comes first',
    (status) => {
      const good = approved('R-1');
      const bad = withStatus(good, status);
      for (const list of [
        [good, bad],
        [bad, good],
        [good, good, bad],
      ]) {
        const { resellers, conflicts } = oneEntryPerId(list);
        expect(resellers).toEqual([bad]);
        expect(conflicts).toEqual([{ id: 'R-1', kept: bad, dropped: list.filter((r) => r !== bad) }]);
      }
    },
  );

  it('keeps the first copy that is not approved when several are not', () => {
    const rejected = withStatus(approved('R-1'), 'rejected');
    const suspended = withStatus(approved('R-1'), 'suspended');
    expect(oneEntryPerId([approved('R-1'), rejected, suspended]).resellers).toEqual([rejected]);
  });

  it('keeps the first of two approved copies and reports that they disagree', () => {
    const first = approved('R-1', 'First GmbH');
    const second = approved('R-1', 'Second GmbH');
    expect(oneEntryPerId([first, second])).toEqual({
      resellers: [first],
      conflicts: [{ id: 'R-1', kept: first, dropped: [second] }],
    });
  });

  it('reports no conflict for identical copies', () => {
    const r = approved('R-1');
    expect(oneEntryPerId([r, { ...r }, { ...r }])).toEqual({ resellers: [r], conflicts: [] });
  });

  it('keeps the order in which ids first appear', () => {
    const list = [
      approved('R-2'),
      approved('R-1'),
      withStatus(approved('R-2'), 'suspended'),
      approved('R-0'),
    ];
    expect(oneEntryPerId(list).resellers.map((r) => [r.id, r.status])).toEqual([
      ['R-2', 'suspended'],
      ['R-1', 'approved'],
      ['R-0', 'approved'],
    ]);
  });

  it('holds for generated directories full of duplicates', () => {
    const random = mulberry32(42);
    for (let round = 0; round < 200; round++) {
      const list = Array.from({ length: 1 + Math.floor(random() * 20) }, () => {
        const id = `R-${Math.floor(random() * 6)}`;
        const status =
          random() < 0.7 ? 'approved' : (RESELLER_STATUSES[Math.floor(random() * 6)] as ResellerStatus);
        return { ...approved(id, random() < 0.5 ? 'A' : 'B'), status };
      });
      const { resellers, conflicts } = oneEntryPerId(list);
      const ids = [...new Set(list.map((r) => r.id))];
      expect(resellers.map((r) => r.id)).toEqual(ids);
      for (const kept of resellers) {
        const copies = list.filter((r) => r.id === kept.id);
        expect(copies).toContain(kept);
        if (copies.some((r) => r.status !== 'approved')) expect(kept.status).not.toBe('approved');
        const disagree = copies.some((r) => JSON.stringify(r) !== JSON.stringify(kept));
        expect(conflicts.some((c) => c.id === kept.id)).toBe(disagree);
      }
    }
  });
});

describe('setBy', () => {
  const record = resellerAssignment(MUELLER.id, 'anna@acme.de', NOW);

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
