// The command line (DESIGN.md, "The command line"): parses options, runs a command, maps errors
// to exit codes — 0 done, 1 the input is wrong, 2 an internal error.
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { computeStatus } from '../app/compute-status';
import { SHEET } from '../domain/layout';
import { InputError } from '../domain/problems';
import { UsageError } from './cli-errors';
import { importCommand } from './commands/import';
import { initCommand } from './commands/init';
import { playDemoCampaign } from './commands/play';
import { writeDashboardHtml } from './commands/report-html';
import { remoteRunCommand, remoteRunOptions } from './commands/remote-run';
import { runCommand } from './commands/run';
import { reportCommand, reportTarget } from './commands/report';
import {
  asOfOption,
  dayOption,
  existingWorkbookPath,
  mailTargetOption,
  maxMailOption,
  pathOption,
  requireOption,
} from './options';
import { RemoteShellError } from './remote-shell-errors';
import { renderStatusTable } from './status-table';
import { XlsxWorkbook } from './xlsx-workbook';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now: () => Date;
  readonly cwd: string;
  /** Where `run --spreadsheet` finds the Sheets API; absent: Google. Tests point it at a local server. */
  readonly sheetsApiRootUrl?: string;
}

const USAGE = `hannop — thu, kiểm tra, tổng hợp và nhắc hạn kế hoạch, báo cáo của các đơn vị

  hannop init   --workbook FILE [--units UNITS.csv] [--demo]
  hannop import --workbook FILE --form ke-hoach|bao-cao --csv FILE
  hannop run    --workbook FILE [--as-of YYYY-MM-DD[THH:mm]] [--outbox DIR | --smtp URL] [--max-mail N]
                [--dry-run] [--json]
  hannop run    --spreadsheet ID --credentials KEY.json [--smtp URL] [--max-mail N] [--dry-run] [--json]
                (trên Google Sheet qua Sheets API; không có --smtp thì chỉ chạy thử)
  hannop status --workbook FILE [--as-of YYYY-MM-DD[THH:mm]] [--json]
  hannop report --workbook FILE [--as-of YYYY-MM-DD[THH:mm]] [--period ID] --html FILE | --docx FILE
  hannop demo   [--workbook FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--reset] [--outbox DIR]
                (npm start: chạy đợt thu mẫu từng ngày trên data/demo.xlsx, thư vào data/outbox/)
`;

const OPTIONS = {
  workbook: { type: 'string' },
  units: { type: 'string' },
  form: { type: 'string' },
  csv: { type: 'string' },
  demo: { type: 'boolean', default: false },
  'as-of': { type: 'string' },
  json: { type: 'boolean', default: false },
  outbox: { type: 'string' },
  smtp: { type: 'string' },
  'max-mail': { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  spreadsheet: { type: 'string' },
  credentials: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  reset: { type: 'boolean', default: false },
  period: { type: 'string' },
  docx: { type: 'string' },
  html: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const SHEET_NAMES: ReadonlySet<string> = new Set(Object.values(SHEET));

/** Problems in the sheets of a workbook, which name the sheet: the message names the file too. */
class WorkbookInputError extends Error {
  override readonly name = 'WorkbookInputError';
  constructor(workbook: string, cause: InputError) {
    super(`Lỗi trong bảng tính «${workbook}»:\n${cause.message}`);
  }
}

async function onWorkbook<T>(workbook: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InputError && error.problems.some((problem) => SHEET_NAMES.has(problem.where))) {
      throw new WorkbookInputError(workbook, error);
    }
    throw error;
  }
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

/** `{ [name]: value }` when the value is there; nothing otherwise (exactOptionalPropertyTypes). */
function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [name]: value } as { [P in K]?: V });
}

