// `hannop report --docx` on the demo campaign: the file is read back as Word would open it (the
// zip, then word/document.xml), and its totals are checked against the workbook's own `Số liệu`
// sheet and `hannop status --json`, not against numbers written here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIGURES_LEAD_COLUMNS, FIGURES_ROW_LABEL } from '../../src/domain/consolidation';
import { textWidthTwip } from '../../src/domain/column-widths';
import { SHEET } from '../../src/domain/layout';
import type { StatusReport } from '../../src/domain/status-report';
import type { CellValue } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { runCli, type CliOutcome } from './cli-runner';
import { bodyBlocks, documentXml, tables, type Block } from './docx-text';

const AS_OF = '2023-06-01T08:00';
const PERIOD = 'BC6T-2023';

let dir: string;

function hannop(...argv: string[]): Promise<CliOutcome> {
  return runCli(argv, { now: () => vietnamInstant('2023-06-01', 8), cwd: dir });
}

/** `1.245` → 1245, `81,67` → 81.67. */
function viNumber(text: string): number {
  return Number(text.replace(/\./g, '').replace(',', '.'));
}

let xml: string;
let blocks: Block[];
let status: StatusReport;
let reportOutcome: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-docx-'));
  expect((await hannop('init', '--workbook', 'w.xlsx', '--demo')).code).toBe(0);
  expect((await hannop('run', '--workbook', 'w.xlsx', '--as-of', AS_OF)).code).toBe(0);
  reportOutcome = await hannop('report', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--docx', 'bao-cao.docx');
  const statusOutcome = await hannop('status', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--json');
  status = JSON.parse(statusOutcome.stdout) as StatusReport;
  xml = await documentXml(join(dir, 'bao-cao.docx'));
  blocks = bodyBlocks(xml);
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('hannop report --docx on the demo campaign', () => {
  it('writes a .docx for the latest period due and says so', () => {
    expect(reportOutcome.stderr).toBe('');
    expect(reportOutcome.code).toBe(0);
    const period = status.periods.find((candidate) => candidate.id === PERIOD);
    const late = status.units.filter((unit) => {
      const state = unit.periods[PERIOD];
      return (
        state && (['overdue', 'needs_fix', 'pending'].includes(state.status) || state.timeliness === 'late')
      );
    });
    expect(reportOutcome.stdout).toBe(
      `Đã ghi báo cáo «bao-cao.docx» cho kỳ ${PERIOD} (Báo cáo 6 tháng đầu năm 2023): ` +
        `${period?.submitted}/${period?.expected} đơn vị đã nộp, ${late.length} đơn vị trễ hạn hoặc chưa nộp.\n`,
    );
  });

  it('opens with the Decree 30 header in a borderless two-column table, on A4 with its margins', () => {
    const header = tables(blocks)[0];
    expect(blocks[0]).toBe(header);
    expect(header?.rows).toEqual([
      [
        'ỦY BAN NHÂN DÂN THÀNH PHỐ THỦ ĐỨC\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ THỦ ĐỨC\n\nSố: …/BC-…',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nThủ Đức, ngày … tháng … năm …',
      ],
    ]);
    // The short solid lines under the agency name and the motto: empty paragraphs with a bottom border.
    expect(header?.xml.match(/<w:pBdr><w:bottom w:val="single"/g)).toHaveLength(2);
    const borders = /<w:tblBorders>([\s\S]*?)<\/w:tblBorders>/.exec(header?.xml ?? '')?.[1] ?? '';
    expect([...borders.matchAll(/w:val="([a-z]+)"/g)].map((match) => match[1])).toEqual(
      Array(6).fill('none'),
    );
    const texts = blocks.filter((block) => block.kind === 'paragraph').map((block) => block.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'BÁO CÁO',
        'Tình hình nộp và tổng hợp «Báo cáo 6 tháng đầu năm 2023» của các đơn vị',
        'I. TÌNH HÌNH NỘP',
      ]),
    );
    // A4 (210 × 297 mm) with 20 mm top and bottom, 30 mm left and 15 mm right, in twentieths of a point.
    expect(xml).toMatch(/<w:pgSz w:w="1190[56]" w:h="1683[78]"/);
    const margin = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? '';
    const mm = (side: string) => Number(new RegExp(`w:${side}="(\\d+)"`).exec(margin)?.[1]) / (1440 / 25.4);
    expect(Math.round(mm('top'))).toBe(20);
    expect(Math.round(mm('bottom'))).toBe(20);
    expect(Math.round(mm('left'))).toBe(30);
    expect(Math.round(mm('right'))).toBe(15);
    expect(xml).toContain('w:ascii="Times New Roman"');
    const signature = tables(blocks)[tables(blocks).length - 1];
    expect(signature?.rows[0]?.[0]).toBe(
      'Nơi nhận:\n- Ủy ban nhân dân thành phố Thủ Đức (để báo cáo);\n- Lưu: VT.',
    );
    expect(signature?.rows[0]?.[1]?.split('\n')[0]).toBe('TRƯỞNG PHÒNG');
  });

  it('reads as a finished document: Times New Roman 13, fixed widths from content, headers repeated, rows and signature whole', () => {
    const data = tables(blocks).slice(1, -1);
    expect(data.length).toBeGreaterThanOrEqual(3);
    for (const table of data) {
      expect(table.xml).toContain('<w:tblLayout w:type="fixed"/>');
      // The header row repeats on every page; no row is split across two pages.
      expect(table.xml).toMatch(/^<w:tbl>[\s\S]*?<w:tr><w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>/);
      expect(table.xml.match(/<w:tr>/g)?.length).toBe(table.xml.match(/<w:cantSplit\/>/g)?.length);
      expect(table.xml).toContain('<w:sz w:val="26"/>');
      const widths = [
        ...(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(table.xml)?.[1] ?? '').matchAll(/w:w="(\d+)"/g),
      ].map((match) => Number(match[1]));
      expect(widths.reduce((sum, width) => sum + width, 0)).toBe(Math.round((165 * 1440) / 25.4));
    }
    // The late units' table: the code column is no narrower than its longest code needs.
    const late = data.find((table) => table.rows[0]?.[1] === 'Mã đơn vị')!;
    const grid = [
      ...(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(late.xml)?.[1] ?? '').matchAll(/w:w="(\d+)"/g),
    ];
    expect(Number(grid[1]?.[1])).toBeGreaterThanOrEqual(textWidthTwip('THCS045', 13) + 216);
    // The last paragraph stays with the signature that follows it.
    const closing = /<w:p>(?:(?!<w:p>)[\s\S])*?Trên đây là báo cáo[\s\S]*?<\/w:p>/.exec(xml)?.[0] ?? '';
    expect(closing).toContain('<w:keepNext/>');
    expect(closing).toContain('<w:keepLines/>');
    expect(tables(blocks).at(-1)?.xml).toContain('<w:cantSplit/>');
  });

  it('gives the rates of `hannop status` for the period', () => {
    const rates = tables(blocks)[1];
    const total = rates?.rows.find((row) => row[0] === 'Tổng cộng');
    const period = status.periods.find((candidate) => candidate.id === PERIOD);
    expect(period).toBeDefined();
    expect(total?.slice(1, 8).map(Number)).toEqual([
      period?.expected,
      period?.submitted,
      period?.onTime,
      period?.late,
      period?.overdue,
      period?.needsFix,
      period?.approved,
    ]);
    expect(total?.[8]).toBe(
      `${String(Math.round((period?.reportingRate ?? 0) * 10000) / 100).replace('.', ',')}%`,
    );
  });

  it('gives totals equal to the sum of the unit rows of `Số liệu`', async () => {
    const figures = (await XlsxWorkbook.open(join(dir, 'w.xlsx'))).read([SHEET.figures]).get(SHEET.figures);
    expect(figures).toBeDefined();
    const headers = figures?.headers ?? [];
    const at = (title: string) => headers.indexOf(title);
    const unitRows = (figures?.rows ?? []).filter(
      (row) =>
        row[at(FIGURES_LEAD_COLUMNS.periodId)] === PERIOD &&
        row[at(FIGURES_LEAD_COLUMNS.row)] === FIGURES_ROW_LABEL.unit,
    );
    expect(unitRows.length).toBeGreaterThan(0);
    const values = (title: string): CellValue[] => unitRows.map((row) => row[at(title)] ?? null);
    const numbers = (title: string) =>
      values(title).filter((value): value is number => typeof value === 'number');
    const figureTable = tables(blocks)[2];
    expect(figureTable?.rows[0]?.[0]).toBe('STT');
    const rows = figureTable?.rows.slice(1) ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      const title = row[1] as string;
      const shown = row[row.length - 1] as string;
      expect(at(title)).toBeGreaterThan(0);
      if (title === 'Hội nghị cán bộ, công chức, viên chức') {
        expect(viNumber(shown)).toBe(values(title).filter((value) => value === 'Có').length);
      } else if (title === 'Tỷ lệ văn bản điện tử (%)') {
        const list = numbers(title);
        expect(viNumber(shown)).toBe(Math.round((list.reduce((a, b) => a + b, 0) / list.length) * 100) / 100);
      } else {
        const sum = numbers(title).reduce((a, b) => a + b, 0);
        expect(viNumber(shown)).toBe(sum);
      }
    }
    expect(rows.some((row) => viNumber(row[row.length - 1] as string) > 0)).toBe(true);
  });

  it('lists every late, overdue and needs-fix unit of the period with its code and name', () => {
    const list = tables(blocks)[3];
    expect(list?.rows[0]).toEqual(['STT', 'Mã đơn vị', 'Tên đơn vị', 'Cấp học', 'Tình trạng', 'Ghi chú']);
    const listed = (list?.rows.slice(1) ?? []).map((row) => `${row[1]} ${row[2]}`).sort();
    const expected = status.units
      .filter((unit) => {
        const state = unit.periods[PERIOD];
        return (
          state && (['overdue', 'needs_fix', 'pending'].includes(state.status) || state.timeliness === 'late')
        );
      })
      .map((unit) => `${unit.code} ${unit.name}`)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(listed).toEqual(expected);
    const overdue = status.units.find((unit) => unit.periods[PERIOD]?.status === 'overdue');
    expect(list?.rows.find((row) => row[1] === overdue?.code)?.[4]).toBe('Quá hạn, chưa nộp');
  });
});
