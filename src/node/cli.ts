// The command line (docs/spec.md, "The command line"): parses options, runs a command, maps errors
// to exit codes — 0 done, 1 the input is wrong, 2 an internal error.
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SHEET } from '../domain/layout';
import { NewYearError } from '../domain/new-year';
import { InputError } from '../domain/problems';
import { version } from '../../package.json';
import { ConfigCheckFailedError, MissingOptionError, UsageError } from './cli-errors';
import { COMMANDS, OPTIONS, USAGE, optionsOf, usageError } from './cli-usage';
import { maskSecrets, sharedFileWarning, smtpUrlOption } from './smtp-secret';
import {
  asOfOption,
  dayOption,
  existingWorkbookPath,
  mailTargetOption,
  maxMailOption,
  outputPath,
  pathOption,
  requireOption,
} from './options';
import { RemoteShellError } from './remote-shell-errors';
import { systemErrorMessage } from './system-errors';

// Each command's module is imported when that command runs (`import('./commands/x.js')`), so that
// `hannop --help` loads neither exceljs nor googleapis (about a second): docs/decisions.md.

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now: () => Date;
  readonly cwd: string;
  /** Where `run --spreadsheet` finds the Sheets API; absent: Google. Tests point it at a local server. */
  readonly sheetsApiRootUrl?: string;
  /** Rewrites a stack trace of the built bundle to the TypeScript lines (bin/hannop.js), for a bug report. */
  readonly mapStack?: (stack: string) => string;
  /** Where `run` finds `HANNOP_SMTP_URL`; absent: no environment (bin/hannop.js passes the real one). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

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

type OptionName = keyof typeof OPTIONS;
type OptionValues = {
  -readonly [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean;
};

function isOptionName(name: string): name is OptionName {
  return Object.prototype.hasOwnProperty.call(OPTIONS, name);
}

/**
 * The command and its options, each checked against that command's usage lines; every problem is
 * a Vietnamese sentence with the usage of the command (node:util's own messages are English).
 */
function parse(argv: readonly string[]): {
  command: string | undefined;
  extra: string[];
  values: OptionValues;
} {
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const positionals = tokens.flatMap((token) => (token.kind === 'positional' ? [token.value] : []));
  const [command, ...extra] = positionals;
  const known = command !== undefined && COMMANDS.includes(command);
  const values: Record<string, string | boolean> = {};
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const { name, rawName } = token;
    if (!isOptionName(name) || (known && !optionsOf(command).has(name))) {
      throw usageError(
        known
          ? `Lệnh «hannop ${command}» không có tùy chọn «${rawName}».`
          : `Không có tùy chọn «${rawName}».`,
        command,
      );
    }
    if (OPTIONS[name].type === 'string') {
      // `--workbook --json`: node:util takes «--json» as the file name; no one means that.
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--')))
        throw usageError(`Tùy chọn ${rawName} cần một giá trị.`, command);
      values[name] = token.value;
    } else {
      if (token.inlineValue) throw usageError(`Tùy chọn ${rawName} không nhận giá trị.`, command);
      values[name] = true;
    }
  }
  return { command, extra, values: values as OptionValues };
}

/** `{ [name]: value }` when the value is there; nothing otherwise (exactOptionalPropertyTypes). */
function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [name]: value } as { [P in K]?: V });
}

/** `run` when some messages failed: they are retried by the next run, and a scheduler can tell. */
export const EXIT_SOME_MAIL_FAILED = 3;

