/**
 * Cloud Firestore's REST API (v1), the part a key–value store needs, over an HTTP port that the
 * platform maps onto UrlFetchApp.fetchAll (one call, many requests, one round trip).
 *
 * Each key is one document `kv/{id}` of the database, with one string field `v`; the id is the key
 * escaped by `encodeKey` so that every key is a valid, URL-safe document id. Shapes follow Google's
 * REST reference (projects.databases.documents: batchGet, runQuery, beginTransaction, commit,
 * rollback); only the fields used here are typed.
 */
import { utf8Length } from '../domain/utf8';

// ---------------------------------------------------------------------------------------------
// The HTTP port

export interface HttpRequest {
  url: string;
  method: 'get' | 'post' | 'delete' | 'patch';
  headers?: Record<string, string>;
  contentType?: string;
  payload?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
}

/** Sends the requests together (UrlFetchApp.fetchAll) and answers each, in order; never throws on a status. */
export type Http = (requests: HttpRequest[]) => HttpResponse[];

// ---------------------------------------------------------------------------------------------
// Google's shapes (google.firestore.v1, JSON mapping)

/** A Value: exactly one of these is set. */
export type FirestoreValue =
  | { nullValue: null }
  | { booleanValue: boolean }
  | { integerValue: string }
  | { doubleValue: number }
  | { timestampValue: string }
  | { stringValue: string }
  | { bytesValue: string }
  | { referenceValue: string }
  | { arrayValue: { values?: FirestoreValue[] } };

export interface FirestoreDocument {
  /** projects/{p}/databases/{d}/documents/{path} */
  name: string;
  fields?: Record<string, FirestoreValue>;
  /** RFC 3339, set by the server. */
  createTime?: string;
  updateTime?: string;
}

/** Exactly one of exists and updateTime. */
export type Precondition = { exists: boolean } | { updateTime: string };

export type Write =
  | { update: FirestoreDocument; currentDocument?: Precondition }
  | { delete: string; currentDocument?: Precondition };

export interface TransactionOptions {
  readOnly?: { readTime?: string };
  readWrite?: { retryTransaction?: string };
}

export interface BatchGetRequest {
  documents: string[];
  transaction?: string;
  newTransaction?: TransactionOptions;
}

/** One element of batchGet's streamed answer (REST gives them as a JSON array). */
export interface BatchGetItem {
  found?: FirestoreDocument;
  missing?: string;
  /** Only in the first element, when the request had newTransaction. */
  transaction?: string;
  readTime?: string;
}

export interface StructuredQuery {
  select?: { fields: { fieldPath: string }[] };
  from: { collectionId: string; allDescendants?: boolean }[];
  where?: { fieldFilter: { field: { fieldPath: string }; op: 'ARRAY_CONTAINS'; value: FirestoreValue } };
  orderBy?: { field: { fieldPath: string }; direction?: 'ASCENDING' | 'DESCENDING' }[];
  startAt?: { values: FirestoreValue[]; before?: boolean };
  /** With before: true, the results end just before this position. */
  endAt?: { values: FirestoreValue[]; before?: boolean };
  limit?: number;
}

export interface RunQueryRequest {
  structuredQuery: StructuredQuery;
  transaction?: string;
  newTransaction?: TransactionOptions;
}

/** One element of runQuery's streamed answer. */
export interface RunQueryItem {
  document?: FirestoreDocument;
  transaction?: string;
  readTime?: string;
  skippedResults?: number;
  done?: boolean;
}

export interface BeginTransactionResponse {
  /** base64 */
  transaction: string;
}

export interface CommitRequest {
  writes: Write[];
  transaction?: string;
}

export interface CommitResponse {
  writeResults?: { updateTime?: string }[];
  commitTime: string;
}

/** google.rpc.Status as REST wraps it. */
export interface ErrorBody {
  error: { code: number; message: string; status: string };
}

// ---------------------------------------------------------------------------------------------
// Errors

/** Firestore answered with an error; `status` is the canonical code (ABORTED, NOT_FOUND, …). */
export class FirestoreError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: string,
    message: string,
  ) {
    super(`Firestore ${status} (HTTP ${httpStatus}): ${message}`);
    this.name = 'FirestoreError';
  }
}

