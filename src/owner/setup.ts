/**
 * `setup`, run once by the owner from the Apps Script editor: creates the backing Sheet (or repairs
 * the one it created before) and says which time-driven trigger to add. Running it again changes
 * nothing on a complete Sheet; after an update it appends the Settings rows the new version defines.
 */
import { ensureBackingSheet } from '../sheet/backing-sheet';
import { SHEET_TEXTS, sheetLanguage } from '../sheet/messages';
import { KEYS } from '../store/keys';
import { refusalForNonOwner, type OwnerDependencies } from './owner';

export const SYNC_FUNCTION = 'runSync';
export const DEFAULT_SYNC_MINUTES = 15;

export interface SetupReport {
  ok: boolean;
  lines: string[];
}

export function setup(deps: OwnerDependencies): SetupReport {
  const refusal = refusalForNonOwner(deps);
  if (refusal !== undefined) return report(deps, false, [refusal]);
  const language = sheetLanguage(deps.locale());
  const texts = SHEET_TEXTS[language].report;
  const existing = deps.scriptStore.get(KEYS.sheetId);
  const outcome = ensureBackingSheet(deps.sheets, existing, language);
  if (outcome.kind === 'notReadable') return report(deps, false, [texts.notReadable]);
  if (existing !== outcome.spreadsheetId) deps.scriptStore.setAll({ [KEYS.sheetId]: outcome.spreadsheetId });
  const first =
    outcome.kind === 'created'
      ? texts.created(outcome.url)
      : outcome.kind === 'repaired'
        ? texts.repaired(outcome.repaired.join('; '))
        : texts.unchanged(outcome.url);
  return report(deps, true, [first, texts.trigger(SYNC_FUNCTION, DEFAULT_SYNC_MINUTES)]);
}

function report(deps: OwnerDependencies, ok: boolean, lines: string[]): SetupReport {
  for (const line of lines) deps.log(line);
  return { ok, lines };
}
