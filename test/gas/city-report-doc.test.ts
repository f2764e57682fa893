import type { Period } from '../../src/domain/campaign';
import { textWidthTwip } from '../../src/domain/column-widths';
import { buildCityReport, reportSettingsOf, type CityReport } from '../../src/domain/city-report';
import { figuresTable } from '../../src/domain/consolidation';
import {
  CANCELLED_MESSAGE,
  exportCityReportDoc,
  runExportReportMenu,
  writeCityReportDoc,
  type ExportReportServices,
} from '../../src/gas/city-report-doc';
import { periods2023, FIXTURE_UNITS } from '../fakes/campaign-fixture';
import { FakeDocumentApp, FakeParagraph, FakeTable, type FakeDocument } from '../fakes/document-app';
import { MAIL_CONFIG, at, campaignTables } from '../fakes/mail-fixture';
import { MemoryWorkbook } from '../fakes/memory-workbook';
import { boardOf, registerEntry } from '../domain/register-fixture';
import { GasServices } from '../../src/gas/services';
import { makeGasWorld } from './gas-world';
import { fakeUi, htmlService, spreadsheetAppWithUi } from './report-ui';

const PERIODS = periods2023();
const BC6T = PERIODS[1] as Period;
const AS_OF = '2023-05-10T08:00';

function fixtureReport(): CityReport {
  const entries = [
    registerEntry({ responseId: 'R1', unitCode: 'MNHM', periodId: BC6T.id, submittedAt: '2023-04-20T08:00' }),
    registerEntry({ responseId: 'R2', unitCode: 'THDD', periodId: BC6T.id, submittedAt: '2023-05-03T08:00' }),
  ];
  const board = boardOf(FIXTURE_UNITS, PERIODS, entries, AS_OF);
  return buildCityReport({
    campaign: { config: MAIL_CONFIG, periods: PERIODS },
    board,
    figures: figuresTable(board, entries),
    period: BC6T,
    settings: reportSettingsOf(undefined, MAIL_CONFIG.agencyName),
  });
}

function documentApp(): FakeDocumentApp {
  return new FakeDocumentApp();
}

function asService(fake: FakeDocumentApp): ExportReportServices['documentApp'] {
  return fake as unknown as ExportReportServices['documentApp'];
}

function onlyDocument(fake: FakeDocumentApp): FakeDocument {
  expect(fake.documents).toHaveLength(1);
  return fake.documents[0] as FakeDocument;
}

