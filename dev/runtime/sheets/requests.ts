/**
 * The request kinds of spreadsheets.batchUpdate the fake implements: tabs, their properties and
 * grid, cells, data validation and protected ranges. Every other kind of the Request message fails
 * with 501, so that a script never silently relies on one the fake would ignore.
 */
import { exceedsGrid } from './a1';
import { record } from './args';
import { cellAt, extendedValue, setValue, updateCell } from './cells';
import { ApiFailure, invalid, SHEETS_ERRORS, titleTaken } from './errors';
import {
  assertCanEdit,
  assertRoomFor,
  boxOf,
  deleteDimension,
  insertDimension,
  lengthOf,
  resize,
  setValidation,
  validationAt,
} from './grid';
import { newId } from './ids';
import { requiredMask } from './masks';
import {
  SHEETS_LIMITS,
  titleInUse,
  type CellData,
  type Dimension,
  type GridRange,
  type ProtectedRange,
  type SheetProperties,
  type StoredSheet,
  type StoredSpreadsheet,
} from './model';
import { protectedView, sheetProperties } from './views';

type Request = GoogleAppsScript.Sheets.Schema.Request;
type Response = GoogleAppsScript.Sheets.Schema.Response;
type RowData = GoogleAppsScript.Sheets.Schema.RowData;

/** Every kind the Request message has (sheets_v4 Schema.Request); other names fail like Google. */
const REQUEST_KINDS: ReadonlySet<string> = new Set(
  (
    'addBanding addChart addConditionalFormatRule addDimensionGroup addFilterView addNamedRange ' +
    'addProtectedRange addSheet addTable appendCells appendDimension autoFill autoResizeDimensions ' +
    'clearBasicFilter copyPaste createDeveloperMetadata cutPaste deleteBanding deleteConditionalFormatRule ' +
    'deleteDeveloperMetadata deleteDimension deleteDimensionGroup deleteEmbeddedObject deleteFilterView ' +
    'deleteNamedRange deleteProtectedRange deleteRange deleteSheet deleteTable duplicateFilterView ' +
    'duplicateSheet findReplace insertDimension insertRange mergeCells moveDimension pasteData ' +
    'randomizeRange repeatCell setBasicFilter setDataValidation sortRange textToColumns unmergeCells ' +
    'updateBanding updateBorders updateCells updateChartSpec updateConditionalFormatRule ' +
    'updateDeveloperMetadata updateDimensionGroup updateDimensionProperties updateEmbeddedObjectPosition ' +
    'updateFilterView updateNamedRange updateProtectedRange updateSheetProperties ' +
    'updateSpreadsheetProperties updateTable'
  ).split(' '),
);

type RequestHandler = (
  book: StoredSpreadsheet,
  caller: string,
  body: never,
  where: string,
) => Response | void;

