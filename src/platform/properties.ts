/** Script and User Properties behind the store's KeyValueStore port. */
import { StoreFullError } from '../store/errors';
import type { KeyValueStore } from '../store/ports';

/** The real service words quota errors like these; they mean "nothing was written". */
const STORE_FULL = /quota|too large/i;

function adapt(properties: GoogleAppsScript.Properties.Properties): KeyValueStore {
  const write = (run: () => void): void => {
    try {
      run();
    } catch (error) {
      if (error instanceof Error && STORE_FULL.test(error.message)) throw new StoreFullError(error);
      throw error;
    }
  };
  return {
    get: (key) => properties.getProperty(key),
    getAll: () => properties.getProperties(),
    setAll: (values) => write(() => properties.setProperties(values)),
    delete: (key) => void properties.deleteProperty(key),
    replaceAll: (values) => write(() => properties.setProperties(values, true)),
  };
}

export function scriptProperties(): KeyValueStore {
  return adapt(PropertiesService.getScriptProperties());
}

export function userProperties(): KeyValueStore {
  return adapt(PropertiesService.getUserProperties());
}
