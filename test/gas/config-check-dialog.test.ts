import { runCheckConfigMenu, readFormFacts } from '../../src/gas/config-check-dialog';
import { formIdProperty } from '../../src/gas/forms-setup';
import { GasServices } from '../../src/gas/services';
import { runSetup } from '../../src/gas/setup';
import { asForm, asFormApp, FakeFormApp } from '../fakes/form-app';
import { linkFakeSpreadsheet } from '../fakes/form-response-sheets';
import { asProperties, FakePropertiesService } from '../fakes/properties-service';
import { asScriptApp, FakeScriptApp } from '../fakes/script-app';
import { asSpreadsheet, asSpreadsheetApp, createFakeSpreadsheetApp } from '../fakes/spreadsheet-app';
import { globalsOf, makeGasFakes } from './gas-world';

function makeWorld() {
  const sheets = createFakeSpreadsheetApp();
  const formApp = new FakeFormApp();
  linkFakeSpreadsheet(formApp, sheets.spreadsheet);
  const properties = new FakePropertiesService();
  const documentProperties = asProperties(properties.document as NonNullable<typeof properties.document>);
  let uuid = 0;
  const setUp = () =>
    runSetup({
      spreadsheetApp: asSpreadsheetApp(sheets.app),
      spreadsheet: asSpreadsheet(sheets.spreadsheet),
      formApp: asFormApp(formApp),
      documentProperties,
      scriptProperties: asProperties(properties.script),
      scriptApp: asScriptApp(new FakeScriptApp()),
      lock: { withLock: (work) => work() },
      randomUuid: () => `${String((uuid += 1)).padStart(8, '0')}-4a5b-4c6d-8e7f-6f1c2d3e4a5b`,
      effectiveUserEmail: () => 'chuyenvien@pgd.example.edu.vn',
      now: () => new Date('2023-03-01T02:00:00Z'),
    });
  const check = () => {
    // Each run is an execution of its own, with services built anew.
    runCheckConfigMenu(new GasServices(globalsOf(makeGasFakes({ sheets, formApp, properties }))));
    return sheets.ui.alerts[sheets.ui.alerts.length - 1];
  };
  return { sheets, formApp, properties, documentProperties, setUp, check };
}

