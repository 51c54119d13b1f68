/**
 * The outbox and its commit sequence: every change is keyed by a counter advanced under the script
 * lock in the same write as the record, so replaying the outbox in sequence order rebuilds the store.
 */
import { DEMO_RESELLERS, mulberry32 } from '../../dev/demo/resellers';
import {
  applyChange,
  directAssignment,
  encodeAssignment,
  resellerAssignment,
  type Assignment,
  type Change,
} from '../../src/domain/assignment';
import { commitChoice, recordChangeRequest, type ChoiceInput } from '../../src/store/assignments';
import { writeDirectory } from '../../src/store/directory';
import { KEYS } from '../../src/store/keys';
import {
  changeEntries,
  DamagedSequenceError,
  decodeChange,
  encodeSequence,
  listOutbox,
  nextSequence,
  readSequence,
  recoverSequence,
} from '../../src/store/outbox';
import { FakeLock, MemoryStore } from '../support/memory-ports';

const NOW = Date.UTC(2026, 10, 23, 9, 30, 15);
const ANNA = 'anna@acme.de';
const REASON = 'Bitte „Schäfer“ eintragen\n\tDanke \\ "quoted" 😀';

const assigned: Change = {
  seq: 1,
  type: 'assigned',
  domain: 'acme.de',
  actorEmail: ANNA,
  at: NOW,
  resellerId: 'R-00001',
};
const direct: Change = { seq: 2, type: 'direct', domain: 'acme.de', actorEmail: ANNA, at: NOW };
const changeRequested: Change = {
  seq: 36,
  type: 'changeRequested',
  domain: 'acme.de',
  actorEmail: ANNA,
  at: NOW,
  resellerId: 'R-00001',
  reason: REASON,
};

/** A store with the demo directory, as after the first directory write (which starts the counter). */
function directoryStore(): MemoryStore {
  const store = new MemoryStore();
  writeDirectory(store, new FakeLock(), DEMO_RESELLERS, 'demo-1');
  store.resetCalls();
  return store;
}

function choose(domain: string, actorEmail: string, choice: ChoiceInput['choice'], at = NOW): ChoiceInput {
  return { domain, actorEmail, choice, clock: () => at };
}

// ---------------------------------------------------------------------------------------------
// Entries

describe('readSequence / encodeSequence', () => {
  it('reads a missing counter as 0 and base 36 digits as their number', () => {
    expect(readSequence(null)).toBe(0);
    expect(readSequence('0')).toBe(0);
    expect(readSequence('a')).toBe(10);
    expect(readSequence('10')).toBe(36);
    expect(encodeSequence(36)).toBe('10');
    for (const seq of [1, 35, 36, 1295, 1296, 2 ** 40]) expect(readSequence(encodeSequence(seq))).toBe(seq);
  });

  it.each(['', 'A', '-1', '1.5', ' 1', '1 ', 'zzzzzzzzzzz', '０'])('calls %j damaged', (text) => {
    expect(readSequence(text)).toBeNull();
  });
});

describe('changeEntries / decodeChange', () => {
  it.each([
    ['assigned', assigned],
    ['direct', direct],
    ['changeRequested', changeRequested],
  ])('round-trips a %s change under its sequence, with the advanced counter', (_, change) => {
    const entries = changeEntries(change);
    const key = KEYS.outbox(encodeSequence(change.seq));
    expect(Object.keys(entries).sort()).toEqual([KEYS.sequence, key].sort());
    expect(entries[KEYS.sequence]).toBe(encodeSequence(change.seq));
    expect(decodeChange(key, entries[key] ?? '')).toEqual(change);
  });

  it('keys a change by its sequence in base 36', () => {
    expect(Object.keys(changeEntries(changeRequested))).toContain('o:10');
  });

  it.each([
    ['a key outside the outbox', 'd:acme.de', JSON.stringify(['direct', 'acme.de', ANNA, NOW])],
    ['a sequence of 0', 'o:0', JSON.stringify(['direct', 'acme.de', ANNA, NOW])],
    ['an unreadable sequence', 'o:A', JSON.stringify(['direct', 'acme.de', ANNA, NOW])],
    ['an empty sequence', 'o:', JSON.stringify(['direct', 'acme.de', ANNA, NOW])],
    ['broken JSON', 'o:1', '["direct",'],
    ['a JSON object', 'o:1', '{"type":"direct"}'],
    ['JSON null', 'o:1', 'null'],
    ['a JSON number', 'o:1', '5'],
    ['an unknown type', 'o:1', JSON.stringify(['deleted', 'acme.de', ANNA, NOW])],
    ['a time as a string', 'o:1', JSON.stringify(['direct', 'acme.de', ANNA, String(NOW)])],
    ['a time of null', 'o:1', JSON.stringify(['direct', 'acme.de', ANNA, null])],
    ['a missing domain', 'o:1', JSON.stringify(['direct'])],
    ['a numeric email', 'o:1', JSON.stringify(['direct', 'acme.de', 5, NOW])],
    ['a direct change with a reseller', 'o:1', JSON.stringify(['direct', 'acme.de', ANNA, NOW, 'R-1'])],
    ['an assignment without a reseller', 'o:1', JSON.stringify(['assigned', 'acme.de', ANNA, NOW])],
    ['an assignment with an empty reseller', 'o:1', JSON.stringify(['assigned', 'acme.de', ANNA, NOW, ''])],
    ['an assignment with a reason', 'o:1', JSON.stringify(['assigned', 'acme.de', ANNA, NOW, 'R-1', 'x'])],
    [
      'a change request without a reason',
      'o:1',
      JSON.stringify(['changeRequested', 'a.de', ANNA, NOW, 'R-1']),
    ],
    ['a numeric reason', 'o:1', JSON.stringify(['changeRequested', 'a.de', ANNA, NOW, 'R-1', 5])],
  ])('decodes nothing from %s', (_, key, value) => {
    expect(decodeChange(key, value)).toBeNull();
  });
});

