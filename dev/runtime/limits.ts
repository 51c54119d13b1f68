/**
 * The documented limits of the Apps Script services the fakes enforce.
 * Sources: developers.google.com/apps-script/guides/services/quotas and the Cache reference.
 */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;
export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_DEFAULT_TTL_SECONDS = 600;
export const CACHE_MAX_TTL_SECONDS = 21_600;
export const CACHE_MAX_ITEMS = 1_000;

/** Error texts as the real services word them, so code that matches on them behaves the same here. */
export const ERRORS = {
  propertyValueTooLarge: 'Argument too large: value',
  propertyQuota: 'You have exceeded the property storage quota. Please remove some properties and try again.',
  cacheKeyTooLarge: 'Argument too large: key',
  cacheValueTooLarge: 'Argument too large: value',
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',
} as const;

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
