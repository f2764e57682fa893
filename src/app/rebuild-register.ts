// "Xử lý lại toàn bộ": `Bài nộp` recomputed from every response of both forms (keeping the
// department's reviews, the first-seen times and the version numbers), then the derived sheets,
// as one batch under the script lock. It sends no mail: the next daily run sends what is due.
// A rebuild too large for one execution runs in parts (src/domain/job-budget.ts): each part
// registers the responses its source read, in time order, and only the last one consolidates, so
// the sheets end as one uninterrupted rebuild leaves them.
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
