// The Advanced Sheets fake stands in for Google in the Apps Script tests, so its behaviour is pinned here.

import { vietnamInstant } from '../../src/domain/time';
import { CELL_FIELDS } from '../../src/gas/cell-requests';
import { FakeAdvancedSheets } from './advanced-sheets';
import { createFakeSpreadsheetApp, FORMULA_VALUE } from './spreadsheet-app';

function makeFake() {
  const world = createFakeSpreadsheetApp({ id: 'sheet-1' });
  const api = new FakeAdvancedSheets(world.spreadsheet);
  return { world, api, spreadsheet: world.spreadsheet };
}

const VALUES_FIELDS =
  'sheets(properties(title),data(rowData(values(effectiveValue,effectiveFormat(numberFormat(type))))))';

describe('the Advanced Sheets fake', () => {
  it('counts its own calls, not SpreadsheetApp’s', () => {
    const { world, api } = makeFake();
    world.calls.reset();
    api.Spreadsheets.get('sheet-1', {});
    api.Spreadsheets.batchUpdate({ requests: [{ addSheet: { properties: { title: 'Mới' } } }] }, 'sheet-1');
    expect(api.calls.byMethod()).toEqual({ 'Spreadsheets.batchUpdate': 1, 'Spreadsheets.get': 1 });
    expect(world.calls.total).toBe(0);
  });

  it('refuses an unknown spreadsheet id', () => {
    const { api } = makeFake();
    expect(() => api.Spreadsheets.get('nope', {})).toThrow('Requested entity was not found.');
  });

  it('gives the properties of every sheet, without cells unless the field mask asks for them', () => {
    const { api, spreadsheet } = makeFake();
    spreadsheet.insertSheet('Đơn vị').getRange(1, 1).setValue('Mã');
    const all = api.Spreadsheets.get('sheet-1', { fields: 'sheets(properties)' });
    expect(all.sheets?.map((sheet) => sheet.properties?.title)).toEqual(['Trang tính1', 'Đơn vị']);
    expect(all.sheets?.[1]?.properties?.gridProperties).toEqual({ rowCount: 1000, columnCount: 26 });
    expect(all.sheets?.[1]?.data).toBeUndefined();
    const cells = api.Spreadsheets.get('sheet-1', { ranges: ["'Đơn vị'"], fields: VALUES_FIELDS });
    expect(cells.sheets?.map((sheet) => sheet.properties?.title)).toEqual(['Đơn vị']);
    expect(cells.sheets?.[0]?.data?.[0]?.rowData).toEqual([
      { values: [{ effectiveValue: { stringValue: 'Mã' } }] },
    ]);
  });

  it('refuses a range naming a sheet that does not exist', () => {
    const { api } = makeFake();
    expect(() =>
      api.Spreadsheets.get('sheet-1', { ranges: ["'Không có'!A1:B2"], fields: VALUES_FIELDS }),
    ).toThrow("Unable to parse range: 'Không có'!A1:B2");
  });

  it('gives dates as serial numbers on Vietnam’s clock with their format type, formulas as errors', () => {
    const { api, spreadsheet } = makeFake();
    const sheet = spreadsheet.insertSheet('Ngày');
    sheet.getRange(1, 1, 1, 4).setValues([[vietnamInstant('2023-03-30', 12), 42, '=1+1', true]]);
    const data = api.Spreadsheets.get('sheet-1', { ranges: ['Ngày'], fields: VALUES_FIELDS });
    expect(data.sheets?.[0]?.data?.[0]?.rowData?.[0]?.values).toEqual([
      {
        effectiveValue: { numberValue: 45015.5 },
        effectiveFormat: { numberFormat: { type: 'DATE_TIME', pattern: '0.###############' } },
      },
      { effectiveValue: { numberValue: 42 } },
      { effectiveValue: { errorValue: { type: 'ERROR', message: `${FORMULA_VALUE} not evaluated` } } },
      { effectiveValue: { boolValue: true } },
    ]);
  });

  it('stores a stringValue as that text and a numberValue under a date format as a date', () => {
    const { api, spreadsheet } = makeFake();
    api.Spreadsheets.batchUpdate(
      {
        requests: [
          { addSheet: { properties: { sheetId: 77, title: 'Chuỗi' } } },
          {
            updateCells: {
              start: { sheetId: 77, rowIndex: 0, columnIndex: 0 },
              rows: [
                {
                  values: [
                    { userEnteredValue: { stringValue: '=SUM(A1)' } },
                    { userEnteredValue: { stringValue: '30/03/2023' } },
                    {
                      userEnteredValue: { numberValue: 45015.5 },
                      userEnteredFormat: {
                        numberFormat: { type: 'DATE_TIME', pattern: 'dd/MM/yyyy HH:mm:ss' },
                      },
                    },
                  ],
                },
              ],
              fields: 'userEnteredValue,userEnteredFormat.numberFormat',
            },
          },
        ],
      },
      'sheet-1',
    );
    const range = spreadsheet.getSheetByName('Chuỗi')?.getRange(1, 1, 1, 3);
    expect(range?.getFormulas()).toEqual([['', '', '']]);
    expect(range?.getValues()).toEqual([['=SUM(A1)', '30/03/2023', vietnamInstant('2023-03-30', 12)]]);
    expect(range?.getDisplayValues()[0]?.[2]).toBe('30/03/2023 12:00:00');
  });

  it('refuses a whole batch when one request is wrong, and applies none of it', () => {
    const { api, spreadsheet } = makeFake();
    expect(() =>
      api.Spreadsheets.batchUpdate(
        {
          requests: [
            { addSheet: { properties: { title: 'Một' } } },
            { addSheet: { properties: { title: 'Một' } } },
          ],
        },
        'sheet-1',
      ),
    ).toThrow(
      'Invalid requests[1].addSheet: A sheet with the name "Một" already exists. Please enter another name.',
    );
    expect(spreadsheet.getSheetByName('Một')).toBeNull();
  });

  it('refuses an updateCells without fields, outside the grid, or against a strict validation', () => {
    const { api, spreadsheet, world } = makeFake();
    const sheet = spreadsheet.insertSheet('Đánh giá');
    const sheetId = sheet.getSheetId();
    const cells = (rowIndex: number, text: string) => ({
      start: { sheetId, rowIndex, columnIndex: 0 },
      rows: [{ values: [{ userEnteredValue: { stringValue: text } }] }],
    });
    expect(() =>
      api.Spreadsheets.batchUpdate({ requests: [{ updateCells: cells(0, 'x') }] }, 'sheet-1'),
    ).toThrow('Invalid requests[0].updateCells: At least one field must be specified.');
    expect(() =>
      api.Spreadsheets.batchUpdate(
        { requests: [{ updateCells: { ...cells(1000, 'x'), fields: 'userEnteredValue' } }] },
        'sheet-1',
      ),
    ).toThrow("Invalid requests[0].updateCells: Range ('Đánh giá') exceeds grid limits.");
    const rule = world.app.newDataValidation().requireValueInList(['Đạt']).setAllowInvalid(false).build();
    sheet.getRange(2, 1).setDataValidation(rule);
    expect(() =>
      api.Spreadsheets.batchUpdate(
        { requests: [{ updateCells: { ...cells(1, 'Sai'), fields: 'userEnteredValue' } }] },
        'sheet-1',
      ),
    ).toThrow('The data you entered in cell A2 violates the data validation rules set on this cell.');
    api.Spreadsheets.batchUpdate(
      {
        requests: [
          { appendDimension: { sheetId, dimension: 'ROWS', length: 5 } },
          { updateCells: { ...cells(1004, 'cuối'), fields: 'userEnteredValue' } },
          { updateCells: { ...cells(1, 'Đạt'), fields: 'userEnteredValue' } },
        ],
      },
      'sheet-1',
    );
    expect(sheet.getMaxRows()).toBe(1005);
    expect(sheet.getRange(1005, 1).getValue()).toBe('cuối');
    expect(sheet.getRange(2, 1).getValue()).toBe('Đạt');
  });

  it('clears the fields named over a range given without rows', () => {
    const { api, spreadsheet } = makeFake();
    const sheet = spreadsheet.insertSheet('Xoá');
    sheet.getRange(1, 1, 3, 2).setValues([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
    sheet.getRange(3, 1).setFontWeight('bold');
    api.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            updateCells: {
              range: { sheetId: sheet.getSheetId(), startRowIndex: 2 },
              fields: 'userEnteredValue,userEnteredFormat.textFormat.bold',
            },
          },
          {
            updateCells: {
              range: { sheetId: sheet.getSheetId(), startRowIndex: 0, endRowIndex: 2, startColumnIndex: 1 },
              fields: 'userEnteredValue',
            },
          },
        ],
      },
      'sheet-1',
    );
    expect(sheet.getDataRange().getValues()).toEqual([['a'], ['c']]);
    expect(sheet.getRange(3, 1).getFontWeights()).toEqual([['normal']]);
  });

  it('gives the spreadsheet’s developer metadata and deletes an entry by id', () => {
    const { api, spreadsheet } = makeFake();
    spreadsheet.addDeveloperMetadata('hannop.writtenShapes', '{}');
    const [entry] = api.Spreadsheets.get('sheet-1', { fields: 'developerMetadata' }).developerMetadata ?? [];
    expect(entry).toMatchObject({ metadataKey: 'hannop.writtenShapes', metadataValue: '{}' });
    const reply = api.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            deleteDeveloperMetadata: {
              dataFilter: { developerMetadataLookup: { metadataId: entry?.metadataId as number } },
            },
          },
        ],
      },
      'sheet-1',
    );
    expect(reply.replies?.[0]?.deleteDeveloperMetadata?.deletedDeveloperMetadata).toHaveLength(1);
    expect(spreadsheet.getDeveloperMetadata()).toEqual([]);
  });

  it('translates formats onto the sheet and gives them back as the API does', () => {
    const { api, spreadsheet } = makeFake();
    const sheet = spreadsheet.insertSheet('Tổng hợp');
    const sheetId = sheet.getSheetId();
    const rule = {
      ranges: [{ sheetId, startRowIndex: 1, startColumnIndex: 1, endColumnIndex: 2 }],
      booleanRule: {
        condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: 'Quá hạn' }] },
        format: { backgroundColor: { red: 1, green: 0, blue: 0 } },
      },
    };
    const reply = api.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            updateSheetProperties: {
              properties: { sheetId, gridProperties: { frozenRowCount: 1 } },
              fields: 'gridProperties.frozenRowCount',
            },
          },
          { addConditionalFormatRule: { index: 0, rule } },
          { setBasicFilter: { filter: { range: { sheetId, startRowIndex: 0, endColumnIndex: 3 } } } },
          {
            addProtectedRange: {
              protectedRange: { range: { sheetId }, warningOnly: true, description: 'x' },
            },
          },
        ],
      },
      'sheet-1',
    );
    expect(reply.replies?.[3]?.addProtectedRange?.protectedRange?.protectedRangeId).toEqual(
      expect.any(Number),
    );
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:C1000');
    expect(sheet.getProtections('SHEET')[0]?.isWarningOnly()).toBe(true);
    const [fakeRule] = sheet.getConditionalFormatRules();
    expect(fakeRule?.getRanges().map((range) => range.getA1Notation())).toEqual(['B2:B1000']);
    expect(fakeRule?.getBooleanCondition().getBackground()).toBe('#ff0000');
    const [read] =
      api.Spreadsheets.get('sheet-1', { ranges: ["'Tổng hợp'"], fields: 'sheets(properties)' }).sheets ?? [];
    expect(read?.properties?.gridProperties?.frozenRowCount).toBe(1);
    expect(read?.conditionalFormats).toEqual([rule]);
    expect(read?.basicFilter).toEqual({ range: { sheetId, startRowIndex: 0, endColumnIndex: 3 } });
    expect(read?.protectedRanges).toEqual([
      {
        protectedRangeId: reply.replies?.[3]?.addProtectedRange?.protectedRange?.protectedRangeId,
        range: { sheetId },
        description: 'x',
        warningOnly: true,
      },
    ]);
    api.Spreadsheets.batchUpdate(
      { requests: [{ deleteConditionalFormatRule: { sheetId, index: 0 } }] },
      'sheet-1',
    );
    expect(sheet.getConditionalFormatRules()).toEqual([]);
    expect(() =>
      api.Spreadsheets.batchUpdate(
        { requests: [{ deleteConditionalFormatRule: { sheetId, index: 0 } }] },
        'sheet-1',
      ),
    ).toThrow('Invalid requests[0].deleteConditionalFormatRule: No conditional format at 0');
  });
});

