/**
 * The host's spreadsheets: one `SheetsStore` answers every API call (dispatch, quota, drive.file
 * access, atomic changes) and has the host-side helpers that tests and the simulator use to look at
 * and edit spreadsheets as a person would in the Sheets UI.
 */
import { cellRef, columnLetter } from './a1';
import { record, stringList } from './args';
import { cellAt, fitsInCell, formattedOf, parseUserEntered, setValue } from './cells';
import { ApiFailure, invalid, SHEETS_ERRORS, titleTaken, type SheetsApiError } from './errors';
import { satisfies, validationAt } from './grid';
import { spreadsheetIdOf } from './ids';
import { applyMask, maskReaches, parseMask } from './masks';
import {
  tabNamed,
  titleInUse,
  type DataValidationRule,
  type ExtendedValue,
  type SheetsSnapshot,
  type Spreadsheet,
  type SpreadsheetAccess,
  type StoredSheet,
  type StoredSpreadsheet,
} from './model';
import { Quota, type SheetsQuota } from './quota';
import { addSheet, applyRequest, updateCells } from './requests';
import { cellData, spreadsheetView } from './views';
import {
  valuesAppend,
  valuesBatchClear,
  valuesBatchGet,
  valuesBatchUpdate,
  valuesClear,
  valuesGet,
  valuesUpdate,
} from './values';

/** The API methods, named as Google names them in errors ("API call to sheets.<method> failed…"). */
export const SHEETS_METHODS = [
  'spreadsheets.create',
  'spreadsheets.get',
  'spreadsheets.batchUpdate',
  'spreadsheets.values.get',
  'spreadsheets.values.batchGet',
  'spreadsheets.values.update',
  'spreadsheets.values.batchUpdate',
  'spreadsheets.values.append',
  'spreadsheets.values.clear',
  'spreadsheets.values.batchClear',
] as const;
export type SheetsMethod = (typeof SHEETS_METHODS)[number];

/** "Read requests are calls to any method that retrieves data"; everything else is a write. */
const READ_METHODS: ReadonlySet<SheetsMethod> = new Set<SheetsMethod>([
  'spreadsheets.get',
  'spreadsheets.values.get',
  'spreadsheets.values.batchGet',
]);

/** The answer of one call: plain JSON data either way, so it can cross to a worker thread. */
export type SheetsReply = { ok: true; value: unknown } | { ok: false; error: SheetsApiError };

export interface SpreadsheetSummary {
  spreadsheetId: string;
  title: string;
  owner: string;
  sharedWith: string[];
  tabs: string[];
}

/** One cell as the host's helpers show it. */
export interface CellView {
  /** What a person sees in the cell. */
  formatted: string;
  entered?: ExtendedValue;
  effective?: ExtendedValue;
  note?: string;
  validation?: DataValidationRule;
}

/** One method: the advanced service's arguments, in its order, as JSON. */
type Handler = (caller: string, args: readonly unknown[]) => unknown;

export class SheetsStore {
  private readonly books = new Map<string, StoredSpreadsheet>();
  private created = 0;
  private readonly quota: Quota;
  private readonly handlers: Readonly<Record<SheetsMethod, Handler>>;
  private readonly access: SpreadsheetAccess = {
    open: (spreadsheetId, caller) => {
      const book = typeof spreadsheetId === 'string' ? this.books.get(spreadsheetId) : undefined;
      if (!book) throw new ApiFailure(404, 'NOT_FOUND', SHEETS_ERRORS.notFound);
      if (book.owner !== caller && !book.sharedWith.includes(caller)) {
        throw new ApiFailure(403, 'PERMISSION_DENIED', SHEETS_ERRORS.permissionDenied);
      }
      return book;
    },
    mutate: (spreadsheetId, caller, change) => {
      const working = structuredClone(this.access.open(spreadsheetId, caller));
      const result = change(working);
      this.books.set(working.spreadsheetId, working);
      return result;
    },
  };

  constructor(now: () => number) {
    this.quota = new Quota(now);
    const access = this.access;
    this.handlers = {
      'spreadsheets.create': (caller, [resource]) => this.create(caller, record(resource)),
      'spreadsheets.get': (caller, [id, options]) => this.get(caller, id, record(options)),
      'spreadsheets.batchUpdate': (caller, [resource, id]) => this.batchUpdate(caller, id, record(resource)),
      'spreadsheets.values.get': (caller, [id, range, options]) =>
        valuesGet(access, caller, id, range, record(options)),
      'spreadsheets.values.batchGet': (caller, [id, options]) =>
        valuesBatchGet(access, caller, id, record(options)),
      'spreadsheets.values.update': (caller, [resource, id, range, options]) =>
        valuesUpdate(access, caller, id, range, record(resource), record(options)),
      'spreadsheets.values.batchUpdate': (caller, [resource, id]) =>
        valuesBatchUpdate(access, caller, id, record(resource)),
      'spreadsheets.values.append': (caller, [resource, id, range, options]) =>
        valuesAppend(access, caller, id, range, record(resource), record(options)),
      'spreadsheets.values.clear': (caller, [, id, range]) => valuesClear(access, caller, id, range),
      'spreadsheets.values.batchClear': (caller, [resource, id]) =>
        valuesBatchClear(access, caller, id, record(resource)),
    };
  }

