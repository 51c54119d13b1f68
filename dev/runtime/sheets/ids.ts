/**
 * Deterministic ids that look like Google's, so that tests and the simulator's demo data get the
 * same ids on every run.
 */
import { createHash } from 'node:crypto';
import type { StoredSpreadsheet } from './model';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** 44 URL-safe characters starting with 1, like a spreadsheet id Drive hands out. */
export function spreadsheetIdOf(serial: number): string {
  return `1${digest(`spreadsheet:${serial}`).toString('base64url').slice(0, 43)}`;
}

/** A sheet or protected-range id: a positive 31-bit number not yet `taken`. */
export function newId(book: StoredSpreadsheet, kind: string, taken: ReadonlySet<number>): number {
  for (;;) {
    const id = digest(`${book.spreadsheetId}:${kind}:${book.serial++}`).readUInt32BE(0) & 0x7fffffff;
    if (id !== 0 && !taken.has(id)) return id;
  }
}
