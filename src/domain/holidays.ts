// The optional `Ngày nghỉ` sheet: days off (public holidays, school breaks) a due date should not
// fall on. Nothing counts on it but «Kiểm tra cấu hình», which warns when a period's last day on
// time is one of them; deadlines themselves stay exactly as the plan wrote them.
import { HOLIDAY_COLUMNS } from './layout';
import type { InputProblem } from './problems';
import { cellDate, cellText, type SheetRecord } from './table';
import { cleanText } from './text';
import type { IsoDate } from './time';

export interface Holidays {
  /** Reason by day (empty text when the row gives none); the first row of a day wins. */
  readonly byDate: ReadonlyMap<IsoDate, string>;
  readonly problems: readonly InputProblem[];
}

export function parseHolidays(records: readonly SheetRecord[]): Holidays {
  const byDate = new Map<IsoDate, string>();
  const problems: InputProblem[] = [];
  for (const record of records) {
    const cell = record.get(HOLIDAY_COLUMNS.date);
    const date = cellDate(cell);
    if (!date) {
      const typed = cellText(cell);
      problems.push({
        where: record.sheet,
        row: record.rowNumber,
        column: HOLIDAY_COLUMNS.date,
        message: typed ? `«${typed}» không phải là ngày hợp lệ (dd/MM/yyyy).` : 'thiếu ngày (dd/MM/yyyy).',
      });
      continue;
    }
    if (!byDate.has(date)) byDate.set(date, cleanText(cellText(record.get(HOLIDAY_COLUMNS.reason))));
  }
  return { byDate, problems };
}

/** The days off of 2023 (public holidays and the days given in lieu), as setup writes them. */
export const DEFAULT_HOLIDAY_ROWS: readonly { readonly date: string; readonly reason: string }[] = [
  { date: '01/01/2023', reason: 'Tết Dương lịch' },
  { date: '02/01/2023', reason: 'Nghỉ bù Tết Dương lịch' },
  ...['20', '21', '22', '23', '24', '25', '26'].map((day) => ({
    date: `${day}/01/2023`,
    reason: 'Tết Nguyên đán',
  })),
  { date: '29/04/2023', reason: 'Giỗ Tổ Hùng Vương' },
  { date: '30/04/2023', reason: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
  { date: '01/05/2023', reason: 'Ngày Quốc tế Lao động' },
  { date: '02/05/2023', reason: 'Nghỉ bù' },
  { date: '03/05/2023', reason: 'Nghỉ bù' },
  { date: '01/09/2023', reason: 'Quốc khánh' },
  { date: '02/09/2023', reason: 'Quốc khánh' },
  { date: '04/09/2023', reason: 'Nghỉ bù Quốc khánh' },
];
