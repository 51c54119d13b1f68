/**
 * The spreadsheets.values methods (reference/rest/v4/spreadsheets.values): a ValueRange's output
 * omits trailing empty rows and columns; on input null skips a cell and "" clears it. See
 * ValueRenderOption and ValueInputOption for how values are read and written.
 */
import {
  assertStartInGrid,
  columnLetter,
  exceedsGrid,
  formatRange,
  areaText,
  readArea,
  resolveRange,
  sheetPart,
  type Area,
} from './a1';
import { record, stringList } from './args';
import {
  cellAt,
  inputValue,
  rendered,
  rowHasValue,
  setValue,
  type ValueInput,
  type ValueRender,
} from './cells';
import { invalid, invalidValue, SHEETS_ERRORS } from './errors';
import { assertCanEdit, insertDimension, resize, widest } from './grid';
import type {
  Dimension,
  SpreadsheetAccess,
  StoredSheet,
  StoredSpreadsheet,
  UpdateValuesResponse,
  ValueRange,
} from './model';

type Options = Record<string, unknown>;
type Scalar = string | number | boolean;

// ---------------------------------------------------------------------------------------------
// Options

function renderOption(value: unknown, parameter = 'value_render_option'): ValueRender {
  if (value === undefined || value === null) return 'FORMATTED_VALUE';
  if (value === 'FORMATTED_VALUE' || value === 'UNFORMATTED_VALUE' || value === 'FORMULA') return value;
  throw invalidValue(parameter, value);
}

function majorDimension(value: unknown): Dimension {
  if (value === undefined || value === null || value === 'ROWS' || value === 'DIMENSION_UNSPECIFIED')
    return 'ROWS';
  if (value === 'COLUMNS') return 'COLUMNS';
  throw invalidValue('major_dimension', value);
}

/** Dates are never stored as serial numbers here, so the option is checked and has no effect. */
function dateTimeOption(value: unknown): void {
  if (value === undefined || value === null || value === 'SERIAL_NUMBER' || value === 'FORMATTED_STRING')
    return;
  throw invalidValue('date_time_render_option', value);
}

function inputOption(value: unknown): ValueInput {
  if (value === undefined || value === null || value === 'INPUT_VALUE_OPTION_UNSPECIFIED') {
    throw invalid(SHEETS_ERRORS.valueInputOptionRequired);
  }
  if (value === 'RAW' || value === 'USER_ENTERED') return value;
  throw invalidValue('value_input_option', value);
}

// ---------------------------------------------------------------------------------------------
// Values as read

/** Ragged: trailing empty cells of a row and trailing empty rows are left out, inner ones are "". */
function raggedRows(grid: (Scalar | undefined)[][]): Scalar[][] {
  const rows = grid.map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === undefined) end--;
    return row.slice(0, end).map((v) => v ?? '');
  });
  while (rows.length > 0 && (rows[rows.length - 1] ?? []).length === 0) rows.pop();
  return rows;
}

function transpose<T>(grid: (T | undefined)[][]): (T | undefined)[][] {
  const width = widest(grid);
  return Array.from({ length: width }, (_, c) => grid.map((row) => row[c]));
}

function readValues(
  book: StoredSpreadsheet,
  text: string,
  render: ValueRender,
  major: Dimension,
): ValueRange {
  const area = readArea(book, text);
  const { sheet } = area;
  const lastRow = Math.min(area.r1, sheet.cells.length);
  const grid: (Scalar | undefined)[][] = [];
  for (let r = area.r0; r < lastRow; r++) {
    const row: (Scalar | undefined)[] = [];
    const stored = sheet.cells[r];
    const lastCol = Math.min(area.c1, stored?.length ?? 0);
    for (let c = area.c0; c < lastCol; c++) row.push(rendered(stored?.[c]?.value ?? undefined, render));
    grid.push(row);
  }
  const oriented = major === 'ROWS' ? grid : transpose(grid);
  const values = raggedRows(oriented);
  const range: ValueRange = {
    range: formatRange(sheet.title, area.r0, area.c0, area.r1, area.c1),
    majorDimension: major,
  };
  if (values.length > 0) range.values = values;
  return range;
}

// ---------------------------------------------------------------------------------------------
// Values as written

interface Written {
  spreadsheetId: string;
  sheet: StoredSheet;
  r0: number;
  c0: number;
  height: number;
  width: number;
  rows: number;
  columns: number;
  cells: number;
}

/** The rows of a ValueRange, row-major whatever its majorDimension. */
function valueRows(resource: Options): unknown[][] {
  const values = Array.isArray(resource.values) ? (resource.values as unknown[]) : [];
  const rows = values.map((row) => (Array.isArray(row) ? (row as unknown[]) : [row]));
  return majorDimension(resource.majorDimension) === 'ROWS' ? rows : transpose(rows);
}

