/// <reference lib="dom" />
/**
 * The page's reading of what is on it: the stored-state panels (Script and User Properties with
 * their bytes against the limit) filled from /api/state, and the current card's form inputs
 * collected as Google sends them.
 */
import { $ } from './api';

export interface StoreView {
  build: { ok: boolean; message?: string };
  limitBytes: number;
  script: { entries: { key: string; value: string; bytes: number }[]; bytes: number };
  user: { email: string; entries: { key: string; value: string; bytes: number }[]; bytes: number };
  /** On `npm start -- --store firestore`: the emulator's documents. */
  firestore?: { entries: { key: string; value: string; bytes: number }[]; bytes: number };
}

/** The table's rows: key, value (long ones cut, whole in the title) and bytes. */
export function fillRows(tableSelector: string, entries: StoreView['script']['entries']): void {
  const tbody = $(tableSelector);
  tbody.replaceChildren(
    ...entries.map((entry) => {
      const row = document.createElement('tr');
      for (const text of [entry.key, entry.value, String(entry.bytes)]) {
        const cell = document.createElement('td');
        cell.textContent = text.length > 160 ? `${text.slice(0, 160)}…` : text;
        if (text.length > 160) cell.title = text.slice(0, 2000);
        row.append(cell);
      }
      return row;
    }),
  );
}

export function fillStore(
  tableSelector: string,
  bytesSelector: string,
  entries: StoreView['script']['entries'],
  bytes: number,
  limit: number,
): void {
  fillRows(tableSelector, entries);
  const meter = $<HTMLMeterElement>(`${bytesSelector} meter`);
  meter.max = limit;
  meter.value = bytes;
  $(`${bytesSelector} span`).textContent =
    `${bytes.toLocaleString('en')} of ${limit.toLocaleString('en')} bytes (${((bytes / limit) * 100).toFixed(1)} %)`;
}

/** The current card's inputs as Google sends them: only inputs that hold a value. */
export function collectForm(): Record<string, string | string[]> {
  const values: Record<string, string[]> = {};
  const body = $('#sidebar-body');
  body
    .querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('[data-field]')
    .forEach((element) => {
      const name = element.dataset.field ?? '';
      const add = (value: string): void => {
        (values[name] ??= []).push(value);
      };
      if (element instanceof HTMLSelectElement) {
        for (const option of Array.from(element.selectedOptions)) add(option.value);
      } else if (
        element instanceof HTMLInputElement &&
        (element.type === 'checkbox' || element.type === 'radio')
      ) {
        if (element.checked) add(element.value);
      } else if (element.value !== '') {
        add(element.value);
      }
    });
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, v.length === 1 ? (v[0] as string) : v]),
  );
}
