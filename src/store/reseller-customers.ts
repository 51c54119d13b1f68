/**
 * One reseller's customers, for the reseller's view: kept in the script cache so that the view
 * reads them with one Cache.getAll, and rebuilt on a miss from one Script Properties read.
 *
 *   rc:<id>:m   "RC1" tab built at (ms, base 36) tab count tab chunks tab checksum tab reseller name
 *   rc:<id>:<n> the customers, one line each: organisation tab since tab source tab requested at
 *
 * Chunks stay under 90 KB (a cache value may hold 100 KB); the meta entry's count and checksum
 * (over the chunks joined by line breaks) are checked on every read, so a chunk the cache evicted
 * early or a value cut short reads as a miss, never as a shorter list. The list is at most TTL
 * seconds old; the card says how old.
 *
 * Organisations are found by their primary record: a linked domain's copy (organisation.ts) is the
 * same organisation again and is skipped. Only records that name this reseller's id are kept.
 */
import type { AssignmentSource } from '../domain/assignment';
import { checksum } from '../domain/hash';
import { utf8Length } from '../domain/utf8';
import { decodeDomainText, isLinkedCopy, NO_RECORD_TEXT } from '../domain/organisation';
import { LABELS } from './labels';
import { selectFrom } from './select';
import { findInDirectory } from './directory';
import { KEYS } from './keys';
import type { Cache, KeyValueStore } from './ports';

export const CUSTOMERS_TTL_SECONDS = 600;
const CHUNK_MAX_BYTES = 90_000;
/** Fixed, so that one getAll asks for every chunk without reading the count first (~100,000 customers). */
export const MAX_CHUNKS = 40;
const FORMAT = 'RC1';
const SOURCE_CODES: Record<AssignmentSource, string> = { user: 'u', support: 's', invitation: 'i' };
const SOURCE_BY_CODE = new Map(Object.entries(SOURCE_CODES).map(([s, c]) => [c, s as AssignmentSource]));

export interface ResellerCustomer {
  /** The organisation's primary domain. */
  organisation: string;
  since: number;
  source: AssignmentSource;
  /** A change request the organisation sent that support has not answered yet. */
  changeRequestedAt?: number;
}

export interface CustomerList {
  resellerId: string;
  /** From the directory; '' when it does not have the id (any more) or cannot be read. */
  resellerName: string;
  /** When the list was read from the store (epoch ms). */
  builtAt: number;
  /** Newest first. */
  customers: ResellerCustomer[];
}

export interface LoadedCustomers {
  list: CustomerList;
  /** 'cache': one cache read; 'store': rebuilt (one store read, one cache write). */
  from: 'cache' | 'store';
}

function cacheKeys(resellerId: string): string[] {
  return [
    KEYS.resellerCustomersMeta(resellerId),
    ...Array.from({ length: MAX_CHUNKS }, (_, i) => KEYS.resellerCustomersChunk(resellerId, i)),
  ];
}

/**
 * The reseller's customers: one cache read when cached and intact; otherwise (or with `refresh`)
 * one Script Properties read and one cache write.
 */
export function loadResellerCustomers(
  store: KeyValueStore,
  cache: Cache,
  resellerId: string,
  now: number,
  options: { refresh?: boolean } = {},
): LoadedCustomers {
  if (!options.refresh) {
    const cached = decodeCached(resellerId, cache.getAll(cacheKeys(resellerId)));
    if (cached) return { list: cached, from: 'cache' };
  }
  // Its customers by label where the store has labels (Firestore), and the directory for its name.
  const read = selectFrom(store, {
    prefixes: [KEYS.directoryPrefix],
    labels: [LABELS.customerOf(resellerId)],
  });
  const built = buildCustomerList(read, resellerId, now);
  try {
    cache.putAll(encodeCached(built.list), CUSTOMERS_TTL_SECONDS);
  } catch (error) {
    // A list too large for the cache is still shown; the next view reads the store again.
    console.warn(`The customer list of ${resellerId} could not be cached`, error);
  }
  return { list: built.list, from: 'store' };
}

/** A read-only KeyValueStore over a store's contents read in one call. */
export function readsOf(all: Record<string, string>): KeyValueStore {
  const refuse = (): never => {
    throw new Error('read-only snapshot');
  };
  return {
    get: (key) => all[key] ?? null,
    getAll: () => all,
    setAll: refuse,
    delete: refuse,
    replaceAll: refuse,
  };
}

