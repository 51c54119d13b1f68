/**
 * The Marketplace SDK configuration and store listing (marketplace/*.json) against the manifest and
 * Google's listing limits (sources in marketplace/README.md), and the graphics against the pixel
 * sizes the listing requires. Each check is also shown to fail on data made wrong on purpose.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CARD_BANNER,
  LIMITS,
  assetReader,
  checkMarketplace,
  loadMarketplace,
  pngSize,
  validateMarketplace,
  type MarketplaceData,
} from '../../dev/tools/deploy/marketplace';
import { Image, cardBanner, icon } from '../../dev/tools/marketplace-assets';
import { DEPLOYMENT } from '../../src/deployment';
import { CATALOGUES } from '../../src/ui/i18n';

const ROOT = path.resolve(__dirname, '..', '..');
const data = loadMarketplace(ROOT);
const readAsset = assetReader(ROOT);

function mutated(change: (d: MarketplaceData) => void): string[] {
  const copy = structuredClone(data);
  change(copy);
  return validateMarketplace(copy, readAsset).errors;
}

function errorsWithAsset(file: string, bytes: Uint8Array | undefined): string[] {
  return validateMarketplace(data, (relative) => (relative === file ? bytes : readAsset(relative))).errors;
}

describe('the repository’s Marketplace data', () => {
  it('has no errors', () => {
    expect(checkMarketplace(ROOT).errors).toEqual([]);
  });

  it('lists exactly the manifest’s scopes, in the SDK configuration and on the consent screen', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')) as {
      oauthScopes: string[];
    };
    expect([...data.config.oauthScopes].sort()).toEqual([...manifest.oauthScopes].sort());
  });

  it('lists, for the Firestore build, the same scopes and script.external_request', () => {
    const firestore = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'marketplace', 'oauth-scopes.firestore.json'), 'utf8'),
    ) as { oauthScopes: string[] };
    expect([...firestore.oauthScopes].sort()).toEqual(
      [...data.config.oauthScopes, 'https://www.googleapis.com/auth/script.external_request'].sort(),
    );
  });

  it('is installable by admins for the domain and by individual users', () => {
    expect(data.config.installationSettings).toBe('individualAndAdminInstall');
    expect(['public', 'private']).toContain(data.config.appVisibility);
    expect(data.config.appIntegration.type).toBe('googleWorkspaceAddOn');
  });

  it('uses one product name in the manifest, the consent screen and every language', () => {
    expect(data.listing.productName).toBe('Reseller Connect');
    expect(data.manifest.addOns?.common?.name).toBe(data.listing.productName);
    expect(data.config.oauthConsentScreen.appName).toBe(data.listing.productName);
    for (const texts of Object.values(data.listing.languages))
      expect(texts.name).toBe(data.listing.productName);
  });

  it('puts every URL on the domain the deployment’s support address uses', () => {
    const supportDomain = DEPLOYMENT.supportEmail.split('@')[1];
    expect(data.listing.vendorDomain).toBe(supportDomain);
    expect(data.config.oauthConsentScreen.userSupportEmail).toBe(DEPLOYMENT.supportEmail);
  });

  it('quotes only button labels the add-on really shows, in each language', () => {
    for (const [language, texts] of Object.entries(data.listing.languages)) {
      const labels = new Set(Object.values(CATALOGUES[language as 'en' | 'de']));
      const quoted = texts.detailedDescription.join('\n').match(/"([^"]+)"/g) ?? [];
      expect(quoted.length).toBeGreaterThan(0);
      for (const q of quoted) expect(labels).toContain(q.slice(1, -1));
    }
  });

  it('has graphics whose PNG headers give the required sizes', () => {
    const { applicationIcons, cardBanner: banner, screenshots } = data.listing.graphics;
    for (const [size, file] of Object.entries(applicationIcons)) {
      expect(pngSize(fs.readFileSync(path.join(ROOT, 'marketplace', file)))).toEqual({
        width: Number(size),
        height: Number(size),
      });
    }
    expect(pngSize(fs.readFileSync(path.join(ROOT, 'marketplace', banner)))).toEqual(CARD_BANNER);
    for (const file of screenshots) {
      expect(pngSize(fs.readFileSync(path.join(ROOT, 'marketplace', file)))).toEqual({
        width: 1280,
        height: 800,
      });
    }
  });

  it('has the icons and banner the generator draws (npm run marketplace:assets)', () => {
    for (const [size, file] of Object.entries(data.listing.graphics.applicationIcons)) {
      expect(fs.readFileSync(path.join(ROOT, 'marketplace', file)).equals(icon(Number(size)).png())).toBe(
        true,
      );
    }
    const banner = fs.readFileSync(path.join(ROOT, 'marketplace', data.listing.graphics.cardBanner));
    expect(banner.equals(cardBanner(data.listing.productName).png())).toBe(true);
  });
});

describe('the Marketplace checks fail on wrong data', () => {
  const AUTH = 'https://www.googleapis.com/auth/';

  it('a scope the manifest declares but the listing lacks, or the other way round', () => {
    expect(mutated((d) => d.config.oauthScopes.pop())).toEqual([expect.stringMatching(/lacks scopes/)]);
    expect(mutated((d) => d.config.oauthScopes.push(`${AUTH}spreadsheets`))).toEqual([
      expect.stringMatching(/does not declare: .*spreadsheets/),
    ]);
    expect(mutated((d) => (d.manifest.oauthScopes = [`${AUTH}gmail.addons.execute`]))).toEqual([
      expect.stringMatching(/does not declare/),
    ]);
  });

  it('texts over Google’s limits', () => {
    expect(
      mutated((d) => (d.listing.languages.en!.shortDescription = 'x'.repeat(LIMITS.shortDescriptionMax + 1))),
    ).toEqual([expect.stringMatching(/languages\.en\.shortDescription has 201 characters/)]);
    expect(
      mutated((d) => (d.listing.languages.de!.shortDescription = 'ü'.repeat(LIMITS.shortDescriptionMax))),
    ).toEqual([]);
    expect(mutated((d) => (d.listing.languages.de!.detailedDescription = ['x'.repeat(15999)]))).toEqual([]);
    expect(mutated((d) => (d.listing.languages.de!.detailedDescription = ['x'.repeat(16000)]))).toEqual([
      expect.stringMatching(/languages\.de\.detailedDescription has 16000 characters/),
    ]);
    const long = 'R'.repeat(LIMITS.nameMax + 1);
    expect(
      mutated((d) => {
        d.listing.productName = long;
        d.manifest.addOns = { common: { name: long } };
        d.config.oauthConsentScreen.appName = long;
        for (const t of Object.values(d.listing.languages)) t.name = long;
      }),
    ).toEqual([expect.stringMatching(/51 characters \(at most 50\)/)]);
  });

  it('a name with a Google product in it, or different names in different places', () => {
    expect(
      mutated((d) => {
        d.listing.productName = 'Reseller Connect for Gmail';
        d.manifest.addOns = { common: { name: 'Reseller Connect for Gmail' } };
        d.config.oauthConsentScreen.appName = 'Reseller Connect for Gmail';
        for (const t of Object.values(d.listing.languages)) t.name = 'Reseller Connect for Gmail';
      }),
    ).toEqual([expect.stringMatching(/must not use "Google"/)]);
    expect(mutated((d) => (d.config.oauthConsentScreen.appName = 'Reseller Link'))).toEqual([
      expect.stringMatching(/oauthConsentScreen\.appName must be the product name/),
    ]);
    expect(mutated((d) => (d.listing.languages.de!.name = 'Reseller Verbinden'))).toEqual([
      expect.stringMatching(/languages\.de\.name must be the product name/),
    ]);
  });

  it('a language missing, or a text missing in one', () => {
    expect(mutated((d) => delete d.listing.languages.de)).toEqual([
      expect.stringMatching(/languages\.de is missing/),
    ]);
    expect(mutated((d) => (d.listing.languages.en!.shortDescription = ' '))).toEqual([
      expect.stringMatching(/languages\.en\.shortDescription is missing/),
    ]);
    expect(mutated((d) => (d.listing.languages.de!.detailedDescription = []))).toEqual([
      expect.stringMatching(/languages\.de\.detailedDescription must be a list/),
    ]);
  });

  it('a graphic of the wrong pixel size, not a PNG, or missing', () => {
    const file = data.listing.graphics.applicationIcons['32'] as string;
    expect(errorsWithAsset(file, new Image(32, 33).png())).toEqual([
      expect.stringMatching(/icon 32x32: .* is 32x33, must be 32x32/),
    ]);
    expect(errorsWithAsset(data.listing.graphics.cardBanner, new Image(440, 280).png())).toEqual([
      expect.stringMatching(/card banner: .* is 440x280, must be 220x140/),
    ]);
    expect(
      errorsWithAsset(data.listing.graphics.screenshots[0] as string, new Image(1280, 720).png()),
    ).toEqual([expect.stringMatching(/screenshot 1: .* must be 1280x800 or 640x400 or 2560x1600/)]);
    expect(errorsWithAsset(file, new TextEncoder().encode('GIF89a, not a png at all'))).toEqual([
      expect.stringMatching(/is not a PNG file/),
    ]);
    expect(errorsWithAsset(file, undefined)).toEqual([expect.stringMatching(/does not exist/)]);
    expect(mutated((d) => (d.listing.graphics.screenshots = []))).toEqual([
      expect.stringMatching(/needs 1 to 5 screenshots/),
    ]);
  });

  it('a required URL missing, not https, off the vendor’s domain, or one page for all', () => {
    expect(mutated((d) => delete d.listing.supportLinks.support)).toEqual([
      expect.stringMatching(/supportLinks\.support is missing/),
    ]);
    expect(
      mutated((d) => {
        d.listing.supportLinks.privacyPolicy = 'http://reseller-connect.example/privacy';
        d.config.oauthConsentScreen.privacyPolicyUrl = 'http://reseller-connect.example/privacy';
      }),
    ).toEqual([
      expect.stringMatching(/supportLinks\.privacyPolicy must be an https:\/\/ URL/),
      expect.stringMatching(/oauthConsentScreen\.privacyPolicyUrl must be an https:\/\/ URL/),
    ]);
    expect(
      mutated((d) => (d.listing.supportLinks.termsOfService = 'https://elsewhere.example/terms')),
    ).toEqual([
      expect.stringMatching(/must be on the vendor's domain/),
      expect.stringMatching(/termsOfServiceUrl must be the listing's terms of service/),
    ]);
    expect(mutated((d) => (d.listing.supportLinks.support = d.listing.supportLinks.privacyPolicy!))).toEqual([
      expect.stringMatching(/three different pages/),
    ]);
  });

  it('lists placeholders still to fill, without calling them errors', () => {
    const { errors, toFill } = validateMarketplace(data, readAsset);
    expect(errors).toEqual([]);
    expect(toFill).toEqual(expect.arrayContaining([expect.stringMatching(/deploymentId/)]));
    const filled = structuredClone(data);
    filled.config.appIntegration.deploymentId = 'AKfycbz' + 'x'.repeat(40);
    expect(validateMarketplace(filled, readAsset).toFill).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/deploymentId/)]),
    );
  });
});
