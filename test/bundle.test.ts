// Proves that what clasp pushes can run in Apps Script: dist/Code.js is one classic script whose
// entry points are top-level functions, it loads with Apps Script's globals and none of Node's,
// onOpen builds the menu from functions that exist, and the entry points run over the fakes as
// globals (so `appsScriptServices()` must pass every service a handler uses).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

import * as main from '../src/gas/main';
import { MENU_ITEMS } from '../src/gas/menu';
import { createAppsScriptSandbox, type AppsScriptSandbox } from './fakes/gas-globals';
import { PLACEHOLDER_CONTACT } from '../src/domain/defaults';
import { goodPlanAnswers, makeGasWorld } from './gas/gas-world';

const projectRoot = path.resolve(__dirname, '..');
const codePath = path.join(projectRoot, 'dist', 'Code.js');
// Apps Script parses the whole file on every trigger run; `npm run bench` measures that load. The
// budget is kept unminified so a stack trace in Executions points at readable code. 480 KB since
// the long jobs resume through a continuation trigger (about 9 KB of checkpoints and triggers),
// «Tạo đợt mới» and the City report's content widths (about 18 KB), the specialists' digests, the
// changes between versions and the audit rows (about 27 KB). 540 KB since the rebuild reads the
// response sheets, the plain SpreadsheetApp adapter writes only what changed with retries, the
// dashboard's mail forecast and setup's audit row (about 22 KB together).
const maxBundleBytes = 540 * 1024;
const nodeOnlyGlobals = [
  'require',
  'module',
  'exports',
  'process',
  'URL',
  'setTimeout',
  'TextEncoder',
  'fetch',
  'Buffer',
];
const entryNames = Object.keys(main);

let code: string;

function loadBundle(): AppsScriptSandbox {
  const sandbox = createAppsScriptSandbox();
  vm.runInContext(code, sandbox.context, { filename: 'Code.js' });
  return sandbox;
}

function isTopLevelFunction(source: string, name: string): boolean {
  // esbuild indents everything inside the IIFE, so a declaration at column 0 is top level.
  return new RegExp(`^function ${name}\\(`, 'm').test(source);
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: projectRoot, stdio: 'pipe' });
  code = readFileSync(codePath, 'utf8');
});