/** The list from the whole store: every organisation whose record names `resellerId`. */
export function buildCustomerList(
  all: Record<string, string>,
  resellerId: string,
  now: number,
): { list: CustomerList; unreadable: number } {
  const customers: ResellerCustomer[] = [];
  let unreadable = 0;
  for (const [key, text] of Object.entries(all)) {
    if (!key.startsWith(KEYS.domainPrefix) || text === NO_RECORD_TEXT || isLinkedCopy(text)) continue;
    // A cheap test first: a record that does not contain the id cannot name it.
    if (!text.includes(resellerId)) continue;
    const domain = key.slice(KEYS.domainPrefix.length);
    const decoded = decodeDomainText(domain, text);
    if (!decoded) {
      unreadable++;
      continue;
    }
    const record = decoded.organisation?.record;
    if (record?.kind !== 'reseller' || record.resellerId !== resellerId || /[\t\n\r]/.test(domain)) continue;
    const customer: ResellerCustomer = { organisation: domain, since: record.since, source: record.source };
    if (record.changeRequestedAt !== undefined) customer.changeRequestedAt = record.changeRequestedAt;
    customers.push(customer);
  }
  customers.sort((a, b) => b.since - a.since || (a.organisation < b.organisation ? -1 : 1));
  const lookup = findInDirectory(readsOf(all), resellerId);
  const resellerName = lookup.ok ? (lookup.reseller?.name ?? '') : '';
  if (unreadable > 0) console.warn(`${unreadable} organisation records could not be read for ${resellerId}`);
  return { list: { resellerId, resellerName, builtAt: now, customers }, unreadable };
}

function encodeLine(c: ResellerCustomer): string {
  const requested = c.changeRequestedAt === undefined ? '' : c.changeRequestedAt.toString(36);
  return `${c.organisation}\t${c.since.toString(36)}\t${SOURCE_CODES[c.source]}\t${requested}`;
}

function decodeLine(line: string): ResellerCustomer | null {
  const [organisation = '', since = '', code = '', requested, ...rest] = line.split('\t');
  const source = SOURCE_BY_CODE.get(code);
  const sinceMs = parseTime(since);
  if (rest.length > 0 || requested === undefined || !source || organisation === '' || sinceMs === null)
    return null;
  const customer: ResellerCustomer = { organisation, since: sinceMs, source };
  if (requested !== '') {
    const at = parseTime(requested);
    if (at === null) return null;
    customer.changeRequestedAt = at;
  }
  return customer;
}

function parseTime(text: string): number | null {
  if (!/^-?[0-9a-z]{1,11}$/.test(text)) return null;
  const ms = parseInt(text, 36);
  return Number.isFinite(ms) ? ms : null;
}

/** The cache values of a list: its chunks and the meta entry. */
export function encodeCached(list: CustomerList): Record<string, string> {
  const chunks: string[] = [];
  let lines: string[] = [];
  let bytes = 0;
  for (const customer of list.customers) {
    const line = encodeLine(customer);
    const size = utf8Length(line) + 1;
    if (bytes + size > CHUNK_MAX_BYTES && lines.length > 0) {
      chunks.push(lines.join('\n'));
      lines = [];
      bytes = 0;
    }
    lines.push(line);
    bytes += size;
  }
  if (lines.length > 0) chunks.push(lines.join('\n'));
  if (chunks.length > MAX_CHUNKS) throw new Error('The customer list is too large for the cache');
  const values: Record<string, string> = {};
  chunks.forEach((chunk, i) => (values[KEYS.resellerCustomersChunk(list.resellerId, i)] = chunk));
  const name = list.resellerName.replace(/[\t\n\r]/g, ' ');
  values[KEYS.resellerCustomersMeta(list.resellerId)] = [
    FORMAT,
    list.builtAt.toString(36),
    list.customers.length,
    chunks.length,
    checksum(chunks.join('\n')),
    name,
  ].join('\t');
  return values;
}

/** The cached list, or null when the meta entry or any chunk is missing, mixed or damaged. */
export function decodeCached(resellerId: string, found: Record<string, string>): CustomerList | null {
  const meta = found[KEYS.resellerCustomersMeta(resellerId)];
  if (meta === undefined) return null;
  const [format, built = '', countText = '', chunksText = '', sum, ...nameParts] = meta.split('\t');
  const builtAt = parseTime(built);
  const count = Number(countText);
  const chunkCount = Number(chunksText);
  if (format !== FORMAT || builtAt === null || nameParts.length !== 1) return null;
  if (!Number.isInteger(count) || !Number.isInteger(chunkCount) || chunkCount < 0 || chunkCount > MAX_CHUNKS)
    return null;
  const chunks: string[] = [];
  for (let i = 0; i < chunkCount; i++) {
    const chunk = found[KEYS.resellerCustomersChunk(resellerId, i)];
    if (chunk === undefined) return null;
    chunks.push(chunk);
  }
  if (checksum(chunks.join('\n')) !== sum) return null;
  const customers: ResellerCustomer[] = [];
  for (const line of chunks.join('\n').split('\n')) {
    if (line === '' && chunkCount === 0) continue;
    const customer = decodeLine(line);
    if (!customer) return null;
    customers.push(customer);
  }
  if (customers.length !== count) return null;
  return { resellerId, resellerName: nameParts[0] ?? '', builtAt, customers };
}
