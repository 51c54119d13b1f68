/**
 * What the sync needs from the Sheets API, as an interface over Google's own types
 * (`GoogleAppsScript.Sheets.Schema`): src/platform/sheets.ts implements it with the advanced
 * service. One method is one API call. Keeping every Sheet access behind this one port is what makes
 * a switch of API (or scope) one file.
 */
export type Spreadsheet = GoogleAppsScript.Sheets.Schema.Spreadsheet;
export type SheetRequest = GoogleAppsScript.Sheets.Schema.Request;

export interface SheetsApi {
  create(resource: Spreadsheet): Spreadsheet;
  /**
   * The spreadsheet's properties and every tab's properties and protected ranges; with `ranges`,
   * also their cells' entered values (so that a formula someone typed is told from text).
   */
  get(spreadsheetId: string, ranges?: readonly string[]): Spreadsheet;
  batchUpdate(spreadsheetId: string, requests: readonly SheetRequest[]): void;
  /** Writes values as given (RAW): text that came from users can never become a formula. */
  writeValues(spreadsheetId: string, data: readonly { range: string; values: (string | number)[][] }[]): void;
}
