/**
 * The Firestore client's retries (src/store/firestore-retry.ts) on a scripted HTTP port and a fake
 * clock: which answers are tried again and how long it waits, what is and is not sent again after
 * an answer that does not say whether a commit was applied, and what it throws when the retries are
 * used up; and the token exchange's refusals (src/store/firestore-token.ts) as
 * StoreUnavailableError, never carrying the key or the assertion.
 */
import crypto from 'node:crypto';
import { StoreUnavailableError } from '../../src/store/errors';
import { parseFirestoreConfig } from '../../src/store/firestore-config';
import type { HttpRequest, HttpResponse } from '../../src/store/firestore-rest';
import { FirestoreRest } from '../../src/store/firestore-rest';
import { RETRY_DEFAULTS, retryingHttp, type RetryOptions } from '../../src/store/firestore-retry';
import { FirestoreAuthError, tokenProvider } from '../../src/store/firestore-token';
import { MemoryCache } from '../support/memory-ports';

const ok = (body: unknown = []): HttpResponse => ({ status: 200, body: JSON.stringify(body) });
const status = (code: number, name = 'UNAVAILABLE'): HttpResponse => ({
  status: code,
  body: JSON.stringify({ error: { code, message: `injected ${code}`, status: name } }),
});

type Step = HttpResponse | Error | ((request: HttpRequest) => HttpResponse | Error);

/** An HTTP port that answers each request by the next step of its URL's script; logs what was sent. */
function scripted(script: Record<string, Step[]>) {
  const sent: string[] = [];
  const calls: number[] = [];
  const http = (requests: HttpRequest[]): HttpResponse[] => {
    calls.push(requests.length);
    const answers = requests.map((request) => {
      const method = /:(\w+)$/.exec(request.url)?.[1] ?? request.url;
      sent.push(method);
      const step = script[method]?.shift() ?? ok();
      return typeof step === 'function' ? step(request) : step;
    });
    const thrown = answers.find((a): a is Error => a instanceof Error);
    if (thrown) throw thrown;
    return answers as HttpResponse[];
  };
  return { http, sent, calls };
}

function clock(): RetryOptions & { t: number; waits: number[] } {
  const c = {
    t: 1_000_000,
    waits: [] as number[],
    now: () => c.t,
    sleep: (ms: number) => {
      c.waits.push(ms);
      c.t += ms;
    },
    random: () => 1,
  };
  return c;
}

const URL = 'https://firestore.googleapis.com/v1/projects/p/databases/(default)/documents';
const request = (method: string, body: object = {}): HttpRequest => ({
  url: `${URL}:${method}`,
  method: 'post',
  contentType: 'application/json',
  payload: JSON.stringify(body),
  headers: { Authorization: 'Bearer ya29.secret-token-that-must-not-show-anywhere-at-all' },
});
const read = request('batchGet', { documents: ['a'] });
const txCommit = request('commit', { writes: [{ update: { name: 'x' } }], transaction: 'dHg=' });
const blindCommit = request('commit', { writes: [{ update: { name: 'x' } }] });
/** Blind writes and one create-only write: a first copy applied makes a second fail as a whole. */
const optimisticCommit = request('commit', {
  writes: [{ update: { name: 'x' } }, { update: { name: 'y' }, currentDocument: { exists: false } }],
});
/** Only exists: true, which a first copy applied would not break. */
const uncheckedCommit = request('commit', {
  writes: [{ update: { name: 'x' }, currentDocument: { exists: true } }],
});

