import { initialSheets } from '../../src/app/initialize-workbook';
import { responseSheetHeaders } from '../../src/domain/forms';
import {
  DASHBOARD_DIALOG_SIZE,
  DASHBOARD_OPENED_MESSAGE,
  openDashboard,
  runDashboardMenu,
  showDashboard,
} from '../../src/gas/dashboard-sidebar';
import { GasServices } from '../../src/gas/services';
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook';
import { FIXTURE_UNITS } from '../fakes/campaign-fixture';
import { FakeHtmlService, asHtmlService } from '../fakes/html-service';
import {
  asSpreadsheet,
  asSpreadsheetApp,
  createFakeSpreadsheetApp,
  type FakeSpreadsheetWorld,
} from '../fakes/spreadsheet-app';
import { MALICIOUS_NAME, XSS_UNIT, at } from '../domain/dashboard-fixture';
import { globalsOf, makeGasFakes, makeGasWorld, manyUnits } from './gas-world';
import { ServiceMeter } from './service-meter';

/**
 * A spreadsheet set up with the campaign, filled through the fake's own API as a person would
 * type it (strings as text), so this test depends only on SpreadsheetWorkbook's read.
 */
function campaignSpreadsheet(): FakeSpreadsheetWorld {
  const world = createFakeSpreadsheetApp();
  const writes = initialSheets({
    units: [...FIXTURE_UNITS, XSS_UNIT],
    responseHeaders: responseSheetHeaders(),
  });
  for (const write of writes) {
    const grid = [write.headers, ...write.rows].map((row) =>
      write.headers.map((_, column) => {
        const value = row[column] ?? '';
        return typeof value === 'string' && value !== '' ? `'${value}` : value;
      }),
    );
    world.spreadsheet
      .insertSheet(write.sheet)
      .getRange(1, 1, grid.length, write.headers.length)
      .setValues(grid);
  }
  return world;
}

/** This execution's services over the spreadsheet, at `asOf`; failures go to console.error as in Apps Script. */
function servicesAt(sheets: FakeSpreadsheetWorld, asOf: string): GasServices {
  return new GasServices(globalsOf(makeGasFakes({ sheets })), { now: () => at(asOf) });
}

describe('FakeHtmlService', () => {
  it('records the content and rejects what HtmlService rejects', () => {
    const service = new FakeHtmlService();
    const output = service.createHtmlOutput('<p>Xin chào</p>').setTitle('Tiêu đề').setWidth(640);
    expect(service.outputs).toEqual([output]);
    expect(output.getContent()).toBe('<p>Xin chào</p>');
    expect(output.getTitle()).toBe('Tiêu đề');
    expect(() => output.setWidth(0)).toThrow('Invalid argument: width');
    expect(() => output.setHeight(12.5)).toThrow('Invalid argument: height');
    expect(() => output.addMetaTag('description', 'x')).toThrow(
      'Invalid argument: name (meta tag «description» is not supported)',
    );
    expect(() => service.createHtmlOutput(42)).toThrow('Invalid argument: html');
  });
});

describe('showDashboard', () => {
  it('opens the page in a 1000×720 modal dialog titled «Bảng điều khiển»', () => {
    const world = createFakeSpreadsheetApp();
    const html = new FakeHtmlService();
    showDashboard(world.ui as unknown as GoogleAppsScript.Base.Ui, asHtmlService(html), '<p>trang</p>');
    const [output] = html.outputs;
    expect(output?.getContent()).toBe('<p>trang</p>');
    expect(output?.getTitle()).toBe('Bảng điều khiển');
    expect([output?.getWidth(), output?.getHeight()]).toEqual([
      DASHBOARD_DIALOG_SIZE.width,
      DASHBOARD_DIALOG_SIZE.height,
    ]);
    expect(output?.metaTags).toEqual([{ name: 'viewport', content: 'width=device-width, initial-scale=1' }]);
    expect(world.ui.dialogs).toEqual([{ html: output, title: 'Bảng điều khiển' }]);
    expect(world.ui.sidebars).toEqual([]);
  });
});

describe('openDashboard', () => {
  it('reads the campaign from the spreadsheet, one read per sheet, and shows its page', () => {
    const world = campaignSpreadsheet();
    const html = new FakeHtmlService();
    const before = world.calls.count('Sheet.getDataRange');
    const outcome = openDashboard({
      workbook: new SpreadsheetWorkbook(asSpreadsheet(world.spreadsheet), asSpreadsheetApp(world.app)),
      ui: world.ui as unknown as GoogleAppsScript.Base.Ui,
      htmlService: asHtmlService(html),
      asOf: at('2023-04-05T12:00'),
      mailQuota: 100,
    });
    expect(outcome).toEqual({ message: DASHBOARD_OPENED_MESSAGE });
    expect(world.calls.count('Sheet.getDataRange') - before).toBe(4);
    const page = html.outputs[0]?.getContent() ?? '';
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('Số liệu tính đến 05/04/2023 12:00');
    // Nothing submitted: all four active units are overdue for the plan.
    expect(page).toContain('0% (0/4)');
    expect(page).toContain('4 lượt quá hạn, 0 lượt cần bổ sung.');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain(MALICIOUS_NAME);
    expect(world.ui.dialogs).toHaveLength(1);
  });
});

