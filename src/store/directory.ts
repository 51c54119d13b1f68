/**
 * The reseller directory: every known reseller (any status) in Script Properties, as chunks under
 * 8 KB sorted by id, and a meta entry that says what a reader must find:
 *
 *   r:meta  "RD3" version count chunks  then per chunk: first id, last id, line count, checksum
 *   r:<n>   one line per reseller: id, name, domain, country, status code (tabs), and only when it
 *           has any, its aliases and its contact emails (two more fields, items separated by
 *           U+001F, the ASCII unit separator, which no name or address holds)
 *
 * RD2 (written before aliases and contacts were stored) has the five fields only; it is still read,
 * and the next write turns it into RD3. Every read checks the count and checksums, so a truncated or
 * missing chunk or a damaged meta entry is reported as unreadable instead of producing a partial
 * directory. Because chunks are sorted by id and the meta entry names each chunk's first id, one
 * reseller is found with two reads (meta and its chunk), which is what the confirm step uses to
 * check a choice against the source of truth.
 */
import { checksum } from '../domain/hash';
import {
  oneEntryPerId,
  MAX_ALIAS_LENGTH,
  MAX_ALIASES,
  MAX_CONTACTS,
  RESELLER_STATUSES,
  type DuplicateIdConflict,
  type Reseller,
  type ResellerStatus,
} from '../domain/reseller';
import { RESELLER_ID_PATTERN } from '../domain/assignment';
import { compareStrings } from '../domain/search';
import { utf8Length } from '../domain/utf8';
import { KEYS, PROPERTY_CHUNK_BYTES } from './keys';
import type { KeyValueStore, ScriptLock } from './ports';
import { LOCK_TIMEOUT_MS } from './locking';
import { encodeSequence, recoverSequence } from './outbox';

const META_FORMAT = 'RD3';
/** Formats a reader accepts: the current one, and RD2 (no aliases or contacts) until rewritten. */
const READABLE_FORMATS: ReadonlySet<string> = new Set(['RD2', META_FORMAT]);
/** A reseller's name and domain at most (a DNS name has at most 253 characters). */
export const MAX_NAME_LENGTH = 200;
export const MAX_DOMAIN_LENGTH = 253;

const STATUS_CODES: Record<ResellerStatus, string> = {
  applied: 'a',
  agreement_sent: 's',
  agreement_signed: 'g',
  approved: 'A',
  rejected: 'r',
  suspended: 'x',
};
const STATUS_BY_CODE = new Map<string, ResellerStatus>(RESELLER_STATUSES.map((s) => [STATUS_CODES[s], s]));

const FIELD_BREAKS = /[\t\n\r]/g;
const ITEM_SEPARATOR = '\u001f';
// eslint-disable-next-line no-control-regex -- U+001F is the separator an item must not hold
const ITEM_BREAKS = /[\t\n\r\u001f]/g;
/** Fields of a line without aliases and contacts (all an RD2 line has), and with them. */
const PLAIN_FIELDS = 5;
const LIST_FIELDS = 7;

export interface ChunkInfo {
  firstId: string;
  lastId: string;
  lines: number;
  checksum: string;
}

export interface DirectoryMeta {
  /** The format the directory was read in ("RD2" or "RD3"); writes are always the current one. */
  format: string;
  version: string;
  count: number;
  chunks: ChunkInfo[];
}

export type DirectoryRead =
  | { ok: true; meta: DirectoryMeta; resellers: Reseller[]; conflicts: DuplicateIdConflict[] }
  | { ok: false; problem: string };

export class DirectoryWriteError extends Error {
  constructor(reason: string) {
    super(`The reseller directory was not written: ${reason}`);
    this.name = 'DirectoryWriteError';
  }
}

function encodeReseller(r: Reseller): string {
  const fields = [r.id, r.name, r.domain, r.country, STATUS_CODES[r.status]].map((f) =>
    f.replace(FIELD_BREAKS, ' '),
  );
  const aliases = encodeList(r.aliases);
  const contacts = encodeList(r.contacts);
  // Most resellers have neither: their line stays as short as an RD2 line.
  if (aliases !== '' || contacts !== '') fields.push(aliases, contacts);
  return fields.join('\t');
}

function encodeList(items: readonly string[] = []): string {
  return items
    .map((item) => item.replace(ITEM_BREAKS, ' ').trim())
    .filter((item) => item !== '')
    .join(ITEM_SEPARATOR);
}

function decodeList(text: string): string[] | null {
  if (text === '') return [];
  const items = text.split(ITEM_SEPARATOR);
  return items.includes('') ? null : items;
}

function decodeReseller(line: string, format: string): Reseller | null {
  const fields = line.split('\t');
  const withLists = format !== 'RD2' && fields.length === LIST_FIELDS;
  if (fields.length !== PLAIN_FIELDS && !withLists) return null;
  const [id = '', name = '', domain = '', country = '', code = '', aliasText = '', contactText = ''] = fields;
  const status = STATUS_BY_CODE.get(code);
  if (!RESELLER_ID_PATTERN.test(id) || !status) return null;
  const reseller: Reseller = { id, name, domain, country, status };
  if (!withLists) return reseller;
  const aliases = decodeList(aliasText);
  const contacts = decodeList(contactText);
  // The writer leaves both lists out rather than writing them empty.
  if (!aliases || !contacts || aliases.length + contacts.length === 0) return null;
  if (aliases.length > 0) reseller.aliases = aliases;
  if (contacts.length > 0) reseller.contacts = contacts;
  return reseller;
}

