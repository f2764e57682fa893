// The dashboard in the spreadsheet. It opens as a large modal dialog rather than the sidebar: a
// sidebar is fixed at 300 px, too narrow for the rate charts and the table of units to chase with
// their e-mails; the dialog closes with its × and the officer is back in the sheet.
import { dashboardPage } from '../app/dashboard-page';
import { DASHBOARD_TITLE } from '../domain/dashboard';
import type { Workbook } from '../ports';
import { runMenuAction, type MenuOutcome } from './menu-action';
import type { GasServices } from './services';

export type DashboardHtmlService = Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutput'>;

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

export interface DashboardServices {
  readonly workbook: Workbook;
  readonly ui: Pick<GoogleAppsScript.Base.Ui, 'showModalDialog'>;
  readonly htmlService: DashboardHtmlService;
  readonly asOf: Date;
  /** MailApp's remaining quota today, in recipients: what the coming days' mail is measured against. */
  readonly mailQuota: number;
}

/** Reads the workbook, renders the page at `asOf` and shows it. */
export function openDashboard(services: DashboardServices): MenuOutcome {
  const page = dashboardPage(services.workbook, services.asOf, {
    kind: 'mailapp',
    recipients: services.mailQuota,
  });
  showDashboard(services.ui, services.htmlService, page);
  return { message: DASHBOARD_OPENED_MESSAGE };
}

/** The «Bảng điều khiển» menu item: the page, or a Vietnamese message saying why it cannot open. */
export function runDashboardMenu(services: GasServices): void {
  runMenuAction(services.menuSurface, DASHBOARD_TITLE, () =>
    openDashboard({
      workbook: services.workbook,
      ui: services.ui,
      htmlService: services.globals.HtmlService,
      asOf: services.now(),
      // The dashboard's one call besides the sheets it reads and the dialog it opens.
      mailQuota: services.globals.MailApp.getRemainingDailyQuota(),
    }),
  );
}
