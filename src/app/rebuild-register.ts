// "Xử lý lại toàn bộ": `Bài nộp` recomputed from every response of both forms (keeping the
// department's reviews, the first-seen times and the version numbers), then the derived sheets,
// as one batch under the script lock. It sends no mail: the next daily run sends what is due.
// A rebuild too large for one execution runs in parts (src/domain/job-budget.ts): each part
// registers the responses its source read, in time order, and only the last one consolidates, so
// the sheets end as one uninterrupted rebuild leaves them.
import { SHEET } from '../domain/layout';
import type { Lock, Workbook } from '../ports';
import { runAsOneBatch } from './batched-workbook';
import { STATE_SHEETS } from './campaign-state';
import { consolidate, type ConsolidationSummary } from './consolidate';
import { intakeResponses, type IntakeSummary, type ResponseSource } from './intake-responses';

export function rebuildRegister(
  ports: { readonly workbook: Workbook; readonly lock: Lock; readonly now: () => Date },
  source: ResponseSource,
  asOf: Date,
  options: {
    /** Whether the source read every response: false leaves the consolidation to a later part. */
    readonly finished?: () => boolean;
  } = {},
): { readonly intake: IntakeSummary; readonly consolidation: ConsolidationSummary | null } {
  return runAsOneBatch(ports, [...STATE_SHEETS, ...source.sheets], (batch) => {
    const intake = intakeResponses({ ...batch, now: ports.now }, source, { asOf, rebuild: true });
    const finished = options.finished ? options.finished() : true;
    const consolidation = finished ? consolidate(batch.workbook, batch.lock, asOf) : null;
    return { intake, consolidation };
  });
}

/**
 * What a rebuild did, in the officer's words: the same sentences in the Apps Script dialog and on
 * the command line (`hannop recheck`). The caller adds where the failures are recorded.
 */
export function describeRebuild(intake: IntakeSummary): string[] {
  const counts = { accepted: 0, rejected: 0, held: 0, closed: 0 };
  for (const entry of intake.registered) counts[entry.outcome] += 1;
  const lines = [
    `Đã xử lý lại ${intake.received} phản hồi: hợp lệ ${counts.accepted}, không hợp lệ ${counts.rejected}, ` +
      `chờ xác minh ${counts.held}${counts.closed > 0 ? `, nộp sau khóa ${counts.closed}` : ''}.`,
    `Đã cập nhật «${SHEET.submissions}», «${SHEET.summary}», «${SHEET.statistics}» và «${SHEET.figures}».`,
  ];
  if (intake.failed.length > 0)
    lines.push(`${intake.failed.length} phản hồi gặp lỗi khi xử lý, xem trang «${SHEET.eventLog}».`);
  return lines;
}