const REQUEST_HANDLERS: Partial<Record<keyof Request, RequestHandler>> = {
  addSheet: (book, _caller, body: GoogleAppsScript.Sheets.Schema.AddSheetRequest, where) => ({
    addSheet: { properties: sheetProperties(book, addSheet(book, body.properties ?? {}, where)) },
  }),
  deleteSheet: (book, _caller, body: GoogleAppsScript.Sheets.Schema.DeleteSheetRequest, where) => {
    const sheet = book.sheets.find((s) => s.sheetId === body.sheetId);
    if (!sheet) throw invalid(`${where}No sheet with id: ${String(body.sheetId)}`);
    if (book.sheets.length === 1) throw invalid(`${where}${SHEETS_ERRORS.lastSheet}`);
    book.sheets = book.sheets.filter((s) => s !== sheet);
  },
  updateSheetProperties: (
    book,
    _caller,
    body: GoogleAppsScript.Sheets.Schema.UpdateSheetPropertiesRequest,
    where,
  ) => updateSheetProperties(book, body, where),
  updateSpreadsheetProperties: (
    book,
    _caller,
    body: GoogleAppsScript.Sheets.Schema.UpdateSpreadsheetPropertiesRequest,
    where,
  ) => {
    const properties = body.properties ?? {};
    for (const path of requiredMask(body.fields, where)) {
      const all = path === '*';
      if (all || path === 'title') book.title = properties.title ?? '';
      if (all || path === 'locale') book.locale = properties.locale ?? 'en_US';
      if (all || path === 'timeZone') book.timeZone = properties.timeZone ?? 'Etc/GMT';
    }
  },
  addProtectedRange: (book, caller, body: GoogleAppsScript.Sheets.Schema.AddProtectedRangeRequest, where) => {
    const given = body.protectedRange ?? {};
    const sheet = gridSheet(book, given.range, where);
    if (given.warningOnly && given.editors) {
      throw invalid(`${where}Editors are not supported with warningOnly protection.`);
    }
    const id = given.protectedRangeId ?? newId(book, 'protected', allProtectedIds(book));
    if (allProtectedIds(book).has(id))
      throw invalid(`${where}A protected range with id ${id} already exists.`);
    const stored: ProtectedRange = {
      protectedRangeId: id,
      range: { sheetId: sheet.sheetId, ...boxOf(given.range ?? {}) },
    };
    if (given.description) stored.description = given.description;
    if (given.warningOnly) stored.warningOnly = true;
    else {
      // The owner and the user who protects a range can always edit it.
      const users = [book.owner, caller, ...(given.editors?.users ?? []).map((u) => u.toLowerCase())];
      stored.editors = { ...given.editors, users: [...new Set(users)] };
    }
    if (given.unprotectedRanges) stored.unprotectedRanges = given.unprotectedRanges.map((u) => ({ ...u }));
    sheet.protectedRanges.push(stored);
    return { addProtectedRange: { protectedRange: protectedView(book, stored, caller) } };
  },
  deleteProtectedRange: (
    book,
    _caller,
    body: GoogleAppsScript.Sheets.Schema.DeleteProtectedRangeRequest,
    where,
  ) => {
    const sheet = book.sheets.find((s) =>
      s.protectedRanges.some((p) => p.protectedRangeId === body.protectedRangeId),
    );
    if (!sheet) throw invalid(`${where}No protected range with id: ${String(body.protectedRangeId)}`);
    sheet.protectedRanges = sheet.protectedRanges.filter((p) => p.protectedRangeId !== body.protectedRangeId);
  },
  setDataValidation: (
    book,
    _caller,
    body: GoogleAppsScript.Sheets.Schema.SetDataValidationRequest,
    where,
  ) => {
    const sheet = gridSheet(book, body.range, where);
    const rule = body.rule ?? null;
    if (rule && !rule.condition?.type)
      throw invalid(`${where}A data validation rule needs a condition type.`);
    if (rule?.condition?.type === 'ONE_OF_LIST' && (rule.condition.values ?? []).length === 0) {
      throw invalid(`${where}Invalid ConditionValue: ONE_OF_LIST needs at least one value.`);
    }
    setValidation(sheet, boxOf(body.range ?? {}), rule);
  },
  updateCells: (book, caller, body: GoogleAppsScript.Sheets.Schema.UpdateCellsRequest, where) =>
    updateCells(book, caller, body, where),
  appendDimension: (book, _caller, body: GoogleAppsScript.Sheets.Schema.AppendDimensionRequest, where) => {
    const sheet = gridSheet(book, { sheetId: body.sheetId }, where);
    const length = body.length ?? 0;
    if (length <= 0) throw invalid(`${where}length must be greater than 0.`);
    const dim = dimensionOf(body.dimension, where);
    insertDimension(book, sheet, dim, lengthOf(sheet, dim), length, where);
  },
  insertDimension: (book, _caller, body: GoogleAppsScript.Sheets.Schema.InsertDimensionRequest, where) => {
    const { sheet, dim, start, end } = dimensionRange(book, body.range, where);
    insertDimension(book, sheet, dim, start, end - start, where);
  },
  deleteDimension: (book, _caller, body: GoogleAppsScript.Sheets.Schema.DeleteDimensionRequest, where) => {
    const { sheet, dim, start, end } = dimensionRange(book, body.range, where);
    deleteDimension(sheet, dim, start, end, where);
  },
};

/** One entry of `requests`, which must set exactly one kind; its reply, or {} for kinds that have none. */
export function applyRequest(book: StoredSpreadsheet, caller: string, request: unknown, i: number): Response {
  const kinds = Object.keys(record(request));
  if (kinds.length === 0) throw invalid(`Invalid requests[${i}]: No request set.`);
  const unknown = kinds.find((k) => !REQUEST_KINDS.has(k));
  if (unknown) {
    throw invalid(
      `Invalid JSON payload received. Unknown name "${unknown}" at 'requests[${i}]': Cannot find field.`,
    );
  }
  if (kinds.length > 1) {
    throw invalid(
      `Invalid value at 'requests[${i}]' (oneof), oneof field 'kind' is already set. Cannot set '${kinds[1] ?? ''}'`,
    );
  }
  const kind = kinds[0] as keyof Request;
  const handler = REQUEST_HANDLERS[kind];
  if (!handler) {
    throw new ApiFailure(
      501,
      'UNIMPLEMENTED',
      `Invalid requests[${i}].${kind}: the local runtime does not implement this request (dev/runtime/sheets/requests.ts).`,
    );
  }
  return (
    handler(
      book,
      caller,
      record((request as Record<string, unknown>)[kind]) as never,
      `Invalid requests[${i}].${kind}: `,
    ) ?? {}
  );
}

