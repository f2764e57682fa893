// The 2023 Thủ Đức campaign as docs/forms.md gives it: what `hannop init` and the setup write into a
// new workbook. Everything here is data the department edits afterwards; nothing reads it later.
import { CONFIG_KEY, PERIOD_COLUMNS } from './layout';
import type { CellValue } from './table';

/**
 * The example contact `init` and setup write: an address nobody reads and a phone nobody answers.
 * The configuration check calls them errors and real mail (SMTP, MailApp) is refused while any
 * of them stands; the outbox still works, for trying the system out.
 */
export const PLACEHOLDER_CONTACT = {
  name: 'Nguyễn Văn Phụ Trách',
  email: 'phutrach@pgd.example.edu.vn',
  phone: '028 0000 0000',
} as const;

export const DEFAULT_CONFIG_ROWS: readonly { key: string; value: string | number; note: string }[] = [
  {
    key: CONFIG_KEY.agencyName,
    value: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
    note: 'Tên cơ quan ghi trong biểu mẫu, thư và báo cáo.',
  },
  {
    key: CONFIG_KEY.planName,
    value: 'thực hiện công tác dân vận của chính quyền năm 2023',
    note: 'Ghép sau «Kế hoạch» / «Báo cáo» thành tên biểu mẫu.',
  },
  { key: CONFIG_KEY.year, value: 2023, note: 'Năm của đợt thu.' },
  {
    key: CONFIG_KEY.contactName,
    value: PLACEHOLDER_CONTACT.name,
    note: 'Người trả lời thắc mắc của đơn vị.',
  },
  {
    key: CONFIG_KEY.contactEmail,
    value: PLACEHOLDER_CONTACT.email,
    note: 'Địa chỉ nhận thư trả lời (reply-to).',
  },
  { key: CONFIG_KEY.contactPhone, value: PLACEHOLDER_CONTACT.phone, note: '' },
  {
    key: CONFIG_KEY.digestEmails,
    value: PLACEHOLDER_CONTACT.email,
    note: 'Nhiều địa chỉ cách nhau bởi dấu chấm phẩy.',
  },
  { key: CONFIG_KEY.dailyMailHour, value: 7, note: 'Giờ (0–23, giờ Việt Nam) gửi thư nhắc hằng ngày.' },
  { key: CONFIG_KEY.mailQuotaReserve, value: 5, note: 'Số thư trong hạn mức ngày để dành cho việc khác.' },
  {
    key: CONFIG_KEY.identityCheck,
    value: 'Email hoặc mã xác nhận',
    note: 'Email hoặc mã xác nhận / Email / Mã xác nhận / Tắt.',
  },
  {
    key: CONFIG_KEY.requireSignIn,
    value: 'không',
    note:
      'có: chỉ người đăng nhập tài khoản cùng miền Google Workspace của Phòng mới trả lời được biểu mẫu ' +
      '(chỉ dùng được với tài khoản Workspace); không: ai có đường dẫn cũng trả lời được.',
  },
];

export const DEFAULT_PERIOD_ROWS: readonly Readonly<Record<string, CellValue>>[] = [
  {
    [PERIOD_COLUMNS.id]: 'KH-2023',
    [PERIOD_COLUMNS.name]: 'Kế hoạch năm 2023',
    [PERIOD_COLUMNS.form]: 'Kế hoạch',
    [PERIOD_COLUMNS.opensOn]: '14/03/2023',
    [PERIOD_COLUMNS.writtenDueDate]: '31/03/2023',
    [PERIOD_COLUMNS.deadlineRule]: 'trước ngày',
    [PERIOD_COLUMNS.graceDays]: 0,
    [PERIOD_COLUMNS.remindBeforeDays]: '7, 3, 1',
    [PERIOD_COLUMNS.remindAfterDays]: '1, 3, 7, 14',
  },
  {
    [PERIOD_COLUMNS.id]: 'BC6T-2023',
    [PERIOD_COLUMNS.name]: 'Báo cáo 6 tháng đầu năm 2023',
    [PERIOD_COLUMNS.form]: 'Báo cáo',
    [PERIOD_COLUMNS.opensOn]: '01/04/2023',
    [PERIOD_COLUMNS.writtenDueDate]: '01/05/2023',
    [PERIOD_COLUMNS.deadlineRule]: 'trước ngày',
    [PERIOD_COLUMNS.graceDays]: 0,
    [PERIOD_COLUMNS.remindBeforeDays]: '7, 3, 1',
    [PERIOD_COLUMNS.remindAfterDays]: '1, 3, 7, 14',
  },
  {
    [PERIOD_COLUMNS.id]: 'BCN-2023',
    [PERIOD_COLUMNS.name]: 'Báo cáo năm 2023',
    [PERIOD_COLUMNS.form]: 'Báo cáo',
    [PERIOD_COLUMNS.opensOn]: '01/10/2023',
    [PERIOD_COLUMNS.writtenDueDate]: '01/11/2023',
    [PERIOD_COLUMNS.deadlineRule]: 'trước ngày',
    [PERIOD_COLUMNS.graceDays]: 0,
    [PERIOD_COLUMNS.remindBeforeDays]: '7, 3, 1',
    [PERIOD_COLUMNS.remindAfterDays]: '1, 3, 7, 14',
  },
];

/** The `Cấu hình` keys whose value is still the example contact, in the sheet's order. */
export function placeholderContactKeys(config: {
  readonly contactName: string;
  readonly contactEmail: string;
  readonly contactPhone: string;
  readonly digestEmails: readonly string[];
}): string[] {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.toLowerCase();
  const keys: (string | null)[] = [
    same(config.contactName, PLACEHOLDER_CONTACT.name) ? CONFIG_KEY.contactName : null,
    same(config.contactEmail, PLACEHOLDER_CONTACT.email) ? CONFIG_KEY.contactEmail : null,
    same(config.contactPhone, PLACEHOLDER_CONTACT.phone) ? CONFIG_KEY.contactPhone : null,
    config.digestEmails.some((email) => same(email, PLACEHOLDER_CONTACT.email))
      ? CONFIG_KEY.digestEmails
      : null,
  ];
  return keys.filter((key): key is string => key !== null);
}

function placeholderContactReason(keys: readonly string[]): string {
  return `Chưa gửi thư thật: trang «Cấu hình» còn thông tin liên hệ mẫu ở ${keys.map((key) => `«${key}»`).join(', ')}.`;
}

/** Why real mail is refused while the example contact stands (Vietnamese, names the keys). */
export function placeholderContactRefusal(keys: readonly string[]): string {
  return (
    `${placeholderContactReason(keys)} ` +
    'Thay bằng người phụ trách thật rồi chạy lại (thư vào thư mục --outbox vẫn chạy được để thử).'
  );
}

/** The same refusal where mail goes through MailApp: what is due waits, nothing is lost. */
export function placeholderContactMailAppRefusal(keys: readonly string[]): string {
  return (
    `${placeholderContactReason(keys)} ` +
    'Thay bằng người phụ trách thật; các thư đến hạn chờ và được gửi ở lần chạy sau.'
  );
}
