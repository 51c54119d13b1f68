import { parseStoredSettings } from '../domain/settings-rows';
import { KEYS } from './keys';
import type { KeyValueStore } from './ports';

/** Where customers write to: the Settings tab's support address (kept by the sync), else `fallback`. */
export function supportAddressIn(store: KeyValueStore, fallback: string): string {
  return parseStoredSettings(store.get(KEYS.settings)).supportAddress || fallback;
}
