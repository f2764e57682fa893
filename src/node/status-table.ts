// The status as a table for a terminal: one line per unit, a column per period, and the rates.
import {
  STATUS_LABEL,
  TIMELINESS_LABEL,
  shownTimeliness,
  statusOf,
  computeGroupRates,
  type StatusBoard,
} from '../domain/status';
import { compareVietnamese } from '../domain/text';
import { formatVietnameseDateTime } from '../domain/time';

function width(text: string): number {
  return [...text.normalize('NFC')].length;
}

function fit(text: string, size: number): string {
  const chars = [...text.normalize('NFC')];
  if (chars.length > size) return chars.slice(0, size - 1).join('') + '…';
  return text.normalize('NFC') + ' '.repeat(size - chars.length);
}

function percent(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(1).replace('.', ',')}%`;
}

export function renderStatusTable(board: StatusBoard): string {
  const units = board.units.filter((unit) => unit.isActive);
  const header = ['Mã', 'Tên đơn vị', 'Cấp học', ...board.periods.map((period) => period.id)];
  const rows = units.map((unit) => [
    unit.code,
    unit.name,
    unit.level,
    ...board.periods.map((period) => {
      const status = statusOf(board, unit.code, period.id);
      const timeliness =
        shownTimeliness(status) === 'late' ? ` (${TIMELINESS_LABEL.late.toLowerCase()})` : '';
      return STATUS_LABEL[status.status] + timeliness;
    }),
  ]);
  const widths = header.map((title, column) =>
    Math.min(column === 1 ? 42 : 26, Math.max(width(title), ...rows.map((row) => width(row[column] ?? '')))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => fit(cell, widths[column] ?? 10))
      .join('  ')
      .trimEnd();
  const rule = widths.map((size) => '─'.repeat(size)).join('  ');
  const overall = computeGroupRates(board, ['all'], compareVietnamese)[0];
  const summary = board.periods.map((period, index) => {
    const rates = overall?.periods[index];
    if (!rates) return '';
    return (
      `${period.id} (hạn ${formatVietnameseDateTime(period.dueAt, true)}): ` +
      `${rates.submitted}/${rates.expected} đã nộp (${percent(rates.reportingRate)}), ` +
      `${rates.onTime} đúng hạn (${percent(rates.onTimeRate)}), ${rates.late} trễ hạn, ` +
      `${rates.overdue} quá hạn, ${rates.needsFix} cần bổ sung, ${rates.approved} đã duyệt`
    );
  });
  return [
    `Tình trạng tại ${formatVietnameseDateTime(board.asOf)} (giờ Việt Nam) — ${units.length} đơn vị`,
    '',
    line(header),
    rule,
    ...rows.map(line),
    rule,
    ...summary,
    '',
  ].join('\n');
}
