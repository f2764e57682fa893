// «Tạo đợt mới» on the Apps Script fakes: the archive is a new spreadsheet (SpreadsheetApp.create),
// the forms lose last year's responses and offer the new periods, the workbook starts empty; a run
// stopped midway is finished by the next one into the same archive.
import { MAIL_LOG_COLUMNS, SHEET } from '../../src/domain/layout';
import { cellText, readRecords, type Table } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import { archivePropertyKey, runNewYearMenu } from '../../src/gas/new-year-menu';
import { JOURNAL_PROPERTY_PREFIX } from '../../src/gas/script-properties-journal';
import { handleDailyRun } from '../../src/gas/trigger-handlers';
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook';
import { asSpreadsheet, asSpreadsheetApp } from '../fakes/spreadsheet-app';
import { makeGasWorld, submitPlan, type GasWorld } from './gas-world';

function worldWithAYear(): GasWorld {
  const world = makeGasWorld();
  world.setNow('2023-03-28T09:30:05');
  submitPlan(world, world.units[0]!, '2023-03-28T09:30');
  submitPlan(world, world.units[1]!, '2023-03-29T10:00');
  world.setNow('2023-12-20T09:00');
  return world;
}

function answer(world: GasWorld, text: string, button = 'OK'): void {
  world.sheets.ui.promptAnswers.push({ button, text });
}

function archiveTable(world: GasWorld, index: number, sheet: string) {
  const made = world.sheets.app.created[index]!;
  return new SpreadsheetWorkbook(asSpreadsheet(made), asSpreadsheetApp(world.sheets.app))
    .read([sheet])
    .get(sheet);
}

