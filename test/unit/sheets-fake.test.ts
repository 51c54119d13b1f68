/** The local Sheets advanced service keeps the Sheets API v4's semantics, limits, quotas and access. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RuntimeHost, type Identity } from '../../dev/runtime/host';
import { LocalRuntime } from '../../dev/runtime/runtime';
import { budgetCalls } from '../../dev/runtime/services';
import { SHEETS_ERRORS, type SheetsMethod, type SheetsReply } from '../../dev/runtime/sheets';
import { readState, writeState } from '../../dev/runtime/state-file';

type Spreadsheet = GoogleAppsScript.Sheets.Schema.Spreadsheet;
type ValueRange = GoogleAppsScript.Sheets.Schema.ValueRange;

const OWNER: Identity = { email: 'Owner@Reseller.example', locale: 'en', timeZone: 'Etc/UTC' };
const SUPPORT: Identity = { email: 'support@reseller.example', locale: 'en', timeZone: 'Etc/UTC' };

class ApiError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** Calls the Sheets API through the host's op, as an execution of `identity` does. */
function client(host: RuntimeHost, identity: Identity = OWNER) {
  const executionId = host.beginExecution(identity);
  return <T = Record<string, unknown>>(method: SheetsMethod, ...args: unknown[]): T => {
    const reply = host.handle(executionId, {
      op: 'sheets.call',
      method,
      args: JSON.parse(JSON.stringify(args)) as unknown[],
    }) as SheetsReply;
    if (!reply.ok) throw new ApiError(reply.error.message, reply.error.code);
    return reply.value as T;
  };
}

