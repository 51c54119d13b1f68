/**
 * The simulator's view of the backing Sheet: the spreadsheet `setup` created (its id is the Script
 * Property `s:sheet`), one tab at a time as a person sees it in Sheets, and edits typed in as support
 * would type them. Only the Sheets fake's host-side helpers are used (list, readTab, cell, editCell):
 * nothing here is an API call, so the panel never spends the add-on's Sheets quota.
 */
import type { RuntimeHost } from '../runtime/host';
import { columnLetter, TABS } from '../../src/sheet/schema';
import { KEYS } from '../../src/store/keys';

/** More rows than this are not drawn (a generated directory has thousands); the page says so. */
export const MAX_ROWS_SHOWN = 500;

export interface SheetCellView {
  /** What the cell shows. */
  text: string;
  /** What the editor starts with, when it differs from `text` (a formula, text that looks like a number). */
  edit?: string;
  note?: string;
  /** Index into `lists`: the cell has a drop-down with these values. */
  list?: number;
}

export interface SheetTabView {
  title: string;
  /** Every row has this many cells. */
  columns: number;
  /** Row 1 first; one empty row after the last filled one, where support adds a new row (unless cut). */
  rows: SheetCellView[][];
  /** Rows with a value, header included (more than rows.length - 1 when the tab was cut short). */
  filledRows: number;
  /** The 0-based column the sync writes its "Sync status" to; -1 when the tab has none. */
  syncStatusColumn: number;
  /** The drop-down lists the tab's cells refer to. */
  lists: string[][];
}

export type SheetView =
  | { kind: 'none'; message: string }
  | {
      kind: 'sheet';
      spreadsheetId: string;
      title: string;
      owner: string;
      tabs: string[];
      tab: SheetTabView | null;
    };

/** The spreadsheet `setup` created, with the tab `wanted` (else the first tab). */
export function sheetView(host: RuntimeHost, wanted?: string): SheetView {
  const id = host.scriptProperties.get(KEYS.sheetId);
  if (id === null) return { kind: 'none', message: 'Run setup first: there is no backing Sheet yet.' };
  const summary = host.sheets.list().find((book) => book.spreadsheetId === id);
  if (!summary) {
    return {
      kind: 'none',
      message: `The Script Property ${KEYS.sheetId} names the spreadsheet ${id}, which does not exist: run setup again.`,
    };
  }
  const title = summary.tabs.find((t) => t === wanted) ?? summary.tabs[0];
  return {
    kind: 'sheet',
    spreadsheetId: id,
    title: summary.title,
    owner: summary.owner,
    tabs: summary.tabs,
    tab: title === undefined ? null : tabView(host, id, title),
  };
}

function tabView(host: RuntimeHost, id: string, title: string): SheetTabView {
  const shown = host.sheets.readTab(id, title);
  const filledRows = shown.length;
  // The header row's width at least: an empty tab still shows its columns.
  const columns = Math.max(1, ...shown.map((row) => row.length));
  // The empty row to add to only when every filled row is drawn: after a cut, it would not be empty.
  const rowCount = filledRows <= MAX_ROWS_SHOWN + 1 ? filledRows + 1 : MAX_ROWS_SHOWN + 1;
  const lists: string[][] = [];
  const listIndex = new Map<string, number>();
  const rows = Array.from({ length: rowCount }, (_, r) =>
    Array.from({ length: columns }, (_, c) => {
      const cell = host.sheets.cell(id, title, `${columnLetter(c)}${r + 1}`);
      const view: SheetCellView = { text: cell.formatted };
      const edit = editText(cell.entered);
      if (edit !== cell.formatted) view.edit = edit;
      if (cell.note) view.note = cell.note;
      const values = listValues(cell.validation);
      if (values) {
        const key = JSON.stringify(values);
        let index = listIndex.get(key);
        if (index === undefined) {
          index = lists.push(values) - 1;
          listIndex.set(key, index);
        }
        view.list = index;
      }
      return view;
    }),
  );
  // By the add-on's own layout, not by the header's text: support may have retyped the header.
  const schema = TABS.find((t) => t.title === title);
  return {
    title,
    columns,
    rows,
    filledRows,
    syncStatusColumn: schema ? schema.columns.indexOf('syncStatus') : -1,
    lists,
  };
}

/** Types `text` into a cell as support would in Sheets; throws what Sheets would say (e.g. off-list). */
export function editSheetCell(host: RuntimeHost, tab: string, a1: string, text: string): void {
  const id = host.scriptProperties.get(KEYS.sheetId);
  if (id === null) throw new Error('Run setup first: there is no backing Sheet yet.');
  host.sheets.editCell(id, tab, a1, text);
}

type ExtendedValue = GoogleAppsScript.Sheets.Schema.ExtendedValue;
type DataValidationRule = GoogleAppsScript.Sheets.Schema.DataValidationRule;

/**
 * What Sheets' editor shows for an entered value, so that saving it unchanged stores the same value:
 * a formula as typed, and text that typing would turn into a number, boolean or formula with the
 * apostrophe that keeps it text.
 */
export function editText(entered: ExtendedValue | undefined): string {
  if (!entered) return '';
  if (entered.formulaValue !== undefined) return entered.formulaValue;
  if (typeof entered.numberValue === 'number') return String(entered.numberValue);
  if (typeof entered.boolValue === 'boolean') return entered.boolValue ? 'TRUE' : 'FALSE';
  const text = entered.stringValue ?? '';
  const trimmed = text.trim();
  const wouldChange =
    /^['=]/.test(text) ||
    /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ||
    /^(true|false)$/i.test(trimmed);
  return wouldChange ? `'${text}` : text;
}

function listValues(rule: DataValidationRule | undefined): string[] | undefined {
  if (rule?.condition?.type !== 'ONE_OF_LIST') return undefined;
  return (rule.condition.values ?? []).map((v) => v.userEnteredValue ?? '');
}
