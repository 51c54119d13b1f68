/**
 * The owner's entry points (`setup`, the sync) and what they need. Each checks first that it runs
 * as the deployment's owner — an address fixed in src/deployment.ts — whatever called it: Apps
 * Script lets a card action name any top-level function, so a customer could call `setup` too.
 */
import { SHEET_TEXTS, sheetLanguage, type SheetLanguage } from '../sheet/messages';
import type { SheetsApi } from '../sheet/ports';
import type { Cache, KeyValueStore, ScriptLock } from '../store/ports';

export interface OwnerDependencies {
  /** Session.getEffectiveUser(): the trigger's creator in a trigger, the caller in an add-on. */
  effectiveEmail(): string;
  locale(): string;
  ownerEmail: string;
  scriptStore: KeyValueStore;
  cache: Cache;
  lock: ScriptLock;
  sheets: SheetsApi;
  now(): number;
  /** Utilities.sleep: waits before the sync tries the Sheets API again after a quota error. */
  sleep(ms: number): void;
  log(message: string): void;
}

/** The refusal, in the caller's language, when the caller is not the owner; undefined for the owner. */
export function refusalForNonOwner(deps: OwnerDependencies): string | undefined {
  // The locale is read only for a refusal: the owner's idle trigger run stays at two calls.
  const texts = (): (typeof SHEET_TEXTS)[SheetLanguage]['report'] =>
    SHEET_TEXTS[sheetLanguage(deps.locale())].report;
  const owner = deps.ownerEmail.trim().toLowerCase();
  if (owner === '') return texts().noOwnerConfigured;
  const caller = deps.effectiveEmail().trim().toLowerCase();
  return caller === owner ? undefined : texts().notOwner(caller);
}
