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
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import type { CityReport, ReportBlock, TextLine } from '../domain/city-report';

const FONT = 'Times New Roman';
// Decree 30, Phụ lục I: A4; top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const PAGE_MM = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 } as const;
const TEXT_WIDTH_TWIP = convertMillimetersToTwip(PAGE_MM.width - PAGE_MM.left - PAGE_MM.right);
const HEADER_LEFT_SHARE = 0.42;
const BODY_SIZE_PT = 14;
const TABLE_SIZE_PT = 12;
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
      new TableRow({
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

/** Widths in proportion to what a column holds: a name needs room, a count does not. */
function columnWidthsOf(block: Extract<ReportBlock, { kind: 'table' }>): number[] {
  const weights = block.columns.map((title, column) => {
    const longestWord = Math.max(...title.split(/\s+/).map((word) => word.length));
    const longestCell = Math.max(0, ...block.rows.map((row) => (row[column] ?? '').length));
    return Math.min(Math.max(longestWord, longestCell, 3), 30);
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => Math.floor((TEXT_WIDTH_TWIP * weight) / total));
}

function dataTable(block: Extract<ReportBlock, { kind: 'table' }>): Table {
  const bold = new Set(block.boldRows);
  const cell = (text: string, isBold: boolean, alignment: Alignment) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      children: [
        new Paragraph({ alignment, children: [run({ text, bold: isBold, sizePt: TABLE_SIZE_PT })] }),
      ],
    });
  // Counts and rates read best centred; names and labels stay on the left.
  const isText = (column: number) =>
    block.rows.some((row) => /\p{L}/u.test(row[column] ?? '') && !/^\d[\d.,]*%?$/.test(row[column] ?? ''));
  const widths = columnWidthsOf(block);
  return new Table({
    width: { size: TEXT_WIDTH_TWIP, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: block.columns.map((title) => cell(title, true, AlignmentType.CENTER)),
      }),
      ...block.rows.map(
        (row, rowIndex) =>
          new TableRow({
            children: row.map((text, column) =>
              cell(text, bold.has(rowIndex), isText(column) ? AlignmentType.LEFT : AlignmentType.CENTER),
            ),
          }),
      ),
    ],
  });
}

function bodyBlock(block: ReportBlock): (Paragraph | Table)[] {
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
          ...report.body.flatMap(bodyBlock),
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
