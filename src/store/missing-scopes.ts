/**
 * How often users' calls were refused for want of a permission, per scope, for support's
 * homepage. A user missing the email permission cannot be told apart from anyone else, so this is
 * a count, not a list of organisations. Written without the script lock: it is only ever
 * increased, and a count one short after two refusals at the same moment tells support the same.
 */
import { KEYS } from './keys';
import type { KeyValueStore } from './ports';

export interface MissingScopeCount {
  scope: string;
  count: number;
  /** Epoch milliseconds of the last refusal. */
  last: number;
}

export function readMissingScopes(text: string | null | undefined): MissingScopeCount[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return [];
    return Object.entries(parsed as Record<string, unknown>).flatMap(([scope, value]) => {
      const { count, last } = (typeof value === 'object' && value !== null ? value : {}) as Record<
        string,
        unknown
      >;
      return typeof count === 'number' && typeof last === 'number' && count > 0
        ? [{ scope, count, last }]
        : [];
    });
  } catch {
    return [];
  }
}

export function recordMissingScopes(store: KeyValueStore, scopes: readonly string[], now: number): void {
  const counts = new Map(readMissingScopes(store.get(KEYS.missingScopes)).map((c) => [c.scope, c]));
  for (const scope of scopes)
    counts.set(scope, { scope, count: (counts.get(scope)?.count ?? 0) + 1, last: now });
  const value: Record<string, { count: number; last: number }> = {};
  for (const c of counts.values()) value[c.scope] = { count: c.count, last: c.last };
  store.setAll({ [KEYS.missingScopes]: JSON.stringify(value) });
}