function allProtectedIds(book: StoredSpreadsheet): Set<number> {
  return new Set(book.sheets.flatMap((s) => s.protectedRanges.map((p) => p.protectedRangeId ?? -1)));
}

/** The tab a request names by sheetId; an absent sheetId is 0, the first tab's usual id. */
function gridSheet(book: StoredSpreadsheet, range: GridRange | undefined, where: string): StoredSheet {
  const sheet = book.sheets.find((s) => s.sheetId === (range?.sheetId ?? 0));
  if (!sheet) throw invalid(`${where}No grid with id: ${String(range?.sheetId ?? 0)}`);
  return sheet;
}

function dimensionOf(value: unknown, where: string): Dimension {
  if (value === 'ROWS' || value === 'COLUMNS') return value;
  throw invalid(`${where}dimension must be ROWS or COLUMNS.`);
}

function dimensionRange(
  book: StoredSpreadsheet,
  range: GoogleAppsScript.Sheets.Schema.DimensionRange | undefined,
  where: string,
): { sheet: StoredSheet; dim: Dimension; start: number; end: number } {
  const sheet = gridSheet(book, { sheetId: range?.sheetId }, where);
  const dim = dimensionOf(range?.dimension, where);
  const start = range?.startIndex ?? 0;
  const end = range?.endIndex ?? lengthOf(sheet, dim);
  if (end <= start)
    throw invalid(`${where}Invalid dimension range: endIndex must be greater than startIndex.`);
  return { sheet, dim, start, end };
}

/** A new tab (addSheet, and each of the sheets spreadsheets.create is given). */
export function addSheet(book: StoredSpreadsheet, properties: SheetProperties, where: string): StoredSheet {
  let title = properties.title;
  if (title === undefined || title === '') {
    let n = book.sheets.length + 1;
    while (titleInUse(book, `Sheet${n}`)) n++;
    title = `Sheet${n}`;
  }
  if (titleInUse(book, title)) throw invalid(`${where}${titleTaken(title)}`);
  const taken = new Set(book.sheets.map((s) => s.sheetId));
  const sheetId = properties.sheetId ?? newId(book, 'sheet', taken);
  if (taken.has(sheetId)) throw invalid(`${where}Sheet with id ${sheetId} already exists.`);
  const grid = properties.gridProperties ?? {};
  const sheet: StoredSheet = {
    sheetId,
    title,
    rowCount: grid.rowCount ?? SHEETS_LIMITS.defaultRowCount,
    columnCount: grid.columnCount ?? SHEETS_LIMITS.defaultColumnCount,
    frozenRowCount: grid.frozenRowCount ?? 0,
    frozenColumnCount: grid.frozenColumnCount ?? 0,
    hidden: properties.hidden === true,
    cells: [],
    validations: [],
    protectedRanges: [],
  };
  if (sheet.rowCount < 1 || sheet.columnCount < 1)
    throw invalid(`${where}A sheet needs at least one row and one column.`);
  assertRoomFor(book, sheet.rowCount * sheet.columnCount, where);
  assertFrozen(sheet, where);
  const index = Math.min(Math.max(properties.index ?? book.sheets.length, 0), book.sheets.length);
  book.sheets.splice(index, 0, sheet);
  return sheet;
}

function assertFrozen(sheet: StoredSheet, where: string): void {
  if (sheet.frozenRowCount < 0 || sheet.frozenRowCount >= sheet.rowCount) {
    throw invalid(`${where}You can't freeze all visible rows on the sheet.`);
  }
  if (sheet.frozenColumnCount < 0 || sheet.frozenColumnCount >= sheet.columnCount) {
    throw invalid(`${where}You can't freeze all visible columns on the sheet.`);
  }
}

