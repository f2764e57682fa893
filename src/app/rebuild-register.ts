// "Xử lý lại toàn bộ": `Bài nộp` recomputed from every response of both forms (keeping the
// department's reviews, the first-seen times and the version numbers), then the derived sheets,
// as one batch under the script lock. It sends no mail: the next daily run sends what is due.
import type { Lock, Workbook } from '../ports';
import { runAsOneBatch } from './batched-workbook';
import { STATE_SHEETS } from './campaign-state';
import { consolidate, type ConsolidationSummary } from './consolidate';
import { intakeResponses, type IntakeSummary, type ResponseSource } from './intake-responses';

export function rebuildRegister(
  ports: { readonly workbook: Workbook; readonly lock: Lock; readonly now: () => Date },
  source: ResponseSource,
  asOf: Date,
): { readonly intake: IntakeSummary; readonly consolidation: ConsolidationSummary } {
  return runAsOneBatch(ports, [...STATE_SHEETS, ...source.sheets], (batch) => {
    const intake = intakeResponses({ ...batch, now: ports.now }, source, { asOf, rebuild: true });
    const consolidation = consolidate(batch.workbook, batch.lock, asOf);
    return { intake, consolidation };
  });
}
