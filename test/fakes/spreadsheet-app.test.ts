// The fake stands in for Google in every Apps Script test, so its behaviour is pinned here.

import { vietnamInstant } from '../../src/domain/time';
import {
  AUTOMATIC_NUMBER_FORMAT,
  createFakeSpreadsheetApp,
  FORMULA_VALUE,
  type FakeSheet,
} from './spreadsheet-app';

function newSheet(name = 'Thử'): FakeSheet {
  return createFakeSpreadsheetApp().spreadsheet.insertSheet(name);
}

/** What a cell holds after `setValues` writes `value` into it. */
function entered(value: unknown, numberFormat?: string): { value: unknown; formula: string } {
  const range = newSheet().getRange(1, 1);
  if (numberFormat) range.setNumberFormat(numberFormat);
  range.setValues([[value]]);
  return { value: range.getValues()[0]?.[0], formula: range.getFormulas()[0]?.[0] as string };
}

describe('the SpreadsheetApp fake', () => {
  describe('spreadsheet', () => {
    it('starts with one sheet named as a Vietnamese Google Sheet names it, in Asia/Ho_Chi_Minh', () => {
      const { app, spreadsheet } = createFakeSpreadsheetApp({ id: 'abc', name: 'Kế hoạch 2023' });
      expect(app.getActiveSpreadsheet()).toBe(spreadsheet);
      expect(app.openById('abc')).toBe(spreadsheet);
      expect(spreadsheet.getId()).toBe('abc');
      expect(spreadsheet.getName()).toBe('Kế hoạch 2023');
      expect(spreadsheet.getUrl()).toBe('https://docs.google.com/spreadsheets/d/abc/edit');
      expect(spreadsheet.getSpreadsheetTimeZone()).toBe('Asia/Ho_Chi_Minh');
      expect(spreadsheet.getSheets().map((sheet) => sheet.getName())).toEqual(['Trang tính1']);
    });

    it('throws on an unknown spreadsheet id as openById does', () => {
      const { app } = createFakeSpreadsheetApp();
      expect(() => app.openById('nope')).toThrow(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    });

    it('inserts, finds, renames and deletes sheets, refusing a name that is taken', () => {
      const { spreadsheet } = createFakeSpreadsheetApp();
      const sheet = spreadsheet.insertSheet('Đơn vị');
      expect(spreadsheet.getSheetByName('Đơn vị')).toBe(sheet);
      expect(spreadsheet.getSheetByName('Không có')).toBeNull();
      expect(() => spreadsheet.insertSheet('Đơn vị')).toThrow(
        'A sheet with the name "Đơn vị" already exists. Please enter another name.',
      );
      expect(() => sheet.setName('Trang tính1')).toThrow(
        'A sheet with the name "Trang tính1" already exists. Please enter another name.',
      );
      sheet.setName('Đơn vị mới');
      expect(spreadsheet.getSheetByName('Đơn vị mới')).toBe(sheet);
      expect(spreadsheet.insertSheet().getName()).toBe('Trang tính3');
      spreadsheet.deleteSheet(sheet);
      expect(spreadsheet.getSheets().map((other) => other.getName())).toEqual(['Trang tính1', 'Trang tính3']);
    });

    it('refuses to delete the last sheet', () => {
      const { spreadsheet } = createFakeSpreadsheetApp();
      expect(() => spreadsheet.deleteSheet(spreadsheet.getSheets()[0] as FakeSheet)).toThrow(
        "You can't remove all the sheets in a document.",
      );
    });

    it('records toasts', () => {
      const { spreadsheet } = createFakeSpreadsheetApp();
      spreadsheet.toast('Đã xử lý 3 bài nộp', 'hannop', 5);
      spreadsheet.toast('Xong');
      expect(spreadsheet.toasts).toEqual([
        { message: 'Đã xử lý 3 bài nộp', title: 'hannop', timeoutSeconds: 5 },
        { message: 'Xong' },
      ]);
    });
  });

  describe('ranges', () => {
    it('are 1-based and refuse what Google refuses', () => {
      const sheet = newSheet();
      expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
      expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
      expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
      expect(() => sheet.getRange(1, 1, 1, 0)).toThrow(
        'The number of columns in the range must be at least 1.',
      );
      const range = sheet.getRange(2, 3, 4, 5);
      expect([range.getRow(), range.getColumn(), range.getNumRows(), range.getNumColumns()]).toEqual([
        2, 3, 4, 5,
      ]);
      expect(range.getA1Notation()).toBe('C2:G5');
      expect(sheet.getRange('B2:C').getA1Notation()).toBe('B2:C1000');
      expect(sheet.getRange('A1').getA1Notation()).toBe('A1');
    });

    it('refuse data whose dimensions do not match, with Google messages', () => {
      const range = newSheet().getRange(1, 1, 2, 2);
      expect(() => range.setValues([['a', 'b']])).toThrow(
        'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
      );
      expect(() => range.setValues([['a', 'b'], ['c']])).toThrow(
        'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
      );
    });

    it('read empty cells as empty strings', () => {
      const sheet = newSheet();
      sheet.getRange(2, 2).setValue('x');
      expect(sheet.getRange(1, 1, 2, 3).getValues()).toEqual([
        ['', '', ''],
        ['', 'x', ''],
      ]);
    });

    it('refuse a string longer than a cell holds', () => {
      const range = newSheet().getRange(1, 1);
      range.setValues([[`'${'a'.repeat(50000)}`]]);
      expect((range.getValue() as string).length).toBe(50000);
      expect(() => range.setValues([['a'.repeat(50001)]])).toThrow(
        'Your input contains more than the maximum of 50000 characters in a single cell.',
      );
    });
  });

  describe('setValues reads strings as a person typing in a Vietnamese sheet would', () => {
    it.each<[string, unknown]>([
      ['0901234567', 901234567],
      ['+84901234567', 84901234567],
      ['-3', -3],
      ['1.234', 1234],
      ['1.234.567,5', 1234567.5],
      ['1,5', 1.5],
      ['50%', 0.5],
      ['1e5', 100000],
      ['TRUE', true],
      ['false', false],
      ['@x', '@x'],
      ['3.14', '3.14'],
      ['Trường THCS Nguyễn Văn Trỗi', 'Trường THCS Nguyễn Văn Trỗi'],
    ])('%j is stored as %j', (text, stored) => {
      expect(entered(text)).toEqual({ value: stored, formula: '' });
    });

    it('turns dd/MM/yyyy and ISO text into dates at midnight in Vietnam', () => {
      expect(entered('30/03/2023').value).toEqual(vietnamInstant('2023-03-30'));
      expect(entered('1/4/2023').value).toEqual(vietnamInstant('2023-04-01'));
      expect(entered('2023-03-30').value).toEqual(vietnamInstant('2023-03-30'));
      expect(entered('30/03/2023 23:59:59').value).toEqual(vietnamInstant('2023-03-30', 23, 59, 59));
      expect(entered('31/02/2023').value).toBe('31/02/2023');
    });

    it('makes a formula of text starting with "=", which reads back as #ERROR! (formulas are not evaluated)', () => {
      expect(entered('=1+1')).toEqual({ value: FORMULA_VALUE, formula: '=1+1' });
      expect(entered('=HYPERLINK("x")')).toEqual({ value: FORMULA_VALUE, formula: '=HYPERLINK("x")' });
    });

    it('keeps text after a leading apostrophe exactly, without the apostrophe', () => {
      for (const text of ['=1+1', '0901234567', '+84901234567', '-3', '30/03/2023', 'TRUE', "'", '  x  ']) {
        expect(entered(`'${text}`)).toEqual({ value: text, formula: '' });
      }
    });

    it('keeps strings exactly as given in a cell formatted as plain text', () => {
      for (const text of ['=1+1', '0901234567', '30/03/2023', 'TRUE', "'quoted"]) {
        expect(entered(text, '@')).toEqual({ value: text, formula: '' });
      }
    });

    it('stores numbers, booleans and Dates as given, and gives Dates back as copies', () => {
      const dueAt = new Date('2023-03-30T23:59:59+07:00');
      const range = newSheet().getRange(1, 1, 1, 4);
      range.setValues([[42.5, false, dueAt, null]]);
      const [values] = range.getValues();
      expect(values).toEqual([42.5, false, dueAt, '']);
      expect(values?.[2]).not.toBe(dueAt);
      (values?.[2] as Date).setTime(0);
      expect(range.getValues()[0]?.[2]).toEqual(dueAt);
    });

    it('sets a date format on a cell where typed text became a date', () => {
      const range = newSheet().getRange(1, 1, 1, 2);
      range.setValues([['30/03/2023', 'chữ']]);
      expect(range.getNumberFormats()).toEqual([['dd/MM/yyyy', AUTOMATIC_NUMBER_FORMAT]]);
      expect(range.getDisplayValues()).toEqual([['30/03/2023', 'chữ']]);
    });
  });

  describe('sheets', () => {
    it('know their last row and column with content, and their data range', () => {
      const sheet = newSheet();
      expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
      expect(sheet.getDataRange().getA1Notation()).toBe('A1');
      expect(sheet.getDataRange().getValues()).toEqual([['']]);
      sheet.getRange(3, 2).setValue('x');
      sheet.getRange(1, 4).setValue('=A1');
      expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([3, 4]);
      expect(sheet.getDataRange().getA1Notation()).toBe('A1:D3');
    });

    it('start with 1000 rows and 26 columns and grow when written below or right of them', () => {
      const sheet = newSheet();
      expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
      sheet.getRange(1001, 27, 2, 1).setValues([['a'], ['b']]);
      expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1002, 27]);
      expect(sheet.getLastRow()).toBe(1002);
      sheet.insertRowsAfter(1002, 10);
      expect(sheet.getMaxRows()).toBe(1012);
    });

    it('clear contents, formats or both', () => {
      const sheet = newSheet();
      const range = sheet.getRange(1, 1, 1, 2);
      range.setValues([['a', 1]]);
      range.setFontWeight('bold');
      range.setNumberFormat('@');
      range.setBackground('#ff0000');
      sheet.clearContents();
      expect(range.getValues()).toEqual([['', '']]);
      expect(range.getFontWeights()).toEqual([['bold', 'bold']]);
      sheet.clearFormats();
      expect(range.getFontWeights()).toEqual([['normal', 'normal']]);
      expect(range.getBackgrounds()).toEqual([['#ffffff', '#ffffff']]);
      range.setValues([['a', 1]]);
      range.setFontWeights([['bold', null]]);
      sheet.clear();
      expect(range.getValues()).toEqual([['', '']]);
      expect(range.getFontWeights()).toEqual([['normal', 'normal']]);
      expect(range.getNumberFormats()).toEqual([[AUTOMATIC_NUMBER_FORMAT, AUTOMATIC_NUMBER_FORMAT]]);
    });

    it('freeze rows and columns', () => {
      const sheet = newSheet();
      sheet.setFrozenRows(1);
      sheet.setFrozenColumns(2);
      expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([1, 2]);
    });

    it('keep conditional format rules built with the builder', () => {
      const { app, spreadsheet } = createFakeSpreadsheetApp();
      const sheet = spreadsheet.insertSheet('Tổng hợp');
      const rule = app
        .newConditionalFormatRule()
        .whenTextEqualTo('Quá hạn')
        .setBackground('#F4CCCC')
        .setFontColor('#990000')
        .setRanges([sheet.getRange('C2:C')])
        .build();
      sheet.setConditionalFormatRules([rule]);
      const [kept] = sheet.getConditionalFormatRules();
      expect(kept?.getRanges().map((range) => range.getA1Notation())).toEqual(['C2:C1000']);
      expect(kept?.getBooleanCondition().getCriteriaType()).toBe(app.BooleanCriteria.TEXT_EQUAL_TO);
      expect(kept?.getBooleanCondition().getCriteriaValues()).toEqual(['Quá hạn']);
      expect(kept?.getBooleanCondition().getBackground()).toBe('#F4CCCC');
      expect(() => app.newConditionalFormatRule().whenTextEqualTo('x').setBackground('#fff').build()).toThrow(
        'Conditional format rule must have at least one range.',
      );
      sheet.setConditionalFormatRules([]);
      expect(sheet.getConditionalFormatRules()).toEqual([]);
    });

    it('have one filter at most: creating a second throws until the first is removed', () => {
      const sheet = newSheet();
      const filter = sheet.getRange(1, 1, 3, 2).createFilter();
      expect(sheet.getFilter()).toBe(filter);
      expect(filter.getRange().getA1Notation()).toBe('A1:B3');
      expect(() => sheet.getRange(1, 1, 5, 2).createFilter()).toThrow(
        "You can't create a filter in a sheet that already has a filter.",
      );
      filter.remove();
      expect(sheet.getFilter()).toBeNull();
      expect(sheet.getRange(1, 1, 5, 2).createFilter().getRange().getA1Notation()).toBe('A1:B5');
    });

    it('add a new protection on every protect() call, so callers must reuse the one there is', () => {
      const { app, spreadsheet } = createFakeSpreadsheetApp();
      const sheet = spreadsheet.insertSheet('Bài nộp');
      const protection = sheet.protect().setWarningOnly(true).setDescription('tự động');
      expect(protection.isWarningOnly()).toBe(true);
      expect(protection.getDescription()).toBe('tự động');
      sheet.protect();
      expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(2);
      expect(sheet.getProtections(app.ProtectionType.RANGE)).toHaveLength(0);
      protection.remove();
      expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    });

    it('keep column widths and hidden state', () => {
      const sheet = newSheet();
      sheet.setColumnWidths(1, 3, 150);
      sheet.setColumnWidth(2, 300);
      expect([sheet.getColumnWidth(1), sheet.getColumnWidth(2), sheet.getColumnWidth(4)]).toEqual([
        150, 300, 100,
      ]);
      sheet.hideSheet();
      expect(sheet.isSheetHidden()).toBe(true);
    });
  });

  describe('Ui', () => {
    it('records menus, alerts and dialogs', () => {
      const { app, ui } = createFakeSpreadsheetApp();
      app
        .getUi()
        .createMenu('hannop')
        .addItem('Xử lý bài nộp mới', 'processNewResponses')
        .addSeparator()
        .addItem('Gửi thư nhắc', 'sendReminders')
        .addToUi();
      ui.alertAnswers.push(ui.Button.NO);
      expect(app.getUi().alert('Gửi thư?', 'Sẽ gửi 12 thư.', ui.ButtonSet.YES_NO)).toBe('NO');
      expect(app.getUi().alert('Đã xong')).toBe('OK');
      expect(ui.menus).toEqual([
        {
          title: 'hannop',
          items: [
            { label: 'Xử lý bài nộp mới', functionName: 'processNewResponses' },
            { separator: true },
            { label: 'Gửi thư nhắc', functionName: 'sendReminders' },
          ],
        },
      ]);
      expect(ui.alerts).toEqual([
        { title: 'Gửi thư?', prompt: 'Sẽ gửi 12 thư.', buttons: 'YES_NO' },
        { prompt: 'Đã xong' },
      ]);
    });

    it('is not available where Google has no user interface (time-driven triggers)', () => {
      const { app } = createFakeSpreadsheetApp({ uiAvailable: false });
      expect(() => app.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    });
  });

  describe('call counting', () => {
    it('counts every call per method and in total, and can start again', () => {
      const { app, calls } = createFakeSpreadsheetApp();
      const sheet = app.getActiveSpreadsheet().insertSheet('A');
      sheet.getRange(1, 1, 1, 2).setValues([['a', 'b']]);
      sheet.getDataRange().getValues();
      expect(calls.total).toBe(6);
      expect(calls.byMethod()).toEqual({
        'Range.getValues': 1,
        'Range.setValues': 1,
        'Sheet.getDataRange': 1,
        'Sheet.getRange': 1,
        'Spreadsheet.insertSheet': 1,
        'SpreadsheetApp.getActiveSpreadsheet': 1,
      });
      expect(calls.count('Range.setValues')).toBe(1);
      expect(calls.count('getRange')).toBe(1);
      expect(calls.sequence[0]).toBe('SpreadsheetApp.getActiveSpreadsheet');
      calls.reset();
      expect(calls.total).toBe(0);
      expect(calls.byMethod()).toEqual({});
    });

    it('counts calls that throw', () => {
      const { spreadsheet, calls } = createFakeSpreadsheetApp();
      expect(() => spreadsheet.insertSheet('Trang tính1')).toThrow();
      expect(calls.count('Spreadsheet.insertSheet')).toBe(1);
    });
  });
});