function failure(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** A host with one spreadsheet (tabs Resellers and 'My tab'), its id and a client of its owner. */
function fixture() {
  const host = new RuntimeHost();
  const api = client(host);
  const created = api<Spreadsheet>('spreadsheets.create', {
    properties: { title: 'Backing' },
    sheets: [{ properties: { title: 'Resellers' } }, { properties: { title: 'My tab' } }],
  });
  const id = created.spreadsheetId ?? '';
  const values = (range: string, options: object = {}) =>
    api<ValueRange>('spreadsheets.values.get', id, range, options).values;
  const write = (range: string, rows: unknown[][], valueInputOption = 'RAW') =>
    api('spreadsheets.values.update', { values: rows }, id, range, { valueInputOption });
  const sheetIdOf = (title: string): number =>
    api<Spreadsheet>('spreadsheets.get', id).sheets?.find((s) => s.properties?.title === title)?.properties
      ?.sheetId ?? -1;
  return { host, api, id, created, values, write, sheetIdOf };
}

describe('Spreadsheets.create and get', () => {
  it('assigns ids, default grids and one Sheet1 when no sheets are given', () => {
    const host = new RuntimeHost();
    const api = client(host);
    const created = api<Spreadsheet>('spreadsheets.create', { properties: { title: 'T' } });
    expect(created.spreadsheetId).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(created.spreadsheetUrl).toBe(
      `https://docs.google.com/spreadsheets/d/${created.spreadsheetId}/edit`,
    );
    expect(created.properties?.title).toBe('T');
    expect(created.sheets?.map((s) => s.properties)).toEqual([
      {
        sheetId: 0,
        title: 'Sheet1',
        index: 0,
        sheetType: 'GRID',
        gridProperties: { rowCount: 1000, columnCount: 26 },
      },
    ]);
    const untitled = api<Spreadsheet>('spreadsheets.create', {});
    expect(untitled.properties?.title).toBe('Untitled spreadsheet');
    expect(untitled.spreadsheetId).not.toBe(created.spreadsheetId);
  });

  it('keeps given tabs in order with their grid sizes; later tabs get Google-like ids', () => {
    const { created } = fixture();
    const host = new RuntimeHost();
    const sized = client(host)<Spreadsheet>('spreadsheets.create', {
      sheets: [{ properties: { title: 'Small', gridProperties: { rowCount: 5, columnCount: 3 } } }],
    });
    expect(sized.sheets?.[0]?.properties?.gridProperties).toEqual({ rowCount: 5, columnCount: 3 });
    expect(created.sheets?.map((s) => [s.properties?.title, s.properties?.index])).toEqual([
      ['Resellers', 0],
      ['My tab', 1],
    ]);
    const second = created.sheets?.[1]?.properties?.sheetId ?? 0;
    expect(second).toBeGreaterThan(0);
    expect(second).toBeLessThan(2 ** 31);
  });

  it('returns grid data for ranges: entered, effective and formatted values, notes, validation', () => {
    const { api, id, write, sheetIdOf } = fixture();
    write(
      'Resellers!A1:C2',
      [
        ['id', 'name', 'status'],
        [7, '=1+2', 'active'],
      ],
      'USER_ENTERED',
    );
    const sheetId = sheetIdOf('Resellers');
    api(
      'spreadsheets.batchUpdate',
      {
        requests: [
          {
            updateCells: {
              start: { sheetId, rowIndex: 0, columnIndex: 1 },
              rows: [{ values: [{ note: 'The legal name' }] }],
              fields: 'note',
            },
          },
          {
            setDataValidation: {
              range: { sheetId, startRowIndex: 1, startColumnIndex: 2, endColumnIndex: 3 },
              rule: {
                condition: { type: 'ONE_OF_LIST', values: [{ userEnteredValue: 'active' }] },
                strict: true,
                showCustomUi: true,
              },
            },
          },
        ],
      },
      id,
    );
    const sheet = api<Spreadsheet>('spreadsheets.get', id, {
      ranges: ['Resellers!A1:C3'],
      includeGridData: true,
    });
    expect(sheet.sheets?.map((s) => s.properties?.title)).toEqual(['Resellers']);
    const rows = sheet.sheets?.[0]?.data?.[0]?.rowData ?? [];
    expect(rows[0]?.values?.[1]).toEqual({
      userEnteredValue: { stringValue: 'name' },
      effectiveValue: { stringValue: 'name' },
      formattedValue: 'name',
      note: 'The legal name',
    });
    expect(rows[1]?.values?.[0]).toEqual({
      userEnteredValue: { numberValue: 7 },
      effectiveValue: { numberValue: 7 },
      formattedValue: '7',
    });
    expect(rows[1]?.values?.[1]).toMatchObject({
      userEnteredValue: { formulaValue: '=1+2' },
      effectiveValue: { numberValue: 3 },
      formattedValue: '3',
    });
    const rule = {
      condition: { type: 'ONE_OF_LIST', values: [{ userEnteredValue: 'active' }] },
      strict: true,
      showCustomUi: true,
    };
    expect(rows[1]?.values?.[2]?.dataValidation).toEqual(rule);
    // Row 3 has only the validation: it is there, its empty leading cells as {}.
    expect(rows[2]).toEqual({ values: [{}, {}, { dataValidation: rule }] });
    expect(sheet.sheets?.[0]?.data?.[0]?.startRow).toBeUndefined();
  });

  it('honours field masks as the sync uses them, and includes data only when the mask asks for it', () => {
    const { api, id, write } = fixture();
    write('Resellers!A1', [['id']]);
    const properties = api<Spreadsheet>('spreadsheets.get', id, {
      fields: 'spreadsheetId,spreadsheetUrl,properties.title,sheets(properties,protectedRanges)',
    });
    expect(Object.keys(properties).sort()).toEqual([
      'properties',
      'sheets',
      'spreadsheetId',
      'spreadsheetUrl',
    ]);
    expect(properties.properties).toEqual({ title: 'Backing' });
    expect(properties.sheets?.[0]).toEqual({ properties: expect.objectContaining({ title: 'Resellers' }) });
    const grid = api<Spreadsheet>('spreadsheets.get', id, {
      ranges: ["'Resellers'!1:1"],
      fields:
        'spreadsheetId,sheets(properties,protectedRanges),sheets(data(startRow,startColumn,rowData(values(userEnteredValue))))',
    });
    expect(grid.sheets?.[0]?.data).toEqual([
      { rowData: [{ values: [{ userEnteredValue: { stringValue: 'id' } }] }] },
    ]);
    expect(grid.sheets?.[0]?.properties?.title).toBe('Resellers');
  });
});

describe('A1 ranges', () => {
  it('reads the forms Google accepts and answers with its normalised range', () => {
    const { api, id, write } = fixture();
    write('Resellers!A1', [['a', 'b', 'c'], ['d'], [], ['g', 'h']]);
    write("'My tab'!B2", [['x']]);
    const range = (text: string): string | undefined =>
      api<ValueRange>('spreadsheets.values.get', id, text).range;
    expect(range('Resellers!A1:C')).toBe('Resellers!A1:C1000');
    expect(range('Resellers!A:A')).toBe('Resellers!A1:A1000');
    expect(range('Resellers!2:5')).toBe('Resellers!A2:Z5');
    expect(range('Resellers')).toBe('Resellers!A1:Z1000');
    expect(range('resellers!B2:A1')).toBe('Resellers!A1:B2');
    expect(range('A1:B2')).toBe('Resellers!A1:B2');
    expect(range('Resellers!$A$1')).toBe('Resellers!A1');
    expect(range("'My tab'!B2")).toBe("'My tab'!B2");
    expect(range('Resellers!A1:C5000')).toBe('Resellers!A1:C1000');
    expect(api<ValueRange>('spreadsheets.values.get', id, "'My tab'").values).toEqual([[], ['', 'x']]);
    expect(api<ValueRange>('spreadsheets.values.get', id, 'Resellers!A:A').values).toEqual([
      ['a'],
      ['d'],
      [],
      ['g'],
    ]);
    expect(api<ValueRange>('spreadsheets.values.get', id, 'Resellers!2:5').values).toEqual([
      ['d'],
      [],
      ['g', 'h'],
    ]);
  });

  it("reads quoted titles with '' for an apostrophe, and quotes them back", () => {
    const { api, id, sheetIdOf } = fixture();
    api('spreadsheets.batchUpdate', { requests: [{ addSheet: { properties: { title: "Bob's tab" } } }] }, id);
    api('spreadsheets.values.update', { values: [[1]] }, id, "'Bob''s tab'!A1", { valueInputOption: 'RAW' });
    expect(api<ValueRange>('spreadsheets.values.get', id, "'Bob''s tab'!A1:B2").range).toBe(
      "'Bob''s tab'!A1:B2",
    );
    expect(sheetIdOf("Bob's tab")).toBeGreaterThan(0);
  });

  it('fails like the API for unknown tabs, unparsable text and starts outside the grid', () => {
    const { api, id } = fixture();
    const error = failure(() => api('spreadsheets.values.get', id, "'Ordres'!A1:Z"));
    expect(error.code).toBe(400);
    expect(error.message).toBe("Unable to parse range: 'Ordres'!A1:Z");
    expect(failure(() => api('spreadsheets.values.get', id, 'Resellers!')).message).toBe(
      'Unable to parse range: Resellers!',
    );
    expect(failure(() => api('spreadsheets.values.get', id, 'Resellers!A1001')).message).toBe(
      'Range (Resellers!A1001) exceeds grid limits. Max rows: 1000, max columns: 26',
    );
  });
});

describe('Values: rendering and input options', () => {
  it('returns ragged values: trailing empties trimmed, inner ones "", values omitted when empty', () => {
    const { values, write } = fixture();
    write('Resellers!A1', [['a', '', 'c', null, ''], [], ['', 'x']]);
    expect(values('Resellers!A1:E5')).toEqual([['a', '', 'c'], [], ['', 'x']]);
    expect(values('Resellers!A10:E20')).toBeUndefined();
    expect(values('Resellers!A1:B3', { majorDimension: 'COLUMNS' })).toEqual([['a'], ['', '', 'x']]);
  });

  it('RAW stores values as given; USER_ENTERED parses them as typing would', () => {
    const { values, write } = fixture();
    write('Resellers!A1', [['=1+1', '007', 'TRUE', 12.5, true, "'x"]], 'RAW');
    write(
      'Resellers!A2',
      [['=1+1', '007', 'true', 12.5, true, "'007", ' 42 ', '1e3', 'Müller']],
      'USER_ENTERED',
    );
    expect(values('Resellers!A1:I2', { valueRenderOption: 'UNFORMATTED_VALUE' })).toEqual([
      ['=1+1', '007', 'TRUE', 12.5, true, "'x"],
      [2, 7, true, 12.5, true, '007', 42, 1000, 'Müller'],
    ]);
    expect(values('Resellers!A1:I2')).toEqual([
      ['=1+1', '007', 'TRUE', '12.5', 'TRUE', "'x"],
      ['2', '7', 'TRUE', '12.5', 'TRUE', '007', '42', '1000', 'Müller'],
    ]);
    expect(values('Resellers!A2:B2', { valueRenderOption: 'FORMULA' })).toEqual([['=1+1', 7]]);
  });

  it('evaluates only constant formulas; others show a plain error placeholder', () => {
    const { values, write } = fixture();
    write('Resellers!A1', [['=2*(3+4)', '="a"&"b"', '=1/0', '=A1', '=HYPERLINK("x")']], 'USER_ENTERED');
    expect(values('Resellers!A1:E1', { valueRenderOption: 'UNFORMATTED_VALUE' })).toEqual([
      [14, 'ab', '#DIV/0!', '#ERROR!', '#ERROR!'],
    ]);
    expect(values('Resellers!A1:E1', { valueRenderOption: 'FORMULA' })).toEqual([
      ['=2*(3+4)', '="a"&"b"', '=1/0', '=A1', '=HYPERLINK("x")'],
    ]);
  });

  it('skips null, clears on "", and requires a valid valueInputOption', () => {
    const { api, id, values, write } = fixture();
    write('Resellers!A1', [['a', 'b', 'c']]);
    write('Resellers!A1', [[null, '', 'C']]);
    expect(values('Resellers!A1:C1')).toEqual([['a', '', 'C']]);
    expect(
      failure(() => api('spreadsheets.values.update', { values: [['x']] }, id, 'Resellers!A1', {})).message,
    ).toBe(SHEETS_ERRORS.valueInputOptionRequired);
    expect(failure(() => values('Resellers!A1', { valueRenderOption: 'PRETTY' })).code).toBe(400);
  });
});

describe('Values: writing', () => {
  it('update answers with the range written; bounded ranges refuse more values', () => {
    const { write } = fixture();
    expect(write('Resellers!B2', [['a', 'b'], ['c']])).toEqual({
      spreadsheetId: expect.any(String),
      updatedRange: 'Resellers!B2:C3',
      updatedRows: 2,
      updatedColumns: 2,
      updatedCells: 3,
    });
    expect(failure(() => write('Resellers!A1:B1', [['a'], ['b']])).message).toBe(
      'Requested writing within range [Resellers!A1:B1], but tried writing to row [2]',
    );
    expect(failure(() => write('Resellers!A1:B2', [['a', 'b', 'c']])).message).toBe(
      'Requested writing within range [Resellers!A1:B2], but tried writing to column [C]',
    );
  });

  it('grows the grid for writes from a cell past its end; a start or bounded end outside it fails', () => {
    const { api, id, write } = fixture();
    const rows = Array.from({ length: 1005 }, (_, i) => [`r${i}`]);
    expect(write('Resellers!A1', rows)).toMatchObject({ updatedRange: 'Resellers!A1:A1005' });
    const grid = api<Spreadsheet>('spreadsheets.get', id).sheets?.[0]?.properties?.gridProperties;
    expect(grid).toEqual({ rowCount: 1005, columnCount: 26 });
    expect(failure(() => write('Resellers!AA1', [['x']])).message).toBe(
      'Range (Resellers!AA1) exceeds grid limits. Max rows: 1005, max columns: 26',
    );
    expect(failure(() => write('Resellers!A1:B2000', [['x']])).message).toContain('exceeds grid limits');
  });

  it('batchUpdate writes every range or none, and totals what it wrote', () => {
    const { api, id, values } = fixture();
    const response = api(
      'spreadsheets.values.batchUpdate',
      {
        valueInputOption: 'RAW',
        data: [
          { range: 'Resellers!A1', values: [['a', 'b']] },
          { range: "'My tab'!A1:A2", values: [['c'], ['d']] },
        ],
      },
      id,
    );
    expect(response).toMatchObject({
      totalUpdatedRows: 3,
      totalUpdatedColumns: 3,
      totalUpdatedCells: 4,
      totalUpdatedSheets: 2,
    });
    expect((response.responses as unknown[]).length).toBe(2);
    const error = failure(() =>
      api(
        'spreadsheets.values.batchUpdate',
        {
          valueInputOption: 'RAW',
          data: [
            { range: 'Resellers!A1', values: [['changed']] },
            { range: 'Resellers!A2', values: [['x'.repeat(50_001)]] },
          ],
        },
        id,
      ),
    );
    expect(error.message).toBe(`Invalid data[1]: ${SHEETS_ERRORS.cellTooLong}`);
    expect(values('Resellers!A1:B1')).toEqual([['a', 'b']]);
  });

  it('append writes after the table found in the range, from its first column', () => {
    const { api, id, values, write } = fixture();
    const append = (range: string, rows: unknown[][], options: object = {}) =>
      api('spreadsheets.values.append', { values: rows }, id, range, { valueInputOption: 'RAW', ...options });
    // An empty tab: the values go to the range's first cell, no table is reported.
    expect(append('Resellers!A:C', [['id', 'name']])).toEqual({
      spreadsheetId: id,
      updates: {
        spreadsheetId: id,
        updatedRange: 'Resellers!A1:B1',
        updatedRows: 1,
        updatedColumns: 2,
        updatedCells: 2,
      },
    });
    const second = append('Resellers!A:C', [
      ['r1', 'Müller'],
      ['r2', 'Meier'],
    ]);
    expect(second.tableRange).toBe('Resellers!A1:B1');
    expect((second.updates as Record<string, unknown>).updatedRange).toBe('Resellers!A2:B3');
    // A table starting further right is appended to from its own first column.
    write('Resellers!E5', [['x', 'y']]);
    expect((append('Resellers!D5:G', [['z']]).updates as Record<string, unknown>).updatedRange).toBe(
      'Resellers!E6',
    );
    // A gap ends the table: the first block's next row is used, as Google does.
    write('Resellers!A6', [['after a gap']]);
    expect((append('Resellers!A:B', [['r3']]).updates as Record<string, unknown>).updatedRange).toBe(
      'Resellers!A4',
    );
    expect(values('Resellers!A1:A6')).toEqual([['id'], ['r1'], ['r2'], ['r3'], [], ['after a gap']]);
  });

  it('append with INSERT_ROWS pushes rows below down; past the grid it adds rows', () => {
    const { api, id, values, write } = fixture();
    write('Resellers!A1', [['h'], ['1']]);
    write('Resellers!A5', [['below']]);
    api('spreadsheets.values.append', { values: [['2']] }, id, 'Resellers!A1:A2', {
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
    });
    expect(values('Resellers!A1:A6')).toEqual([['h'], ['1'], ['2'], [], [], ['below']]);
    const small = client(new RuntimeHost());
    const tiny = small<Spreadsheet>('spreadsheets.create', {
      sheets: [{ properties: { title: 'T', gridProperties: { rowCount: 2, columnCount: 2 } } }],
    });
    const tinyId = tiny.spreadsheetId ?? '';
    small('spreadsheets.values.update', { values: [['a'], ['b']] }, tinyId, 'T!A1', {
      valueInputOption: 'RAW',
    });
    small('spreadsheets.values.append', { values: [['c', 'd', 'e']] }, tinyId, 'T', {
      valueInputOption: 'RAW',
    });
    expect(small<Spreadsheet>('spreadsheets.get', tinyId).sheets?.[0]?.properties?.gridProperties).toEqual({
      rowCount: 3,
      columnCount: 3,
    });
  });

  it('clear and batchClear remove values only, and answer with the cleared ranges', () => {
    const { api, id, values, write, sheetIdOf } = fixture();
    write('Resellers!A1', [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    api(
      'spreadsheets.batchUpdate',
      {
        requests: [
          {
            updateCells: {
              start: { sheetId: sheetIdOf('Resellers'), rowIndex: 0, columnIndex: 0 },
              rows: [{ values: [{ note: 'kept' }] }],
              fields: 'note',
            },
          },
        ],
      },
      id,
    );
    expect(api('spreadsheets.values.clear', {}, id, 'Resellers!A1:A2')).toEqual({
      spreadsheetId: id,
      clearedRange: 'Resellers!A1:A2',
    });
    expect(values('Resellers')).toEqual([
      ['', 'b'],
      ['', 'd'],
    ]);
    expect(api('spreadsheets.values.batchClear', { ranges: ['Resellers!B:B', "'My tab'"] }, id)).toEqual({
      spreadsheetId: id,
      clearedRanges: ['Resellers!B1:B1000', "'My tab'!A1:Z1000"],
    });
    expect(values('Resellers')).toBeUndefined();
    const grid = api<Spreadsheet>('spreadsheets.get', id, { ranges: 'Resellers!A1', includeGridData: true });
    expect(grid.sheets?.[0]?.data?.[0]?.rowData).toEqual([{ values: [{ note: 'kept' }] }]);
  });

  it('batchGet answers every range in order', () => {
    const { api, id, write } = fixture();
    write('Resellers!A1', [['a', 1]]);
    expect(
      api('spreadsheets.values.batchGet', id, {
        ranges: ['Resellers!A1:B1', "'My tab'!A1:B2"],
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'SERIAL_NUMBER',
      }),
    ).toEqual({
      spreadsheetId: id,
      valueRanges: [
        { range: 'Resellers!A1:B1', majorDimension: 'ROWS', values: [['a', 1]] },
        { range: "'My tab'!A1:B2", majorDimension: 'ROWS' },
      ],
    });
  });
});

describe('Spreadsheets.batchUpdate', () => {
  it('adds and deletes tabs, with replies in request order', () => {
    const { api, id } = fixture();
    const response = api<GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetResponse>(
      'spreadsheets.batchUpdate',
      {
        requests: [
          {
            addSheet: {
              properties: { title: 'Audit', sheetId: 42, gridProperties: { rowCount: 10, columnCount: 5 } },
            },
          },
          { updateSheetProperties: { properties: { sheetId: 42, title: 'Log' }, fields: 'title' } },
          { addSheet: {} },
        ],
      },
      id,
    );
    expect(response.replies?.[0]).toEqual({
      addSheet: {
        properties: {
          sheetId: 42,
          title: 'Audit',
          index: 2,
          sheetType: 'GRID',
          gridProperties: { rowCount: 10, columnCount: 5 },
        },
      },
    });
    expect(response.replies?.[1]).toEqual({});
    expect(response.replies?.[2]?.addSheet?.properties?.title).toBe('Sheet4');
    const titles = () => api<Spreadsheet>('spreadsheets.get', id).sheets?.map((s) => s.properties?.title);
    expect(titles()).toEqual(['Resellers', 'My tab', 'Log', 'Sheet4']);
    expect(
      failure(() =>
        api('spreadsheets.batchUpdate', { requests: [{ addSheet: { properties: { title: 'log' } } }] }, id),
      ).message,
    ).toBe(
      'Invalid requests[0].addSheet: A sheet with the name "log" already exists. Please enter another name.',
    );
    api('spreadsheets.batchUpdate', { requests: [{ deleteSheet: { sheetId: 42 } }] }, id);
    expect(titles()).toEqual(['Resellers', 'My tab', 'Sheet4']);
    expect(
      failure(() => api('spreadsheets.batchUpdate', { requests: [{ deleteSheet: { sheetId: 42 } }] }, id))
        .message,
    ).toBe('Invalid requests[0].deleteSheet: No sheet with id: 42');
  });

  it('updates only the sheet properties `fields` names, frozen rows included', () => {
    const { api, id, sheetIdOf } = fixture();
    const sheetId = sheetIdOf('Resellers');
    api(
      'spreadsheets.batchUpdate',
      {
        requests: [
          {
            updateSheetProperties: {
              properties: { sheetId, title: 'ignored', gridProperties: { frozenRowCount: 1, rowCount: 3 } },
              fields: 'gridProperties.frozenRowCount',
            },
          },
        ],
      },
      id,
    );
    const properties = api<Spreadsheet>('spreadsheets.get', id).sheets?.[0]?.properties;
    expect(properties?.title).toBe('Resellers');
    expect(properties?.gridProperties).toEqual({ rowCount: 1000, columnCount: 26, frozenRowCount: 1 });
    expect(
      failure(() =>
        api(
          'spreadsheets.batchUpdate',
          { requests: [{ updateSheetProperties: { properties: { sheetId } } }] },
          id,
        ),
      ).code,
    ).toBe(400);
  });

  it('adds protected ranges (ids in replies), enforces editors and deletes them', () => {
    const { host, api, id, sheetIdOf } = fixture();
    const sheetId = sheetIdOf('Resellers');
    const response = api<GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetResponse>(
      'spreadsheets.batchUpdate',
      {
        requests: [
          {
            addProtectedRange: {
              protectedRange: {
                range: { sheetId, startRowIndex: 0, endRowIndex: 1 },
                description: 'header',
                warningOnly: true,
              },
            },
          },
          {
            addProtectedRange: {
              protectedRange: {
                range: { sheetId, startColumnIndex: 5, endColumnIndex: 6 },
                description: 'sync',
              },
            },
          },
        ],
      },
      id,
    );
    const header = response.replies?.[0]?.addProtectedRange?.protectedRange;
    const sync = response.replies?.[1]?.addProtectedRange?.protectedRange;
    expect(header).toEqual({
      protectedRangeId: expect.any(Number),
      range: { sheetId, startRowIndex: 0, endRowIndex: 1 },
      description: 'header',
      warningOnly: true,
      requestingUserCanEdit: true,
    });
    expect(sync?.editors).toEqual({ users: ['owner@reseller.example'] });
    host.sheets.share(id, SUPPORT.email);
    const support = client(host, SUPPORT);
    // Warning-only protection does not stop the API; an editors list does.
    support('spreadsheets.values.update', { values: [['h']] }, id, 'Resellers!A1', {
      valueInputOption: 'RAW',
    });
    expect(
      failure(() =>
        support('spreadsheets.values.update', { values: [['x']] }, id, 'Resellers!F2', {
          valueInputOption: 'RAW',
        }),
      ).message,
    ).toBe(SHEETS_ERRORS.protectedCell);
    const seen = support<Spreadsheet>('spreadsheets.get', id).sheets?.[0]?.protectedRanges;
    expect(seen?.[1]).not.toHaveProperty('editors');
    expect(seen?.[1]).not.toHaveProperty('requestingUserCanEdit');
    api(
      'spreadsheets.batchUpdate',
      { requests: [{ deleteProtectedRange: { protectedRangeId: sync?.protectedRangeId } }] },
      id,
    );
    support('spreadsheets.values.update', { values: [['x']] }, id, 'Resellers!F2', {
      valueInputOption: 'RAW',
    });
    expect(api<Spreadsheet>('spreadsheets.get', id).sheets?.[0]?.protectedRanges?.length).toBe(1);
  });

  it('writes notes and values with updateCells, from start or into a range (clearing the rest)', () => {
    const { api, id, values, sheetIdOf, host } = fixture();
    const sheetId = sheetIdOf('Resellers');
    api(
      'spreadsheets.batchUpdate',
      {
        requests: [
          {
            updateCells: {
              start: { sheetId, rowIndex: 0, columnIndex: 0 },
              rows: [
                {
                  values: [
                    { userEnteredValue: { stringValue: '=not a formula' }, note: 'n1' },
                    { userEnteredValue: { numberValue: 2 } },
                  ],
                },
              ],
              fields: 'userEnteredValue,note',
            },
          },
        ],
      },
      id,
    );
    expect(values('Resellers!A1:B1', { valueRenderOption: 'FORMULA' })).toEqual([['=not a formula', 2]]);
    expect(host.sheets.cell(id, 'Resellers', 'A1').note).toBe('n1');
    api(
      'spreadsheets.batchUpdate',
      {
        requests: [
          {
            updateCells: {
              range: { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 2 },
              rows: [{ values: [{ userEnteredValue: { boolValue: true } }] }],
              fields: '*',
            },
          },
        ],
      },
      id,
    );
    expect(values('Resellers!A1:B1', { valueRenderOption: 'UNFORMATTED_VALUE' })).toEqual([[true]]);
    expect(host.sheets.cell(id, 'Resellers', 'A1').note).toBeUndefined();
  });

  it('appends and inserts rows and columns, moving data, validations and protections along', () => {
    const { api, id, values, write, sheetIdOf, host } = fixture();
    const sheetId = sheetIdOf('Resellers');
    write('Resellers!A1', [['h'], ['1'], ['2']]);
    api(
      'spreadsheets.batchUpdate',
      {
        requests: [
          {
            addProtectedRange: {
              protectedRange: { range: { sheetId, startRowIndex: 0, endRowIndex: 1 }, warningOnly: true },
            },
          },
          { insertDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 3 } } },
          { insertDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 } } },
          { appendDimension: { sheetId, dimension: 'ROWS', length: 10 } },
        ],
      },
      id,
    );
    expect(values('Resellers!A1:B5')).toEqual([['', 'h'], [], [], ['', '1'], ['', '2']]);
    const sheet = api<Spreadsheet>('spreadsheets.get', id).sheets?.[0];
    expect(sheet?.properties?.gridProperties).toEqual({ rowCount: 1012, columnCount: 27 });
    expect(sheet?.protectedRanges?.[0]?.range).toEqual({ sheetId, startRowIndex: 0, endRowIndex: 1 });
    api(
      'spreadsheets.batchUpdate',
      {
        requests: [
          { deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 3 } } },
        ],
      },
      id,
    );
    expect(host.sheets.readTab(id, 'Resellers')).toEqual([
      ['', 'h'],
      ['', '1'],
      ['', '2'],
    ]);
  });

  it('rejects unknown request kinds as Google does, and applies nothing of a failing batch', () => {
    const { api, id, sheetIdOf } = fixture();
    const unknown = failure(() =>
      api('spreadsheets.batchUpdate', { requests: [{ addSheet: {} }, { frobnicate: {} }] }, id),
    );
    expect(unknown.code).toBe(400);
    expect(unknown.message).toBe(
      'Invalid JSON payload received. Unknown name "frobnicate" at \'requests[1]\': Cannot find field.',
    );
    expect(api<Spreadsheet>('spreadsheets.get', id).sheets?.length).toBe(2);
    expect(failure(() => api('spreadsheets.batchUpdate', { requests: [{ mergeCells: {} }] }, id)).code).toBe(
      501,
    );
    expect(failure(() => api('spreadsheets.batchUpdate', { requests: [] }, id)).message).toBe(
      SHEETS_ERRORS.noRequests,
    );
    expect(failure(() => api('spreadsheets.batchUpdate', { requests: [{}] }, id)).message).toBe(
      'Invalid requests[0]: No request set.',
    );
    expect(sheetIdOf('Resellers')).toBe(0);
  });
});

