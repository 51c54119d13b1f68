/**
 * The store on in-memory ports: organisation records (read, choose, request a change) and the user's
 * own state. The directory is in directory.test.ts, the caches in search-cache.test.ts, the outbox and
 * its commit sequence in outbox.test.ts.
 */
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import { emailFingerprint } from '../../src/domain/account';
import {
  directAssignment,
  encodeAssignment,
  resellerAssignment,
  type Assignment,
  type Change,
} from '../../src/domain/assignment';
import type { Reseller } from '../../src/domain/reseller';
import {
  commitChoice,
  LOCK_TIMEOUT_MS,
  readAssignment,
  recordChangeRequest,
  type ChangeRequestInput,
  type ChoiceInput,
} from '../../src/store/assignments';
import { writeDirectory } from '../../src/store/directory';
import { StoreFullError } from '../../src/store/errors';
import { KEYS } from '../../src/store/keys';
import { listOutbox } from '../../src/store/outbox';
import { clearUserState, readUserState, writeUserState } from '../../src/store/user-state';
import { FakeLock, MemoryStore } from '../support/memory-ports';

const NOW = Date.UTC(2026, 10, 23, 9, 30, 15);
const ANNA = 'anna@acme.de';
const MUELLER = DEMO_RESELLERS[0] as Reseller;
const SCHAEFER = DEMO_RESELLERS[2] as Reseller;
/** Not approved, each in another status. */
const NOT_APPROVED = DEMO_RESELLERS.filter((r) => r.status !== 'approved');

/** A store holding the demo directory, as every installation has one. */
function directoryStore(resellers: readonly Reseller[] = DEMO_RESELLERS): MemoryStore {
  const store = new MemoryStore();
  writeDirectory(store, new FakeLock(), resellers, 'demo-1');
  store.resetCalls();
  return store;
}

function changes(store: MemoryStore): Change[] {
  return listOutbox(store.snapshot()).changes;
}

function choice(pick: ChoiceInput['choice'], at = NOW, actorEmail = ANNA): ChoiceInput {
  return { domain: 'acme.de', actorEmail, choice: pick, clock: () => at };
}

const ofMueller: ChoiceInput['choice'] = { kind: 'reseller', resellerId: MUELLER.id };
const ofSchaefer: ChoiceInput['choice'] = { kind: 'reseller', resellerId: SCHAEFER.id };
const buyDirect: ChoiceInput['choice'] = { kind: 'direct' };

describe('readAssignment', () => {
  it('reads no answer for an organisation without a record', () => {
    expect(readAssignment(new MemoryStore(), 'acme.de')).toEqual({ state: 'none' });
  });

  it('reads the record stored under the organisation’s key', () => {
    const store = new MemoryStore();
    const record = directAssignment(ANNA, NOW);
    store.data.set('d:acme.de', encodeAssignment(record));
    expect(readAssignment(store, 'acme.de')).toEqual({
      state: 'ok',
      record,
      organisation: 'acme.de',
      links: [],
    });
    expect(readAssignment(store, 'other.de')).toEqual({ state: 'none' });
  });

  it.each(['garbage', '', '3Ru\t1\tfp\t\tR-1', '2Ru\t1\tfp\t\tR 1'])(
    'reports the record %j as unreadable, with its text, never as no answer',
    (raw) => {
      const store = new MemoryStore();
      store.data.set('d:acme.de', raw);
      expect(readAssignment(store, 'acme.de')).toEqual({ state: 'unreadable', raw });
    },
  );
});

