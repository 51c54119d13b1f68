/**
 * The Marketplace SDK configuration and store listing in `marketplace/` (data), read and checked
 * against the manifest and Google's limits. Used by the tests, by `npm run marketplace` (which prints
 * the fields for the console) and by `npm run push` / `npm run deploy`, which refuse to ship a
 * manifest whose scopes the listing does not declare.
 *
 * The Firestore build (`--store firestore`) is checked against marketplace/oauth-scopes.firestore.json
 * instead: firestoreListProblems before it is built, firestoreBuildProblems on build/appsscript.json.
 *
 * Limits (Google, "Create a store listing",
 * https://developers.google.com/workspace/marketplace/create-listing):
 * - Application name: "Limit the name to 50 characters or less"; "should match the name in your
 *   OAuth consent screen"; "Don't use the word "Google" or other Google product names".
 * - Short description: "200 character limit". Detailed description: "less than 16,000 characters".
 * - Application icons: 128 x 128 and 32 x 32 required; 96 x 96 and 48 x 48 for listings with a web
 *   app (we ship all four). Card banner: 220 x 140. Screenshots: at least one, up to five,
 *   1280 x 800 (640 x 400 or 2560 x 1600 if necessary).
 * - Support links required: terms of service, privacy policy, support.
 * Configuration (https://developers.google.com/workspace/marketplace/enable-configure-sdk): a
 * Google Workspace add-on is published by its deployment ID; the OAuth scopes "should match what
 * you display in your OAuth consent screen and if applicable, Apps Script manifest".
 */
import fs from 'node:fs';
import path from 'node:path';

export const LIMITS = {
  nameMax: 50,
  shortDescriptionMax: 200,
  /** "less than 16,000 characters". */
  detailedDescriptionBelow: 16000,
  screenshotsMin: 1,
  screenshotsMax: 5,
} as const;

export const REQUIRED_LANGUAGES = ['en', 'de'] as const;
export type ListingLanguage = (typeof REQUIRED_LANGUAGES)[number];

/** Pixel sizes per graphic slot. */
export const ICON_SIZES = [128, 96, 48, 32] as const;
export const CARD_BANNER = { width: 220, height: 140 } as const;
export const SCREENSHOT_SIZES: readonly { width: number; height: number }[] = [
  { width: 1280, height: 800 },
  { width: 640, height: 400 },
  { width: 2560, height: 1600 },
];

export const DEPLOYMENT_ID_PLACEHOLDER = 'REPLACE_WITH_DEPLOYMENT_ID';
const PLACEHOLDER = /REPLACE_WITH_/;

export interface LanguageTexts {
  name: string;
  shortDescription: string;
  detailedDescription: string[];
}

export interface Listing {
  productName: string;
  vendorDomain: string;
  defaultLanguage: string;
  category: string;
  pricing: string;
  languages: Record<string, LanguageTexts>;
  graphics: {
    applicationIcons: Record<string, string>;
    cardBanner: string;
    screenshots: string[];
  };
  supportLinks: Record<string, string>;
}

export interface AppConfiguration {
  appVisibility: 'public' | 'private';
  installationSettings: 'individualAndAdminInstall' | 'adminOnlyInstall';
  appIntegration: { type: 'googleWorkspaceAddOn'; deploymentId: string };
  oauthScopes: string[];
  developer: Record<string, string>;
  oauthConsentScreen: {
    appName: string;
    audience: string;
    userSupportEmail: string;
    homepageUrl: string;
    privacyPolicyUrl: string;
    termsOfServiceUrl: string;
    authorizedDomains: string[];
    sensitiveScopes: { scope: string; justification: string }[];
  };
}

export interface Manifest {
  oauthScopes?: unknown;
  addOns?: { common?: { name?: unknown } };
}

export interface MarketplaceData {
  config: AppConfiguration;
  listing: Listing;
  manifest: Manifest;
}

export interface Findings {
  /** Wrong data: nothing may be pushed until it is fixed. */
  errors: string[];
  /** Values the owner still has to fill in before the listing is submitted (placeholders). */
  toFill: string[];
}

/** Thrown for a file that is missing or is not the JSON object it should be. */
export class DataFileError extends Error {}

