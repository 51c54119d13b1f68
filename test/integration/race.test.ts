/**
 * Concurrent executions, each in its own worker thread against one shared host, as Apps Script runs
 * two users' callbacks at the same moment.
 */
import { actionEvent } from '../../dev/runtime/events';
import { approved, domainRecord, outboxValues, runtimeWith, user } from '../support/addon';

function confirmRequest(email: string, resellerId: string, locale = 'en') {
  const identity = user(email, locale);
  return {
    functionName: 'onConfirmReseller',
    identity,
    event: actionEvent(identity, { parameters: { resellerId, domain: email.split('@')[1] ?? '' } }),
  };
}

describe('two users of one domain confirming different resellers at the same moment', () => {
  it('lets exactly one win; the other sees the winner and a notice', async () => {
    for (let round = 0; round < 5; round++) {
      const runtime = runtimeWith();
      const domain = `race${round}.example`;
      const mueller = approved('Müller IT GmbH');
      const schaefer = approved('Schäfer Cloud AG');
      const results = await runtime.runConcurrently([
        confirmRequest(`anna@${domain}`, mueller.id),
        confirmRequest(`ben@${domain}`, schaefer.id, 'de'),
      ]);
      expect(results.every((r) => r.ok)).toBe(true);
      const record = domainRecord(runtime, domain) ?? '';
      const winner = record.includes(mueller.id) ? mueller : schaefer;
      expect(record).toContain(winner.id);
      expect(outboxValues(runtime)).toHaveLength(1);

      const notices = results.map(
        (r) => (r.value as { action: { notification?: { text?: string } } }).action.notification?.text ?? '',
      );
      const won = notices.filter((n) => n.startsWith('Saved') || n.startsWith('Gespeichert'));
      // The loser is told when the colleague linked it (the date), not "a moment ago".
      const lost = notices.filter(
        (n) => n.includes('so your choice was not saved') || n.includes('daher wurde Ihre Auswahl'),
      );
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toContain(winner.name);
      expect(lost[0]).toMatch(/ on \d{1,2} [A-Z][a-z]{2} \d{4}| am \d{2}\.\d{2}\.\d{4}/);
      // Both end on the status card naming the winner.
      for (const result of results) expect(JSON.stringify(result.value)).toContain(winner.name);
      // Both really held the lock in turn.
      for (const result of results) expect(result.calls['Lock.tryLock']).toBe(1);
    }
  });

  it('serialises many concurrent writers without losing any of them', async () => {
    const runtime = runtimeWith();
    const mueller = approved('Müller IT GmbH');
    const requests = Array.from({ length: 6 }, (_, i) =>
      confirmRequest(`user@domain${i}.example`, mueller.id),
    );
    const results = await runtime.runConcurrently(requests);
    expect(results.every((r) => r.ok)).toBe(true);
    for (let i = 0; i < 6; i++) expect(domainRecord(runtime, `domain${i}.example`)).toContain(mueller.id);
    expect(outboxValues(runtime)).toHaveLength(6);
  });
});
