/** "Ask me later": how long a stored snooze may hide the question. */
import {
  ASK_LATER_DAYS,
  askLater,
  decodeUserState,
  effectiveAskAgainAt,
  encodeUserState,
  isSnoozed,
} from '../../src/domain/user-state';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 23, 9, 30);
const LIMIT = NOW + ASK_LATER_DAYS * DAY_MS;

describe('effectiveAskAgainAt', () => {
  it('is undefined when the user has not snoozed', () => {
    expect(effectiveAskAgainAt({}, NOW)).toBeUndefined();
    expect(isSnoozed({}, NOW)).toBe(false);
  });

  it('is the stored time for a snooze this user just set', () => {
    const state = askLater(NOW);
    expect(effectiveAskAgainAt(state, NOW)).toBe(state.askAgainAt);
    expect(effectiveAskAgainAt(state, NOW + DAY_MS)).toBe(state.askAgainAt);
  });

  it('is at most ASK_LATER_DAYS away, however far out the stored time is', () => {
    for (const askAgainAt of [LIMIT + 1, NOW + 365 * DAY_MS, 8.64e15, Number.MAX_VALUE]) {
      expect(effectiveAskAgainAt({ askAgainAt }, NOW)).toBe(LIMIT);
    }
  });

  it('keeps a time in the past, so that the snooze is over', () => {
    expect(effectiveAskAgainAt({ askAgainAt: NOW - 1 }, NOW)).toBe(NOW - 1);
    expect(isSnoozed({ askAgainAt: NOW - 1 }, NOW)).toBe(false);
    expect(isSnoozed({ askAgainAt: NOW }, NOW)).toBe(false);
  });

  it('ignores a stored time that is no number', () => {
    for (const askAgainAt of [NaN, Infinity, -Infinity]) {
      expect(effectiveAskAgainAt({ askAgainAt }, NOW)).toBeUndefined();
      expect(isSnoozed({ askAgainAt }, NOW)).toBe(false);
    }
  });

  it('agrees with isSnoozed for every stored time', () => {
    const times = [NOW - DAY_MS, NOW - 1, NOW, NOW + 1, LIMIT - 1, LIMIT, LIMIT + 1, NOW + 400 * DAY_MS];
    for (const askAgainAt of times) {
      const effective = effectiveAskAgainAt({ askAgainAt }, NOW);
      expect({ askAgainAt, snoozed: isSnoozed({ askAgainAt }, NOW) }).toEqual({
        askAgainAt,
        snoozed: effective !== undefined && effective > NOW,
      });
    }
  });

  it('ends within ASK_LATER_DAYS a snooze written by a clock a year ahead, once the bound is stored', () => {
    const written = askLater(NOW + 365 * DAY_MS);
    const bounded = { askAgainAt: effectiveAskAgainAt(written, NOW) };
    const stored = decodeUserState(encodeUserState(bounded));
    expect(isSnoozed(stored, NOW + ASK_LATER_DAYS * DAY_MS - 1)).toBe(true);
    expect(isSnoozed(stored, NOW + ASK_LATER_DAYS * DAY_MS)).toBe(false);
  });
});
