/**
 * UrlFetchApp as Apps Script has it, typed against @types/google-apps-script: `fetch` and
 * `fetchAll` block until the answer is in (http-transport.ts), a 4xx/5xx throws unless
 * `muteHttpExceptions` ("Request failed for https://host returned code 404. Truncated server
 * response: … (use muteHttpExceptions option to examine full response)"), an object payload is
 * form-encoded, redirects are followed unless `followRedirects: false`.
 *
 * Where it differs, on purpose: only loopback hosts (127.0.0.1, localhost, [::1]) are reached. A
 * Google address the script uses (https://firestore.googleapis.com, https://oauth2.googleapis.com)
 * reaches a local stand-in through the runtime's `urlFetchRoutes` (origin → loopback origin), after
 * the manifest's `urlFetchWhitelist` was checked against the address the script asked for; any
 * other host throws, naming this file.
 */
import { Buffer } from 'node:buffer';
import { sendSync, type WireRequest, type WireResponse } from './http-transport';
import { createBlob, toSignedBytes, type BlobEnvironment } from './signing';

/** What the execution knows about UrlFetchApp from the manifest and the runtime. */
export interface UrlFetchConfig {
  /** The manifest's urlFetchWhitelist; absent, any URL may be fetched (a test deployment). */
  whitelist?: readonly string[];
  /** Origins routed to loopback origins, e.g. https://oauth2.googleapis.com → http://127.0.0.1:4711. */
  routes?: Readonly<Record<string, string>>;
}

/** HTTP round trips and body bytes of one execution (the bench's budgets). */
export interface HttpStats {
  /** Sends: one per fetch, one per fetchAll (all its requests go out together), one per redirect hop. */
  roundTrips: number;
  requests: number;
  bytesSent: number;
  bytesReceived: number;
}

export interface UrlFetchEnvironment extends BlobEnvironment {
  config: UrlFetchConfig;
  stats: HttpStats;
  count: (name: string) => void;
  /** Throws if the user has not granted script.external_request (scope-gate.ts). */
  permit: (method: string) => void;
  /** JSON data as values of the execution's realm (services.ts contextJson). */
  toContext: (value: unknown) => unknown;
  /** Tells the host a send is about to happen, so that an execution can be stopped just before it. */
  beforeSend: () => void;
}

type Options = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
type Request = GoogleAppsScript.URL_Fetch.URLFetchRequest;
type Response = GoogleAppsScript.URL_Fetch.HTTPResponse;

const METHODS = new Set(['get', 'delete', 'patch', 'post', 'put']);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MAX_REDIRECTS = 10;
/** How much of the body the error of a failed request shows. */
const TRUNCATE_AT = 100;
const USER_AGENT = 'Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com)';

/** A request as it goes out: the URL the script asked for and the options that shape it. */
interface Prepared {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  mute: boolean;
  follow: boolean;
}

export function createUrlFetchApp(env: UrlFetchEnvironment): GoogleAppsScript.URL_Fetch.UrlFetchApp {
  const fail = (message: string): Error => env.makeError(message);
  return {
    fetch: (url: string, params?: Options) => {
      env.count('UrlFetchApp.fetch');
      env.permit('UrlFetchApp.fetch');
      const [response] = execute(env, [prepare(String(url), params ?? {}, fail)]);
      if (!response) throw fail('UrlFetchApp.fetch got no response');
      return response;
    },
    fetchAll: (requests: Array<Request | string>) => {
      env.count('UrlFetchApp.fetchAll');
      env.permit('UrlFetchApp.fetchAll');
      if (!Array.isArray(requests)) throw fail('Invalid argument: requests');
      const prepared = requests.map((request) =>
        typeof request === 'string'
          ? prepare(request, {}, fail)
          : prepare(String((request as Partial<Request>).url ?? ''), request, fail),
      );
      return execute(env, prepared);
    },
    getRequest: (url: string, params?: Options) => {
      env.count('UrlFetchApp.getRequest');
      env.permit('UrlFetchApp.getRequest');
      const prepared = prepare(String(url), params ?? {}, fail);
      return env.toContext({
        url: prepared.url,
        method: prepared.method,
        headers: prepared.headers,
        payload: prepared.body?.toString('utf8') ?? '',
        contentType: prepared.headers['Content-Type'] ?? null,
        followRedirects: prepared.follow,
        muteHttpExceptions: prepared.mute,
        validateHttpsCertificates: true,
        useIntranet: false,
      }) as Request;
    },
  } as GoogleAppsScript.URL_Fetch.UrlFetchApp;
}

