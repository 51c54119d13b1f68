/** Small directories and indexes for the search unit tests. */
import type { Reseller, ResellerStatus } from '../../src/domain/reseller';
import { buildSearchIndex, parseSearchIndex, type SearchIndex } from '../../src/domain/search';

export function reseller(
  id: string,
  name: string,
  domain: string,
  country = 'DE',
  status: ResellerStatus = 'approved',
): Reseller {
  return { id, name, domain, country, status };
}

export function indexOf(resellers: readonly Reseller[]): SearchIndex {
  return parseSearchIndex(buildSearchIndex(resellers));
}
