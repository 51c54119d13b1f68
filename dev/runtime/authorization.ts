/**
 * Who has granted the add-on which OAuth scopes, on the host: per customer domain (the admin's
 * Marketplace install) and per user (an install of their own, an org unit the admin has not turned
 * on, consents given on Google's prompt). An execution gets a copy of what its user granted
 * (`ExecutionAuthorization`, computed by LocalRuntime from this table and the manifest) and its
 * service fakes enforce it (see scope-gate.ts); ScriptApp reports it (script-app.ts).
 *
 * The default, for every domain and user without an entry (every existing test, the demo, and a
 * state file written before this table existed), is the admin install of case (a) with every
 * manifest scope granted, whatever the manifest declares.
 *
 * Sources: support.google.com/a/answer/172983 (Granted / Partially granted / "Grant access"),
 * support.google.com/a/answer/172931 (turned on per org unit), and the Apps Script reference of
 * ScriptApp.requireScopes / getAuthorizationInfo (developers.google.com/apps-script/reference/script).
 */

export const AUTH = 'https://www.googleapis.com/auth/';

/** The scope without which Gmail does not run the add-on at all (Google's authorization card instead). */
export const ADDON_EXECUTE_SCOPE = `${AUTH}gmail.addons.execute`;

/** The cases of the simulator's install-state switch (the brief's (a) to (e)). */
export type InstallCase =
  /** (a) The domain's admin installed it, every manifest scope granted. */
  | 'admin'
  /** (b) The user installed it alone and granted every scope. */
  | 'individual'
  /** (c) The domain's admin installed it, but not for the user's org unit: Gmail shows no add-on. */
  | 'orgUnitOff'
  /** (d) The user installed it alone and left one scope unticked. */
  | 'declined'
  /** (e) The admin install is "Partially granted": a scope an update added is not granted yet. */
  | 'updateNotGranted';

export const INSTALL_CASES: readonly InstallCase[] = [
  'admin',
  'individual',
  'orgUnitOff',
  'declined',
  'updateNotGranted',
];

/** The cases that name one scope (the declined one, or the one the update added). */
export function caseNamesScope(installCase: InstallCase): boolean {
  return installCase === 'declined' || installCase === 'updateNotGranted';
}

/** A domain's admin install: the scopes granted, or 'all' (every scope the manifest declares). */
export interface DomainGrant {
  scopes: 'all' | string[];
}

/** A user's own entry. */
export interface UserGrant {
  /**
   * 'domain': the user follows their domain's admin install (plus `scopes`, consents of their own);
   * 'individual': installed by the user alone, `scopes` is all they granted;
   * 'orgUnitOff': the admin did not turn it on for the user's org unit.
   */
  install: 'domain' | 'individual' | 'orgUnitOff';
  scopes: string[];
}

export interface AuthorizationSnapshot {
  domains: Record<string, DomainGrant>;
  users: Record<string, UserGrant>;
}

/** What one user may do with the add-on under a manifest's scopes. */
export type UserAccess =
  | { turnedOn: false }
  | {
      turnedOn: true;
      /** How it came to be installed for the user. */
      install: 'domain' | 'individual';
      /** The manifest scopes the user's executions may use, in manifest order. */
      granted: string[];
    };

/** The install state as the simulator's switch shows it. */
export interface InstallStateView {
  installCase: InstallCase;
  /** The declined scope (d) or the one the update added (e). */
  scope?: string;
  domain: string;
  declared: string[];
  granted: string[];
  missing: string[];
  /** The domain's admin install is partially granted (the admin's "Grant access" would help). */
  domainPartial: boolean;
}

/** The key a user is stored under (as their property stores are: lower case; one key for hidden emails). */
export function userKeyOf(email: string): string {
  return email === '' ? '(email hidden by policy)' : email.toLowerCase();
}

/** The customer domain of an address; users whose email is hidden share one pseudo-domain. */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '(email hidden by policy)' : email.slice(at + 1).toLowerCase();
}

export class AuthorizationTable {
  private domains = new Map<string, DomainGrant>();
  private users = new Map<string, UserGrant>();

