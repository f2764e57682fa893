import { SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { cellText } from '../../src/domain/table';
import {
  runConsolidate,
  runPreviewReminders,
  runRebuild,
  runRefreshForms,
  runSendReminders,
} from '../../src/gas/menu-handlers';
import { makeUnit } from '../fakes/campaign-fixture';
import { unitsTable } from '../fakes/mail-fixture';
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook';
import { asSpreadsheet, asSpreadsheetApp } from '../fakes/spreadsheet-app';
import { makeGasWorld, submitPlan, type GasWorld } from './gas-world';

function toasts(world: GasWorld) {
  return world.sheets.spreadsheet.toasts.map((toast) => ({ title: toast.title, message: toast.message }));
}

function worldWithOnePlan() {
  const world = makeGasWorld();
  world.setNow('2023-03-28T09:30:05');
  submitPlan(world, world.units[0]!, '2023-03-28T09:30');
  return world;
}

describe('the menu items that run jobs', () => {
  it('«Cập nhật biểu mẫu» refreshes the unit choices and says how many changed', () => {
    const world = makeGasWorld();
    const units = [...world.units, makeUnit({ code: 'THCSLQD', name: 'THCS Lê Quý Đôn', rowNumber: 5 })];
    const table = unitsTable(units);
    new SpreadsheetWorkbook(
      asSpreadsheet(world.sheets.spreadsheet),
      asSpreadsheetApp(world.sheets.app),
    ).write([{ kind: 'replace', sheet: SHEET.units, headers: table.headers.map(String), rows: table.rows }]);
    runRefreshForms(world.services());
    expect(toasts(world)).toEqual([
      {
        title: 'Hạn nộp — Cập nhật biểu mẫu',
        message:
          'Đã cập nhật lựa chọn của biểu mẫu:\n' +
          'Biểu mẫu Kế hoạch, «Đơn vị»: thêm 1, bỏ 0 lựa chọn.\n' +
          'Biểu mẫu Báo cáo, «Đơn vị»: thêm 1, bỏ 0 lựa chọn.',
      },
    ]);
    runRefreshForms(world.services());
    expect(toasts(world)[1]?.message).toBe(
      'Các lựa chọn của biểu mẫu đã khớp với bảng tính; không có gì thay đổi.',
    );
  });

  it('«Xử lý lại toàn bộ» rebuilds Bài nộp from every response, keeping the row, and sends nothing', () => {
    const world = worldWithOnePlan();
    world.setNow('2023-03-29T08:00');
    runRebuild(world.services());
    expect(toasts(world)).toEqual([
      {
        title: 'Hạn nộp — Xử lý lại toàn bộ',
        message:
          'Đã xử lý lại 1 phản hồi: hợp lệ 1, không hợp lệ 0, chờ xác minh 0.\n' +
          'Đã cập nhật «Bài nộp», «Tổng hợp», «Thống kê» và «Số liệu».',
      },
    ]);
    const register = world.table(SHEET.submissions);
    expect(
      register?.rows.map((row) =>
        cellText(row[register.headers.indexOf(SUBMISSION_COLUMNS.version)] ?? null),
      ),
    ).toEqual(['1']);
    expect(world.mailApp.sent).toHaveLength(1);
  });

  it('«Tổng hợp ngay» says how many units and periods it consolidated', () => {
    const world = worldWithOnePlan();
    runConsolidate(world.services());
    expect(toasts(world)).toEqual([
      {
        title: 'Hạn nộp — Tổng hợp ngay',
        message: 'Đã cập nhật «Tổng hợp», «Thống kê» và «Số liệu»: 3 đơn vị, 3 kỳ nộp.',
      },
    ]);
  });

  it('«Xem trước thư nhắc» lists who would get what in a dialog, sending and writing nothing', () => {
    const world = worldWithOnePlan();
    world.setNow('2023-03-29T08:00');
    world.sheets.calls.reset();
    runPreviewReminders(world.services());
    expect(world.sheets.ui.alerts).toHaveLength(1);
    expect(world.sheets.ui.alerts[0]?.title).toBe('Hạn nộp — Xem trước thư nhắc');
    const lines = world.sheets.ui.alerts[0]?.prompt.split('\n') ?? [];
    expect(lines[0]).toBe('Nếu gửi bây giờ, 2 thư sẽ được gửi:');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^• Nhắc hạn — THDD → thdd@truong\.example\.edu\.vn: «Nhắc hạn/),
      expect.stringMatching(/^• Nhắc hạn — TR0002 → tr0002@truong\.example\.edu\.vn: «Nhắc hạn/),
    ]);
    expect(world.sheets.calls.count('setValues')).toBe(0);
    expect(world.mailApp.sent).toHaveLength(1);
  });

  it('«Gửi thư nhắc ngay» sends what is due and says how many', () => {
    const world = worldWithOnePlan();
    world.setNow('2023-03-29T08:00');
    runSendReminders(world.services());
    expect(toasts(world)).toEqual([{ title: 'Hạn nộp — Gửi thư nhắc ngay', message: 'Đã gửi 2 thư.' }]);
    expect(world.mailApp.sent).toHaveLength(3);
    runSendReminders(world.services());
    expect(toasts(world)[1]?.message).toBe('Hiện không có thư nào cần gửi.');
  });

  it('shows a failure as a Vietnamese dialog naming the mistake, and does not rethrow', () => {
    const world = makeGasWorld();
    world.sheets.spreadsheet.getSheetByName(SHEET.config)?.getRange(4, 2).setValue('hai nghìn');
    expect(() => runConsolidate(world.services())).not.toThrow();
    expect(world.sheets.ui.alerts[0]?.prompt).toBe(
      'Không thể thực hiện «Tổng hợp ngay» vì bảng tính có chỗ chưa đúng:\n' +
        '«Cấu hình», dòng 4, cột «Giá trị»: «Năm»: «hai nghìn» không phải là năm (4 chữ số).',
    );
    expect(world.logged).toHaveLength(1);
  });
});
