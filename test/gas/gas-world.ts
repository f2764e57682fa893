// A department's spreadsheet with its two forms set up, on the Apps Script fakes: SpreadsheetApp
// (with Forms writing its response sheets), FormApp, ScriptApp (triggers fire the handlers by
// name), LockService, PropertiesService, MailApp, HtmlService, DocumentApp and Utilities, and a
// clock the test moves. `makeGasFakes` gives the same fakes without the campaign, for a test that
// starts from an empty spreadsheet; `globalsOf` turns them into the globals GasServices takes.
import { FOCUS_AREAS, PLAN_FORM } from '../../src/domain/forms/plan-form';
import { SHEET } from '../../src/domain/layout';
import { UnitRegistry, type Unit } from '../../src/domain/units';
import type { FormKind } from '../../src/domain/campaign';
import { formFactsWrite } from '../../src/app/initialize-workbook';
import { setUpForms } from '../../src/gas/forms-setup';
import { storedFormFacts } from '../../src/gas/setup';
import { installTriggers, storedFormIds } from '../../src/gas/install-triggers';
import { storeSubmissionSettings } from '../../src/gas/submission-settings';
import { GasServices, type AppsScriptGlobals } from '../../src/gas/services';
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook';
import { handleDailyRun, handleFormSubmit, handleReviewEdit } from '../../src/gas/trigger-handlers';
import { CONTINUATION_HANDLER } from '../../src/gas/continuation';
import { handleContinuation } from '../../src/gas/resumable-jobs';
import { FakeAdvancedSheets } from '../fakes/advanced-sheets';
import { makeUnit, periods2023 } from '../fakes/campaign-fixture';
import { FakeDocumentApp } from '../fakes/document-app';
import {
  asFormApp,
  FakeFormApp,
  type FakeForm,
  type FakeFormResponse,
  type GivenAnswer,
} from '../fakes/form-app';
import { linkFakeSpreadsheet } from '../fakes/form-response-sheets';
import { asHtmlService, FakeHtmlService } from '../fakes/html-service';
import { asLockService, FakeLockService } from '../fakes/lock-service';
import { FakeMailApp } from '../fakes/mail-app';
import { at, configTable, FILLED_MAIL_CONFIG, periodsTable, unitsTable } from '../fakes/mail-fixture';
import { asProperties, asPropertiesService, FakePropertiesService } from '../fakes/properties-service';
import { asScriptApp, FakeScriptApp } from '../fakes/script-app';
import {
  asSpreadsheet,
  asSpreadsheetApp,
  createFakeSpreadsheetApp,
  type FakeSpreadsheetWorld,
} from '../fakes/spreadsheet-app';
import type { Table } from '../../src/ports';
import type { ServiceMeter } from './service-meter';

export { at };

/** `count` units named so that they sort as numbered; the first three are the fixture's schools. */
export function manyUnits(count: number): Unit[] {
  const units: Unit[] = [
    makeUnit({ code: 'MNHM', name: 'Mầm non Hoa Mai', rowNumber: 2 }),
    makeUnit({ code: 'THDD', name: 'Tiểu học Đặng Đức', level: 'Tiểu học', rowNumber: 3 }),
  ];
  for (let index = units.length; index < count; index += 1) {
    const code = `TR${String(index).padStart(4, '0')}`;
    units.push(makeUnit({ code, name: `Trường số ${String(index).padStart(4, '0')}`, rowNumber: index + 2 }));
  }
  return units;
}

/** Utilities.getUuid: version-4 UUIDs that differ in their first bytes, where a confirmation code comes from. */
export class FakeUtilities {
  private issued = 0;

  /** The time Utilities.sleep was asked to wait, in all (the fake does not wait). */
  sleptMs = 0;

  sleep(milliseconds: number): void {
    this.sleptMs += milliseconds;
  }

  getUuid(): string {
    this.issued += 1;
    return `${String(this.issued).padStart(8, '0')}-4a5b-4c6d-8e7f-6f1c2d3e4a5b`;
  }
}

/** One fake per Apps Script service the handlers use. */
export interface GasFakes {
  readonly sheets: FakeSpreadsheetWorld;
  /** The Advanced Sheets service over the same spreadsheet, with its own call log. */
  readonly advancedSheets: FakeAdvancedSheets;
  readonly formApp: FakeFormApp;
  readonly scriptApp: FakeScriptApp;
  readonly lockService: FakeLockService;
  readonly properties: FakePropertiesService;
  readonly mailApp: FakeMailApp;
  readonly htmlService: FakeHtmlService;
  readonly documentApp: FakeDocumentApp;
  readonly utilities: FakeUtilities;
}