  /** One API call by the user `email`; errors come back as data, as the HTTP response carries them. */
  call(email: string, method: SheetsMethod, args: readonly unknown[]): SheetsReply {
    const handler = this.handlers[method];
    if (!handler)
      return { ok: false, error: { code: 404, status: 'NOT_FOUND', message: `Unknown method ${method}` } };
    const caller = callerKey(email);
    try {
      this.quota.admit(caller, READ_METHODS.has(method) ? 'read' : 'write');
      return { ok: true, value: structuredClone(handler(caller, args)) };
    } catch (error) {
      if (error instanceof ApiFailure) {
        return { ok: false, error: { code: error.code, status: error.status, message: error.message } };
      }
      throw error;
    }
  }

  // --- host-side helpers (tests, the simulator) ------------------------------------------------

  /** Quotas for tests: a partial quota changes those limits, `false` switches the quota off. */
  setQuota(quota: Partial<SheetsQuota> | false): void {
    this.quota.set(quota);
  }

  /** Creates a spreadsheet as `ownerEmail` would (no quota charged): demo data, test fixtures. */
  createAs(ownerEmail: string, resource: Spreadsheet = {}): Spreadsheet {
    return structuredClone(this.create(callerKey(ownerEmail), record(resource)));
  }

  list(): SpreadsheetSummary[] {
    return [...this.books.values()].map((book) => ({
      spreadsheetId: book.spreadsheetId,
      title: book.title,
      owner: book.owner,
      sharedWith: [...book.sharedWith],
      tabs: book.sheets.map((s) => s.title),
    }));
  }

  /** Gives `email` edit access, as sharing the file from Drive does. */
  share(spreadsheetId: string, email: string): void {
    const book = this.book(spreadsheetId);
    const key = callerKey(email);
    if (key !== book.owner && !book.sharedWith.includes(key)) book.sharedWith.push(key);
  }

