/**
 * The Firestore client's HTTP port with retries: Firestore (and Google's front end before it)
 * answers 429 when a project sends too much, 500/502/503/504 when a server is briefly in trouble,
 * and UrlFetchApp throws when a request times out or the host cannot be reached ("Timeout: …",
 * "Address unavailable: …"). Each of these is tried again, with exponential backoff and jitter,
 * a few times and for a few seconds at most: an add-on callback has 30 s in all, and a customer
 * waiting on a spinner is better told "temporarily unavailable" after 6 s than left hanging. When
 * the retries are used up the store throws StoreUnavailableError, which the entry points turn into
 * the "temporarily unavailable" card (src/index.ts).
 *
 * What may be sent again. Reads (batchGet, runQuery), beginTransaction and rollback change nothing
 * that a second copy could double: they are always retried. A commit is different: one that timed
 * out, or answered 500/502/504, may have been applied before the answer was lost. So:
 * - 429 (RESOURCE_EXHAUSTED) is a refusal before any work: every commit is sent again.
 * - A commit of blind writes (no transaction, no preconditions: the store's setAll and delete
 *   outside a lock) sets the same values again: sending it twice ends as sending it once.
 * - A commit that checks itself is sent again too: one in a transaction, or one with at least one
 *   write whose precondition the commit's own first copy would break (updateTime, which the write
 *   changes, or exists: false on a document the write creates). A commit is atomic, so if the
 *   first copy was applied, the second fails as a whole: its transaction has ended, or that
 *   precondition no longer holds. A success then means the first copy was not applied and this one
 *   is. But an error answer then does not mean what it says: FAILED_PRECONDITION would look to the
 *   store like another writer's change (a lost race) and run the change again on top of our own.
 *   So after an uncertain first copy, any error of a resent commit is StoreUnavailableError with
 *   `outcomeUnknown`: never a lost race, never a silent success.
 * - A commit whose preconditions its first copy would not break (only exists: true, which the
 *   store never sends) is not resent after an uncertain answer: StoreUnavailableError with
 *   `outcomeUnknown`.
 * When several requests went out together (fetchAll) and some were answered, only the others are
 * sent again; when the whole fetchAll threw, no answer is known and all are resent (by the rules
 * above).
 *
 * A read that began a transaction (newTransaction) and timed out may have begun it on the server:
 * that orphan holds its locks until Firestore expires it, and the retried read's transaction may
 * then have to wait or be aborted: it ends as "busy" or unavailable, never as a wrong write.
 *
 * 401 and 403 are not retried: the token or the service account was refused, which only support
 * can fix (StoreUnavailableError 'credentials'). Firestore's words are kept (scrubbed): they name
 * a missing role or a disabled API, never the key.
 */
import { scrubSecrets as scrub, StoreUnavailableError, type UnavailableReason } from './errors';
import type { Http, HttpRequest, HttpResponse } from './firestore-rest';

export interface RetryOptions {
  now(): number;
  sleep(ms: number): void;
  /** For the jitter; Math.random by default. */
  random?(): number;
  /** Sends per request, the first included. */
  maxAttempts?: number;
  /** The first wait; each next one is `factor` times longer (before jitter), at most `maxBackoffMs`. */
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  /** No retry starts later than this after the first send of a call. */
  callBudgetMs?: number;
  /** All waits of this wrapper together (one per execution): several failing calls stay bounded. */
  executionBudgetMs?: number;
}

/** Statuses worth another try: Google's guidance for RESOURCE_EXHAUSTED, INTERNAL, UNAVAILABLE, DEADLINE_EXCEEDED. */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export const RETRY_DEFAULTS = {
  maxAttempts: 4,
  firstBackoffMs: 300,
  factor: 3,
  maxBackoffMs: 2500,
  callBudgetMs: 6000,
  executionBudgetMs: 9000,
} as const;

/** What kind of request it is, for the rules of the module comment. */
type Kind = 'idempotent' | 'blindCommit' | 'checkedCommit' | 'uncheckedCommit';

interface Slot {
  request: HttpRequest;
  kind: Kind;
  /** An earlier copy may have been applied (a commit that timed out or answered 5xx). */
  uncertain: boolean;
  answer?: HttpResponse;
}

/**
 * UrlFetchApp's words for a request that got no answer: the deadline passed, the host refused or
 * dropped the connection, its name did not resolve. Anything else it throws (a missing permission,
 * a URL not allowed, a daily quota used up, the execution's own time being up) another try cannot
 * mend, and is passed on as it is.
 */
const NO_ANSWER =
  /^(Exception: )?(Timeout|Address unavailable|DNS error|Unexpected error)\b|timed out|socket hang up|ECONNRESET|ECONNREFUSED/i;

