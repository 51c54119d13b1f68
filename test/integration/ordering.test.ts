/**
 * Commit order on the built bundle: many executions at once, each in its own worker thread against
 * one shared host, mixing every kind of change across a few domains. Replaying the outbox in
 * commit-sequence order must give exactly the stored records, with no gap and no duplicate.
 *
 * Before the fix, a change's time was read before the lock and the outbox was ordered by it: a
 * change request racing a confirm replayed in the wrong order (11 of 50 domains in mixed races).
 */
import { actionEvent } from '../../dev/runtime/events';
import type { ExecutionRequest } from '../../dev/runtime/execution';
import {
  applyChange,
  decodeAssignment,
  encodeAssignment,
  type Assignment,
} from '../../src/domain/assignment';
import { listOutbox } from '../../src/store/outbox';
import { approved, runtimeWith, user } from '../support/addon';

const RESELLERS = ['Müller IT GmbH', 'Schäfer Cloud AG', 'Cloudwerk GmbH'].map(approved);

function mulberry(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomRequest(random: () => number, domains: readonly string[], n: number): ExecutionRequest {
  const domain = domains[Math.floor(random() * domains.length)] as string;
  const identity = user(`user${n}@${domain}`, random() < 0.5 ? 'en' : 'de');
  const kind = random();
  if (kind < 0.4) {
    const reseller = RESELLERS[Math.floor(random() * RESELLERS.length)];
    return {
      functionName: 'onConfirmReseller',
      identity,
      event: actionEvent(identity, { parameters: { resellerId: reseller?.id ?? '', domain } }),
    };
  }
  if (kind < 0.65) {
    return {
      functionName: 'onAnswerDirect',
      identity,
      event: actionEvent(identity, { parameters: { domain } }),
    };
  }
  return {
    functionName: 'onSubmitChangeRequest',
    identity,
    event: actionEvent(identity, {
      parameters: { domain },
      formInputs: { changeReason: `Please move us to another reseller (${n}).` },
    }),
  };
}

describe('the commit sequence', () => {
  it('replays the outbox in sequence order to exactly the stored records, in every round', async () => {
    const random = mulberry(20261201);
    for (let round = 0; round < 4; round++) {
      const runtime = runtimeWith();
      const domains = Array.from({ length: 4 }, (_, i) => `race${round}-${i}.example`);
      // A change request needs a reseller already bound: seed half the domains with one first.
      for (const domain of domains.slice(0, 2)) {
        const identity = user(`first@${domain}`);
        runtime.run({
          functionName: 'onConfirmReseller',
          identity,
          event: actionEvent(identity, { parameters: { resellerId: RESELLERS[0]?.id ?? '', domain } }),
        });
      }
      const requests = Array.from({ length: 16 }, (_, n) => randomRequest(random, domains, n));
      const results = await runtime.runConcurrently(requests);
      expect(results.filter((r) => !r.ok)).toEqual([]);

      const all = runtime.host.scriptProperties.getAll();
      const { changes, unreadable } = listOutbox(all);
      expect(unreadable).toEqual([]);
      // One sequence, 1…n, no gap and no duplicate, ending at the stored counter.
      expect(changes.map((c) => c.seq)).toEqual(changes.map((_, i) => i + 1));
      expect(all['c:seq']).toBe(changes.length.toString(36));

      const replayed = new Map<string, Assignment | null>();
      for (const change of changes)
        replayed.set(change.domain, applyChange(replayed.get(change.domain) ?? null, change));
      for (const domain of domains) {
        const stored = all[`d:${domain}`];
        const record = replayed.get(domain) ?? null;
        expect(record === null ? undefined : encodeAssignment(record)).toBe(stored);
        if (stored !== undefined) expect(decodeAssignment(stored)).not.toBeNull();
      }
    }
  }, 120_000);
});
