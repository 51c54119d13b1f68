/** The stored model as the API shows it: what `get`, `create` and the batchUpdate replies answer with. */
import { readArea, type BoundedArea } from './a1';
import { cellAt, effectiveOf, formattedOf } from './cells';
import { canEditProtected, validationAt, widest } from './grid';
import type {
  CellData,
  ProtectedRange,
  SheetProperties,
  Spreadsheet,
  StoredSheet,
  StoredSpreadsheet,
} from './model';

type GridData = GoogleAppsScript.Sheets.Schema.GridData;
type RowData = GoogleAppsScript.Sheets.Schema.RowData;
type Sheet = GoogleAppsScript.Sheets.Schema.Sheet;

export function sheetProperties(book: StoredSpreadsheet, sheet: StoredSheet): SheetProperties {
  // JSON leaves out fields at their defaults (0, false), as the API's responses do.
  const grid: GoogleAppsScript.Sheets.Schema.GridProperties = {
    rowCount: sheet.rowCount,
    columnCount: sheet.columnCount,
  };
  if (sheet.frozenRowCount > 0) grid.frozenRowCount = sheet.frozenRowCount;
  if (sheet.frozenColumnCount > 0) grid.frozenColumnCount = sheet.frozenColumnCount;
  const properties: SheetProperties = {
    sheetId: sheet.sheetId,
    title: sheet.title,
    index: book.sheets.indexOf(sheet),
    sheetType: 'GRID',
    gridProperties: grid,
  };
  if (sheet.hidden) properties.hidden = true;
  return properties;
}

export function protectedView(
  book: StoredSpreadsheet,
  range: ProtectedRange,
  caller: string,
): ProtectedRange {
  const view: ProtectedRange = structuredClone(range);
  // "This field is only visible to users with edit access to the protected range."
  if (canEditProtected(book, range, caller)) view.requestingUserCanEdit = true;
  else delete view.editors;
  return view;
}

export function cellData(sheet: StoredSheet, r: number, c: number): CellData {
  const stored = cellAt(sheet, r, c);
  const data: CellData = {};
  if (stored?.value) {
    data.userEnteredValue = { ...stored.value };
    data.effectiveValue = effectiveOf(stored.value);
    data.formattedValue = formattedOf(stored.value);
  }
  if (stored?.note) data.note = stored.note;
  const rule = validationAt(sheet, r, c);
  if (rule) data.dataValidation = structuredClone(rule);
  return data;
}

/**
 * One GridData per requested range: rows up to the last one with content, each row's cells up to
 * its last with content (an empty cell is {}). Row and column metadata are not produced.
 */
function gridData(area: BoundedArea): GridData {
  const { sheet } = area;
  const data: GridData = {};
  if (area.r0 > 0) data.startRow = area.r0;
  if (area.c0 > 0) data.startColumn = area.c0;
  // Only as far as cells or validation rules reach: a 10M-cell grid is mostly nothing.
  let rowEnd = Math.min(area.r1, sheet.cells.length);
  let colEnd = Math.min(area.c1, widest(sheet.cells.map((row) => row ?? [])));
  for (const { range } of sheet.validations) {
    rowEnd = Math.max(rowEnd, Math.min(area.r1, range.endRowIndex ?? sheet.rowCount));
    colEnd = Math.max(colEnd, Math.min(area.c1, range.endColumnIndex ?? sheet.columnCount));
  }
  const rows: RowData[] = [];
  for (let r = area.r0; r < rowEnd; r++) {
    const values: CellData[] = [];
    for (let c = area.c0; c < colEnd; c++) values.push(cellData(sheet, r, c));
    while (values.length > 0 && Object.keys(values[values.length - 1] ?? {}).length === 0) values.pop();
    rows.push(values.length > 0 ? { values } : {});
  }
  while (rows.length > 0 && !rows[rows.length - 1]?.values) rows.pop();
  if (rows.length > 0) data.rowData = rows;
  return data;
}

export function spreadsheetView(
  book: StoredSpreadsheet,
  caller: string,
  ranges: readonly string[],
  withData: boolean,
): Spreadsheet {
  const areas = ranges.map((range) => readArea(book, range));
  // "Limiting the range will return only the portions of the spreadsheet that intersect the requested ranges."
  const sheets =
    ranges.length > 0 ? book.sheets.filter((s) => areas.some((a) => a.sheet === s)) : book.sheets;
  return {
    spreadsheetId: book.spreadsheetId,
    properties: { title: book.title, locale: book.locale, autoRecalc: 'ON_CHANGE', timeZone: book.timeZone },
    sheets: sheets.map((sheet) => {
      const view: Sheet = { properties: sheetProperties(book, sheet) };
      if (sheet.protectedRanges.length > 0) {
        view.protectedRanges = sheet.protectedRanges.map((p) => protectedView(book, p, caller));
      }
      if (withData) {
        const whole = { sheet, r0: 0, c0: 0, r1: sheet.rowCount, c1: sheet.columnCount, single: false };
        const mine = ranges.length > 0 ? areas.filter((a) => a.sheet === sheet) : [whole];
        view.data = mine.map(gridData);
      }
      return view;
    }),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${book.spreadsheetId}/edit`,
  };
}
