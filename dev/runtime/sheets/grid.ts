/**
 * A tab's grid and what is attached to its ranges: size (within the 10M-cell limit), rows and
 * columns inserted and deleted, data validation rules and protected ranges.
 */
import { formattedOf } from './cells';
import { invalid, SHEETS_ERRORS } from './errors';
import {
  SHEETS_LIMITS,
  type Box,
  type DataValidationRule,
  type Dimension,
  type ExtendedValue,
  type GridRange,
  type ProtectedRange,
  type StoredSheet,
  type StoredSpreadsheet,
} from './model';

/** The longest row's length (no spread: a write may have more rows than a call takes arguments). */
export function widest(rows: readonly (readonly unknown[])[]): number {
  return rows.reduce((most, row) => Math.max(most, row.length), 0);
}

// ---------------------------------------------------------------------------------------------
// Size

function totalCells(book: StoredSpreadsheet): number {
  return book.sheets.reduce((sum, s) => sum + s.rowCount * s.columnCount, 0);
}

export function assertRoomFor(book: StoredSpreadsheet, extraCells: number, where: string): void {
  if (totalCells(book) + extraCells > SHEETS_LIMITS.cellsPerSpreadsheet) {
    throw invalid(`${where}${SHEETS_ERRORS.tooManyCells}`);
  }
}

/** A new grid size; cells past a shrunk edge are dropped. */
export function resize(
  book: StoredSpreadsheet,
  sheet: StoredSheet,
  rows: number,
  columns: number,
  where: string,
): void {
  assertRoomFor(book, rows * columns - sheet.rowCount * sheet.columnCount, where);
  sheet.rowCount = rows;
  sheet.columnCount = columns;
  sheet.cells.length = Math.min(sheet.cells.length, rows);
  for (const row of sheet.cells) if (row && row.length > columns) row.length = columns;
}

export function lengthOf(sheet: StoredSheet, dimension: Dimension): number {
  return dimension === 'ROWS' ? sheet.rowCount : sheet.columnCount;
}

// ---------------------------------------------------------------------------------------------
// Ranges

function inBox(box: Box, r: number, c: number): boolean {
  return (
    r >= (box.startRowIndex ?? 0) &&
    (box.endRowIndex === undefined || r < box.endRowIndex) &&
    c >= (box.startColumnIndex ?? 0) &&
    (box.endColumnIndex === undefined || c < box.endColumnIndex)
  );
}

export function boxOf(range: GridRange): Box {
  const box: Box = {};
  for (const key of ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'] as const) {
    const value = range[key];
    if (typeof value === 'number') box[key] = value;
  }
  return box;
}

function covers(outer: Box, inner: Box): boolean {
  const within = (
    start: 'startRowIndex' | 'startColumnIndex',
    end: 'endRowIndex' | 'endColumnIndex',
  ): boolean =>
    (outer[start] ?? 0) <= (inner[start] ?? 0) &&
    (outer[end] === undefined || (inner[end] !== undefined && inner[end] <= outer[end]));
  return within('startRowIndex', 'endRowIndex') && within('startColumnIndex', 'endColumnIndex');
}

// ---------------------------------------------------------------------------------------------
// Validations and protections

export function validationAt(sheet: StoredSheet, r: number, c: number): DataValidationRule | undefined {
  for (let i = sheet.validations.length - 1; i >= 0; i--) {
    const entry = sheet.validations[i];
    if (entry && inBox(entry.range, r, c)) return entry.rule ?? undefined;
  }
  return undefined;
}

export function setValidation(sheet: StoredSheet, box: Box, rule: DataValidationRule | null): void {
  sheet.validations = sheet.validations.filter((v) => !covers(box, v.range));
  if (rule || sheet.validations.length > 0)
    sheet.validations.push({ range: box, rule: rule ? structuredClone(rule) : null });
}

/** ONE_OF_LIST is checked; other condition types are kept but accept anything here. */
export function satisfies(rule: DataValidationRule, value: ExtendedValue): boolean {
  if (rule.condition?.type !== 'ONE_OF_LIST') return true;
  const shown = formattedOf(value);
  return (rule.condition.values ?? []).some((v) => v.userEnteredValue === shown);
}

