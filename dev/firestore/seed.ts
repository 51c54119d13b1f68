/**
 * Seeds a Firestore database (the emulator) with a deployment's data as the add-on stores it, fast
 * and directly: the entries are made here with the add-on's own encoders (the directory by
 * `replaceDirectory`, each organisation's `d:` texts by `organisationTexts`, the reseller roles by
 * the sync's `rolesFromDirectory`, the outbox by `changeEntries`), then written as the add-on's
 * Firestore store writes them (documents `kv/{encodeKey(key)}`, field `v`, and its labels) in commit
 * requests of up to 500 writes, several in flight at once, over node's fetch — not through the
 * bundle, which would take one execution per change.
 *
 * The organisations are realistic in shape: about 65 % chose a reseller (spread unevenly over the
 * approved resellers: a few have many customers, most a handful; some set by support, some through
 * an invitation), the rest buy directly; about 5 % have one to three linked domains, each with its
 * copy of the primary's text. The last `changes` organisations have their change waiting in the
 * outbox (`o:<seq>`, and `c:seq` at the last one), as if they had just confirmed.
 */
import { mulberry32 } from '../demo/resellers';
import { UNCONTENDED_LOCK } from '../runtime/adapters';
import {
  directAssignment,
  resellerAssignment,
  supportAssignment,
  type Assignment,
  type Change,
} from '../../src/domain/assignment';
import {
  decodeDomainText,
  encodeRolesOnly,
  organisationTexts,
  type StoredOrganisation,
} from '../../src/domain/organisation';
import type { Reseller } from '../../src/domain/reseller';
import { BACKEND_MARKER_KEY } from '../../src/store/firestore-config';
import { rolesFromDirectory } from '../../src/owner/programme-sync';
import { FirestoreRest, type Http, type HttpRequest } from '../../src/store/firestore-rest';
import { firestoreStore } from '../../src/store/firestore-store';
import { labelsOf } from '../../src/store/labels';
import { KEYS } from '../../src/store/keys';
import { changeEntries, encodeSequence } from '../../src/store/outbox';
import type { Cache, KeyValueStore } from '../../src/store/ports';
import { replaceDirectory } from '../../src/store/replace-directory';

export interface SeedPlan {
  resellers: readonly Reseller[];
  /** Organisations with an answer (each one primary `d:` record, plus its linked domains' copies). */
  organisations: number;
  /** Changes waiting in the outbox: those of the last `changes` organisations. */
  changes: number;
  /** Support staff, stored as the sync stores the Settings tab (`s:set`). */
  supportStaff?: readonly string[];
  /** The directory's version. */
  version?: string;
  seed?: number;
  /** The organisations chose before this time (ms). */
  now?: number;
}

export interface SeededOrganisation {
  domain: string;
  /** Absent: buys directly. */
  resellerId?: string;
  links: string[];
}

export interface Seeded {
  /** Every key and value, as the add-on would have stored them. */
  entries: Record<string, string>;
  /** A few organisations of each kind, for a test or the bench to act as their users. */
  sample: {
    withReseller: SeededOrganisation;
    direct: SeededOrganisation;
    linked: SeededOrganisation;
  };
  /** The approved reseller with the most customers, and how many. */
  busiest: { reseller: Reseller; customers: number };
  counts: {
    organisations: number;
    withReseller: number;
    direct: number;
    linkedDomains: number;
    roles: number;
    changes: number;
    documents: number;
  };
}

/** A map as the store: what replaceDirectory writes lands in `entries`. */
function mapStore(entries: Record<string, string>): KeyValueStore {
  return {
    get: (key) => entries[key] ?? null,
    getAll: () => ({ ...entries }),
    setAll: (values) => void Object.assign(entries, values),
    delete: (key) => void delete entries[key],
    replaceAll: (values) => {
      for (const key of Object.keys(entries)) delete entries[key];
      Object.assign(entries, values);
    },
  };
}

const NO_CACHE: Cache = { getAll: () => ({}), putAll: () => undefined };

const TLDS = ['de', 'de', 'de', 'at', 'ch', 'com', 'eu'];

/** The organisations' domains: unique, never a reseller's (they end in -kunde…). */
function organisationDomain(i: number, random: () => number): string {
  const tld = TLDS[Math.floor(random() * TLDS.length)] as string;
  return `firma${i}-kunde.${tld}`;
}

