// `hannop new-year --workbook F --year 2024 [--agency "…"]`: archives the year into `F-2023.xlsx`,
// then turns F over (src/app/start-new-year.ts). Both files are written beside their target and
// renamed (XlsxWorkbook.saveAs), the archive first: a run killed before the archive is renamed
// leaves F as it was and no archive; killed after it, F still says the old year and the archive is
// whole, and the next run refuses (the archive exists) until the officer removes it.
import { existsSync } from 'node:fs';
import { archiveName, describeNewYear, NewYearError } from '../../domain/new-year';
import {
  journaledSendsLine,
  planYearTurn,
  settleJournal,
  turnWorkingWorkbook,
  writeArchive,
} from '../../app/start-new-year';
import { FileMailJournal, journalPathFor } from '../file-mail-journal';
import { withWorkbookLock } from '../local-lock';
import { XlsxWorkbook } from '../xlsx-workbook';

export async function newYearCommand(options: {
  readonly workbookPath: string;
  readonly shownWorkbook: string;
  readonly year: string;
  readonly agencyName?: string;
  readonly now: Date;
}): Promise<string> {
  return withWorkbookLock(options.workbookPath, async () => {
    const working = await XlsxWorkbook.open(options.workbookPath);
    const request = {
      year: options.year,
      now: options.now,
      ...(options.agencyName !== undefined ? { agencyName: options.agencyName } : {}),
    };
    const { plan, tables: read } = planYearTurn(working, request);
    const archivePath = archiveName(options.workbookPath, plan.fromYear);
    const shownArchive = archiveName(options.shownWorkbook, plan.fromYear);
    if (existsSync(archivePath))
      throw new NewYearError(
        `Đã có tệp lưu trữ «${shownArchive}»; hannop new-year không ghi đè. ` +
          `Nếu lần chạy trước bị dừng giữa chừng, «${options.shownWorkbook}» vẫn là năm ${plan.fromYear} như cũ: ` +
          `xóa hoặc đổi tên «${shownArchive}» rồi chạy lại.`,
      );
    // Every send in the journal is the old year's: logged in its `Nhật ký thư` (saved first, so a
    // kill from here on loses no record) and then forgotten, or the new year's first run would
    // write them into its own, empty log.
    const journal = new FileMailJournal(journalPathFor(options.workbookPath));
    const sent = journal.entries();
    const { tables, write, added } = settleJournal(read, sent);
    if (write) {
      working.write([write]);
      await working.save();
    }
    if (sent.length > 0) journal.forget(sent.map((entry) => entry.key));
    const archive = XlsxWorkbook.createEmpty();
    writeArchive(archive, plan, tables);
    await archive.saveAs(archivePath);
    turnWorkingWorkbook(working, plan, tables, request, shownArchive);
    await working.save();
    return describeNewYear(plan, shownArchive) + journaledSendsLine(added, plan.fromYear);
  });
}
