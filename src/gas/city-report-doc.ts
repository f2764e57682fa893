// "Xuất báo cáo": the report for the City committee as a new Google Doc in the officer's Drive,
// which the department edits and signs. The words come from src/domain/city-report.ts; this file
// only lays them out (Decree 30: A4, Times New Roman, the header as two columns without borders).
import { cityReportOf } from '../app/city-report';
import { readCampaignState } from '../app/campaign-state';
import {
  chooseReportPeriod,
  UnknownPeriodError,
  type CityReport,
  type TextLine,
} from '../domain/city-report';
import { columnWidthsTwip } from '../domain/column-widths';
import { escapeHtml } from '../domain/mail-content';
import type { Workbook } from '../ports';
import { MENU_TITLE } from './menu';
import { runMenuAction, type MenuOutcome } from './menu-action';
import type { GasServices } from './services';

type DocumentServices = Pick<
  GoogleAppsScript.Document.DocumentApp,
  'create' | 'HorizontalAlignment' | 'Attribute'
>;
type Body = GoogleAppsScript.Document.Body;
type Paragraph = GoogleAppsScript.Document.Paragraph;
type Table = GoogleAppsScript.Document.Table;

export const EXPORT_REPORT_LABEL = 'Xuất báo cáo';
const FONT = 'Times New Roman';
// Times New Roman 13, as the .docx (src/node/docx-report.ts).
const TABLE_SIZE_PT = 13;
const BODY_SIZE_PT = 13;
/** Docs' default cell padding, left and right: 5 pt each, in twips. */
const CELL_PADDING_TWIP = 2 * 5 * 20;
const POINTS_PER_MM = 72 / 25.4;
// Decree 30, Phụ lục I: A4; top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const PAGE_MM = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 } as const;
const TEXT_WIDTH_PT = (PAGE_MM.width - PAGE_MM.left - PAGE_MM.right) * POINTS_PER_MM;

const RULE_CHARACTER = '─';
/** The width of RULE_CHARACTER at 13–14 pt, about 0.6 em. */
const RULE_CHARACTER_MM = 2.75;

const points = (mm: number) => Math.round(mm * POINTS_PER_MM * 100) / 100;

function styled(documentApp: DocumentServices, paragraph: Paragraph, line: Omit<TextLine, 'text'>): void {
  const { Attribute } = documentApp;
  // One call per paragraph: every Docs call is a round trip.
  paragraph.setAttributes({
    [Attribute.FONT_FAMILY]: FONT,
    [Attribute.FONT_SIZE]: line.sizePt,
    [Attribute.BOLD]: line.bold ?? false,
    [Attribute.ITALIC]: line.italic ?? false,
  });
}

/** A one-row table without borders, each cell holding its lines as paragraphs. */
function appendColumns(
  documentApp: DocumentServices,
  body: Body,
  columns: readonly { lines: readonly TextLine[]; align: GoogleAppsScript.Document.HorizontalAlignment }[],
  shares: readonly number[],
): Table {
  const table = body.appendTable([columns.map(() => '')]);
  table.setBorderWidth(0);
  columns.forEach((column, index) => {
    const cell = table.getCell(0, index);
    cell.setWidth(Math.round(TEXT_WIDTH_PT * (shares[index] ?? 0)));
    column.lines.forEach((line, lineIndex) => {
      // A new cell already holds one empty paragraph: the first line goes there.
      let paragraph: Paragraph;
      if (lineIndex === 0) {
        paragraph = cell.getChild(0).asParagraph();
        paragraph.setText(line.text);
      } else {
        paragraph = cell.appendParagraph(line.text);
      }
      paragraph.setAlignment(column.align);
      styled(documentApp, paragraph, line);
      if (line.ruleBelowMm !== undefined) {
        // DocumentApp cannot draw a paragraph border: the short line is drawn with box characters.
        const rule = cell.appendParagraph(
          RULE_CHARACTER.repeat(Math.round(line.ruleBelowMm / RULE_CHARACTER_MM)),
        );
        rule.setAlignment(column.align);
        styled(documentApp, rule, { sizePt: line.sizePt });
      }
    });
  });
  return table;
}

