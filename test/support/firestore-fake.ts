/**
 * An in-memory Cloud Firestore REST v1 (the methods src/store/firestore-rest.ts uses) behind the
 * HTTP port, with the documented semantics the store relies on:
 * - batchGet answers a JSON array with `found` or `missing` per name (and `transaction` first when
 *   asked for `newTransaction`); runQuery answers documents in name order, paged by limit/startAt,
 *   cut by endAt, filtered by an ARRAY_CONTAINS field filter;
 * - commit applies all writes or none; `currentDocument.exists=false` on an existing document is
 *   409 ALREADY_EXISTS, `exists=true` on a missing one 404 NOT_FOUND, a stale `updateTime` 400
 *   FAILED_PRECONDITION (as the emulator answered, platform-facts §7.6);
 * - a transaction's commit is 409 ABORTED when a document it read (or, after a query, any document
 *   of the collection) changed since; a used or rolled-back transaction is 400 INVALID_ARGUMENT;
 * - document ids are checked as Firestore checks them (no '/', not '.' or '..', not __.*__, at most
 *   1500 bytes), and a document over `maxDocumentBytes` is 400 INVALID_ARGUMENT.
 * Hooks let a test run something in the middle of a request (another user's transaction).
 */
import { FirestoreRest, type HttpRequest, type HttpResponse } from '../../src/store/firestore-rest';
import { firestoreStore } from '../../src/store/firestore-store';

interface StoredDocument {
  fields: Record<string, unknown>;
  createTime: string;
  updateTime: string;
  version: number;
}

interface FakeTransaction {
  reads: Map<string, number>;
  /** Collection (name prefix) → its version when a query of this transaction read it. */
  queried: Map<string, number>;
  open: boolean;
}

type Json = Record<string, unknown>;

export class FirestoreFake {
  readonly documents = new Map<string, StoredDocument>();
  readonly transactions = new Map<string, FakeTransaction>();
  /** Every request, by method name (batchGet, commit, …), and the fetchAll calls. */
  readonly log: { method: string; body: Json }[] = [];
  roundTrips = 0;
  /** Accepted bearer tokens; null accepts any. */
  tokens: Set<string> | null = null;
  maxDocumentBytes = 1048576;
  /**
   * Whether a commit checks the transaction's reads (Firestore's isolation). Off, only the writes'
   * own preconditions guard a race, as they would on a server that did not track reads.
   */
  isolation = true;
  /** Runs before a request is answered (once per request); return a response to answer with it. */
  before: ((method: string, body: Json) => HttpResponse | void) | null = null;
  private version = 0;
  private collectionVersion = new Map<string, number>();
  private nextTransaction = 1;

  constructor(readonly baseUrl = 'http://127.0.0.1:8089') {}

  /** The HTTP port: what UrlFetchApp.fetchAll would do against Firestore. */
  readonly http = (requests: HttpRequest[]): HttpResponse[] => {
    this.roundTrips++;
    return requests.map((request) => this.answer(request));
  };

  /** Stored values by document id (what the store calls keys, still encoded). */
  ids(): string[] {
    return [...this.documents.keys()].map((name) => name.slice(name.lastIndexOf('/') + 1));
  }

  count(method: string): number {
    return this.log.filter((entry) => entry.method === method).length;
  }