describe('dist/ as clasp pushes it', () => {
  it('holds no module syntax: no import, export or require', () => {
    expect(code).not.toMatch(/^\s*import[\s{*'"]/m);
    expect(code).not.toMatch(/^\s*export[\s{*]/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(() => new vm.Script(code)).not.toThrow();
  });

  it('ships appsscript.json unchanged', () => {
    expect(readFileSync(path.join(projectRoot, 'dist', 'appsscript.json'), 'utf8')).toBe(
      readFileSync(path.join(projectRoot, 'appsscript.json'), 'utf8'),
    );
  });

  it(`stays under ${maxBundleBytes / 1024} KB`, () => {
    expect(Buffer.byteLength(code, 'utf8')).toBeLessThan(maxBundleBytes);
  });
});

describe('dist/Code.js loaded with Apps Script globals only', () => {
  it.each(nodeOnlyGlobals)('has no %s', (name) => {
    const { context } = loadBundle();
    expect(vm.runInContext(`typeof ${name}`, context)).toBe('undefined');
  });

  it('finds main.ts exports to check', () => {
    expect(entryNames).toEqual(expect.arrayContaining(['onOpen', ...MENU_ITEMS.map((item) => item.handler)]));
  });

  it.each(entryNames)('exposes %s as a top-level function', (name) => {
    const { context } = loadBundle();
    expect(typeof context[name]).toBe('function');
    expect(isTopLevelFunction(code, name)).toBe(true);
  });

  it('passes every argument through to the bundled function', () => {
    const { context } = loadBundle();
    const received: unknown[][] = [];
    context.hannop = { onOpen: (...args: unknown[]) => received.push(args) };
    vm.runInContext('onOpen({ authMode: "LIMITED" }, 2, "ba")', context);
    expect(received).toEqual([[{ authMode: 'LIMITED' }, 2, 'ba']]);
  });

  it('onOpen installs the "Hạn nộp" menu with its ten items, each bound to a top-level function', () => {
    const { context, menus } = loadBundle();
    vm.runInContext('onOpen({ authMode: "LIMITED" })', context);

    expect(menus).toHaveLength(1);
    expect(menus[0]?.title).toBe('Hạn nộp');
    expect(menus[0]?.items.map((item) => item.label)).toEqual([
      'Thiết lập ban đầu',
      'Cập nhật biểu mẫu',
      'Xử lý lại toàn bộ',
      'Tổng hợp ngay',
      'Xem trước thư nhắc',
      'Gửi thư nhắc ngay',
      'Bảng điều khiển',
      'Xuất báo cáo',
      'Kiểm tra cấu hình',
      'Tạo đợt mới',
    ]);
    for (const { functionName } of menus[0]?.items ?? []) {
      expect(typeof context[functionName]).toBe('function');
      expect(isTopLevelFunction(code, functionName)).toBe(true);
    }
  });
});

describe('the built entry points, with the Apps Script fakes as globals', () => {
  function loadWithWorld(options: { advancedSheets?: boolean } = {}) {
    const world = makeGasWorld();
    // Without the Advanced Sheets service in the manifest, Apps Script has no `Sheets` global at all.
    const { Sheets, ...withoutSheets } = world.globals;
    const globals = options.advancedSheets === false ? withoutSheets : { ...withoutSheets, Sheets };
    // The bundle's Date is the built-in the fakes know (one realm), as it is in Apps Script.
    const sandbox = createAppsScriptSandbox({ ...globals, Date });
    vm.runInContext(code, sandbox.context, { filename: 'Code.js' });
    world.scriptApp.bindHandlers(sandbox.context as Record<string, unknown>);
    return { world, sandbox };
  }

  it('onFormSubmitPlan registers a response once and sends its receipt; a repeated event does nothing', () => {
    const { world, sandbox } = loadWithWorld();
    const response = world.formApp.respond(world.form('plan'), {
      email: 'mnhm@truong.example.edu.vn',
      at: new Date(),
      answers: goodPlanAnswers(world.units[0]!),
    });
    world.scriptApp.fireFormSubmit(world.formIds.plan, { response });
    world.scriptApp.fireFormSubmit(world.formIds.plan, { response });
    // Written through the Advanced Sheets service, which the manifest enables.
    expect(world.advancedSheets.calls.count('Spreadsheets.batchUpdate')).toBe(1);
    const register = world.table('Bài nộp');
    expect(register?.rows.map((row) => row[0])).toEqual([response.getId()]);
    expect(world.mailApp.sent).toHaveLength(1);
    // One audit row for the one submission; the repeated event adds nothing, not even a row.
    expect(world.table('Nhật ký')?.rows.map((row) => row.slice(1))).toEqual([
      [
        'Thông tin',
        'Nhận bài nộp',
        'Đã đọc 1 phản hồi; ghi 1 lần nộp vào «Bài nộp»; thư: 1 đã gửi, 0 chờ gửi, 0 lỗi.',
      ],
    ]);
    expect(sandbox.logs).toEqual([]);
  });

  it('onFormSubmitPlan works through SpreadsheetApp when the Advanced Sheets service is not enabled', () => {
    const { world, sandbox } = loadWithWorld({ advancedSheets: false });
    const response = world.formApp.respond(world.form('plan'), {
      email: 'mnhm@truong.example.edu.vn',
      at: new Date(),
      answers: goodPlanAnswers(world.units[0]!),
    });
    world.scriptApp.fireFormSubmit(world.formIds.plan, { response });
    expect(world.advancedSheets.calls.total).toBe(0);
    expect(world.table('Bài nộp')?.rows.map((row) => row[0])).toEqual([response.getId()]);
    expect(world.mailApp.sent).toHaveLength(1);
    expect(sandbox.logs).toEqual([]);
  });

  it('menuCheckConfig shows its dialog and menuDashboard opens the page and says so in a toast', () => {
    const { world, sandbox } = loadWithWorld();
    // `Cấu hình` as setup writes it: the example contact, which the check names.
    world.sheets.spreadsheet
      .getSheetByName('Cấu hình')
      ?.getRange(5, 2, 3, 1)
      .setValues([[PLACEHOLDER_CONTACT.name], [PLACEHOLDER_CONTACT.email], [PLACEHOLDER_CONTACT.phone]]);
    vm.runInContext('menuCheckConfig()', sandbox.context);
    expect(world.sheets.ui.alerts).toHaveLength(1);
    expect(world.sheets.ui.alerts[0]?.title).toBe('Hạn nộp — Kiểm tra cấu hình');
    // Both forms are found through FormApp, linked and open. The example contact is an error before
    // any mail goes out; and the fixture's Sunday deadline.
    expect(world.sheets.ui.alerts[0]?.prompt).toBe(
      [
        'Phát hiện 3 lỗi và 1 cảnh báo.',
        '',
        'Lỗi (cần sửa để hệ thống chạy đúng):',
        '• «Cấu hình», dòng 5, cột «Giá trị»: «Người phụ trách» vẫn là thông tin mẫu «Nguyễn Văn Phụ Trách»; ' +
          'thay bằng người phụ trách thật trước khi gửi thư.',
        '• «Cấu hình», dòng 6, cột «Giá trị»: «Email người phụ trách» vẫn là thông tin mẫu ' +
          '«phutrach@pgd.example.edu.vn»; thay bằng người phụ trách thật trước khi gửi thư.',
        '• «Cấu hình», dòng 7, cột «Giá trị»: «Điện thoại người phụ trách» vẫn là thông tin mẫu «028 0000 0000»; ' +
          'thay bằng người phụ trách thật trước khi gửi thư.',
        '',
        'Cảnh báo (hệ thống vẫn chạy, nhưng nên xem lại):',
        '• «Kỳ nộp», dòng 3, cột «Hạn nộp»: kỳ «BC6T-2023»: ngày cuối còn đúng hạn 30/04/2023 ' +
          '(trước ngày 01/05/2023) rơi vào Chủ nhật; nên xem lại hạn nộp.',
      ].join('\n'),
    );

    vm.runInContext('menuDashboard()', sandbox.context);
    expect(world.sheets.spreadsheet.toasts.map((toast) => [toast.message, toast.title])).toEqual([
      ['Đã mở bảng điều khiển.', 'Hạn nộp — Bảng điều khiển'],
    ]);
    expect(world.sheets.ui.dialogs).toHaveLength(1);
    expect(world.sheets.ui.dialogs[0]?.title).toBe('Bảng điều khiển');
    expect(world.htmlService.outputs[0]?.getContent()).toContain('<html lang="vi">');
    expect(sandbox.logs).toEqual([]);
  });

  it('menuSetup adds the missing sheets, keeps the forms and triggers there, and says so in its dialog', () => {
    const { world, sandbox } = loadWithWorld();
    const triggers = world.scriptApp.getProjectTriggers().map((trigger) => trigger.getUniqueId());
    vm.runInContext('menuSetup()', sandbox.context);
    expect(world.sheets.ui.alerts.map((alert) => alert.title)).toEqual(['Hạn nộp — Thiết lập ban đầu']);
    const lines = world.sheets.ui.alerts[0]?.prompt.split('\n') ?? [];
    expect(lines.slice(0, 2)).toEqual(['Đã tạo:', '• trang «Bài nộp»']);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Đã có sẵn:',
        '• biểu mẫu «Kế hoạch thực hiện công tác dân vận của chính quyền năm 2023»',
        '• trình kích hoạt «chạy hằng ngày»',
      ]),
    );
    expect(world.formApp.allForms()).toHaveLength(2);
    expect(world.scriptApp.getProjectTriggers().map((trigger) => trigger.getUniqueId())).toEqual(triggers);
    expect(world.lockService.statistics.acquisitions).toBe(1);
    expect(sandbox.logs).toEqual([]);
  });

  it('onDailyRun and onEditReview run', () => {
    const { world, sandbox } = loadWithWorld();
    expect(() => vm.runInContext('onDailyRun({ triggerUid: "1" })', sandbox.context)).not.toThrow();
    expect(world.table('Tổng hợp')?.rows).toHaveLength(3);
    const units = world.sheets.spreadsheet.getSheetByName('Đơn vị');
    world.sheets.calls.reset();
    sandbox.context.editEvent = { range: units?.getRange(2, 2) };
    vm.runInContext('onEditReview(editEvent)', sandbox.context);
    expect(world.sheets.calls.count('getValues')).toBe(0);
  });
});