describe('listOutbox', () => {
  const change = (seq: number): Change => ({
    seq,
    type: 'direct',
    domain: `d${seq}.de`,
    actorEmail: ANNA,
    at: NOW - seq * 1000, // times run backwards: they never decide the order
  });

  it('lists the changes by sequence as numbers, not as text, and the keys it cannot read', () => {
    const all: Record<string, string> = {};
    for (const seq of [36, 9, 10, 35, 1, 1296]) Object.assign(all, changeEntries(change(seq)));
    all['d:acme.de'] = encodeAssignment(directAssignment(ANNA, NOW));
    all[KEYS.directoryMeta] = 'RD2\tv\t0\t0';
    all['o:broken'] = 'not json';
    all['o:q'] = JSON.stringify(['other', 'x.de', ANNA, NOW]);
    all['state'] = '{}';

    const listed = listOutbox(all);
    expect(listed.changes.map((c) => c.seq)).toEqual([1, 9, 10, 35, 36, 1296]);
    expect(listed.changes).toContainEqual(change(35));
    expect(listed.unreadable.sort()).toEqual(['o:broken', 'o:q']);
  });

  it('is empty for a store without changes', () => {
    expect(listOutbox({})).toEqual({ changes: [], unreadable: [] });
    expect(listOutbox({ 'd:acme.de': 'x', state: '{}', [KEYS.sequence]: '5' })).toEqual({
      changes: [],
      unreadable: [],
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The commit sequence

describe('the commit sequence', () => {
  it('starts at 1 after the first directory write and counts every committed change, whatever its kind', () => {
    const store = directoryStore();
    const lock = new FakeLock();
    expect(store.data.get(KEYS.sequence)).toBe('0');
    commitChoice(store, lock, choose('a.de', ANNA, { kind: 'direct' }));
    commitChoice(store, lock, choose('b.de', 'ben@b.de', { kind: 'reseller', resellerId: 'R-00001' }));
    commitChoice(store, lock, choose('a.de', ANNA, { kind: 'reseller', resellerId: 'R-00003' }));
    recordChangeRequest(store, lock, {
      domain: 'b.de',
      actorEmail: 'ben@b.de',
      reason: REASON,
      clock: () => NOW,
    });
    const { changes, unreadable } = listOutbox(store.snapshot());
    expect(unreadable).toEqual([]);
    expect(changes.map((c) => [c.seq, c.type, c.domain])).toEqual([
      [1, 'direct', 'a.de'],
      [2, 'assigned', 'b.de'],
      [3, 'assigned', 'a.de'],
      [4, 'changeRequested', 'b.de'],
    ]);
    expect(store.data.get(KEYS.sequence)).toBe('4');
  });

  it('stays consecutive over many commits, past base-36 digit boundaries', () => {
    const store = directoryStore();
    const lock = new FakeLock();
    for (let i = 0; i < 1300; i++) commitChoice(store, lock, choose(`org${i}.de`, ANNA, { kind: 'direct' }));
    const seqs = listOutbox(store.snapshot()).changes.map((c) => c.seq);
    expect(seqs).toEqual(Array.from({ length: 1300 }, (_, i) => i + 1));
    expect(store.data.has('o:10')).toBe(true);
    expect(store.data.get(KEYS.sequence)).toBe((1300).toString(36));
  });

  it('advances only for a change that is written', () => {
    const store = directoryStore();
    const lock = new FakeLock();
    commitChoice(store, lock, choose('a.de', ANNA, { kind: 'reseller', resellerId: 'R-00001' }));
    const before = store.snapshot();
    const outcomes = [
      commitChoice(store, lock, choose('a.de', ANNA, { kind: 'reseller', resellerId: 'R-00001' })).outcome,
      commitChoice(store, lock, choose('a.de', ANNA, { kind: 'reseller', resellerId: 'R-00003' })).outcome,
      commitChoice(store, lock, choose('a.de', ANNA, { kind: 'direct' })).outcome,
      commitChoice(store, lock, choose('b.de', ANNA, { kind: 'reseller', resellerId: 'R-00024' })).outcome,
      commitChoice(store, lock, choose('b.de', ANNA, { kind: 'reseller', resellerId: 'R-99999' })).outcome,
      commitChoice(
        store,
        lock,
        choose('b.de', ANNA, { kind: 'reseller', resellerId: 'R-00001', shownName: 'Old' }),
      ).outcome,
      recordChangeRequest(store, lock, { domain: 'b.de', actorEmail: ANNA, reason: REASON, clock: () => NOW })
        .outcome,
    ];
    expect(outcomes).toEqual([
      'unchanged',
      'alreadyBound',
      'alreadyBound',
      'unavailable',
      'unavailable',
      'changed',
      'noReseller',
    ]);
    lock.busy = true;
    expect(commitChoice(store, lock, choose('c.de', ANNA, { kind: 'direct' }))).toEqual({ outcome: 'busy' });
    expect(store.snapshot()).toEqual(before);
  });

  it('is read, advanced and written only while the script lock is held, in the same write as the record', () => {
    const store = directoryStore();
    const lock = new FakeLock();
    const outsideLock: string[] = [];
    store.onAccess = (operation, key) => {
      if (!lock.held && (operation !== 'get' || key === KEYS.sequence))
        outsideLock.push(`${operation} ${key ?? ''}`);
    };
    const clockCalls: boolean[] = [];
    const clock = (): number => {
      clockCalls.push(lock.held);
      return NOW;
    };
    commitChoice(store, lock, { domain: 'a.de', actorEmail: ANNA, choice: { kind: 'direct' }, clock });
    commitChoice(store, lock, {
      domain: 'b.de',
      actorEmail: ANNA,
      choice: { kind: 'reseller', resellerId: 'R-00001' },
      clock,
    });
    recordChangeRequest(store, lock, { domain: 'b.de', actorEmail: ANNA, reason: REASON, clock });
    expect(outsideLock).toEqual([]);
    expect(clockCalls).toEqual([true, true, true]);
    expect(store.writes.map((w) => Object.keys(w).sort())).toEqual([
      ['c:seq', 'd:a.de', 'o:1'],
      ['c:seq', 'd:b.de', 'o:2'],
      ['c:seq', 'd:b.de', 'o:3'],
    ]);
  });

  it.each(['', 'x!', 'ABC', '-1', '1.5', 'zzzzzzzzzzz', '{"seq":3}'])(
    'refuses every write, and changes nothing, when the counter reads %j',
    (damaged) => {
      const store = directoryStore();
      const lock = new FakeLock();
      commitChoice(store, lock, choose('bound.de', ANNA, { kind: 'reseller', resellerId: 'R-00001' }));
      store.data.set(KEYS.sequence, damaged);
      const before = store.snapshot();
      store.resetCalls();
      expect(() => commitChoice(store, lock, choose('a.de', ANNA, { kind: 'direct' }))).toThrow(
        DamagedSequenceError,
      );
      expect(() =>
        commitChoice(store, lock, choose('a.de', ANNA, { kind: 'reseller', resellerId: 'R-00003' })),
      ).toThrow(DamagedSequenceError);
      expect(() =>
        recordChangeRequest(store, lock, {
          domain: 'bound.de',
          actorEmail: ANNA,
          reason: REASON,
          clock: () => NOW,
        }),
      ).toThrow(DamagedSequenceError);
      expect(store.calls.setAll + store.calls.delete).toBe(0);
      expect(store.snapshot()).toEqual(before);
      expect(lock.held).toBe(false);
    },
  );

  it('keeps the damaged text on the error, for the log', () => {
    const store = new MemoryStore();
    store.data.set(KEYS.sequence, 'x!');
    expect(() => nextSequence(store)).toThrow(expect.objectContaining({ raw: 'x!' }));
  });

  it('continues after the highest change in the outbox when the counter is missing', () => {
    const store = directoryStore();
    store.data.delete(KEYS.sequence);
    for (const seq of [5, 10, 3]) store.setAll(changeEntries({ ...direct, seq, domain: `d${seq}.de` }));
    store.data.delete(KEYS.sequence);
    expect(nextSequence(store)).toBe(11);
    commitChoice(store, new FakeLock(), choose('a.de', ANNA, { kind: 'direct' }));
    expect(store.data.get(KEYS.sequence)).toBe('b');
    expect(listOutbox(store.snapshot()).changes.map((c) => c.seq)).toEqual([3, 5, 10, 11]);
    // The ten entries before it were kept, not overwritten.
    expect(decodeChange('o:a', store.data.get('o:a') ?? '')?.domain).toBe('d10.de');
  });

  it('starts at 1 with neither a counter nor an outbox', () => {
    const store = new MemoryStore();
    expect(nextSequence(store)).toBe(1);
    commitChoice(store, new FakeLock(), choose('a.de', ANNA, { kind: 'direct' }));
    expect(store.data.get(KEYS.sequence)).toBe('1');
    expect(store.data.has('o:1')).toBe(true);
  });

  it('trusts a counter that is present, reading no other key', () => {
    const store = new MemoryStore();
    store.data.set(KEYS.sequence, 'z');
    expect(nextSequence(store)).toBe(36);
    expect(store.calls).toEqual({ get: 1, getAll: 0, setAll: 0, delete: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// Replaying the outbox

describe('a commit counter gone missing', () => {
  it('continues after the highest waiting change, readable or not, so no key is reused', () => {
    expect(recoverSequence({ 'o:4': '["direct","a.de","x@a.de",1]', 'o:9': 'garbage', 'd:a.de': 'x' })).toBe(
      9,
    );
  });

  it('cannot be recovered once the outbox is drained but records exist: the sync may have read any number', () => {
    expect(recoverSequence({ 'd:a.de': 'x', 'r:meta': 'm' })).toBeNull();
    const store = directoryStore();
    commitChoice(store, new FakeLock(), choose('a.de', ANNA, { kind: 'direct' }));
    for (const key of [...store.data.keys()])
      if (key.startsWith('o:') || key === KEYS.sequence) store.data.delete(key);
    const before = store.snapshot();
    expect(() => commitChoice(store, new FakeLock(), choose('b.de', 'ben@b.de', { kind: 'direct' }))).toThrow(
      DamagedSequenceError,
    );
    expect(store.snapshot()).toEqual(before);
  });

  it('is a new store when there is neither a change nor a record', () => {
    expect(recoverSequence({})).toBe(0);
    expect(recoverSequence({ 'r:meta': 'm', 'r:0': 'c' })).toBe(0);
  });

  it('is set again by a directory write from the waiting changes, never back to 0', () => {
    const store = directoryStore();
    const lock = new FakeLock();
    commitChoice(store, lock, choose('a.de', ANNA, { kind: 'direct' }));
    commitChoice(store, lock, choose('b.de', 'ben@b.de', { kind: 'direct' }));
    store.data.delete(KEYS.sequence);
    writeDirectory(store, lock, DEMO_RESELLERS, 'v2');
    expect(store.data.get(KEYS.sequence)).toBe(encodeSequence(2));
    commitChoice(store, lock, choose('c.de', 'cora@c.de', { kind: 'direct' }));
    expect(listOutbox(store.snapshot()).changes.map((c) => c.seq)).toEqual([1, 2, 3]);
  });
});

describe('applyChange', () => {
  const bound = resellerAssignment('R-00001', 'ben@acme.de', NOW - 1000);

  it('turns an assignment or a direct purchase into the record it leaves, whatever was there', () => {
    for (const before of [null, bound, directAssignment(ANNA, 0)]) {
      expect(applyChange(before, assigned)).toEqual(resellerAssignment('R-00001', ANNA, NOW));
      expect(applyChange(before, direct)).toEqual(directAssignment(ANNA, NOW));
    }
  });

  it('marks the record a change request was made on, and leaves everything else of it', () => {
    expect(applyChange(bound, changeRequested)).toEqual({ ...bound, changeRequestedAt: NOW });
    expect(applyChange(null, changeRequested)).toBeNull();
  });
});

describe('replaying the outbox in sequence order', () => {
  const DOMAINS = Array.from({ length: 40 }, (_, i) => `org${i}.de`);
  const PEOPLE = ['anna@x.de', 'ben@x.de', 'Carla@X.de'];
  const IDS = [...DEMO_RESELLERS.map((r) => r.id), 'R-99999'];

  function replay(changes: readonly Change[]): Map<string, Assignment | null> {
    const records = new Map<string, Assignment | null>();
    for (const change of changes)
      records.set(change.domain, applyChange(records.get(change.domain) ?? null, change));
    return records;
  }

  it.each([1, 2, 3, 4, 5])('rebuilds every stored record from the changes alone (seed %i)', (seed) => {
    const random = mulberry32(seed);
    const store = directoryStore();
    const lock = new FakeLock();
    let clock = NOW;
    for (let step = 0; step < 300; step++) {
      // Servers disagree about the time: it jumps, and sometimes goes backwards.
      clock += Math.floor((random() - 0.2) * 5 * 86_400_000) + random();
      const input = {
        domain: DOMAINS[Math.floor(random() * DOMAINS.length)] as string,
        actorEmail: PEOPLE[Math.floor(random() * PEOPLE.length)] as string,
        clock: () => clock,
      };
      const roll = random();
      if (roll < 0.3) commitChoice(store, lock, { ...input, choice: { kind: 'direct' } });
      else if (roll < 0.8) {
        const resellerId = IDS[Math.floor(random() * IDS.length)] as string;
        commitChoice(store, lock, { ...input, choice: { kind: 'reseller', resellerId } });
      } else recordChangeRequest(store, lock, { ...input, reason: `Reason number ${step}` });
    }
    const { changes, unreadable } = listOutbox(store.snapshot());
    expect(unreadable).toEqual([]);
    expect(changes.length).toBeGreaterThan(60);
    expect(new Set(changes.map((c) => c.type))).toEqual(new Set(['assigned', 'direct', 'changeRequested']));
    const replayed = replay(changes);
    for (const domain of DOMAINS) {
      const record = replayed.get(domain);
      expect([domain, store.data.get(KEYS.domain(domain)) ?? null]).toEqual([
        domain,
        record ? encodeAssignment(record) : null,
      ]);
    }
  });
});

describe('the programme’s and invitations’ changes in the outbox', () => {
  const base = {
    seq: 7,
    domain: 'nordlicht-it.de',
    actorEmail: 'nina@nordlicht-it.de',
    at: Date.UTC(2026, 11, 1),
  };
  const roundTrip = (change: Change): Change | null => {
    const [key, value] = Object.entries(changeEntries(change)).find(([k]) => k.startsWith('o:')) ?? ['', ''];
    return decodeChange(key, value);
  };

  it.each<[string, Change]>([
    [
      'an application',
      {
        ...base,
        type: 'applied',
        application: {
          company: 'Nordlicht <b>GmbH</b>',
          domain: 'nordlicht-it.de',
          contactName: 'Nina',
          contactEmail: 'nina@nordlicht-it.de',
          country: 'DE',
          website: '',
          message: '=SUM(A1)\nzweite Zeile',
        },
      },
    ],
    [
      'a status step with the signed agreement',
      {
        ...base,
        type: 'resellerStatus',
        resellerId: 'R-00042',
        from: 'agreement_sent',
        to: 'agreement_signed',
        reason: '',
        agreement: {
          messageId: '18c3a0d2e5f10099',
          name: 'Vertrag.pdf',
          contentType: 'application/pdf',
          size: 48213,
        },
      },
    ],
    [
      'a choice through an invitation',
      { ...base, type: 'assigned', resellerId: 'R-00042', source: 'invitation' },
    ],
    ['a plain choice', { ...base, type: 'assigned', resellerId: 'R-00042' }],
  ])('reads %s back as it was written', (_, change) => {
    expect(roundTrip(change)).toEqual(change);
  });

  it('refuses an application entry with a field missing, and a step to a status that is none', () => {
    expect(
      decodeChange('o:7', JSON.stringify(['applied', 'x.de', 'a@x.de', 1, { company: 'X' }])),
    ).toBeNull();
    expect(
      decodeChange(
        'o:7',
        JSON.stringify([
          'resellerStatus',
          'x.de',
          'a@x.de',
          1,
          { resellerId: '', from: 'applied', to: 'boss', reason: '' },
        ]),
      ),
    ).toBeNull();
  });
});