describe('Limits', () => {
  it('refuses a cell over 50,000 characters with the API text', () => {
    const { write } = fixture();
    expect(write('Resellers!A1', [['x'.repeat(50_000)]])).toMatchObject({ updatedCells: 1 });
    expect(failure(() => write('Resellers!A1', [['x'.repeat(50_001)]])).message).toBe(
      SHEETS_ERRORS.cellTooLong,
    );
  });

  it('refuses to grow a spreadsheet past 10,000,000 cells', () => {
    const { api, id } = fixture();
    // Two tabs of 1000 x 26 = 52,000 cells exist.
    const big = { rowCount: 382_000, columnCount: 26 }; // 9,932,000 cells: 16,000 left
    api(
      'spreadsheets.batchUpdate',
      { requests: [{ addSheet: { properties: { title: 'Big', gridProperties: big } } }] },
      id,
    );
    const error = failure(() =>
      api(
        'spreadsheets.batchUpdate',
        {
          requests: [
            {
              addSheet: {
                properties: { title: 'More', gridProperties: { rowCount: 1000, columnCount: 26 } },
              },
            },
          ],
        },
        id,
      ),
    );
    expect(error.message).toBe(`Invalid requests[0].addSheet: ${SHEETS_ERRORS.tooManyCells}`);
    const rows = Array.from({ length: 2000 }, () => ['x']);
    expect(
      failure(() =>
        api('spreadsheets.values.append', { values: rows }, id, 'Resellers!A1', { valueInputOption: 'RAW' }),
      ).message,
    ).toBe(SHEETS_ERRORS.tooManyCells);
  });
});

