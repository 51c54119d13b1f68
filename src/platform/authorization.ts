/**
 * The add-on can run without a scope it needs: a user who installed it alone and unticked a
 * permission on Google's consent screen (granular consent), or an admin install left "partially
 * granted" by an update that added a scope. Apps Script then throws at the first call that needs
 * the scope. `withScope` turns that into a `MissingScopesError` the entry points answer with a card
 * that says what is missing; ScriptApp is asked what is granted only then, so the usual path costs
 * no extra call.
 */
import { MissingScopesError } from '../domain/scopes';

export { MissingScopesError };

// Google documents getAuthorizationInfo(authMode, oAuthScopes) and getAuthorizedScopes() (the
// granular-consent additions of January 2025); @types/google-apps-script has not caught up yet.
// Merging into Google's own types needs their namespace syntax.
/* eslint-disable @typescript-eslint/no-namespace */
declare global {
  namespace GoogleAppsScript {
    namespace Script {
      interface ScriptApp {
        getAuthorizationInfo(authMode: AuthMode, oAuthScopes: string[]): AuthorizationInfo;
      }
      interface AuthorizationInfo {
        getAuthorizedScopes(): string[] | null;
      }
    }
  }
}
/* eslint-enable @typescript-eslint/no-namespace */

/** A call Apps Script refused for want of a scope ("You do not have permission to call …"). */
export function isPermissionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /you do not have permission|required permissions|authorization is required/i.test(message);
}

/** Runs a service call that needs `scope`; a refusal for want of it becomes MissingScopesError. */
export function withScope<T>(scope: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof MissingScopesError || !isPermissionError(error)) throw error;
    throw new MissingScopesError([scope]);
  }
}

export interface Authorization {
  /** Of `scopes`, those the user has not granted (all of them when Apps Script cannot say). */
  missing: string[];
  /** Where the user can grant them, when they can: Google's consent page. */
  url: string | null;
}

/** What the user has not granted of `scopes`, and where they could grant it. */
export function authorizationOf(scopes: readonly string[]): Authorization {
  try {
    const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL, [...scopes]);
    const granted = new Set(info.getAuthorizedScopes() ?? []);
    const required = info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED;
    return {
      missing: scopes.filter((s) => !granted.has(s)),
      url: required ? info.getAuthorizationUrl() : null,
    };
  } catch (error) {
    console.error('the authorization info cannot be read', error);
    return { missing: [...scopes], url: null };
  }
}

/**
 * Asks Google to show its consent prompt for `scopes` (the execution ends there when one is
 * missing); returns when all are granted already.
 */
export function requireScopes(scopes: readonly string[]): void {
  ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, [...scopes]);
}
