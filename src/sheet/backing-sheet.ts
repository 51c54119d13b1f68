/**
 * The backing Sheet itself: creating it with every tab, repairing what is missing, reading what the
 * sync needs in one call and writing its results in another. Nothing here decides what a row means
 * (domain/sheet-rows.ts) or what to write (owner/sync.ts).
 */
import type { Cell } from '../domain/sheet-rows';
import { SHEET_TEXTS, type SheetLanguage } from './messages';
import type { SheetRequest, SheetsApi, Spreadsheet } from './ports';
import { columnLetter, SETTINGS_DEFAULTS, TABS, type TabId, type TabSchema } from './schema';

const TITLE = 'Reseller Connect — backing Sheet';
/** Protected ranges this code added carry these descriptions, so setup finds its own again. */
const HEADER_PROTECTION = 'reseller-connect:header';
const SYNC_ONLY_PROTECTION = 'reseller-connect:sync-only';

export type SetupOutcome =
  | { kind: 'created' | 'unchanged'; spreadsheetId: string; url: string }
  | { kind: 'repaired'; spreadsheetId: string; url: string; repaired: string[] }
  /** The file cannot be read back with the add-on's scope (or is gone): nothing was changed. */
  | { kind: 'notReadable'; spreadsheetId: string };

function urlOf(sheet: Spreadsheet, id: string): string {
  return sheet.spreadsheetUrl ?? `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

function sheetIdOf(sheet: Spreadsheet, title: string): number | undefined {
  return sheet.sheets?.find((s) => s.properties?.title === title)?.properties?.sheetId ?? undefined;
}

function headerRow(t: TabSchema, language: SheetLanguage): string[] {
  return t.columns.map((c) => SHEET_TEXTS[language].headers[c] ?? c);
}

/** The header row's texts and notes. */
function headerRequest(t: TabSchema, sheetId: number, language: SheetLanguage): SheetRequest {
  const texts = SHEET_TEXTS[language];
  return {
    updateCells: {
      start: { sheetId, rowIndex: 0, columnIndex: 0 },
      rows: [
        {
          values: headerRow(t, language).map((header, i) => ({
            userEnteredValue: { stringValue: header },
            note: texts.notes[t.columns[i] as string] ?? '',
          })),
        },
      ],
      fields: 'userEnteredValue,note',
    },
  };
}

function frozenRequest(sheetId: number): SheetRequest {
  return {
    updateSheetProperties: {
      properties: { sheetId, gridProperties: { frozenRowCount: 1 } },
      fields: 'gridProperties.frozenRowCount',
    },
  };
}

/** Header rows are protected; the Audit tab as a whole (warning only: the owner can still act). */
function protectionRequest(t: TabSchema, sheetId: number): SheetRequest {
  return {
    addProtectedRange: {
      protectedRange: t.syncOnly
        ? { range: { sheetId }, description: SYNC_ONLY_PROTECTION, warningOnly: true }
        : {
            range: { sheetId, startRowIndex: 0, endRowIndex: 1 },
            description: HEADER_PROTECTION,
            warningOnly: true,
          },
    },
  };
}

function validationRequests(t: TabSchema, sheetId: number): SheetRequest[] {
  return Object.entries(t.lists).map(([column, values]) => {
    const index = t.columns.indexOf(column);
    return {
      setDataValidation: {
        range: { sheetId, startRowIndex: 1, startColumnIndex: index, endColumnIndex: index + 1 },
        rule: {
          condition: { type: 'ONE_OF_LIST', values: values.map((v) => ({ userEnteredValue: v })) },
          strict: true,
          showCustomUi: true,
        },
      },
    };
  });
}

/** Settings rows (name with its note, default value) from `rowIndex` (0-based) down. */
function settingsRowsRequest(
  sheetId: number,
  language: SheetLanguage,
  rows: readonly (readonly [string, string])[],
  rowIndex: number,
): SheetRequest {
  const notes = SHEET_TEXTS[language].settingNotes;
  return {
    updateCells: {
      start: { sheetId, rowIndex, columnIndex: 0 },
      rows: rows.map(([key, value]) => ({
        values: [
          { userEnteredValue: { stringValue: key }, ...(notes[key] ? { note: notes[key] } : {}) },
          { userEnteredValue: { stringValue: value } },
        ],
      })),
      fields: 'userEnteredValue,note',
    },
  };
}

function settingsDefaultsRequest(sheetId: number, language: SheetLanguage): SheetRequest {
  return settingsRowsRequest(sheetId, language, SETTINGS_DEFAULTS, 1);
}

type RowData = GoogleAppsScript.Sheets.Schema.RowData;

function hasContent(row: RowData | undefined): boolean {
  return (row?.values ?? []).some((v) => v.userEnteredValue !== undefined);
}

function settingName(row: RowData | undefined): string | undefined {
  return row?.values?.[0]?.userEnteredValue?.stringValue?.trim();
}

/**
 * The Settings rows a newer version defines and the tab lacks, appended with their defaults and
 * notes below the last row with content (the grid grows when they would pass its end). Rows that
 * are there are never touched, whatever their value or order. `header` is the tab's row 1 as read,
 * `rows` rows 2 onwards; `headerIsData` when row 1 holds a setting (its header row was deleted)
 * and a new header row is being inserted above it.
 */
function missingSettingsRequests(
  sheetId: number,
  language: SheetLanguage,
  header: RowData | undefined,
  rows: readonly RowData[],
  headerIsData: boolean,
  rowCount: number,
): { requests: SheetRequest[]; keys: string[] } {
  const present = new Set(rows.map(settingName));
  if (headerIsData) present.add(settingName(header));
  const missing = SETTINGS_DEFAULTS.filter(([key]) => !present.has(key));
  if (missing.length === 0) return { requests: [], keys: [] };
  let lastRow = headerIsData && hasContent(header) ? 0 : -1;
  rows.forEach((row, i) => {
    if (hasContent(row)) lastRow = i + 1;
  });
  const shift = headerIsData ? 1 : 0;
  // Row 1 is the header's, even when it is blank (it is written again in place).
  const at = Math.max(1, lastRow + 1) + shift;
  const grid = rowCount + shift;
  const requests: SheetRequest[] = [];
  if (at + missing.length > grid)
    requests.push({ appendDimension: { sheetId, dimension: 'ROWS', length: at + missing.length - grid } });
  requests.push(settingsRowsRequest(sheetId, language, missing, at));
  return { requests, keys: missing.map(([key]) => key) };
}

/** Everything a new tab gets. */
function newTabRequests(t: TabSchema, sheetId: number, language: SheetLanguage): SheetRequest[] {
  return [
    headerRequest(t, sheetId, language),
    frozenRequest(sheetId),
    protectionRequest(t, sheetId),
    ...validationRequests(t, sheetId),
    ...(t.id === 'settings' ? [settingsDefaultsRequest(sheetId, language)] : []),
  ];
}

/** Reads the Sheet back; undefined when it cannot be opened with the add-on's access. */
function readBack(api: SheetsApi, id: string, ranges?: readonly string[]): Spreadsheet | undefined {
  try {
    return api.get(id, ranges);
  } catch (error) {
    console.error(
      `The backing Sheet ${id} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}

