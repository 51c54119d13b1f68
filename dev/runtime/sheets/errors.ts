/**
 * The API's errors. Inside the fake a failure is thrown as an `ApiFailure`; `SheetsStore.call`
 * turns it into a `SheetsApiError`, data that crosses to a worker thread as the HTTP response would.
 * Texts are the API's own wording as clients report them.
 */

export const SHEETS_ERRORS = {
  notFound: 'Requested entity was not found.',
  permissionDenied: 'The caller does not have permission',
  cellTooLong: 'Your input contains more than the maximum of 50000 characters in a single cell.',
  tooManyCells:
    'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
  protectedCell:
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  valueInputOptionRequired: "'valueInputOption' is required but not specified",
  noRequests: 'Must specify at least one request.',
  lastSheet: "You can't remove all the sheets in a document.",
} as const;

/** The same text as the Sheets UI shows when a tab is renamed to a title in use. */
export function titleTaken(title: string): string {
  return `A sheet with the name "${title}" already exists. Please enter another name.`;
}

/** An API error as the HTTP response carries it. */
export interface SheetsApiError {
  code: number;
  status: string;
  message: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string): ApiFailure => new ApiFailure(400, 'INVALID_ARGUMENT', message);

/** An enum parameter with a value it does not have, e.g. `Invalid value at 'major_dimension' (DIAGONAL)`. */
export const invalidValue = (parameter: string, value: unknown): ApiFailure =>
  invalid(`Invalid value at '${parameter}' (${String(value)})`);