  /**
   * What a user may do under `declared` (the manifest's oauthScopes). A scope granted but no longer
   * declared is not reported: the manifest is what the add-on may use.
   */
  access(email: string, declared: readonly string[]): UserAccess {
    const user = this.users.get(userKeyOf(email));
    if (user?.install === 'orgUnitOff') return { turnedOn: false };
    if (user?.install === 'individual') {
      return {
        turnedOn: true,
        install: 'individual',
        granted: declared.filter((s) => user.scopes.includes(s)),
      };
    }
    const domain = this.domains.get(domainOf(email))?.scopes ?? 'all';
    const own = user?.scopes ?? [];
    const granted = declared.filter((s) => domain === 'all' || domain.includes(s) || own.includes(s));
    return { turnedOn: true, install: 'domain', granted };
  }

  /**
   * Puts a user into one of the switch's cases. `scope` names the declined scope (d) or the one
   * the update added (e); the domain-wide cases (a) and (e) change every user of the domain.
   */
  setCase(email: string, installCase: InstallCase, declared: readonly string[], scope?: string): void {
    const key = userKeyOf(email);
    const domain = domainOf(email);
    if (caseNamesScope(installCase) && (scope === undefined || !declared.includes(scope)))
      throw new Error(`Name one of the manifest's scopes for this case (${declared.join(', ')}).`);
    switch (installCase) {
      case 'admin':
        this.users.delete(key);
        this.domains.delete(domain);
        return;
      case 'individual':
        this.users.set(key, { install: 'individual', scopes: [...declared] });
        return;
      case 'declined':
        this.users.set(key, { install: 'individual', scopes: declared.filter((s) => s !== scope) });
        return;
      case 'orgUnitOff':
        this.users.set(key, { install: 'orgUnitOff', scopes: [] });
        return;
      case 'updateNotGranted':
        this.users.delete(key);
        this.domains.set(domain, { scopes: declared.filter((s) => s !== scope) });
        return;
    }
  }

  /**
   * The user ticked `scopes` on Google's consent prompt and clicked Allow: granted for that user,
   * on top of what they (or their domain's admin) had granted. Nothing changes for a user whose org
   * unit is not turned on: Gmail never shows them the add-on, so never a prompt either.
   */
  grant(email: string, scopes: readonly string[]): void {
    const key = userKeyOf(email);
    const user = this.users.get(key) ?? { install: 'domain', scopes: [] };
    if (user.install === 'orgUnitOff') return;
    this.users.set(key, { ...user, scopes: [...new Set([...user.scopes, ...scopes])] });
  }

  /** The admin clicks "Grant access" in the Admin console: the domain's install is fully granted again. */
  grantDomain(domain: string): void {
    this.domains.delete(domain.toLowerCase());
  }

  /** The state as the simulator's switch shows it. */
  view(email: string, declared: readonly string[]): InstallStateView {
    const domain = domainOf(email);
    const user = this.users.get(userKeyOf(email));
    const access = this.access(email, declared);
    const granted = access.turnedOn ? access.granted : [];
    const missing = declared.filter((s) => !granted.includes(s));
    const domainScopes = this.domains.get(domain)?.scopes ?? 'all';
    const domainMissing = domainScopes === 'all' ? [] : declared.filter((s) => !domainScopes.includes(s));
    const base = {
      domain,
      declared: [...declared],
      granted,
      missing,
      domainPartial: domainMissing.length > 0,
    };
    if (user?.install === 'orgUnitOff') return { ...base, installCase: 'orgUnitOff' };
    if (user?.install === 'individual') {
      return missing.length === 0
        ? { ...base, installCase: 'individual' }
        : { ...base, installCase: 'declined', scope: missing[0] };
    }
    if (domainMissing.length > 0)
      return { ...base, installCase: 'updateNotGranted', scope: domainMissing[0] };
    return { ...base, installCase: 'admin' };
  }

  snapshot(): AuthorizationSnapshot {
    return {
      domains: Object.fromEntries([...this.domains].map(([k, v]) => [k, copyDomain(v)])),
      users: Object.fromEntries([...this.users].map(([k, v]) => [k, { ...v, scopes: [...v.scopes] }])),
    };
  }

