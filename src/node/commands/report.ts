// `hannop report`: the report for the City committee as a .docx (or the dashboard as HTML), for
// one period, from the workbook as the sheets show it at `--as-of`.
import { promises as fs } from 'node:fs';
import { dirname, extname } from 'node:path';
import { cityReport } from '../../app/city-report';
import { UnknownPeriodError, type CityReport } from '../../domain/city-report';
import { UsageError } from '../cli-errors';
import { folderProblem } from '../options';
import { cityReportDocx } from '../docx-report';
import { writeDashboardHtml } from './report-html';
import { XlsxWorkbook } from '../xlsx-workbook';

export const REPORT_TARGET_MESSAGE =
  'hannop report cần đúng một trong hai tùy chọn --docx FILE hoặc --html FILE.';

export type ReportTarget = { readonly kind: 'docx' | 'html'; readonly path: string; readonly shown: string };

/** Exactly one of `--docx` and `--html`; `resolvePath` makes it absolute. */
export function reportTarget(
  values: { readonly docx?: string | undefined; readonly html?: string | undefined },
  resolvePath: (file: string) => string,
): ReportTarget {
  const given = (['docx', 'html'] as const).filter((kind) => (values[kind] ?? '').trim() !== '');
  const kind = given[0];
  if (given.length !== 1 || !kind) throw new UsageError(REPORT_TARGET_MESSAGE);
  const shown = values[kind] as string;
  const path = resolvePath(shown);
  const problem = folderProblem(dirname(path));
  if (problem) throw new UsageError(`Không ghi được --${kind} «${shown}»: ${problem}.`);
  if (extname(path).toLowerCase() !== `.${kind}`) {
    throw new UsageError(`«${shown}»: tệp của --${kind} phải có đuôi .${kind}.`);
  }
  return { kind, path, shown };
}

/** Writes the .docx beside its target and renames it, so a reader never sees half a file. */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  await fs.writeFile(partial, bytes);
  await fs.rename(partial, path);
}

/** Writes the City report for `periodId` (default: the latest due) and says what it wrote. */
export async function docxReportCommand(
  workbookPath: string,
  asOf: Date,
  periodId: string | undefined,
  target: ReportTarget,
): Promise<string> {
  const workbook = await XlsxWorkbook.open(workbookPath);
  let report: CityReport;
  try {
    report = cityReport(workbook, asOf, periodId);
  } catch (error) {
    if (error instanceof UnknownPeriodError) throw new UsageError(error.message);
    throw error;
  }
  await writeAtomically(target.path, new Uint8Array(await cityReportDocx(report)));
  return (
    `Đã ghi báo cáo «${target.shown}» cho kỳ ${report.period.id} (${report.period.name}): ` +
    `${report.rates.overall.submitted}/${report.rates.overall.expected} đơn vị đã nộp, ` +
    `${report.lateOrMissing.length} đơn vị trễ hạn hoặc chưa nộp.\n`
  );
}

export const MAX_MAIL_WITH_DOCX_MESSAGE =
  '--max-mail chỉ dùng với --html: bảng điều khiển so dự báo thư với hạn mức, báo cáo .docx thì không.';

/**
 * `--docx`: the City report for one period; `--html`: the dashboard, every period (no `--period`),
 * its mail forecast measured against `maxMail` recipients a day when given.
 */
export async function reportCommand(
  workbookPath: string,
  asOf: Date,
  periodId: string | undefined,
  target: ReportTarget,
  maxMail?: number,
): Promise<string> {
  if (target.kind === 'docx') {
    if (maxMail !== undefined) throw new UsageError(MAX_MAIL_WITH_DOCX_MESSAGE);
    return docxReportCommand(workbookPath, asOf, periodId, target);
  }
  await writeDashboardHtml(workbookPath, asOf, target.path, maxMail);
  return `Đã ghi bảng điều khiển «${target.shown}».\n`;
}
