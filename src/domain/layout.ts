// The workbook contract: sheet titles and column headers, in Vietnamese because the department
// reads them. Code finds columns by these titles (see table.ts), never by position.

export const SHEET = {
  config: 'Cấu hình',
  units: 'Đơn vị',
  periods: 'Kỳ nộp',
  planResponses: 'Phản hồi Kế hoạch',
  reportResponses: 'Phản hồi Báo cáo',
  submissions: 'Bài nộp',
  summary: 'Tổng hợp',
  statistics: 'Thống kê',
  figures: 'Số liệu',
  mailLog: 'Nhật ký thư',
  eventLog: 'Nhật ký',
  holidays: 'Ngày nghỉ',
  /** Optional: a later due day granted to one unit for one period (see extensions.ts). */
  extensions: 'Gia hạn',
  /** Optional: who follows which school level or ownership; routes the daily digest (see specialists.ts). */
  specialists: 'Phụ trách',
  /** The forms' facts (id, address, entry of each pre-filled question), written by setup. */
  forms: 'Biểu mẫu',
  /** Each expected unit's code and pre-filled link per open period, to send by other channels. */
  unitLinks: 'Đường dẫn đơn vị',
} as const;

export const CONFIG_COLUMNS = { key: 'Khóa', value: 'Giá trị', note: 'Ghi chú' } as const;

export const CONFIG_KEY = {
  agencyName: 'Tên cơ quan',
  planName: 'Tên kế hoạch',
  year: 'Năm',
  contactName: 'Người phụ trách',
  contactEmail: 'Email người phụ trách',
  contactPhone: 'Điện thoại người phụ trách',
  digestEmails: 'Email nhận thư tổng hợp',
  dailyMailHour: 'Giờ gửi thư hằng ngày',
  mailQuotaReserve: 'Dự trữ hạn mức thư',
  identityCheck: 'Kiểm tra người nộp',
  requireSignIn: 'Yêu cầu đăng nhập Google',
  /** Optional: a unit overdue for more than this many days is named in red in its specialist's digest. */
  escalateAfterDays: 'Báo cấp trên sau (ngày)',
  /** Optional: `đã nộp hợp lệ` (default) or `đã duyệt`: which versions `Số liệu` and the City report count. */
  figuresBasis: 'Số liệu tính bài',
} as const;

export const UNIT_COLUMNS = {
  code: 'Mã đơn vị',
  name: 'Tên đơn vị',
  level: 'Cấp học',
  ownership: 'Loại hình',
  ward: 'Phường/Xã',
  emails: 'Email',
  head: 'Thủ trưởng',
  phone: 'Điện thoại',
  isActive: 'Đang hoạt động',
  confirmationCode: 'Mã xác nhận',
  /** Optional: a unit added mid-campaign is expected only for periods due after this day. */
  activeFrom: 'Từ ngày',
} as const;

export const PERIOD_COLUMNS = {
  id: 'Mã kỳ',
  name: 'Tên kỳ',
  form: 'Biểu mẫu',
  opensOn: 'Mở nhận',
  writtenDueDate: 'Hạn nộp',
  deadlineRule: 'Cách tính hạn',
  graceDays: 'Ân hạn (ngày)',
  remindBeforeDays: 'Nhắc trước hạn (ngày)',
  remindAfterDays: 'Nhắc sau hạn (ngày)',
  /** Optional: after the end of this day a new response is held as `Nộp sau khóa`. */
  closesOn: 'Khóa nhận',
} as const;

/** `Gia hạn`: `Hạn mới` is read «đến hết ngày» (due by the end of that day). */
export const EXTENSION_COLUMNS = {
  unitCode: 'Mã đơn vị',
  periodId: 'Mã kỳ',
  newDueDate: 'Hạn mới',
  reason: 'Lý do',
  approvedBy: 'Người duyệt',
} as const;

/** `Phụ trách`: a row names a level (`Cấp học`), an ownership (`Loại hình`) or both, and who follows it. */
export const SPECIALIST_COLUMNS = {
  level: 'Cấp học',
  ownership: 'Loại hình',
  name: 'Họ tên',
  email: 'Email',
} as const;

