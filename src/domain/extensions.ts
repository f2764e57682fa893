// The optional `Gia hạn` sheet: a later due day granted to one unit for one period (DHIS2's lock
// exception). For that unit and period the new day replaces the period's due moment everywhere
// (status, timeliness, reminders, overdue notices, the dashboard, the City report), so every reader
// asks `periodForUnit` instead of reading the period's own dates.
import type { Period } from './campaign';
import { EXTENSION_COLUMNS } from './layout';
import type { InputProblem } from './problems';
import { cellDate, cellText, type SheetRecord } from './table';
import { cleanText, foldForMatch } from './text';
import { addDays, daysBetween, endOfVietnamDay, formatVietnameseDate, type IsoDate } from './time';
import type { UnitRegistry } from './units';

export interface Extension {
  readonly unitCode: string;
  readonly periodId: string;
  /** The new last day on time («đến hết ngày»). */
  readonly newDueDate: IsoDate;
  readonly reason: string;
  readonly approvedBy: string;
  readonly rowNumber: number;
}

export interface ParsedExtensions {
  readonly extensions: readonly Extension[];
  readonly problems: readonly InputProblem[];
}

/** Reads `Gia hạn`; a row naming an unknown unit or period, or an earlier day, is a problem. */
export function parseExtensions(
  records: readonly SheetRecord[],
  units: UnitRegistry,
  periods: readonly Period[],
): ParsedExtensions {
  const problems: InputProblem[] = [];
  const extensions: Extension[] = [];
  const rowBySlot = new Map<string, number>();
  for (const record of records) {
    const row = record.rowNumber;
    const problem = (column: string, message: string) =>
      problems.push({ where: record.sheet, row, column, message });
    const text = (column: string) => cleanText(cellText(record.get(column)));
    const unitText = text(EXTENSION_COLUMNS.unitCode);
    const unit = unitText ? units.byCode(unitText) : undefined;
    if (!unitText) problem(EXTENSION_COLUMNS.unitCode, 'thiếu mã đơn vị.');
    else if (!unit)
      problem(EXTENSION_COLUMNS.unitCode, `không có đơn vị mã «${unitText}» trong trang «Đơn vị».`);
    const periodText = text(EXTENSION_COLUMNS.periodId);
    const period = periods.find((candidate) => foldForMatch(candidate.id) === foldForMatch(periodText));
    if (!periodText) problem(EXTENSION_COLUMNS.periodId, 'thiếu mã kỳ.');
    else if (!period)
      problem(EXTENSION_COLUMNS.periodId, `không có kỳ mã «${periodText}» trong trang «Kỳ nộp».`);
    const newDueDate = cellDate(record.get(EXTENSION_COLUMNS.newDueDate));
    const typedDate = text(EXTENSION_COLUMNS.newDueDate);
    if (!newDueDate)
      problem(
        EXTENSION_COLUMNS.newDueDate,
        typedDate ? `«${typedDate}» không phải là ngày hợp lệ (dd/MM/yyyy).` : 'thiếu ngày (dd/MM/yyyy).',
      );
    else if (period && newDueDate < period.lastDueDate)
      problem(
        EXTENSION_COLUMNS.newDueDate,
        `hạn mới ${formatVietnameseDate(newDueDate)} sớm hơn hạn của kỳ «${period.id}» ` +
          `(hết ngày ${formatVietnameseDate(period.lastDueDate)}); gia hạn chỉ được lùi hạn về sau.`,
      );
    if (!unit || !period || !newDueDate || newDueDate < period.lastDueDate) continue;
    const slot = `${unit.code}\u0000${period.id}`;
    const earlier = rowBySlot.get(slot);
    if (earlier !== undefined) {
      problem(
        EXTENSION_COLUMNS.unitCode,
        `đơn vị «${unit.code}» đã được gia hạn kỳ «${period.id}» ở dòng ${earlier}; mỗi đơn vị một dòng cho mỗi kỳ.`,
      );
      continue;
    }
    rowBySlot.set(slot, row);
    extensions.push({
      unitCode: unit.code,
      periodId: period.id,
      newDueDate,
      reason: text(EXTENSION_COLUMNS.reason),
      approvedBy: text(EXTENSION_COLUMNS.approvedBy),
      rowNumber: row,
    });
  }
  return { extensions, problems };
}

export function extensionFor(
  extensions: readonly Extension[],
  unitCode: string,
  periodId: string,
): Extension | undefined {
  return extensions.find((extension) => extension.unitCode === unitCode && extension.periodId === periodId);
}

/**
 * The period as it applies to one unit: with an extension, its last day on time is `Hạn mới`
 * and it stays on time until the later of the new day's end and the period's own grace; without
 * one, the period itself (the same object).
 */
export function periodForUnit(period: Period, unitCode: string, extensions: readonly Extension[]): Period {
  const extension = extensionFor(extensions, unitCode, period.id);
  if (!extension || extension.newDueDate <= period.lastDueDate) return period;
  const lastDueDate = extension.newDueDate;
  const ownLastTimely = addDays(period.lastDueDate, period.graceDays);
  const graceDays = Math.max(0, daysBetween(lastDueDate, ownLastTimely));
  return {
    ...period,
    lastDueDate,
    graceDays,
    dueAt: endOfVietnamDay(lastDueDate),
    timelyUntil: endOfVietnamDay(addDays(lastDueDate, graceDays)),
  };
}

/** Whether the unit's due moment for the period comes from an extension. */
export function isExtended(period: Period, unitCode: string, extensions: readonly Extension[]): boolean {
  return periodForUnit(period, unitCode, extensions) !== period;
}