async function run(argv: readonly string[], io: CliIo): Promise<void> {
  const { values, positionals } = parse(argv);
  const [command, ...extra] = positionals;
  if (values.help || command === undefined) {
    io.stdout(USAGE);
    return;
  }
  if (extra.length > 0) throw new UsageError(`Không hiểu «${extra.join(' ')}».\n\n${USAGE}`);
  switch (command) {
    case 'init': {
      const units = await initCommand({
        workbook: pathOption(values, 'workbook', io.cwd),
        ...(values.units ? { units: pathOption(values, 'units', io.cwd) } : {}),
        demo: values.demo,
      });
      io.stdout(`Đã tạo «${values.workbook}» với ${units.length} đơn vị.\n`);
      return;
    }
    case 'import': {
      const path = existingWorkbookPath(values, io.cwd);
      const form = requireOption(values, 'form');
      const csv = pathOption(values, 'csv', io.cwd);
      const summary = await onWorkbook(String(values.workbook), () => importCommand(path, form, csv));
      io.stdout(
        `Đã thêm ${summary.added} phản hồi vào «${values.workbook}» (${summary.alreadyThere} phản hồi đã có từ trước).\n` +
          (summary.ignoredColumns.length > 0
            ? `Bỏ qua các cột không phải câu hỏi của biểu mẫu: ${summary.ignoredColumns.map((c) => `«${c}»`).join(', ')}.\n`
            : ''),
      );
      return;
    }
    case 'run': {
      if (values.spreadsheet !== undefined) {
        const outcome = await remoteRunCommand(remoteRunOptions(values, asOfOption(values, io.now), io));
        io.stdout(values.json ? `${JSON.stringify(outcome.json, null, 2)}\n` : outcome.text);
        return;
      }
      const path = existingWorkbookPath(values, io.cwd);
      const asOf = asOfOption(values, io.now);
      const options = {
        mail: mailTargetOption(values, io.cwd, path, String(values.workbook)),
        maxMail: maxMailOption(values),
        dryRun: values['dry-run'],
      };
      const outcome = await onWorkbook(String(values.workbook), () =>
        runCommand(path, asOf, io.now, options),
      );
      io.stdout(values.json ? `${JSON.stringify(outcome.json, null, 2)}\n` : outcome.text);
      return;
    }
    case 'status': {
      const path = existingWorkbookPath(values, io.cwd);
      const asOf = asOfOption(values, io.now);
      const { board, report } = await onWorkbook(String(values.workbook), async () =>
        computeStatus(await XlsxWorkbook.open(path), asOf),
      );
      io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderStatusTable(board));
      return;
    }
    case 'demo': {
      const shown = values.workbook ?? join('data', 'demo.xlsx');
      const path = resolve(io.cwd, shown);
      const mail = mailTargetOption(values, io.cwd, path, shown);
      if (mail.kind !== 'outbox')
        throw new UsageError('hannop demo chỉ gửi thư vào thư mục (--outbox), không qua SMTP.');
      await onWorkbook(shown, () =>
        playDemoCampaign({
          workbookPath: path,
          shownPath: shown,
          outboxDirectory: mail.directory,
          shownOutbox: mail.shown,
          ...optional('from', dayOption(values, 'from')),
          ...optional('to', dayOption(values, 'to')),
          reset: values.reset,
          print: io.stdout,
          writeDashboard: async (workbookPath, asOf) => {
            const page = join(dirname(path), 'dashboard.html');
            await writeDashboardHtml(workbookPath, asOf, page);
            return join(dirname(shown), 'dashboard.html');
          },
        }),
      );
      return;
    }
    case 'report': {
      const path = existingWorkbookPath(values, io.cwd);
      const asOf = asOfOption(values, io.now);
      const target = reportTarget(values, (file) => resolve(io.cwd, file));
      const text = await onWorkbook(String(values.workbook), () =>
        reportCommand(path, asOf, values.period, target),
      );
      io.stdout(text);
      return;
    }
    default:
      throw new UsageError(`Không có lệnh «${command}».\n\n${USAGE}`);
  }
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await run(argv, io);
    return 0;
  } catch (error) {
    if (error instanceof WorkbookInputError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    if (error instanceof InputError || error instanceof UsageError || error instanceof RemoteShellError) {
      io.stderr(`Lỗi: ${error.message}\n`);
      return 1;
    }
    io.stderr(`Lỗi nội bộ: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