export function retryingHttp(http: Http, options: RetryOptions): Http {
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? RETRY_DEFAULTS.maxAttempts;
  const firstBackoff = options.firstBackoffMs ?? RETRY_DEFAULTS.firstBackoffMs;
  const maxBackoff = options.maxBackoffMs ?? RETRY_DEFAULTS.maxBackoffMs;
  const callBudget = options.callBudgetMs ?? RETRY_DEFAULTS.callBudgetMs;
  const executionBudget = options.executionBudgetMs ?? RETRY_DEFAULTS.executionBudgetMs;
  let waited = 0;

  return (requests) => {
    const slots: Slot[] = requests.map((request) => ({ request, kind: kindOf(request), uncertain: false }));
    const started = options.now();
    let pending = slots;
    let backoff = firstBackoff;
    /** The last failure seen in this call, what the error will say. */
    let failure: Failure = { reason: 'overloaded', said: '' };
    for (let attempt = 1; ; attempt++) {
      let replies: HttpResponse[] | null = null;
      try {
        replies = http(pending.map((slot) => slot.request));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!NO_ANSWER.test(message)) throw error;
        // The URL's origin is enough to say which service; its path names the project only.
        failure = { reason: 'unreachable', said: scrub(message.replace(/(https?:\/\/[^/\s]+)\S*/g, '$1')) };
        for (const slot of pending) if (slot.kind !== 'idempotent') slot.uncertain = true;
      }
      const again: Slot[] = [];
      if (replies) {
        pending.forEach((slot, i) => {
          const reply = replies?.[i];
          if (!reply) {
            again.push(slot);
            return;
          }
          if (reply.status === 401 || reply.status === 403) throw refused(reply, slot.uncertain);
          if (TRANSIENT_STATUSES.has(reply.status)) {
            if (reply.status !== 429 && slot.kind !== 'idempotent') slot.uncertain = true;
            failure = { reason: 'overloaded', said: `HTTP ${reply.status}${statusWord(reply)}` };
            again.push(slot);
            return;
          }
          if (slot.uncertain && slot.kind === 'checkedCommit' && (reply.status < 200 || reply.status >= 300))
            throw unknownOutcome(failure, `the commit sent again answered HTTP ${reply.status}`);
          slot.answer = reply;
        });
      } else again.push(...pending);
      if (again.length === 0) return slots.map((slot) => slot.answer as HttpResponse);

      if (again.some((slot) => slot.uncertain && slot.kind === 'uncheckedCommit'))
        throw unknownOutcome(failure, 'a commit that may have been applied cannot be sent again safely');
      const wait = Math.round(backoff * (0.5 + random() / 2));
      if (
        attempt >= maxAttempts ||
        options.now() - started + wait > callBudget ||
        waited + wait > executionBudget
      ) {
        const tries = `${attempt} ${attempt === 1 ? 'try' : 'tries'} in ${options.now() - started} ms`;
        if (again.some((slot) => slot.uncertain)) throw unknownOutcome(failure, tries);
        throw new StoreUnavailableError(failure.reason, unavailableMessage(failure, tries));
      }
      options.sleep(wait);
      waited += wait;
      backoff = Math.min(backoff * RETRY_DEFAULTS.factor, maxBackoff);
      pending = again;
    }
  };
}

function kindOf(request: HttpRequest): Kind {
  if (!/:commit$/.test(request.url)) return 'idempotent';
  let body: { transaction?: unknown; writes?: unknown };
  try {
    body = JSON.parse(request.payload ?? '{}') as typeof body;
  } catch {
    return 'uncheckedCommit';
  }
  if (typeof body.transaction === 'string' && body.transaction !== '') return 'checkedCommit';
  const writes = Array.isArray(body.writes)
    ? (body.writes as { update?: unknown; currentDocument?: { exists?: unknown; updateTime?: unknown } }[])
    : [];
  if (writes.every((write) => write.currentDocument === undefined)) return 'blindCommit';
  const selfChecking = writes.some(
    (write) =>
      typeof write.currentDocument?.updateTime === 'string' ||
      (write.update !== undefined && write.currentDocument?.exists === false),
  );
  return selfChecking ? 'checkedCommit' : 'uncheckedCommit';
}

interface Failure {
  reason: UnavailableReason;
  /** What the last failure said: a status and Firestore's words, or UrlFetchApp's error. */
  said: string;
}

function unavailableMessage(failure: Failure, tries: string): string {
  const what =
    failure.reason === 'unreachable'
      ? 'Firestore could not be reached'
      : 'Firestore is overloaded or failing';
  return `${what} (${failure.said || 'no answer'}; ${tries}); nothing was changed`;
}

function unknownOutcome(failure: Failure, detail: string): StoreUnavailableError {
  const what =
    failure.reason === 'unreachable'
      ? 'Firestore could not be reached'
      : 'Firestore is overloaded or failing';
  return new StoreUnavailableError(
    failure.reason,
    `${what} (${failure.said || 'no answer'}) while a change was being saved; ${detail}: whether it was saved is not known`,
    { outcomeUnknown: true },
  );
}

/** `outcomeUnknown`: a copy sent before (a commit that timed out) may have been applied. */
function refused(reply: HttpResponse, outcomeUnknown: boolean): StoreUnavailableError {
  return new StoreUnavailableError(
    'credentials',
    `Firestore refused the service account (HTTP ${reply.status}${statusWord(reply)}): check its key and role ` +
      '(Cloud Datastore User) in Script Property f:config, and that the Firestore API is enabled' +
      (outcomeUnknown ? '; a change sent before may or may not have been saved' : '; nothing was changed'),
    { outcomeUnknown },
  );
}

/** Firestore's status and message from an error body, scrubbed; empty when there is none. */
function statusWord(reply: HttpResponse): string {
  try {
    const body = JSON.parse(reply.body) as unknown;
    const first = Array.isArray(body) ? (body[0] as unknown) : body;
    const error = (first as { error?: { status?: unknown; message?: unknown } } | null)?.error;
    if (!error) return '';
    const status = typeof error.status === 'string' ? ` ${scrub(error.status)}` : '';
    const message = typeof error.message === 'string' ? `: ${scrub(error.message)}` : '';
    return `${status}${message}`;
  } catch {
    return '';
  }
}