describe('runDashboardMenu', () => {
  it('says in a toast that the dashboard is open', () => {
    const world = campaignSpreadsheet();
    runDashboardMenu(servicesAt(world, '2023-04-05T12:00'));
    expect(world.spreadsheet.toasts.map((toast) => [toast.message, toast.title])).toEqual([
      ['Đã mở bảng điều khiển.', 'Hạn nộp — Bảng điều khiển'],
    ]);
    expect(world.ui.dialogs).toHaveLength(1);
  });

  it('explains in Vietnamese why it cannot open on a spreadsheet that was never set up', () => {
    const world = createFakeSpreadsheetApp();
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      runDashboardMenu(servicesAt(world, '2023-04-05T12:00'));
      expect(errors).toHaveBeenCalledTimes(1);
    } finally {
      errors.mockRestore();
    }
    expect(world.ui.dialogs).toEqual([]);
    expect(world.ui.alerts).toHaveLength(1);
    expect(world.ui.alerts[0]?.title).toBe('Hạn nộp — Bảng điều khiển');
    expect(world.ui.alerts[0]?.prompt).toMatch(
      /^Không thể thực hiện «Bảng điều khiển» vì bảng tính có chỗ chưa đúng:\n/,
    );
  });
});

describe("the dashboard's mail forecast", () => {
  /** The dashboard opened from the menu on 20/03/2023 with MailApp's quota; its page and its calls. */
  function dashboardAt(unitCount: number, mailQuota: number) {
    const meter = new ServiceMeter();
    const world = makeGasWorld({ units: manyUnits(unitCount), mailQuota, meter, start: '2023-03-20T08:00' });
    meter.reset();
    runDashboardMenu(world.services());
    return { page: world.htmlService.outputs[0]?.getContent() ?? '', reading: meter.reading() };
  }

  it('marks the days over 100 recipients at 2,000 units and says what to change, for one call more', () => {
    const { page, reading } = dashboardAt(2000, 100);
    // MailApp's remaining 100 less the 5 of `Dự trữ hạn mức thư`.
    expect(page).toContain(
      'Hạn mức: 95 người nhận mỗi ngày (hạn mức MailApp còn lại hôm nay là 100, trừ 5 dự trữ («Dự trữ hạn mức thư»)).',
    );
    expect(page).toContain(
      '<p class="forecast-alert">Cảnh báo: dự báo thư của đợt thu vượt hạn mức 95 người nhận mỗi ngày vào 24 ngày ' +
        '(nhiều nhất 2001): 31/03/2023: 2001 người nhận (nhắc 2000, xác nhận 0, tổng hợp 1);',
    );
    expect(page).toContain(
      'Hãy bớt ngày nhắc trong «Kỳ nộp» (cột «Nhắc trước hạn», «Nhắc sau hạn»), bớt địa chỉ email của mỗi đơn vị, ' +
        'hoặc gửi thư qua SMTP từ máy chủ (hannop run --spreadsheet … --smtp …) với hạn mức lớn hơn.',
    );
    // The first reminder day overflows; the digest-only Monday after the deadline fits.
    expect(page).toContain(
      '<tr class="overflow"><td>23/03/2023</td><td class="number">2000</td><td class="number">0</td>' +
        '<td class="number">0</td><td class="number">2000</td><td class="number">95</td>' +
        '<td><span class="badge">Vượt 1905</span></td></tr>',
    );
    expect(page).toContain('<tr><td>03/04/2023</td>');
    expect(page).toContain('<p>Sau đó còn 15 ngày có thư, 12 ngày trong số đó vượt hạn mức.</p>');
    // Reading the sheets and opening the dialog as before, and one call for the quota.
    expect(reading.byMethod).toEqual({
      'HtmlOutput.addMetaTag': 1,
      'HtmlOutput.setHeight': 1,
      'HtmlOutput.setTitle': 1,
      'HtmlOutput.setWidth': 1,
      'HtmlService.createHtmlOutput': 1,
      'MailApp.getRemainingDailyQuota': 1,
      'Spreadsheet.getId': 1,
      'Spreadsheet.toast': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'SpreadsheetApp.getUi': 1,
      'Spreadsheets.get': 3,
      'Ui.showModalDialog': 1,
    });
  });

  it('says every coming day fits for a small campaign, and marks none', () => {
    const { page } = dashboardAt(3, 100);
    expect(page).toContain(
      '<p class="empty">Không ngày nào sắp tới vượt hạn mức 95 người nhận mỗi ngày: thư sẽ được gửi đúng ngày.</p>',
    );
    expect(page).toContain('<tr><td>31/03/2023</td><td class="number">3</td>');
    expect(page).not.toContain('class="overflow"');
    expect(page).not.toContain('Cảnh báo');
  });

  it('counts a quota below the reserve as none left: every coming day overflows', () => {
    const { page } = dashboardAt(3, 4);
    expect(page).toContain(
      'Hạn mức: 0 người nhận mỗi ngày (hạn mức MailApp còn lại hôm nay là 4, trừ 5 dự trữ',
    );
    expect(page).toContain('<tr class="overflow"><td>03/04/2023</td>');
  });
});
