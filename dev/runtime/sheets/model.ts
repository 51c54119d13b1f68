/**
 * The stored model of the Sheets fake: plain JSON, so that snapshots and working copies are a
 * structuredClone. A cell keeps what was entered (one field of an ExtendedValue), never what it shows.
 */
export type CellData = GoogleAppsScript.Sheets.Schema.CellData;
export type DataValidationRule = GoogleAppsScript.Sheets.Schema.DataValidationRule;
export type ExtendedValue = GoogleAppsScript.Sheets.Schema.ExtendedValue;
export type GridRange = GoogleAppsScript.Sheets.Schema.GridRange;
export type ProtectedRange = GoogleAppsScript.Sheets.Schema.ProtectedRange;
export type SheetProperties = GoogleAppsScript.Sheets.Schema.SheetProperties;
export type Spreadsheet = GoogleAppsScript.Sheets.Schema.Spreadsheet;
export type UpdateValuesResponse = GoogleAppsScript.Sheets.Schema.UpdateValuesResponse;
export type ValueRange = GoogleAppsScript.Sheets.Schema.ValueRange;

export const SHEETS_LIMITS = {
  charactersPerCell: 50_000,
  cellsPerSpreadsheet: 10_000_000,
  /** Column ZZZ. */
  columnsPerSheet: 18_278,
  defaultRowCount: 1000,
  defaultColumnCount: 26,
} as const;

/** A cell as stored: what was entered (one field of an ExtendedValue) and its note. */
export interface StoredCell {
  value?: ExtendedValue;
  note?: string;
}

type StoredRow = (StoredCell | null)[];

/** A range of one tab without its sheetId; an absent end runs to the grid's edge. */
export type Box = Omit<GridRange, 'sheetId'>;

/** Validation rules by range; a later entry wins over an earlier one where they overlap. */
interface StoredValidation {
  range: Box;
  rule: DataValidationRule | null;
}

export interface StoredSheet {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  frozenColumnCount: number;
  hidden: boolean;
  cells: (StoredRow | null)[];
  validations: StoredValidation[];
  protectedRanges: ProtectedRange[];
}

export interface StoredSpreadsheet {
  spreadsheetId: string;
  title: string;
  locale: string;
  timeZone: string;
  /** Who created it (lower case): the only one drive.file lets open it, with `sharedWith`. */
  owner: string;
  sharedWith: string[];
  /** In tab order. */
  sheets: StoredSheet[];
  /** Counter behind the deterministic sheet and protected-range ids. */
  serial: number;
}

export interface SheetsSnapshot {
  created: number;
  spreadsheets: StoredSpreadsheet[];
}

export type Dimension = 'ROWS' | 'COLUMNS';

/**
 * How a method reaches a spreadsheet as `caller`: `open` to read it, `mutate` to change it. Both
 * check drive.file access first (404 for an unknown id, 403 for one not shared with the caller).
 */
export interface SpreadsheetAccess {
  open(spreadsheetId: unknown, caller: string): StoredSpreadsheet;
  /** Changes a working copy and keeps it only if every step succeeds: requests apply atomically. */
  mutate<T>(spreadsheetId: unknown, caller: string, change: (book: StoredSpreadsheet) => T): T;
}

/** Tab titles are unique without regard to case, and found the same way. */
function sameTitle(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function tabNamed(book: StoredSpreadsheet, title: string): StoredSheet | undefined {
  return book.sheets.find((s) => sameTitle(s.title, title));
}

/** Whether a tab other than `except` has this title. */
export function titleInUse(book: StoredSpreadsheet, title: string, except?: StoredSheet): boolean {
  return book.sheets.some((s) => s !== except && sameTitle(s.title, title));
}