/**
 * Creates the backing Sheet, or repairs the one `existingId` names: missing tabs are added, a
 * header row that was changed or deleted is written again, a lost protection is restored, and
 * Settings rows a newer version defines are appended. A complete Sheet is left as it is (two reads:
 * which tabs exist, then their header rows and the Settings rows; no write).
 */
export function ensureBackingSheet(
  api: SheetsApi,
  existingId: string | null,
  language: SheetLanguage,
): SetupOutcome {
  if (existingId === null) return createBackingSheet(api, language);
  // The header rows of tabs that exist, and the Settings rows below its header (a second GridData
  // of that tab); a missing tab would fail the ranged read, so look first.
  const headers = TABS.map((t) =>
    t.id === 'settings' ? [`'${t.title}'!1:1`, `'${t.title}'!A2:C`] : [`'${t.title}'!1:1`],
  );
  const plain = readBack(api, existingId);
  if (!plain) return { kind: 'notReadable', spreadsheetId: existingId };
  const present = TABS.filter((t) => sheetIdOf(plain, t.title) !== undefined);
  const sheet =
    present.length > 0
      ? readBack(api, existingId, headers.filter((_, i) => present.includes(TABS[i] as TabSchema)).flat())
      : plain;
  if (!sheet) return { kind: 'notReadable', spreadsheetId: existingId };
  const requests: SheetRequest[] = [];
  const repaired: string[] = [];
  for (const t of TABS) {
    const sheetId = sheetIdOf(sheet, t.title);
    if (sheetId === undefined) {
      const newId = nextSheetId(sheet, requests);
      requests.push({ addSheet: { properties: { sheetId: newId, title: t.title } } });
      requests.push(...newTabRequests(t, newId, language));
      repaired.push(t.title);
      continue;
    }
    const tabData = sheet.sheets?.find((s) => s.properties?.sheetId === sheetId);
    const written =
      tabData?.data?.[0]?.rowData?.[0]?.values?.map((v) => v.userEnteredValue?.stringValue ?? '') ?? [];
    const protectedOk = (tabData?.protectedRanges ?? []).some(
      (p) => p.description === (t.syncOnly ? SYNC_ONLY_PROTECTION : HEADER_PROTECTION),
    );
    const headerOk = isKnownHeader(t, written);
    const frozenOk = (tabData?.properties?.gridProperties?.frozenRowCount ?? 0) >= 1;
    const missing: string[] = [];
    // A header row someone deleted leaves a row of data on top: a new row goes above it. A header
    // that was only edited is written again in place.
    const headerIsData = !headerOk && !looksLikeHeader(t, written) && written.some((cell) => cell !== '');
    if (!headerOk) {
      if (headerIsData)
        requests.push({
          insertDimension: {
            range: { sheetId, dimension: 'ROWS', startIndex: 0, endIndex: 1 },
            inheritFromBefore: false,
          },
        });
      requests.push(headerRequest(t, sheetId, language), ...validationRequests(t, sheetId));
      missing.push('header');
    }
    if (!frozenOk) {
      requests.push(frozenRequest(sheetId));
      missing.push('frozen row');
    }
    if (!protectedOk) {
      requests.push(protectionRequest(t, sheetId));
      missing.push('protection');
    }
    if (t.id === 'settings') {
      const settings = missingSettingsRequests(
        sheetId,
        language,
        tabData?.data?.[0]?.rowData?.[0],
        tabData?.data?.[1]?.rowData ?? [],
        headerIsData,
        tabData?.properties?.gridProperties?.rowCount ?? 0,
      );
      requests.push(...settings.requests);
      if (settings.keys.length > 0) missing.push(`rows ${settings.keys.join(', ')}`);
    }
    if (missing.length > 0) repaired.push(`${t.title} (${missing.join(', ')})`);
  }
  const url = urlOf(sheet, existingId);
  if (requests.length === 0) return { kind: 'unchanged', spreadsheetId: existingId, url };
  api.batchUpdate(existingId, requests);
  return { kind: 'repaired', spreadsheetId: existingId, url, repaired };
}

