/**
 * The Google Sheets API v4 as the `Sheets` advanced service reaches it: spreadsheets with tabs,
 * cells (entered value and note), data validation and protected ranges, A1 ranges, the values and
 * batchUpdate methods, the per-cell and per-spreadsheet limits, the per-minute quotas and drive.file
 * access (only the creator, and whom the host shares a file with, may open it).
 *
 * Pure and in-process: the host owns one `SheetsStore`; an execution reaches it through the
 * `sheets.call` op with JSON arguments and gets JSON back (or an API error as data), so that worker
 * threads reach it by message like every other store.
 *
 * Sources (developers.google.com/workspace/sheets/api/…): reference/rest/v4/spreadsheets.values,
 * reference/rest/v4/ValueRenderOption, reference/rest/v4/ValueInputOption, guides/concepts (A1
 * notation), limits. Where each part lives:
 *
 *   store.ts     SheetsStore: dispatch, access, create/get/batchUpdate, snapshots, host-side helpers
 *   values.ts    the spreadsheets.values methods
 *   requests.ts  the batchUpdate request kinds
 *   views.ts     the stored model as get and the replies show it
 *   masks.ts     field masks
 *   grid.ts      grid size, inserted and deleted rows and columns, validations, protections
 *   cells.ts     typed-in values, number display, formula evaluation
 *   a1.ts        A1 ranges and column letters
 *   quota.ts     the per-minute quota
 *   model.ts     the stored model; errors.ts, ids.ts, args.ts
 */
export { columnLetter, formatRange, quoteTitle } from './a1';
export { evaluateFormula, formatNumber, parseUserEntered, UNEVALUATED_FORMULA } from './cells';
export { SHEETS_ERRORS, type SheetsApiError } from './errors';
export { parseMask } from './masks';
export {
  SHEETS_LIMITS,
  type SheetsSnapshot,
  type StoredCell,
  type StoredSheet,
  type StoredSpreadsheet,
} from './model';
export { DEFAULT_SHEETS_QUOTA, type SheetsQuota } from './quota';
export {
  SHEETS_METHODS,
  SheetsStore,
  type CellView,
  type SheetsMethod,
  type SheetsReply,
  type SpreadsheetSummary,
} from './store';
