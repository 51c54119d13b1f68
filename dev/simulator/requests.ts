/**
 * The simulator server's HTTP plumbing: request bodies read and checked (each refusal an HttpError
 * with its status and a clear message) and JSON or file answers.
 */
import fs from 'node:fs';
import type http from 'node:http';

const MAX_BODY_BYTES = 64 * 1024;
const MAX_FIELD_CHARS = 10_000;
const MAX_TAB_TITLE_CHARS = 100;

export interface ExecuteBody {
  identityId: string;
  locale?: string;
  functionName: string;
  kind: 'homepage' | 'action';
  parameters?: Record<string, string>;
  formInputs?: Record<string, string | string[]>;
}

export interface OpenMailBody {
  identityId: string;
  locale?: string;
  messageId: string;
}

export interface CellEditBody {
  tab: string;
  a1: string;
  text: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseExecuteBody(raw: unknown): ExecuteBody {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new HttpError(400, 'Expected a JSON object.');
  const body = raw as Record<string, unknown>;
  if (typeof body.identityId !== 'string') throw new HttpError(400, 'identityId must be a string.');
  if (typeof body.functionName !== 'string') throw new HttpError(400, 'functionName must be a string.');
  if (body.kind !== 'homepage' && body.kind !== 'action')
    throw new HttpError(400, 'kind must be "homepage" or "action".');
  if (body.locale !== undefined && (typeof body.locale !== 'string' || body.locale.length > 35)) {
    throw new HttpError(400, 'locale must be a short string such as "de" or "en-GB".');
  }
  return {
    identityId: body.identityId,
    functionName: body.functionName,
    kind: body.kind,
    locale: body.locale as string | undefined,
    parameters: stringMap(body.parameters, 'parameters'),
    formInputs: formMap(body.formInputs),
  };
}

export function parseOpenMail(raw: unknown): OpenMailBody {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new HttpError(400, 'Expected a JSON object.');
  const body = raw as Record<string, unknown>;
  if (typeof body.identityId !== 'string') throw new HttpError(400, 'identityId must be a string.');
  if (typeof body.messageId !== 'string' || !/^[\w-]{1,100}$/.test(body.messageId))
    throw new HttpError(400, 'messageId must be the id of a mail.');
  if (body.locale !== undefined && (typeof body.locale !== 'string' || body.locale.length > 35)) {
    throw new HttpError(400, 'locale must be a short string such as "de" or "en-GB".');
  }
  return {
    identityId: body.identityId,
    messageId: body.messageId,
    locale: body.locale as string | undefined,
  };
}

/** A language tag Intl accepts, or undefined (the identity's own). */
export function parseLocale(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(value.slice(0, 35))[0];
  } catch {
    throw new HttpError(400, 'lang must be a language such as "de" or "en-GB".');
  }
}

export function parseCellEdit(raw: unknown): CellEditBody {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new HttpError(400, 'Expected a JSON object.');
  const { tab, a1, text } = raw as Record<string, unknown>;
  if (typeof tab !== 'string' || tab === '' || tab.length > MAX_TAB_TITLE_CHARS)
    throw new HttpError(400, 'tab must be the name of a tab.');
  if (typeof a1 !== 'string' || !/^[A-Z]{1,3}[1-9]\d{0,6}$/.test(a1))
    throw new HttpError(400, 'a1 must name one cell, such as B2.');
  // No length limit of its own: the body's 64 KB stops the absurd, Sheets' 50,000 characters the rest.
  if (typeof text !== 'string') throw new HttpError(400, 'text must be a string.');
  return { tab, a1, text };
}

function stringMap(value: unknown, name: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpError(400, `${name} must be an object of strings.`);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string' || item.length > MAX_FIELD_CHARS)
      throw new HttpError(400, `${name}.${key} must be a string of at most ${MAX_FIELD_CHARS} characters.`);
    out[key] = item;
  }
  return out;
}

function formMap(value: unknown): Record<string, string | string[]> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpError(400, 'formInputs must be an object.');
  const out: Record<string, string | string[]> = {};
  for (const [key, item] of Object.entries(value)) {
    const list = Array.isArray(item) ? item : [item];
    if (!list.every((v) => typeof v === 'string' && v.length <= MAX_FIELD_CHARS)) {
      throw new HttpError(400, `formInputs.${key} must be text of at most ${MAX_FIELD_CHARS} characters.`);
    }
    out[key] = Array.isArray(item) ? (item as string[]) : (item as string);
  }
  return out;
}

export function readJson(request: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Drain the rest instead of destroying the socket, so that the client gets the 413 answer.
        request.off('data', onData);
        request.resume();
        reject(new HttpError(413, `The request is larger than ${MAX_BODY_BYTES / 1024} KB.`));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new HttpError(400, 'The request body is not valid JSON.'));
      }
    });
    request.on('error', reject);
  });
}

export function send(
  response: http.ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}

export function sendJson(response: http.ServerResponse, status: number, value: unknown): void {
  if (response.headersSent) return;
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

export function sendFile(response: http.ServerResponse, file: string, type: string): void {
  send(response, 200, type, fs.readFileSync(file));
}
