// The report the department sends up to the City committee for one period: a document model
// (header, title, sections, tables as rows of text, recipients and signature) with the layout of
// Decree 30/2020/NĐ-CP. It holds text only, so the .docx writer and the Google Doc writer render
// the same words; it is built from the same status board and `Số liệu` rows the sheets show.
import { FORM_KIND_LABEL, describeDeadline, type Campaign, type Period } from './campaign';
import {
  FIGURES_LEAD_COLUMNS,
  FIGURES_ROW_LABEL,
  campaignFigureColumns,
  compareLevels,
  percentOf,
  type DerivedTable,
} from './consolidation';
import { FORM_SPECS } from './intake';
import { figureColumns } from './forms/figures';
import { CONFIG_COLUMNS } from './layout';
import {
  STATUS_LABEL,
  computeGroupRates,
  periodRates,
  statusOf,
  type PeriodRates,
  type StatusBoard,
} from './status';
import { cellText, readRecords, type CellValue, type Table } from './table';
import { cleanText, foldForMatch } from './text';
import { formatVietnameseDate, formatVietnameseDateTime, vietnamDateOf } from './time';

/** One line of text with the emphasis and size (points) Decree 30 gives it. */
export interface TextLine {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly sizePt: number;
  /** Decree 30 draws a short solid line under the agency name and under the motto: its length. */
  readonly ruleBelowMm?: number;
}

export type ReportBlock =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly italic?: boolean }
  | {
      readonly kind: 'table';
      readonly columns: readonly string[];
      readonly rows: readonly (readonly string[])[];
      /** Rows (0-based, below the column titles) shown bold: totals. */
      readonly boldRows: readonly number[];
    };

export interface LateOrMissingUnit {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  /** What the report says of the unit, e.g. `Quá hạn, chưa nộp`. */
  readonly status: string;
  readonly note: string;
}

export interface FigureTotal {
  readonly column: string;
  /** The `Tổng cộng` row of `Số liệu` for the period. */
  readonly total: CellValue;
  /** The `Cộng Cấp học: …` rows, by level. */
  readonly byLevel: ReadonlyMap<string, CellValue>;
}

export interface CityReport {
  /** A file or document name: `Báo cáo BC6T-2023 - Phòng Giáo dục và Đào tạo phường Linh Xuân`. */
  readonly documentTitle: string;
  readonly period: Period;
  readonly header: { readonly left: readonly TextLine[]; readonly right: readonly TextLine[] };
  /** `BÁO CÁO` and the subject lines, centred. */
  readonly title: readonly TextLine[];
  readonly body: readonly ReportBlock[];
  /** The two columns under the body: `Nơi nhận` on the left, the signature on the right. */
  readonly recipients: readonly TextLine[];
  readonly signature: readonly TextLine[];
  readonly rates: {
    readonly overall: PeriodRates;
    readonly byLevel: readonly (PeriodRates & { level: string })[];
  };
  readonly figureTotals: readonly FigureTotal[];
  /** Units that reported, the `Số đơn vị có số liệu` of the total row; null before the period opens. */
  readonly reportingUnits: number | null;
  readonly lateOrMissing: readonly LateOrMissingUnit[];
}

/** Optional `Cấu hình` keys only the report reads; when absent they follow from `Tên cơ quan`. */
export const REPORT_CONFIG_KEY = {
  superiorAgency: 'Cơ quan chủ quản',
  placeName: 'Địa danh',
  agencyAbbreviation: 'Ký hiệu cơ quan',
  signerTitle: 'Chức vụ người ký',
} as const;

export interface ReportSettings {
  readonly superiorAgency: string;
  readonly placeName: string;
  readonly agencyAbbreviation: string;
  readonly signerTitle: string;
}

/** A blank a person fills in by hand (Decree 30's dotted blanks). */
export const BLANK = '…';

/** The period the report is about, or why there is none. */
export class UnknownPeriodError extends Error {
  override readonly name = 'UnknownPeriodError';
  constructor(
    readonly requested: string,
    readonly knownIds: readonly string[],
  ) {
    super(
      knownIds.length === 0
        ? 'Trang «Kỳ nộp» chưa có kỳ nào.'
        : `Không có kỳ «${requested}» trong trang «Kỳ nộp»; các mã kỳ có: ${knownIds.join(', ')}.`,
    );
  }
}

/**
 * The period named by `requestedId` (matched without accents and case); by default the latest one
 * whose due moment has passed at `asOf`, else the latest one opened, else the first one.
 */