describe('writeCityReportDoc', () => {
  it('writes the header as a borderless table, then the title, the sections and the signature', () => {
    const fake = documentApp();
    const report = fixtureReport();
    const url = writeCityReportDoc(asService(fake), report);
    const document = onlyDocument(fake);
    expect(document.name).toBe('Báo cáo BC6T-2023 - Phòng Giáo dục và Đào tạo thành phố Thủ Đức');
    expect(url).toBe(`https://docs.google.com/document/d/${document.id}/edit`);
    expect(document.isClosed).toBe(true);

    const body = document.storedBody;
    const [header, ...rest] = body.tables;
    expect(body.elements[1]).toBe(header);
    expect(header?.borderWidth).toBe(0);
    expect(header?.storedText).toEqual([
      [
        'ỦY BAN NHÂN DÂN THÀNH PHỐ THỦ ĐỨC\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ THỦ ĐỨC\n─────────\nSố: …/BC-…',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n' +
          `${'─'.repeat(23)}\nThủ Đức, ngày … tháng … năm …`,
      ],
    ]);
    const agency = header?.rows[0]?.cells[0]?.paragraphs[1];
    expect(agency?.attributes).toEqual({
      FONT_FAMILY: 'Times New Roman',
      FONT_SIZE: 13,
      BOLD: true,
      ITALIC: false,
    });
    expect(agency?.alignment).toBe('CENTER');
    const datePlace = header?.rows[0]?.cells[1]?.paragraphs[3];
    expect(datePlace?.attributes.ITALIC).toBe(true);

    const title = body.elements[2] as FakeParagraph;
    expect(title.storedText).toBe('BÁO CÁO');
    expect(title.alignment).toBe('CENTER');
    expect(title.attributes.BOLD).toBe(true);

    const closing = rest[rest.length - 1] as FakeTable;
    expect(closing.borderWidth).toBe(0);
    expect(closing.storedText[0]?.[0]).toBe(
      'Nơi nhận:\n- Ủy ban nhân dân thành phố Thủ Đức (để báo cáo);\n- Lưu: VT.',
    );
    expect(closing.storedText[0]?.[1]?.split('\n')[0]).toBe('TRƯỞNG PHÒNG');

    // The data tables carry the model's rows exactly, their title row bold.
    const modelTables = report.body.filter((block) => block.kind === 'table');
    const dataTables = rest.slice(0, -1);
    expect(dataTables.map((table) => table.storedText)).toEqual(
      modelTables.map((block) => (block.kind === 'table' ? [[...block.columns], ...block.rows] : [])),
    );
    expect(dataTables[0]?.rows[0]?.attributes.BOLD).toBe(true);
    // Times New Roman 13, every column as wide as its content asks, the page's width in all.
    for (const table of dataTables) {
      expect(table.attributes.FONT_SIZE).toBe(13);
      const widths = table.columnWidths;
      expect(widths).toHaveLength(table.rows[0]?.cells.length ?? -1);
      expect(widths.reduce<number>((sum, width) => sum + (width ?? 0), 0)).toBeCloseTo(467.7, 0);
    }
    const codeColumn = dataTables[2]?.columnWidths[1] ?? 0;
    expect(codeColumn * 20).toBeGreaterThanOrEqual(textWidthTwip('THCSLQD', 13) + 200);
    const lateList = dataTables[2]?.storedText.slice(1).map((row) => [row[1], row[4]]);
    expect(lateList).toEqual([
      ['THCSLQD', 'Quá hạn, chưa nộp'],
      ['THDD', 'Nộp trễ hạn'],
    ]);

    // Decree 30 margins, in points: 20 mm top and bottom, 30 mm left, 15 mm right, on A4.
    expect(body.page).toEqual({
      pageWidth: 595.28,
      pageHeight: 841.89,
      marginTop: 56.69,
      marginBottom: 56.69,
      marginLeft: 85.04,
      marginRight: 42.52,
    });
    // One call per paragraph for its style, none per run of text: the body's own paragraphs (but
    // the empty one every new Doc starts with) and those in the header and signature cells.
    const cellParagraphs = [header, closing].flatMap((table) =>
      (table?.rows[0]?.cells ?? []).flatMap((cell) => cell.paragraphs),
    );
    const paragraphs = body.paragraphs.length - 1 + cellParagraphs.length;
    expect(fake.calls.count('Paragraph.setAttributes')).toBe(paragraphs);
    expect(fake.calls.count('Body.appendTable')).toBe(body.tables.length);
  });
});

describe('the DocumentApp fake', () => {
  it('rejects what Google rejects', () => {
    const fake = documentApp();
    expect(() => fake.create('  ')).toThrow('Invalid argument: name');
    const document = fake.create('Báo cáo');
    const body = document.getBody();
    expect(() => body.appendTable([['a', 'b'], ['c']])).toThrow(
      'Invalid argument: cells (every row must have the same number of cells)',
    );
    expect(() => body.appendTable([['a', 1 as unknown as string]])).toThrow(
      'Invalid argument: cells (every cell must be a string)',
    );
    expect(() => body.appendTable([])).toThrow('Invalid argument: cells');
    expect(() => body.appendParagraph(3)).toThrow('Invalid argument: text');
    const paragraph = body.appendParagraph('x');
    expect(() => paragraph.setAlignment('MIDDLE')).toThrow('Invalid argument: alignment');
    expect(() => paragraph.setAttributes({ FONT_SIZE: 0 })).toThrow(
      'Invalid argument: attributes (FONT_SIZE = 0)',
    );
    expect(() => paragraph.setAttributes({ SHADOW: true })).toThrow('unknown attribute SHADOW');
    const table = body.appendTable([['a', 'b']]);
    expect(() => table.getCell(1, 0)).toThrow('Cell (1, 0) is out of range.');
    expect(() => table.setBorderWidth(-1)).toThrow('Invalid argument: width');
    document.saveAndClose();
    expect(() => body.appendParagraph('y')).toThrow('Document is closed, its contents cannot be updated.');
    expect(() => paragraph.setText('z')).toThrow('Document is closed');
    // A body starts with one empty paragraph, as a new Google Doc does.
    expect(body.elements[0]).toBeInstanceOf(FakeParagraph);
    expect((body.elements[0] as FakeParagraph).storedText).toBe('');
    expect(fake.calls.count('DocumentApp.create')).toBe(2);
  });
});

