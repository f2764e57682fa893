// The `Nhật ký` row of «Thiết lập ban đầu» and of `hannop init`, decided as data: what the job made
// or found, in counts, and who ran it. Setup knows the account from Apps Script (the same address
// that owns the triggers); the command line has no address and says so.
import type { AuditRow } from './audit';
import { VIETNAM_TIME_ZONE } from './time';

/** Who ran `hannop init`: the command line knows no e-mail address. */
export const COMMAND_LINE_RUNNER = 'dòng lệnh (hannop init, không có địa chỉ email)';

/** When Apps Script withholds the account's address. */
export const UNKNOWN_SETUP_RUNNER = 'không rõ (Google không cho biết tài khoản)';

export interface SetupCounts {
  readonly sheetsCreated: number;
  readonly sheetsPresent: number;
  /** Default keys appended to a `Cấu hình` that lacked them. */
  readonly configKeysAdded: number;
  /** Drop-down lists set now (setup: created or loosened; init: every one laid out). */
  readonly dropDownsSet: number;
  /** Units in `Đơn vị`, and those active; null when `Đơn vị` could not be read. */
  readonly units: { readonly total: number; readonly active: number } | null;
  readonly codesGenerated: number;
  /**
   * Forms made, changed and found as they were; null when setup could not set them up (the
   * sheets have something to fix); absent for `init`, which makes no form.
   */
  readonly forms?: { readonly created: number; readonly updated: number; readonly present: number } | null;
  /** Form facts written to `Biểu mẫu` by `init` (the demo's invented forms), absent for setup. */
  readonly exampleForms?: number;
  /** Triggers installed (new or replaced) and found right; absent for `init`. */
  readonly triggers?: { readonly installed: number; readonly present: number };
  /** The spreadsheet's time zone, when setup changed it to Vietnam's. */
  readonly timeZoneChangedFrom?: string | null;
  /** Things the officer must fix, as the job's report lists them. */
  readonly notes: number;
}

function countsText(counts: SetupCounts): string[] {
  const parts = [`tạo ${counts.sheetsCreated} trang, ${counts.sheetsPresent} trang đã có`];
  if (counts.configKeysAdded > 0) parts.push(`thêm ${counts.configKeysAdded} khóa vào «Cấu hình»`);
  parts.push(`đặt ${counts.dropDownsSet} danh sách chọn`);
  if (counts.units) {
    parts.push(`«Đơn vị» có ${counts.units.total} đơn vị (${counts.units.active} đang hoạt động)`);
  }
  parts.push(`tạo mã xác nhận cho ${counts.codesGenerated} đơn vị`);
  if (counts.forms === null) parts.push('biểu mẫu: chưa thiết lập');
  else if (counts.forms) {
    const { created, updated, present } = counts.forms;
    parts.push(`biểu mẫu: ${created} tạo mới, ${updated} cập nhật, ${present} đã có`);
  }
  if (counts.exampleForms !== undefined) {
    parts.push(
      counts.exampleForms > 0
        ? `«Biểu mẫu»: ${counts.exampleForms} biểu mẫu ví dụ`
        : '«Biểu mẫu»: chưa có (chạy «Thiết lập ban đầu» trên Google để tạo biểu mẫu)',
    );
  }
  if (counts.triggers) {
    parts.push(`trình kích hoạt: ${counts.triggers.installed} cài mới, ${counts.triggers.present} đã có`);
  }
  if (counts.timeZoneChangedFrom) {
    parts.push(`đổi múi giờ từ «${counts.timeZoneChangedFrom}» sang «${VIETNAM_TIME_ZONE}»`);
  }
  return parts;
}

/**
 * `Tạo 7 trang, 0 trang đã có; đặt 4 danh sách chọn; …; người chạy: chuyenvien@….` A row with
 * something left to fix is a `Cảnh báo`. `runBy` is the account's address, or '' when Google
 * withheld it; `init` passes COMMAND_LINE_RUNNER.
 */
export function setupAudit(at: Date, job: string, counts: SetupCounts, runBy: string): AuditRow {
  const notes =
    counts.notes > 0 ? [`${counts.notes} lưu ý cần xử lý (chạy lại «${job}» để xem từng lưu ý)`] : [];
  const text = [...countsText(counts), ...notes, `người chạy: ${runBy || UNKNOWN_SETUP_RUNNER}`].join('; ');
  return {
    at,
    level: counts.notes > 0 ? 'Cảnh báo' : 'Thông tin',
    job,
    message: `${text.charAt(0).toUpperCase()}${text.slice(1)}.`,
  };
}
