// «Thiết lập ban đầu» in `Nhật ký`: one row per run (the first and every re-run), in counts, with
// the account that ran it; a failure gets a `Lỗi` row and another account's attempt a refusal row.
// The row rides on setup's own last write: on a new spreadsheet it costs no call, since `Nhật ký`
// is made with it.
import { unitRow } from '../../src/app/initialize-workbook';
import { columnsOf, SHEET, UNIT_COLUMNS } from '../../src/domain/layout';
import { GasServices } from '../../src/gas/services';
import { runSetup, runSetupMenu } from '../../src/gas/setup';
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook';
import { makeUnit } from '../fakes/campaign-fixture';
import { asSpreadsheet, asSpreadsheetApp } from '../fakes/spreadsheet-app';
import { globalsOf, makeGasFakes } from './gas-world';
import { makeWorld, SETUP_NOW, type SetupWorld } from './setup-world';

function eventLog(world: SetupWorld): unknown[][] {
  return world.sheets.spreadsheet.getSheetByName(SHEET.eventLog)?.getDataRange().getValues() ?? [];
}

const NEW_SPREADSHEET_ROW =
  'Tạo 10 trang, 0 trang đã có; đặt 4 danh sách chọn; «Đơn vị» có 1 đơn vị (0 đang hoạt động); ' +
  'tạo mã xác nhận cho 1 đơn vị; biểu mẫu: 2 tạo mới, 0 cập nhật, 0 đã có; trình kích hoạt: 4 cài mới, 0 đã có; ' +
  '4 lưu ý cần xử lý (chạy lại «Thiết lập ban đầu» để xem từng lưu ý); ' +
  'người chạy: chuyenvien@pgd.example.edu.vn.';

/** `Đơn vị` typed by the department before setup: two active units. */
function worldInUse(): SetupWorld {
  const world = makeWorld([SHEET.units]);
  const headers = columnsOf(UNIT_COLUMNS);
  const rows = [
    unitRow(makeUnit({ code: 'MNHM', name: 'Mầm non Hoa Mai' })),
    unitRow(makeUnit({ code: 'THDD', name: 'Tiểu học Đặng Đức' })),
  ].map((row) => headers.map((column) => row[column] ?? ''));
  new SpreadsheetWorkbook(asSpreadsheet(world.sheets.spreadsheet), asSpreadsheetApp(world.sheets.app)).write([
    { kind: 'replace', sheet: SHEET.units, headers, rows },
  ]);
  return world;
}

describe('Nhật ký after «Thiết lập ban đầu»', () => {
  it('gets one row on a new spreadsheet: what setup made, in counts, who ran it and when', () => {
    const world = makeWorld();
    runSetup(world.services);
    expect(eventLog(world)).toEqual([
      ['Thời điểm', 'Mức', 'Việc', 'Nội dung'],
      // The example unit is inactive: the forms have no unit to offer, which the dialog's notes say.
      [SETUP_NOW, 'Cảnh báo', 'Thiết lập ban đầu', NEW_SPREADSHEET_ROW],
    ]);
    // `Nhật ký` is made with its row in setup's last batch, and laid out like the other new sheets.
    expect(world.sheets.calls.count('Range.setValues')).toBe(9);
    const log = world.sheets.spreadsheet.getSheetByName(SHEET.eventLog);
    expect(log?.getRange(1, 1, 1, 4).getFontWeights()).toEqual([['bold', 'bold', 'bold', 'bold']]);
  });

  it('gets a row for every re-run too, with what it found, for one append', () => {
    const world = worldInUse();
    runSetup(world.services);
    world.sheets.calls.reset();
    runSetup(world.services);
    expect(eventLog(world).slice(1)).toEqual([
      [
        SETUP_NOW,
        'Thông tin',
        'Thiết lập ban đầu',
        'Tạo 9 trang, 1 trang đã có; đặt 4 danh sách chọn; «Đơn vị» có 2 đơn vị (2 đang hoạt động); ' +
          'tạo mã xác nhận cho 0 đơn vị; biểu mẫu: 2 tạo mới, 0 cập nhật, 0 đã có; trình kích hoạt: 4 cài mới, 0 đã có; ' +
          'người chạy: chuyenvien@pgd.example.edu.vn.',
      ],
      [
        SETUP_NOW,
        'Thông tin',
        'Thiết lập ban đầu',
        'Tạo 0 trang, 10 trang đã có; đặt 0 danh sách chọn; «Đơn vị» có 2 đơn vị (2 đang hoạt động); ' +
          'tạo mã xác nhận cho 0 đơn vị; biểu mẫu: 0 tạo mới, 0 cập nhật, 2 đã có; trình kích hoạt: 0 cài mới, 4 đã có; ' +
          'người chạy: chuyenvien@pgd.example.edu.vn.',
      ],
    ]);
    // The re-run's only write is its row: one range written, no call per row.
    expect(world.sheets.calls.count('Range.setValues')).toBe(1);
    expect(world.sheets.calls.count('Sheet.getLastRow')).toBe(1);
  });

  it('says so when Google does not give the account', () => {
    const world = makeWorld();
    runSetup({ ...world.services, effectiveUserEmail: () => '' });
    expect(eventLog(world)[1]?.[3]).toBe(
      // One note more: the triggers' owner could not be recorded.
      NEW_SPREADSHEET_ROW.replace('4 lưu ý', '5 lưu ý').replace(
        'người chạy: chuyenvien@pgd.example.edu.vn.',
        'người chạy: không rõ (Google không cho biết tài khoản).',
      ),
    );
  });

  it('records a failed setup as a Lỗi row, as every job does, and still shows the failure', () => {
    const world = makeWorld();
    jest.spyOn(world.formApp, 'create').mockImplementation(() => {
      throw new Error('Service unavailable: Forms');
    });
    const fakes = makeGasFakes({
      sheets: world.sheets,
      formApp: world.formApp,
      properties: world.properties,
      scriptApp: world.scriptApp,
    });
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      runSetupMenu(new GasServices(globalsOf(fakes)));
    } finally {
      errors.mockRestore();
    }
    expect(world.sheets.ui.alerts.map((alert) => alert.prompt)).toEqual([
      expect.stringMatching(
        /^«Thiết lập ban đầu» gặp lỗi ngoài dự kiến và đã dừng; .*Service unavailable: Forms/s,
      ),
    ]);
    const rows = eventLog(world);
    expect(rows[0]).toEqual(['Thời điểm', 'Mức', 'Việc', 'Nội dung']);
    expect(rows.slice(1).map((row) => row.slice(1))).toEqual([
      ['Lỗi', 'Thiết lập ban đầu', 'Service unavailable: Forms'],
    ]);
  });

  it("records another account's attempt as refused, and changes nothing else", () => {
    const world = makeWorld();
    runSetup(world.services);
    world.scriptApp.actAs('dongnghiep@pgd.example.edu.vn');
    expect(() => runSetup(world.services)).toThrow('đã được chạy bằng tài khoản');
    const rows = eventLog(world);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toEqual([
      SETUP_NOW,
      'Cảnh báo',
      'Thiết lập ban đầu',
      expect.stringMatching(
        /^Từ chối: «Thiết lập ban đầu» đã được chạy bằng tài khoản «chuyenvien@pgd\.example\.edu\.vn»: .*Tài khoản «dongnghiep@pgd\.example\.edu\.vn» không chạy lại được/,
      ),
    ]);
  });
});