describe('Quota and access', () => {
  it('allows 60 reads and 60 writes a minute per user, then answers 429, and refills after a minute', () => {
    const { host, api, id } = fixture();
    // The fixture's create was this user's first write of the minute.
    for (let i = 0; i < 60; i++) api('spreadsheets.values.get', id, 'Resellers!A1');
    const error = failure(() => api('spreadsheets.values.batchGet', id, { ranges: ['Resellers!A1'] }));
    expect(error.code).toBe(429);
    expect(error.message).toMatch(
      /^Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:\d+'\.$/,
    );
    for (let i = 0; i < 59; i++) api('spreadsheets.values.clear', {}, id, 'Resellers!A1');
    expect(failure(() => api('spreadsheets.values.clear', {}, id, 'Resellers!A1')).message).toContain(
      "limit 'Write requests per minute per user'",
    );
    // Another user has a quota of their own (and no access to this file).
    expect(failure(() => client(host, SUPPORT)('spreadsheets.get', id)).code).toBe(403);
    host.advanceClock(60_000);
    expect(api<ValueRange>('spreadsheets.values.get', id, 'Resellers!A1').range).toBe('Resellers!A1');
  });

  it('is adjustable from the host, per project too, and can be switched off', () => {
    const { host, api, id } = fixture();
    host.sheets.setQuota({ readsPerMinute: 2, readsPerMinutePerProject: 3 });
    api('spreadsheets.get', id);
    api('spreadsheets.get', id);
    expect(failure(() => api('spreadsheets.get', id)).code).toBe(429);
    host.sheets.share(id, SUPPORT.email);
    const support = client(host, SUPPORT);
    support('spreadsheets.get', id);
    expect(failure(() => support('spreadsheets.get', id)).message).toContain(
      "limit 'Read requests per minute' ",
    );
    host.sheets.setQuota(false);
    for (let i = 0; i < 100; i++) api('spreadsheets.get', id);
  });

  it('opens a spreadsheet only for its creator and whom the host shares it with', () => {
    const { host, id } = fixture();
    const support = client(host, SUPPORT);
    const denied = failure(() => support('spreadsheets.values.get', id, 'Resellers!A1'));
    expect([denied.code, denied.message]).toEqual([403, SHEETS_ERRORS.permissionDenied]);
    const missing = failure(() => support('spreadsheets.get', 'no-such-id'));
    expect([missing.code, missing.message]).toEqual([404, SHEETS_ERRORS.notFound]);
    host.sheets.share(id, 'SUPPORT@reseller.example');
    expect(support<ValueRange>('spreadsheets.values.get', id, 'Resellers!A1').range).toBe('Resellers!A1');
    // The creator is matched case-insensitively, as Google accounts are.
    expect(
      client(host, { ...OWNER, email: 'owner@reseller.example' })('spreadsheets.get', id),
    ).toHaveProperty('spreadsheetId', id);
  });
});

