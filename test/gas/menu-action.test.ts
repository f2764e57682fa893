import { InputError } from '../../src/domain/problems';
import { failureMessage, runMenuAction, type MenuSurface } from '../../src/gas/menu-action';
import { CallLog, FakeUi } from '../fakes/spreadsheet-app';

function surface() {
  const ui = new FakeUi(new CallLog());
  const toasts: { message: string; title: string | undefined }[] = [];
  const logged: unknown[] = [];
  const menuSurface: MenuSurface = {
    ui: ui as unknown as MenuSurface['ui'],
    spreadsheet: { toast: (message: string, title?: string) => void toasts.push({ message, title }) },
    log: (_message, error) => void logged.push(error),
  };
  return { ui, toasts, logged, menuSurface };
}

describe('runMenuAction', () => {
  it('tells the officer what the job did in a toast, or in a dialog for long answers', () => {
    const { ui, toasts, menuSurface } = surface();
    runMenuAction(menuSurface, 'Tổng hợp ngay', () => ({ message: 'Đã tổng hợp 60 đơn vị.' }));
    expect(toasts).toEqual([{ message: 'Đã tổng hợp 60 đơn vị.', title: 'Hạn nộp — Tổng hợp ngay' }]);
    runMenuAction(menuSurface, 'Kiểm tra cấu hình', () => ({ message: 'Không có vấn đề.', dialog: true }));
    expect(ui.alerts).toEqual([
      { title: 'Hạn nộp — Kiểm tra cấu hình', prompt: 'Không có vấn đề.', buttons: 'OK' },
    ]);
  });

  it('shows a failure as a Vietnamese sentence, logs the error and does not rethrow', () => {
    const { ui, toasts, logged, menuSurface } = surface();
    const error = new TypeError("Cannot read properties of undefined (reading 'getRange')");
    expect(() =>
      runMenuAction(menuSurface, 'Tổng hợp ngay', () => {
        throw error;
      }),
    ).not.toThrow();
    expect(toasts).toEqual([]);
    expect(logged).toEqual([error]);
    expect(ui.alerts).toHaveLength(1);
    expect(ui.alerts[0]?.prompt).toBe(
      '«Tổng hợp ngay» gặp lỗi ngoài dự kiến và đã dừng; dữ liệu đã nhập không bị mất.\n' +
        "Chi tiết: Cannot read properties of undefined (reading 'getRange')\n" +
        'Nếu lỗi lặp lại, vui lòng báo người phụ trách kỹ thuật (chi tiết có trong mục Executions của Apps Script).',
    );
    expect(ui.alerts[0]?.prompt).not.toMatch(/\n\s+at /);
  });

  it('names the sheet and row of a mistake in the workbook, and asks to retry when the lock is busy', () => {
    const mistake = new InputError([
      { where: 'Cấu hình', row: 4, column: 'Giá trị', message: 'Ngày không hợp lệ.' },
    ]);
    expect(failureMessage('Tổng hợp ngay', mistake)).toBe(
      'Không thể thực hiện «Tổng hợp ngay» vì bảng tính có chỗ chưa đúng:\n«Cấu hình», dòng 4, cột «Giá trị»: Ngày không hợp lệ.',
    );
    expect(
      failureMessage(
        'Gửi thư nhắc ngay',
        new Error('Lock timeout: another process was holding the lock for too long.'),
      ),
    ).toBe(
      '«Gửi thư nhắc ngay» chưa chạy được vì một tác vụ khác đang cập nhật bảng tính. Vui lòng thử lại sau ít phút.',
    );
  });
});