export function chooseReportPeriod(periods: readonly Period[], asOf: Date, requestedId?: string): Period {
  if (requestedId !== undefined) {
    const wanted = foldForMatch(requestedId);
    const found = periods.find((period) => foldForMatch(period.id) === wanted);
    if (!found)
      throw new UnknownPeriodError(
        cleanText(requestedId),
        periods.map((period) => period.id),
      );
    return found;
  }
  const at = asOf.getTime();
  const due = periods.filter((period) => period.dueAt.getTime() < at);
  const opened = periods.filter((period) => period.opensAt.getTime() <= at);
  const chosen = due[due.length - 1] ?? latestOpened(opened) ?? periods[0];
  if (!chosen) throw new UnknownPeriodError(BLANK, []);
  return chosen;
}

function latestOpened(opened: readonly Period[]): Period | undefined {
  return [...opened].sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime()).pop();
}

// `Phòng Giáo dục và Đào tạo thành phố X`, `Phòng Văn hóa - Xã hội phường Y` (since 2025 the
// district level is gone), `Sở Giáo dục và Đào tạo tỉnh Z` → the government it belongs to.
// The last locality word wins (`Xã hội phường Y`: the ward, not the `xã` of `Xã hội`).
const LOCALITY = /^(?:.*\s)?(thành phố|quận|huyện|thị xã|phường|(?<!thị\s)xã|thị trấn|tỉnh)\s+(\S.*)$/iu;

function localityOf(agencyName: string): { kind: string; name: string } | null {
  const match = LOCALITY.exec(agencyName.normalize('NFC'));
  return match ? { kind: (match[1] as string).toLowerCase(), name: (match[2] as string).trim() } : null;
}

/**
 * The place a document is written at (Decree 30): the locality's name; a numbered one keeps its
 * word (`Quận 1`, `Phường 15`), and Hồ Chí Minh City keeps `Thành phố` so as not to read as a name.
 */
function placeOf(locality: { kind: string; name: string }): string {
  const word = locality.kind.charAt(0).toUpperCase() + locality.kind.slice(1);
  if (/^\d+$/.test(locality.name)) return `${word} ${locality.name}`;
  if (foldForMatch(locality.name) === foldForMatch('Hồ Chí Minh')) return `Thành phố ${locality.name}`;
  return locality.name;
}

function defaultSignerTitle(agencyName: string): string {
  const folded = foldForMatch(agencyName);
  if (folded.startsWith('phong ')) return 'TRƯỞNG PHÒNG';
  if (folded.startsWith('so ')) return 'GIÁM ĐỐC';
  return 'THỦ TRƯỞNG CƠ QUAN';
}

/**
 * The report's own settings from `Cấu hình` (optional keys), else derived from the agency name:
 * a Phòng of `phường Linh Xuân` belongs to `Ủy ban nhân dân phường Linh Xuân` and writes its
 * documents at `Linh Xuân` (placeOf). What cannot be derived stays a blank to fill in.
 */
export function reportSettingsOf(configTable: Table | undefined, agencyName: string): ReportSettings {
  const values = new Map<string, string>();
  if (configTable) {
    const records = readRecords(configTable, configTable.name, {
      required: [CONFIG_COLUMNS.key, CONFIG_COLUMNS.value],
    });
    for (const record of records) {
      const key = foldForMatch(cleanText(cellText(record.get(CONFIG_COLUMNS.key))));
      const value = cleanText(cellText(record.get(CONFIG_COLUMNS.value)));
      if (key && value) values.set(key, value);
    }
  }
  const configured = (key: string) => values.get(foldForMatch(key));
  const locality = localityOf(agencyName);
  const derivedPlace = locality ? placeOf(locality) : BLANK;
  return {
    superiorAgency:
      configured(REPORT_CONFIG_KEY.superiorAgency) ??
      (locality ? `Ủy ban nhân dân ${locality.kind} ${locality.name}` : BLANK),
    placeName: configured(REPORT_CONFIG_KEY.placeName) ?? derivedPlace,
    agencyAbbreviation: configured(REPORT_CONFIG_KEY.agencyAbbreviation) ?? BLANK,
    signerTitle: configured(REPORT_CONFIG_KEY.signerTitle) ?? defaultSignerTitle(agencyName),
  };
}