describe('«Kiểm tra cấu hình» in Apps Script', () => {
  it('before setup: names the missing sheets and both missing forms in one dialog', () => {
    const world = makeWorld();
    const alert = world.check();
    expect(alert?.title).toBe('Hạn nộp — Kiểm tra cấu hình');
    expect(alert?.prompt).toBe(
      [
        'Phát hiện 5 lỗi.',
        '',
        'Lỗi (cần sửa để hệ thống chạy đúng):',
        '• «Cấu hình»: không có trang «Cấu hình» trong bảng tính.',
        '• «Đơn vị»: không có trang «Đơn vị» trong bảng tính.',
        '• «Kỳ nộp»: không có trang «Kỳ nộp» trong bảng tính.',
        '• «Biểu mẫu Kế hoạch»: chưa có biểu mẫu này hoặc không mở được biểu mẫu đã lưu; hãy chạy «Thiết lập ban đầu» trong trình đơn Hạn nộp.',
        '• «Biểu mẫu Báo cáo»: chưa có biểu mẫu này hoặc không mở được biểu mẫu đã lưu; hãy chạy «Thiết lập ban đầu» trong trình đơn Hạn nộp.',
      ].join('\n'),
    );
  });

  it('after setup: the example contact, the example units and the 2023 deadline on a Sunday holiday remain', () => {
    const world = makeWorld();
    world.setUp();
    expect(world.check()?.prompt).toBe(
      [
        'Phát hiện 5 lỗi và 1 cảnh báo.',
        '',
        'Lỗi (cần sửa để hệ thống chạy đúng):',
        '• «Cấu hình», dòng 5, cột «Giá trị»: «Người phụ trách» vẫn là thông tin mẫu «Nguyễn Văn Phụ Trách»; thay bằng người phụ trách thật trước khi gửi thư.',
        '• «Cấu hình», dòng 6, cột «Giá trị»: «Email người phụ trách» vẫn là thông tin mẫu «phutrach@pgd.example.edu.vn»; thay bằng người phụ trách thật trước khi gửi thư.',
        '• «Cấu hình», dòng 7, cột «Giá trị»: «Điện thoại người phụ trách» vẫn là thông tin mẫu «028 0000 0000»; thay bằng người phụ trách thật trước khi gửi thư.',
        '• «Cấu hình», dòng 8, cột «Giá trị»: «Email nhận thư tổng hợp» vẫn là thông tin mẫu «phutrach@pgd.example.edu.vn»; thay bằng người phụ trách thật trước khi gửi thư.',
        '• «Đơn vị»: chưa có đơn vị nào đang hoạt động nên không đơn vị nào phải nộp.',
        '',
        'Cảnh báo (hệ thống vẫn chạy, nhưng nên xem lại):',
        '• «Kỳ nộp», dòng 3, cột «Hạn nộp»: kỳ «BC6T-2023»: ngày cuối còn đúng hạn 30/04/2023 (trước ngày 01/05/2023) ' +
          'rơi vào Chủ nhật và ngày nghỉ «Ngày Giải phóng miền Nam, thống nhất đất nước»; nên xem lại hạn nộp.',
      ].join('\n'),
    );
  });

  it('flags a spreadsheet in another time zone, and setup puts it right', () => {
    const world = makeWorld();
    world.setUp();
    world.sheets.spreadsheet.setSpreadsheetTimeZone('Asia/Bangkok');
    expect(world.check()?.prompt).toContain(
      '• «Bảng tính»: múi giờ là «Asia/Bangkok», không phải «Asia/Ho_Chi_Minh» (GMT+07:00) nên ngày giờ nộp và hạn ' +
        'nộp bị đọc lệch; hãy chạy «Thiết lập ban đầu» (đặt lại múi giờ) hoặc chọn Tệp › Cài đặt › Múi giờ ' +
        '«(GMT+07:00) Hồ Chí Minh».',
    );
    world.setUp();
    expect(world.check()?.prompt).not.toContain('«Bảng tính»');
  });

  it('reads an unlinked, a closed and a deleted form from FormApp, changing none of them', () => {
    const world = makeWorld();
    world.setUp();
    const spreadsheetId = world.sheets.spreadsheet.spreadsheetId;
    expect(readFormFacts(asFormApp(world.formApp), world.documentProperties, spreadsheetId)).toEqual({
      plan: { linked: true, acceptingResponses: true },
      report: { linked: true, acceptingResponses: true },
    });
    const planId = world.documentProperties.getProperty(formIdProperty('plan')) as string;
    const reportId = world.documentProperties.getProperty(formIdProperty('report')) as string;
    asForm(world.formApp.formById(planId)).removeDestination().setAcceptingResponses(false);
    world.formApp.calls.reset();
    expect(readFormFacts(asFormApp(world.formApp), world.documentProperties, spreadsheetId)).toEqual({
      plan: { linked: false, acceptingResponses: false },
      report: { linked: true, acceptingResponses: true },
    });
    expect(
      Object.keys(world.formApp.calls.byMethod()).filter((method) => /\.(set|remove|create)/.test(method)),
    ).toEqual([]);
    world.formApp.deleteForm(reportId);
    const prompt = world.check()?.prompt ?? '';
    expect(prompt).toContain(
      '• «Biểu mẫu Kế hoạch»: biểu mẫu chưa gửi câu trả lời về bảng tính này nên bài nộp sẽ không được ghi nhận; hãy chạy «Thiết lập ban đầu».',
    );
    expect(prompt).toContain(
      '• «Biểu mẫu Kế hoạch»: biểu mẫu đang không nhận câu trả lời nên đơn vị không nộp được;',
    );
    expect(prompt).toContain(
      '• «Biểu mẫu Báo cáo»: chưa có biểu mẫu này hoặc không mở được biểu mẫu đã lưu;',
    );
  });
});
