/** The flow on a realistic directory: 5,000 generated resellers with umlauts and near-duplicates. */
import { generateResellers } from '../../dev/demo/resellers';
import { client, domainRecord, runtimeWith, user } from '../support/addon';
import { displayLabel } from '../../src/domain/search';

const resellers = generateResellers(5000);
const runtime = runtimeWith(resellers);

describe('a directory of 5,000 resellers', () => {
  it('suggests at most 10 distinct labels, each naming one approved reseller', () => {
    const anna = client(runtime, user('anna@gross.example'));
    anna.click('I have a Google Workspace reseller');
    for (const query of ['cl', 'cloud', 'digital', 'mül', 'mueller', 'schäfer', 'it-ser']) {
      const suggestions = anna.suggest('resellerQuery', query);
      expect(suggestions.length).toBeGreaterThan(0);
      expect(suggestions.length).toBeLessThanOrEqual(10);
      expect(new Set(suggestions).size).toBe(suggestions.length);
      expect(anna.last.budgetCalls).toBeLessThanOrEqual(2);
    }
  });

  it('tells near-duplicates apart and confirms the one picked', () => {
    const approved = resellers.filter((r) => r.status === 'approved');
    const pair = approved.find((r) =>
      approved.some((o) => o !== r && o.name.toLowerCase() === r.name.toLowerCase()),
    );
    expect(pair).toBeDefined();
    const target = pair ?? (approved[0] as (typeof approved)[number]);
    const anna = client(runtime, user('anna@duplikat.example'));
    anna.click('I have a Google Workspace reseller');
    anna.type('resellerQuery', displayLabel(target));
    anna.click('Search');
    expect(anna.card.name).toBe('confirm');
    expect(anna.texts()).toContain(target.domain);
    anna.click('Share contacts now');
    expect(domainRecord(runtime, 'duplikat.example')).toContain(target.id);
  });

  it('never offers a reseller that is not approved', () => {
    const hidden = resellers.filter((r) => r.status !== 'approved').slice(0, 20);
    const anna = client(runtime, user('anna@status.example'));
    anna.click('I have a Google Workspace reseller');
    for (const reseller of hidden) {
      expect(anna.suggest('resellerQuery', reseller.name)).not.toContain(displayLabel(reseller));
    }
  });
});