/**
 * Another transaction got there first: run the transaction again. ABORTED is Firestore's answer to
 * contention; ALREADY_EXISTS (409) and FAILED_PRECONDITION (400) are what a create-only or an
 * updateTime precondition answer when the document changed after it was read.
 */
export function isContention(error: unknown): boolean {
  return (
    error instanceof FirestoreError &&
    (error.status === 'ABORTED' ||
      error.status === 'ALREADY_EXISTS' ||
      error.status === 'FAILED_PRECONDITION')
  );
}

// ---------------------------------------------------------------------------------------------
// Keys ↔ document ids

/** The collection that holds the store's documents, and the one field each has. */
export const COLLECTION = 'kv';
export const FIELD = 'v';
/** The optional array of labels a document is found by (firestore-store.ts, `labelsOf`). */
export const LABELS_FIELD = 'l';
/** Firestore's limit on a document id. */
export const MAX_ID_BYTES = 1500;

/**
 * A key as a document id: letters, digits and '-' stay; every other ASCII character becomes '~'
 * and two hex digits ('.' → '~2E', '/' → '~2F', '_' → '~5F', '~' → '~7E'); other characters stay as
 * they are (ids are UTF-8), except a lone surrogate, which becomes '~u' and four hex digits. So an id
 * never holds '/', is never '.' or '..', never matches __.*__, never needs escaping in a URL path
 * other than its non-ASCII characters, and the empty key is '~'. The mapping is a bijection, and
 * keeps prefixes: the keys that start with `p` are the ids that start with encodeKey(p).
 */
export function encodeKey(key: string): string {
  if (key === '') return '~';
  let id = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const ch = key[i] as string;
    if (/[A-Za-z0-9-]/.test(ch)) id += ch;
    else if (c < 0x80) id += `~${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdbff && isLow(key.charCodeAt(i + 1))) {
      id += key.slice(i, i + 2);
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) id += `~u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else id += ch;
  }
  if (utf8Length(id) > MAX_ID_BYTES) throw new KeyTooLongError(key.length);
  return id;
}

