// `Số liệu tính bài` = `đã duyệt`: `Số liệu` and the City report count approved versions only, and
// say so under their tables; the rates stay as they are.
import { FIGURES_BASIS_LABEL, parseConfig, type Period } from '../../src/domain/campaign';
import { buildCityReport, reportSettingsOf, type CityReport } from '../../src/domain/city-report';
import {
  APPROVED_FIGURES_NOTE,
  FIGURES_LEAD_COLUMNS,
  FIGURES_ROW_LABEL,
  figuresTable,
  type DerivedTable,
} from '../../src/domain/consolidation';
import { CONFIG_COLUMNS, CONFIG_KEY, SHEET, columnsOf } from '../../src/domain/layout';
import type { CellValue } from '../../src/domain/table';
import { makeUnit, periods2023 } from '../fakes/campaign-fixture';
import { MAIL_CONFIG, configTable } from '../fakes/mail-fixture';
import { makeTable, recordsOf } from '../fakes/tables';
import { boardOf, registerEntry, reportAnswers } from './register-fixture';

const PERIODS = periods2023();
const BC6T = PERIODS[1] as Period;
const UNITS = [
  makeUnit({ code: 'MN01', name: 'Mầm non Một', rowNumber: 2 }),
  makeUnit({ code: 'MN02', name: 'Mầm non Hai', rowNumber: 3 }),
];
const report = (responseId: string, unitCode: string, sessions: number, reviewText: string) =>
  registerEntry({
    responseId,
    unitCode,
    periodId: BC6T.id,
    submittedAt: '2023-06-20T08:00',
    reviewText,
    acceptedAnswers: reportAnswers(unitCode, BC6T.id, { propagandaSessions: sessions }),
  });
// MN01 approved (4 sessions); MN02 accepted, not reviewed yet (7 sessions).
const ENTRIES = [report('S1', 'MN01', 4, 'Đạt'), report('S2', 'MN02', 7, '')];
const AS_OF = '2023-07-10T08:00';
const SESSIONS = 'Buổi tuyên truyền, quán triệt';

function totalOf(table: DerivedTable, title: string): CellValue {
  const row = table.rows.find(
    (candidate) =>
      candidate[table.headers.indexOf(FIGURES_LEAD_COLUMNS.periodId)] === BC6T.id &&
      candidate[table.headers.indexOf(FIGURES_LEAD_COLUMNS.row)] === FIGURES_ROW_LABEL.total,
  );
  return row?.[table.headers.indexOf(title)] ?? null;
}

function configWith(value: CellValue) {
  const base = configTable(MAIL_CONFIG);
  const table = makeTable(SHEET.config, columnsOf(CONFIG_COLUMNS), [
    ...base.rows,
    [CONFIG_KEY.figuresBasis, value, ''],
  ]);
  return parseConfig(recordsOf(table, { required: [CONFIG_COLUMNS.key, CONFIG_COLUMNS.value] }));
}

describe('Cấu hình: Số liệu tính bài', () => {
  it('is `đã nộp hợp lệ` when absent, and reads `đã duyệt` as people type it', () => {
    const absent = parseConfig(recordsOf(configTable(MAIL_CONFIG)));
    expect(absent.ok && absent.value.figuresBasis).toBeUndefined();
    const approved = configWith('Đã Duyệt');
    expect(approved.ok && approved.value.figuresBasis).toBe('approved');
    expect(FIGURES_BASIS_LABEL).toEqual({ valid: 'đã nộp hợp lệ', approved: 'đã duyệt' });
  });

  it('refuses any other value, exactly', () => {
    expect(configWith('tất cả')).toEqual({
      ok: false,
      problems: [
        {
          where: 'Cấu hình',
          row: 12,
          column: 'Giá trị',
          message: '«Số liệu tính bài»: «tất cả» không hợp lệ; ghi «đã nộp hợp lệ» hoặc «đã duyệt».',
        },
      ],
    });
  });
});

describe('approved-only figures', () => {
  const board = boardOf(UNITS, PERIODS, ENTRIES, AS_OF);

  it('Số liệu counts every valid version by default, and only the approved ones with `đã duyệt`, saying so', () => {
    const valid = figuresTable(board, ENTRIES);
    expect(totalOf(valid, SESSIONS)).toBe(11);
    expect(totalOf(valid, FIGURES_LEAD_COLUMNS.reporting)).toBe(2);
    expect(valid.rows.flat()).not.toContain(APPROVED_FIGURES_NOTE);
    const approved = figuresTable(board, ENTRIES, 'approved');
    expect(totalOf(approved, SESSIONS)).toBe(4);
    expect(totalOf(approved, FIGURES_LEAD_COLUMNS.reporting)).toBe(1);
    const last = approved.rows[approved.rows.length - 1] ?? [];
    expect(last[approved.headers.indexOf(FIGURES_LEAD_COLUMNS.unitName)]).toBe(APPROVED_FIGURES_NOTE);
    expect(last[approved.headers.indexOf(FIGURES_LEAD_COLUMNS.periodId)]).toBeNull();
  });

  function cityReport(figuresBasis?: 'approved'): CityReport {
    const config = figuresBasis ? { ...MAIL_CONFIG, figuresBasis } : MAIL_CONFIG;
    return buildCityReport({
      campaign: { config, periods: PERIODS },
      board,
      figures: figuresTable(board, ENTRIES, figuresBasis),
      period: BC6T,
      settings: reportSettingsOf(undefined, MAIL_CONFIG.agencyName),
    });
  }
  const texts = (report: CityReport) =>
    report.body.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : []));

  it('the City report counts approved versions only and says so under its table; the rates stay', () => {
    const valid = cityReport();
    const approved = cityReport('approved');
    expect(texts(valid)).toContain('Số liệu của 2 đơn vị có báo cáo hợp lệ:');
    expect(texts(approved)).toContain('Số liệu của 1 đơn vị có báo cáo đã được duyệt:');
    expect(texts(approved)).toContain(
      'Ghi chú: số liệu chỉ tính các bài đã được Phòng duyệt; tỷ lệ nộp tính trên mọi bài nộp hợp lệ.',
    );
    expect(texts(valid).some((text) => text.startsWith('Ghi chú: số liệu'))).toBe(false);
    const ratesOf = (report: CityReport) => report.body.find((block) => block.kind === 'table');
    expect(ratesOf(approved)).toEqual(ratesOf(valid));
  });
});