export function canEditProtected(book: StoredSpreadsheet, range: ProtectedRange, caller: string): boolean {
  if (range.warningOnly || caller === book.owner) return true;
  return (range.editors?.users ?? []).some((user) => user.toLowerCase() === caller);
}

/** The API refuses cell edits under a protected range (not warning-only) to anyone not its editor. */
export function assertCanEdit(
  book: StoredSpreadsheet,
  sheet: StoredSheet,
  caller: string,
  r: number,
  c: number,
  where: string,
): void {
  for (const range of sheet.protectedRanges) {
    if (canEditProtected(book, range, caller) || !inBox(boxOf(range.range ?? {}), r, c)) continue;
    if ((range.unprotectedRanges ?? []).some((u) => inBox(boxOf(u), r, c))) continue;
    throw invalid(`${where}${SHEETS_ERRORS.protectedCell}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Rows and columns inserted and deleted

/** Moves range bounds for rows or columns inserted (count > 0) or deleted (count < 0) at `at`. */
function shiftBox(box: Box, dimension: Dimension, at: number, count: number): Box | undefined {
  const [startKey, endKey] =
    dimension === 'ROWS'
      ? (['startRowIndex', 'endRowIndex'] as const)
      : (['startColumnIndex', 'endColumnIndex'] as const);
  const shift = (x: number | undefined): number | undefined => {
    if (x === undefined) return undefined;
    // Inserted at a range's first row or inside it, the range grows (new rows get its validation).
    if (count > 0) return x > at ? x + count : x;
    const end = at - count;
    return x >= end ? x + count : x > at ? at : x;
  };
  const moved: Box = { ...box };
  const start = shift(box[startKey]);
  const end = shift(box[endKey]);
  if (start !== undefined) moved[startKey] = start;
  if (end !== undefined) moved[endKey] = end;
  if (end !== undefined && (start ?? 0) >= end) return undefined;
  return moved;
}

function shiftRanges(sheet: StoredSheet, dimension: Dimension, at: number, count: number): void {
  sheet.validations = sheet.validations.flatMap((v) => {
    const range = shiftBox(v.range, dimension, at, count);
    return range ? [{ range, rule: v.rule }] : [];
  });
  sheet.protectedRanges = sheet.protectedRanges.flatMap((p) => {
    const range = shiftBox(boxOf(p.range ?? {}), dimension, at, count);
    return range ? [{ ...p, range: { sheetId: sheet.sheetId, ...range } }] : [];
  });
}

export function insertDimension(
  book: StoredSpreadsheet,
  sheet: StoredSheet,
  dimension: Dimension,
  at: number,
  count: number,
  where: string,
): void {
  if (count <= 0) return;
  if (at < 0 || at > lengthOf(sheet, dimension))
    throw invalid(`${where}Invalid dimension range: start index ${at} is past the end.`);
  if (dimension === 'ROWS') {
    resize(book, sheet, sheet.rowCount + count, sheet.columnCount, where);
    if (at < sheet.cells.length) sheet.cells.splice(at, 0, ...Array.from({ length: count }, () => null));
  } else {
    resize(book, sheet, sheet.rowCount, sheet.columnCount + count, where);
    for (const row of sheet.cells)
      if (row && at < row.length) row.splice(at, 0, ...Array.from({ length: count }, () => null));
  }
  shiftRanges(sheet, dimension, at, count);
}

export function deleteDimension(
  sheet: StoredSheet,
  dimension: Dimension,
  start: number,
  end: number,
  where: string,
): void {
  const length = lengthOf(sheet, dimension);
  const stop = Math.min(end, length);
  if (start < 0 || start >= stop) throw invalid(`${where}Invalid dimension range.`);
  if (stop - start >= length) {
    throw invalid(
      `${where}You can't delete all the ${dimension === 'ROWS' ? 'rows' : 'columns'} on the sheet.`,
    );
  }
  if (dimension === 'ROWS') {
    sheet.cells.splice(start, stop - start);
    sheet.rowCount -= stop - start;
    sheet.frozenRowCount = Math.min(sheet.frozenRowCount, sheet.rowCount - 1);
  } else {
    for (const row of sheet.cells) row?.splice(start, stop - start);
    sheet.columnCount -= stop - start;
    sheet.frozenColumnCount = Math.min(sheet.frozenColumnCount, sheet.columnCount - 1);
  }
  shiftRanges(sheet, dimension, start, start - stop);
}