describe('Host helpers and persistence', () => {
  it('lists spreadsheets, reads tabs as people see them and edits cells as people type', () => {
    const { host, api, id, write, sheetIdOf, values } = fixture();
    write('Resellers!A1', [
      ['id', 'status'],
      [1, 'active'],
    ]);
    expect(host.sheets.list()).toEqual([
      {
        spreadsheetId: id,
        title: 'Backing',
        owner: 'owner@reseller.example',
        sharedWith: [],
        tabs: ['Resellers', 'My tab'],
      },
    ]);
    expect(host.sheets.readTab(id, 'Resellers')).toEqual([
      ['id', 'status'],
      ['1', 'active'],
    ]);
    host.sheets.editCell(id, 'Resellers', 'A3', '=1+1');
    host.sheets.editCell(id, 'Resellers', 'C1', "'0049");
    expect(values('Resellers!A3:C3', { valueRenderOption: 'FORMULA' })).toEqual([['=1+1']]);
    expect(host.sheets.cell(id, 'Resellers', 'C1')).toEqual({
      formatted: '0049',
      entered: { stringValue: '0049' },
      effective: { stringValue: '0049' },
    });
    api(
      'spreadsheets.batchUpdate',
      {
        requests: [
          {
            setDataValidation: {
              range: {
                sheetId: sheetIdOf('Resellers'),
                startRowIndex: 1,
                startColumnIndex: 1,
                endColumnIndex: 2,
              },
              rule: {
                condition: {
                  type: 'ONE_OF_LIST',
                  values: [{ userEnteredValue: 'active' }, { userEnteredValue: 'paused' }],
                },
                strict: true,
              },
            },
          },
        ],
      },
      id,
    );
    host.sheets.editCell(id, 'Resellers', 'B2', 'paused');
    expect(() => host.sheets.editCell(id, 'Resellers', 'B2', 'gone')).toThrow(
      'violates the data validation rules',
    );
    host.sheets.setHeaderCell(id, 'Resellers', 1, 'Status');
    expect(host.sheets.readTab(id, 'Resellers')[0]).toEqual(['id', 'Status', '0049']);
    host.sheets.renameTab(id, 'Resellers', 'Händler');
    expect(failure(() => values('Resellers!A1')).message).toBe('Unable to parse range: Resellers!A1');
    expect(api<ValueRange>('spreadsheets.values.get', id, "'Händler'!A1").range).toBe("'Händler'!A1");
    host.sheets.deleteTab(id, 'My tab');
    expect(() => host.sheets.deleteTab(id, 'Händler')).toThrow(
      "You can't remove all the sheets in a document.",
    );
    expect(host.sheets.list()[0]?.tabs).toEqual(['Händler']);
  });

  it('persists spreadsheets in the host snapshot and the state file', () => {
    const { host, id, write } = fixture();
    write('Resellers!A1', [['kept', 3]]);
    host.sheets.share(id, SUPPORT.email);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sheets-fake-')), 'state.json');
    writeState(host, file);
    const copy = new RuntimeHost();
    expect(readState(copy, file)).toBe(true);
    expect(copy.sheets.readTab(id, 'Resellers')).toEqual([['kept', '3']]);
    expect(
      client(copy, SUPPORT)<ValueRange>('spreadsheets.values.get', id, 'Resellers!A1:B1').values,
    ).toEqual([['kept', '3']]);
    // New spreadsheets after a restore get new ids.
    expect(client(copy)<Spreadsheet>('spreadsheets.create', {}).spreadsheetId).not.toBe(id);
    // A state file from before the Sheets fake restores with no spreadsheets.
    const old = host.snapshot();
    delete old.sheets;
    copy.restore(old);
    expect(copy.sheets.list()).toEqual([]);
  });
});

