/** How full the 500 KB Script Properties store is, as support's card and the sync report it. */
import { utf8Length } from '../domain/utf8';

/** Apps Script's limit for all Script Properties together, shared by every customer. */
export const STORE_MAX_BYTES = 500 * 1024;
/** From this fill level on, support's card and the sync warn (long before a write could fail). */
export const STORE_WARNING_PERCENT = 80;

/** Keys and values count, in UTF-8, as Apps Script counts them. */
export function storeFillPercent(all: Record<string, string>): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(all)) bytes += utf8Length(key) + utf8Length(value);
  return Math.round((bytes / STORE_MAX_BYTES) * 100);
}
