// Next year in one step: archive the year, then turn the working workbook over (src/domain/new-year.ts
// decides what changes). The archive is written first and whole; the working workbook is then
// changed in one batch whose last write is `Cấu hình` (the year), so a shell that applies a batch
// in order leaves, if it dies midway, a workbook that still says the old year: the next run starts
// again from the archive step and writes the same archive again.
import { planNewYear, NEW_YEAR_SHEETS, type NewYearPlan } from '../domain/new-year';
import { EVENT_LOG_COLUMNS, SHEET, columnsOf } from '../domain/layout';
import type { MailJournalEntry } from '../domain/mail-journal';
import type { SheetWrite, Table, Workbook } from '../ports';
import { journaledMailLog } from './mail-log-sheet';

export interface NewYearRequest {
  /** As typed (`2024`): checked by the domain, so every shell says the same sentence. */
  readonly year: string;
  readonly agencyName?: string;
  readonly now: Date;
}

function copyOf(table: Table): SheetWrite {
  return {
    kind: 'replace',
    sheet: table.name,
    headers: table.headers,
    rows: table.rows,
    format: { frozenRows: 1 },
  };
}

/** Reads and plans without writing: a wrong request is refused before any archive is made. */
export function planYearTurn(
  working: Workbook,
  request: NewYearRequest,
): {
  plan: NewYearPlan;
  tables: ReadonlyMap<string, Table>;
} {
  const tables = working.read(NEW_YEAR_SHEETS);
  return { plan: planNewYear(tables, request), tables };
}

/** Writes the archive: every archived sheet as it is, in one batch. */
export function writeArchive(archive: Workbook, plan: NewYearPlan, tables: ReadonlyMap<string, Table>): void {
  archive.write(
    plan.archived.flatMap((sheet) => {
      const table = tables.get(sheet);
      return table ? [copyOf(table)] : [];
    }),
  );
}

/** Turns the working workbook over: emptied sheets, the new periods, then the new year. */
export function turnWorkingWorkbook(
  working: Workbook,
  plan: NewYearPlan,
  tables: ReadonlyMap<string, Table>,
  request: NewYearRequest,
  archiveName: string,
): void {
  // `Nhật ký` starts again with one line saying where the old year went.
  const emptied: SheetWrite[] = plan.emptied.flatMap((sheet) => {
    const table = sheet === SHEET.eventLog ? undefined : tables.get(sheet);
    return table
      ? [{ kind: 'replace', sheet, headers: table.headers, rows: [], format: { frozenRows: 1 } } as const]
      : [];
  });
  working.write([
    ...emptied,
    {
      kind: 'replace',
      sheet: SHEET.eventLog,
      headers: columnsOf(EVENT_LOG_COLUMNS),
      rows: [
        [
          request.now,
          'Thông tin',
          'Tạo đợt mới',
          `Chuyển từ năm ${plan.fromYear} sang năm ${plan.toYear}; dữ liệu năm ${plan.fromYear} lưu trong «${archiveName}».`,
        ],
      ],
      format: { frozenRows: 1, dateTimeColumns: [EVENT_LOG_COLUMNS.at] },
    },
    { ...copyOf(plan.periods), sheet: SHEET.periods },
    // Last: until the year changes, the workbook is the old year's and a new run starts over.
    { ...copyOf(plan.config), sheet: SHEET.config },
  ]);
}

/** What the new year says of the journal's sends it logged in the old year's `Nhật ký thư`. */
export function journaledSendsLine(added: number, fromYear: number): string {
  return added > 0
    ? `Đã ghi ${added} thư đã gửi mà «Nhật ký thư» chưa ghi (một lần chạy trước bị dừng giữa chừng) ` +
        `vào «Nhật ký thư» của năm ${fromYear} trước khi lưu trữ.\n`
    : '';
}

/**
 * Every send the journal holds is the old year's: those its `Nhật ký thư` does not log yet are
 * logged there as sent (the write, to make before archiving) and go into the archive with it; the
 * shell then forgets the journal, or the new year's first run would log them in its own, empty log.
 */
export function settleJournal(
  tables: ReadonlyMap<string, Table>,
  journal: readonly MailJournalEntry[],
): { tables: ReadonlyMap<string, Table>; write: SheetWrite | null; added: number } {
  const settled = journaledMailLog(tables.get(SHEET.mailLog), journal);
  if (!settled) return { tables, write: null, added: 0 };
  return {
    tables: new Map(tables).set(SHEET.mailLog, settled.table),
    write: settled.write,
    added: settled.added,
  };
}