async function run(io: CliIo, parsed: ReturnType<typeof parse>): Promise<number | void> {
  const { command, extra, values } = parsed;
  if (values.version) {
    io.stdout(`hannop ${version}\n`);
    return;
  }
  if (values.help || command === undefined) {
    io.stdout(USAGE);
    return;
  }
  if (extra.length > 0) throw usageError(`Không hiểu «${extra.join(' ')}».`, command);
  // The SMTP URL from --smtp, --smtp-file or HANNOP_SMTP_URL, as if typed after --smtp.
  if (command === 'run') {
    const smtp = smtpUrlOption(values, io.env ?? {}, io.cwd, io.stderr);
    if (smtp !== undefined) values.smtp = smtp;
  }
  switch (command) {
    case 'init': {
      const workbook = outputPath(values, 'workbook', io.cwd);
      const { initCommand } = await import('./commands/init.js');
      const units = await initCommand({
        workbook,
        ...(values.units ? { units: pathOption(values, 'units', io.cwd) } : {}),
        demo: values.demo === true,
        asOf: io.now(),
      });
      io.stdout(`Đã tạo «${values.workbook}» với ${units.length} đơn vị.\n`);
      return;
    }
    case 'import': {
      const path = existingWorkbookPath(values, io.cwd);
      const form = requireOption(values, 'form');
      const csv = pathOption(values, 'csv', io.cwd);
      const { importCommand } = await import('./commands/import.js');
      const summary = await onWorkbook(String(values.workbook), () =>
        importCommand(path, form, csv, String(values.csv), io.now),
      );
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
        // The only command that talks to Google, and the only one that loads googleapis.
        const { remoteRunCommand, remoteRunOptions } = await import('./commands/remote-run.js');
        const options = remoteRunOptions(values, asOfOption(values, io.now), io);
        const keyWarning = sharedFileWarning(
          options.credentialsPath,
          String(values.credentials),
          'khóa tài khoản dịch vụ',
        );
        if (keyWarning) io.stderr(keyWarning);
        const outcome = await remoteRunCommand(options);
        io.stdout(values.json ? `${JSON.stringify(outcome.json, null, 2)}\n` : outcome.text);
        return outcome.summary.mail.failed > 0 ? EXIT_SOME_MAIL_FAILED : 0;
      }
      const path = existingWorkbookPath(values, io.cwd);
      const asOf = asOfOption(values, io.now);
      const options = {
        mail: mailTargetOption(values, io.cwd, path, String(values.workbook)),
        maxMail: maxMailOption(values),
        dryRun: values['dry-run'] === true,
      };
      const { runCommand } = await import('./commands/run.js');
      const outcome = await onWorkbook(String(values.workbook), () =>
        runCommand(path, asOf, io.now, options),
      );
      io.stdout(values.json ? `${JSON.stringify(outcome.json, null, 2)}\n` : outcome.text);
      return outcome.summary.mail.failed > 0 ? EXIT_SOME_MAIL_FAILED : 0;
    }
    case 'status': {
      const path = existingWorkbookPath(values, io.cwd);
      const asOf = asOfOption(values, io.now);
      const { statusCommand } = await import('./commands/status.js');
      io.stdout(
        await onWorkbook(String(values.workbook), () => statusCommand(path, asOf, values.json === true)),
      );
      return;
    }
    case 'check': {
      const path = existingWorkbookPath(values, io.cwd);
      const maxMail = maxMailOption(values);
      const { checkCommand } = await import('./commands/check.js');
      const result = await checkCommand(path, maxMail);
      io.stdout(`${result.message}\n`);
      return;
    }
    case 'recheck': {
      const path = existingWorkbookPath(values, io.cwd);
      const asOf = asOfOption(values, io.now);
      const { describeRecheck, recheckCommand } = await import('./commands/recheck.js');
      const intake = await onWorkbook(String(values.workbook), () => recheckCommand(path, asOf, io.now));
      io.stdout(describeRecheck(intake));
      return;
    }
    case 'codes': {
      const path = existingWorkbookPath(values, io.cwd);
      const { codesCommand, describeCodes } = await import('./commands/codes.js');
      const summary = await onWorkbook(String(values.workbook), () => codesCommand(path));
      io.stdout(describeCodes(summary, String(values.workbook)));
      return;
    }
    case 'links': {
      const path = existingWorkbookPath(values, io.cwd);
      const asOf = asOfOption(values, io.now);
      const csv = pathOption(values, 'csv', io.cwd);
      const { describeLinks, linksCommand } = await import('./commands/links.js');
      const outcome = await onWorkbook(String(values.workbook), () => linksCommand(path, asOf, csv));
      io.stdout(describeLinks(outcome, String(values.workbook), String(values.csv)));
      return;
    }
    case 'new-year': {
      const path = existingWorkbookPath(values, io.cwd);
      const year = requireOption(values, 'year');
      const { newYearCommand } = await import('./commands/new-year.js');
      io.stdout(
        await onWorkbook(String(values.workbook), () =>
          newYearCommand({
            workbookPath: path,
            shownWorkbook: String(values.workbook),
            year,
            now: io.now(),
            ...optional('agencyName', values.agency),
          }),
        ),
      );
      return;
    }
    case 'demo': {
      const shown = values.workbook ?? join('data', 'demo.xlsx');
      const path = resolve(io.cwd, shown);
      const mail = mailTargetOption(values, io.cwd, path, shown);
      if (mail.kind !== 'outbox')
        throw new UsageError('hannop demo chỉ gửi thư vào thư mục (--outbox), không qua SMTP.');
      const [{ playDemoCampaign }, { writeDashboardHtml }] = await Promise.all([
        import('./commands/play.js'),
        import('./commands/report-html.js'),
      ]);
      await onWorkbook(shown, () =>
        playDemoCampaign({
          workbookPath: path,
          shownPath: shown,
          outboxDirectory: mail.directory,
          shownOutbox: mail.shown,
          ...optional('from', dayOption(values, 'from')),
          ...optional('to', dayOption(values, 'to')),
          reset: values.reset === true,
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
      const { reportCommand, reportTarget } = await import('./commands/report.js');
      const target = reportTarget(values, (file) => resolve(io.cwd, file));
      const text = await onWorkbook(String(values.workbook), () =>
        reportCommand(path, asOf, values.period, target, maxMailOption(values)),
      );
      io.stdout(text);
      return;
    }
    default:
      throw usageError(`Không có lệnh «${command}»; các lệnh: ${COMMANDS.join(', ')}.`, undefined);
  }
}

export async function main(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // Whatever is printed, a password seen in this process is never part of it.
  const io: CliIo = {
    ...rawIo,
    stdout: (text) => rawIo.stdout(maskSecrets(text)),
    stderr: (text) => rawIo.stderr(maskSecrets(text)),
  };
  let command: string | undefined;
  try {
    const parsed = parse(argv);
    command = parsed.command;
    return (await run(io, parsed)) ?? 0;
  } catch (error) {
    if (error instanceof ConfigCheckFailedError) {
      io.stdout(error.report);
      return 1;
    }
    if (error instanceof MissingOptionError) {
      io.stderr(`Lỗi: ${usageError(error.message, command).message}\n`);
      return 1;
    }
    if (error instanceof WorkbookInputError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    if (
      error instanceof InputError ||
      error instanceof UsageError ||
      error instanceof RemoteShellError ||
      error instanceof NewYearError
    ) {
      io.stderr(`Lỗi: ${error.message}\n`);
      return 1;
    }
    const fixable = systemErrorMessage(error);
    if (fixable !== null) {
      io.stderr(`Lỗi: ${fixable}\n`);
      return 1;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`Lỗi nội bộ: ${io.mapStack ? io.mapStack(stack) : stack}\n`);
    return 2;
  }
}
