/**
 * The backing Sheet's layout: its tabs, their columns in order, which columns have a fixed list of
 * values, and which tabs only the sync writes. Tab names are the same in every language (the sync
 * finds tabs by name); headers and notes come from messages.ts in the owner's language.
 */
import { ASSIGNMENT_COLUMNS } from '../domain/assignment-rows';
import { REQUEST_COLUMNS } from '../domain/request-rows';
import { RESELLER_COLUMNS, STATUS_WORDS } from '../domain/sheet-rows';
import { RESELLER_STATUSES } from '../domain/reseller';

export type TabId = 'resellers' | 'assignments' | 'requests' | 'audit' | 'settings';

export interface TabSchema {
  id: TabId;
  title: string;
  columns: readonly string[];
  /** Columns whose cells must be one of these values (data validation, strict). */
  lists: Readonly<Record<string, readonly string[]>>;
  /** Written by the sync only: the whole tab is protected (warning only), not just its header. */
  syncOnly: boolean;
}

export const SOURCES = ['customer', 'invitation', 'support', 'import'] as const;
export const REQUEST_STATES = ['open', 'approved', 'rejected'] as const;

export const TABS: readonly TabSchema[] = [
  {
    id: 'resellers',
    title: 'Resellers',
    columns: RESELLER_COLUMNS,
    lists: { status: RESELLER_STATUSES.map((s) => STATUS_WORDS[s]) },
    syncOnly: false,
  },
  {
    id: 'assignments',
    title: 'Assignments',
    columns: ASSIGNMENT_COLUMNS,
    lists: { source: SOURCES },
    syncOnly: false,
  },
  {
    id: 'requests',
    title: 'Requests',
    columns: REQUEST_COLUMNS,
    lists: { state: REQUEST_STATES },
    syncOnly: false,
  },
  {
    id: 'audit',
    title: 'Audit',
    columns: ['sequence', 'when', 'who', 'what', 'before', 'after'],
    lists: {},
    syncOnly: true,
  },
  {
    id: 'settings',
    title: 'Settings',
    columns: ['setting', 'value', 'syncStatus'],
    lists: {},
    syncOnly: false,
  },
];

export function tab(id: TabId): TabSchema {
  const found = TABS.find((t) => t.id === id);
  if (!found) throw new Error(`No tab ${id}`);
  return found;
}

/** "A", "B", … "Z", "AA": the column letter of a 0-based index, for A1 ranges. */
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

/** The settings rows `setup` writes, with their defaults. */
export const SETTINGS_DEFAULTS: readonly (readonly [string, string])[] = [
  ['supportStaff', ''],
  ['supportAddress', ''],
  ['syncMinutes', '15'],
  ['statusLanguage', 'en'],
  // The mail of "Send agreement" (issue 10): empty means the add-on's own text, without a link.
  ['agreementSubject', ''],
  ['agreementText', ''],
  ['agreementLink', ''],
];