/** The manifest entry without which Apps Script, and the local runtime, define no Sheets global. */
const SHEETS_MANIFEST = {
  dependencies: { enabledAdvancedServices: [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }] },
};

/** A tiny script, not our bundle, that uses the Sheets global as the add-on would. */
const SHEETS_SCRIPT = `
function run() {
  var created = Sheets.Spreadsheets.create({ properties: { title: 'From the script' }, sheets: [{ properties: { title: 'Resellers' } }] });
  var id = created.spreadsheetId;
  var request = Sheets.newValueRange();
  request.values = [['id', 'name'], ['r1', 'Müller']];
  Sheets.Spreadsheets.Values.update(request, id, 'Resellers!A1', { valueInputOption: 'RAW' });
  var got = Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['Resellers!A1:B2'] });
  var values = got.valueRanges[0].values;
  var error;
  try { Sheets.Spreadsheets.Values.get(id, 'Nope!A1'); } catch (e) { error = e; }
  return {
    id: id,
    values: values,
    isArray: Array.isArray(values) && values instanceof Array,
    isObject: got instanceof Object && Object.getPrototypeOf(got) === Object.prototype,
    joined: values.map(function (row) { return row.join('|'); }).join(','),
    errorIsError: error instanceof Error,
    errorName: error.name,
    errorMessage: error.message,
    errorCode: error.details.code
  };
}
`;

