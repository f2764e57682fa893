// The spreadsheet's Ui and HtmlService as the «Xuất báo cáo» menu uses them: the prompt answered as
// told, the dialogs recorded.
import type { ExportReportServices } from '../../src/gas/city-report-doc';
import type { AppsScriptGlobals } from '../../src/gas/services';

/** A Ui that answers the prompt as told and records the dialogs. */
export function fakeUi(answer: { button: 'OK' | 'CANCEL'; text: string }) {
  const prompts: { title: string; prompt: string; buttons: string }[] = [];
  const dialogs: { html: string; title: string }[] = [];
  const ui = {
    Button: { OK: 'OK', CANCEL: 'CANCEL' },
    ButtonSet: { OK_CANCEL: 'OK_CANCEL' },
    prompt: (title: string, prompt: string, buttons: string) => {
      prompts.push({ title, prompt, buttons });
      return { getSelectedButton: () => answer.button, getResponseText: () => answer.text };
    },
    showModalDialog: (output: { html: string }, title: string) =>
      void dialogs.push({ html: output.html, title }),
  };
  return { ui: ui as unknown as ExportReportServices['ui'], prompts, dialogs };
}

export const htmlService = {
  createHtmlOutput(html: string) {
    const output = { html, setWidth: () => output, setHeight: () => output };
    return output;
  },
} as unknown as ExportReportServices['htmlService'];

/** The world's SpreadsheetApp with `ui` as the spreadsheet's Ui. */
export function spreadsheetAppWithUi(
  app: AppsScriptGlobals['SpreadsheetApp'],
  ui: ExportReportServices['ui'],
): AppsScriptGlobals['SpreadsheetApp'] {
  return {
    getActiveSpreadsheet: () => app.getActiveSpreadsheet(),
    getUi: () => ui as unknown as GoogleAppsScript.Base.Ui,
    newConditionalFormatRule: () => app.newConditionalFormatRule(),
    newDataValidation: () => app.newDataValidation(),
    ProtectionType: app.ProtectionType,
    flush: () => app.flush(),
    create: (name) => app.create(name),
    openById: (id) => app.openById(id),
  };
}