/** `Phụ trách` as read: either of `Cấp học` and `Loại hình` may be left out of the sheet. */
export const SPECIALIST_READ = {
  required: [SPECIALIST_COLUMNS.name, SPECIALIST_COLUMNS.email],
  optional: [SPECIALIST_COLUMNS.level, SPECIALIST_COLUMNS.ownership],
};

/** Optional sheet: days off (public holidays, school breaks) that a due date should not fall on. */
export const HOLIDAY_COLUMNS = { date: 'Ngày', reason: 'Lý do' } as const;

export const RESPONSE_FIXED_COLUMNS = { timestamp: 'Dấu thời gian', email: 'Địa chỉ email' } as const;

export const SUBMISSION_COLUMNS = {
  responseId: 'Mã phản hồi',
  submittedAt: 'Thời điểm nộp',
  periodId: 'Mã kỳ',
  unitCode: 'Mã đơn vị',
  unitName: 'Tên đơn vị',
  submitterEmail: 'Email người nộp',
  version: 'Lần nộp',
  outcome: 'Kết quả kiểm tra',
  problems: 'Lỗi cần sửa',
  timeliness: 'Đúng hạn',
  editLink: 'Liên kết sửa',
  /** When a version of the response was first accepted (kept if a later edit is rejected). */
  acceptedAt: 'Thời điểm hợp lệ',
  /** When the newest version arrived (Forms overwrites its timestamp on edit). */
  lastVersionAt: 'Cập nhật lần cuối',
  /** The typed answers of the accepted version, as JSON, so `Số liệu` can always be rebuilt. */
  acceptedAnswers: 'Nội dung hợp lệ',
  /** What this version changed from the unit's version before: one question a line, old → new. */
  changes: 'Thay đổi so với lần trước',
  /** What the system says of the row: a review it could not apply, a processing error. */
  systemNote: 'Ghi chú xử lý',
  review: 'Đánh giá',
  reviewNote: 'Ghi chú đánh giá',
} as const;

export const MAIL_LOG_COLUMNS = {
  at: 'Thời điểm',
  unitCode: 'Mã đơn vị',
  /** Every period the message is about, joined by ", ". */
  periodId: 'Mã kỳ',
  kind: 'Loại thư',
  recipients: 'Người nhận',
  subject: 'Tiêu đề',
  result: 'Kết quả',
  /** The idempotency key: `unit:{Mã đơn vị}:{YYYY-MM-DD}`, `receipt:…`, `returned:…`, `digest:…`. */
  key: 'Khóa thư',
} as const;

/** `Biểu mẫu`: one row per form, what every shell needs to build a unit's pre-filled link. */
export const FORM_FACT_COLUMNS = {
  form: 'Biểu mẫu',
  formId: 'Mã biểu mẫu',
  viewUrl: 'Đường dẫn điền',
  unitEntry: 'Mục đơn vị',
  codeEntry: 'Mục mã xác nhận',
  periodEntry: 'Mục kỳ báo cáo',
} as const;

export const UNIT_LINK_COLUMNS = {
  periodId: 'Mã kỳ',
  periodName: 'Tên kỳ',
  unitCode: 'Mã đơn vị',
  unitName: 'Tên đơn vị',
  confirmationCode: 'Mã xác nhận',
  emails: 'Email',
  link: 'Đường dẫn nộp',
} as const;

export const EVENT_LOG_COLUMNS = { at: 'Thời điểm', level: 'Mức', job: 'Việc', message: 'Nội dung' } as const;

/** `Kỳ nộp` as read: `Khóa nhận` may be absent (workbooks made before it existed). */
export const PERIOD_READ = {
  required: Object.values(PERIOD_COLUMNS).filter((column) => column !== PERIOD_COLUMNS.closesOn),
  optional: [PERIOD_COLUMNS.closesOn],
};

export function columnsOf(columns: Readonly<Record<string, string>>): string[] {
  return Object.values(columns);
}