/** The data of a deployment, made with the add-on's own encoders (nothing is written anywhere). */
export function seedEntries(plan: SeedPlan, cache: Cache = NO_CACHE): Seeded {
  const random = mulberry32(plan.seed ?? 11);
  const now = plan.now ?? Date.UTC(2026, 10, 30);
  const entries: Record<string, string> = {};
  replaceDirectory(
    mapStore(entries),
    cache,
    UNCONTENDED_LOCK,
    plan.resellers,
    plan.version ?? `seed-${encodeSequence(now)}`,
  );
  const approved = plan.resellers.filter((r) => r.status === 'approved');
  if (approved.length === 0) throw new Error('seedEntries: the directory has no approved reseller');
  const customers = new Map<string, number>();
  const organisations: (SeededOrganisation & { record: Assignment; actor: string })[] = [];
  let linkedDomains = 0;
  for (let i = 0; i < plan.organisations; i++) {
    const domain = organisationDomain(i, random);
    const actor = `it@${domain}`;
    const since = now - Math.floor(random() * 400 * 86_400_000);
    const links: string[] = [];
    if (random() < 0.05) {
      const n = 1 + Math.floor(random() * 3);
      for (let k = 0; k < n; k++) links.push(`${k === 0 ? 'www' : `standort${k}`}.firma${i}-kunde.net`);
      linkedDomains += n;
    }
    let record: Assignment;
    let resellerId: string | undefined;
    if (random() < 0.65) {
      // Skewed: the square of a uniform number favours the first resellers of the list.
      const u = random();
      const reseller = approved[Math.floor(u * u * approved.length)] as Reseller;
      resellerId = reseller.id;
      customers.set(resellerId, (customers.get(resellerId) ?? 0) + 1);
      const kind = random();
      record =
        kind < 0.1
          ? supportAssignment(resellerId, 'sam@resellerconnect.example', since)
          : resellerAssignment(resellerId, actor, since, kind < 0.15 ? 'invitation' : 'user');
    } else record = directAssignment(actor, since);
    organisations.push({ domain, links, record, actor, ...(resellerId ? { resellerId } : {}) });
    const stored: StoredOrganisation = { organisation: domain, record, links };
    for (const [d, text] of organisationTexts(stored)) entries[KEYS.domain(d)] = text;
  }
  // The resellers' roles, as the sync writes them from the directory.
  const roles = rolesFromDirectory(plan.resellers, entries);
  for (const [domain, list] of roles) {
    const text = entries[KEYS.domain(domain)];
    const organisation = text === undefined ? null : decodeDomainText(domain, text)?.organisation;
    if (organisation)
      for (const [d, t] of organisationTexts({ ...organisation, roles: list })) entries[KEYS.domain(d)] = t;
    else entries[KEYS.domain(domain)] = encodeRolesOnly(list);
  }
  // The outbox: the last organisations' choices, in commit order.
  const changes = Math.min(plan.changes, organisations.length);
  const first = organisations.length - changes;
  for (let seq = 1; seq <= changes; seq++) {
    const o = organisations[first + seq - 1] as (typeof organisations)[number];
    const at = o.record.since;
    const change: Change = o.resellerId
      ? o.record.source === 'support'
        ? {
            seq,
            type: 'supportAssigned',
            domain: o.domain,
            actorEmail: 'sam@resellerconnect.example',
            at,
            resellerId: o.resellerId,
            reason: 'Contract signed',
          }
        : {
            seq,
            type: 'assigned',
            domain: o.domain,
            actorEmail: o.actor,
            at,
            resellerId: o.resellerId,
            ...(o.record.source === 'invitation' ? { source: 'invitation' as const } : {}),
          }
      : { seq, type: 'direct', domain: o.domain, actorEmail: o.actor, at };
    Object.assign(entries, changeEntries(change));
  }
  if (changes === 0) entries[KEYS.sequence] ??= encodeSequence(0);
  // As the owner's migration leaves it: the store in use is Firestore.
  entries[BACKEND_MARKER_KEY] = 'firestore';
  if (plan.supportStaff)
    entries[KEYS.settings] = JSON.stringify({
      supportStaff: [...plan.supportStaff],
      supportAddress: '',
      syncMinutes: 15,
      statusLanguage: 'en',
    });
  const withReseller = organisations.find((o) => o.resellerId && o.links.length === 0);
  const direct = organisations.find((o) => !o.resellerId && o.links.length === 0);
  const linked =
    organisations.find((o) => o.resellerId && o.links.length > 0) ??
    organisations.find((o) => o.links.length > 0);
  if (!withReseller || !direct || !linked)
    throw new Error('seedEntries: too few organisations for a sample of each kind');
  const strip = ({ domain, resellerId, links }: SeededOrganisation): SeededOrganisation => ({
    domain,
    links,
    ...(resellerId ? { resellerId } : {}),
  });
  const [busiestId, busiestCount] = [...customers].sort((a, b) => b[1] - a[1])[0] ?? [approved[0]?.id, 0];
  return {
    entries,
    sample: { withReseller: strip(withReseller), direct: strip(direct), linked: strip(linked) },
    busiest: {
      reseller: approved.find((r) => r.id === busiestId) as Reseller,
      customers: busiestCount ?? 0,
    },
    counts: {
      organisations: organisations.length,
      withReseller: organisations.filter((o) => o.resellerId).length,
      direct: organisations.filter((o) => !o.resellerId).length,
      linkedDomains,
      roles: roles.size,
      changes,
      documents: Object.keys(entries).length,
    },
  };
}

