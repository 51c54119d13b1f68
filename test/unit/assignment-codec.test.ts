/**
 * The organisation record's encoding, checked on generated values: everything the encoder accepts
 * decodes back (times floored to whole seconds), and everything it cannot read back it refuses.
 */
import { mulberry32 } from '../../dev/demo/resellers';
import { emailFingerprint, FINGERPRINT_SPACE } from '../../src/domain/account';
import { checksum } from '../../src/domain/hash';
import {
  applyChange,
  decodeAssignment,
  encodeAssignment,
  UnencodableRecordError,
  type Assignment,
} from '../../src/domain/assignment';

/** The range of a JavaScript Date, in milliseconds either side of 1970. */
const MAX_TIME_MS = 8.64e15;
const RUNS = 3000;
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-';

type Random = () => number;

function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function text(random: Random, alphabet: string, min: number, max: number): string {
  let out = '';
  for (let n = int(random, min, max); n > 0; n--)
    out += alphabet.charAt(Math.floor(random() * alphabet.length));
  return out;
}

/** Never -0: a stored time has no sign of zero, and toEqual tells -0 from 0. */
function noNegativeZero(ms: number): number {
  return ms === 0 ? 0 : ms;
}

/** Any time the encoder takes: around 1970 and the ends of a Date's range, at and beside whole seconds. */
function time(random: Random): number {
  const clamp = (ms: number): number => noNegativeZero(Math.max(-MAX_TIME_MS, Math.min(MAX_TIME_MS, ms)));
  switch (int(random, 0, 6)) {
    case 0:
      return clamp(Math.round((random() * 2 - 1) * MAX_TIME_MS));
    case 1: // a whole second, or one millisecond either side of it
      return clamp(int(random, -8.64e12, 8.64e12) * 1000 + pick(random, [-1, 0, 1, 999, -999]));
    case 2: // just around 1970
      return noNegativeZero(int(random, -5000, 5000));
    case 3: // the ends of the range
      return pick(random, [MAX_TIME_MS, -MAX_TIME_MS, MAX_TIME_MS - 1, -MAX_TIME_MS + 1, MAX_TIME_MS - 999]);
    case 4: // a fraction of a millisecond, as Date arithmetic can give
      return clamp(int(random, -2e12, 2e12) + pick(random, [0.25, 0.5, 0.999]));
    case 5: // the 20th century
      return int(random, Date.UTC(1900, 0, 1), Date.UTC(1969, 11, 31, 23, 59, 59, 999));
    default: // this century
      return int(random, Date.UTC(2000, 0, 1), Date.UTC(2100, 0, 1));
  }
}

/** Seconds, towards the past, computed without floating-point division. */
function flooredToSecond(ms: number): number {
  const whole = BigInt(Math.floor(ms));
  const seconds = whole / 1000n - (whole % 1000n < 0n ? 1n : 0n);
  return noNegativeZero(Number(seconds * 1000n));
}

function actor(random: Random): string {
  switch (int(random, 0, 3)) {
    case 0:
      return emailFingerprint(`${text(random, BASE36, 1, 12)}@${text(random, BASE36, 1, 12)}.de`);
    case 1:
      return 'support';
    default:
      return text(random, BASE36, 1, 13);
  }
}

function assignment(random: Random): Assignment {
  const base = {
    since: time(random),
    source: pick(random, ['user', 'support'] as const),
    actor: actor(random),
    ...(random() < 0.5 ? { changeRequestedAt: time(random) } : {}),
  };
  return random() < 0.7
    ? { ...base, kind: 'reseller', resellerId: text(random, ID_CHARS, 1, 64) }
    : { ...base, kind: 'direct' };
}

/** What a record must read back as: the same, with its times at second precision. */
function stored(a: Assignment): Assignment {
  const out = { ...a, since: flooredToSecond(a.since) };
  if (a.changeRequestedAt !== undefined) out.changeRequestedAt = flooredToSecond(a.changeRequestedAt);
  return out;
}

function generated(seed: number, count = RUNS): Assignment[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => assignment(random));
}

