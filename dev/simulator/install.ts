/**
 * The install state of the add-on for the signed-in identity (the Install state panel's server
 * half): the switch between the cases (a) to (e) of how Gmail comes to run the add-on for them, the
 * admin's "Grant access" in the Admin console for a partially granted domain, and the user's Allow
 * on Google's consent prompt (the page's, or the getAuthorizationUrl() link's, /authorize). The
 * table itself lives on the runtime host (dev/runtime/authorization.ts) and is kept in
 * .local/state.json with the rest; "Reset to demo data" puts everyone back to (a).
 */
import {
  caseNamesScope,
  domainOf,
  INSTALL_CASES,
  scopeInWords,
  type InstallCase,
  type InstallStateView,
} from '../runtime/authorization';
import type { RuntimeHost } from '../runtime/host';
import type { LocalRuntime } from '../runtime/runtime';
import { findIdentity, IDENTITIES, type SimIdentity } from './identities';
import { HttpError } from './requests';

/** One line per case, as the switch lists and explains them. */
const CASES: Record<InstallCase, { label: string; explain: (domain: string, scope: string) => string }> = {
  admin: {
    label: '(a) Admin-installed for the domain',
    explain: (domain) =>
      `The admin of ${domain} installed it from the Marketplace for the whole domain and granted every scope for all its users.`,
  },
  individual: {
    label: '(b) Installed by the user alone',
    explain: () =>
      'The user installed it from the Marketplace themselves and allowed every scope; their admin installed nothing.',
  },
  orgUnitOff: {
    label: '(c) Org unit not turned on',
    explain: (domain) =>
      `The admin of ${domain} installed it, but has not turned it on for this user's org unit: Gmail shows no add-on.`,
  },
  declined: {
    label: '(d) A scope declined',
    explain: (_, scope) =>
      `The user installed it alone and left one scope unticked on Google's consent screen: "${scope}".`,
  },
  updateNotGranted: {
    label: '(e) Scope added by an update, not granted yet',
    explain: (domain, scope) =>
      `An update added "${scope}"; the admin of ${domain} has not granted it yet (Partially granted), so it is missing for every user of the domain.`,
  },
};

export interface InstallView extends InstallStateView {
  identityId: string;
  email: string;
  /** One line on the current case. */
  explanation: string;
  cases: { id: InstallCase; label: string; namesScope: boolean }[];
  /** The manifest's scopes, in plain words (English: the panel's language). */
  scopes: { scope: string; words: string }[];
}

export interface InstallControlsOptions {
  runtime: () => LocalRuntime;
  persist: () => void;
  log: (line: string) => void;
}

export class InstallControls {
  constructor(private readonly options: InstallControlsOptions) {}

  view(identityId: string): InstallView {
    const who = identity(identityId);
    const runtime = this.options.runtime();
    const declared = runtime.manifest.oauthScopes ?? [];
    const state = runtime.host.authorization.view(who.email, declared);
    const words = (scope: string): string => scopeInWords(scope, 'en');
    return {
      ...state,
      identityId: who.id,
      email: who.email,
      explanation: CASES[state.installCase].explain(state.domain, state.scope ? words(state.scope) : ''),
      cases: INSTALL_CASES.map((id) => ({ id, label: CASES[id].label, namesScope: caseNamesScope(id) })),
      scopes: declared.map((scope) => ({ scope, words: words(scope) })),
    };
  }

  /** The switch: puts the identity into a case ({ identityId, installCase, scope? }). */
  set(body: unknown): InstallView {
    const { identityId, installCase, scope } = fields(body);
    if (typeof installCase !== 'string' || !INSTALL_CASES.includes(installCase as InstallCase))
      throw new HttpError(400, `installCase must be one of ${INSTALL_CASES.join(', ')}.`);
    const who = identity(identityId);
    const runtime = this.options.runtime();
    const declared = runtime.manifest.oauthScopes ?? [];
    if (declared.length === 0) throw new HttpError(422, 'The manifest declares no oauthScopes to grant.');
    const named = caseNamesScope(installCase as InstallCase);
    if (named && (typeof scope !== 'string' || !declared.includes(scope)))
      throw new HttpError(400, `scope must be one of the manifest's scopes: ${declared.join(', ')}.`);
    runtime.host.authorization.setCase(
      who.email,
      installCase as InstallCase,
      declared,
      named ? (scope as string) : undefined,
    );
    this.options.persist();
    this.options.log(`${who.id}: install state ${installCase}${named ? ` (${String(scope)})` : ''}`);
    return this.view(who.id);
  }

  /** The admin's "Grant access" in the Admin console: the identity's domain is fully granted again. */
  grantAccess(body: unknown): InstallView {
    const who = identity(fields(body).identityId);
    const host: RuntimeHost = this.options.runtime().host;
    host.authorization.grantDomain(domainOf(who.email));
    this.options.persist();
    this.options.log(`admin of ${domainOf(who.email)}: Grant access`);
    return this.view(who.id);
  }

  /** The user clicked Allow on Google's consent prompt with `scopes` ticked. */
  consent(body: unknown): InstallView {
    const { identityId, scopes } = fields(body);
    const who = identity(identityId);
    const declared = this.options.runtime().manifest.oauthScopes ?? [];
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string' && declared.includes(s)))
      throw new HttpError(400, `scopes must list scopes of the manifest: ${declared.join(', ')}.`);
    this.options.runtime().host.authorization.grant(who.email, scopes as string[]);
    this.options.persist();
    this.options.log(`${who.id}: allowed ${scopes.length ? scopes.join(', ') : 'nothing'}`);
    return this.view(who.id);
  }

  /**
   * Where getAuthorizationUrl()'s link leads (/authorize?scope=…&login_hint=…): the page, signed in
   * as that user, with Google's consent prompt for those scopes open.
   */
  consentPage(url: URL): string {
    const email = url.searchParams.get('login_hint') ?? '';
    const who: SimIdentity | undefined = IDENTITIES.find(
      (i) => email !== '' && i.email.toLowerCase() === email.toLowerCase(),
    );
    const query = new URLSearchParams({ consent: url.searchParams.get('scope') ?? '' });
    if (who) query.set('identity', who.id);
    return `/?${query.toString()}`;
  }
}

function identity(identityId: unknown): SimIdentity {
  const who = findIdentity(identityId);
  if (!who) throw new HttpError(400, `Unknown identity "${String(identityId).slice(0, 100)}".`);
  return who;
}

function fields(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'Expected a JSON object.');
  return body as Record<string, unknown>;
}