function prepare(url: string, params: Options, fail: (message: string) => Error): Prepared {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail(`Invalid argument: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw fail(`Invalid argument: ${url}`);
  const method = String(params.method ?? 'get').toLowerCase();
  if (!METHODS.has(method)) throw fail(`Invalid argument: method`);
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
  for (const [name, value] of Object.entries((params.headers ?? {}) as Record<string, unknown>)) {
    headers[name] = String(value);
  }
  const body = payloadBytes(params.payload, fail);
  if (body !== undefined) {
    const given = Object.keys(headers).find((name) => name.toLowerCase() === 'content-type');
    const contentType =
      params.contentType ?? (given ? headers[given] : undefined) ?? 'application/x-www-form-urlencoded';
    if (given) delete headers[given];
    headers['Content-Type'] = String(contentType);
  }
  return {
    url: parsed.href,
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    mute: params.muteHttpExceptions === true,
    follow: params.followRedirects !== false,
  };
}

/** A string as UTF-8, a byte array as it is, a Blob's bytes, an object as form fields. */
function payloadBytes(payload: unknown, fail: (message: string) => Error): Buffer | undefined {
  if (payload === undefined || payload === null) return undefined;
  if (typeof payload === 'string') return Buffer.from(payload, 'utf8');
  if (Array.isArray(payload)) return Buffer.from(payload.map((b) => Number(b) & 0xff));
  if (typeof payload === 'object') {
    const blob = payload as { getBytes?: unknown };
    if (typeof blob.getBytes === 'function') {
      const bytes = (blob.getBytes as () => number[])();
      return Buffer.from(bytes.map((b) => Number(b) & 0xff));
    }
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(payload as Record<string, unknown>)) {
      if (typeof value === 'object' && value !== null)
        throw fail(
          'A Blob in a form payload (multipart/form-data) is not implemented by the local runtime ' +
            '(dev/runtime/url-fetch.ts)',
        );
      form.append(name, String(value));
    }
    return Buffer.from(form.toString(), 'utf8');
  }
  return Buffer.from(String(payload), 'utf8');
}

/**
 * Sends the requests together (fetchAll's are concurrent, as in Apps Script), follows redirects,
 * and throws the first failure, as Apps Script does, once all are answered.
 */
function execute(env: UrlFetchEnvironment, requests: Prepared[]): Response[] {
  const fail = (message: string): Error => env.makeError(message);
  const answers: Array<{ url: string; reply: WireResponse } | undefined> = requests.map(() => undefined);
  let pending = requests.map((request, index) => ({ index, request, url: request.url, hops: 0 }));
  while (pending.length > 0) {
    const wire: WireRequest[] = pending.map(({ request, url }) => toWire(env, request, url, fail));
    env.beforeSend();
    const replies = sendSync(wire);
    env.stats.roundTrips++;
    env.stats.requests += wire.length;
    for (const w of wire) env.stats.bytesSent += w.body?.byteLength ?? 0;
    const next: typeof pending = [];
    pending.forEach((item, i) => {
      const reply = replies[i] ?? { ok: false, message: `No answer from ${item.url}` };
      if (reply.ok) env.stats.bytesReceived += reply.body.byteLength;
      const location = reply.ok ? redirectTarget(reply, item.url) : undefined;
      if (location && item.request.follow && item.hops < MAX_REDIRECTS) {
        const request: Prepared =
          reply.ok &&
          (reply.status === 303 || ([301, 302].includes(reply.status) && item.request.method === 'post'))
            ? {
                ...item.request,
                method: 'get',
                headers: withoutContentType(item.request.headers),
                body: undefined,
              }
            : item.request;
        next.push({ index: item.index, request, url: location, hops: item.hops + 1 });
      } else {
        answers[item.index] = { url: item.url, reply };
      }
    });
    pending = next;
  }
  const responses: Response[] = [];
  for (const [index, answer] of answers.entries()) {
    if (!answer) throw fail(`No answer for ${requests[index]?.url ?? 'a request'}`);
    const { reply, url } = answer;
    // Apps Script names the URL the script asked for ("Timeout: https://firestore.googleapis.com/…"),
    // not the loopback stand-in it was routed to here.
    if (!reply.ok) throw fail(reply.message.split(route(url, env.config.routes)).join(url));
    if (reply.status >= 400 && !requests[index]?.mute) throw fail(failureMessage(url, reply));
    responses.push(createResponse(env, reply));
  }
  return responses;
}

function withoutContentType(headers: Record<string, string>): Record<string, string> {
  const copy = { ...headers };
  delete copy['Content-Type'];
  return copy;
}

function redirectTarget(reply: Extract<WireResponse, { ok: true }>, url: string): string | undefined {
  if (![301, 302, 303, 307, 308].includes(reply.status)) return undefined;
  const location = headerPairs(reply.rawHeaders).find(([name]) => name.toLowerCase() === 'location')?.[1];
  return location ? new URL(location, url).href : undefined;
}

/** The whitelist is checked on the URL the script asked for; then it is routed to loopback. */
function toWire(
  env: UrlFetchEnvironment,
  request: Prepared,
  url: string,
  fail: (message: string) => Error,
): WireRequest {
  if (!whitelisted(url, env.config.whitelist))
    throw fail(`Request to ${url} failed because the URL has not been whitelisted in the script manifest.`);
  const target = route(url, env.config.routes);
  const host = new URL(target).host.replace(/:\d+$/, '');
  if (!LOOPBACK.has(host.toLowerCase()))
    throw fail(
      `The local runtime's UrlFetchApp reaches only loopback hosts (127.0.0.1, localhost, [::1]) and ` +
        `the origins routed to them; ${new URL(url).origin} is neither (dev/runtime/url-fetch.ts).`,
    );
  const body = request.body;
  return {
    url: target,
    method: request.method.toUpperCase(),
    headers: { ...request.headers, ...(body ? { 'Content-Length': String(body.byteLength) } : {}) },
    ...(body ? { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) } : {}),
  };
}