describe('the SpreadsheetApp fake: range lists and developer metadata', () => {
  it('sets a number format on every range of a list in one counted call', () => {
    const world = createFakeSpreadsheetApp();
    const sheet = world.spreadsheet.insertSheet('Ngày');
    world.calls.reset();
    const list = sheet.getRangeList(['B2:B4', 'D2:D3']);
    list.setNumberFormat('dd/MM/yyyy');
    expect(world.calls.sequence).toEqual(['Sheet.getRangeList', 'RangeList.setNumberFormat']);
    expect(sheet.getRange(2, 2, 3, 1).getNumberFormats().flat()).toEqual(Array(3).fill('dd/MM/yyyy'));
    expect(sheet.getRange(4, 4).getNumberFormats()).toEqual([[AUTOMATIC_NUMBER_FORMAT]]);
    expect(list.getRanges().map((range) => range.a1Notation())).toEqual(['B2:B4', 'D2:D3']);
    expect(() => sheet.getRangeList([])).toThrow("don't match the method signature");
  });

  it("finds a range by its sheet's name in the address, and says so when the sheet is missing", () => {
    const { spreadsheet } = createFakeSpreadsheetApp();
    const sheet = spreadsheet.insertSheet("Nhà 'A'");
    sheet.getRange(2, 2).setValue('x');
    expect(spreadsheet.getRange("'Nhà ''A'''!B2").getValues()).toEqual([['x']]);
    expect(spreadsheet.getRange("'Nhà ''A'''!A1:C3").a1Notation()).toBe('A1:C3');
    expect(() => spreadsheet.getRange("'Không có'!A1")).toThrow('Range not found');
    expect(() => spreadsheet.getRange("'Nhà ''A'''!1A")).toThrow('Range not found');
  });

  it('keeps spreadsheet metadata across look-ups, counts each call and limits its size', () => {
    const world = createFakeSpreadsheetApp();
    const { spreadsheet } = world;
    expect(spreadsheet.getDeveloperMetadata()).toEqual([]);
    spreadsheet.addDeveloperMetadata('hannop.x', '{"a":1}');
    const [entry] = spreadsheet.getDeveloperMetadata();
    expect(entry?.getKey()).toBe('hannop.x');
    entry?.setValue('{"a":2}');
    expect(spreadsheet.getDeveloperMetadata()[0]?.getValue()).toBe('{"a":2}');
    expect(world.calls.count('DeveloperMetadata.setValue')).toBe(1);
    expect(() => entry?.setValue('x'.repeat(30000))).toThrow('cannot exceed 30000 characters');
    expect(spreadsheet.getDeveloperMetadata()[0]?.getValue()).toBe('{"a":2}');
    expect(() => spreadsheet.addDeveloperMetadata('')).toThrow('must have a key');
    entry?.remove();
    expect(spreadsheet.getDeveloperMetadata()).toEqual([]);
  });
});