describe('commitChoice', () => {
  it('writes the record, one outbox change and the counter in one setAll call, under the lock', () => {
    const store = directoryStore();
    const lock = new FakeLock();
    const record = resellerAssignment(MUELLER.id, ANNA, NOW);
    expect(commitChoice(store, lock, choice(ofMueller))).toEqual({
      outcome: 'saved',
      record,
      reseller: MUELLER,
    });

    expect(lock.timeouts).toEqual([LOCK_TIMEOUT_MS]);
    expect(store.calls.setAll).toBe(1);
    expect(Object.keys(store.writes[0] ?? {}).sort()).toEqual([KEYS.sequence, 'd:acme.de', 'o:1']);
    expect(readAssignment(store, 'acme.de')).toEqual({
      state: 'ok',
      record,
      organisation: 'acme.de',
      links: [],
    });
    expect(changes(store)).toEqual([
      { seq: 1, type: 'assigned', domain: 'acme.de', actorEmail: ANNA, at: NOW, resellerId: 'R-00001' },
    ]);
  });

  it('checks the reseller with two reads of the directory, not the whole store', () => {
    const store = directoryStore();
    commitChoice(store, new FakeLock(), choice(ofMueller));
    // The record, the directory's meta and one chunk, the counter.
    expect(store.calls).toEqual({ get: 4, getAll: 0, setAll: 1, delete: 0 });
  });

  it('records "we buy directly" as a direct change without a reseller, without reading the directory', () => {
    const store = directoryStore();
    const record = directAssignment(ANNA, NOW);
    expect(commitChoice(store, new FakeLock(), choice(buyDirect))).toEqual({ outcome: 'saved', record });
    expect(store.calls).toEqual({ get: 2, getAll: 0, setAll: 1, delete: 0 });
    const [change] = changes(store);
    expect(change).toEqual({ seq: 1, type: 'direct', domain: 'acme.de', actorEmail: ANNA, at: NOW });
    expect(change).not.toHaveProperty('resellerId');
  });

  it('takes the time from the clock once, while holding the lock', () => {
    const store = directoryStore();
    const lock = new FakeLock();
    const held: boolean[] = [];
    const clock = (): number => {
      held.push(lock.held);
      return NOW + 1234.5;
    };
    const result = commitChoice(store, lock, {
      domain: 'acme.de',
      actorEmail: ANNA,
      choice: ofMueller,
      clock,
    });
    expect(held).toEqual([true]);
    expect(result).toMatchObject({ outcome: 'saved', record: { since: NOW + 1234.5 } });
    expect(changes(store)[0]?.at).toBe(NOW + 1234.5);
  });

  it('replaces "we buy directly" with a reseller and adds a second change', () => {
    const store = directoryStore();
    const lock = new FakeLock();
    commitChoice(store, lock, choice(buyDirect));
    const record = resellerAssignment(SCHAEFER.id, 'ben@acme.de', NOW + 1000);
    expect(commitChoice(store, lock, choice(ofSchaefer, NOW + 1000, 'ben@acme.de'))).toEqual({
      outcome: 'saved',
      record,
      reseller: SCHAEFER,
    });
    expect(readAssignment(store, 'acme.de')).toEqual({
      state: 'ok',
      record,
      organisation: 'acme.de',
      links: [],
    });
    expect(changes(store).map((c) => [c.seq, c.type, c.actorEmail])).toEqual([
      [1, 'direct', ANNA],
      [2, 'assigned', 'ben@acme.de'],
    ]);
  });

  it('writes nothing, reads nothing and asks no clock when the lock is busy', () => {
    const store = directoryStore();
    const lock = new FakeLock();
    lock.busy = true;
    const clock = jest.fn(() => NOW);
    expect(commitChoice(store, lock, { ...choice(ofMueller), clock })).toEqual({ outcome: 'busy' });
    expect(store.totalCalls()).toBe(0);
    expect(clock).not.toHaveBeenCalled();
  });

  it('writes nothing when another reseller is already bound', () => {
    const store = directoryStore();
    const lock = new FakeLock();
    const bound = resellerAssignment(MUELLER.id, 'ben@acme.de', NOW - 1000);
    store.data.set('d:acme.de', encodeAssignment(bound));
    const before = store.snapshot();
    expect(commitChoice(store, lock, choice(ofSchaefer))).toEqual({ outcome: 'alreadyBound', record: bound });
    expect(commitChoice(store, lock, choice(buyDirect))).toEqual({ outcome: 'alreadyBound', record: bound });
    expect(store.calls.setAll).toBe(0);
    expect(store.snapshot()).toEqual(before);
  });

  it('writes nothing when the choice is unchanged', () => {
    const store = directoryStore();
    const lock = new FakeLock();
    const bound = resellerAssignment(MUELLER.id, 'ben@acme.de', NOW - 1000);
    store.data.set('d:acme.de', encodeAssignment(bound));
    expect(commitChoice(store, lock, choice(ofMueller))).toEqual({ outcome: 'unchanged', record: bound });

    const other = directoryStore();
    const direct = directAssignment('ben@acme.de', NOW - 1000);
    other.data.set('d:acme.de', encodeAssignment(direct));
    expect(commitChoice(other, lock, choice(buyDirect))).toEqual({ outcome: 'unchanged', record: direct });
    expect(store.calls.setAll + other.calls.setAll).toBe(0);
  });

  it.each(NOT_APPROVED.map((r): [string, string] => [r.status, r.id]))(
    'refuses a reseller that is %s (%s) and writes nothing',
    (_, resellerId) => {
      const store = directoryStore();
      const before = store.snapshot();
      expect(commitChoice(store, new FakeLock(), choice({ kind: 'reseller', resellerId }))).toEqual({
        outcome: 'unavailable',
      });
      expect(store.snapshot()).toEqual(before);
    },
  );

  it.each(['R-99999', 'R-00000', '', 'R 1', 'R-00001\t', 'Müller IT GmbH', 'x'.repeat(65)])(
    'refuses the unknown or malformed id %j and writes nothing',
    (resellerId) => {
      const store = directoryStore();
      expect(commitChoice(store, new FakeLock(), choice({ kind: 'reseller', resellerId }))).toEqual({
        outcome: 'unavailable',
      });
      expect(store.calls.setAll).toBe(0);
    },
  );

  it('refuses a reseller whose name changed since the user was shown it, and returns the current one', () => {
    const renamed = { ...MUELLER, name: 'Müller Cloud GmbH' };
    const store = directoryStore(DEMO_RESELLERS.map((r) => (r.id === MUELLER.id ? renamed : r)));
    const shown = { ...ofMueller, shownName: MUELLER.name };
    expect(commitChoice(store, new FakeLock(), choice(shown))).toEqual({
      outcome: 'changed',
      reseller: renamed,
    });
    expect(store.calls.setAll).toBe(0);
    expect(commitChoice(store, new FakeLock(), choice({ ...shown, shownName: renamed.name }))).toMatchObject({
      outcome: 'saved',
      reseller: renamed,
    });
  });

  it('refuses to save a reseller when the directory cannot be read, but still saves "we buy directly"', () => {
    const store = directoryStore();
    store.data.set(KEYS.directoryChunk(0), `${store.data.get(KEYS.directoryChunk(0)) ?? ''}x`);
    const result = commitChoice(store, new FakeLock(), choice(ofMueller));
    expect(result).toEqual({ outcome: 'directoryUnreadable', problem: expect.stringContaining('chunk 0') });
    expect(store.calls.setAll).toBe(0);
    expect(commitChoice(store, new FakeLock(), choice(buyDirect)).outcome).toBe('saved');
  });

  it.each([
    ['a reseller', ofMueller],
    ['"we buy directly"', buyDirect],
  ])('writes nothing over an unreadable record when choosing %s, and keeps its text', (_, pick) => {
    const store = directoryStore();
    store.data.set('d:acme.de', 'R\tbroken');
    const before = store.snapshot();
    const clock = jest.fn(() => NOW);
    expect(commitChoice(store, new FakeLock(), { ...choice(pick), clock })).toEqual({
      outcome: 'unreadable',
    });
    expect(store.snapshot()).toEqual(before);
    expect(clock).not.toHaveBeenCalled();
  });

  it('lets a StoreFullError through with nothing written', () => {
    const store = directoryStore();
    const before = store.snapshot();
    store.full = true;
    expect(() => commitChoice(store, new FakeLock(), choice(ofMueller))).toThrow(StoreFullError);
    expect(store.snapshot()).toEqual(before);
  });

  it('keeps organisations apart', () => {
    const store = directoryStore();
    const lock = new FakeLock();
    commitChoice(store, lock, choice(ofMueller));
    const other = resellerAssignment(SCHAEFER.id, 'eva@other.de', NOW);
    expect(
      commitChoice(store, lock, {
        domain: 'other.de',
        actorEmail: 'eva@other.de',
        choice: ofSchaefer,
        clock: () => NOW,
      }),
    ).toEqual({ outcome: 'saved', record: other, reseller: SCHAEFER });
    expect(readAssignment(store, 'acme.de')).toMatchObject({ record: { resellerId: 'R-00001' } });
    expect(readAssignment(store, 'other.de')).toEqual({
      state: 'ok',
      record: other,
      organisation: 'other.de',
      links: [],
    });
    expect(changes(store).map((e) => e.domain)).toEqual(['acme.de', 'other.de']);
  });

  it('stores only the reseller’s id and a fingerprint of the user’s address in the organisation’s record', () => {
    const store = directoryStore();
    commitChoice(store, new FakeLock(), choice(ofMueller));
    const record = store.data.get('d:acme.de') ?? '';
    expect(record).toContain(emailFingerprint(ANNA));
    expect(record).toContain(MUELLER.id);
    expect(record).not.toContain('anna');
    expect(record).not.toContain('Müller');
  });
});

