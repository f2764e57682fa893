import { checkConfiguration } from '../../src/app/check-config';
import { DEFAULT_PERIOD_ROWS } from '../../src/domain/defaults';
import { FILLED_CONFIG_ROWS } from '../fakes/config-rows';
import { CONFIG_COLUMNS, PERIOD_COLUMNS, SHEET, UNIT_COLUMNS, columnsOf } from '../../src/domain/layout';
import { unitRow } from '../../src/app/initialize-workbook';
import { makeUnit } from '../fakes/campaign-fixture';
import { MemoryWorkbook } from '../fakes/memory-workbook';
import { makeTable, tableFromRecords } from '../fakes/tables';

function workbook(): MemoryWorkbook {
  return new MemoryWorkbook([
    makeTable(
      SHEET.config,
      columnsOf(CONFIG_COLUMNS),
      FILLED_CONFIG_ROWS.map((row) => [row.key, row.value, row.note]),
    ),
    tableFromRecords(SHEET.units, columnsOf(UNIT_COLUMNS), [
      unitRow(makeUnit({ code: 'MNHM', name: 'Mầm non Hoa Mai', emails: ['hoamai@truong'] })),
    ]),
    tableFromRecords(SHEET.periods, columnsOf(PERIOD_COLUMNS), DEFAULT_PERIOD_ROWS),
  ]);
}

describe('checkConfiguration', () => {
  it('reads the input sheets in one batch, writes nothing, and says every problem in Vietnamese', () => {
    const book = workbook();
    const result = checkConfiguration(book, {
      plan: { linked: true, acceptingResponses: true },
      report: null,
    });
    expect(book.reads).toEqual([
      [
        SHEET.config,
        SHEET.units,
        SHEET.periods,
        SHEET.holidays,
        SHEET.extensions,
        SHEET.specialists,
        SHEET.forms,
      ],
    ]);
    expect(book.writes).toEqual([]);
    expect(result.problems.map((problem) => problem.severity)).toEqual(['error', 'warning', 'error']);
    expect(result.message).toBe(
      [
        'Phát hiện 2 lỗi và 1 cảnh báo.',
        '',
        'Lỗi (cần sửa để hệ thống chạy đúng):',
        '• «Đơn vị», dòng 2, cột «Email»: «hoamai@truong» không phải là địa chỉ email hợp lệ.',
        '• «Biểu mẫu Báo cáo»: chưa có biểu mẫu này hoặc không mở được biểu mẫu đã lưu; hãy chạy «Thiết lập ban đầu» trong trình đơn Hạn nộp.',
        '',
        'Cảnh báo (hệ thống vẫn chạy, nhưng nên xem lại):',
        '• «Kỳ nộp», dòng 3, cột «Hạn nộp»: kỳ «BC6T-2023»: ngày cuối còn đúng hạn 30/04/2023 (trước ngày 01/05/2023) rơi vào Chủ nhật; nên xem lại hạn nộp.',
      ].join('\n'),
    );
  });

  it('says when it finds nothing', () => {
    const book = workbook();
    book.write([
      {
        kind: 'replace',
        sheet: SHEET.units,
        headers: columnsOf(UNIT_COLUMNS),
        rows: [
          columnsOf(UNIT_COLUMNS).map(
            (column) => unitRow(makeUnit({ code: 'A', name: 'B' }))[column] ?? null,
          ),
        ],
      },
      {
        kind: 'replace',
        sheet: SHEET.periods,
        headers: columnsOf(PERIOD_COLUMNS),
        rows: DEFAULT_PERIOD_ROWS.slice(0, 1).map((row) =>
          columnsOf(PERIOD_COLUMNS).map((column) => row[column] ?? null),
        ),
      },
    ]);
    expect(checkConfiguration(book).message).toBe('Không phát hiện vấn đề nào.');
  });
});