  /** A tab as a person sees it: displayed texts, rectangular up to the last cell with a value. */
  readTab(spreadsheetId: string, tab: string): string[][] {
    const sheet = this.tab(this.book(spreadsheetId), tab);
    let width = 0;
    let height = 0;
    sheet.cells.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (!cell?.value) return;
        height = Math.max(height, r + 1);
        width = Math.max(width, c + 1);
      }),
    );
    return Array.from({ length: height }, (_, r) =>
      Array.from({ length: width }, (_, c) => formattedOf(cellAt(sheet, r, c)?.value)),
    );
  }

  /** One cell, e.g. cell(id, 'Resellers', 'B2'). */
  cell(spreadsheetId: string, tab: string, a1: string): CellView {
    const { r, c } = cellRef(a1);
    const data = cellData(this.tab(this.book(spreadsheetId), tab), r, c);
    const view: CellView = { formatted: data.formattedValue ?? '' };
    if (data.userEnteredValue) view.entered = data.userEnteredValue;
    if (data.effectiveValue) view.effective = data.effectiveValue;
    if (data.note) view.note = data.note;
    if (data.dataValidation) view.validation = data.dataValidation;
    return view;
  }

  /**
   * Types `text` into a cell as a person in the Sheets UI would (USER_ENTERED: "=…" a formula,
   * "12" a number, "'12" text). A strict list validation rejects anything off its list, as the UI does.
   */
  editCell(spreadsheetId: string, tab: string, a1: string, text: string): void {
    const sheet = this.tab(this.book(spreadsheetId), tab);
    const { r, c } = cellRef(a1);
    if (r >= sheet.rowCount || c >= sheet.columnCount) {
      throw new Error(`${tab}!${a1} is outside the tab's grid of ${sheet.rowCount} x ${sheet.columnCount}`);
    }
    const value = text === '' ? null : parseUserEntered(text);
    const rule = validationAt(sheet, r, c);
    if (value && rule?.strict && !satisfies(rule, value)) {
      throw new Error(
        `There was a problem: the data you entered in cell ${a1} violates the data validation rules set on this cell.`,
      );
    }
    if (value && !fitsInCell(value)) throw new Error(SHEETS_ERRORS.cellTooLong);
    setValue(sheet, r, c, value);
  }

  /** Writes a header cell (row 1) as a person would; `column` is a 0-based index or a letter. */
  setHeaderCell(spreadsheetId: string, tab: string, column: number | string, text: string): void {
    const letter = typeof column === 'number' ? columnLetter(column) : column;
    this.editCell(spreadsheetId, tab, `${letter}1`, text);
  }

  renameTab(spreadsheetId: string, tab: string, title: string): void {
    const book = this.book(spreadsheetId);
    const sheet = this.tab(book, tab);
    if (titleInUse(book, title, sheet)) throw new Error(titleTaken(title));
    sheet.title = title;
  }

  deleteTab(spreadsheetId: string, tab: string): void {
    const book = this.book(spreadsheetId);
    const sheet = this.tab(book, tab);
    if (book.sheets.length === 1) throw new Error(SHEETS_ERRORS.lastSheet);
    book.sheets = book.sheets.filter((s) => s !== sheet);
  }

  snapshot(): SheetsSnapshot {
    return structuredClone({ created: this.created, spreadsheets: [...this.books.values()] });
  }

  /** Restores persisted spreadsheets; a state file from before the Sheets fake has none. */
  restore(snapshot: SheetsSnapshot | undefined): void {
    this.books.clear();
    this.quota.forget();
    this.created = snapshot?.created ?? 0;
    for (const book of structuredClone(snapshot?.spreadsheets ?? []))
      this.books.set(book.spreadsheetId, book);
  }

  /** A spreadsheet for the host-side helpers, which skip access checks: a missing one is a mistake. */
  private book(spreadsheetId: string): StoredSpreadsheet {
    const book = this.books.get(spreadsheetId);
    if (!book) throw new Error(`No spreadsheet ${spreadsheetId}`);
    return book;
  }

  private tab(book: StoredSpreadsheet, title: string): StoredSheet {
    const sheet = tabNamed(book, title);
    if (!sheet) throw new Error(`Spreadsheet ${book.spreadsheetId} has no tab "${title}"`);
    return sheet;
  }

  // --- spreadsheets.create, get and batchUpdate -------------------------------------------------

  private create(caller: string, resource: Record<string, unknown>): Spreadsheet {
    const spreadsheetId = spreadsheetIdOf(++this.created);
    const properties = record(resource.properties);
    const book: StoredSpreadsheet = {
      spreadsheetId,
      title: typeof properties.title === 'string' ? properties.title : 'Untitled spreadsheet',
      locale: typeof properties.locale === 'string' ? properties.locale : 'en_US',
      timeZone: typeof properties.timeZone === 'string' ? properties.timeZone : 'Etc/GMT',
      owner: caller,
      sharedWith: [],
      sheets: [],
      serial: 0,
    };
    const sheets = Array.isArray(resource.sheets)
      ? (resource.sheets as GoogleAppsScript.Sheets.Schema.Sheet[])
      : [];
    (sheets.length > 0 ? sheets : [{}]).forEach((sheet, i) => {
      const where = `Invalid sheets[${i}]: `;
      // Google gives the first tab id 0 unless told otherwise.
      const props = { ...(sheet?.properties ?? {}) };
      if (i === 0 && props.sheetId === undefined) props.sheetId = 0;
      const added = addSheet(book, props, where);
      for (const data of sheet?.data ?? []) {
        updateCells(
          book,
          caller,
          {
            start: {
              sheetId: added.sheetId,
              rowIndex: data.startRow ?? 0,
              columnIndex: data.startColumn ?? 0,
            },
            rows: data.rowData ?? [],
            fields: 'userEnteredValue,note,dataValidation',
          },
          where,
        );
      }
    });
    this.books.set(spreadsheetId, book);
    return spreadsheetView(book, caller, [], false);
  }

  private get(caller: string, id: unknown, options: Record<string, unknown>): Spreadsheet {
    const book = this.access.open(id, caller);
    const mask =
      typeof options.fields === 'string' && options.fields !== '' ? parseMask(options.fields) : undefined;
    // "If a field mask is set, the includeGridData parameter is ignored."
    const withData = mask ? maskReaches(mask, ['sheets', 'data']) : options.includeGridData === true;
    const view = spreadsheetView(book, caller, stringList(options.ranges), withData);
    return mask ? (applyMask(view, mask) as Spreadsheet) : view;
  }

  private batchUpdate(caller: string, id: unknown, resource: Record<string, unknown>): unknown {
    const requests = Array.isArray(resource.requests) ? (resource.requests as unknown[]) : [];
    return this.access.mutate(id, caller, (book) => {
      if (requests.length === 0) throw invalid(SHEETS_ERRORS.noRequests);
      const replies = requests.map((request, i) => applyRequest(book, caller, request, i));
      const response: GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetResponse = {
        spreadsheetId: book.spreadsheetId,
        replies,
      };
      if (resource.includeSpreadsheetInResponse === true) {
        response.updatedSpreadsheet = spreadsheetView(
          book,
          caller,
          stringList(resource.responseRanges),
          resource.responseIncludeGridData === true,
        );
      }
      return response;
    });
  }
}

/** Users as drive.file tells them apart; those whose domain hides the email share one key. */
function callerKey(email: string): string {
  return email === '' ? '(email hidden by policy)' : email.toLowerCase();
}