  /** Absent (a state file from before this table): everyone is in the default case (a). */
  restore(snapshot: AuthorizationSnapshot | undefined): void {
    this.domains = new Map(Object.entries(snapshot?.domains ?? {}).map(([k, v]) => [k, copyDomain(v)]));
    this.users = new Map(
      Object.entries(snapshot?.users ?? {}).map(([k, v]) => [k, { ...v, scopes: [...v.scopes] }]),
    );
  }
}

function copyDomain(grant: DomainGrant): DomainGrant {
  return { scopes: grant.scopes === 'all' ? 'all' : [...grant.scopes] };
}

/**
 * What one execution knows of its authorization; it travels with the request (also to a worker
 * thread). `declared` null: the manifest sets no oauthScopes, so Apps Script would detect them from
 * the code and ask for all of them; nothing is enforced then (the runtime's own unit tests).
 */
export interface ExecutionAuthorization {
  declared: string[] | null;
  granted: string[];
  /** How it came to be installed: ScriptApp.getInstallationSource. 'none' outside an add-on. */
  installation: 'domain' | 'individual' | 'none';
  /** Where Google's consent for missing scopes is: getAuthorizationUrl() adds the scopes to it. */
  authorizationUrl: string;
  /** The user's address, as the consent URL's login hint. */
  email: string;
}

/** The consent URL for `scopes` (what getAuthorizationUrl returns, and requireScopes reports). */
export function consentUrl(
  auth: Pick<ExecutionAuthorization, 'authorizationUrl' | 'email'>,
  scopes: readonly string[],
): string {
  const query = new URLSearchParams({ scope: scopes.join(' ') });
  if (auth.email) query.set('login_hint', auth.email);
  return `${auth.authorizationUrl}?${query.toString()}`;
}

/** Default consent address of the local runtime; the simulator serves its own (/authorize). */
export const DEFAULT_AUTHORIZATION_URL = 'https://script.google.com/local-runtime/authorize';

/** Scopes in the plain words of Google's consent screen, in English and German. */
const SCOPE_WORDS: Record<string, { en: string; de: string }> = {
  'gmail.addons.execute': {
    en: 'Run as a Gmail add-on',
    de: 'Als Gmail-Add-on ausgeführt werden',
  },
  'userinfo.email': {
    en: 'See your primary Google Account email address',
    de: 'Primäre E-Mail-Adresse Ihres Google-Kontos ansehen',
  },
  'script.locale': {
    en: 'See your language and time zone',
    de: 'Ihre Sprache und Zeitzone ansehen',
  },
  'gmail.addons.current.message.metadata': {
    en: 'View your email message metadata when the add-on is running',
    de: 'Metadaten Ihrer E-Mails ansehen, während das Add-on ausgeführt wird',
  },
  'gmail.addons.current.message.readonly': {
    en: 'View your email messages when the add-on is running',
    de: 'Ihre E-Mails ansehen, während das Add-on ausgeführt wird',
  },
  'gmail.addons.current.message.action': {
    en: 'View your email messages when you interact with the add-on',
    de: 'Ihre E-Mails ansehen, wenn Sie das Add-on verwenden',
  },
  'gmail.addons.current.action.compose': {
    en: 'Manage drafts and send emails when you interact with the add-on',
    de: 'Entwürfe verwalten und E-Mails senden, wenn Sie das Add-on verwenden',
  },
  'drive.file': {
    en: 'See, edit, create, and delete only the specific Google Drive files you use with this app',
    de: 'Nur die Google Drive-Dateien ansehen, bearbeiten, erstellen und löschen, die Sie mit dieser App verwenden',
  },
  spreadsheets: {
    en: 'See, edit, create, and delete all your Google Sheets spreadsheets',
    de: 'Alle Ihre Google Sheets-Tabellen ansehen, bearbeiten, erstellen und löschen',
  },
};

/** A scope in plain words ('de' for a German Gmail, else English); an unknown scope as its address. */
export function scopeInWords(scope: string, locale: string): string {
  const words = SCOPE_WORDS[scope.startsWith(AUTH) ? scope.slice(AUTH.length) : scope];
  if (!words) return scope;
  return locale.toLowerCase().startsWith('de') ? words.de : words.en;
}