function thrownBy(call: () => unknown): StoreUnavailableError {
  try {
    call();
  } catch (error) {
    if (error instanceof StoreUnavailableError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('retryingHttp', () => {
  it('sends a read again after 503 and 429, with growing waits, and returns the answer', () => {
    const c = clock();
    const port = scripted({ batchGet: [status(503), status(429, 'RESOURCE_EXHAUSTED'), ok(['found'])] });
    const answers = retryingHttp(port.http, c)([read]);
    expect(answers).toEqual([ok(['found'])]);
    expect(port.sent).toEqual(['batchGet', 'batchGet', 'batchGet']);
    expect(c.waits).toEqual([
      RETRY_DEFAULTS.firstBackoffMs,
      RETRY_DEFAULTS.firstBackoffMs * RETRY_DEFAULTS.factor,
    ]);
  });

  it('jitters each wait between half and all of its backoff', () => {
    const c = { ...clock(), random: () => 0 };
    const port = scripted({ batchGet: [status(500), ok()] });
    retryingHttp(port.http, c)([read]);
    expect(c.waits).toEqual([RETRY_DEFAULTS.firstBackoffMs / 2]);
  });

  it.each([500, 502, 504])('retries HTTP %i', (code) => {
    const port = scripted({ runQuery: [status(code), ok()] });
    expect(retryingHttp(port.http, clock())([request('runQuery')])).toEqual([ok()]);
  });

  it('retries a request that threw (UrlFetchApp timeout, address unavailable)', () => {
    const port = scripted({
      batchGet: [new Error(`Timeout: ${URL}:batchGet`), new Error('Address unavailable: x'), ok()],
    });
    expect(retryingHttp(port.http, clock())([read])).toEqual([ok()]);
    expect(port.sent).toHaveLength(3);
  });

  it('gives up after its attempts with StoreUnavailableError overloaded, saying nothing was changed', () => {
    const c = clock();
    const port = scripted({ batchGet: Array.from({ length: 10 }, () => status(503)) });
    const error = thrownBy(() => retryingHttp(port.http, c)([read]));
    expect(error.reason).toBe('overloaded');
    expect(error.outcomeUnknown).toBe(false);
    expect(error.message).toMatch(/HTTP 503 UNAVAILABLE: injected 503/);
    expect(error.message).toMatch(/nothing was changed/);
    expect(port.sent).toHaveLength(RETRY_DEFAULTS.maxAttempts);
    expect(c.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(RETRY_DEFAULTS.callBudgetMs);
  });

  it('calls a host that keeps failing to answer unreachable, naming only its origin', () => {
    const port = scripted({
      batchGet: Array.from({ length: 10 }, () => new Error(`Timeout: ${URL}:batchGet`)),
    });
    const error = thrownBy(() => retryingHttp(port.http, clock())([read]));
    expect(error.reason).toBe('unreachable');
    expect(error.message).toContain('Timeout: https://firestore.googleapis.com');
    expect(error.message).not.toContain('projects/p');
  });

  it('stops retrying when the call has used its time (a slow timeout leaves no room)', () => {
    const c = clock();
    const slow = (): Error => {
      c.t += 5_000;
      return new Error('Timeout: x');
    };
    const port = scripted({ batchGet: [slow, slow, slow, ok()] });
    const error = thrownBy(() => retryingHttp(port.http, c)([read]));
    expect(error.reason).toBe('unreachable');
    expect(port.sent.length).toBeLessThan(RETRY_DEFAULTS.maxAttempts);
  });

  it('bounds the waits of all calls of one execution together', () => {
    const c = clock();
    const port = scripted({
      batchGet: Array.from({ length: 100 }, (_, i) => (i % 4 === 3 ? ok() : status(503))),
    });
    const http = retryingHttp(port.http, c);
    let failed = 0;
    for (let i = 0; i < 10; i++) {
      try {
        http([read]);
      } catch {
        failed++;
      }
    }
    expect(c.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(RETRY_DEFAULTS.executionBudgetMs);
    expect(failed).toBeGreaterThan(0);
  });

  it('does not retry 401/403: the credentials were refused, with Firestore’s words', () => {
    const port = scripted({ batchGet: [status(403, 'PERMISSION_DENIED')] });
    const error = thrownBy(() => retryingHttp(port.http, clock())([read]));
    expect(error.reason).toBe('credentials');
    expect(error.message).toMatch(/HTTP 403 PERMISSION_DENIED: injected 403/);
    expect(error.message).toMatch(/f:config/);
    expect(port.sent).toHaveLength(1);
  });

  it('passes other answers through untouched (contention is the store’s business)', () => {
    const aborted = status(409, 'ABORTED');
    const port = scripted({ commit: [aborted] });
    expect(retryingHttp(port.http, clock())([txCommit])).toEqual([aborted]);
  });

  it.each([
    'You do not have permission to call UrlFetchApp.fetch. Required permissions: …',
    'Exceeded maximum execution time',
    'Service invoked too many times for one day: urlfetch.',
  ])('does not retry what another try cannot mend: %s', (message) => {
    const port = scripted({ batchGet: [new Error(message)] });
    expect(() => retryingHttp(port.http, clock())([read])).toThrow(message);
    expect(port.sent).toHaveLength(1);
  });

  it('sends again only the requests of a fetchAll that were not answered', () => {
    const port = scripted({ batchGet: [ok(['a']), ok(['b2'])], runQuery: [status(503), ok(['q'])] });
    const answers = retryingHttp(port.http, clock())([read, request('runQuery'), read]);
    expect(port.calls).toEqual([3, 1]);
    expect(answers.map((a) => a.body)).toEqual([ok(['a']).body, ok(['q']).body, ok(['b2']).body]);
  });

  describe('commits', () => {
    it('sends any commit again after 429: it was refused before any work', () => {
      const port = scripted({ commit: [status(429, 'RESOURCE_EXHAUSTED'), status(409, 'ABORTED')] });
      // The second answer is a real one (the first copy was never applied): passed on as it is.
      expect(retryingHttp(port.http, clock())([uncheckedCommit])).toEqual([status(409, 'ABORTED')]);
    });

    it.each([
      ['transactional', txCommit],
      ['preconditioned', optimisticCommit],
    ])('takes a resent %s commit’s success: the first copy cannot have been applied', (_, commit) => {
      const port = scripted({ commit: [new Error('Timeout: x'), ok({ commitTime: 't' })] });
      expect(retryingHttp(port.http, clock())([commit])).toEqual([ok({ commitTime: 't' })]);
      expect(port.sent).toHaveLength(2);
    });

    it('never reports a resent commit’s error as a lost race when the first copy may have been applied', () => {
      for (const [first, commit] of [
        [new Error('Timeout: x'), txCommit],
        [status(503), txCommit],
        [status(500), optimisticCommit],
        [status(504), optimisticCommit],
      ] as const) {
        const port = scripted({ commit: [first, status(400, 'FAILED_PRECONDITION')] });
        const error = thrownBy(() => retryingHttp(port.http, clock())([commit]));
        expect(error.outcomeUnknown).toBe(true);
        expect(error.message).toMatch(/whether it was saved is not known/);
        // What made the outcome unknown is what it says.
        expect(error.reason).toBe(first instanceof Error ? 'unreachable' : 'overloaded');
        expect(error.message).toContain(first instanceof Error ? 'Timeout: x' : `HTTP ${first.status}`);
      }
    });

    it('resends blind writes (the same values again) and passes their answer on', () => {
      const port = scripted({ commit: [new Error('Timeout: x'), status(400, 'INVALID_ARGUMENT')] });
      expect(retryingHttp(port.http, clock())([blindCommit])).toEqual([status(400, 'INVALID_ARGUMENT')]);
    });

    it('never resends a commit that cannot check itself when its outcome is unknown', () => {
      const port = scripted({ commit: [new Error('Timeout: x'), ok()] });
      const error = thrownBy(() => retryingHttp(port.http, clock())([uncheckedCommit]));
      expect(error.outcomeUnknown).toBe(true);
      expect(port.sent).toHaveLength(1);
    });

    it('says the outcome is unknown when the retries of an uncertain commit run out', () => {
      const port = scripted({ commit: Array.from({ length: 10 }, () => status(503)) });
      const error = thrownBy(() => retryingHttp(port.http, clock())([txCommit]));
      expect(error.outcomeUnknown).toBe(true);
      expect(error.reason).toBe('overloaded');
    });

    it('says nothing was changed when every copy was refused with 429', () => {
      const port = scripted({ commit: Array.from({ length: 10 }, () => status(429, 'RESOURCE_EXHAUSTED')) });
      const error = thrownBy(() => retryingHttp(port.http, clock())([txCommit]));
      expect(error.outcomeUnknown).toBe(false);
      expect(error.message).toMatch(/nothing was changed/);
    });
  });

  it('puts neither the bearer token nor the request body into its messages', () => {
    const port = scripted({
      batchGet: Array.from({ length: 10 }, () => ({
        status: 503,
        body: JSON.stringify({
          error: {
            code: 503,
            status: 'UNAVAILABLE',
            message: 'echo Bearer ya29.secret-token-that-must-not-show',
          },
        }),
      })),
    });
    const error = thrownBy(() => retryingHttp(port.http, clock())([read]));
    expect(error.message).not.toContain('secret-token');
  });

  it('is what FirestoreRest throws through', () => {
    const port = scripted({ batchGet: Array.from({ length: 10 }, () => status(503)) });
    const rest = new FirestoreRest(
      retryingHttp(port.http, clock()),
      { firestoreUrl: 'https://firestore.googleapis.com', projectId: 'p', databaseId: '(default)' },
      () => 'ya29.t',
    );
    expect(() => rest.batchGet([rest.documentName('k')])).toThrow(StoreUnavailableError);
  });
});

describe('the token exchange’s failures', () => {
  const { privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const keyLines = privateKey.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));
  const config = parseFirestoreConfig(
    JSON.stringify({
      projectId: 'demo-project',
      clientEmail: 'sa@demo-project.iam.gserviceaccount.com',
      privateKey,
    }),
  );

  function exchange(postForm: () => HttpResponse): StoreUnavailableError {
    const provider = tokenProvider(config, {
      cache: new MemoryCache(),
      now: () => Date.UTC(2026, 4, 1),
      postForm,
      sign: (bytes) =>
        [...crypto.sign('sha256', Buffer.from(bytes), privateKey)].map((b) => (b > 127 ? b - 256 : b)),
      encode: (bytes) => Buffer.from(bytes.map((b) => b & 0xff)).toString('base64url'),
    });
    return thrownBy(provider);
  }

  const leaks = (text: string): boolean => keyLines.some((line) => text.includes(line)) || /eyJ/.test(text);

  it.each([
    [400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }],
    [401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' }],
    [400, { error: 'invalid_grant', error_description: `echo ${privateKey}` }],
  ])('a refusal (HTTP %i) is credentials, without the key or the assertion', (code, body) => {
    const error = exchange(() => ({ status: code, body: JSON.stringify(body) }));
    expect(error).toBeInstanceOf(FirestoreAuthError);
    expect(error.reason).toBe('credentials');
    expect(error.message).toMatch(/f:config|refused/);
    expect(leaks(error.message)).toBe(false);
    expect(leaks(String(error.stack))).toBe(false);
  });

  it('an overloaded endpoint is overloaded, not the key’s fault', () => {
    const error = exchange(() => ({ status: 503, body: 'Service Unavailable' }));
    expect(error.reason).toBe('overloaded');
  });

  it('an endpoint that cannot be reached is unreachable, and the form is not quoted', () => {
    const error = exchange(() => {
      throw new Error('Timeout: https://oauth2.googleapis.com/token');
    });
    expect(error.reason).toBe('unreachable');
    expect(error.message).toContain('Timeout: https://oauth2.googleapis.com/token');
    expect(leaks(error.message)).toBe(false);
  });

  it('a key that cannot sign is credentials', () => {
    const provider = tokenProvider(config, {
      cache: new MemoryCache(),
      now: () => 0,
      postForm: () => ok(),
      sign: () => {
        throw new Error(`bad key ${privateKey}`);
      },
      encode: () => '',
    });
    const error = thrownBy(provider);
    expect(error.reason).toBe('credentials');
    expect(leaks(error.message)).toBe(false);
  });
});