/** Packs lines into values of at most `limitBytes` UTF-8 bytes, never splitting a line. */
export function packLines(lines: readonly string[], limitBytes: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    const lineBytes = utf8Length(line);
    if (lineBytes > limitBytes) throw new DirectoryWriteError(`a record is larger than ${limitBytes} bytes`);
    // A newline separates this line from the previous one in the same chunk.
    if (current.length > 0 && bytes + 1 + lineBytes > limitBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    bytes += (current.length > 0 ? 1 : 0) + lineBytes;
    current.push(line);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

// ---------------------------------------------------------------------------------------------
// Meta entry

function encodeMeta(meta: DirectoryMeta): string {
  const chunks = meta.chunks.map((c) => `${c.firstId} ${c.lastId} ${c.lines} ${c.checksum}`);
  return [meta.format, meta.version, meta.count, meta.chunks.length, ...chunks].join('\t');
}

export function decodeMeta(text: string | null | undefined): DirectoryMeta | null {
  if (!text) return null;
  const [format, version = '', count, chunkCount, ...chunks] = text.split('\t');
  if (format === undefined || !READABLE_FORMATS.has(format)) return null;
  if (version === '' || !isCount(count) || !isCount(chunkCount)) return null;
  if (chunks.length !== Number(chunkCount)) return null;
  const infos: ChunkInfo[] = [];
  for (const chunk of chunks) {
    const [firstId = '', lastId = '', lines, sum = '', ...rest] = chunk.split(' ');
    if (rest.length > 0 || !RESELLER_ID_PATTERN.test(firstId) || !RESELLER_ID_PATTERN.test(lastId))
      return null;
    if (!isCount(lines) || Number(lines) < 1 || !/^[0-9a-z]{1,7}$/.test(sum)) return null;
    // Id ranges ascend and never overlap, so one id lives in one chunk only.
    const previous = infos[infos.length - 1];
    if (compareStrings(firstId, lastId) > 0 || (previous && compareStrings(previous.lastId, firstId) >= 0))
      return null;
    infos.push({ firstId, lastId, lines: Number(lines), checksum: sum });
  }
  const total = infos.reduce((sum, c) => sum + c.lines, 0);
  if (total !== Number(count)) return null;
  return { format, version, count: total, chunks: infos };
}

function isCount(text: string | undefined): text is string {
  return text !== undefined && /^\d{1,7}$/.test(text);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** One chunk's resellers, or why it cannot be trusted. */
function readChunk(
  text: string | undefined,
  info: ChunkInfo,
  n: number,
  format: string,
): Reseller[] | string {
  if (text === undefined) return `chunk ${n} is missing`;
  if (checksum(text) !== info.checksum) return `chunk ${n} does not match its checksum`;
  const lines = text.split('\n');
  if (lines.length !== info.lines) return `chunk ${n} has ${lines.length} lines, expected ${info.lines}`;
  const resellers: Reseller[] = [];
  for (const line of lines) {
    const reseller = decodeReseller(line, format);
    if (!reseller) return `chunk ${n} holds an unreadable record`;
    resellers.push(reseller);
  }
  if (resellers[0]?.id !== info.firstId || resellers[resellers.length - 1]?.id !== info.lastId)
    return `chunk ${n} does not hold the ids ${info.firstId} to ${info.lastId}`;
  return resellers;
}

/**
 * The whole directory from the whole Script Properties store (one getAll), checked against its meta
 * entry. No directory at all (a new installation) reads as an empty one.
 */
export function readDirectory(all: Record<string, string>): DirectoryRead {
  const text = all[KEYS.directoryMeta];
  if (text === undefined) {
    // Chunks without their meta entry are a damaged directory, not an empty one.
    if (all[KEYS.directoryChunk(0)] !== undefined)
      return { ok: false, problem: 'the directory meta entry is missing' };
    const meta = { format: META_FORMAT, version: EMPTY_VERSION, count: 0, chunks: [] };
    return { ok: true, meta, resellers: [], conflicts: [] };
  }
  const meta = decodeMeta(text);
  if (!meta) return { ok: false, problem: 'the directory meta entry cannot be read' };
  const resellers: Reseller[] = [];
  for (let n = 0; n < meta.chunks.length; n++) {
    const read = readChunk(all[KEYS.directoryChunk(n)], meta.chunks[n] as ChunkInfo, n, meta.format);
    if (typeof read === 'string') return { ok: false, problem: read };
    resellers.push(...read);
  }
  const { resellers: unique, conflicts } = oneEntryPerId(resellers);
  return { ok: true, meta, resellers: unique, conflicts };
}

/** The version of a directory that was never written. */
export const EMPTY_VERSION = 'empty';

export type ResellerLookup = { ok: true; reseller: Reseller | undefined } | { ok: false; problem: string };

/** One reseller by id, from the meta entry and the one chunk that holds it (two reads). */
export function findInDirectory(store: KeyValueStore, id: string): ResellerLookup {
  if (!RESELLER_ID_PATTERN.test(id)) return { ok: true, reseller: undefined };
  const metaText = store.get(KEYS.directoryMeta);
  if (metaText === null) {
    // One more read, only on this broken path: chunks without their meta entry are damage.
    if (store.get(KEYS.directoryChunk(0)) !== null)
      return { ok: false, problem: 'the directory meta entry is missing' };
    return { ok: true, reseller: undefined };
  }
  const meta = decodeMeta(metaText);
  if (!meta) return { ok: false, problem: 'the directory meta entry cannot be read' };
  let n = -1;
  meta.chunks.forEach((chunk, i) => {
    if (compareStrings(chunk.firstId, id) <= 0) n = i;
  });
  if (n < 0) return { ok: true, reseller: undefined };
  const chunkText = store.get(KEYS.directoryChunk(n)) ?? undefined;
  const read = readChunk(chunkText, meta.chunks[n] as ChunkInfo, n, meta.format);
  if (typeof read === 'string') return { ok: false, problem: read };
  // Chunks never share an id (decodeMeta checks their ranges), so every copy is in this one.
  const copies = read.filter((r) => r.id === id);
  return { ok: true, reseller: oneEntryPerId(copies).resellers[0] };
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Replaces the directory under the script lock: chunks and meta in one setProperties call (all or
 * nothing), then removes chunks a previous, larger directory left behind. Ids must be well-formed;
 * copies of one id are reduced to one entry (see `oneEntryPerId`) and reported. Returns what was
 * written, sorted by id. (`replaceDirectory` also refreshes the caches: use that.)
 */
export function writeDirectory(
  store: KeyValueStore,
  lock: ScriptLock,
  input: readonly Reseller[],
  version: string,
): { meta: DirectoryMeta; resellers: Reseller[]; conflicts: DuplicateIdConflict[] } {
  if (!/^[^\t\n]{1,64}$/.test(version) || version === EMPTY_VERSION)
    throw new DirectoryWriteError(`bad version ${JSON.stringify(version)}`);
  const badId = input.find((r) => !RESELLER_ID_PATTERN.test(r.id));
  if (badId) throw new DirectoryWriteError(`bad reseller id ${JSON.stringify(badId.id)}`);
  // Limits that keep every suggestion label short enough to be picked (see MAX_LABEL_LENGTH).
  const tooLong = input.find((r) => r.name.length > MAX_NAME_LENGTH || r.domain.length > MAX_DOMAIN_LENGTH);
  if (tooLong) throw new DirectoryWriteError(`the name or domain of ${tooLong.id} is too long`);
  const overLimits = input.find(
    (r) =>
      (r.aliases?.length ?? 0) > MAX_ALIASES ||
      (r.aliases ?? []).some((alias) => alias.length > MAX_ALIAS_LENGTH) ||
      (r.contacts?.length ?? 0) > MAX_CONTACTS,
  );
  if (overLimits)
    throw new DirectoryWriteError(
      `${overLimits.id} has more than ${MAX_ALIASES} aliases, an alias longer than ${MAX_ALIAS_LENGTH} characters or more than ${MAX_CONTACTS} contacts`,
    );
  const { resellers, conflicts } = oneEntryPerId(input);
  resellers.sort((a, b) => compareStrings(a.id, b.id));
  const packed = packLines(resellers.map(encodeReseller), PROPERTY_CHUNK_BYTES);
  const texts = packed.map((lines) => lines.join('\n'));
  let offset = 0;
  const chunks = packed.map((lines, i): ChunkInfo => {
    const info = {
      firstId: (resellers[offset] as Reseller).id,
      lastId: (resellers[offset + lines.length - 1] as Reseller).id,
      lines: lines.length,
      checksum: checksum(texts[i] as string),
    };
    offset += lines.length;
    return info;
  });
  const meta: DirectoryMeta = { format: META_FORMAT, version, count: resellers.length, chunks };
  const values: Record<string, string> = { [KEYS.directoryMeta]: encodeMeta(meta) };
  texts.forEach((text, i) => (values[KEYS.directoryChunk(i)] = text));
  const written = lock.withLock(LOCK_TIMEOUT_MS, () => {
    const previous = decodeMeta(store.get(KEYS.directoryMeta));
    // The first directory also starts the commit sequence, so that a first change never has to
    // look through the whole store for one. A counter gone missing later is recovered as a change
    // would recover it, or left missing (then changes refuse until support has looked).
    if (store.get(KEYS.sequence) === null) {
      const last = recoverSequence(store.getAll());
      if (last !== null) values[KEYS.sequence] = encodeSequence(last);
    }
    store.setAll(values);
    const stale = Math.max(previous?.chunks.length ?? 0, texts.length);
    for (let i = texts.length; i < stale; i++) store.delete(KEYS.directoryChunk(i));
  });
  if (!written.acquired) throw new DirectoryWriteError('the script lock could not be had');
  return { meta, resellers, conflicts };
}
