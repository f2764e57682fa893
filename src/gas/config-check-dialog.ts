// «Kiểm tra cấu hình» in Apps Script: what FormApp says of the two forms setup stored, then the pure
// check over the input sheets, shown in a dialog. Read-only: it changes nothing, not even a form.
import { checkConfiguration } from '../app/check-config';
import type { FormFacts, FormFact } from '../domain/config-check';
import { formIdProperty } from './forms-setup';
import { runMenuAction } from './menu-action';
import type { GasServices } from './services';

export const CHECK_CONFIG_LABEL = 'Kiểm tra cấu hình';

type Form = GoogleAppsScript.Forms.Form;

function factOf(form: Form, spreadsheetId: string): FormFact {
  let destination: string | null = null;
  try {
    destination = form.getDestinationId() || null;
  } catch {
    // Google throws rather than answer when a form has no destination.
  }
  // Forms made through the API since 2026 can be unpublished; older runtimes lack the method.
  const publishing = form as unknown as { isPublished?: () => boolean };
  const published = typeof publishing.isPublished === 'function' ? publishing.isPublished() : true;
  return {
    linked: destination === spreadsheetId,
    acceptingResponses: published && form.isAcceptingResponses(),
  };
}

/** The forms whose ids setup stored (document properties); null for one missing or unopenable. */
export function readFormFacts(
  formApp: Pick<GoogleAppsScript.Forms.FormApp, 'openById'>,
  properties: Pick<GoogleAppsScript.Properties.Properties, 'getProperty'>,
  spreadsheetId: string,
): FormFacts {
  const factFor = (kind: 'plan' | 'report'): FormFact | null => {
    const id = properties.getProperty(formIdProperty(kind));
    if (!id) return null;
    let form: Form;
    try {
      form = formApp.openById(id);
    } catch {
      return null;
    }
    return factOf(form, spreadsheetId);
  };
  return { plan: factFor('plan'), report: factFor('report') };
}

/** The «Kiểm tra cấu hình» menu item: every problem at once, in a dialog. */
export function runCheckConfigMenu(services: GasServices): void {
  runMenuAction(services.menuSurface, CHECK_CONFIG_LABEL, () => {
    const facts = readFormFacts(
      services.globals.FormApp,
      services.documentProperties,
      services.spreadsheet.getId(),
    );
    const timeZone = services.spreadsheet.getSpreadsheetTimeZone();
    // MailApp's remaining quota today: the allowance the campaign's busiest days are measured against.
    const quota = services.globals.MailApp.getRemainingDailyQuota();
    return { message: checkConfiguration(services.workbook, facts, timeZone, quota).message, dialog: true };
  });
}
