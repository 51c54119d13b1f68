/// <reference lib="dom" />
/**
 * The Backing Sheet panel: the spreadsheet `setup` created, one tab at a time, as support sees it in
 * Sheets — column letters, row numbers, the header row in bold, notes on hover (and read out), the
 * sync's "Sync status" column set apart — and editable as there: click a cell or press Enter (or
 * start typing) to edit it, Enter saves, Tab saves and moves right, Escape cancels, leaving the cell
 * saves. A value Sheets refuses (one off a strict drop-down's list) brings the editor back, with
 * Sheets' message beside the cell. The grid follows the ARIA grid pattern: one cell in the Tab order,
 * arrow keys, Home and End move between cells.
 */
import type { SheetCellView, SheetTabView, SheetView } from '../sheet-view';
import { columnLetter } from '../../../src/sheet/schema';
import { $, api } from './api';

export interface SheetPanel {
  /** Reads the Sheet again (after a sync, a reset); an open editor is given up. */
  refresh(): Promise<void>;
}

interface Editing {
  row: number;
  column: number;
  input: HTMLInputElement;
  /** What the editor started with: saving it unchanged writes nothing. */
  original: string;
  /** The text Sheets last refused: leaving the cell does not send it again. */
  rejected?: string;
  saving: boolean;
}

