/**
 * Support's answers in the backing Sheet's Requests tab. The sync writes a new request's row with
 * state "open" and the status "OK (open)"; support answers by choosing approved or rejected and
 * typing the answer the customer will read. A row whose state is no longer the one its status names
 * is such an answer.
 */
import { answerText } from './assignment';
import { writtenValue } from './assignment-rows';
import type { Cell } from './sheet-rows';

export const REQUEST_COLUMNS = [
  'request',
  'organisation',
  'requestedBy',
  'requestedAt',
  'resellerId',
  'reason',
  'state',
  'answer',
  'syncStatus',
] as const;

const column = (name: (typeof REQUEST_COLUMNS)[number]): number => REQUEST_COLUMNS.indexOf(name);

export type RequestRowProblem = { kind: 'formula' } | { kind: 'noAnswer' } | { kind: 'badState' };

export interface RequestAnswerEdit {
  row: number;
  domain: string;
  state: 'approved' | 'rejected';
  answer: string;
}

export function readRequestRows(rows: readonly (readonly Cell[])[]): {
  answers: RequestAnswerEdit[];
  flagged: { row: number; problem: RequestRowProblem }[];
} {
  const answers: RequestAnswerEdit[] = [];
  const flagged: { row: number; problem: RequestRowProblem }[] = [];
  rows.forEach((cells, row) => {
    const state = cells[column('state')];
    const written = writtenValue(cells[column('syncStatus')]);
    if (written !== 'open' || state === 'open') return;
    const answerCell = cells[column('answer')];
    const domain = cells[column('organisation')];
    if (
      (state !== null && typeof state === 'object') ||
      (answerCell !== null && typeof answerCell === 'object')
    )
      return void flagged.push({ row, problem: { kind: 'formula' } });
    if (state !== 'approved' && state !== 'rejected')
      return void flagged.push({ row, problem: { kind: 'badState' } });
    const answer = typeof answerCell === 'string' ? answerText(answerCell) : '';
    if (answer === '') return void flagged.push({ row, problem: { kind: 'noAnswer' } });
    if (typeof domain === 'string') answers.push({ row, domain: domain.trim().toLowerCase(), state, answer });
  });
  return { answers, flagged };
}