function nextSheetId(sheet: Spreadsheet, pending: readonly SheetRequest[]): number {
  const used = [
    ...(sheet.sheets ?? []).map((s) => s.properties?.sheetId ?? 0),
    ...pending.map((r) => r.addSheet?.properties?.sheetId ?? 0),
  ];
  return Math.max(0, ...used) + 1;
}

/** At least half of the cells are header texts of this tab (in either language): an edited header. */
function looksLikeHeader(t: TabSchema, written: readonly string[]): boolean {
  const known = new Set([...headerRow(t, 'en'), ...headerRow(t, 'de')]);
  return written.filter((cell) => known.has(cell)).length * 2 >= t.columns.length;
}

/** A header row as setup wrote it, in either language (its first `columns` cells). */
export function isKnownHeader(
  t: TabSchema,
  written: readonly unknown[],
  columns = t.columns.length,
): boolean {
  return (['en', 'de'] as const).some((language) =>
    headerRow(t, language)
      .slice(0, columns)
      .every((header, i) => written[i] === header),
  );
}

function createBackingSheet(api: SheetsApi, language: SheetLanguage): SetupOutcome {
  const created = api.create({
    properties: { title: TITLE },
    sheets: TABS.map((t, index) => ({ properties: { title: t.title, index } })),
  });
  const id = created.spreadsheetId ?? '';
  // drive.file with the advanced service on a file the add-on created is not documented: read it
  // back at once, so that a deployment where it does not hold fails here and not in every sync.
  const sheet = id === '' ? undefined : readBack(api, id);
  if (!sheet || TABS.some((t) => sheetIdOf(sheet, t.title) === undefined))
    return { kind: 'notReadable', spreadsheetId: id };
  api.batchUpdate(
    id,
    TABS.flatMap((t) => newTabRequests(t, sheetIdOf(sheet, t.title) as number, language)),
  );
  return { kind: 'created', spreadsheetId: id, url: urlOf(sheet, id) };
}

// ---------------------------------------------------------------------------------------------
// What the sync reads and writes

