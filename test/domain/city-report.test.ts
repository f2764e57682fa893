import type { Period } from '../../src/domain/campaign';
import {
  BLANK,
  RATE_COLUMNS,
  TOTAL_LABEL,
  UnknownPeriodError,
  buildCityReport,
  chooseReportPeriod,
  cityReportText,
  formatNumberVi,
  formatRateVi,
  reportSettingsOf,
  type CityReport,
  type ReportBlock,
} from '../../src/domain/city-report';
import { FIGURES_LEAD_COLUMNS, FIGURES_ROW_LABEL, figuresTable } from '../../src/domain/consolidation';
import { CONFIG_COLUMNS, SHEET } from '../../src/domain/layout';
import type { RegisterEntry } from '../../src/domain/register';
import type { CellValue } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import type { Unit } from '../../src/domain/units';
import { makeUnit, periods2023 } from '../fakes/campaign-fixture';
import { MAIL_CONFIG } from '../fakes/mail-fixture';
import { at, boardOf, planAnswers, registerEntry, reportAnswers } from './register-fixture';

const PERIODS = periods2023();
const [KH, BC6T, BCN] = PERIODS as [Period, Period, Period];
const CAMPAIGN = { config: MAIL_CONFIG, periods: PERIODS };

const UNITS: readonly Unit[] = [
  makeUnit({ code: 'MN01', name: 'Mầm non Dương' }),
  makeUnit({ code: 'MN02', name: 'Mầm non Đa Kao', ownership: 'Tư thục' }),
  makeUnit({ code: 'MN03', name: 'Mầm non Cũ', isActive: false }),
  makeUnit({ code: 'MN04', name: 'Mầm non Mới', activeFrom: '2023-05-15' }),
  makeUnit({ code: 'TH01', name: 'Tiểu học Uyên', level: 'Tiểu học' }),
  makeUnit({ code: 'TH02', name: 'Tiểu học Ưu Đàm', level: 'Tiểu học' }),
  makeUnit({ code: 'THCS1', name: 'THCS An Phú', level: 'THCS' }),
];

/** BC6T-2023 (due at the end of 30/04/2023) seen on 10/05/2023, a unit in every status. */
const ENTRIES: readonly RegisterEntry[] = [
  registerEntry({
    responseId: 'P1',
    unitCode: 'MN01',
    periodId: KH.id,
    submittedAt: '2023-03-20T08:00',
    acceptedAnswers: planAnswers('MN01', 2),
  }),
  registerEntry({
    responseId: 'P2',
    unitCode: 'TH01',
    periodId: KH.id,
    submittedAt: '2023-03-21T08:00',
    acceptedAnswers: planAnswers('TH01', 5),
  }),
  registerEntry({
    responseId: 'R1',
    unitCode: 'MN01',
    periodId: BC6T.id,
    submittedAt: '2023-04-20T08:00',
    reviewText: 'Đạt',
    acceptedAnswers: reportAnswers('MN01', BC6T.id, {
      propagandaSessions: 3,
      propagandaAttendees: 1200,
      staffConference: 'Có',
      eDocPercent: 80,
    }),
  }),
  registerEntry({
    responseId: 'R2',
    unitCode: 'MN02',
    periodId: BC6T.id,
    submittedAt: '2023-05-03T09:30',
    acceptedAnswers: reportAnswers('MN02', BC6T.id, {
      propagandaSessions: 2,
      propagandaAttendees: 45,
      staffConference: 'Không',
      eDocPercent: 95,
    }),
  }),
  registerEntry({
    responseId: 'R3',
    unitCode: 'TH02',
    periodId: BC6T.id,
    submittedAt: '2023-04-25T10:00',
    outcome: 'rejected',
  }),
  registerEntry({
    responseId: 'R4',
    unitCode: 'THCS1',
    periodId: BC6T.id,
    submittedAt: '2023-04-28T14:00',
    reviewText: 'Yêu cầu bổ sung',
    reviewNote: 'Thiếu chữ ký.',
    acceptedAnswers: reportAnswers('THCS1', BC6T.id, {
      propagandaSessions: 4,
      propagandaAttendees: 300,
      staffConference: 'Có',
      eDocPercent: 70,
    }),
  }),
];