/** Sets the fields the mask names; a named field missing from `properties` goes back to its default. */
function updateSheetProperties(
  book: StoredSpreadsheet,
  body: GoogleAppsScript.Sheets.Schema.UpdateSheetPropertiesRequest,
  where: string,
): void {
  const properties = body.properties ?? {};
  const sheet = gridSheet(book, { sheetId: properties.sheetId }, where);
  const grid = properties.gridProperties ?? {};
  let rows = sheet.rowCount;
  let columns = sheet.columnCount;
  for (const path of requiredMask(body.fields, where)) {
    const all = path === '*';
    const allGrid = all || path === 'gridProperties';
    if (all || path === 'title') {
      const title = properties.title ?? '';
      if (title === '') throw invalid(`${where}A sheet's title cannot be empty.`);
      if (titleInUse(book, title, sheet)) throw invalid(`${where}${titleTaken(title)}`);
      sheet.title = title;
    }
    if (all || path === 'index') {
      // Indexes count "before the move": to move S1 ahead of S2 in S1,S2,S3, index is 2.
      const from = book.sheets.indexOf(sheet);
      const target = Math.min(Math.max(properties.index ?? 0, 0), book.sheets.length);
      book.sheets.splice(from, 1);
      book.sheets.splice(target > from ? target - 1 : target, 0, sheet);
    }
    if (all || path === 'hidden') {
      sheet.hidden = properties.hidden === true;
      if (book.sheets.every((s) => s.hidden))
        throw invalid(`${where}You can't hide all the sheets in a document.`);
    }
    if (allGrid || path === 'gridProperties.rowCount') rows = grid.rowCount ?? SHEETS_LIMITS.defaultRowCount;
    if (allGrid || path === 'gridProperties.columnCount')
      columns = grid.columnCount ?? SHEETS_LIMITS.defaultColumnCount;
    if (allGrid || path === 'gridProperties.frozenRowCount') sheet.frozenRowCount = grid.frozenRowCount ?? 0;
    if (allGrid || path === 'gridProperties.frozenColumnCount')
      sheet.frozenColumnCount = grid.frozenColumnCount ?? 0;
  }
  if (rows !== sheet.rowCount || columns !== sheet.columnCount) {
    if (rows < 1 || columns < 1) throw invalid(`${where}A sheet needs at least one row and one column.`);
    resize(book, sheet, rows, columns, where);
  }
  assertFrozen(sheet, where);
}

/**
 * Writes the fields the mask names (userEnteredValue, note, dataValidation; formats are accepted
 * and ignored) from `start`, or into `range`, where cells the rows do not cover are cleared.
 */
export function updateCells(
  book: StoredSpreadsheet,
  caller: string,
  body: GoogleAppsScript.Sheets.Schema.UpdateCellsRequest,
  where: string,
): void {
  const paths = requiredMask(body.fields, where);
  const wants = (field: string): boolean =>
    paths.some((p) => p === '*' || p === field || p.startsWith(`${field}.`));
  if (!body.range === !body.start) throw invalid(`${where}Exactly one of range or start must be set.`);
  const sheet = gridSheet(book, body.range ?? { sheetId: body.start?.sheetId }, where);
  const r0 = body.range ? (body.range.startRowIndex ?? 0) : (body.start?.rowIndex ?? 0);
  const c0 = body.range ? (body.range.startColumnIndex ?? 0) : (body.start?.columnIndex ?? 0);
  const rows = body.rows ?? [];
  const r1 = body.range
    ? Math.min(body.range.endRowIndex ?? sheet.rowCount, sheet.rowCount)
    : r0 + rows.length;
  const rowWidth = (row: RowData | undefined): number => row?.values?.length ?? 0;
  const c1 = body.range
    ? Math.min(body.range.endColumnIndex ?? sheet.columnCount, sheet.columnCount)
    : c0 + rows.reduce((most, row) => Math.max(most, rowWidth(row)), 0);
  if (r0 + rows.length > r1) {
    throw invalid(
      `${where}Attempting to write row: ${r0 + rows.length - 1}, beyond the last requested row of: ${r1 - 1}`,
    );
  }
  if (r1 > sheet.rowCount || c1 > sheet.columnCount) {
    throw exceedsGrid({ sheet, r0, c0, r1, c1, single: false }, where);
  }
  for (let r = r0; r < r1; r++) {
    const row = rows[r - r0];
    const last = body.range ? c1 : c0 + rowWidth(row);
    if (c0 + rowWidth(row) > c1) {
      throw invalid(
        `${where}Attempting to write column: ${c0 + rowWidth(row) - 1}, beyond the last requested column of: ${c1 - 1}`,
      );
    }
    for (let c = c0; c < last; c++) {
      const given: CellData = row?.values?.[c - c0] ?? {};
      if (wants('userEnteredValue') || wants('note')) assertCanEdit(book, sheet, caller, r, c, where);
      if (wants('userEnteredValue')) setValue(sheet, r, c, extendedValue(given.userEnteredValue, where));
      if (wants('note')) {
        const note = given.note ?? '';
        if (note !== '' || cellAt(sheet, r, c)?.note !== undefined) {
          updateCell(sheet, r, c, (cell) => {
            if (note === '') delete cell.note;
            else cell.note = note;
          });
        }
      }
      if (wants('dataValidation') && (given.dataValidation || validationAt(sheet, r, c))) {
        setValidation(
          sheet,
          { startRowIndex: r, endRowIndex: r + 1, startColumnIndex: c, endColumnIndex: c + 1 },
          given.dataValidation ?? null,
        );
      }
    }
  }
}