function writeRange(
  book: StoredSpreadsheet,
  caller: string,
  text: string,
  resource: Options,
  input: ValueInput,
  where: string,
): Written {
  const area = resolveRange(book, text);
  assertStartInGrid(area, where);
  const { sheet } = area;
  if (!area.single && ((area.r1 ?? 0) > sheet.rowCount || (area.c1 ?? 0) > sheet.columnCount)) {
    throw exceedsGrid(area, where);
  }
  return writeRows(book, caller, area, valueRows(resource), input, where);
}

/**
 * Writes rows of values from the area's first cell. Bounded ranges refuse values past their end;
 * a single cell or an open range grows the grid to fit, as update and append do.
 */
function writeRows(
  book: StoredSpreadsheet,
  caller: string,
  area: Area,
  rows: unknown[][],
  input: ValueInput,
  where: string,
): Written {
  const { sheet } = area;
  const height = rows.length;
  const width = widest(rows);
  const label = `[${areaText(area)}]`;
  if (!area.single && area.r1 !== undefined && area.r0 + height > area.r1) {
    throw invalid(
      `${where}Requested writing within range ${label}, but tried writing to row [${area.r1 + 1}]`,
    );
  }
  if (!area.single && area.c1 !== undefined && area.c0 + width > area.c1) {
    throw invalid(
      `${where}Requested writing within range ${label}, but tried writing to column [${columnLetter(area.c1)}]`,
    );
  }
  if (area.r0 + height > sheet.rowCount) resize(book, sheet, area.r0 + height, sheet.columnCount, where);
  if (area.c0 + width > sheet.columnCount) resize(book, sheet, sheet.rowCount, area.c0 + width, where);
  const touchedRows = new Set<number>();
  const touchedColumns = new Set<number>();
  let cells = 0;
  rows.forEach((row, i) =>
    row.forEach((raw, j) => {
      const value = inputValue(raw, input, where, `[${i}][${j}]`);
      if (value === undefined) return;
      const r = area.r0 + i;
      const c = area.c0 + j;
      assertCanEdit(book, sheet, caller, r, c, where);
      setValue(sheet, r, c, value);
      touchedRows.add(r);
      touchedColumns.add(c);
      cells++;
    }),
  );
  return {
    spreadsheetId: book.spreadsheetId,
    sheet,
    r0: area.r0,
    c0: area.c0,
    height,
    width,
    rows: touchedRows.size,
    columns: touchedColumns.size,
    cells,
  };
}

function withUpdatedData(book: StoredSpreadsheet, written: Written, options: Options): UpdateValuesResponse {
  const { sheet } = written;
  const range = formatRange(
    sheet.title,
    written.r0,
    written.c0,
    written.r0 + Math.max(1, written.height),
    written.c0 + Math.max(1, written.width),
  );
  const response: UpdateValuesResponse = { spreadsheetId: written.spreadsheetId, updatedRange: range };
  if (written.rows > 0) response.updatedRows = written.rows;
  if (written.columns > 0) response.updatedColumns = written.columns;
  if (written.cells > 0) response.updatedCells = written.cells;
  if (options.includeValuesInResponse === true) {
    response.updatedData = readValues(
      book,
      range,
      renderOption(options.responseValueRenderOption, 'response_value_render_option'),
      'ROWS',
    );
  }
  return response;
}

function clearRange(book: StoredSpreadsheet, caller: string, text: string): string {
  const area = readArea(book, text);
  const { sheet } = area;
  for (let r = area.r0; r < Math.min(area.r1, sheet.cells.length); r++) {
    for (let c = area.c0; c < area.c1; c++) {
      if (!cellAt(sheet, r, c)?.value) continue;
      assertCanEdit(book, sheet, caller, r, c, '');
      setValue(sheet, r, c, null);
    }
  }
  return formatRange(sheet.title, area.r0, area.c0, area.r1, area.c1);
}

// ---------------------------------------------------------------------------------------------
// The methods. Options a call cannot do without are checked before the spreadsheet is opened.

export function valuesGet(
  access: SpreadsheetAccess,
  caller: string,
  id: unknown,
  range: unknown,
  options: Options,
): ValueRange {
  const book = access.open(id, caller);
  dateTimeOption(options.dateTimeRenderOption);
  return readValues(
    book,
    String(range),
    renderOption(options.valueRenderOption),
    majorDimension(options.majorDimension),
  );
}

export function valuesBatchGet(access: SpreadsheetAccess, caller: string, id: unknown, options: Options) {
  const book = access.open(id, caller);
  const render = renderOption(options.valueRenderOption);
  const major = majorDimension(options.majorDimension);
  dateTimeOption(options.dateTimeRenderOption);
  const ranges = stringList(options.ranges);
  const response: GoogleAppsScript.Sheets.Schema.BatchGetValuesResponse = {
    spreadsheetId: book.spreadsheetId,
  };
  if (ranges.length > 0) response.valueRanges = ranges.map((range) => readValues(book, range, render, major));
  return response;
}

