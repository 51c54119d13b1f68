/** A customer's request that support change the organisation's reseller. */
import { hasLoneSurrogate } from './text';

export const CHANGE_REASON_MIN_CHARS = 10;
export const CHANGE_REASON_MAX_CHARS = 1000;

export type ReasonCheck =
  | { ok: true; reason: string }
  | { ok: false; problem: 'empty' | 'tooShort' | 'tooLong' | 'controlCharacters' };

/** Line breaks and tabs are allowed in a reason; other control characters are not. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function checkChangeReason(raw: string | undefined): ReasonCheck {
  const reason = (raw ?? '').trim();
  if (reason === '') return { ok: false, problem: 'empty' };
  if (CONTROL.test(reason) || hasLoneSurrogate(reason)) return { ok: false, problem: 'controlCharacters' };
  // Code points, so that an emoji counts as one character, as the user sees it.
  const length = reason.length > CHANGE_REASON_MAX_CHARS * 2 ? reason.length : Array.from(reason).length;
  if (length < CHANGE_REASON_MIN_CHARS) return { ok: false, problem: 'tooShort' };
  if (length > CHANGE_REASON_MAX_CHARS) return { ok: false, problem: 'tooLong' };
  return { ok: true, reason };
}
