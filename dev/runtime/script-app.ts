/**
 * ScriptApp's authorization part, as Apps Script documents it (developers.google.com/apps-script/
 * reference/script/script-app and authorization-info): the AuthMode, AuthorizationStatus and
 * InstallationSource enums, getAuthorizationInfo(authMode, oAuthScopes?), requireScopes,
 * requireAllScopes and getInstallationSource. None of them needs a scope. The rest of ScriptApp
 * (triggers, tokens) throws, naming the local runtime: the add-on declares no script.scriptapp.
 *
 * - getAuthorizationInfo(FULL, scopes): REQUIRED when any asked scope (without a list: any manifest
 *   scope) is not granted; getAuthorizationUrl() is null when nothing is required, else the consent
 *   address for the missing scopes; getAuthorizedScopes() the asked scopes that are granted (without
 *   a list: every granted manifest scope).
 * - requireScopes(FULL, scopes) / requireAllScopes(FULL): return when all are granted; else the
 *   execution ends at once and Gmail shows Google's consent prompt for the missing ones
 *   (ExecutionResult.authorizationPrompt).
 * - A scope asked for that the manifest does not declare throws ("Scopes that are invalid or not
 *   required by the script lead to an error"; the wording here is the local runtime's).
 * - The other modes (LIMITED, NONE, CUSTOM_FUNCTION) never require authorization: NOT_REQUIRED, and
 *   requireScopes returns.
 */
import { consentUrl } from './authorization';
import type { ScopeGate } from './scope-gate';
import type { CallCounter } from './services';

type AuthMode = GoogleAppsScript.Script.AuthMode;
type AuthorizationStatus = GoogleAppsScript.Script.AuthorizationStatus;

/** AuthorizationInfo with what @types (2.0.x) still lacks: getAuthorizedScopes (Jan 2025). */
export interface AuthorizationInfo extends GoogleAppsScript.Script.AuthorizationInfo {
  /** Null when nothing is required (documented String|null; @types says string). */
  getAuthorizationUrl(): string;
  getAuthorizedScopes(): string[];
}

/** The part of ScriptApp the local runtime implements, with the scope list @types lacks. */
export interface ScriptAppAuthorization extends Pick<
  GoogleAppsScript.Script.ScriptApp,
  | 'AuthMode'
  | 'AuthorizationStatus'
  | 'InstallationSource'
  | 'requireScopes'
  | 'requireAllScopes'
  | 'getInstallationSource'
> {
  getAuthorizationInfo(authMode: AuthMode, oAuthScopes?: string[]): AuthorizationInfo;
}

/** An Apps Script enum value: an object of its own, whose string is its name (not the name itself). */
function enumOf<K extends string>(...names: K[]): Readonly<Record<K, object>> {
  const values = {} as Record<K, object>;
  for (const name of names) {
    values[name] = Object.freeze({ toString: () => name, toJSON: () => name, name: () => name });
  }
  return Object.freeze(values);
}

const AUTH_MODE = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');
const AUTHORIZATION_STATUS = enumOf('REQUIRED', 'NOT_REQUIRED');
const INSTALLATION_SOURCE = enumOf('APPS_MARKETPLACE_DOMAIN_ADD_ON', 'NONE', 'WEB_STORE_ADD_ON');

interface ScriptAppEnvironment {
  gate: ScopeGate;
  counter: CallCounter;
  makeError: (message: string) => Error;
  /** Turns host values into values of the execution's realm (arrays the script can use as its own). */
  toContext: (value: unknown) => unknown;
}