/** The given fakes, and a new one for each service not given; a new FormApp writes to the spreadsheet. */
export function makeGasFakes(given: Partial<GasFakes> = {}): GasFakes {
  const sheets = given.sheets ?? createFakeSpreadsheetApp({ sheetNames: ['Trang tính1'] });
  let formApp = given.formApp;
  if (!formApp) {
    formApp = new FakeFormApp();
    linkFakeSpreadsheet(formApp, sheets.spreadsheet);
  }
  return {
    sheets,
    advancedSheets: given.advancedSheets ?? new FakeAdvancedSheets(sheets.spreadsheet),
    formApp,
    scriptApp: given.scriptApp ?? new FakeScriptApp(),
    lockService: given.lockService ?? new FakeLockService(),
    properties: given.properties ?? new FakePropertiesService(),
    mailApp: given.mailApp ?? new FakeMailApp(100),
    htmlService: given.htmlService ?? new FakeHtmlService(),
    documentApp: given.documentApp ?? new FakeDocumentApp(),
    utilities: given.utilities ?? new FakeUtilities(),
  };
}

/** The fakes as the globals `appsScriptServices()` passes in Apps Script. */
export function globalsOf(fakes: GasFakes): AppsScriptGlobals {
  return {
    SpreadsheetApp: asSpreadsheetApp(fakes.sheets.app),
    FormApp: asFormApp(fakes.formApp),
    ScriptApp: asScriptApp(fakes.scriptApp),
    LockService: asLockService(fakes.lockService),
    PropertiesService: asPropertiesService(fakes.properties),
    MailApp: fakes.mailApp,
    HtmlService: asHtmlService(fakes.htmlService),
    DocumentApp: fakes.documentApp as unknown as GoogleAppsScript.Document.DocumentApp,
    Session: fakes.scriptApp.session as unknown as GoogleAppsScript.Base.Session,
    Utilities: fakes.utilities,
    Sheets: fakes.advancedSheets,
  };
}

