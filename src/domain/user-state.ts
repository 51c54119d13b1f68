/** A user's own progress through the question, kept in their User Properties. */
export const ASK_LATER_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface UserState {
  /** Epoch milliseconds until which the question stays hidden ("Ask me later"). */
  askAgainAt?: number;
}

export function askLater(now: number): UserState & { askAgainAt: number } {
  return { askAgainAt: now + ASK_LATER_DAYS * DAY_MS };
}

/**
 * When the question comes back, as of `now`: the stored time, but never further away than one "Ask
 * me later" reaches. A stored time further out can only come from a clock that was ahead when it was
 * written (Google's servers do not agree on the time) or from a forged value; either must not hide
 * the question for longer than the user asked for. Undefined when the user has not snoozed.
 *
 * The bound moves with `now`: only a caller that stores the bounded time makes the snooze end.
 */
export function effectiveAskAgainAt(state: UserState, now: number): number | undefined {
  const { askAgainAt } = state;
  if (askAgainAt === undefined || !Number.isFinite(askAgainAt)) return undefined;
  return Math.min(askAgainAt, now + ASK_LATER_DAYS * DAY_MS);
}

export function isSnoozed(state: UserState, now: number): boolean {
  const askAgainAt = effectiveAskAgainAt(state, now);
  return askAgainAt !== undefined && askAgainAt > now;
}

export function encodeUserState(state: UserState): string {
  return JSON.stringify(state);
}

/** Unreadable state is treated as no state: the user is simply asked again. */
export function decodeUserState(text: string | null): UserState {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const askAgainAt = (parsed as { askAgainAt?: unknown }).askAgainAt;
    return typeof askAgainAt === 'number' && Number.isFinite(askAgainAt) ? { askAgainAt } : {};
  } catch {
    return {};
  }
}