export function valuesUpdate(
  access: SpreadsheetAccess,
  caller: string,
  id: unknown,
  range: unknown,
  resource: Options,
  options: Options,
): UpdateValuesResponse {
  const input = inputOption(options.valueInputOption);
  return access.mutate(id, caller, (book) => {
    const written = writeRange(book, caller, String(range), resource, input, '');
    return withUpdatedData(book, written, options);
  });
}

export function valuesBatchUpdate(access: SpreadsheetAccess, caller: string, id: unknown, resource: Options) {
  const input = inputOption(resource.valueInputOption);
  const data = Array.isArray(resource.data) ? (resource.data as unknown[]) : [];
  return access.mutate(id, caller, (book) => {
    const responses = data.map((entry, i) => {
      const valueRange = record(entry);
      const written = writeRange(
        book,
        caller,
        String(valueRange.range),
        valueRange,
        input,
        `Invalid data[${i}]: `,
      );
      return withUpdatedData(book, written, {
        includeValuesInResponse: resource.includeValuesInResponse,
        responseValueRenderOption: resource.responseValueRenderOption,
      });
    });
    const response: GoogleAppsScript.Sheets.Schema.BatchUpdateValuesResponse = {
      spreadsheetId: book.spreadsheetId,
    };
    const total = (key: 'updatedRows' | 'updatedColumns' | 'updatedCells'): number =>
      responses.reduce((sum, r) => sum + (r[key] ?? 0), 0);
    if (total('updatedRows') > 0) response.totalUpdatedRows = total('updatedRows');
    if (total('updatedColumns') > 0) response.totalUpdatedColumns = total('updatedColumns');
    if (total('updatedCells') > 0) {
      response.totalUpdatedCells = total('updatedCells');
      response.totalUpdatedSheets = new Set(
        responses.filter((r) => (r.updatedCells ?? 0) > 0).map((r) => sheetPart(r.updatedRange ?? '')),
      ).size;
    }
    if (responses.length > 0) response.responses = responses;
    return response;
  });
}

export function valuesAppend(
  access: SpreadsheetAccess,
  caller: string,
  id: unknown,
  range: unknown,
  resource: Options,
  options: Options,
) {
  const input = inputOption(options.valueInputOption);
  const insert = options.insertDataOption ?? 'OVERWRITE';
  if (insert !== 'OVERWRITE' && insert !== 'INSERT_ROWS') throw invalidValue('insert_data_option', insert);
  return access.mutate(id, caller, (book) => {
    const area = readArea(book, String(range));
    const { sheet } = area;
    // The "table": the first block of consecutive rows with values in the range's columns.
    const searchEnd = Math.min(area.r1, sheet.cells.length);
    let first = area.r0;
    while (first < searchEnd && !rowHasValue(sheet, first, area.c0, area.c1)) first++;
    const response: GoogleAppsScript.Sheets.Schema.AppendValuesResponse = {
      spreadsheetId: book.spreadsheetId,
    };
    let at = { r: area.r0, c: area.c0 };
    if (first < searchEnd) {
      let last = first;
      while (last + 1 < area.r1 && rowHasValue(sheet, last + 1, area.c0, area.c1)) last++;
      let left = area.c1;
      let right = area.c0;
      for (let r = first; r <= last; r++) {
        for (let c = area.c0; c < area.c1; c++) {
          if (!cellAt(sheet, r, c)?.value) continue;
          left = Math.min(left, c);
          right = Math.max(right, c + 1);
        }
      }
      response.tableRange = formatRange(sheet.title, first, left, last + 1, right);
      at = { r: last + 1, c: left };
    }
    const rows = valueRows(resource);
    if (insert === 'INSERT_ROWS') insertDimension(book, sheet, 'ROWS', at.r, rows.length, '');
    const written = writeRows(book, caller, { sheet, r0: at.r, c0: at.c, single: true }, rows, input, '');
    response.updates = withUpdatedData(book, written, options);
    return response;
  });
}

export function valuesClear(access: SpreadsheetAccess, caller: string, id: unknown, range: unknown) {
  return access.mutate(id, caller, (book) => ({
    spreadsheetId: book.spreadsheetId,
    clearedRange: clearRange(book, caller, String(range)),
  }));
}

export function valuesBatchClear(access: SpreadsheetAccess, caller: string, id: unknown, resource: Options) {
  const ranges = stringList(resource.ranges);
  return access.mutate(id, caller, (book) => {
    const clearedRanges = ranges.map((range) => clearRange(book, caller, range));
    return clearedRanges.length > 0
      ? { spreadsheetId: book.spreadsheetId, clearedRanges }
      : { spreadsheetId: book.spreadsheetId };
  });
}
