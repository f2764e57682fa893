// Proves that what clasp pushes can run in Apps Script: dist/Code.js is one classic script whose
// entry points are top-level functions, it loads with Apps Script's globals and none of Node's,
// and onOpen builds the menu from functions that exist.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

import * as main from '../src/gas/main';
import { MENU_ITEMS, MENU_TITLE, NOT_YET_AVAILABLE_MESSAGE } from '../src/gas/menu';
import { createAppsScriptSandbox, type AppsScriptSandbox } from './fakes/gas-globals';

const projectRoot = path.resolve(__dirname, '..');
const codePath = path.join(projectRoot, 'dist', 'Code.js');
const maxBundleBytes = 300 * 1024;
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

  it('onOpen installs the "Hạn nộp" menu with its nine items, each bound to a top-level function', () => {
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
    ]);
    for (const { functionName } of menus[0]?.items ?? []) {
      expect(typeof context[functionName]).toBe('function');
      expect(isTopLevelFunction(code, functionName)).toBe(true);
    }
  });

  it('a menu item whose job is not built yet says so in a toast', () => {
    // menuExportReport is one of the jobs still to come; pick another once it exists.
    const { context, toasts } = loadBundle();
    vm.runInContext('menuExportReport()', context);
    expect(toasts).toEqual([
      { message: 'Chức năng này chưa có trong phiên bản này.', title: MENU_TITLE, timeoutSeconds: undefined },
    ]);
    expect(NOT_YET_AVAILABLE_MESSAGE).toBe('Chức năng này chưa có trong phiên bản này.');
  });
});