export function decodeKey(id: string): string {
  if (id === '~') return '';
  return id.replace(/~(u[0-9A-F]{4}|[0-9A-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex.startsWith('u') ? hex.slice(1) : hex, 16)),
  );
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export class KeyTooLongError extends Error {
  constructor(length: number) {
    super(`A key of ${length} characters is too long for a Firestore document id`);
    this.name = 'KeyTooLongError';
  }
}

// ---------------------------------------------------------------------------------------------
// The client

export interface FirestoreLocation {
  /** e.g. https://firestore.googleapis.com, or the emulator's http://127.0.0.1:port */
  firestoreUrl: string;
  projectId: string;
  databaseId: string;
}

/** Documents one getAll page asks for: far below the 10 MiB answer limit at ~8 KB per value. */
export const QUERY_PAGE_SIZE = 1000;
/** Names per batchGet request; more are sent as several requests in the same fetchAll. */
export const BATCH_GET_SIZE = 300;

export class FirestoreRest {
  /** projects/{p}/databases/{d} */
  readonly database: string;
  /** Round trips (fetchAll calls) and requests sent, for the budgets. */
  readonly counts = { roundTrips: 0, requests: 0 };

  constructor(
    private readonly http: Http,
    private readonly location: FirestoreLocation,
    /** The access token for each round trip (cached by its provider). */
    private readonly token: () => string,
  ) {
    this.database = `projects/${location.projectId}/databases/${location.databaseId}`;
  }

  documentName(key: string): string {
    return `${this.database}/documents/${COLLECTION}/${encodeKey(key)}`;
  }

  /** The key of a document name of this store's collection, or null for any other name. */
  keyOf(name: string): string | null {
    const prefix = `${this.database}/documents/${COLLECTION}/`;
    if (!name.startsWith(prefix)) return null;
    const id = name.slice(prefix.length);
    return id.includes('/') ? null : decodeKey(id);
  }

  /**
   * The documents, in one round trip; each is found or missing. With `newTransaction`, the
   * transaction it began is returned as well.
   */
  batchGet(
    names: readonly string[],
    tx: { transaction: string } | { newTransaction: TransactionOptions } | null = null,
  ): { items: BatchGetItem[]; transaction: string | null } {
    if (names.length === 0) return { items: [], transaction: null };
    // A new transaction can only be begun by one request: the first batch begins it, alone.
    if (tx && 'newTransaction' in tx && names.length > BATCH_GET_SIZE) {
      const first = this.batchGet(names.slice(0, BATCH_GET_SIZE), tx);
      if (!first.transaction) throw malformed('batchGet');
      const rest = this.batchGet(names.slice(BATCH_GET_SIZE), { transaction: first.transaction });
      return { items: [...first.items, ...rest.items], transaction: first.transaction };
    }
    const chunks: string[][] = [];
    for (let i = 0; i < names.length; i += BATCH_GET_SIZE) chunks.push(names.slice(i, i + BATCH_GET_SIZE));
    const bodies: BatchGetRequest[] = chunks.map((documents) => ({ documents, ...(tx ?? {}) }));
    const answers = this.send(bodies.map((body) => this.post(':batchGet', body)));
    const items = answers.flatMap((answer) => streamed<BatchGetItem>(answer, 'batchGet'));
    const transaction = items.find((item) => item.transaction)?.transaction ?? null;
    return { items: items.filter((item) => item.found || item.missing), transaction };
  }

  /**
   * Every document of the collection, in name order, a page per round trip (each page starts after
   * the last name of the one before). `keysOnly` asks for names without fields.
   */
  listAll(
    tx: { transaction: string } | { newTransaction: TransactionOptions } | null = null,
    keysOnly = false,
    pageSize = QUERY_PAGE_SIZE,
  ): { documents: FirestoreDocument[]; transaction: string | null } {
    const documents: FirestoreDocument[] = [];
    let transaction: string | null = tx && 'transaction' in tx ? tx.transaction : null;
    let after: string | null = null;
    for (;;) {
      const structuredQuery: StructuredQuery = {
        from: [{ collectionId: COLLECTION }],
        orderBy: [{ field: { fieldPath: '__name__' }, direction: 'ASCENDING' }],
        // One more than a page: an answer of exactly a page then needs no empty page to end it.
        limit: pageSize + 1,
        ...(keysOnly ? { select: { fields: [{ fieldPath: '__name__' }] } } : {}),
        ...(after ? { startAt: { values: [{ referenceValue: after }], before: false } } : {}),
      };
      const body: RunQueryRequest = {
        structuredQuery,
        ...(transaction ? { transaction } : tx && 'newTransaction' in tx ? tx : {}),
      };
      const [answer] = this.send([this.post(':runQuery', body)]);
      const items = streamed<RunQueryItem>(answer as HttpResponse, 'runQuery');
      transaction ??= items.find((item) => item.transaction)?.transaction ?? null;
      const page = items.flatMap((item) => (item.document ? [item.document] : [])).slice(0, pageSize + 1);
      const more = page.length > pageSize;
      const kept = more ? page.slice(0, pageSize) : page;
      documents.push(...kept);
      if (!more) break;
      after = (kept[kept.length - 1] as FirestoreDocument).name;
    }
    if (tx && 'newTransaction' in tx && !transaction) throw malformed('runQuery');
    return { documents, transaction };
  }

  /**
   * The documents whose keys start with one of `prefixes` (a range of names: encodeKey keeps
   * prefixes) or whose labels hold one of `labels` (an array-contains query), and the documents of
   * `keys` that exist (a batchGet), each query paged, all of them sent together: one round trip
   * while every answer fits a page. Keys cannot begin a transaction (the store reads them apart).
   */
  select(
    query: { keys?: readonly string[]; prefixes: readonly string[]; labels: readonly string[] },
    tx: { transaction: string } | { newTransaction: TransactionOptions } | null = null,
    pageSize = QUERY_PAGE_SIZE,
  ): { documents: FirestoreDocument[]; transaction: string | null } {
    const base = (): StructuredQuery => ({
      from: [{ collectionId: COLLECTION }],
      orderBy: [{ field: { fieldPath: '__name__' }, direction: 'ASCENDING' }],
      // One more than a page: an answer of exactly a page then needs no empty page to end it.
      limit: pageSize + 1,
    });
    interface Pending {
      query: StructuredQuery;
      end: string | null;
    }
    let pending: Pending[] = [
      ...[...new Set(query.prefixes)].map((prefix): Pending => {
        const start = this.documentName(prefix);
        return {
          query: {
            ...base(),
            startAt: { values: [{ referenceValue: start }], before: true },
            endAt: { values: [{ referenceValue: prefixEnd(start) }], before: true },
          },
          end: prefixEnd(start),
        };
      }),
      ...[...new Set(query.labels)].map((label): Pending => ({
        query: {
          ...base(),
          where: {
            fieldFilter: {
              field: { fieldPath: LABELS_FIELD },
              op: 'ARRAY_CONTAINS',
              value: { stringValue: label },
            },
          },
        },
        end: null,
      })),
    ];
    const documents = new Map<string, FirestoreDocument>();
    let transaction: string | null = tx && 'transaction' in tx ? tx.transaction : null;
    const keys = [...new Set(query.keys ?? [])];
    if (keys.length > 0 && tx && 'newTransaction' in tx)
      throw new Error('select: keys cannot begin a transaction');
    let keyRequests: HttpRequest[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_SIZE)
      keyRequests.push(
        this.batchGetRequest(
          keys.slice(i, i + BATCH_GET_SIZE).map((k) => this.documentName(k)),
          tx,
        ),
      );
    while (pending.length > 0 || keyRequests.length > 0) {
      // A transaction not yet begun is begun by one request alone.
      const sending = !transaction && tx && 'newTransaction' in tx ? pending.slice(0, 1) : pending;
      const selectorNow = transaction ? { transaction } : (tx ?? {});
      const answers = this.send([
        ...keyRequests,
        ...sending.map((p) => this.post(':runQuery', { structuredQuery: p.query, ...selectorNow })),
      ]);
      for (const answer of answers.splice(0, keyRequests.length))
        for (const item of streamed<BatchGetItem>(answer, 'batchGet'))
          if (item.found) documents.set(item.found.name, item.found);
      keyRequests = [];
      const next: Pending[] = pending.slice(sending.length);
      answers.forEach((answer, i) => {
        const items = streamed<RunQueryItem>(answer, 'runQuery');
        transaction ??= items.find((item) => item.transaction)?.transaction ?? null;
        const page = items.flatMap((item) => (item.document ? [item.document] : []));
        const more = page.length > pageSize;
        const kept = more ? page.slice(0, pageSize) : page;
        for (const document of kept) documents.set(document.name, document);
        const last = kept[kept.length - 1];
        if (more && last) {
          const asked = sending[i] as Pending;
          next.push({
            ...asked,
            query: { ...asked.query, startAt: { values: [{ referenceValue: last.name }], before: false } },
          });
        }
      });
      if (tx && 'newTransaction' in tx && !transaction) throw malformed('runQuery');
      pending = next;
    }
    return { documents: [...documents.values()], transaction };
  }

  private batchGetRequest(
    documents: string[],
    tx: { transaction: string } | { newTransaction: TransactionOptions } | null,
  ): HttpRequest {
    return this.post(':batchGet', { documents, ...(tx ?? {}) });
  }

  beginTransaction(options: TransactionOptions = { readWrite: {} }): string {
    const [answer] = this.send([this.post(':beginTransaction', { options })]);
    const body = json<BeginTransactionResponse>(answer as HttpResponse, 'beginTransaction');
    if (typeof body.transaction !== 'string') throw malformed('beginTransaction');
    return body.transaction;
  }

  /** The writes, atomically and in order; in the transaction, if one is given. */
  commit(writes: Write[], transaction?: string): CommitResponse {
    const body: CommitRequest = { writes, ...(transaction ? { transaction } : {}) };
    const [answer] = this.send([this.post(':commit', body)]);
    return json<CommitResponse>(answer as HttpResponse, 'commit');
  }

  rollback(transaction: string): void {
    const [answer] = this.send([this.post(':rollback', { transaction })]);
    json<object>(answer as HttpResponse, 'rollback');
  }

  private post(method: string, body: object): HttpRequest {
    return {
      url: `${this.location.firestoreUrl}/v1/${this.database}/documents${method}`,
      method: 'post',
      contentType: 'application/json',
      payload: JSON.stringify(body),
      headers: { Authorization: `Bearer ${this.token()}` },
    };
  }

  private send(requests: HttpRequest[]): HttpResponse[] {
    this.counts.roundTrips++;
    this.counts.requests += requests.length;
    const answers = this.http(requests);
    if (answers.length !== requests.length) throw malformed('fetchAll');
    return answers;
  }
}

// ---------------------------------------------------------------------------------------------
// Documents ↔ values and writes

/** The stored string of a document, or null when it has none (a document not written by this store). */
export function valueOf(document: FirestoreDocument): string | null {
  const field = document.fields?.[FIELD];
  return field && 'stringValue' in field ? field.stringValue : null;
}

export function updateWrite(
  name: string,
  value: string,
  currentDocument?: Precondition,
  extra?: Record<string, FirestoreValue>,
): Write {
  return {
    update: { name, fields: { [FIELD]: { stringValue: value }, ...(extra ?? {}) } },
    ...(currentDocument ? { currentDocument } : {}),
  };
}

/** A write that only creates: ALREADY_EXISTS when the document is there. */
export function createWrite(name: string, value: string, extra?: Record<string, FirestoreValue>): Write {
  return updateWrite(name, value, { exists: false }, extra);
}

/** The labels field's value. */
export function labelsValue(labels: readonly string[]): FirestoreValue {
  return { arrayValue: { values: labels.map((label) => ({ stringValue: label })) } };
}

/**
 * The first name after every name that starts with `start`: its last character, always ASCII in an
 * encoded key's prefix (a key's ':' is '~3A'), plus one.
 */
function prefixEnd(start: string): string {
  const last = start.charCodeAt(start.length - 1);
  if (!(last >= 0x20 && last < 0x7e)) throw new Error(`A prefix cannot end in character ${last}`);
  return start.slice(0, -1) + String.fromCharCode(last + 1);
}

export function deleteWrite(name: string, currentDocument?: Precondition): Write {
  return { delete: name, ...(currentDocument ? { currentDocument } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Answers

function json<T>(answer: HttpResponse, method: string): T {
  const body = parse(answer, method);
  const error = errorOf(body);
  if (error || answer.status < 200 || answer.status >= 300) throw toError(answer, error, method);
  return body as T;
}

/** batchGet and runQuery answer a JSON array of messages; an error may come as one of them. */
function streamed<T>(answer: HttpResponse, method: string): T[] {
  const body = parse(answer, method);
  const list = Array.isArray(body) ? (body as unknown[]) : [body];
  for (const item of list) {
    const error = errorOf(item);
    if (error) throw toError(answer, error, method);
  }
  if (answer.status < 200 || answer.status >= 300 || !Array.isArray(body))
    throw toError(answer, null, method);
  return list as T[];
}

function parse(answer: HttpResponse, method: string): unknown {
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    if (answer.status >= 200 && answer.status < 300) throw malformed(method);
    return null;
  }
}

function errorOf(body: unknown): ErrorBody['error'] | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null ? (error as ErrorBody['error']) : null;
}

const STATUS_OF_HTTP: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

function toError(answer: HttpResponse, error: ErrorBody['error'] | null, method: string): FirestoreError {
  const status = error?.status || STATUS_OF_HTTP[answer.status] || 'UNKNOWN';
  const message = error?.message || `${method} answered without a message`;
  return new FirestoreError(answer.status, status, message.slice(0, 500));
}

function malformed(method: string): FirestoreError {
  return new FirestoreError(200, 'UNKNOWN', `${method} gave an answer that cannot be read`);
}
