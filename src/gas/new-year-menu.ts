// «Tạo đợt mới»: next year in one step in the Google shell (src/app/start-new-year.ts decides and
// writes through the Workbook port). The archive is a new spreadsheet in the officer's Drive
// (SpreadsheetApp.create: https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#create(String)),
// not a Drive copy of this file: copying a spreadsheet that forms send to copies the forms too.
// Its id is stored before anything is written, so a run stopped midway (the 6-minute limit) is
// started again by the next: the workbook still says the old year, and the same archive is
// written again, whole. The forms' own responses are then deleted (Form.deleteAllResponses:
// https://developers.google.com/apps-script/reference/forms/form#deleteAllResponses()), since the
// daily catch-up reads responses from the forms and would otherwise take last year's for new.
import {
  journaledSendsLine,
  planYearTurn,
  settleJournal,
  turnWorkingWorkbook,
  writeArchive,
} from '../app/start-new-year';
import { readCampaignState } from '../app/campaign-state';
import { FORM_KIND_LABEL, type FormKind } from '../domain/campaign';
import { desiredForm } from '../domain/form-sync';
import { FORM_SPECS } from '../domain/intake';
import { archiveName, describeNewYear } from '../domain/new-year';
import { refreshChoices } from './forms-setup';
import { storedFormIds } from './install-triggers';
import { MENU_ITEMS, MENU_TITLE } from './menu';
import { runMenuAction } from './menu-action';
import { LOCK_WAIT_MS } from './script-lock';
import type { GasServices } from './services';
import { SpreadsheetWorkbook } from './spreadsheet-workbook';

const LABEL = MENU_ITEMS.find((item) => item.handler === 'menuNewYear')?.label ?? 'Tạo đợt mới';

/** The document property holding the archive of a year, once made. */
export function archivePropertyKey(year: number): string {
  return `hannop.newYearArchive.${year}`;
}

type Form = GoogleAppsScript.Forms.Form;

/** The forms setup made, opened whole (their responses, their title); those that fail are named. */
function openFormsOf(services: GasServices): {
  forms: { kind: FormKind; form: Form }[];
  problems: string[];
} {
  const ids = storedFormIds(services.documentProperties);
  const forms: { kind: FormKind; form: Form }[] = [];
  const problems: string[] = [];
  for (const kind of ['plan', 'report'] as const) {
    const id = ids[kind];
    if (!id) continue;
    try {
      forms.push({ kind, form: services.globals.FormApp.openById(id) });
    } catch (error) {
      problems.push(
        `Không mở được biểu mẫu ${FORM_KIND_LABEL[kind]} (mã ${id}): ${error instanceof Error ? error.message : String(error)}; ` +
          'các câu trả lời cũ của nó chưa được xóa.',
      );
    }
  }
  return { forms, problems };
}

export function runNewYearMenu(services: GasServices): void {
  const ui = services.ui;
  const answer = ui.prompt(
    `${MENU_TITLE} — ${LABEL}`,
    'Năm của đợt mới (ví dụ 2024). Dữ liệu năm cũ được lưu sang một bảng tính mới, rồi bảng tính này bắt đầu lại từ đầu.',
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const year = answer.getResponseText();
  runMenuAction(services.menuSurface, LABEL, () =>
    services.lock(LOCK_WAIT_MS.menu).withLock(() => {
      const request = { year, now: services.now() };
      const { plan, tables: read } = planYearTurn(services.workbook, request);
      // Every send in the journal is the old year's: those `Nhật ký thư` lacks are logged there
      // first (and so archived), then the journal is emptied once the archive holds them, or the
      // new year's first run would log them in its own, empty log. A rerun finds them logged.
      const journal = services.mailJournal;
      const sent = journal.entries();
      const { tables, write, added } = settleJournal(read, sent);
      if (write) services.workbook.write([write]);
      const app = services.globals.SpreadsheetApp;
      const key = archivePropertyKey(plan.fromYear);
      const storedId = services.documentProperties.getProperty(key);
      const archive = storedId
        ? app.openById(storedId)
        : app.create(archiveName(services.spreadsheet.getName(), plan.fromYear));
      if (!storedId) services.documentProperties.setProperty(key, archive.getId());
      writeArchive(new SpreadsheetWorkbook(archive, app), plan, tables);
      if (sent.length > 0) {
        journal.forget(sent.map((entry) => entry.key));
        journal.pruneNow();
      }
      const { forms, problems } = openFormsOf(services);
      for (const { form } of forms) form.deleteAllResponses();
      const shown = `${archive.getName()} (${archive.getUrl()})`;
      turnWorkingWorkbook(services.workbook, plan, tables, request, shown);
      // The forms say the new year: their title, and the periods they offer.
      const state = readCampaignState(services.workbook, []);
      const sources = {
        units: state.units,
        reportPeriods: state.campaign.periods.filter((p) => p.form === 'report'),
      };
      for (const { kind, form } of forms) {
        const title = desiredForm(FORM_SPECS[kind], state.campaign.config, sources).title;
        if (form.getTitle() !== title) form.setTitle(title);
      }
      refreshChoices(
        {
          formApp: services.globals.FormApp,
          spreadsheet: services.spreadsheet,
          properties: services.documentProperties,
        },
        { config: state.campaign.config, units: state.units, periods: state.campaign.periods },
      );
      const message = describeNewYear(plan, shown) + journaledSendsLine(added, plan.fromYear);
      return { message: [message.trimEnd(), ...problems].join('\n'), dialog: true };
    }),
  );
}