describe('«Tạo đợt mới»', () => {
  it('archives the year into a new spreadsheet, empties the forms and the workbook, and opens 2024', () => {
    const world = worldWithAYear();
    const before = world.table(SHEET.submissions);
    expect(before?.rows).toHaveLength(2);
    expect(world.form('plan').getResponses()).toHaveLength(2);
    answer(world, '2024');

    runNewYearMenu(world.services());

    expect(world.logged).toEqual([]);
    expect(world.sheets.app.created.map((made) => made.getName())).toEqual(['hannop-2023']);
    expect(archiveTable(world, 0, SHEET.submissions)?.rows).toEqual(before?.rows);
    expect(world.properties.document?.getProperty(archivePropertyKey(2023))).toBe(
      world.sheets.app.created[0]!.spreadsheetId,
    );
    expect(world.table(SHEET.submissions)?.rows).toEqual([]);
    expect(world.table(SHEET.mailLog)?.rows ?? []).toEqual([]);
    const periods = world.table(SHEET.periods)!;
    expect(periods.rows.map((row) => row[0])).toEqual(['KH-2024', 'BC6T-2024', 'BCN-2024']);
    expect(world.form('plan').getResponses()).toEqual([]);
    // The report form offers the 2024 periods, not 2023's.
    const choices = JSON.stringify(
      world
        .form('report')
        .getItems()
        .map((item) => (item as { choices?: unknown }).choices),
    );
    expect(choices).not.toContain('2023');
    const [alert] = world.sheets.ui.alerts;
    expect(alert?.title).toBe('Hạn nộp — Tạo đợt mới');
    expect(alert?.prompt).toContain(
      'Đã chuyển sang năm 2024. Dữ liệu năm 2023 đã lưu trong «hannop-2023 (https://docs.google.com/spreadsheets/d/',
    );
    // The next daily run finds nothing of last year to take in.
    world.setNow('2024-03-20T07:00');
    handleDailyRun(world.services());
    expect(world.table(SHEET.submissions)?.rows).toEqual([]);
  });

  it("logs the old year's sends from the journal in the archive, and the new year's first run logs none of them", () => {
    const world = worldWithAYear();
    // The receipts' entries stay in Script Properties until a run that sends prunes them; one more
    // went out in an execution stopped before it wrote `Nhật ký thư`.
    expect(world.services().mailJournal.entries().length).toBeGreaterThan(0);
    const unit = world.units[2]!;
    world.services().mailJournal.record({
      key: `unit:${unit.code}:2023-12-02`,
      at: vietnamInstant('2023-12-02', 8),
      unitCode: unit.code,
      periodIds: ['BCN-2023'],
      kind: 'reminder',
      recipients: [...unit.emails],
    });
    answer(world, '2024');
    runNewYearMenu(world.services());
    expect(world.sheets.ui.alerts[0]?.prompt).toContain(
      'Đã ghi 1 thư đã gửi mà «Nhật ký thư» chưa ghi (một lần chạy trước bị dừng giữa chừng) vào «Nhật ký thư» ' +
        'của năm 2023 trước khi lưu trữ.',
    );
    const logged = (table: Table | undefined) =>
      readRecords(table, SHEET.mailLog, { required: [] }).map((record) => ({
        key: cellText(record.get(MAIL_LOG_COLUMNS.key)),
        periods: cellText(record.get(MAIL_LOG_COLUMNS.periodId)),
        result: cellText(record.get(MAIL_LOG_COLUMNS.result)),
      }));
    expect(logged(archiveTable(world, 0, SHEET.mailLog))).toContainEqual({
      key: `unit:${unit.code}:2023-12-02`,
      periods: 'BCN-2023',
      result: 'Đã gửi',
    });
    const journalKeys = Object.keys(world.properties.script.snapshot()).filter((name) =>
      name.startsWith(JOURNAL_PROPERTY_PREFIX),
    );
    // Emptied chunks stay, holding `-`, no entry (script-properties-journal.ts).
    expect(
      journalKeys
        .map((name) => world.properties.script.getProperty(name) ?? '')
        .filter((value) => value !== '-')
        .join(''),
    ).toBe('');

    world.setNow('2024-03-20T07:00');
    handleDailyRun(world.services());
    const next = logged(world.table(SHEET.mailLog));
    expect(next.filter((row) => /2023/.test(`${row.key} ${row.periods}`))).toEqual([]);
  });

  it('does nothing when the officer cancels, and says why a year is refused', () => {
    const world = worldWithAYear();
    answer(world, '2024', 'CANCEL');
    runNewYearMenu(world.services());
    expect(world.sheets.app.created).toEqual([]);
    expect(world.sheets.ui.alerts).toEqual([]);

    answer(world, 'năm sau');
    runNewYearMenu(world.services());
    expect(world.sheets.ui.alerts.map((alert) => alert.prompt)).toEqual([
      'Không thể thực hiện «Tạo đợt mới»: «năm sau» không phải là năm (4 chữ số, ví dụ 2024).',
    ]);
    expect(world.sheets.app.created).toEqual([]);
  });

  it('stopped after the archive: the workbook is still 2023, and the next run writes the same archive again and finishes', () => {
    const world = worldWithAYear();
    const before = world.table(SHEET.submissions);
    answer(world, '2024');
    // The execution dies while the forms are being emptied (the 6-minute limit, say).
    const form = world.form('plan');
    const original = form.deleteAllResponses.bind(form);
    form.deleteAllResponses = () => {
      throw new Error('Exceeded maximum execution time');
    };
    runNewYearMenu(world.services());
    expect(world.table(SHEET.submissions)?.rows).toEqual(before?.rows);
    expect(world.table(SHEET.periods)?.rows[0]?.[0]).toBe('KH-2023');
    expect(world.sheets.app.created).toHaveLength(1);

    form.deleteAllResponses = original;
    answer(world, '2024');
    runNewYearMenu(world.services());
    expect(world.sheets.app.created).toHaveLength(1);
    expect(archiveTable(world, 0, SHEET.submissions)?.rows).toEqual(before?.rows);
    expect(world.table(SHEET.periods)?.rows[0]?.[0]).toBe('KH-2024');
  });
});
