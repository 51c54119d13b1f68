/**
 * Invitations: codes (src/domain/invitation.ts), their store (src/store/invitations.ts) and a
 * choice confirmed with one (commitChoice, the "invitation" source).
 */
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import {
  decodeAssignment,
  encodeAssignment,
  resellerAssignment,
  directAssignment,
} from '../../src/domain/assignment';
import {
  decodeInvitation,
  displayInvitationCode,
  encodeInvitation,
  INVITATION_ALPHABET,
  INVITATION_TTL_MS,
  makeInvitation,
  MAX_OPEN_INVITATIONS,
  newInvitationCode,
  normaliseInvitationCode,
} from '../../src/domain/invitation';
import type { Reseller } from '../../src/domain/reseller';
import { commitChoice, readAssignment } from '../../src/store/assignments';
import { writeDirectory } from '../../src/store/directory';
import { createInvitation, lookupInvitation } from '../../src/store/invitations';
import { KEYS } from '../../src/store/keys';
import { listOutbox } from '../../src/store/outbox';
import { FakeLock, MemoryStore } from '../support/memory-ports';

const NOW = Date.UTC(2026, 11, 1, 10, 0, 0);
const MUELLER = DEMO_RESELLERS[0] as Reseller;
const SCHAEFER = DEMO_RESELLERS[2] as Reseller;
const SUSPENDED = DEMO_RESELLERS.find((r) => r.status === 'suspended') as Reseller;

function seeded(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] as number;
}

function directoryStore(): MemoryStore {
  const store = new MemoryStore();
  writeDirectory(store, new FakeLock(), DEMO_RESELLERS, 'demo-1');
  store.resetCalls();
  return store;
}

describe('invitation codes', () => {
  it('has no look-alikes and reads back what people type', () => {
    for (const c of '0O1IL') expect(INVITATION_ALPHABET).not.toContain(c);
    const code = newInvitationCode();
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
    expect(normaliseInvitationCode(` ${displayInvitationCode(code).toLowerCase()} `)).toBe(code);
    expect(normaliseInvitationCode('ABCD-EFGO')).toBeNull();
    expect(normaliseInvitationCode('ABCD-EFG')).toBeNull();
    expect(normaliseInvitationCode('ABCD-EFGHJ')).toBeNull();
    expect(normaliseInvitationCode(undefined)).toBeNull();
    expect(newInvitationCode(seeded([0, 0.999999]))).toBe('2Z2Z2Z2Z');
  });

  it('stores who made it and when it expires, and reads damage as no invitation', () => {
    const invitation = makeInvitation('ABCDEFGH', MUELLER.id, ' Info@Mueller-IT.de ', NOW);
    expect(invitation).toMatchObject({ createdBy: 'info@mueller-it.de', expiresAt: NOW + INVITATION_TTL_MS });
    const text = encodeInvitation(invitation);
    expect(decodeInvitation('ABCDEFGH', text)).toEqual(invitation);
    expect(decodeInvitation('ABCDEFGH', text.slice(0, -2) + '?')).toBeNull();
    expect(decodeInvitation('ABCDEFGH', `${text}\textra`)).toBeNull();
    expect(decodeInvitation('ABCDEFGO', text)).toBeNull();
  });
});

