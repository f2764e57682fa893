// What the command line accepts, as data: the usage lines (the help text) and the option types.
// The options each command accepts are read from its usage lines, so the help and the checks can
// never disagree. A new command adds its line(s) to USAGE_LINES and its new options to OPTIONS
// (docs/decisions.md, "Adding a command").
import { UsageError } from './cli-errors';

const TITLE = 'hannop — thu, kiểm tra, tổng hợp và nhắc hạn kế hoạch, báo cáo của các đơn vị';

/** One entry per usage line of a command (continuation lines indented); a command may have several. */
export const USAGE_LINES: readonly string[] = [
  'hannop init   --workbook FILE [--units UNITS.csv] [--demo]',
  'hannop import --workbook FILE --form ke-hoach|bao-cao --csv FILE',
  `hannop run    --workbook FILE [--as-of YYYY-MM-DD[THH:mm]] [--outbox DIR | --smtp URL | --smtp-file FILE]
              [--max-mail N] [--dry-run] [--json]`,
  `hannop run    --spreadsheet ID --credentials KEY.json [--smtp URL | --smtp-file FILE] [--max-mail N]
              [--dry-run] [--json]
              (trên Google Sheet qua Sheets API; không có --smtp thì chỉ chạy thử;
              địa chỉ SMTP cũng đọc được từ biến môi trường HANNOP_SMTP_URL)`,
  'hannop status --workbook FILE [--as-of YYYY-MM-DD[THH:mm]] [--json]',
  `hannop report --workbook FILE [--as-of YYYY-MM-DD[THH:mm]] [--period ID] --html FILE [--max-mail N] | --docx FILE
              (--max-mail: bảng điều khiển so dự báo thư những ngày tới với N người nhận mỗi ngày)`,
  `hannop check  --workbook FILE [--max-mail N]
              (kiểm tra cấu hình: mọi lỗi cùng lúc; có lỗi thì mã thoát 1;
              --max-mail: so dự báo thư mỗi ngày với N người nhận)`,
  `hannop recheck --workbook FILE [--as-of YYYY-MM-DD[THH:mm]]
              (xử lý lại mọi phản hồi theo danh sách đơn vị và biểu mẫu hiện tại, giữ các đánh giá)`,
  `hannop codes  --workbook FILE
              (tạo mã xác nhận còn thiếu của đơn vị)`,
  `hannop links  --workbook FILE --csv FILE [--as-of YYYY-MM-DD[THH:mm]]
              (mã và đường dẫn điền sẵn của từng đơn vị, mỗi kỳ đang mở)`,
  `hannop new-year --workbook FILE --year YYYY [--agency TÊN]
              (sang năm mới: lưu dữ liệu năm cũ vào FILE-<năm cũ>.xlsx, dời các kỳ nộp sang năm mới)`,
  `hannop demo   [--workbook FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--reset] [--outbox DIR]
              (npm start: chạy đợt thu mẫu từng ngày trên data/demo.xlsx, thư vào data/outbox/)`,
];

/** Options every command accepts (and `hannop` alone). */
const GENERAL = `  hannop --help | --version`;

/** The types of all options, for node:util parseArgs; no defaults, so a value present was given. */
export const OPTIONS = {
  workbook: { type: 'string' },
  units: { type: 'string' },
  form: { type: 'string' },
  csv: { type: 'string' },
  demo: { type: 'boolean' },
  'as-of': { type: 'string' },
  json: { type: 'boolean' },
  outbox: { type: 'string' },
  smtp: { type: 'string' },
  'smtp-file': { type: 'string' },
  'max-mail': { type: 'string' },
  'dry-run': { type: 'boolean' },
  spreadsheet: { type: 'string' },
  credentials: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  reset: { type: 'boolean' },
  period: { type: 'string' },
  docx: { type: 'string' },
  html: { type: 'string' },
  year: { type: 'string' },
  agency: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

const GENERAL_OPTIONS: readonly string[] = ['help', 'version'];

function indent(line: string): string {
  return line
    .split('\n')
    .map((part) => `  ${part}`)
    .join('\n');
}

/** The whole help text, as `hannop --help` prints it. */
export const USAGE = `${TITLE}\n\n${USAGE_LINES.map(indent).join('\n')}\n${GENERAL}\n`;

function commandOf(line: string): string {
  return /^hannop (\S+)/.exec(line)?.[1] ?? '';
}

/** The commands, in the order of the help. */
export const COMMANDS: readonly string[] = [...new Set(USAGE_LINES.map(commandOf))];

/** The usage line(s) of one command, as the help shows them. */
export function usageOf(command: string): string {
  return USAGE_LINES.filter((line) => commandOf(line) === command)
    .map(indent)
    .join('\n');
}

/** The options a command accepts: those its usage lines name, and --help / --version. */
export function optionsOf(command: string): ReadonlySet<string> {
  const names = USAGE_LINES.filter((line) => commandOf(line) === command).flatMap((line) =>
    [...line.matchAll(/--([a-z][a-z-]*)/g)].map((match) => match[1] ?? ''),
  );
  return new Set([...names, ...GENERAL_OPTIONS]);
}

/** A usage error followed by the usage of the command it concerns (or a pointer to --help). */
export function usageError(message: string, command: string | undefined): UsageError {
  const usage = command !== undefined && COMMANDS.includes(command) ? usageOf(command) : '';
  return new UsageError(
    usage === '' ? `${message}\nXem «hannop --help».` : `${message}\nCách dùng:\n${usage}`,
  );
}
