// The dashboard in the spreadsheet. It opens as a large modal dialog rather than the sidebar: a
// sidebar is fixed at 300 px, too narrow for the rate charts and the table of units to chase with
// their e-mails; the dialog closes with its × and the officer is back in the sheet.
import { dashboardPage } from '../app/dashboard-page';
import { DASHBOARD_TITLE } from '../domain/dashboard';
import { runMenuAction, type MenuOutcome } from './menu-action';
import { SpreadsheetWorkbook } from './spreadsheet-workbook';

export type DashboardHtmlService = Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutput'>;
type DashboardSpreadsheetApp = Pick<
  GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  'getActiveSpreadsheet' | 'getUi' | 'newConditionalFormatRule' | 'ProtectionType'
>;

/** Pixels; Sheets shrinks a dialog larger than the window to fit it. */
export const DASHBOARD_DIALOG_SIZE = { width: 1000, height: 720 } as const;

export const DASHBOARD_OPENED_MESSAGE = 'Đã mở bảng điều khiển.';

export function showDashboard(
  ui: Pick<GoogleAppsScript.Base.Ui, 'showModalDialog'>,
  htmlService: DashboardHtmlService,
  html: string,
): void {
  const output = htmlService
    .createHtmlOutput(html)
    .setTitle(DASHBOARD_TITLE)
    .setWidth(DASHBOARD_DIALOG_SIZE.width)
    .setHeight(DASHBOARD_DIALOG_SIZE.height)
    // A meta tag written in the page is ignored by HtmlService; this one scales the page to the dialog.
    .addMetaTag('viewport', 'width=device-width, initial-scale=1');
  ui.showModalDialog(output, DASHBOARD_TITLE);
}

/** Reads the workbook, renders the page at `asOf` and shows it. */
export function openDashboard(
  spreadsheetApp: DashboardSpreadsheetApp,
  htmlService: DashboardHtmlService,
  asOf: Date,
): MenuOutcome {
  const workbook = new SpreadsheetWorkbook(spreadsheetApp.getActiveSpreadsheet(), spreadsheetApp);
  showDashboard(spreadsheetApp.getUi(), htmlService, dashboardPage(workbook, asOf));
  return { message: DASHBOARD_OPENED_MESSAGE };
}

/** The «Bảng điều khiển» menu item: the page, or a Vietnamese message saying why it cannot open. */
export function runDashboardMenu(
  spreadsheetApp: DashboardSpreadsheetApp,
  htmlService: DashboardHtmlService,
  asOf: Date,
): void {
  const surface = {
    ui: spreadsheetApp.getUi(),
    spreadsheet: spreadsheetApp.getActiveSpreadsheet(),
    log: (message: string, error: unknown) => console.error(message, error),
  };
  runMenuAction(surface, DASHBOARD_TITLE, () => openDashboard(spreadsheetApp, htmlService, asOf));
}