describe('the Sheets global inside an execution', () => {
  it('works on plain objects of the script, throws like Apps Script and is counted', () => {
    const runtime = new LocalRuntime({
      bundle: { code: SHEETS_SCRIPT, manifest: SHEETS_MANIFEST },
      validateCards: false,
    });
    const result = runtime.run({ functionName: 'run', identity: OWNER, event: {} });
    expect(result.error).toBeUndefined();
    const value = result.value as Record<string, unknown>;
    expect(value).toMatchObject({
      values: [
        ['id', 'name'],
        ['r1', 'Müller'],
      ],
      isArray: true,
      isObject: true,
      joined: 'id|name,r1|Müller',
      errorIsError: true,
      errorName: 'GoogleJsonResponseException',
      errorMessage:
        'API call to sheets.spreadsheets.values.get failed with error: Unable to parse range: Nope!A1',
      errorCode: 400,
    });
    expect(result.calls).toEqual({
      'Sheets.Spreadsheets.create': 1,
      'Sheets.newValueRange': 1,
      'Sheets.Spreadsheets.Values.update': 1,
      'Sheets.Spreadsheets.Values.batchGet': 1,
      'Sheets.Spreadsheets.Values.get': 1,
    });
    expect(result.budgetCalls).toBe(4);
    expect(budgetCalls({ 'Sheets.newCellData': 3, 'Sheets.Spreadsheets.get': 1 })).toBe(1);
    expect(runtime.host.sheets.readTab(String(value.id), 'Resellers')).toEqual([
      ['id', 'name'],
      ['r1', 'Müller'],
    ]);
  });

  it('reaches the same spreadsheets from a worker thread', async () => {
    const runtime = new LocalRuntime({
      bundle: {
        code: `function read(e) { return Sheets.Spreadsheets.Values.get(e.commonEventObject.parameters.id, 'Sheet1!A1').values; }`,
        manifest: SHEETS_MANIFEST,
      },
      validateCards: false,
    });
    const created = runtime.host.sheets.createAs(OWNER.email);
    const id = created.spreadsheetId ?? '';
    runtime.host.sheets.editCell(id, 'Sheet1', 'A1', 'from the host');
    const [result] = await runtime.runConcurrently([
      { functionName: 'read', identity: OWNER, event: { commonEventObject: { parameters: { id } } } },
    ]);
    expect(result?.value).toEqual([['from the host']]);
    expect(result?.calls).toEqual({ 'Sheets.Spreadsheets.Values.get': 1 });
  });
});