export interface WriteOptions {
  /** Writes per commit request (Firestore's limit: 500). */
  batchSize?: number;
  /** Commit requests in flight at once. */
  parallel?: number;
  databaseId?: string;
}

export interface WriteStats {
  documents: number;
  commits: number;
  bytesSent: number;
  ms: number;
}

/**
 * Writes the entries as the store's documents: each batch goes through the add-on's own Firestore
 * store (a plain setAll, one commit, with the labels the platform's store gives each document), but
 * its commit request is only captured there; the captured requests are then sent over node's fetch,
 * `parallel` at a time (the emulator takes any ya29. token).
 */
export async function writeEntries(
  origin: string,
  projectId: string,
  entries: Record<string, string>,
  options: WriteOptions = {},
): Promise<WriteStats> {
  const started = Date.now();
  const batchSize = Math.min(options.batchSize ?? 500, 500);
  const parallel = options.parallel ?? 8;
  const location = { firestoreUrl: origin, projectId, databaseId: options.databaseId ?? '(default)' };
  const captured: HttpRequest[] = [];
  const capture: Http = (requests) => {
    for (const request of requests) {
      if (!request.url.endsWith(':commit'))
        throw new Error(
          `Seeding: the store sent ${request.url} for a plain write; only commits are expected`,
        );
      captured.push(request);
    }
    return requests.map(() => ({
      status: 200,
      body: JSON.stringify({ commitTime: new Date().toISOString() }),
    }));
  };
  const { store } = firestoreStore(new FirestoreRest(capture, location, () => 'ya29.seed'), {
    now: () => Date.now(),
    sleep: () => undefined,
    labelsOf,
  });
  const all = Object.entries(entries);
  for (let i = 0; i < all.length; i += batchSize)
    store.setAll(Object.fromEntries(all.slice(i, i + batchSize)));
  let next = 0;
  let bytesSent = 0;
  const worker = async (): Promise<void> => {
    while (next < captured.length) {
      const request = captured[next++] as HttpRequest;
      bytesSent += Buffer.byteLength(request.payload ?? '');
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { ...(request.headers ?? {}), 'content-type': request.contentType ?? 'application/json' },
        body: request.payload ?? '',
      });
      if (!response.ok)
        throw new Error(
          `Seeding Firestore failed: ${response.status} ${(await response.text()).slice(0, 300)}`,
        );
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, captured.length) }, worker));
  return { documents: all.length, commits: captured.length, bytesSent, ms: Date.now() - started };
}

/** seedEntries, then writeEntries: the deployment's data in the emulator. */
export async function seedFirestore(
  origin: string,
  projectId: string,
  plan: SeedPlan,
  options: WriteOptions & { cache?: Cache } = {},
): Promise<Seeded & { write: WriteStats }> {
  const seeded = seedEntries(plan, options.cache);
  const write = await writeEntries(origin, projectId, seeded.entries, options);
  return { ...seeded, write };
}