const AS_OF = '2023-05-10T08:00';

function reportFor(
  period: Period,
  settings = reportSettingsOf(undefined, MAIL_CONFIG.agencyName),
): CityReport {
  const board = boardOf(UNITS, PERIODS, ENTRIES, AS_OF);
  return buildCityReport({
    campaign: CAMPAIGN,
    board,
    figures: figuresTable(board, ENTRIES),
    period,
    settings,
  });
}

function tables(report: CityReport): Extract<ReportBlock, { kind: 'table' }>[] {
  return report.body.filter(
    (block): block is Extract<ReportBlock, { kind: 'table' }> => block.kind === 'table',
  );
}

describe('chooseReportPeriod', () => {
  it('takes the latest period due, else the latest opened, else the first', () => {
    expect(chooseReportPeriod(PERIODS, at(AS_OF)).id).toBe(BC6T.id);
    expect(chooseReportPeriod(PERIODS, at('2023-04-30T23:59')).id).toBe(KH.id);
    expect(chooseReportPeriod(PERIODS, at('2023-12-01T00:00')).id).toBe(BCN.id);
    expect(chooseReportPeriod(PERIODS, at('2023-03-20T08:00')).id).toBe(KH.id);
    expect(chooseReportPeriod(PERIODS, at('2023-01-01T08:00')).id).toBe(KH.id);
  });

  it('has nothing to choose from an empty «Kỳ nộp»', () => {
    expect(() => chooseReportPeriod([], at(AS_OF))).toThrow('Trang «Kỳ nộp» chưa có kỳ nào.');
  });

  it('finds a period named without accents or case, and names the known ids otherwise', () => {
    expect(chooseReportPeriod(PERIODS, at(AS_OF), ' bcn-2023 ').id).toBe(BCN.id);
    const attempt = () => chooseReportPeriod(PERIODS, at(AS_OF), 'BC9T-2023');
    expect(attempt).toThrow(UnknownPeriodError);
    expect(attempt).toThrow(
      'Không có kỳ «BC9T-2023» trong trang «Kỳ nộp»; các mã kỳ có: KH-2023, BC6T-2023, BCN-2023.',
    );
  });
});

