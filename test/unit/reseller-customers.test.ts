/**
 * One reseller's customer list (src/store/reseller-customers.ts): built from one store read, kept
 * in the script cache in checked chunks, read back with one cache call.
 */
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import { resellerAssignment, supportAssignment, type Assignment } from '../../src/domain/assignment';
import { encodeRolesOnly, organisationTexts, type StoredOrganisation } from '../../src/domain/organisation';
import type { Reseller } from '../../src/domain/reseller';
import { writeDirectory } from '../../src/store/directory';
import { KEYS } from '../../src/store/keys';
import {
  buildCustomerList,
  CUSTOMERS_TTL_SECONDS,
  decodeCached,
  encodeCached,
  loadResellerCustomers,
  MAX_CHUNKS,
} from '../../src/store/reseller-customers';
import { FakeLock, MemoryCache, MemoryStore } from '../support/memory-ports';

const NOW = Date.UTC(2026, 11, 1, 10, 0, 0);
const MUELLER = DEMO_RESELLERS[0] as Reseller;
const SCHAEFER = DEMO_RESELLERS[2] as Reseller;

function org(domain: string, record: Assignment, links: string[] = []): StoredOrganisation {
  return { organisation: domain, record, links };
}

function storeWith(...organisations: StoredOrganisation[]): MemoryStore {
  const store = new MemoryStore();
  writeDirectory(store, new FakeLock(), DEMO_RESELLERS, 'demo-1');
  const values: Record<string, string> = {};
  for (const o of organisations)
    for (const [domain, text] of organisationTexts(o)) values[KEYS.domain(domain)] = text;
  store.setAll(values);
  store.resetCalls();
  return store;
}

const day = 24 * 3600 * 1000;

function sample(): MemoryStore {
  return storeWith(
    org('acme.de', resellerAssignment(MUELLER.id, 'anna@acme.de', NOW - 3 * day), ['acme.at']),
    org('beta.de', {
      ...supportAssignment(MUELLER.id, 'sam@support.example', NOW - day),
      changeRequestedAt: NOW,
    }),
    org('gamma.de', resellerAssignment(MUELLER.id, 'gus@gamma.de', NOW - 2 * day, 'invitation')),
    org('other.de', resellerAssignment(SCHAEFER.id, 'otto@other.de', NOW)),
    {
      ...org('mueller-it.de', resellerAssignment(SCHAEFER.id, 'info@mueller-it.de', NOW)),
      roles: [{ resellerId: MUELLER.id, status: 'approved', member: 'mueller-it.de' }],
    },
  );
}

describe('the customer list of one reseller', () => {
  it('keeps the organisations whose record names it, newest first, once each (not the linked copies)', () => {
    const store = sample();
    store.data.set(
      KEYS.domain('roles-only.de'),
      encodeRolesOnly([{ resellerId: MUELLER.id, status: 'approved', member: 'roles-only.de' }]),
    );
    const { list } = buildCustomerList(store.snapshot(), MUELLER.id, NOW);
    expect(list.resellerName).toBe(MUELLER.name);
    expect(list.customers).toEqual([
      {
        organisation: 'beta.de',
        since: Math.floor((NOW - day) / 1000) * 1000,
        source: 'support',
        changeRequestedAt: NOW,
      },
      { organisation: 'gamma.de', since: NOW - 2 * day, source: 'invitation' },
      { organisation: 'acme.de', since: NOW - 3 * day, source: 'user' },
    ]);
    expect(
      buildCustomerList(store.snapshot(), SCHAEFER.id, NOW).list.customers.map((c) => c.organisation),
    ).toEqual(['mueller-it.de', 'other.de']);
  });

  it('costs one cache read when cached, one store read and one cache write on a miss', () => {
    const store = sample();
    const cache = new MemoryCache();
    const first = loadResellerCustomers(store, cache, MUELLER.id, NOW);
    expect(first.from).toBe('store');
    expect([store.totalCalls(), cache.calls.getAll, cache.calls.putAll]).toEqual([1, 1, 1]);
    expect(cache.ttls).toEqual([CUSTOMERS_TTL_SECONDS]);
    store.resetCalls();
    cache.resetCalls();
    const second = loadResellerCustomers(store, cache, MUELLER.id, NOW + 60_000);
    expect(second).toEqual({ list: first.list, from: 'cache' });
    expect([store.totalCalls(), cache.totalCalls()]).toEqual([0, 1]);
    // Refresh reads the store whatever the cache holds, and says when.
    const refreshed = loadResellerCustomers(store, cache, MUELLER.id, NOW + 120_000, { refresh: true });
    expect(refreshed.from).toBe('store');
    expect(refreshed.list.builtAt).toBe(NOW + 120_000);
  });

  it('reads a missing, cut or mixed chunk as a miss, never as a shorter list', () => {
    const customers = Array.from({ length: 5000 }, (_, i) => ({
      organisation: `kunde-${i}.example`,
      since: NOW - i * 1000,
      source: 'user' as const,
    }));
    const list = { resellerId: MUELLER.id, resellerName: 'Müller\tIT', builtAt: NOW, customers };
    const values = encodeCached(list);
    const chunkKeys = Object.keys(values).filter((k) => !k.endsWith(':m'));
    expect(chunkKeys.length).toBeGreaterThan(1);
    for (const value of Object.values(values))
      expect(Buffer.byteLength(value, 'utf8')).toBeLessThan(100 * 1024);
    expect(decodeCached(MUELLER.id, values)).toEqual({ ...list, resellerName: 'Müller IT' });
    const lost = { ...values };
    delete lost[chunkKeys[1] as string];
    expect(decodeCached(MUELLER.id, lost)).toBeNull();
    const cut = {
      ...values,
      [chunkKeys[0] as string]: (values[chunkKeys[0] as string] as string).slice(0, -10),
    };
    expect(decodeCached(MUELLER.id, cut)).toBeNull();
    // Another reseller's chunks under this reseller's keys do not pass the checksum.
    const other = encodeCached({ ...list, resellerId: SCHAEFER.id, customers: customers.slice(0, 10) });
    const mixed = {
      ...values,
      [KEYS.resellerCustomersChunk(MUELLER.id, 0)]: other[
        KEYS.resellerCustomersChunk(SCHAEFER.id, 0)
      ] as string,
    };
    expect(decodeCached(MUELLER.id, mixed)).toBeNull();
    expect(decodeCached(MUELLER.id, {})).toBeNull();
  });

  it('keeps an empty list as an empty list', () => {
    const list = { resellerId: 'R-00999', resellerName: '', builtAt: NOW, customers: [] };
    expect(decodeCached('R-00999', encodeCached(list))).toEqual(list);
  });

  it('refuses a list too large for the cache rather than caching part of it', () => {
    const customers = Array.from({ length: MAX_CHUNKS * 3000 }, (_, i) => ({
      organisation: `a-rather-long-customer-domain-name-${i}.example`,
      since: NOW,
      source: 'user' as const,
    }));
    expect(() => encodeCached({ resellerId: MUELLER.id, resellerName: '', builtAt: NOW, customers })).toThrow(
      /too large/,
    );
  });
});