export const MARKETPLACE_FILES = {
  config: path.join('marketplace', 'app-configuration.json'),
  listing: path.join('marketplace', 'listing.json'),
  manifest: 'appsscript.json',
} as const;

export function readJsonObject(root: string, file: string): Record<string, unknown> {
  const full = path.join(root, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    throw new DataFileError(`${file} is missing. Restore it from git (git show HEAD:${file}).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new DataFileError(
      `${file} is not valid JSON (${(e as Error).message}). Fix the file and run again.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DataFileError(`${file} must hold one JSON object.`);
  }
  return parsed as Record<string, unknown>;
}

export function loadMarketplace(root: string): MarketplaceData {
  return {
    // The shapes are checked field by field in validateMarketplace, which reads them defensively.
    config: readJsonObject(root, MARKETPLACE_FILES.config) as unknown as AppConfiguration,
    listing: readJsonObject(root, MARKETPLACE_FILES.listing) as unknown as Listing,
    manifest: readJsonObject(root, MARKETPLACE_FILES.manifest) as Manifest,
  };
}

/** Width and height from a PNG's IHDR chunk, or a reason it is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | string {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return 'not a PNG file';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return 'PNG without an IHDR chunk first';
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Characters as people count them (code points, so an emoji or umlaut is one). */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function httpsUrlProblem(label: string, value: unknown, vendorDomain: string): string | undefined {
  if (!isString(value) || value.trim() === '') return `${label} is missing`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${label} is not a URL: ${value}`;
  }
  if (url.protocol !== 'https:') return `${label} must be an https:// URL: ${value}`;
  const host = url.hostname.toLowerCase();
  const domain = vendorDomain.toLowerCase();
  if (domain && host !== domain && !host.endsWith(`.${domain}`)) {
    return `${label} must be on the vendor's domain ${vendorDomain} (listing.json vendorDomain): ${value}`;
  }
  return undefined;
}

/** Where a list of scopes (`listed`, from `listFile`) differs from a manifest's `oauthScopes`. */
export function scopeProblems(
  listedValue: unknown,
  listFile: string,
  manifestValue: unknown,
  manifestFile: string,
): string[] {
  const errors: string[] = [];
  const manifestScopes = Array.isArray(manifestValue) ? manifestValue.filter(isString) : [];
  if (manifestScopes.length === 0) errors.push(`${manifestFile} declares no oauthScopes`);
  const listed = Array.isArray(listedValue) ? listedValue.filter(isString) : [];
  const missing = manifestScopes.filter((s) => !listed.includes(s));
  const extra = listed.filter((s) => !manifestScopes.includes(s));
  if (missing.length > 0) {
    errors.push(`${listFile} oauthScopes lacks scopes ${manifestFile} declares: ${missing.join(', ')}`);
  }
  if (extra.length > 0) {
    errors.push(`${listFile} oauthScopes lists scopes ${manifestFile} does not declare: ${extra.join(', ')}`);
  }
  if (new Set(listed).size !== listed.length) errors.push(`${listFile} oauthScopes lists a scope twice`);
  return errors;
}

/**
 * Every check of the data against itself, the manifest and the limits. `readAsset` returns a
 * graphic's bytes (relative to marketplace/), or undefined when the file does not exist.
 */
export function validateMarketplace(
  data: MarketplaceData,
  readAsset: (relative: string) => Uint8Array | undefined,
): Findings {
  const errors: string[] = [];
  const toFill: string[] = [];
  const { config, listing, manifest } = data;
  const configFile = MARKETPLACE_FILES.config;
  const listingFile = MARKETPLACE_FILES.listing;

  // Scopes: the manifest, the Marketplace SDK and the consent screen ask for the same set.
  errors.push(...scopeProblems(config.oauthScopes, configFile, manifest.oauthScopes, 'appsscript.json'));

  // Visibility, install modes, the deployment.
  if (config.appVisibility !== 'public' && config.appVisibility !== 'private') {
    errors.push(`${configFile} appVisibility must be "public" or "private"`);
  }
  if (
    config.installationSettings !== 'individualAndAdminInstall' &&
    config.installationSettings !== 'adminOnlyInstall'
  ) {
    errors.push(
      `${configFile} installationSettings must be "individualAndAdminInstall" or "adminOnlyInstall"`,
    );
  }
  const integration = config.appIntegration as Partial<AppConfiguration['appIntegration']> | undefined;
  if (integration?.type !== 'googleWorkspaceAddOn') {
    errors.push(`${configFile} appIntegration.type must be "googleWorkspaceAddOn"`);
  }
  if (!isString(integration?.deploymentId) || integration.deploymentId.trim() === '') {
    errors.push(`${configFile} appIntegration.deploymentId is missing (use "${DEPLOYMENT_ID_PLACEHOLDER}")`);
  } else if (integration.deploymentId === DEPLOYMENT_ID_PLACEHOLDER) {
    toFill.push(`${configFile} appIntegration.deploymentId (DEPLOYING.md, "The deployment")`);
  }

  // The product name: one name in the manifest, the consent screen and every listing language.
  const name = listing.productName;
  const manifestName = manifest.addOns?.common?.name;
  if (!isString(name) || name.trim() === '') {
    errors.push(`${listingFile} productName is missing`);
  } else {
    if (characterCount(name) > LIMITS.nameMax) {
      errors.push(
        `${listingFile} productName has ${characterCount(name)} characters (at most ${LIMITS.nameMax})`,
      );
    }
    if (/google|gmail|workspace/i.test(name)) {
      errors.push(`${listingFile} productName must not use "Google" or a Google product name: ${name}`);
    }
    if (manifestName !== name) {
      errors.push(
        `appsscript.json addOns.common.name (${String(manifestName)}) differs from the product name ${name}`,
      );
    }
    if (config.oauthConsentScreen?.appName !== name) {
      errors.push(`${configFile} oauthConsentScreen.appName must be the product name ${name}`);
    }
  }

  // Texts per language, within the limits.
  const languages =
    typeof listing.languages === 'object' && listing.languages !== null ? listing.languages : {};
  if (!Object.keys(languages).includes(listing.defaultLanguage)) {
    errors.push(`${listingFile} defaultLanguage ${String(listing.defaultLanguage)} has no texts`);
  }
  for (const language of REQUIRED_LANGUAGES) {
    const texts = languages[language] as Partial<LanguageTexts> | undefined;
    const where = `${listingFile} languages.${language}`;
    if (!texts) {
      errors.push(`${where} is missing`);
      continue;
    }
    if (texts.name !== name) errors.push(`${where}.name must be the product name ${String(name)}`);
    const short = texts.shortDescription;
    if (!isString(short) || short.trim() === '') errors.push(`${where}.shortDescription is missing`);
    else if (characterCount(short) > LIMITS.shortDescriptionMax) {
      errors.push(
        `${where}.shortDescription has ${characterCount(short)} characters (at most ${LIMITS.shortDescriptionMax})`,
      );
    }
    const paragraphs = texts.detailedDescription;
    if (!Array.isArray(paragraphs) || paragraphs.length === 0 || !paragraphs.every(isString)) {
      errors.push(`${where}.detailedDescription must be a list of paragraphs`);
    } else {
      const detailed = detailedDescription(paragraphs);
      if (detailed.trim() === '') errors.push(`${where}.detailedDescription is empty`);
      if (characterCount(detailed) >= LIMITS.detailedDescriptionBelow) {
        errors.push(
          `${where}.detailedDescription has ${characterCount(detailed)} characters (fewer than ${LIMITS.detailedDescriptionBelow} allowed)`,
        );
      }
    }
  }
  if (!isString(listing.category) || listing.category.trim() === '')
    errors.push(`${listingFile} category is missing`);

  // Support links: required, https, on the vendor's domain, and not one page for all three.
  const vendorDomain = isString(listing.vendorDomain) ? listing.vendorDomain : '';
  if (vendorDomain === '') errors.push(`${listingFile} vendorDomain is missing`);
  const links =
    typeof listing.supportLinks === 'object' && listing.supportLinks !== null ? listing.supportLinks : {};
  const required = ['termsOfService', 'privacyPolicy', 'support'];
  for (const key of required) {
    const problem = httpsUrlProblem(`${listingFile} supportLinks.${key}`, links[key], vendorDomain);
    if (problem) errors.push(problem);
  }
  for (const [key, value] of Object.entries(links)) {
    if (required.includes(key)) continue;
    const problem = httpsUrlProblem(`${listingFile} supportLinks.${key}`, value, vendorDomain);
    if (problem) errors.push(problem);
  }
  const requiredValues = required.map((k) => links[k]).filter(isString);
  if (new Set(requiredValues).size !== requiredValues.length) {
    errors.push(`${listingFile} terms of service, privacy policy and support must be three different pages`);
  }
  const consent = config.oauthConsentScreen;
  for (const key of ['homepageUrl', 'privacyPolicyUrl', 'termsOfServiceUrl'] as const) {
    const problem = httpsUrlProblem(`${configFile} oauthConsentScreen.${key}`, consent?.[key], vendorDomain);
    if (problem) errors.push(problem);
  }
  if (consent?.privacyPolicyUrl !== links.privacyPolicy) {
    errors.push(`${configFile} oauthConsentScreen.privacyPolicyUrl must be the listing's privacy policy`);
  }
  if (consent?.termsOfServiceUrl !== links.termsOfService) {
    errors.push(`${configFile} oauthConsentScreen.termsOfServiceUrl must be the listing's terms of service`);
  }
  if (!Array.isArray(consent?.authorizedDomains) || !consent.authorizedDomains.includes(vendorDomain)) {
    errors.push(`${configFile} oauthConsentScreen.authorizedDomains must include ${vendorDomain}`);
  }
  for (const key of ['websiteUrl', 'applicationWebsiteUrl']) {
    const problem = httpsUrlProblem(`${configFile} developer.${key}`, config.developer?.[key], vendorDomain);
    if (problem) errors.push(problem);
  }
  if (vendorDomain.endsWith('.example')) {
    toFill.push(`${listingFile} vendorDomain and every URL on it (${vendorDomain} is a placeholder domain)`);
  }
  for (const [key, value] of Object.entries(config.developer ?? {})) {
    if (isString(value) && PLACEHOLDER.test(value)) toFill.push(`${configFile} developer.${key}`);
  }

  // Graphics: files of the required pixel sizes.
  const graphics = listing.graphics;
  const checkPng = (
    label: string,
    file: unknown,
    sizes: readonly { width: number; height: number }[],
  ): void => {
    if (!isString(file) || file === '') {
      errors.push(`${listingFile} ${label} is missing`);
      return;
    }
    const bytes = readAsset(file);
    if (!bytes) {
      errors.push(`${label}: marketplace/${file} does not exist (npm run marketplace:assets makes it)`);
      return;
    }
    const size = pngSize(bytes);
    if (typeof size === 'string') {
      errors.push(`${label}: marketplace/${file} is ${size}`);
      return;
    }
    if (!sizes.some((s) => s.width === size.width && s.height === size.height)) {
      const wanted = sizes.map((s) => `${s.width}x${s.height}`).join(' or ');
      errors.push(`${label}: marketplace/${file} is ${size.width}x${size.height}, must be ${wanted}`);
    }
  };
  const icons = graphics?.applicationIcons ?? {};
  for (const size of ICON_SIZES) {
    checkPng(`application icon ${size}x${size}`, icons[String(size)], [{ width: size, height: size }]);
  }
  checkPng('card banner', graphics?.cardBanner, [CARD_BANNER]);
  const screenshots = Array.isArray(graphics?.screenshots) ? graphics.screenshots : [];
  if (screenshots.length < LIMITS.screenshotsMin || screenshots.length > LIMITS.screenshotsMax) {
    errors.push(`${listingFile} needs ${LIMITS.screenshotsMin} to ${LIMITS.screenshotsMax} screenshots`);
  }
  screenshots.forEach((file, i) => checkPng(`screenshot ${i + 1}`, file, SCREENSHOT_SIZES));

  return { errors, toFill };
}

/** The detailed description as pasted into the console: paragraphs separated by a blank line. */
export function detailedDescription(paragraphs: readonly string[]): string {
  return paragraphs.join('\n\n');
}

export function assetReader(root: string): (relative: string) => Uint8Array | undefined {
  return (relative) => {
    const full = path.join(root, 'marketplace', relative);
    return fs.existsSync(full) ? fs.readFileSync(full) : undefined;
  };
}

/** Loads and checks the repository's own data; the error list is empty when all is well. */
export function checkMarketplace(root: string): Findings & { data?: MarketplaceData } {
  let data: MarketplaceData;
  try {
    data = loadMarketplace(root);
  } catch (e) {
    if (e instanceof DataFileError) return { errors: [e.message], toFill: [] };
    throw e;
  }
  return { ...validateMarketplace(data, assetReader(root)), data };
}

/**
 * The two builds (webpack.config.cjs STORE): `properties`, the default (`npm run build`), and
 * `firestore` (`npm run build:firestore`). Both write build/, which clasp pushes.
 */
export const STORES = ['properties', 'firestore'] as const;
export type Store = (typeof STORES)[number];

/** The Marketplace SDK's and consent screen's scope list for the Firestore build. */
export const FIRESTORE_SCOPES_FILE = path.join('marketplace', 'oauth-scopes.firestore.json');
export const BUILT_MANIFEST = path.join('build', 'appsscript.json');

/**
 * What the Firestore build adds to the manifest: webpack.config.cjs FIRESTORE_MANIFEST, repeated here
 * so that the deploy scripts can tell that build from the default one (test/unit/deploy.test.ts
 * compares the two).
 */
export const FIRESTORE_MANIFEST = {
  oauthScopes: ['https://www.googleapis.com/auth/script.external_request'],
  urlFetchWhitelist: ['https://oauth2.googleapis.com/token', 'https://firestore.googleapis.com/'],
} as const;

/**
 * Before the Firestore build exists: marketplace/oauth-scopes.firestore.json is the default list
 * (app-configuration.json, already checked against appsscript.json) and what the Firestore build adds.
 */
export function firestoreListProblems(root: string, config: AppConfiguration): string[] {
  let list: Record<string, unknown>;
  try {
    list = readJsonObject(root, FIRESTORE_SCOPES_FILE);
  } catch (e) {
    if (e instanceof DataFileError) return [e.message];
    throw e;
  }
  const base = Array.isArray(config.oauthScopes) ? config.oauthScopes : [];
  const expected = [...base, ...FIRESTORE_MANIFEST.oauthScopes];
  return scopeProblems(
    list.oauthScopes,
    FIRESTORE_SCOPES_FILE,
    expected,
    `the Firestore build (appsscript.json and ${FIRESTORE_MANIFEST.oauthScopes.join(', ')})`,
  );
}

/**
 * After `npm run build:firestore`: build/appsscript.json carries the Firestore build's scope and
 * urlFetchWhitelist, and its scopes are exactly marketplace/oauth-scopes.firestore.json's.
 */
export function firestoreBuildProblems(root: string): string[] {
  let manifest: Record<string, unknown>;
  let list: Record<string, unknown>;
  try {
    manifest = readJsonObject(root, BUILT_MANIFEST);
    list = readJsonObject(root, FIRESTORE_SCOPES_FILE);
  } catch (e) {
    if (e instanceof DataFileError) return [e.message];
    throw e;
  }
  const errors: string[] = [];
  const scopes = Array.isArray(manifest.oauthScopes) ? manifest.oauthScopes : [];
  const whitelist = Array.isArray(manifest.urlFetchWhitelist) ? manifest.urlFetchWhitelist : [];
  const lacking = [
    ...FIRESTORE_MANIFEST.oauthScopes.filter((s) => !scopes.includes(s)).map((s) => `scope ${s}`),
    ...FIRESTORE_MANIFEST.urlFetchWhitelist
      .filter((u) => !whitelist.includes(u))
      .map((u) => `urlFetchWhitelist entry ${u}`),
  ];
  if (lacking.length > 0) {
    errors.push(`${BUILT_MANIFEST} is not the Firestore build: it lacks ${lacking.join(', ')}`);
  }
  errors.push(
    ...scopeProblems(list.oauthScopes, FIRESTORE_SCOPES_FILE, manifest.oauthScopes, BUILT_MANIFEST),
  );
  return errors;
}