/** Writes the report into a new Google Doc and returns its URL. */
export function writeCityReportDoc(documentApp: DocumentServices, report: CityReport): string {
  const { HorizontalAlignment, Attribute } = documentApp;
  const document = documentApp.create(report.documentTitle);
  const body = document.getBody();
  body.setPageWidth(points(PAGE_MM.width));
  body.setPageHeight(points(PAGE_MM.height));
  body.setMarginTop(points(PAGE_MM.top));
  body.setMarginBottom(points(PAGE_MM.bottom));
  body.setMarginLeft(points(PAGE_MM.left));
  body.setMarginRight(points(PAGE_MM.right));
  appendColumns(
    documentApp,
    body,
    [
      { lines: report.header.left, align: HorizontalAlignment.CENTER },
      { lines: report.header.right, align: HorizontalAlignment.CENTER },
    ],
    [0.42, 0.58],
  );
  for (const line of report.title) {
    const paragraph = body.appendParagraph(line.text).setAlignment(HorizontalAlignment.CENTER);
    styled(documentApp, paragraph, line);
  }
  for (const block of report.body) {
    if (block.kind === 'table') {
      const table = body.appendTable([[...block.columns], ...block.rows.map((row) => [...row])]);
      table.setAttributes({ [Attribute.FONT_FAMILY]: FONT, [Attribute.FONT_SIZE]: TABLE_SIZE_PT });
      // Widths from content, as in the .docx, so no code or number is cut. DocumentApp has no
      // repeated header row nor keep-with-next: those are the .docx's (and Word's) to keep.
      columnWidthsTwip({
        columns: block.columns,
        rows: block.rows,
        totalTwip: Math.floor(TEXT_WIDTH_PT * 20),
        sizePt: TABLE_SIZE_PT,
        cellPaddingTwip: CELL_PADDING_TWIP,
      }).forEach((twips, column) => table.setColumnWidth(column, Math.floor(twips / 2) / 10));
      table.getRow(0).setAttributes({ [Attribute.BOLD]: true });
      for (const row of block.boldRows) table.getRow(row + 1).setAttributes({ [Attribute.BOLD]: true });
      continue;
    }
    const paragraph = body.appendParagraph(block.text);
    if (block.kind === 'paragraph') paragraph.setAlignment(HorizontalAlignment.JUSTIFY);
    styled(documentApp, paragraph, {
      bold: block.kind === 'heading',
      italic: block.kind === 'paragraph' && (block.italic ?? false),
      sizePt: BODY_SIZE_PT,
    });
  }
  appendColumns(
    documentApp,
    body,
    [
      { lines: report.recipients, align: HorizontalAlignment.LEFT },
      { lines: report.signature, align: HorizontalAlignment.CENTER },
    ],
    [0.5, 0.5],
  );
  const url = document.getUrl();
  document.saveAndClose();
  return url;
}

export interface ExportReportServices {
  readonly workbook: Workbook;
  readonly documentApp: DocumentServices;
  readonly ui: Pick<GoogleAppsScript.Base.Ui, 'prompt' | 'showModalDialog' | 'Button' | 'ButtonSet'>;
  readonly htmlService: Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutput'>;
  readonly asOf: Date;
}

export const CANCELLED_MESSAGE = 'Đã hủy, không tạo báo cáo.';

/**
 * Asks which period (blank: the latest one due, as `hannop report` chooses), writes the Doc and
 * shows its link in a dialog. The state is read once, before the question, for both the list of
 * periods and the report.
 */
export function exportCityReportDoc(services: ExportReportServices): MenuOutcome {
  const state = readCampaignState(services.workbook);
  const periods = state.campaign.periods;
  const fallback = chooseReportPeriod(periods, services.asOf);
  const answer = services.ui.prompt(
    `${MENU_TITLE} — ${EXPORT_REPORT_LABEL}`,
    `Báo cáo cho kỳ nào? Các mã kỳ: ${periods.map((period) => `${period.id} (${period.name})`).join('; ')}.\n` +
      `Để trống để chọn kỳ ${fallback.id} (kỳ gần nhất đã đến hạn).`,
    services.ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== services.ui.Button.OK) return { message: CANCELLED_MESSAGE };
  const typed = answer.getResponseText().trim();
  let report: CityReport;
  try {
    report = cityReportOf(state, services.asOf, typed === '' ? fallback.id : typed);
  } catch (error) {
    if (error instanceof UnknownPeriodError) return { message: error.message, dialog: true };
    throw error;
  }
  const url = writeCityReportDoc(services.documentApp, report);
  const html =
    `<p style="font-family:sans-serif">Đã tạo báo cáo «${escapeHtml(report.documentTitle)}» trong Google Drive của bạn.</p>` +
    `<p style="font-family:sans-serif"><a href="${escapeHtml(url)}" target="_blank" rel="noopener">Mở báo cáo</a></p>`;
  services.ui.showModalDialog(
    services.htmlService.createHtmlOutput(html).setWidth(460).setHeight(160),
    `${MENU_TITLE} — ${EXPORT_REPORT_LABEL}`,
  );
  return {
    message: `Đã tạo báo cáo kỳ ${report.period.id}: ${report.lateOrMissing.length} đơn vị trễ hạn hoặc chưa nộp.`,
  };
}

/** The «Xuất báo cáo» menu item, over the Apps Script services. */
export function runExportReportMenu(services: GasServices): void {
  runMenuAction(services.menuSurface, EXPORT_REPORT_LABEL, () =>
    exportCityReportDoc({
      workbook: services.workbook,
      documentApp: services.globals.DocumentApp,
      ui: services.ui,
      htmlService: services.globals.HtmlService,
      asOf: services.now(),
    }),
  );
}
