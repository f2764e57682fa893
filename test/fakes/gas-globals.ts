// A node:vm context that holds only what an Apps Script file sees at load time: the JavaScript
// built-ins and a few service stubs, and none of Node's globals (require, process, setTimeout,
// URL, TextEncoder, fetch, Buffer...). Enough to load dist/Code.js and open the menu; the full
// SpreadsheetApp fake lives in spreadsheet-app.ts.

import vm from 'node:vm';

export interface RecordedMenu {
  readonly title: string;
  readonly items: readonly { readonly label: string; readonly functionName: string }[];
}

export interface RecordedToast {
  readonly message: string;
  readonly title: string | undefined;
  readonly timeoutSeconds: number | undefined;
}

export interface AppsScriptSandbox {
  readonly context: vm.Context;
  /** Menus in the order `addToUi()` was called. */
  readonly menus: RecordedMenu[];
  readonly toasts: RecordedToast[];
  /** Lines written through Logger.log and console.*. */
  readonly logs: string[];
}

function requireText(value: unknown, what: string): string {
  // The real Ui rejects a missing caption or function name when the menu is built.
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`Invalid argument: ${what}`);
  return value;
}

/** Builds a fresh sandbox; `extraGlobals` adds or replaces globals (e.g. a fuller service fake). */
export function createAppsScriptSandbox(extraGlobals: Record<string, unknown> = {}): AppsScriptSandbox {
  const menus: RecordedMenu[] = [];
  const toasts: RecordedToast[] = [];
  const logs: string[] = [];
  const log = (...parts: unknown[]): void => {
    logs.push(parts.map(String).join(' '));
  };

  const ui = {
    createMenu(caption: unknown) {
      const title = requireText(caption, 'caption');
      const items: { label: string; functionName: string }[] = [];
      const menu = {
        addItem(label: unknown, functionName: unknown) {
          items.push({
            label: requireText(label, 'caption'),
            functionName: requireText(functionName, 'functionName'),
          });
          return menu;
        },
        addSeparator() {
          return menu;
        },
        addToUi() {
          menus.push({ title, items: [...items] });
        },
      };
      return menu;
    },
  };
  const spreadsheet = {
    toast(message: unknown, title?: unknown, timeoutSeconds?: unknown) {
      toasts.push({
        message: String(message),
        title: title === undefined ? undefined : String(title),
        timeoutSeconds: timeoutSeconds === undefined ? undefined : Number(timeoutSeconds),
      });
    },
  };

  const context = vm.createContext({
    SpreadsheetApp: { getUi: () => ui, getActiveSpreadsheet: () => spreadsheet },
    Logger: { log },
    console: { log, info: log, warn: log, error: log },
    Session: {
      getScriptTimeZone: () => 'Asia/Ho_Chi_Minh',
      getActiveUser: () => ({ getEmail: () => '' }),
    },
    ...extraGlobals,
  });
  return { context, menus, toasts, logs };
}