export function initSheetPanel(): SheetPanel {
  const info = $('#sheet-info');
  const tabList = $('#sheet-tabs');
  const tabPanel = $('#sheet-tabpanel');
  let view: SheetView | undefined;
  let tab = '';
  /** The cell in the Tab order, per tab: where the keyboard comes back to. */
  const active = new Map<string, { row: number; column: number }>();
  let editing: Editing | undefined;
  /** Requests that answer with a view, in the order they were made: only the latest is drawn. */
  let issued = 0;

  const shownTab = (): SheetTabView | null => (view?.kind === 'sheet' ? view.tab : null);
  const position = (): { row: number; column: number } => active.get(tab) ?? { row: 0, column: 0 };
  const cellElement = (row: number, column: number): HTMLTableCellElement | null =>
    tabPanel.querySelector<HTMLTableCellElement>(`td[data-row="${row}"][data-column="${column}"]`);
  const a1 = (row: number, column: number): string => `${columnLetter(column)}${row + 1}`;

  async function load(request: () => Promise<SheetView>): Promise<void> {
    const mine = ++issued;
    let answer: SheetView;
    try {
      answer = await request();
    } catch (error) {
      if (mine === issued) info.textContent = `The Sheet could not be read: ${(error as Error).message}`;
      return;
    }
    if (mine === issued) draw(answer); // else a later request draws
  }

  /** Draws a view; the keyboard stays on the grid's active cell if it was in the grid. */
  function draw(next: SheetView): void {
    const hadFocus = tabPanel.contains(document.activeElement);
    view = next;
    editing = undefined;
    if (next.kind === 'none') {
      info.textContent = next.message;
      tabList.hidden = true;
      tabPanel.hidden = true;
      tabList.replaceChildren();
      tabPanel.replaceChildren();
      return;
    }
    tab = next.tab?.title ?? '';
    const data = next.tab;
    const cut = data && data.filledRows > data.rows.length ? data : undefined;
    info.textContent =
      `“${next.title}” (${next.spreadsheetId}), owned by ${next.owner}.` +
      (cut ? ` Showing the first ${cut.rows.length} of ${cut.filledRows} rows of ${cut.title}.` : '');
    drawTabs(next.tabs);
    tabPanel.hidden = false;
    if (!data) {
      tabPanel.replaceChildren();
      return;
    }
    tabPanel.setAttribute('aria-labelledby', tabId(data.title));
    tabPanel.replaceChildren(gridOf(data));
    if (hadFocus) cellElement(position().row, position().column)?.focus();
  }

  const tabId = (title: string): string => `sheet-tab-${encodeURIComponent(title).replace(/%/g, '_')}`;

  function drawTabs(titles: string[]): void {
    tabList.hidden = false;
    tabList.replaceChildren(
      ...titles.map((title) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.id = tabId(title);
        button.className = 'sheet-tab';
        button.setAttribute('role', 'tab');
        button.setAttribute('aria-controls', 'sheet-tabpanel');
        button.setAttribute('aria-selected', String(title === tab));
        button.tabIndex = title === tab ? 0 : -1;
        button.textContent = title;
        button.addEventListener('click', () => void selectTab(title, false));
        return button;
      }),
    );
  }

  async function selectTab(title: string, keepTabFocus: boolean): Promise<void> {
    tab = title;
    await load(() => api<SheetView>('GET', `/api/sheet?tab=${encodeURIComponent(title)}`));
    if (keepTabFocus) document.getElementById(tabId(title))?.focus();
  }

  tabList.addEventListener('keydown', (event) => {
    if (view?.kind !== 'sheet') return;
    const titles = view.tabs;
    const at = titles.indexOf(tab);
    const next =
      event.key === 'ArrowRight'
        ? titles[(at + 1) % titles.length]
        : event.key === 'ArrowLeft'
          ? titles[(at - 1 + titles.length) % titles.length]
          : event.key === 'Home'
            ? titles[0]
            : event.key === 'End'
              ? titles[titles.length - 1]
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    void selectTab(next, true);
  });

  function gridOf(data: SheetTabView): HTMLTableElement {
    const table = document.createElement('table');
    table.className = 'sheet-grid';
    table.setAttribute('role', 'grid');
    table.setAttribute('aria-label', `${data.title} tab`);
    const head = document.createElement('thead');
    const letters = document.createElement('tr');
    const corner = document.createElement('td');
    corner.className = 'sheet-corner';
    letters.append(corner);
    const headers = data.rows[0] ?? [];
    for (let c = 0; c < data.columns; c++) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = columnLetter(c);
      // Screen readers announce the column with each cell: the letter alone says little.
      const name = headers[c]?.text;
      if (name) th.append(hidden(`: ${name}`));
      if (c === data.syncStatusColumn) th.classList.add('sheet-sync-status');
      letters.append(th);
    }
    head.append(letters);
    const body = document.createElement('tbody');
    // Kept within the tab (it may have shrunk, or Enter moved below the last row).
    const here = position();
    active.set(data.title, {
      row: Math.max(0, Math.min(here.row, data.rows.length - 1)),
      column: Math.max(0, Math.min(here.column, data.columns - 1)),
    });
    data.rows.forEach((cells, r) => {
      const row = document.createElement('tr');
      const number = document.createElement('th');
      number.scope = 'row';
      number.textContent = String(r + 1);
      row.append(number);
      cells.forEach((cell, c) => row.append(cellOf(data, cell, r, c)));
      body.append(row);
    });
    table.append(head, body);
    table.addEventListener('keydown', (event) => onGridKey(event, data));
    return table;
  }

  function cellOf(data: SheetTabView, cell: SheetCellView, r: number, c: number): HTMLTableCellElement {
    const td = document.createElement('td');
    td.dataset.row = String(r);
    td.dataset.column = String(c);
    const here = position();
    td.tabIndex = here.row === r && here.column === c ? 0 : -1;
    td.classList.add('sheet-cell');
    if (r === 0) td.classList.add('sheet-header-row');
    if (c === data.syncStatusColumn) td.classList.add('sheet-sync-status');
    fillCell(td, cell);
    td.addEventListener('click', () => {
      if (editing?.row === r && editing.column === c) return;
      moveTo(r, c);
      startEditing(data, r, c);
    });
    return td;
  }

  function fillCell(td: HTMLTableCellElement, cell: SheetCellView): void {
    td.replaceChildren(cell.text);
    if (cell.note) {
      td.title = cell.note;
      td.classList.add('sheet-has-note');
      td.append(hidden(` (note: ${cell.note})`));
    }
    if (cell.list !== undefined) td.classList.add('sheet-has-list');
  }

  function moveTo(row: number, column: number): void {
    const data = shownTab();
    if (!data) return;
    const r = Math.max(0, Math.min(row, data.rows.length - 1));
    const c = Math.max(0, Math.min(column, data.columns - 1));
    const before = position();
    cellElement(before.row, before.column)?.setAttribute('tabindex', '-1');
    active.set(tab, { row: r, column: c });
    const target = cellElement(r, c);
    if (target) {
      target.tabIndex = 0;
      target.focus();
    }
  }

  function onGridKey(event: KeyboardEvent, data: SheetTabView): void {
    if (editing || !(event.target instanceof HTMLTableCellElement)) return;
    const { row, column } = position();
    const moves: Record<string, [number, number]> = {
      ArrowUp: [row - 1, column],
      ArrowDown: [row + 1, column],
      ArrowLeft: [row, column - 1],
      ArrowRight: [row, column + 1],
      Home: [row, 0],
      End: [row, data.columns - 1],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      moveTo(move[0], move[1]);
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      startEditing(data, row, column);
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // As in Sheets: typing on a cell replaces what it holds.
      event.preventDefault();
      startEditing(data, row, column, event.key);
    }
  }

  function startEditing(data: SheetTabView, row: number, column: number, typed?: string): void {
    const cell = data.rows[row]?.[column];
    const td = cellElement(row, column);
    if (!cell || !td) return;
    // An editor left open elsewhere (its text refused) is given up, as moving on in Sheets does.
    if (editing) stopEditing(editing, false);
    const original = cell.edit ?? cell.text;
    const input = document.createElement('input');
    input.type = 'text';
    input.className = 'sheet-editor';
    input.value = typed ?? original;
    const header = data.rows[0]?.[column]?.text;
    input.setAttribute(
      'aria-label',
      `${data.title} ${a1(row, column)}${header && row > 0 ? `, ${header}` : ''}`,
    );
    td.replaceChildren(input);
    const values = cell.list === undefined ? undefined : data.lists[cell.list];
    if (values) {
      // Sheets shows the drop-down's values; typing another one is what it refuses.
      const options = document.createElement('datalist');
      options.id = `sheet-list-${row}-${column}`;
      options.replaceChildren(
        ...values.map((value) => {
          const option = document.createElement('option');
          option.value = value;
          return option;
        }),
      );
      input.setAttribute('list', options.id);
      td.append(options);
    }
    editing = { row, column, input, original, saving: false };
    const mine = editing;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        void commit(mine, 1, 0);
      } else if (event.key === 'Tab' && !event.shiftKey) {
        event.preventDefault();
        void commit(mine, 0, 1);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        stopEditing(mine, true);
      }
    });
    input.addEventListener('blur', () => {
      if (editing !== mine || mine.saving) return;
      if (input.value === mine.original) stopEditing(mine, false);
      else if (input.value !== mine.rejected) void commit(mine, 0, 0, false);
    });
  }

  /** Puts the cell's content back without saving. */
  function stopEditing(which: Editing, focusCell: boolean): void {
    if (editing !== which) return;
    editing = undefined;
    const td = cellElement(which.row, which.column);
    const cell = shownTab()?.rows[which.row]?.[which.column];
    if (td && cell) {
      td.classList.remove('sheet-rejected');
      fillCell(td, cell);
      if (focusCell) td.focus();
    }
  }

  /**
   * Saves the editor's text. Enter and Tab move on at once, as Sheets does, so that what support types
   * next goes to the next cell while the server answers; a refusal brings the editor back, with
   * Sheets' message. Leaving the cell (`move` false) saves where the editor is.
   */
  async function commit(which: Editing, down: number, right: number, move = true): Promise<void> {
    const text = which.input.value;
    const target = { row: which.row + down, column: which.column + right };
    if (text === which.original) {
      stopEditing(which, move);
      if (move) moveTo(target.row, target.column);
      return;
    }
    if (text === which.rejected) return; // Sheets' message for it is on screen already
    which.saving = true;
    if (move) {
      editing = undefined;
      const td = cellElement(which.row, which.column);
      if (td) {
        td.classList.remove('sheet-rejected');
        td.replaceChildren(text);
      }
      moveTo(target.row, target.column);
    } else {
      which.input.setAttribute('aria-busy', 'true');
    }
    const mine = ++issued;
    let answer: SheetView;
    try {
      answer = await api<SheetView>('POST', '/api/sheet/cell', {
        tab,
        a1: a1(which.row, which.column),
        text,
      });
    } catch (error) {
      which.saving = false;
      which.input.removeAttribute('aria-busy');
      const message = (error as Error).message;
      if (move) reopenRefused(which, text, message);
      else if (editing === which) {
        which.rejected = text;
        showRejection(which, message, false);
      }
      return;
    }
    if (editing === which) editing = undefined;
    if (mine !== issued) return; // a later request draws
    const here = position();
    const data = answer.kind === 'sheet' ? answer.tab : null;
    // Enter on the last row: the saved row now has an empty row below it to move to.
    if (move && data && here.row === target.row - down && here.column === target.column - right) {
      active.set(tab, target);
    }
    if (editing) {
      // Support is editing the next cell already: redrawing would close that editor.
      view = answer;
      const td = cellElement(which.row, which.column);
      const cell = shownTab()?.rows[which.row]?.[which.column];
      if (td && cell) fillCell(td, cell);
    } else {
      draw(answer);
    }
  }

  /** Sheets refused what Enter or Tab saved: back to that cell, the text kept to correct or cancel. */
  function reopenRefused(which: Editing, text: string, message: string): void {
    const data = shownTab();
    if (!data) return;
    moveTo(which.row, which.column);
    startEditing(data, which.row, which.column, text);
    if (!editing) return;
    editing.rejected = text;
    showRejection(editing, message, true);
  }

  function showRejection(which: Editing, message: string, focusInput: boolean): void {
    const td = cellElement(which.row, which.column);
    if (!td) return;
    const id = `sheet-error-${which.row}-${which.column}`;
    document.getElementById(id)?.remove();
    const error = document.createElement('span');
    error.id = id;
    error.className = 'sheet-error';
    error.setAttribute('role', 'alert');
    error.textContent = message;
    td.classList.add('sheet-rejected');
    td.append(error);
    which.input.setAttribute('aria-invalid', 'true');
    which.input.setAttribute('aria-describedby', id);
    if (focusInput) which.input.focus();
  }

  return {
    refresh: async () => {
      await load(() => api<SheetView>('GET', `/api/sheet?tab=${encodeURIComponent(tab)}`));
    },
  };
}

function hidden(text: string): HTMLElement {
  const span = document.createElement('span');
  span.className = 'visually-hidden';
  span.textContent = text;
  return span;
}