describe('reportSettingsOf', () => {
  it('derives the superior agency, the place and the signer from the agency name', () => {
    expect(reportSettingsOf(undefined, 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức')).toEqual({
      superiorAgency: 'Ủy ban nhân dân thành phố Thủ Đức',
      placeName: 'Thủ Đức',
      agencyAbbreviation: BLANK,
      signerTitle: 'TRƯỞNG PHÒNG',
    });
    expect(reportSettingsOf(undefined, 'Phòng Giáo dục và Đào tạo quận 1')).toMatchObject({
      superiorAgency: 'Ủy ban nhân dân quận 1',
      placeName: 'Quận 1',
    });
    expect(reportSettingsOf(undefined, 'Trung tâm Giáo dục thường xuyên')).toEqual({
      superiorAgency: BLANK,
      placeName: BLANK,
      agencyAbbreviation: BLANK,
      signerTitle: 'THỦ TRƯỞNG CƠ QUAN',
    });
  });

  it('derives them for the agencies since 2025: a ward, a province-level department', () => {
    expect(reportSettingsOf(undefined, 'Phòng Văn hóa - Xã hội phường Linh Xuân')).toMatchObject({
      superiorAgency: 'Ủy ban nhân dân phường Linh Xuân',
      placeName: 'Linh Xuân',
    });
    expect(reportSettingsOf(undefined, 'Phòng Văn hóa - Xã hội phường 15')).toMatchObject({
      superiorAgency: 'Ủy ban nhân dân phường 15',
      placeName: 'Phường 15',
    });
    expect(reportSettingsOf(undefined, 'Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh')).toEqual({
      superiorAgency: 'Ủy ban nhân dân thành phố Hồ Chí Minh',
      placeName: 'Thành phố Hồ Chí Minh',
      agencyAbbreviation: BLANK,
      signerTitle: 'GIÁM ĐỐC',
    });
    expect(reportSettingsOf(undefined, 'Phòng Giáo dục và Đào tạo thị xã Bến Cát')).toMatchObject({
      superiorAgency: 'Ủy ban nhân dân thị xã Bến Cát',
      placeName: 'Bến Cát',
    });
    expect(reportSettingsOf(undefined, 'Sở Giáo dục và Đào tạo tỉnh Bình Dương')).toMatchObject({
      superiorAgency: 'Ủy ban nhân dân tỉnh Bình Dương',
      placeName: 'Bình Dương',
    });
  });

  it('prefers the optional keys of «Cấu hình»', () => {
    const table = {
      name: SHEET.config,
      headers: [CONFIG_COLUMNS.key, CONFIG_COLUMNS.value, CONFIG_COLUMNS.note],
      rows: [
        ['Tên cơ quan', 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức', ''],
        ['Cơ quan chủ quản', 'UBND TP. Thủ Đức', ''],
        ['dia danh', 'Thành phố Thủ Đức', ''],
        ['Ký hiệu cơ quan', 'GDĐT', ''],
        ['Chức vụ người ký', '', ''],
      ] as CellValue[][],
    };
    expect(reportSettingsOf(table, MAIL_CONFIG.agencyName)).toEqual({
      superiorAgency: 'UBND TP. Thủ Đức',
      placeName: 'Thành phố Thủ Đức',
      agencyAbbreviation: 'GDĐT',
      signerTitle: 'TRƯỞNG PHÒNG',
    });
  });
});

describe('buildCityReport', () => {
  it('has the Decree 30 header: agency on the left, the national motto and a blank date on the right', () => {
    const report = reportFor(BC6T);
    expect(report.header.left.map((line) => [line.text, line.bold ?? false])).toEqual([
      ['ỦY BAN NHÂN DÂN THÀNH PHỐ THỦ ĐỨC', false],
      ['PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ THỦ ĐỨC', true],
      ['Số: …/BC-…', false],
    ]);
    expect(report.header.right.map((line) => line.text)).toEqual([
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Thủ Đức, ngày … tháng … năm …',
    ]);
    expect(report.header.right[2]?.italic).toBe(true);
    expect(report.title.map((line) => line.text)).toEqual([
      'BÁO CÁO',
      'Tình hình nộp và tổng hợp «Báo cáo 6 tháng đầu năm 2023» của các đơn vị',
      '(Báo cáo thực hiện công tác dân vận của chính quyền năm 2023)',
    ]);
    expect(report.documentTitle).toBe('Báo cáo BC6T-2023 - Phòng Giáo dục và Đào tạo thành phố Thủ Đức');
    expect(report.recipients.map((line) => line.text)).toEqual([
      'Nơi nhận:',
      '- Ủy ban nhân dân thành phố Thủ Đức (để báo cáo);',
      '- Lưu: VT.',
    ]);
    expect(report.signature[0]?.text).toBe('TRƯỞNG PHÒNG');
    expect(report.signature[report.signature.length - 1]?.text).toBe(BLANK);
  });

  it('counts the rates overall and by Cấp học, leaving out inactive and not-yet-registered units', () => {
    const report = reportFor(BC6T);
    expect(report.rates.overall).toMatchObject({
      expected: 5,
      submitted: 2,
      onTime: 1,
      late: 1,
      overdue: 1,
      needsFix: 2,
      approved: 1,
      reportingRate: 0.4,
      onTimeRate: 0.2,
    });
    const [rates] = tables(report);
    expect(rates?.columns).toEqual(RATE_COLUMNS);
    expect(rates?.rows).toEqual([
      ['Mầm non', '2', '2', '1', '1', '0', '0', '1', '100%', '50%'],
      ['Tiểu học', '2', '0', '0', '0', '1', '1', '0', '0%', '0%'],
      ['THCS', '1', '0', '0', '0', '0', '1', '0', '0%', '0%'],
      [TOTAL_LABEL, '5', '2', '1', '1', '1', '2', '1', '40%', '20%'],
    ]);
    expect(rates?.boldRows).toEqual([3]);
    expect(cityReportText(report)).toContain(
      'Số đơn vị phải nộp: 5; đã nộp: 2 (tỷ lệ báo cáo 40%), trong đó đúng hạn 1 (tỷ lệ đúng hạn 20%), ' +
        'trễ hạn 1, đã duyệt 1; cần bổ sung: 2; quá hạn chưa nộp: 1.',
    );
  });

  it('gives the totals of «Số liệu», which add up the unit rows of the period', () => {
    const board = boardOf(UNITS, PERIODS, ENTRIES, AS_OF);
    const figures = figuresTable(board, ENTRIES);
    const report = reportFor(BC6T);
    const column = (title: string) => figures.headers.indexOf(title);
    const unitRows = figures.rows.filter(
      (row) =>
        row[column(FIGURES_LEAD_COLUMNS.periodId)] === BC6T.id &&
        row[column(FIGURES_LEAD_COLUMNS.row)] === FIGURES_ROW_LABEL.unit,
    );
    const sumOf = (title: string) =>
      unitRows.reduce(
        (sum, row) => sum + (typeof row[column(title)] === 'number' ? (row[column(title)] as number) : 0),
        0,
      );
    const byTitle = new Map(report.figureTotals.map((total) => [total.column, total]));
    expect(byTitle.get('Buổi tuyên truyền, quán triệt')?.total).toBe(sumOf('Buổi tuyên truyền, quán triệt'));
    expect(byTitle.get('Buổi tuyên truyền, quán triệt')?.total).toBe(9);
    expect(byTitle.get('Lượt người dự tuyên truyền')?.total).toBe(1545);
    expect(byTitle.get('Hội nghị cán bộ, công chức, viên chức')?.total).toBe(2);
    expect(byTitle.get('Tỷ lệ văn bản điện tử (%)')?.total).toBe(81.67);
    expect(byTitle.get('Lượt người dự tuyên truyền')?.byLevel).toEqual(
      new Map<string, CellValue>([
        ['Mầm non', 1245],
        ['Tiểu học', 0],
        ['THCS', 300],
      ]),
    );
    expect(report.reportingUnits).toBe(3);
    // The plan's figure is not part of a report period.
    expect(byTitle.has('Mô hình “Dân vận khéo” đăng ký')).toBe(false);
    const figureTable = tables(report)[1];
    expect(figureTable?.columns).toEqual(['STT', 'Nội dung', 'Mầm non', 'Tiểu học', 'THCS', TOTAL_LABEL]);
    expect(figureTable?.rows[1]).toEqual(['2', 'Lượt người dự tuyên truyền', '1.245', '0', '300', '1.545']);
    expect(figureTable?.rows.find((row) => row[1] === 'Tỷ lệ văn bản điện tử (%)')).toEqual([
      '10',
      'Tỷ lệ văn bản điện tử (%)',
      '87,5',
      '',
      '70',
      '81,67',
    ]);
  });

  it('gives the plan figures for the plan period', () => {
    const report = reportFor(KH);
    expect(report.figureTotals.map((total) => [total.column, total.total])).toEqual([
      ['Mô hình “Dân vận khéo” đăng ký', 7],
    ]);
    expect(report.reportingUnits).toBe(2);
  });

  it('lists the overdue, needs-fix and late units with code, name and status', () => {
    const report = reportFor(BC6T);
    expect(report.lateOrMissing.map((unit) => [unit.code, unit.name, unit.status, unit.note])).toEqual([
      ['TH01', 'Tiểu học Uyên', 'Quá hạn, chưa nộp', ''],
      ['TH02', 'Tiểu học Ưu Đàm', 'Cần bổ sung', 'Số điện thoại liên hệ: «123» không phải là số điện thoại.'],
      ['THCS1', 'THCS An Phú', 'Cần bổ sung', 'Yêu cầu bổ sung: Thiếu chữ ký.'],
      ['MN02', 'Mầm non Đa Kao', 'Nộp trễ hạn', 'Nộp ngày 03/05/2023'],
    ]);
    const list = tables(report)[2];
    expect(list?.columns).toEqual(['STT', 'Mã đơn vị', 'Tên đơn vị', 'Cấp học', 'Tình trạng', 'Ghi chú']);
    expect(list?.rows[0]).toEqual(['1', 'TH01', 'Tiểu học Uyên', 'Tiểu học', 'Quá hạn, chưa nộp', '']);
  });

  it('says so when a period has not opened and every unit is on time', () => {
    const board = boardOf(UNITS, PERIODS, ENTRIES, AS_OF);
    const report = buildCityReport({
      campaign: CAMPAIGN,
      board,
      figures: figuresTable(board, ENTRIES),
      period: BCN,
      settings: reportSettingsOf(undefined, MAIL_CONFIG.agencyName),
    });
    const text = cityReportText(report);
    expect(text).toContain('Kỳ này chưa mở nhận nên chưa có số liệu.');
    expect(report.figureTotals).toEqual([]);
    expect(report.rates.overall.notOpen).toBe(6);
    expect(report.lateOrMissing).toEqual([]);
    expect(text).toContain('Tất cả đơn vị phải nộp đều đã nộp đúng hạn.');
  });

  it('states the deadline as written and the moment the figures stand at', () => {
    const text = cityReportText(reportFor(BC6T));
    expect(text).toContain(
      'Phòng Giáo dục và Đào tạo thành phố Thủ Đức báo cáo tình hình các đơn vị nộp «Báo cáo 6 tháng đầu năm 2023» ' +
        '(hạn nộp trước ngày 01/05/2023, tức hết ngày 30/04/2023) và kết quả tổng hợp số liệu, tính đến 08:00 ngày ' +
        '10/05/2023, như sau:',
    );
    expect(vietnamInstant('2023-05-10', 8).getTime()).toBe(at(AS_OF).getTime());
  });
});

describe('Vietnamese numbers', () => {
  it('groups thousands with dots and writes decimals with a comma', () => {
    expect(formatNumberVi(1234567)).toBe('1.234.567');
    expect(formatNumberVi(1234.5)).toBe('1.234,5');
    expect(formatNumberVi(-1234.5)).toBe('-1.234,5');
    expect(formatNumberVi(81.666666)).toBe('81,67');
    expect(formatNumberVi(0)).toBe('0');
    expect(formatRateVi(2 / 3)).toBe('66,67%');
    expect(formatRateVi(1)).toBe('100%');
    expect(formatRateVi(null)).toBe('—');
  });
});

describe('buildCityReport: Gia hạn', () => {
  it('judges an extended unit by its new day and lists the extensions with their reasons', () => {
    const extension = {
      unitCode: 'TH01',
      periodId: BC6T.id,
      newDueDate: '2023-05-15',
      reason: 'Trường bị ngập',
      approvedBy: 'Trưởng phòng',
      rowNumber: 2,
    };
    const board = boardOf(UNITS, PERIODS, ENTRIES, AS_OF, [extension]);
    const report = buildCityReport({
      campaign: { ...CAMPAIGN, extensions: [extension] },
      board,
      figures: figuresTable(board, ENTRIES),
      period: BC6T,
      settings: reportSettingsOf(undefined, MAIL_CONFIG.agencyName),
    });
    const text = cityReportText(report);
    expect(text).toContain('3 | TH01 | Tiểu học Uyên | Tiểu học | Chưa nộp (chưa hết hạn) | ');
    expect(text).toContain(
      'Các đơn vị được gia hạn (1 đơn vị):\nSTT | Mã đơn vị | Tên đơn vị | Hạn mới | Lý do | Người duyệt\n' +
        '1 | TH01 | Tiểu học Uyên | 15/05/2023 | Trường bị ngập | Trưởng phòng',
    );
    expect(cityReportText(reportFor(BC6T))).not.toContain('gia hạn');
    expect(cityReportText(reportFor(BC6T))).toContain('TH01 | Tiểu học Uyên | Tiểu học | Quá hạn, chưa nộp');
  });
});