describe('recordChangeRequest', () => {
  const REASON = 'Please switch to "Schäfer Cloud AG".\nContact:\tJan <jan@schaefer-cloud.ch>';
  const request = (at = NOW): ChangeRequestInput => ({
    domain: 'acme.de',
    actorEmail: ANNA,
    reason: REASON,
    clock: () => at,
  });

  function boundStore(record: Assignment): MemoryStore {
    const store = directoryStore();
    store.data.set('d:acme.de', encodeAssignment(record));
    return store;
  }

  it('marks the record and writes a changeRequested change with the reason, in one setAll call', () => {
    const bound = resellerAssignment(MUELLER.id, 'ben@acme.de', NOW - 86_400_000);
    const store = boundStore(bound);
    const lock = new FakeLock();
    const result = recordChangeRequest(store, lock, request());
    expect(result).toEqual({ outcome: 'recorded', record: { ...bound, changeRequestedAt: NOW } });
    expect(lock.timeouts).toEqual([LOCK_TIMEOUT_MS]);
    expect(store.calls.setAll).toBe(1);
    expect(Object.keys(store.writes[0] ?? {}).sort()).toEqual([KEYS.sequence, 'd:acme.de', 'o:1']);
    expect(readAssignment(store, 'acme.de')).toEqual({
      state: 'ok',
      record: { ...bound, changeRequestedAt: NOW },
      organisation: 'acme.de',
      links: [],
    });
    expect(changes(store)).toEqual([
      {
        seq: 1,
        type: 'changeRequested',
        domain: 'acme.de',
        actorEmail: ANNA,
        at: NOW,
        resellerId: 'R-00001',
        reason: REASON,
      },
    ]);
  });

  it('takes the time from the clock only once the lock is held', () => {
    const store = boundStore(resellerAssignment(MUELLER.id, ANNA, NOW - 1000));
    const lock = new FakeLock();
    const held: boolean[] = [];
    const clock = (): number => {
      held.push(lock.held);
      return NOW;
    };
    recordChangeRequest(store, lock, { ...request(), clock });
    expect(held).toEqual([true]);
  });

  it('adds nothing while a request is already pending', () => {
    const pending: Assignment = {
      ...resellerAssignment(MUELLER.id, 'ben@acme.de', NOW - 86_400_000),
      changeRequestedAt: NOW - 3_600_000,
    };
    const store = boundStore(pending);
    expect(recordChangeRequest(store, new FakeLock(), request())).toEqual({
      outcome: 'alreadyPending',
      record: pending,
    });
    expect(store.calls.setAll).toBe(0);
  });

  it('records nothing for an organisation without a record', () => {
    const store = directoryStore();
    expect(recordChangeRequest(store, new FakeLock(), request())).toEqual({
      outcome: 'noReseller',
      record: null,
    });
    expect(store.calls.setAll).toBe(0);
  });

  it('records nothing for an organisation that buys directly', () => {
    const direct = directAssignment(ANNA, NOW - 1000);
    const store = boundStore(direct);
    expect(recordChangeRequest(store, new FakeLock(), request())).toEqual({
      outcome: 'noReseller',
      record: direct,
    });
    expect(store.calls.setAll).toBe(0);
  });

  it('writes nothing over an unreadable record, and keeps its text', () => {
    const store = directoryStore();
    store.data.set('d:acme.de', '2Ru\tnot a time\tfp\t\tR-00001');
    const before = store.snapshot();
    expect(recordChangeRequest(store, new FakeLock(), request())).toEqual({ outcome: 'unreadable' });
    expect(store.snapshot()).toEqual(before);
  });

  it('writes nothing when the lock is busy', () => {
    const store = boundStore(resellerAssignment(MUELLER.id, ANNA, NOW - 1000));
    const lock = new FakeLock();
    lock.busy = true;
    store.resetCalls();
    expect(recordChangeRequest(store, lock, request())).toEqual({ outcome: 'busy' });
    expect(store.totalCalls()).toBe(0);
  });

  it('lets a StoreFullError through with nothing written', () => {
    const bound = resellerAssignment(MUELLER.id, ANNA, NOW - 1000);
    const store = boundStore(bound);
    store.full = true;
    expect(() => recordChangeRequest(store, new FakeLock(), request())).toThrow(StoreFullError);
    expect(readAssignment(store, 'acme.de')).toEqual({
      state: 'ok',
      record: bound,
      organisation: 'acme.de',
      links: [],
    });
    expect(changes(store)).toEqual([]);
  });
});

describe('user state store', () => {
  it('writes the state under its key in one call and reads it back', () => {
    const store = new MemoryStore();
    writeUserState(store, { askAgainAt: NOW });
    expect(store.calls.setAll).toBe(1);
    expect(store.data.get(KEYS.userState)).toBe(JSON.stringify({ askAgainAt: NOW }));
    expect(readUserState(store)).toEqual({ askAgainAt: NOW });
  });

  it('reads no state from an empty or damaged store', () => {
    const store = new MemoryStore();
    expect(readUserState(store)).toEqual({});
    store.data.set(KEYS.userState, '{oops');
    expect(readUserState(store)).toEqual({});
  });

  it('forgets the state', () => {
    const store = new MemoryStore();
    writeUserState(store, { askAgainAt: NOW });
    clearUserState(store);
    expect(store.data.has(KEYS.userState)).toBe(false);
    expect(readUserState(store)).toEqual({});
  });
});