export function makeGasWorld(
  options: {
    units?: readonly Unit[];
    start?: string;
    meter?: ServiceMeter;
    /** The Sheets service the handlers get instead of the plain fake (the quota fake). */
    sheetsService?: (fakes: GasFakes) => AppsScriptGlobals['Sheets'];
    /** What Utilities.sleep does (moves the quota fake's clock). */
    sleep?: (milliseconds: number) => void;
    /** MailApp's daily quota in recipients (100: a consumer account; 1,500: Workspace). */
    mailQuota?: number;
  } = {},
) {
  const meter = options.meter;
  const units = options.units ?? manyUnits(3);
  const fakes = makeGasFakes(
    options.mailQuota === undefined ? {} : { mailApp: new FakeMailApp(options.mailQuota) },
  );
  const { sheets, formApp, scriptApp, lockService, properties, mailApp } = fakes;
  let nowMs = at(options.start ?? '2023-03-20T08:00').getTime();
  const clock = { now: () => new Date(nowMs) };
  scriptApp.setClock(() => nowMs);
  // Forms delivers each response to the submit triggers, unless a test fills the forms first.
  let delivering = true;
  const given = globalsOf(fakes);
  const sheetsService = options.sheetsService?.(fakes);
  const sleep = options.sleep;
  const plain: AppsScriptGlobals = {
    ...given,
    ...(sheetsService ? { Sheets: sheetsService } : {}),
    ...(sleep ? { Utilities: { getUuid: () => fakes.utilities.getUuid(), sleep } } : {}),
  };
  const globals = meter ? meter.globals(plain) : plain;
  const metered = <T extends object | undefined>(event: T): T => (meter ? meter.event(event) : event);
  const logged: unknown[] = [];
  const notes: string[] = [];
  // Each execution builds its services anew, as each Apps Script execution does.
  const services = () =>
    new GasServices(
      globals,
      clock,
      (_message, error) => void logged.push(error),
      (message) => void notes.push(message),
    );

  const workbook = new SpreadsheetWorkbook(asSpreadsheet(sheets.spreadsheet), asSpreadsheetApp(sheets.app));
  const tables: Table[] = [configTable(FILLED_MAIL_CONFIG), unitsTable(units), periodsTable()];
  workbook.write([
    ...tables.map((table) => ({
      kind: 'replace' as const,
      sheet: table.name,
      headers: table.headers.map(String),
      rows: table.rows,
    })),
    ...[SHEET.planResponses, SHEET.reportResponses].map((sheet) => ({
      kind: 'replace' as const,
      sheet,
      headers: ['Dấu thời gian', 'Địa chỉ email'],
      rows: [],
    })),
  ]);
  const documentProperties = properties.document as NonNullable<typeof properties.document>;
  setUpForms(
    {
      formApp: asFormApp(formApp),
      spreadsheet: asSpreadsheet(sheets.spreadsheet),
      properties: asProperties(documentProperties),
      flush: () => sheets.app.flush(),
    },
    {
      config: FILLED_MAIL_CONFIG,
      units: new UnitRegistry(units),
      periods: periods2023(),
    },
  );
  // What setup writes once the forms are set up: every batch reads `Biểu mẫu` for the units' links.
  workbook.write([formFactsWrite(storedFormFacts(asProperties(documentProperties)))]);
  const formIds = storedFormIds(asProperties(documentProperties)) as Record<FormKind, string>;
  // What setup keeps beside the send journal for the form-submit trigger (submission-settings.ts).
  storeSubmissionSettings(
    asProperties(properties.script),
    asProperties(documentProperties),
    sheets.spreadsheet.spreadsheetId,
  );
  installTriggers(
    { scriptApp: asScriptApp(scriptApp), settings: asProperties(properties.script) },
    { formIds, spreadsheetId: sheets.spreadsheet.spreadsheetId, dailyHour: FILLED_MAIL_CONFIG.dailyMailHour },
  );
  scriptApp.executionRunner = (execution) => lockService.runExecution(execution);
  scriptApp.bindHandlers({
    onFormSubmitPlan: (event: Parameters<typeof handleFormSubmit>[2]) =>
      handleFormSubmit(services(), 'plan', metered(event)),
    onFormSubmitReport: (event: Parameters<typeof handleFormSubmit>[2]) =>
      handleFormSubmit(services(), 'report', metered(event)),
    onDailyRun: () => handleDailyRun(services()),
    onEditReview: (event: Parameters<typeof handleReviewEdit>[1]) =>
      handleReviewEdit(services(), metered(event)),
    [CONTINUATION_HANDLER]: (event: Parameters<typeof handleContinuation>[1]) =>
      handleContinuation(services(), event),
  });
  // Forms delivers each response (and each edit) to the form's submit triggers.
  formApp.onResponse((form, response) => {
    if (delivering) scriptApp.fireFormSubmit(form.id, { response, source: form });
  });
  sheets.calls.reset();

  return {
    units,
    sheets,
    advancedSheets: fakes.advancedSheets,
    formApp,
    scriptApp,
    lockService,
    properties,
    mailApp,
    htmlService: fakes.htmlService,
    documentApp: fakes.documentApp,
    globals,
    meter,
    services,
    logged,
    notes,
    formIds,
    form(kind: FormKind): FakeForm {
      return formApp.formById(formIds[kind]);
    },
    setNow(text: string): void {
      nowMs = at(text).getTime();
    },
    /** Moves the clock on (a cost per service call, a wait between executions). */
    advance(milliseconds: number): void {
      nowMs += milliseconds;
    },
    get nowMs(): number {
      return nowMs;
    },
    /** Whether Forms fires the submit triggers (off: responses wait in the forms for a rebuild). */
    setDelivering(on: boolean): void {
      delivering = on;
    },
    /** The table as the next execution reads it (costs calls: reset the log after). */
    table(name: string): Table | undefined {
      const fresh = new SpreadsheetWorkbook(asSpreadsheet(sheets.spreadsheet), asSpreadsheetApp(sheets.app));
      return fresh.read([name]).get(name);
    },
  };
}

export type GasWorld = ReturnType<typeof makeGasWorld>;

/** A good plan of `unit`, as its head fills the form (answers by question title). */
export function goodPlanAnswers(unit: Unit): Record<string, GivenAnswer> {
  const byKey: Record<string, GivenAnswer> = {
    unit: `${unit.code} - ${unit.name}`,
    code: unit.confirmationCode,
    reporter: 'Nguyễn Thị Lan',
    position: 'Hiệu trưởng',
    phone: '0901 234 567',
    docNumber: `15/KH-${unit.code}`,
    docDate: '2023-03-20',
    docLink: 'https://drive.google.com/file/d/abc123/view',
    focusAreas: [...FOCUS_AREAS],
    dvkCount: '2',
    dvkNames: 'Mô hình “Cổng trường an toàn”\nĐiển hình “Cô giáo tận tụy”',
    councilDate: '2023-03-25',
  };
  const answers: Record<string, GivenAnswer> = {};
  for (const question of PLAN_FORM.questions) {
    const answer = byKey[question.key];
    if (answer !== undefined) answers[question.title] = answer;
  }
  return answers;
}

/** The unit's head submits a plan at `when` (Vietnam time); Forms fires the submit trigger. */
export function submitPlan(
  world: GasWorld,
  unit: Unit,
  when: string,
  changes: Record<string, GivenAnswer> = {},
): FakeFormResponse {
  return world.formApp.respond(world.form('plan'), {
    email: unit.emails[0] ?? '',
    at: at(when),
    answers: { ...goodPlanAnswers(unit), ...changes },
  });
}