describe('the invitation store', () => {
  it('writes one code per call and finds it with one read; expired and unknown codes say so', () => {
    const store = directoryStore();
    const made = createInvitation(store, {
      resellerId: MUELLER.id,
      createdBy: 'info@mueller-it.de',
      now: NOW,
    });
    if (made.outcome !== 'created') throw new Error('not created');
    expect([store.calls.getAll, store.calls.setAll]).toEqual([1, 1]);
    store.resetCalls();
    const code = displayInvitationCode(made.invitation.code).toLowerCase();
    expect(lookupInvitation(store, code, NOW + 1000)).toEqual({
      outcome: 'found',
      invitation: made.invitation,
    });
    expect(store.calls.get).toBe(1);
    expect(lookupInvitation(store, code, NOW + INVITATION_TTL_MS).outcome).toBe('expired');
    expect(lookupInvitation(store, 'ZZZZ-ZZZZ', NOW).outcome).toBe('unknown');
    store.resetCalls();
    expect(lookupInvitation(store, 'not a code', NOW).outcome).toBe('malformed');
    expect(store.totalCalls()).toBe(0);
  });

  it('draws again on a clash, caps open invitations per reseller and tidies expired ones away', () => {
    const store = directoryStore();
    const clash = seeded([0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    const first = createInvitation(store, {
      resellerId: MUELLER.id,
      createdBy: 'a@mueller-it.de',
      now: NOW,
      random: seeded([0]),
    });
    const second = createInvitation(store, {
      resellerId: MUELLER.id,
      createdBy: 'a@mueller-it.de',
      now: NOW,
      random: clash,
    });
    expect(first.outcome === 'created' && first.invitation.code).toBe('22222222');
    expect(second.outcome === 'created' && second.invitation.code).not.toBe('22222222');
    for (let i = 2; i < MAX_OPEN_INVITATIONS; i++)
      expect(
        createInvitation(store, { resellerId: MUELLER.id, createdBy: 'a@mueller-it.de', now: NOW + i })
          .outcome,
      ).toBe('created');
    const before = store.snapshot();
    expect(
      createInvitation(store, { resellerId: MUELLER.id, createdBy: 'a@mueller-it.de', now: NOW + 100 }),
    ).toEqual({
      outcome: 'tooMany',
      nextExpiry: NOW + INVITATION_TTL_MS,
    });
    expect(store.snapshot()).toEqual(before);
    // Another reseller is not held back by this one's invitations.
    expect(
      createInvitation(store, { resellerId: SCHAEFER.id, createdBy: 'b@schaefer.de', now: NOW }).outcome,
    ).toBe('created');
    // A month on, the expired codes are no longer open, and each new one removes a few of them.
    const later = NOW + INVITATION_TTL_MS + 1;
    store.resetCalls();
    expect(
      createInvitation(store, { resellerId: MUELLER.id, createdBy: 'a@mueller-it.de', now: later }).outcome,
    ).toBe('created');
    expect(store.calls.delete).toBe(5);
    const left = Object.keys(store.snapshot()).filter((k) => k.startsWith(KEYS.invitationPrefix));
    expect(left).toHaveLength(MAX_OPEN_INVITATIONS + 2 - 5);
  });
});

describe('a choice confirmed with an invitation', () => {
  const choose = (store: MemoryStore, resellerId: string, invitation: string, now = NOW) =>
    commitChoice(store, new FakeLock(), {
      domain: 'kunde.example',
      actorEmail: 'anna@kunde.example',
      choice: { kind: 'reseller', resellerId, invitation },
      clock: () => now,
    });

  it('records the source "invitation" (and the change says so), within the calls of any confirm', () => {
    const store = directoryStore();
    const made = createInvitation(store, {
      resellerId: MUELLER.id,
      createdBy: 'info@mueller-it.de',
      now: NOW,
    });
    if (made.outcome !== 'created') throw new Error('not created');
    store.resetCalls();
    expect(choose(store, MUELLER.id, made.invitation.code, NOW + 5000)).toMatchObject({ outcome: 'saved' });
    expect([store.calls.get, store.calls.getAll, store.calls.setAll]).toEqual([0, 1, 1]);
    const stored = readAssignment(store, 'kunde.example');
    expect(stored).toMatchObject({
      state: 'ok',
      record: { kind: 'reseller', resellerId: MUELLER.id, source: 'invitation' },
    });
    expect(listOutbox(store.snapshot()).changes.at(-1)).toMatchObject({
      type: 'assigned',
      resellerId: MUELLER.id,
    });
  });

  it('refuses an expired code, a code of another reseller and an unknown one, writing nothing', () => {
    const store = directoryStore();
    const made = createInvitation(store, {
      resellerId: MUELLER.id,
      createdBy: 'info@mueller-it.de',
      now: NOW,
    });
    if (made.outcome !== 'created') throw new Error('not created');
    const before = store.snapshot();
    expect(choose(store, MUELLER.id, made.invitation.code, NOW + INVITATION_TTL_MS)).toEqual({
      outcome: 'invitationInvalid',
      problem: 'expired',
    });
    expect(choose(store, SCHAEFER.id, made.invitation.code)).toEqual({
      outcome: 'invitationInvalid',
      problem: 'unknown',
    });
    expect(choose(store, MUELLER.id, 'ZZZZZZZZ')).toEqual({
      outcome: 'invitationInvalid',
      problem: 'unknown',
    });
    expect(store.snapshot()).toEqual(before);
  });

  it('still checks the reseller against the directory: a suspended one is not chosen', () => {
    const store = directoryStore();
    const made = createInvitation(store, { resellerId: SUSPENDED.id, createdBy: 'x@x.de', now: NOW });
    if (made.outcome !== 'created') throw new Error('not created');
    expect(choose(store, SUSPENDED.id, made.invitation.code)).toEqual({ outcome: 'unavailable' });
  });
});

describe('the record format with the invitation source', () => {
  it('reads and writes "i", and keeps older records readable', () => {
    const record = resellerAssignment(MUELLER.id, 'anna@kunde.example', NOW, 'invitation');
    const text = encodeAssignment(record);
    expect(text.slice(0, 3)).toBe('2Ri');
    expect(decodeAssignment(text)).toEqual(record);
    const plain = resellerAssignment(MUELLER.id, 'anna@kunde.example', NOW);
    expect(decodeAssignment(encodeAssignment(plain))).toEqual(plain);
    expect(() => encodeAssignment({ ...directAssignment('a@b.de', NOW), source: 'invitation' })).toThrow();
  });
});
