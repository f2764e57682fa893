// How every menu item ends: the officer always learns what happened, in Vietnamese. A failure is
// shown as a sentence, not a stack trace, and written to the execution log (Stackdriver) for the
// IT person; menu runs do not rethrow, because the officer has already been told.
import { NewYearError } from '../domain/new-year';
import { InputError } from '../domain/problems';
import { MENU_TITLE } from './menu';

/** What a menu job tells the officer when it is done. */
export interface MenuOutcome {
  readonly message: string;
  /** A dialog that stays until closed (long lists); otherwise a toast in the corner. */
  readonly dialog?: boolean;
}

/** Where the outcome is shown: `GasServices.menuSurface` in Apps Script. */
export interface MenuSurface {
  readonly ui: Pick<GoogleAppsScript.Base.Ui, 'alert' | 'ButtonSet'>;
  readonly spreadsheet: Pick<GoogleAppsScript.Spreadsheet.Spreadsheet, 'toast'>;
  readonly log: (message: string, error: unknown) => void;
}

// Apps Script's own wording when the script lock could not be taken in time.
const LOCK_TIMEOUT = /lock timeout|timed out waiting for lock/i;

export function failureMessage(label: string, error: unknown): string {
  if (error instanceof InputError) {
    return `Không thể thực hiện «${label}» vì bảng tính có chỗ chưa đúng:\n${error.message}`;
  }
  if (error instanceof NewYearError) return `Không thể thực hiện «${label}»: ${error.message}`;
  const detail = error instanceof Error ? error.message : String(error);
  if (LOCK_TIMEOUT.test(detail)) {
    return `«${label}» chưa chạy được vì một tác vụ khác đang cập nhật bảng tính. Vui lòng thử lại sau ít phút.`;
  }
  return (
    `«${label}» gặp lỗi ngoài dự kiến và đã dừng; dữ liệu đã nhập không bị mất.\n` +
    `Chi tiết: ${detail}\n` +
    'Nếu lỗi lặp lại, vui lòng báo người phụ trách kỹ thuật (chi tiết có trong mục Executions của Apps Script).'
  );
}

export function runMenuAction(surface: MenuSurface, label: string, action: () => MenuOutcome): void {
  let outcome: MenuOutcome;
  try {
    outcome = action();
  } catch (error) {
    surface.log(`Menu «${label}» failed`, error);
    surface.ui.alert(`${MENU_TITLE} — ${label}`, failureMessage(label, error), surface.ui.ButtonSet.OK);
    return;
  }
  if (outcome.dialog) {
    surface.ui.alert(`${MENU_TITLE} — ${label}`, outcome.message, surface.ui.ButtonSet.OK);
  } else {
    surface.spreadsheet.toast(outcome.message, `${MENU_TITLE} — ${label}`, 10);
  }
}