describe('repeatCell on the Advanced Sheets fake, as Google takes it', () => {
  function sheetWorld() {
    const sheets = createFakeSpreadsheetApp();
    const api = new FakeAdvancedSheets(sheets.spreadsheet);
    const sheet = sheets.spreadsheet.getSheets()[0];
    if (!sheet) throw new Error('no sheet');
    sheet.getRange(1, 1, 4, 3).setValues([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
      ['g', 'h', 'i'],
      ['j', 'k', 'l'],
    ]);
    sheet.getRange(1, 1, 4, 3).setFontWeight('bold');
    const send = (repeatCell: GoogleAppsScript.Sheets.Schema.RepeatCellRequest) =>
      api.Spreadsheets.batchUpdate({ requests: [{ repeatCell }] }, sheets.spreadsheet.spreadsheetId);
    return { sheet, send };
  }

  it('writes the cell into the range, end rows and columns excluded, only the fields named', () => {
    const { sheet, send } = sheetWorld();
    send({
      range: { sheetId: 0, startRowIndex: 1, endRowIndex: 3, startColumnIndex: 1, endColumnIndex: 2 },
      cell: { userEnteredValue: { stringValue: 'X' } },
      fields: 'userEnteredValue',
    });
    expect(sheet.getRange(1, 1, 4, 3).getValues()).toEqual([
      ['a', 'b', 'c'],
      ['d', 'X', 'f'],
      ['g', 'X', 'i'],
      ['j', 'k', 'l'],
    ]);
    // Bold was not named: it stays.
    expect(sheet.getRange(2, 2).getFontWeights()).toEqual([['bold']]);
  });

  it('empties what the mask names and the cell lacks, to the edge of the grid where a bound is absent', () => {
    const { sheet, send } = sheetWorld();
    send({ range: { sheetId: 0, startRowIndex: 2 }, cell: {}, fields: 'userEnteredFormat.textFormat.bold' });
    expect(sheet.getRange(1, 1, 4, 3).getFontWeights()).toEqual([
      ['bold', 'bold', 'bold'],
      ['bold', 'bold', 'bold'],
      ['normal', 'normal', 'normal'],
      ['normal', 'normal', 'normal'],
    ]);
    expect(sheet.getRange(3, 1).getValue()).toBe('g');
    send({ range: { sheetId: 0, startRowIndex: 3, startColumnIndex: 2 }, cell: {}, fields: CELL_FIELDS });
    expect(sheet.getRange(4, 1, 1, 3).getValues()).toEqual([['j', 'k', '']]);
  });

  it('refuses a repeatCell without fields, outside the grid or with its bounds reversed, and applies nothing', () => {
    const { sheet, send } = sheetWorld();
    const cell = { userEnteredValue: { stringValue: 'X' } };
    expect(() => send({ range: { sheetId: 0 }, cell })).toThrow(
      'Invalid requests[0].repeatCell: At least one field must be specified.',
    );
    expect(() =>
      send({
        range: { sheetId: 0, startRowIndex: 999, endRowIndex: 1001 },
        cell,
        fields: 'userEnteredValue',
      }),
    ).toThrow(
      "Invalid requests[0].repeatCell: Range ('Trang tính1') exceeds grid limits. Max rows: 1000, max columns: 26",
    );
    expect(() =>
      send({ range: { sheetId: 0, startRowIndex: 3, endRowIndex: 2 }, cell, fields: 'userEnteredValue' }),
    ).toThrow('Invalid requests[0].repeatCell: Invalid range: start must not be after end.');
    expect(() => send({ range: { sheetId: 7 }, cell, fields: 'userEnteredValue' })).toThrow(
      'Invalid requests[0].repeatCell: No grid with id: 7',
    );
    expect(sheet.getRange(1, 1).getValue()).toBe('a');
  });
});