/** `1.234`, `12,5`: Vietnamese digit grouping and decimal comma. */
export function formatNumberVi(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  const [whole, fraction] = Math.abs(rounded).toString().split('.');
  const grouped = (whole as string).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** `93,33%`; a dash when nothing is expected. */
export function formatRateVi(rate: number | null): string {
  const percent = percentOf(rate);
  return percent === null ? '—' : `${formatNumberVi(percent)}%`;
}

function cellOf(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumberVi(value);
  return cellText(value);
}

function upper(text: string): string {
  return text.normalize('NFC').toUpperCase();
}

// Decree 30, Phụ lục I: sizes in points.
const SIZE = { header: 13, motto: 14, body: 14, table: 12, recipients: 12, recipientLines: 11 } as const;
// About a third of the agency name; as long as the motto.
const RULE_MM = { agency: 25, motto: 62 } as const;

export const RATE_COLUMNS = [
  'Cấp học',
  'Phải nộp',
  'Đã nộp',
  'Đúng hạn',
  'Trễ hạn',
  'Quá hạn',
  'Cần bổ sung',
  'Đã duyệt',
  'Tỷ lệ báo cáo',
  'Tỷ lệ đúng hạn',
] as const;

export const TOTAL_LABEL = 'Tổng cộng';

function rateRow(label: string, rates: PeriodRates): string[] {
  return [
    label,
    String(rates.expected),
    String(rates.submitted),
    String(rates.onTime),
    String(rates.late),
    String(rates.overdue),
    String(rates.needsFix),
    String(rates.approved),
    formatRateVi(rates.reportingRate),
    formatRateVi(rates.onTimeRate),
  ];
}

/** The `Số liệu` rows of one period: the totals by Cấp học and the overall total. */
function figureTotalsOf(
  figures: DerivedTable,
  period: Period,
): { totals: FigureTotal[]; reporting: number | null } {
  const index = (column: string) => figures.headers.indexOf(column);
  const periodAt = index(FIGURES_LEAD_COLUMNS.periodId);
  const rowAt = index(FIGURES_LEAD_COLUMNS.row);
  const levelAt = index(FIGURES_LEAD_COLUMNS.level);
  const reportingAt = index(FIGURES_LEAD_COLUMNS.reporting);
  const rows = figures.rows.filter((row) => row[periodAt] === period.id);
  const totalRow = rows.find((row) => row[rowAt] === FIGURES_ROW_LABEL.total);
  if (!totalRow) return { totals: [], reporting: null };
  const levelRows = rows.filter(
    (row) => row[rowAt] === FIGURES_ROW_LABEL.subtotal && cellText(row[levelAt] ?? null) !== '',
  );
  const inForm = new Set(figureColumns(FORM_SPECS[period.form]).map((column) => column.column));
  const totals = campaignFigureColumns([period])
    .filter((column) => inForm.has(column.column))
    .map((column) => {
      const at = index(column.column);
      return {
        column: column.column,
        total: totalRow[at] ?? null,
        byLevel: new Map(levelRows.map((row) => [cellText(row[levelAt] ?? null), row[at] ?? null])),
      };
    });
  const reporting = totalRow[reportingAt];
  return { totals, reporting: typeof reporting === 'number' ? reporting : null };
}

const LATE_ORDER = ['overdue', 'needs_fix', 'pending', 'late'] as const;
const LATE_STATUS_TEXT: Record<(typeof LATE_ORDER)[number], string> = {
  overdue: 'Quá hạn, chưa nộp',
  needs_fix: STATUS_LABEL.needs_fix,
  pending: 'Chưa nộp (chưa hết hạn)',
  late: 'Nộp trễ hạn',
};

function lateOrMissingUnits(board: StatusBoard, period: Period): LateOrMissingUnit[] {
  const found: { order: number; unit: LateOrMissingUnit }[] = [];
  for (const unit of board.units) {
    if (!unit.isActive) continue;
    const status = statusOf(board, unit.code, period.id);
    if (!status.isExpected) continue;
    const kind =
      status.status === 'overdue' || status.status === 'needs_fix' || status.status === 'pending'
        ? status.status
        : (status.status === 'submitted' || status.status === 'approved') && status.timeliness === 'late'
          ? 'late'
          : null;
    if (!kind) continue;
    const note =
      kind === 'late' && status.submittedAt
        ? `Nộp ngày ${formatVietnameseDate(vietnamDateOf(status.submittedAt))}`
        : kind === 'needs_fix'
          ? (status.issues[0] ?? '')
          : '';
    found.push({
      order: LATE_ORDER.indexOf(kind),
      unit: { code: unit.code, name: unit.name, level: unit.level, status: LATE_STATUS_TEXT[kind], note },
    });
  }
  // Stable sort: within a kind, by Cấp học, then in the board's (Vietnamese name) order.
  return found
    .sort((a, b) => a.order - b.order || compareLevels(a.unit.level, b.unit.level))
    .map((entry) => entry.unit);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export interface CityReportInput {
  readonly campaign: Campaign;
  /** The statuses as the sheets show them (reviews judged). */
  readonly board: StatusBoard;
  /** `Số liệu` as consolidation computes it from the same board. */
  readonly figures: DerivedTable;
  readonly period: Period;
  readonly settings: ReportSettings;
}

export function buildCityReport(input: CityReportInput): CityReport {
  const { campaign, board, figures, period, settings } = input;
  const { config } = campaign;
  const at = formatVietnameseDateTime(board.asOf);
  const [asOfDate, asOfTime] = [at.slice(0, 10), at.slice(11)];
  const deadline = describeDeadline(period);
  const campaignTitle = `${FORM_KIND_LABEL[period.form]} ${config.planName}`;

  const overall = computeGroupRates(board, ['all'])[0]?.periods.find((rates) => rates.periodId === period.id);
  const overallRates = overall ?? periodRates([], period.id);
  const byLevel = computeGroupRates(board, ['level'], compareLevels)
    .map((group) => ({
      level: group.group,
      ...(group.periods.find((rates) => rates.periodId === period.id) ?? periodRates([], period.id)),
    }))
    .filter((rates) => rates.expected > 0);
  const { totals, reporting } = figureTotalsOf(figures, period);
  const approvedOnly = campaign.config.figuresBasis === 'approved';
  const lateOrMissing = lateOrMissingUnits(board, period);

  const body: ReportBlock[] = [
    {
      kind: 'paragraph',
      text:
        `${config.agencyName} báo cáo tình hình các đơn vị nộp ` +
        `«${period.name}» (hạn nộp ${deadline.asWritten}, tức ${deadline.dueMoment}) và kết quả tổng hợp ` +
        `số liệu, tính đến ${asOfTime} ngày ${asOfDate}, như sau:`,
    },
    { kind: 'heading', text: 'I. TÌNH HÌNH NỘP' },
    {
      kind: 'paragraph',
      text:
        `Số đơn vị phải nộp: ${overallRates.expected}; đã nộp: ${overallRates.submitted} ` +
        `(tỷ lệ báo cáo ${formatRateVi(overallRates.reportingRate)}), trong đó đúng hạn ${overallRates.onTime} ` +
        `(tỷ lệ đúng hạn ${formatRateVi(overallRates.onTimeRate)}), trễ hạn ${overallRates.late}, ` +
        `đã duyệt ${overallRates.approved}; cần bổ sung: ${overallRates.needsFix}; ` +
        `quá hạn chưa nộp: ${overallRates.overdue}` +
        (overallRates.pending > 0 ? `; chưa nộp (chưa hết hạn): ${overallRates.pending}` : '') +
        (overallRates.notOpen > 0 ? `; chưa mở nhận: ${overallRates.notOpen}` : '') +
        '.',
    },
    {
      kind: 'table',
      columns: RATE_COLUMNS,
      rows: [...byLevel.map((rates) => rateRow(rates.level, rates)), rateRow(TOTAL_LABEL, overallRates)],
      boldRows: [byLevel.length],
    },
    { kind: 'heading', text: 'II. TỔNG HỢP SỐ LIỆU' },
  ];
  if (totals.length === 0) {
    body.push({ kind: 'paragraph', text: 'Kỳ này chưa mở nhận nên chưa có số liệu.' });
  } else {
    const levels = [...new Set(totals.flatMap((total) => [...total.byLevel.keys()]))].sort(compareLevels);
    body.push(
      {
        kind: 'paragraph',
        text: `Số liệu của ${reporting ?? 0} đơn vị có ${lowerFirst(FORM_KIND_LABEL[period.form])} ${
          approvedOnly ? 'đã được duyệt' : 'hợp lệ'
        }:`,
      },
      {
        kind: 'table',
        columns: ['STT', 'Nội dung', ...levels, TOTAL_LABEL],
        rows: totals.map((total, index) => [
          String(index + 1),
          total.column,
          ...levels.map((level) => cellOf(total.byLevel.get(level))),
          cellOf(total.total),
        ]),
        boldRows: [],
      },
    );
    if (approvedOnly)
      body.push({
        kind: 'paragraph',
        italic: true,
        text: 'Ghi chú: số liệu chỉ tính các bài đã được Phòng duyệt; tỷ lệ nộp tính trên mọi bài nộp hợp lệ.',
      });
  }
  body.push({ kind: 'heading', text: 'III. ĐƠN VỊ TRỄ HẠN, CHƯA NỘP' });
  if (lateOrMissing.length === 0) {
    body.push({ kind: 'paragraph', text: 'Tất cả đơn vị phải nộp đều đã nộp đúng hạn.' });
  } else {
    body.push({
      kind: 'table',
      columns: ['STT', 'Mã đơn vị', 'Tên đơn vị', 'Cấp học', 'Tình trạng', 'Ghi chú'],
      rows: lateOrMissing.map((unit, index) => [
        String(index + 1),
        unit.code,
        unit.name,
        unit.level,
        unit.status,
        unit.note,
      ]),
      boldRows: [],
    });
  }
  // Extensions granted for the period (`Gia hạn`), with their reasons: the due moment those units
  // were judged by is not the plan's.
  const extended = board.extensions.filter((extension) => extension.periodId === period.id);
  if (extended.length > 0) {
    const nameOf = new Map(board.units.map((unit) => [unit.code, unit.name]));
    body.push(
      { kind: 'paragraph', text: `Các đơn vị được gia hạn (${extended.length} đơn vị):` },
      {
        kind: 'table',
        columns: ['STT', 'Mã đơn vị', 'Tên đơn vị', 'Hạn mới', 'Lý do', 'Người duyệt'],
        rows: extended.map((extension, index) => [
          String(index + 1),
          extension.unitCode,
          nameOf.get(extension.unitCode) ?? '',
          formatVietnameseDate(extension.newDueDate),
          extension.reason,
          extension.approvedBy,
        ]),
        boldRows: [],
      },
    );
  }
  body.push(
    { kind: 'heading', text: 'IV. ĐÁNH GIÁ, KIẾN NGHỊ' },
    { kind: 'paragraph', text: `${BLANK}${BLANK}${BLANK}`, italic: true },
    {
      kind: 'paragraph',
      text: `Trên đây là báo cáo tình hình nộp «${period.name}» của ${config.agencyName}./.`,
    },
  );

  return {
    documentTitle: `Báo cáo ${period.id} - ${config.agencyName}`,
    period,
    header: {
      left: [
        { text: upper(settings.superiorAgency), sizePt: SIZE.header },
        { text: upper(config.agencyName), bold: true, sizePt: SIZE.header, ruleBelowMm: RULE_MM.agency },
        { text: `Số: ${BLANK}/BC-${settings.agencyAbbreviation}`, sizePt: SIZE.header },
      ],
      right: [
        { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, sizePt: SIZE.header },
        { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, sizePt: SIZE.motto, ruleBelowMm: RULE_MM.motto },
        {
          text: `${settings.placeName}, ngày ${BLANK} tháng ${BLANK} năm ${BLANK}`,
          italic: true,
          sizePt: SIZE.motto,
        },
      ],
    },
    title: [
      { text: 'BÁO CÁO', bold: true, sizePt: SIZE.body },
      { text: `Tình hình nộp và tổng hợp «${period.name}» của các đơn vị`, bold: true, sizePt: SIZE.body },
      { text: `(${campaignTitle})`, bold: true, sizePt: SIZE.body },
    ],
    body,
    recipients: [
      { text: 'Nơi nhận:', bold: true, italic: true, sizePt: SIZE.recipients },
      ...(settings.superiorAgency !== BLANK
        ? [{ text: `- ${settings.superiorAgency} (để báo cáo);`, sizePt: SIZE.recipientLines }]
        : [{ text: `- ${BLANK};`, sizePt: SIZE.recipientLines }]),
      { text: '- Lưu: VT.', sizePt: SIZE.recipientLines },
    ],
    signature: [
      { text: upper(settings.signerTitle), bold: true, sizePt: SIZE.body },
      { text: '(Ký, ghi rõ họ tên và đóng dấu)', italic: true, sizePt: SIZE.body },
      { text: '', sizePt: SIZE.body },
      { text: '', sizePt: SIZE.body },
      { text: '', sizePt: SIZE.body },
      { text: BLANK, bold: true, sizePt: SIZE.body },
    ],
    rates: { overall: overallRates, byLevel },
    figureTotals: totals,
    reportingUnits: reporting,
    lateOrMissing,
  };
}

/** The report as plain text, one line per paragraph or table row: what tests and logs read. */
export function cityReportText(report: CityReport): string {
  const lines = (items: readonly TextLine[]) => items.map((item) => item.text);
  const blocks = report.body.flatMap((block) =>
    block.kind === 'table'
      ? [block.columns.join(' | '), ...block.rows.map((row) => row.join(' | '))]
      : [block.text],
  );
  return [
    ...lines(report.header.left),
    ...lines(report.header.right),
    ...lines(report.title),
    ...blocks,
    ...lines(report.recipients),
    ...lines(report.signature),
  ].join('\n');
}