export function createScriptApp(env: ScriptAppEnvironment): ScriptAppAuthorization {
  const { gate, counter, makeError } = env;
  const isFull = (authMode: unknown, method: string): boolean => {
    if (!Object.values(AUTH_MODE).includes(authMode as object))
      throw makeError(`Invalid argument: authMode (ScriptApp.${method} needs a ScriptApp.AuthMode)`);
    return authMode === AUTH_MODE.FULL;
  };
  /** The asked scopes, checked against the manifest: a scope it does not declare throws. */
  const asked = (oAuthScopes: unknown, method: string): string[] => {
    if (!Array.isArray(oAuthScopes) || !oAuthScopes.every((s) => typeof s === 'string'))
      throw makeError(`Invalid argument: oAuthScopes (ScriptApp.${method} needs an array of scope URLs)`);
    const declared = gate.declared;
    const undeclared = declared ? oAuthScopes.filter((s: string) => !declared.includes(s)) : [];
    if (undeclared.length > 0)
      throw makeError(
        `Invalid argument: oAuthScopes. Not among the scopes the script's manifest declares (oauthScopes): ${undeclared.join(', ')}`,
      );
    return oAuthScopes as string[];
  };
  const info = (scopes: readonly string[], full: boolean): AuthorizationInfo => {
    const missing = full ? gate.missing(scopes) : [];
    const authorized = scopes.filter((scope) => gate.isGranted(scope));
    const auth = gate.authorization;
    const url = missing.length > 0 && auth ? consentUrl(auth, missing) : null;
    return {
      getAuthorizationStatus: () => {
        counter.count('AuthorizationInfo.getAuthorizationStatus');
        return (missing.length > 0
          ? AUTHORIZATION_STATUS.REQUIRED
          : AUTHORIZATION_STATUS.NOT_REQUIRED) as unknown as AuthorizationStatus;
      },
      getAuthorizationUrl: () => {
        counter.count('AuthorizationInfo.getAuthorizationUrl');
        return url as string;
      },
      getAuthorizedScopes: () => {
        counter.count('AuthorizationInfo.getAuthorizedScopes');
        return env.toContext(authorized) as string[];
      },
    };
  };
  const app: ScriptAppAuthorization = {
    AuthMode: AUTH_MODE as unknown as typeof GoogleAppsScript.Script.AuthMode,
    AuthorizationStatus:
      AUTHORIZATION_STATUS as unknown as typeof GoogleAppsScript.Script.AuthorizationStatus,
    InstallationSource: INSTALLATION_SOURCE as unknown as typeof GoogleAppsScript.Script.InstallationSource,
    getAuthorizationInfo: (authMode: AuthMode, oAuthScopes?: string[]) => {
      counter.count('ScriptApp.getAuthorizationInfo');
      gate.checkRunning();
      const full = isFull(authMode, 'getAuthorizationInfo');
      const scopes =
        oAuthScopes === undefined ? [...(gate.declared ?? [])] : asked(oAuthScopes, 'getAuthorizationInfo');
      return info(scopes, full);
    },
    requireScopes: (authMode: AuthMode, oAuthScopes: string[]) => {
      counter.count('ScriptApp.requireScopes');
      gate.checkRunning();
      const full = isFull(authMode, 'requireScopes');
      const missing = gate.missing(asked(oAuthScopes, 'requireScopes'));
      if (full && missing.length > 0) gate.end({ scopes: missing, by: 'requireScopes' });
    },
    requireAllScopes: (authMode: AuthMode) => {
      counter.count('ScriptApp.requireAllScopes');
      gate.checkRunning();
      const full = isFull(authMode, 'requireAllScopes');
      const missing = gate.missing(gate.declared ?? []);
      if (full && missing.length > 0) gate.end({ scopes: missing, by: 'requireAllScopes' });
    },
    getInstallationSource: () => {
      counter.count('ScriptApp.getInstallationSource');
      gate.checkRunning();
      const installation = gate.authorization?.installation ?? 'none';
      const source =
        installation === 'domain'
          ? INSTALLATION_SOURCE.APPS_MARKETPLACE_DOMAIN_ADD_ON
          : installation === 'individual'
            ? INSTALLATION_SOURCE.WEB_STORE_ADD_ON
            : INSTALLATION_SOURCE.NONE;
      return source as unknown as GoogleAppsScript.Script.InstallationSource;
    },
  };
  return new Proxy(app, {
    get(target, property, receiver) {
      if (property in target || typeof property === 'symbol') return Reflect.get(target, property, receiver);
      return () => {
        counter.count(`ScriptApp.${property}`);
        throw makeError(
          `ScriptApp.${property} is not implemented by the local runtime (dev/runtime/script-app.ts)`,
        );
      };
    },
  });
}