/** Every tab's cells from its first row, header included, as entered; and each tab's grid size. */
export type TabRows = Readonly<Record<TabId, Cell[][]>> & {
  readonly grid: Readonly<Record<TabId, { sheetId: number; rowCount: number }>>;
};

export class TabMissingError extends Error {
  constructor(readonly tab: string) {
    super(`The backing Sheet has no tab "${tab}"`);
    this.name = 'TabMissingError';
  }
}

function isEmpty(cell: Cell): boolean {
  return cell === null || cell === '';
}

function cellOf(value: GoogleAppsScript.Sheets.Schema.ExtendedValue | undefined): Cell {
  if (!value) return null;
  if (typeof value.formulaValue === 'string') return { formula: value.formulaValue };
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (typeof value.numberValue === 'number') return value.numberValue;
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  return null;
}

/**
 * How many columns of a tab the sync reads: all, except for Audit, where it needs only the
 * sequences (the tab grows by a row per change, forever).
 */
export function columnsRead(t: TabSchema): number {
  return t.id === 'audit' ? 1 : t.columns.length;
}

/** All tabs in one call. A tab that is missing or renamed throws `TabMissingError`. */
export function readTabs(api: SheetsApi, id: string): TabRows {
  let sheet: Spreadsheet;
  try {
    sheet = api.get(
      id,
      TABS.map((t) => `'${t.title}'!A1:${columnLetter(columnsRead(t) - 1)}`),
    );
  } catch (error) {
    // A range naming a tab that is gone fails the whole read: one more read says which tab.
    if (!/Unable to parse range/i.test(error instanceof Error ? error.message : String(error))) throw error;
    const plain = api.get(id);
    const missing = TABS.find((t) => sheetIdOf(plain, t.title) === undefined);
    throw missing ? new TabMissingError(missing.title) : error;
  }
  const rows = {} as Record<TabId, Cell[][]>;
  const grid = {} as Record<TabId, { sheetId: number; rowCount: number }>;
  for (const t of TABS) {
    const tabData = sheet.sheets?.find((s) => s.properties?.title === t.title);
    if (!tabData) throw new TabMissingError(t.title);
    grid[t.id] = {
      sheetId: tabData.properties?.sheetId ?? 0,
      rowCount: tabData.properties?.gridProperties?.rowCount ?? 0,
    };
    const rowData = tabData.data?.[0]?.rowData ?? [];
    const cells = rowData.map((r) => (r.values ?? []).map((v) => cellOf(v.userEnteredValue)));
    // Rows that only carry formatting or validation come back as empty cells: not rows of data.
    while (cells.length > 0 && (cells[cells.length - 1] as Cell[]).every(isEmpty)) cells.pop();
    rows[t.id] = cells;
  }
  return { ...rows, grid };
}

/** A1 range of `rows` × the tab's columns from row `firstRow` (1-based). */
export function rowsRange(
  t: TabSchema,
  firstRow: number,
  rowCount: number,
  firstColumn = 0,
  columnCount = t.columns.length,
): string {
  const from = `${columnLetter(firstColumn)}${firstRow}`;
  const to = `${columnLetter(firstColumn + columnCount - 1)}${firstRow + rowCount - 1}`;
  return `'${t.title}'!${from}:${to}`;
}

/**
 * Writes the sync's values in one call, first growing any tab whose grid the rows would pass (the
 * Values API refuses a range that ends beyond the grid): one more call only when a tab grows.
 */
export function writeRows(
  api: SheetsApi,
  id: string,
  tabs: TabRows,
  data: readonly { range: string; values: (string | number)[][] }[],
): void {
  if (data.length === 0) return;
  const needed = new Map<TabId, number>();
  for (const d of data) {
    const t = TABS.find((candidate) => d.range.startsWith(`'${candidate.title}'!`));
    const lastRow = Number(/(\d+)$/.exec(d.range)?.[1] ?? 0);
    if (t && lastRow > (needed.get(t.id) ?? 0)) needed.set(t.id, lastRow);
  }
  const growth: SheetRequest[] = [];
  for (const [tabId, lastRow] of needed) {
    const { sheetId, rowCount } = tabs.grid[tabId];
    // Some room beyond, so that not every sync of a growing tab pays for a second call.
    if (lastRow > rowCount)
      growth.push({ appendDimension: { sheetId, dimension: 'ROWS', length: lastRow - rowCount + 500 } });
  }
  if (growth.length > 0) api.batchUpdate(id, growth);
  api.writeValues(id, data);
}