  private answer(request: HttpRequest): HttpResponse {
    const match = /^(https?:\/\/[^/]+)\/v1\/(projects\/[^/]+\/databases\/[^/]+)\/documents:([a-zA-Z]+)$/.exec(
      request.url,
    );
    if (!match || match[1] !== this.baseUrl || request.method !== 'post')
      return error(404, 'NOT_FOUND', `no such method: ${request.method} ${request.url}`);
    const auth = request.headers?.Authorization ?? '';
    if (!auth.startsWith('Bearer ') || (this.tokens && !this.tokens.has(auth.slice(7))))
      return error(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    const database = match[2] as string;
    const method = match[3] as string;
    const body = JSON.parse(request.payload ?? '{}') as Json;
    this.log.push({ method, body });
    const early = this.before?.(method, body);
    if (early) return early;
    switch (method) {
      case 'batchGet':
        return this.batchGet(database, body);
      case 'runQuery':
        return this.runQuery(database, body);
      case 'beginTransaction':
        return ok({ transaction: this.begin() });
      case 'commit':
        return this.commit(body);
      case 'rollback':
        return this.rollback(body);
      default:
        return error(404, 'NOT_FOUND', `no such method: ${method}`);
    }
  }

  private begin(): string {
    const id = Buffer.from(`tx-${this.nextTransaction++}`).toString('base64');
    this.transactions.set(id, { reads: new Map(), queried: new Map(), open: true });
    return id;
  }

  /** The transaction a read names or begins; an error response when it is not usable. */
  private readTransaction(body: Json): { tx: FakeTransaction | null; began?: string } | HttpResponse {
    if (typeof body.transaction === 'string') {
      const tx = this.transactions.get(body.transaction);
      if (!tx?.open)
        return error(
          400,
          'INVALID_ARGUMENT',
          'The referenced transaction has expired or is no longer valid.',
        );
      return { tx };
    }
    if (body.newTransaction) {
      const began = this.begin();
      return { tx: this.transactions.get(began) as FakeTransaction, began };
    }
    return { tx: null };
  }

  private batchGet(database: string, body: Json): HttpResponse {
    const use = this.readTransaction(body);
    if ('status' in use) return use;
    const invalid = (body.documents as string[]).map((name) => this.checkName(database, name)).find(Boolean);
    if (invalid) return error(400, 'INVALID_ARGUMENT', invalid);
    const readTime = this.time(this.version);
    const items: Json[] = [];
    (body.documents as string[]).forEach((name, i) => {
      const stored = this.documents.get(name);
      use.tx?.reads.set(name, stored?.version ?? 0);
      const item: Json = stored
        ? { found: this.render(name, stored), readTime }
        : { missing: name, readTime };
      if (i === 0 && use.began) item.transaction = use.began;
      items.push(item);
    });
    return ok(items);
  }

  private runQuery(database: string, body: Json): HttpResponse {
    const use = this.readTransaction(body);
    if ('status' in use) return use;
    const query = body.structuredQuery as {
      from: { collectionId: string }[];
      orderBy?: unknown;
      limit?: number;
      select?: unknown;
      startAt?: { values: { referenceValue: string }[]; before?: boolean };
      endAt?: { values: { referenceValue: string }[]; before?: boolean };
      where?: {
        fieldFilter: { field: { fieldPath: string }; op: string; value: { stringValue?: string } };
      };
    };
    const collection = (query.from[0] as { collectionId: string }).collectionId;
    const prefix = `${database}/documents/${collection}/`;
    const after = query.startAt?.values[0]?.referenceValue ?? null;
    const end = query.endAt?.values[0]?.referenceValue ?? null;
    const filter = query.where?.fieldFilter;
    if (filter && filter.op !== 'ARRAY_CONTAINS')
      return error(400, 'INVALID_ARGUMENT', `the fake has no operator ${filter.op}`);
    const contains = (name: string): boolean => {
      if (!filter) return true;
      const field = this.documents.get(name)?.fields[filter.field.fieldPath] as
        { arrayValue?: { values?: { stringValue?: string }[] } } | undefined;
      return (field?.arrayValue?.values ?? []).some((v) => v.stringValue === filter.value.stringValue);
    };
    const names = [...this.documents.keys()]
      .filter((name) => name.startsWith(prefix) && !name.slice(prefix.length).includes('/'))
      .sort()
      .filter((name) => after === null || (query.startAt?.before ? name >= after : name > after))
      .filter((name) => end === null || (query.endAt?.before ? name < end : name <= end))
      .filter(contains)
      .slice(0, query.limit ?? Infinity);
    if (use.tx && !use.tx.queried.has(prefix))
      use.tx.queried.set(prefix, this.collectionVersion.get(prefix) ?? 0);
    const readTime = this.time(this.version);
    const items: Json[] = names.map((name) => {
      const stored = this.documents.get(name) as StoredDocument;
      use.tx?.reads.set(name, stored.version);
      const document = this.render(name, stored);
      if (query.select) delete document.fields;
      return { document, readTime };
    });
    if (items.length === 0) items.push({ readTime });
    if (use.began) (items[0] as Json).transaction = use.began;
    return ok(items);
  }

  private commit(body: Json): HttpResponse {
    const writes = (body.writes as Json[]) ?? [];
    if (typeof body.transaction === 'string') {
      const tx = this.transactions.get(body.transaction);
      if (!tx?.open)
        return error(
          400,
          'INVALID_ARGUMENT',
          'The referenced transaction has expired or is no longer valid.',
        );
      tx.open = false;
      if (this.isolation) {
        for (const [name, version] of tx.reads)
          if ((this.documents.get(name)?.version ?? 0) !== version)
            return error(
              409,
              'ABORTED',
              'Aborted due to cross-transaction contention. This occurs when multiple transactions attempt to access the same data.',
            );
        for (const [prefix, version] of tx.queried)
          if ((this.collectionVersion.get(prefix) ?? 0) !== version)
            return error(409, 'ABORTED', 'Aborted due to cross-transaction contention.');
      }
    }
    // Check every write first: all or nothing.
    for (const write of writes) {
      const name = (write.update as Json | undefined)?.name ?? write.delete;
      if (typeof name !== 'string')
        return error(400, 'INVALID_ARGUMENT', 'A write must have an update or a delete.');
      const database = name.split('/documents/')[0] as string;
      const invalid = this.checkName(database, name);
      if (invalid) return error(400, 'INVALID_ARGUMENT', invalid);
      const stored = this.documents.get(name);
      const condition = write.currentDocument as { exists?: boolean; updateTime?: string } | undefined;
      if (condition?.exists === false && stored)
        return error(409, 'ALREADY_EXISTS', `Document already exists: ${name}`);
      if (condition?.exists === true && !stored)
        return error(404, 'NOT_FOUND', `No document to update: ${name}`);
      if (condition?.updateTime !== undefined && (!stored || stored.updateTime !== condition.updateTime))
        return error(
          400,
          'FAILED_PRECONDITION',
          'the stored version does not match the required base version',
        );
      if (write.update) {
        const size = Buffer.byteLength(JSON.stringify((write.update as Json).fields ?? {})) + name.length;
        if (size > this.maxDocumentBytes)
          return error(
            400,
            'INVALID_ARGUMENT',
            `Document '${name}' cannot be written because its size (${size} bytes) exceeds the maximum allowed size of ${this.maxDocumentBytes} bytes.`,
          );
      }
    }
    this.version++;
    const time = this.time(this.version);
    const writeResults = writes.map((write) => {
      const update = write.update as { name: string; fields?: Record<string, unknown> } | undefined;
      const name = update?.name ?? (write.delete as string);
      const prefix = name.slice(0, name.lastIndexOf('/') + 1);
      this.collectionVersion.set(prefix, this.version);
      if (update) {
        const createTime = this.documents.get(name)?.createTime ?? time;
        this.documents.set(name, {
          fields: update.fields ?? {},
          createTime,
          updateTime: time,
          version: this.version,
        });
        return { updateTime: time };
      }
      this.documents.delete(name);
      return {};
    });
    return ok({ writeResults, commitTime: time });
  }

  private rollback(body: Json): HttpResponse {
    const tx = this.transactions.get(body.transaction as string);
    if (!tx?.open)
      return error(400, 'INVALID_ARGUMENT', 'The referenced transaction has expired or is no longer valid.');
    tx.open = false;
    return ok({});
  }

  private checkName(database: string, name: string): string | null {
    if (!name.startsWith(`${database}/documents/`)) return `Document name "${name}" is not in the database.`;
    const path = name.slice(database.length + '/documents/'.length).split('/');
    if (path.length % 2 !== 0) return `Document name "${name}" has an odd number of segments.`;
    const id = path[path.length - 1] as string;
    if (id === '' || id === '.' || id === '..' || /^__.*__$/.test(id) || Buffer.byteLength(id) > 1500)
      return `Document id "${id}" is not valid.`;
    if (Buffer.from(id, 'utf8').toString('utf8') !== id) return 'Document id is not valid UTF-8.';
    return null;
  }

  private render(name: string, stored: StoredDocument): Json {
    return {
      name,
      fields: structuredClone(stored.fields),
      createTime: stored.createTime,
      updateTime: stored.updateTime,
    };
  }

  /** RFC 3339 with nanoseconds: one nanosecond per commit. */
  private time(version: number): string {
    return `2026-01-01T00:00:00.${String(version).padStart(9, '0')}Z`;
  }
}

function ok(body: unknown): HttpResponse {
  return { status: 200, body: JSON.stringify(body) };
}

export function error(status: number, code: string, message: string): HttpResponse {
  return { status, body: JSON.stringify({ error: { code: status, message, status: code } }) };
}

/** The store's ports over the fake, with a clock that sleeps move (no real waiting) and fixed jitter. */
export function fakeFirestoreStore(fake: FirestoreFake): ReturnType<typeof firestoreStore> {
  const rest = new FirestoreRest(
    fake.http,
    { firestoreUrl: fake.baseUrl, projectId: 'demo-project', databaseId: '(default)' },
    () => 'test-token',
  );
  let now = 0;
  return firestoreStore(rest, { now: () => now, sleep: (ms) => (now += ms), random: () => 0.5 });
}
