/** The Sheets advanced service (v4) behind the sync's port; the manifest enables it as `Sheets`. */
import type { SheetRequest, SheetsApi, Spreadsheet } from '../sheet/ports';

const PROPERTY_FIELDS = 'spreadsheetId,spreadsheetUrl,properties.title,sheets(properties,protectedRanges)';
const GRID_FIELDS =
  'spreadsheetId,spreadsheetUrl,properties.title,' +
  'sheets(properties,protectedRanges,data(startRow,startColumn,rowData(values(userEnteredValue))))';

export class SheetsServiceMissingError extends Error {
  constructor() {
    super('The Sheets advanced service is not enabled for this script (manifest: enabledAdvancedServices).');
    this.name = 'SheetsServiceMissingError';
  }
}

function spreadsheets(): GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection {
  if (typeof Sheets === 'undefined' || Sheets === undefined) throw new SheetsServiceMissingError();
  return Sheets.Spreadsheets;
}

export const sheetsApi: SheetsApi = {
  create: (resource: Spreadsheet) => spreadsheets().create(resource),
  get: (spreadsheetId, ranges) =>
    ranges
      ? spreadsheets().get(spreadsheetId, { ranges: [...ranges], fields: GRID_FIELDS })
      : spreadsheets().get(spreadsheetId, { fields: PROPERTY_FIELDS }),
  batchUpdate: (spreadsheetId, requests: readonly SheetRequest[]) => {
    spreadsheets().batchUpdate({ requests: [...requests] }, spreadsheetId);
  },
  writeValues: (spreadsheetId, data) => {
    spreadsheets().Values.batchUpdate(
      { valueInputOption: 'RAW', data: data.map((d) => ({ range: d.range, values: d.values })) },
      spreadsheetId,
    );
  },
};
