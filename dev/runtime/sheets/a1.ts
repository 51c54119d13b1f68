/**
 * A1 notation (guides/concepts): 'Tab'!A1:C5, Tab!A:A, Tab!2:5, Tab!A5:A, Tab, A1:B2 (first tab),
 * column letters, and the normalised ranges the API answers with.
 */
import { invalid, type ApiFailure } from './errors';
import { SHEETS_LIMITS, tabNamed, type StoredSheet, type StoredSpreadsheet } from './model';

/** 0-based, ends exclusive; an absent end runs to the grid's edge. */
interface Cells {
  r0: number;
  c0: number;
  r1?: number;
  c1?: number;
  /** One cell ("A1"): a write starts there and may run past it. */
  single: boolean;
}

export interface Area extends Cells {
  sheet: StoredSheet;
}

/** An area cut to its tab's grid: both ends known. */
export type BoundedArea = Required<Cells> & { sheet: StoredSheet };

export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

interface Endpoint {
  col?: number;
  row?: number;
}

function endpoint(text: string): Endpoint | undefined {
  const match = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(text);
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const point: Endpoint = {};
  if (match[1]) point.col = columnIndex(match[1] ?? '');
  if (match[2]) point.row = Number(match[2]) - 1;
  if ((point.row ?? 0) < 0 || (point.col ?? 0) >= SHEETS_LIMITS.columnsPerSheet) return undefined;
  return point;
}

function parseCells(text: string): Cells | undefined {
  const parts = text.split(':');
  if (parts.length === 1) {
    const only = endpoint(parts[0] ?? '');
    if (only?.col === undefined || only.row === undefined) return undefined;
    return { r0: only.row, c0: only.col, r1: only.row + 1, c1: only.col + 1, single: true };
  }
  if (parts.length !== 2) return undefined;
  const start = endpoint(parts[0] ?? '');
  const end = endpoint(parts[1] ?? '');
  if (!start || !end) return undefined;
  // A:C needs columns on both sides, 2:5 rows on both sides.
  if (start.row === undefined && end.col === undefined) return undefined;
  if (start.col === undefined && end.col !== undefined) return undefined;
  const cells: Cells = { r0: start.row ?? 0, c0: start.col ?? 0, single: false };
  if (end.row !== undefined) cells.r1 = end.row + 1;
  if (end.col !== undefined) cells.c1 = end.col + 1;
  if (cells.r1 !== undefined && cells.r1 <= cells.r0) [cells.r0, cells.r1] = [cells.r1 - 1, cells.r0 + 1];
  if (cells.c1 !== undefined && cells.c1 <= cells.c0) [cells.c0, cells.c1] = [cells.c1 - 1, cells.c0 + 1];
  return cells;
}

/** Splits "'My tab'!A1:B2" into the tab's title and the cells; undefined when it does not parse. */
function parseA1(text: string): { title?: string; cells?: Cells } | undefined {
  if (text.startsWith("'")) {
    let title = '';
    let i = 1;
    for (; i < text.length; i++) {
      if (text[i] === "'") {
        if (text[i + 1] !== "'") break;
        i++;
      }
      title += text[i];
    }
    if (i >= text.length || title === '') return undefined;
    const rest = text.slice(i + 1);
    if (rest === '') return { title };
    if (!rest.startsWith('!')) return undefined;
    const cells = parseCells(rest.slice(1));
    return cells ? { title, cells } : undefined;
  }
  const bang = text.indexOf('!');
  if (bang < 0) {
    // "A1:B2" is cells of the first tab; anything else names a tab ("Resellers").
    const cells = parseCells(text);
    return cells ? { cells } : text === '' ? undefined : { title: text };
  }
  const title = text.slice(0, bang);
  const cells = parseCells(text.slice(bang + 1));
  return title !== '' && cells ? { title, cells } : undefined;
}

export function resolveRange(book: StoredSpreadsheet, text: string): Area {
  const parsed = parseA1(text);
  const sheet =
    parsed?.title === undefined
      ? (book.sheets.find((s) => !s.hidden) ?? book.sheets[0])
      : tabNamed(book, parsed.title);
  if (!parsed || !sheet) throw invalid(`Unable to parse range: ${text}`);
  return { sheet, ...(parsed.cells ?? { r0: 0, c0: 0, single: false }) };
}

/** A title as the API writes it in ranges: quoted unless it is a plain name that is not a cell. */
export function quoteTitle(title: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(title) && !/^[A-Za-z]{1,3}\d+$/.test(title) && !/^R\d*C\d*$/i.test(title);
  return plain ? title : `'${title.replace(/'/g, "''")}'`;
}

/** The normalised form the API answers with, e.g. Resellers!A1:I3 or 'My tab'!B2. */
export function formatRange(title: string, r0: number, c0: number, r1: number, c1: number): string {
  const from = `${columnLetter(c0)}${r0 + 1}`;
  const to = `${columnLetter(c1 - 1)}${r1}`;
  return `${quoteTitle(title)}!${r1 - r0 === 1 && c1 - c0 === 1 ? from : `${from}:${to}`}`;
}

export function areaText(area: Area): string {
  const { sheet } = area;
  return formatRange(sheet.title, area.r0, area.c0, area.r1 ?? sheet.rowCount, area.c1 ?? sheet.columnCount);
}

/** The tab's title in a range the API answered with ("'My tab'!A1:B2" → "'My tab'"). */
export function sheetPart(range: string): string {
  return range.slice(0, range.lastIndexOf('!'));
}

export function exceedsGrid(area: Area, where: string): ApiFailure {
  const { sheet } = area;
  return invalid(
    `${where}Range (${areaText(area)}) exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`,
  );
}

export function assertStartInGrid(area: Area, where = ''): void {
  const { sheet } = area;
  if (area.r0 >= sheet.rowCount || area.c0 >= sheet.columnCount) throw exceedsGrid(area, where);
}

/** A read: the start must lie in the grid; an end past it is cut to the grid. */
export function readArea(book: StoredSpreadsheet, text: string): BoundedArea {
  const area = resolveRange(book, text);
  assertStartInGrid(area);
  const { sheet } = area;
  return {
    ...area,
    r1: Math.min(area.r1 ?? sheet.rowCount, sheet.rowCount),
    c1: Math.min(area.c1 ?? sheet.columnCount, sheet.columnCount),
  };
}

/** One cell of a host-side helper, e.g. "B2"; anything else is the caller's mistake. */
export function cellRef(a1: string): { r: number; c: number } {
  const cells = parseCells(a1);
  if (!cells?.single) throw new Error(`Not a cell: ${a1}`);
  return { r: cells.r0, c: cells.c0 };
}
