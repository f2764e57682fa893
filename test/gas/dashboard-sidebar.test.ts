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
import { globalsOf, makeGasFakes } from './gas-world';

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
