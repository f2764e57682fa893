// The City report as a .docx the department opens in Word, edits and signs: the model of
// src/domain/city-report.ts laid out as Decree 30/2020/NĐ-CP asks (A4, Times New Roman, the header
// as two columns without borders, `Nơi nhận` and the signature side by side).
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import type { CityReport, ReportBlock, TextLine } from '../domain/city-report';
import { columnWidthsTwip } from '../domain/column-widths';

const FONT = 'Times New Roman';
// Decree 30, Phụ lục I: A4; top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const PAGE_MM = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 } as const;
const TEXT_WIDTH_TWIP = convertMillimetersToTwip(PAGE_MM.width - PAGE_MM.left - PAGE_MM.right);
const HEADER_LEFT_SHARE = 0.42;
// Times New Roman 13 (Decree 30 allows 13–14): the size the department's template uses.
const BODY_SIZE_PT = 13;
const TABLE_SIZE_PT = 13;
/** Word's default cell padding, left and right: 108 twips (1.9 mm) each. */
const CELL_PADDING_TWIP = 2 * 108;
const FIRST_LINE_INDENT_TWIP = convertMillimetersToTwip(10);

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];

function run(line: Pick<TextLine, 'text' | 'bold' | 'italic' | 'sizePt'>): TextRun {
  return new TextRun({
    text: line.text,
    font: FONT,
    size: line.sizePt * 2, // half-points
    bold: line.bold ?? false,
    italics: line.italic ?? false,
  });
}

function lineParagraphs(line: TextLine, alignment: Alignment, cellWidthTwip: number): Paragraph[] {
  const text = new Paragraph({ alignment, children: [run(line)] });
  if (line.ruleBelowMm === undefined) return [text];
  // An empty, tiny paragraph indented to the rule's length: its bottom border is the line.
  const margin = Math.max(0, Math.round((cellWidthTwip - convertMillimetersToTwip(line.ruleBelowMm)) / 2));
  const rule = new Paragraph({
    indent: { left: margin, right: margin },
    spacing: { before: 0, after: 0, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
  return [text, rule];
}

function borderlessTable(columns: readonly (readonly Paragraph[])[], shares: readonly number[]): Table {
  const widths = shares.map((share) => Math.round(TEXT_WIDTH_TWIP * share));
  return new Table({
    width: { size: TEXT_WIDTH_TWIP, type: WidthType.DXA },
    columnWidths: widths,
    borders: TableBorders.NONE,
    rows: [
      // One row that never splits: the signature stays whole, on one page.
      new TableRow({
        cantSplit: true,
        children: columns.map(
          (children, index) =>
            new TableCell({
              width: { size: widths[index] ?? 0, type: WidthType.DXA },
              borders: TableBorders.NONE,
              children: [...children],
            }),
        ),
      }),
    ],
  });
}

/** Widths from what a column holds (src/domain/column-widths.ts): no code or number is cut. */
function columnWidthsOf(block: Extract<ReportBlock, { kind: 'table' }>): number[] {
  return columnWidthsTwip({
    columns: block.columns,
    rows: block.rows,
    totalTwip: TEXT_WIDTH_TWIP,
    sizePt: TABLE_SIZE_PT,
    cellPaddingTwip: CELL_PADDING_TWIP,
  });
}

function dataTable(block: Extract<ReportBlock, { kind: 'table' }>): Table {
  const bold = new Set(block.boldRows);
  const widths = columnWidthsOf(block);
  const cell = (text: string, isBold: boolean, alignment: Alignment, column: number) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      width: { size: widths[column] ?? 0, type: WidthType.DXA },
      children: [
        new Paragraph({ alignment, children: [run({ text, bold: isBold, sizePt: TABLE_SIZE_PT })] }),
      ],
    });
  // Counts and rates read best centred; names and labels stay on the left.
  const isText = (column: number) =>
    block.rows.some((row) => /\p{L}/u.test(row[column] ?? '') && !/^\d[\d.,]*%?$/.test(row[column] ?? ''));
  return new Table({
    width: { size: TEXT_WIDTH_TWIP, type: WidthType.DXA },
    columnWidths: widths,
    // Fixed: Word and LibreOffice keep these widths instead of re-fitting the columns to the text.
    layout: TableLayoutType.FIXED,
    rows: [
      // Repeated at the top of every page the table runs onto.
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: block.columns.map((title, column) => cell(title, true, AlignmentType.CENTER, column)),
      }),
      ...block.rows.map(
        (row, rowIndex) =>
          new TableRow({
            cantSplit: true,
            children: row.map((text, column) =>
              cell(
                text,
                bold.has(rowIndex),
                isText(column) ? AlignmentType.LEFT : AlignmentType.CENTER,
                column,
              ),
            ),
          }),
      ),
    ],
  });
}

function bodyBlock(block: ReportBlock, keepWithNext = false): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          spacing: { before: 120, after: 120 },
          children: [run({ text: block.text, bold: true, sizePt: BODY_SIZE_PT })],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          keepNext: keepWithNext,
          keepLines: keepWithNext,
          indent: { firstLine: FIRST_LINE_INDENT_TWIP },
          spacing: { after: 120 },
          children: [run({ text: block.text, italic: block.italic ?? false, sizePt: BODY_SIZE_PT })],
        }),
      ];
    case 'table':
      // An empty paragraph after a table keeps the next one from joining it in Word.
      return [dataTable(block), new Paragraph({ children: [] })];
  }
}

export function cityReportDocument(report: CityReport): Document {
  const column = (lines: readonly TextLine[], alignment: Alignment, share: number) =>
    lines.flatMap((line) => lineParagraphs(line, alignment, TEXT_WIDTH_TWIP * share));
  const header = borderlessTable(
    [
      column(report.header.left, AlignmentType.CENTER, HEADER_LEFT_SHARE),
      column(report.header.right, AlignmentType.CENTER, 1 - HEADER_LEFT_SHARE),
    ],
    [HEADER_LEFT_SHARE, 1 - HEADER_LEFT_SHARE],
  );
  const closing = borderlessTable(
    [column(report.recipients, AlignmentType.LEFT, 0.5), column(report.signature, AlignmentType.CENTER, 0.5)],
    [0.5, 0.5],
  );
  return new Document({
    title: report.documentTitle,
    styles: { default: { document: { run: { font: FONT, size: BODY_SIZE_PT * 2 } } } },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: convertMillimetersToTwip(PAGE_MM.width),
              height: convertMillimetersToTwip(PAGE_MM.height),
            },
            margin: {
              top: convertMillimetersToTwip(PAGE_MM.top),
              bottom: convertMillimetersToTwip(PAGE_MM.bottom),
              left: convertMillimetersToTwip(PAGE_MM.left),
              right: convertMillimetersToTwip(PAGE_MM.right),
            },
          },
        },
        children: [
          header,
          new Paragraph({ children: [] }),
          ...column(report.title, AlignmentType.CENTER, 1),
          new Paragraph({ children: [] }),
          // The last paragraph goes to the page of the signature (Word keeps it with the next table).
          ...report.body.flatMap((block, index) => bodyBlock(block, index === report.body.length - 1)),
          closing,
        ],
      },
    ],
  });
}

/** The .docx bytes of the report. */
export async function cityReportDocx(report: CityReport): Promise<Buffer> {
  return Packer.toBuffer(cityReportDocument(report));
}
