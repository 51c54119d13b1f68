/**
 * What every owner entry point needs besides the store and the lock: who runs it, the Sheet, the
 * cache, time and the execution log. Apart from platform/index.ts so that the store commands
 * (migration-backend*.ts) take it without the backend this execution chose.
 */
import { scriptCache } from './cache';
import { activeUserLocale, effectiveUserEmail } from './session';
import { sheetsApi } from './sheets';

export function ownerServices() {
  return {
    effectiveEmail: effectiveUserEmail,
    locale: activeUserLocale,
    cache: scriptCache(),
    sheets: sheetsApi,
    now: (): number => Date.now(),
    sleep: (ms: number): void => Utilities.sleep(ms),
    log: (message: string): void => console.log(message),
  };
}