describe('encodeAssignment / decodeAssignment on generated records', () => {
  const records = generated(2026);

  it('generates every kind of value it is meant to', () => {
    expect(records.some((r) => r.since < 0)).toBe(true);
    expect(records.some((r) => r.since === MAX_TIME_MS || r.since === -MAX_TIME_MS)).toBe(true);
    expect(records.some((r) => r.since % 1000 === 0 && Math.abs(r.since) > 1e12)).toBe(true);
    expect(records.some((r) => !Number.isInteger(r.since))).toBe(true);
    expect(records.some((r) => r.kind === 'direct' && r.changeRequestedAt !== undefined)).toBe(true);
    expect(records.some((r) => r.kind === 'reseller' && r.changeRequestedAt === undefined)).toBe(true);
    expect(records.some((r) => r.source === 'support')).toBe(true);
    expect(records.some((r) => r.kind === 'reseller' && r.resellerId.length === 64)).toBe(true);
  });

  it('reads back every record it writes, with times floored to whole seconds', () => {
    const failures: string[] = [];
    for (const record of records) {
      const encoded = encodeAssignment(record);
      const decoded = decodeAssignment(encoded);
      if (!isEqual(decoded, stored(record)))
        failures.push(`${JSON.stringify(record)} → ${JSON.stringify(encoded)} → ${JSON.stringify(decoded)}`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('writes one line of five (reseller) or four (direct) fields, and re-encodes what it read to the same text', () => {
    for (const record of records) {
      const encoded = encodeAssignment(record);
      expect(encoded).not.toMatch(/[\n\r]/);
      expect(encoded.split('\t')).toHaveLength(record.kind === 'reseller' ? 5 : 4);
      const decoded = decodeAssignment(encoded);
      expect(decoded && encodeAssignment(decoded)).toBe(encoded);
    }
  });

  it('keeps the exact seconds at every whole second near the ends of the range and around 1970', () => {
    const seconds = [-8.64e12, -8.64e12 + 1, -1, 0, 1, 8.64e12 - 1, 8.64e12];
    for (const s of seconds) {
      for (const offset of [0, 1, 999]) {
        const since = s * 1000 + offset;
        if (Math.abs(since) > MAX_TIME_MS) continue;
        const record: Assignment = { kind: 'direct', since, source: 'user', actor: 'fp' };
        expect([since, decodeAssignment(encodeAssignment(record))?.since]).toEqual([
          since,
          noNegativeZero(s * 1000),
        ]);
      }
    }
  });

  it('adds no changeRequestedAt key to a record without a change request', () => {
    for (const record of records.filter((r) => r.changeRequestedAt === undefined).slice(0, 200)) {
      expect(Object.keys(decodeAssignment(encodeAssignment(record)) ?? {})).not.toContain(
        'changeRequestedAt',
      );
    }
  });
});

function isEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

describe('encodeAssignment refuses what it could not read back', () => {
  const direct: Assignment = { kind: 'direct', since: 0, source: 'user', actor: 'fp' };
  const reseller: Assignment = { kind: 'reseller', resellerId: 'R-1', since: 0, source: 'user', actor: 'fp' };

  it.each([NaN, Infinity, -Infinity, MAX_TIME_MS + 1, -MAX_TIME_MS - 1, 1e300, Number.MAX_VALUE])(
    'throws for the time %p, as the choice or as the change request',
    (bad) => {
      for (const record of [direct, reseller]) {
        expect(() => encodeAssignment({ ...record, since: bad })).toThrow(UnencodableRecordError);
        expect(() => encodeAssignment({ ...record, changeRequestedAt: bad })).toThrow(UnencodableRecordError);
      }
    },
  );

  it.each(['', 'R\t1', 'R\n1', 'R 1', 'Ä-1', 'R/1', 'R:1', 'x'.repeat(65), '😀'])(
    'throws for the reseller id %j',
    (resellerId) => {
      expect(() => encodeAssignment({ ...reseller, resellerId })).toThrow(UnencodableRecordError);
    },
  );

  it.each(['', 'FP', 'a b', 'a\tb', 'x'.repeat(14), 'ü', '-1'])('throws for the actor %j', (actor) => {
    expect(() => encodeAssignment({ ...direct, actor })).toThrow(UnencodableRecordError);
  });

  it('throws for every generated record with one field broken, never writing it', () => {
    const random = mulberry32(7);
    for (const record of generated(8, 500)) {
      const broken: Assignment =
        record.kind === 'reseller' && random() < 0.5
          ? {
              ...record,
              resellerId: `${record.resellerId.slice(0, 63)}${pick(random, ['\t', ' ', '\n', 'é'])}`,
            }
          : { ...record, since: pick(random, [NaN, Infinity, -Infinity, MAX_TIME_MS * (1.001 + random())]) };
      expect(() => encodeAssignment(broken)).toThrow(UnencodableRecordError);
    }
  });
});

describe('decodeAssignment of format 1', () => {
  /** Format 1: kind, since, source, actor, requested, id, name (a direct record has no id and name). */
  function formatOne(a: Assignment, name: string): string {
    const seconds = (ms: number): string => Math.floor(ms / 1000).toString(36);
    const head = [
      a.kind === 'reseller' ? 'R' : 'D',
      seconds(a.since),
      a.source === 'user' ? 'u' : 's',
      a.actor,
      a.changeRequestedAt === undefined ? '' : seconds(a.changeRequestedAt),
    ];
    return (a.kind === 'reseller' ? [...head, a.resellerId, name] : head).join('\t');
  }

  /** Format 1 kept the whole 32-bit fingerprint (up to 7 base-36 digits). */
  function fullFingerprint(random: Random): string {
    return Math.floor(random() * 2 ** 32).toString(36);
  }

  it('still reads every generated format-1 record, dropping the name and shortening the fingerprint', () => {
    const random = mulberry32(11);
    const names = ['Müller IT GmbH', '<b>Bold</b> & Co', '', 'O\'Neil "Cloud"', 'Ærø 中文 😀', '2Ru'];
    for (const generatedRecord of generated(12, 1000)) {
      const record = { ...generatedRecord, actor: fullFingerprint(random) };
      const text = formatOne(record, pick(random, names));
      const expected = {
        ...stored(record),
        actor: (parseInt(record.actor, 36) % FINGERPRINT_SPACE).toString(36),
      };
      expect([text, decodeAssignment(text)]).toEqual([text, expected]);
    }
  });

  it('reads the fingerprint a format-1 record kept as today’s fingerprint of the same address', () => {
    for (const email of ['anna@acme.de', 'ben@acme.de', 'x@y.z']) {
      // The whole 32-bit FNV-1a hash of the address, as format 1 stored it.
      const text = `D\t10\tu\t${checksum(email)}\t`;
      expect(decodeAssignment(text)?.actor).toBe(emailFingerprint(email));
    }
  });

  it('returns null for a format-1 actor longer than a 32-bit fingerprint', () => {
    expect(decodeAssignment('D\t10\tu\t12345678\t')).toBeNull();
  });
});

describe('decodeAssignment of anything else', () => {
  const records = generated(99, 600);

  it.each([
    ['garbage', 'garbage'],
    ['JSON', '{"kind":"direct","since":0}'],
    ['a format-2 head alone', '2Ru'],
    ['a newer format', '3Ru\tt4k2ps\t1x8k3f\t\tR-00042'],
    ['a newer format, direct', '3Du\tt4k2ps\t1x8k3f\t'],
    ['a longer head', '2Rux\tt4k2ps\t1x8k3f\t\tR-00042'],
    ['a head in lower case', '2ru\tt4k2ps\t1x8k3f\t\tR-00042'],
  ])('returns null for %s', (_, value) => {
    expect(decodeAssignment(value)).toBeNull();
  });

  it('returns null for every generated record written in a newer format', () => {
    for (const record of records) {
      const encoded = encodeAssignment(record);
      for (const format of ['3', '9', 'a']) expect(decodeAssignment(format + encoded.slice(1))).toBeNull();
    }
  });

  it('returns null for every generated record with an extra field', () => {
    for (const record of records) {
      for (const extra of ['', 'x', 'Müller IT GmbH', 'R-1']) {
        expect(decodeAssignment(`${encodeAssignment(record)}\t${extra}`)).toBeNull();
      }
    }
  });

  it('returns null for every generated record with a character no field may hold put anywhere', () => {
    const random = mulberry32(5);
    for (const record of records) {
      const encoded = encodeAssignment(record);
      for (let n = 0; n < 5; n++) {
        const at = int(random, 0, encoded.length);
        const damaged =
          encoded.slice(0, at) + pick(random, [' ', '!', '+', 'Ä', '\n', '\u0000', '😀']) + encoded.slice(at);
        expect([damaged, decodeAssignment(damaged)]).toEqual([damaged, null]);
      }
    }
  });

  it('returns null for a reseller record cut anywhere before its id', () => {
    for (const record of records.filter((r) => r.kind === 'reseller')) {
      const encoded = encodeAssignment(record);
      const idStart = encoded.lastIndexOf('\t') + 1;
      for (let length = 0; length < idStart; length++) {
        expect([encoded.slice(0, length), decodeAssignment(encoded.slice(0, length))]).toEqual([
          encoded.slice(0, length),
          null,
        ]);
      }
    }
  });

  it('returns null for a direct record cut before its actor', () => {
    for (const record of records.filter((r) => r.kind === 'direct')) {
      const encoded = encodeAssignment(record);
      const actorStart = encoded.indexOf('\t', 4) + 1;
      for (let length = 0; length <= actorStart; length++) {
        expect(decodeAssignment(encoded.slice(0, length))).toBeNull();
      }
    }
  });

  it('reads random text made of the format’s own characters only as records the encoder could write', () => {
    const random = mulberry32(31);
    const alphabet = '2RDus\t-0123456789az';
    for (let n = 0; n < 20_000; n++) {
      const record = decodeAssignment(text(random, alphabet, 0, 30));
      // Whatever it reads must be a record it could have written: its own encoding reads the same.
      if (record !== null) expect(decodeAssignment(encodeAssignment(record))).toEqual(record);
    }
  });
});

describe('support’s answer in a record', () => {
  const base = {
    kind: 'reseller' as const,
    resellerId: 'R-00001',
    since: 1_700_000_000_000,
    source: 'support' as const,
    actor: 'ab12c',
  };

  it('is read back with its state, time and one-line text', () => {
    for (const state of ['approved', 'rejected'] as const) {
      const record = {
        ...base,
        answer: { state, at: 1_700_000_100_000, text: 'Your contract runs until March.' },
      };
      expect(decodeAssignment(encodeAssignment(record))).toEqual(record);
    }
  });

  it('is refused when the text would break the line, and a damaged answer makes the record unreadable', () => {
    expect(() =>
      encodeAssignment({ ...base, answer: { state: 'approved', at: 0, text: 'two\tfields' } }),
    ).toThrow(UnencodableRecordError);
    const text = encodeAssignment({
      ...base,
      answer: { state: 'rejected', at: 1_700_000_100_000, text: 'No.' },
    });
    expect(decodeAssignment(text.replace('\tr\t', '\tx\t'))).toBeNull();
    expect(decodeAssignment(text.replace('No.', 'Yes'))).toBeNull();
  });

  it('is what replaying support’s answer leaves, and it ends the waiting request', () => {
    const waiting = { ...base, changeRequestedAt: 1_700_000_050_000 };
    const after = applyChange(waiting, {
      seq: 2,
      type: 'requestAnswered',
      domain: 'kunde.example',
      actorEmail: 'sam@vendor.example',
      at: 1_700_000_100_000,
      state: 'rejected',
      answer: '  Your contract\nruns until March. ',
    });
    expect(after).toEqual({
      ...base,
      answer: { state: 'rejected', at: 1_700_000_100_000, text: 'Your contract runs until March.' },
    });
  });
});
