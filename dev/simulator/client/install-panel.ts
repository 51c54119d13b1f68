/// <reference lib="dom" />
/**
 * The Install state panel: how Gmail comes to run the add-on for the signed-in identity — (a) the
 * admin's Marketplace install for the domain, (b) an install of the user's own, (c) the admin's
 * install with the user's org unit not turned on, (d) a scope the user declined, (e) a scope an
 * update added that the admin has not granted yet — with one line on each, which scopes that leaves
 * granted, and the admin's "Grant access" (Admin console) for (e). A change re-runs the sidebar.
 */
import { $, api } from './api';

type InstallCase = 'admin' | 'individual' | 'orgUnitOff' | 'declined' | 'updateNotGranted';

interface InstallView {
  identityId: string;
  email: string;
  domain: string;
  installCase: InstallCase;
  scope?: string;
  explanation: string;
  granted: string[];
  missing: string[];
  domainPartial: boolean;
  cases: { id: InstallCase; label: string; namesScope: boolean }[];
  scopes: { scope: string; words: string }[];
}

export interface InstallPanelOptions {
  /** The install state changed: Gmail shows the sidebar anew. */
  onChanged: () => void;
  log: (line: string) => void;
}

export interface InstallPanel {
  load(identityId: string): Promise<void>;
}

const PREFERRED_SCOPE = 'https://www.googleapis.com/auth/userinfo.email';

export function initInstallPanel(options: InstallPanelOptions): InstallPanel {
  const panel = $('#install-panel');
  const caseSelect = $<HTMLSelectElement>('#install-case');
  const scopeSelect = $<HTMLSelectElement>('#install-scope');
  const scopeRow = $('#install-scope-row');
  const grant = $<HTMLButtonElement>('#install-grant');
  let view: InstallView | undefined;

  const short = (scope: string): string => scope.replace('https://www.googleapis.com/auth/', '');

  const show = (next: InstallView): void => {
    view = next;
    $('#install-email').textContent = next.email || '(email hidden)';
    caseSelect.replaceChildren(
      ...next.cases.map((c) =>
        Object.assign(document.createElement('option'), { value: c.id, textContent: c.label }),
      ),
    );
    caseSelect.value = next.installCase;
    scopeSelect.replaceChildren(
      ...next.scopes.map((s) =>
        Object.assign(document.createElement('option'), {
          value: s.scope,
          textContent: `${short(s.scope)} — ${s.words}`,
        }),
      ),
    );
    const namesScope = next.cases.find((c) => c.id === next.installCase)?.namesScope ?? false;
    scopeRow.hidden = !namesScope;
    scopeSelect.value = next.scope ?? defaultScope(next);
    $('#install-explanation').textContent = next.explanation;
    $('#install-granted').textContent =
      next.installCase === 'orgUnitOff'
        ? 'Gmail runs nothing for this user.'
        : `Granted: ${next.granted.map(short).join(', ') || 'nothing'}. Missing: ${next.missing.map(short).join(', ') || 'nothing'}.`;
    grant.hidden = !next.domainPartial;
    grant.textContent = `Grant access for ${next.domain} (the admin, in the Admin console)`;
  };

  const defaultScope = (v: InstallView): string => {
    const declared = v.scopes.map((s) => s.scope);
    return declared.includes(PREFERRED_SCOPE) ? PREFERRED_SCOPE : (declared[declared.length - 1] ?? '');
  };

  const busy = async (work: () => Promise<InstallView>): Promise<void> => {
    panel.setAttribute('aria-busy', 'true');
    try {
      show(await work());
      options.onChanged();
    } catch (error) {
      options.log(`Install state: ${(error as Error).message}`);
      if (view) show(view);
    } finally {
      panel.removeAttribute('aria-busy');
    }
  };

  const apply = (): Promise<void> => {
    const current = view;
    if (!current) return Promise.resolve();
    const installCase = caseSelect.value as InstallCase;
    const namesScope = current.cases.find((c) => c.id === installCase)?.namesScope ?? false;
    const scope = namesScope ? scopeSelect.value || defaultScope(current) : undefined;
    options.log(`Install state: ${installCase}${scope ? ` (${short(scope)})` : ''}`);
    return busy(() =>
      api<InstallView>('POST', '/api/install', { identityId: current.identityId, installCase, scope }),
    );
  };

  caseSelect.addEventListener('change', () => void apply());
  scopeSelect.addEventListener('change', () => void apply());
  grant.addEventListener('click', () => {
    const current = view;
    if (!current) return;
    options.log(`Admin console: Grant access for ${current.domain}`);
    void busy(() =>
      api<InstallView>('POST', '/api/install/grant-access', { identityId: current.identityId }),
    );
  });

  return {
    async load(identityId) {
      try {
        show(await api<InstallView>('GET', `/api/install?identity=${encodeURIComponent(identityId)}`));
      } catch (error) {
        options.log(`Could not read the install state: ${(error as Error).message}`);
      }
    },
  };
}
