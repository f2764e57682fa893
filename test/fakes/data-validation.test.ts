// The SpreadsheetApp fake's data validation, pinned to what Google does.
import { createFakeSpreadsheetApp } from './spreadsheet-app';

function world() {
  const { app, spreadsheet, calls } = createFakeSpreadsheetApp({ sheetNames: ['Bài nộp'] });
  const sheet = spreadsheet.getSheetByName('Bài nộp');
  if (!sheet) throw new Error('no sheet');
  return { app, sheet, calls };
}

const REJECTED = (cell: string) =>
  `The data you entered in cell ${cell} violates the data validation rules set on this cell.`;

describe('data validation on the SpreadsheetApp fake', () => {
  it('builds a list rule that Google reads back, warning only unless told to reject', () => {
    const { app } = world();
    const lenient = app.newDataValidation().requireValueInList(['Đạt', 'Yêu cầu bổ sung']).build();
    expect(lenient.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(lenient.getCriteriaValues()).toEqual([['Đạt', 'Yêu cầu bổ sung'], true]);
    expect(lenient.getAllowInvalid()).toBe(true);
    expect(lenient.copy().setAllowInvalid(false).build().getAllowInvalid()).toBe(false);
    expect(() => app.newDataValidation().build()).toThrow('Data validation rule must have a criteria.');
  });

  it('rejects a value outside the list, exactly compared, and writes nothing of a rejected batch', () => {
    const { app, sheet } = world();
    const rule = app
      .newDataValidation()
      .requireValueInList(['Đạt', 'Chờ duyệt'], true)
      .setAllowInvalid(false)
      .build();
    sheet.getRange(2, 2, 10, 1).setDataValidation(rule);
    expect(sheet.getRange(1, 2).getDataValidation()).toBeNull();
    expect(sheet.getRange(5, 2).getDataValidation()).toBe(rule);
    expect(sheet.getRange(2, 1, 2, 2).getDataValidations()).toEqual([
      [null, rule],
      [null, rule],
    ]);
    expect(() => sheet.getRange(3, 2).setValue('đạt')).toThrow(REJECTED('B3'));
    expect(() =>
      sheet.getRange(2, 1, 3, 2).setValues([
        ['a', "'Đạt"],
        ['b', ''],
        ['c', 'Không đạt'],
      ]),
    ).toThrow(REJECTED('B4'));
    expect(sheet.getRange(2, 1, 3, 2).getValues()).toEqual([
      ['', ''],
      ['', ''],
      ['', ''],
    ]);
    sheet.getRange(2, 1, 2, 2).setValues([
      ['a', "'Đạt"],
      ['b', ''],
    ]);
    expect(sheet.getRange(2, 2).getValue()).toBe('Đạt');
  });

  it('keeps a warning-only rule permissive, and the rule through clear() until validations are cleared', () => {
    const { app, sheet } = world();
    sheet.getRange('C2:C5').setDataValidation(app.newDataValidation().requireValueInList(['Có']).build());
    sheet.getRange('C2').setValue('x');
    expect(sheet.getRange('C2').getValue()).toBe('x');
    sheet
      .getRange('D2:D5')
      .setDataValidation(app.newDataValidation().requireValueInList(['Có']).setAllowInvalid(false).build());
    sheet.clear();
    expect(() => sheet.getRange('D3').setValue('x')).toThrow(REJECTED('D3'));
    sheet.getRange('D2:D3').clear({ validationsOnly: true });
    sheet.getRange('D3').setValue('x');
    sheet.getRange('D4:D5').clearDataValidations();
    expect(sheet.getRange('D2:D5').getDataValidations()).toEqual([[null], [null], [null], [null]]);
  });
});
