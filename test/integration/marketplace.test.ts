/**
 * The built add-on against what the manifest and the Marketplace listing promise: the manifest that
 * clasp pushes asks for the listing's scopes, and every link a card can show matches an
 * `openLinkUrlPrefixes` entry (Gmail refuses to open any other link).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadMarketplace } from '../../dev/tools/deploy/marketplace';
import { approved, client, runtimeWith, user } from '../support/addon';
import { firestoreBuildDir } from '../support/firestore-build';

const ROOT = path.resolve(__dirname, '..', '..');
const built = JSON.parse(fs.readFileSync(path.join(ROOT, 'build', 'appsscript.json'), 'utf8')) as {
  oauthScopes: string[];
  addOns: { common: { openLinkUrlPrefixes?: string[]; universalActions?: { openLink?: string }[] } };
};
const prefixes = built.addOns.common.openLinkUrlPrefixes ?? [];

/** Every link in a JSON tree: OpenLink urls and the href of links in card text. */
function linksIn(tree: unknown): string[] {
  if (typeof tree === 'string') return [...tree.matchAll(/href="([^"]*)"/g)].map((m) => m[1] as string);
  if (Array.isArray(tree)) return tree.flatMap(linksIn);
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.entries(tree).flatMap(([key, value]) => {
    if (key === 'openLink' && typeof value === 'object' && value !== null && 'url' in value) {
      return [String((value as { url: unknown }).url), ...linksIn(value)];
    }
    if (key === 'openLink' && typeof value === 'string') return [value];
    return linksIn(value);
  });
}

function decodeEntities(link: string): string {
  return link
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

describe('the built manifest and the Marketplace listing', () => {
  it('ask for the same scopes', () => {
    const { config } = loadMarketplace(ROOT);
    expect([...built.oauthScopes].sort()).toEqual([...config.oauthScopes].sort());
  });

  it('ask for the same scopes on the Firestore build too (marketplace/oauth-scopes.firestore.json)', () => {
    const dir = firestoreBuildDir();
    const firestore = JSON.parse(fs.readFileSync(path.join(dir, 'appsscript.json'), 'utf8')) as {
      oauthScopes: string[];
      urlFetchWhitelist: string[];
    };
    const listed = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'marketplace', 'oauth-scopes.firestore.json'), 'utf8'),
    ) as { oauthScopes: string[] };
    expect([...firestore.oauthScopes].sort()).toEqual([...listed.oauthScopes].sort());
    // The default build asks for none of it.
    expect(built.oauthScopes).not.toContain('https://www.googleapis.com/auth/script.external_request');
    expect(built).not.toHaveProperty('urlFetchWhitelist');
  }, 60_000);

  it('allow only https: and mailto: link prefixes', () => {
    expect(prefixes.length).toBeGreaterThan(0);
    for (const prefix of prefixes) expect(prefix).toMatch(/^(https:\/\/[^/]+\/?|mailto:)/);
  });

  it('cover every link the cards show, in every flow that shows one', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@links.example'));
    anna.click('I have a Google Workspace reseller');
    anna.type('resellerQuery', 'qqqq zzzz nothing like it');
    anna.click('Search');
    anna.type('resellerQuery', `${approved('Müller IT GmbH').name} — mueller-it.de (DE)`);
    anna.click('Search');
    anna.click('Share contacts now');
    const hidden = client(runtime, user('', 'de'));
    const personal = client(runtime, user('someone@gmail.com'));
    const links = [anna, hidden, personal]
      .flatMap((c) => [...c.history.map((r) => r.value), ...c.stack])
      .flatMap(linksIn)
      .map(decodeEntities);
    // The support address is linked on the no-result and hidden-account cards at least.
    expect(links.filter((l) => l.startsWith('mailto:')).length).toBeGreaterThanOrEqual(2);
    const manifestLinks = (built.addOns.common.universalActions ?? []).flatMap((a) =>
      a.openLink ? [a.openLink] : [],
    );
    for (const link of [...links, ...manifestLinks]) {
      expect({ link, covered: prefixes.some((p) => link.startsWith(p)) }).toEqual({ link, covered: true });
    }
  });
});