/** Where a URL goes: its origin replaced by the loopback origin it is routed to, if any. */
export function route(url: string, routes: Readonly<Record<string, string>> | undefined): string {
  if (!routes) return url;
  const parsed = new URL(url);
  const to = routes[parsed.origin];
  if (!to) return url;
  const target = new URL(to);
  return `${target.origin}${parsed.pathname}${parsed.search}`;
}

/**
 * Google's matching rules (developers.google.com/apps-script/manifest/allowlist-url): the URL
 * equals the prefix or is beneath it (https://example.com/foo matches /foo, /foo/, /foo/bar,
 * /foo?bar, /foo#bar, not /foobar); paths are case-sensitive; a leading `*.` matches one or more
 * subdomains, never the bare domain.
 */
export function whitelisted(url: string, whitelist: readonly string[] | undefined): boolean {
  if (!whitelist) return true;
  return whitelist.some((prefix) => matchesPrefix(url, prefix));
}

function matchesPrefix(url: string, prefix: string): boolean {
  const wildcard = /^(https?:\/\/)\*\.([^/]+)(\/.*)?$/.exec(prefix);
  let candidate = url;
  let wanted = prefix;
  if (wildcard) {
    const [, scheme = '', domain = '', rest = ''] = wildcard;
    const parsed = /^(https?:\/\/)([^/?#]+)(.*)$/.exec(url);
    if (!parsed || parsed[1] !== scheme) return false;
    const host = (parsed[2] ?? '').toLowerCase();
    if (!host.endsWith(`.${domain.toLowerCase()}`)) return false;
    candidate = `${scheme}${domain.toLowerCase()}${parsed[3] ?? ''}`;
    wanted = `${scheme}${domain.toLowerCase()}${rest}`;
  }
  if (!candidate.startsWith(wanted)) return false;
  if (candidate.length === wanted.length || wanted.endsWith('/')) return true;
  return ['/', '?', '#'].includes(candidate.charAt(wanted.length));
}

function failureMessage(url: string, reply: Extract<WireResponse, { ok: true }>): string {
  const text = Buffer.from(reply.body).toString('utf8');
  const shown = text.length > TRUNCATE_AT ? `${text.slice(0, TRUNCATE_AT)}...` : text;
  return (
    `Request failed for ${new URL(url).origin} returned code ${reply.status}. ` +
    `Truncated server response: ${shown} (use muteHttpExceptions option to examine full response)`
  );
}

function headerPairs(raw: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return pairs;
}

function charsetOf(contentType: string | undefined): BufferEncoding {
  const charset = /charset=([^;]+)/i
    .exec(contentType ?? '')?.[1]
    ?.trim()
    .toLowerCase();
  return charset === 'us-ascii' || charset === 'ascii'
    ? 'ascii'
    : charset === 'iso-8859-1'
      ? 'latin1'
      : 'utf8';
}

function createResponse(env: UrlFetchEnvironment, reply: Extract<WireResponse, { ok: true }>): Response {
  const pairs = headerPairs(reply.rawHeaders);
  const body = Buffer.from(reply.body);
  const contentType = pairs.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const single: Record<string, string> = {};
  const all: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    single[name] = value;
    const previous = all[name];
    all[name] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  const blob = (): GoogleAppsScript.Base.Blob => createBlob(env, body, contentType ?? null, null);
  return {
    getResponseCode: () => reply.status,
    getContentText: (charset?: string) =>
      body.toString(charset ? charsetOf(`charset=${charset}`) : charsetOf(contentType)),
    getContent: () => env.toContext(toSignedBytes(body)) as number[],
    getHeaders: () => env.toContext(single) as object,
    getAllHeaders: () => env.toContext(all) as object,
    getBlob: blob,
    getAs: (type: string) => blob().getAs(type),
  } as Response;
}
