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

export function isSnoozed(state: UserState, now: number): boolean {
  return state.askAgainAt !== undefined && state.askAgainAt > now;
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