function exportWith(answer: { button: 'OK' | 'CANCEL'; text: string }) {
  const workbook = new MemoryWorkbook(
    campaignTables(FIXTURE_UNITS, [
      { responseId: 'R1', unitCode: 'MNHM', periodId: BC6T.id, submittedAt: at('2023-04-20T08:00') },
      { responseId: 'R2', unitCode: 'THDD', periodId: BC6T.id, submittedAt: at('2023-05-03T08:00') },
    ]),
  );
  const fake = documentApp();
  const { ui, prompts, dialogs } = fakeUi(answer);
  const outcome = exportCityReportDoc({
    workbook,
    documentApp: asService(fake),
    ui,
    htmlService,
    asOf: at(AS_OF),
  });
  return { outcome, fake, prompts, dialogs, workbook };
}

describe('exportCityReportDoc', () => {
  it('asks for the period, defaults to the latest one due, and shows the link to the new Doc', () => {
    const { outcome, fake, prompts, dialogs, workbook } = exportWith({ button: 'OK', text: '' });
    expect(prompts).toEqual([
      {
        title: 'Hạn nộp — Xuất báo cáo',
        prompt:
          'Báo cáo cho kỳ nào? Các mã kỳ: KH-2023 (Kế hoạch năm 2023); BC6T-2023 (Báo cáo 6 tháng đầu năm 2023); ' +
          'BCN-2023 (Báo cáo năm 2023).\nĐể trống để chọn kỳ BC6T-2023 (kỳ gần nhất đã đến hạn).',
        buttons: 'OK_CANCEL',
      },
    ]);
    const document = onlyDocument(fake);
    expect(document.name).toBe('Báo cáo BC6T-2023 - Phòng Giáo dục và Đào tạo thành phố Thủ Đức');
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]?.title).toBe('Hạn nộp — Xuất báo cáo');
    expect(dialogs[0]?.html).toContain(
      `<a href="https://docs.google.com/document/d/${document.id}/edit" target="_blank"`,
    );
    expect(outcome).toEqual({ message: 'Đã tạo báo cáo kỳ BC6T-2023: 2 đơn vị trễ hạn hoặc chưa nộp.' });
    // The sheets are read once, for the question and the report.
    expect(workbook.reads).toHaveLength(1);
  });

  it('takes the period the officer types, without accents or case', () => {
    const { fake, outcome } = exportWith({ button: 'OK', text: ' kh-2023 ' });
    expect(onlyDocument(fake).name).toBe('Báo cáo KH-2023 - Phòng Giáo dục và Đào tạo thành phố Thủ Đức');
    expect(outcome.message).toBe('Đã tạo báo cáo kỳ KH-2023: 3 đơn vị trễ hạn hoặc chưa nộp.');
  });

  it('creates nothing when cancelled or when the period is unknown, and says why', () => {
    const cancelled = exportWith({ button: 'CANCEL', text: 'BC6T-2023' });
    expect(cancelled.outcome).toEqual({ message: CANCELLED_MESSAGE });
    expect(cancelled.fake.documents).toEqual([]);
    const unknown = exportWith({ button: 'OK', text: 'BC9T' });
    expect(unknown.outcome).toEqual({
      message: 'Không có kỳ «BC9T» trong trang «Kỳ nộp»; các mã kỳ có: KH-2023, BC6T-2023, BCN-2023.',
      dialog: true,
    });
    expect(unknown.fake.documents).toEqual([]);
    expect(unknown.dialogs).toEqual([]);
  });
});

describe('runExportReportMenu', () => {
  it('writes the Doc from the spreadsheet, shows its link and says what it made in a toast', () => {
    const world = makeGasWorld();
    const { ui, prompts, dialogs } = fakeUi({ button: 'OK', text: '' });
    // The spreadsheet's Ui, answering the prompt; the rest is the world's SpreadsheetApp.
    const spreadsheetApp = spreadsheetAppWithUi(world.globals.SpreadsheetApp, ui);
    const services = new GasServices(
      { ...world.globals, SpreadsheetApp: spreadsheetApp },
      { now: () => at(AS_OF) },
    );
    runExportReportMenu(services);
    expect(prompts).toHaveLength(1);
    const document = onlyDocument(world.documentApp);
    expect(document.name).toBe('Báo cáo BC6T-2023 - Phòng Giáo dục và Đào tạo thành phố Thủ Đức');
    expect(dialogs.map((dialog) => dialog.title)).toEqual(['Hạn nộp — Xuất báo cáo']);
    expect(world.htmlService.outputs[0]?.getContent()).toContain(
      `https://docs.google.com/document/d/${document.id}/edit`,
    );
    expect(world.sheets.spreadsheet.toasts.map((toast) => [toast.message, toast.title])).toEqual([
      ['Đã tạo báo cáo kỳ BC6T-2023: 3 đơn vị trễ hạn hoặc chưa nộp.', 'Hạn nộp — Xuất báo cáo'],
    ]);
  });
});
