// «Thiết lập ban đầu»: makes the spreadsheet ready in one click, and can be run again at any time.
// It creates what is missing and leaves what is there: a sheet with data is never rewritten (a
// missing `Cấu hình` key is appended with its default), a drop-down already right is not set again,
// forms and triggers are found by the ids and handlers stored before (forms-setup.ts, triggers.ts).
// Its report says what it created and what it found, so a second run reports only "đã có".
//
// Order: whose setup it is first (triggers belong to the account that made them: a second account
// would install a second set, sending everything twice from its own mailbox, so it is refused
// before anything is made), the spreadsheet's time zone (Vietnam's: every date is read in it),
// sheets (everything else reads them), then the drop-downs, the confirmation codes, the forms
// (they need a campaign that parses), and the triggers last (they need the form ids).
import { eventLogRows, eventLogWrite } from '../app/event-log';
import { errorMessageOf, logFailure } from '../app/log-failure';
import { refusalAudit } from '../domain/audit';
import { formFactsWrite, initialSheets } from '../app/initialize-workbook';
import { parseCampaignState } from '../app/campaign-state';
import { parseConfig } from '../domain/campaign';
import { DEFAULT_CONFIG_ROWS } from '../domain/defaults';
import { responseSheetHeaders } from '../domain/forms';
import { CONFIG_COLUMNS, SHEET, UNIT_COLUMNS, columnsOf } from '../domain/layout';
import { InputError, describeProblem } from '../domain/problems';
import { COLUMN_CHOICES, type ColumnChoices } from '../domain/sheet-format';
import { cellText, encodeRows, readRecords, type CellValue, type Table } from '../domain/table';
import { cleanText, foldForMatch, titleKey } from '../domain/text';
import { isVietnamTimeZone, VIETNAM_TIME_ZONE } from '../domain/time';
import type { Lock, SheetWrite } from '../ports';
import type { FormFact } from '../domain/form-facts';
import {
  readPrefillTemplates,
  setUpForms,
  type FormPropertyStore,
  type FormsService,
  type FormsSetupReport,
} from './forms-setup';
import { installTriggers, storedFormIds } from './install-triggers';
import { runMenuAction } from './menu-action';
import { LOCK_WAIT_MS } from './script-lock';
import { storeSubmissionSettings } from './submission-settings';
import type { GasServices } from './services';
import { SpreadsheetWorkbook } from './spreadsheet-workbook';
import type { TriggerOutcome, TriggerService, TriggerSettingsStore } from './triggers';
import { ensureConfirmationCodes } from './unit-links';
import { layOutNewSheets } from './sheet-layout';
import { setupAuditRow } from './setup-log';
import { describeSetup } from './setup-report';

export const SETUP_LABEL = 'Thiết lập ban đầu';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SetupServices {
  readonly spreadsheetApp: Pick<
    GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    'newDataValidation' | 'newConditionalFormatRule' | 'ProtectionType' | 'flush'
  >;
  readonly spreadsheet: Spreadsheet;
  readonly formApp: FormsService;
  /** Form ids and pre-filled link templates (the document properties). */
  readonly documentProperties: FormPropertyStore;
  /** Settings of the installed triggers (the script properties). */
  readonly scriptProperties: TriggerSettingsStore;
  readonly scriptApp: TriggerService;
  readonly lock: Lock;
  /** Entropy for the confirmation codes (Utilities.getUuid). */
  readonly randomUuid: () => string;
  /** The account running setup (Session.getEffectiveUser().getEmail()); '' when Google withholds it. */
  readonly effectiveUserEmail: () => string;
  /** The time of setup's row in `Nhật ký`. */
  readonly now: () => Date;
}

/** The script property naming the account whose triggers run the campaign. */
export const TRIGGER_OWNER_PROPERTY = 'hannop.triggerOwner';

/** Another account than the triggers' owner ran setup; nothing was made. */
export class SetupOwnerError extends Error {
  override readonly name = 'SetupOwnerError';
  constructor(
    readonly owner: string,
    readonly user: string,
  ) {
    super(
      `«${SETUP_LABEL}» đã được chạy bằng tài khoản «${owner}»: các trình kích hoạt (xử lý bài nộp, gửi thư hằng ` +
        `ngày) thuộc tài khoản đó và thư được gửi từ hộp thư đó. Tài khoản «${user}» không chạy lại được, vì sẽ ` +
        `tạo thêm một bộ trình kích hoạt thứ hai và mọi thư bị gửi hai lần; chưa có gì được tạo. Hãy nhờ «${owner}» ` +
        `chạy «${SETUP_LABEL}». Muốn chuyển sang tài khoản khác: «${owner}» mở Apps Script › Trình kích hoạt, xóa các ` +
        `trình kích hoạt của mình, rồi xóa thuộc tính tập lệnh «${TRIGGER_OWNER_PROPERTY}» (Cài đặt dự án).`,
    );
  }
}

/** The sheets setup makes; the response sheets are made by Forms and named by forms-setup.ts. */
export const SETUP_SHEETS = [
  SHEET.config,
  SHEET.units,
  SHEET.periods,
  SHEET.holidays,
  SHEET.submissions,
  SHEET.mailLog,
  SHEET.eventLog,
] as const;

export type ChoicesOutcome = 'created' | 'kept' | 'warningOnly' | 'noColumn' | 'noSheet';

export interface SetupReport {
  readonly sheetsCreated: readonly string[];
  readonly sheetsPresent: readonly string[];
  readonly configKeysAdded: readonly string[];
  readonly choices: readonly { readonly choices: ColumnChoices; readonly outcome: ChoicesOutcome }[];
  /** Units that got a `Mã xác nhận` now. */
  readonly codesGenerated: number;
  /** Null when the forms could not be set up (see notes). */
  readonly forms: FormsSetupReport | null;
  readonly triggers: readonly TriggerOutcome[];
  /** The spreadsheet's time zone before setup, when setup changed it to Vietnam's; null when it was right. */
  readonly timeZoneChangedFrom: string | null;
  /** The account the triggers belong to (recorded now or found recorded); '' when unknown. */
  readonly triggerOwner: string;
  /** Units in `Đơn vị` and those active; null when the sheets did not parse. */
  readonly units: { readonly total: number; readonly active: number } | null;
  /** Vietnamese: what the officer should know or do. */
  readonly notes: readonly string[];
}

/** A line of example in a new `Đơn vị`: inactive, so no form lists it and no mail goes to it. */
const EXAMPLE_UNIT_ROW: Readonly<Record<string, CellValue>> = {
  ...Object.fromEntries(columnsOf(UNIT_COLUMNS).map((column) => [column, null])),
  [UNIT_COLUMNS.code]: 'VD01',
  [UNIT_COLUMNS.name]: 'Trường Ví Dụ (dòng mẫu: thay bằng đơn vị thật)',
  [UNIT_COLUMNS.level]: 'Tiểu học',
  [UNIT_COLUMNS.ownership]: 'Công lập',
  [UNIT_COLUMNS.ward]: 'Phường Ví Dụ',
  [UNIT_COLUMNS.emails]: 'hieutruong@truongvidu.example.edu.vn; vanthu@truongvidu.example.edu.vn',
  [UNIT_COLUMNS.head]: 'Nguyễn Văn Mẫu',
  [UNIT_COLUMNS.phone]: '0900000000',
  [UNIT_COLUMNS.isActive]: 'Không',
};

/** Every sheet of a new workbook that setup makes, with its example rows. */
function newSheetWrites(): SheetWrite[] {
  const unitHeaders = columnsOf(UNIT_COLUMNS);
  return (
    initialSheets({ units: [], responseHeaders: responseSheetHeaders() })
      // Forms make their response sheets; `Biểu mẫu` is written once the forms are set up.
      .filter(
        (write) =>
          write.sheet !== SHEET.planResponses &&
          write.sheet !== SHEET.reportResponses &&
          write.sheet !== SHEET.forms,
      )
      .map((write) =>
        write.sheet === SHEET.units && write.kind === 'replace'
          ? { ...write, rows: encodeRows(unitHeaders, [EXAMPLE_UNIT_ROW]) }
          : write,
      )
  );
}

function isEmpty(table: Table | undefined): boolean {
  return !table || (table.headers.length === 0 && table.rows.length === 0);
}

/** The default keys a `Cấu hình` with data lacks, as rows in its own column order. */
function missingConfigRows(table: Table): { keys: string[]; rows: CellValue[][] } {
  const keyIndex = table.headers.findIndex((header) => titleKey(header) === titleKey(CONFIG_COLUMNS.key));
  if (keyIndex < 0) return { keys: [], rows: [] };
  const present = new Set(table.rows.map((row) => foldForMatch(cleanText(cellText(row[keyIndex] ?? null)))));
  const missing = DEFAULT_CONFIG_ROWS.filter((row) => !present.has(foldForMatch(row.key)));
  const valueOf: Record<string, (row: (typeof DEFAULT_CONFIG_ROWS)[number]) => CellValue> = {
    [titleKey(CONFIG_COLUMNS.key)]: (row) => row.key,
    [titleKey(CONFIG_COLUMNS.value)]: (row) => row.value,
    [titleKey(CONFIG_COLUMNS.note)]: (row) => row.note,
  };
  return {
    keys: missing.map((row) => row.key),
    rows: missing.map((row) => table.headers.map((header) => valueOf[titleKey(header)]?.(row) ?? null)),
  };
}

function isValueInList(rule: GoogleAppsScript.Spreadsheet.DataValidation | null, values: readonly string[]) {
  if (!rule || String(rule.getCriteriaType()) !== 'VALUE_IN_LIST') return null;
  const [listed] = rule.getCriteriaValues() as [unknown[]];
  const same =
    Array.isArray(listed) &&
    listed.length === values.length &&
    listed.every((value, index) => String(value) === values[index]);
  return same ? { allowInvalid: rule.getAllowInvalid() } : null;
}

/**
 * One drop-down per column, on the cells below the header (one range, one call). A value already
 * typed that the list lacks would make Sheets refuse the next rewrite of that sheet, so then the
 * list only warns, and the note says which cells to fix before running setup again. Rows Sheets
 * adds later (a long `Bài nộp` grows the sheet) have no rule: the rule counts as present only when
 * the first and the last row have it, so running setup again covers them.
 */
function ensureChoices(
  services: SetupServices,
  tables: ReadonlyMap<string, Table>,
  notes: string[],
): SetupReport['choices'] {
  const maxRowsBySheet = new Map<string, number>();
  return COLUMN_CHOICES.map((choices) => {
    const table = tables.get(choices.sheet);
    const sheet = services.spreadsheet.getSheetByName(choices.sheet);
    if (!table || !sheet) return { choices, outcome: 'noSheet' as const };
    const index = table.headers.findIndex((header) => titleKey(header) === titleKey(choices.column));
    if (index < 0) {
      notes.push(
        `Trang «${choices.sheet}» không có cột «${choices.column}» nên chưa đặt danh sách chọn cho cột này.`,
      );
      return { choices, outcome: 'noColumn' as const };
    }
    const badRows: number[] = [];
    table.rows.forEach((row, rowIndex) => {
      const text = cellText(row[index] ?? null);
      if (text !== '' && !choices.values.includes(text)) badRows.push(rowIndex + 2);
    });
    const allowInvalid = badRows.length > 0;
    if (allowInvalid) {
      notes.push(
        `Cột «${choices.column}» của trang «${choices.sheet}» có giá trị ngoài danh sách ` +
          `(${choices.values.map((value) => `«${value}»`).join(', ')}) ở dòng ${badRows.join(', ')}: ` +
          'danh sách chọn tạm thời chỉ cảnh báo; hãy sửa các ô đó rồi chạy lại «Thiết lập ban đầu».',
      );
    }
    let maxRows = maxRowsBySheet.get(choices.sheet);
    if (maxRows === undefined) {
      maxRows = sheet.getMaxRows();
      maxRowsBySheet.set(choices.sheet, maxRows);
    }
    const range = sheet.getRange(2, index + 1, Math.max(1, maxRows - 1), 1);
    const isRight = (rule: GoogleAppsScript.Spreadsheet.DataValidation | null) =>
      isValueInList(rule, choices.values)?.allowInvalid === allowInvalid;
    if (isRight(range.getDataValidation()) && isRight(sheet.getRange(maxRows, index + 1).getDataValidation()))
      return { choices, outcome: 'kept' as const };
    range.setDataValidation(
      services.spreadsheetApp
        .newDataValidation()
        .requireValueInList([...choices.values], true)
        .setAllowInvalid(allowInvalid)
        .build(),
    );
    return { choices, outcome: allowInvalid ? ('warningOnly' as const) : ('created' as const) };
  });
}

/**
 * Runs setup's work; a failure is written to `Nhật ký` as every job's is (log-failure.ts), and
 * another account's attempt is recorded as refused. Nothing here may hide the error itself.
 */
function loggingSetup(services: SetupServices, work: () => SetupReport): SetupReport {
  try {
    return work();
  } catch (error) {
    const workbook = new SpreadsheetWorkbook(services.spreadsheet, services.spreadsheetApp);
    const at = services.now();
    if (!(error instanceof SetupOwnerError)) {
      logFailure(workbook, { at, job: SETUP_LABEL, message: errorMessageOf(error) }, error);
    } else {
      try {
        workbook.write(eventLogWrite([refusalAudit(at, SETUP_LABEL, error.message)]));
      } catch {
        // The refusal is shown to the person all the same.
      }
    }
    throw error;
  }
}

/** The daily hour when `Cấu hình` alone is right (another sheet may still be wrong). */
function configuredDailyHour(tables: ReadonlyMap<string, Table>): number | null {
  try {
    const checked = parseConfig(
      readRecords(tables.get(SHEET.config), SHEET.config, {
        required: [CONFIG_COLUMNS.key, CONFIG_COLUMNS.value],
      }),
    );
    return checked.ok ? checked.value.dailyMailHour : null;
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}

function problemsOf(error: unknown): string[] {
  if (error instanceof InputError) return error.problems.map(describeProblem);
  throw error;
}

/**
 * Creates what is missing and reports what it found; running it again creates nothing but its
 * row in `Nhật ký`. A failure or a refusal is recorded there too (setup-log.ts).
 */
export function runSetup(services: SetupServices): SetupReport {
  return services.lock.withLock(() => loggingSetup(services, () => runSetupLocked(services)));
}

function runSetupLocked(services: SetupServices): SetupReport {
  const notes: string[] = [];
  const user = services.effectiveUserEmail();
  const owner = services.scriptProperties.getProperty(TRIGGER_OWNER_PROPERTY) ?? '';
  if (owner !== '' && user !== '' && owner.toLowerCase() !== user.toLowerCase()) {
    throw new SetupOwnerError(owner, user);
  }
  const timeZoneBefore = services.spreadsheet.getSpreadsheetTimeZone();
  const timeZoneChangedFrom = isVietnamTimeZone(timeZoneBefore) ? null : timeZoneBefore;
  if (timeZoneChangedFrom !== null) services.spreadsheet.setSpreadsheetTimeZone(VIETNAM_TIME_ZONE);

  const workbook = new SpreadsheetWorkbook(services.spreadsheet, services.spreadsheetApp);
  const read = workbook.read([...SETUP_SHEETS, SHEET.forms]);
  const tables = new Map(read);

  const writes: SheetWrite[] = [];
  const sheetsCreated: string[] = [];
  const sheetsPresent: string[] = [];
  // A new `Nhật ký` is written last, with setup's own row in it: no call more than making it.
  let newEventLog: SheetWrite | null = null;
  for (const write of newSheetWrites()) {
    if (isEmpty(read.get(write.sheet))) {
      if (write.sheet === SHEET.eventLog) newEventLog = write;
      else writes.push(write);
      sheetsCreated.push(write.sheet);
      tables.set(write.sheet, { name: write.sheet, headers: write.headers, rows: write.rows });
    } else {
      sheetsPresent.push(write.sheet);
    }
  }
  const configTable = read.get(SHEET.config);
  let configKeysAdded: string[] = [];
  if (configTable && !isEmpty(configTable)) {
    const missing = missingConfigRows(configTable);
    if (missing.rows.length > 0) {
      configKeysAdded = missing.keys;
      writes.push({ kind: 'append', sheet: SHEET.config, headers: configTable.headers, rows: missing.rows });
      tables.set(SHEET.config, { ...configTable, rows: [...configTable.rows, ...missing.rows] });
    }
  }
  if (writes.length > 0) workbook.write(writes);
  // Widths and the bold header on the sheets made now; a sheet the officer already arranged keeps
  // its look. The frozen header came with the write.
  layOutNewSheets(services.spreadsheet, sheetsCreated, tables);

  const choices = ensureChoices(services, tables, notes);

  let codesGenerated = 0;
  try {
    codesGenerated = ensureConfirmationCodes(services.spreadsheet, services.randomUuid).generated.length;
  } catch (error) {
    notes.push(`Chưa tạo được mã xác nhận: ${problemsOf(error).join(' ')}`);
  }

  let forms: FormsSetupReport | null = null;
  let dailyHour: number | null = null;
  let units: SetupReport['units'] = null;
  try {
    const state = parseCampaignState(tables);
    dailyHour = state.campaign.config.dailyMailHour;
    units = {
      total: state.units.all.length,
      active: state.units.all.filter((unit) => unit.isActive).length,
    };
    forms = setUpForms(
      {
        formApp: services.formApp,
        spreadsheet: services.spreadsheet,
        properties: services.documentProperties,
        flush: () => services.spreadsheetApp.flush(),
      },
      { config: state.campaign.config, units: state.units, periods: state.campaign.periods },
    );
  } catch (error) {
    dailyHour = dailyHour ?? configuredDailyHour(tables);
    notes.push(
      'Chưa thiết lập biểu mẫu vì bảng tính có chỗ chưa đúng; sửa rồi chạy lại «Thiết lập ban đầu»:\n' +
        problemsOf(error)
          .map((line) => `  - ${line}`)
          .join('\n'),
    );
  }

  // `Biểu mẫu` goes with setup's row in `Nhật ký`, in the last batch.
  const lastWrites: SheetWrite[] = [];
  if (forms) {
    const factsWrite = formFactsWrite(storedFormFacts(services.documentProperties));
    if (!sameTable(read.get(SHEET.forms), factsWrite)) lastWrites.push(factsWrite);
    (isEmpty(read.get(SHEET.forms)) ? sheetsCreated : sheetsPresent).push(SHEET.forms);
  }

  let triggers: TriggerOutcome[] = [];
  if (dailyHour !== null) {
    storeSubmissionSettings(
      services.scriptProperties,
      services.documentProperties,
      services.spreadsheet.getId(),
    );
    triggers = installTriggers(
      { scriptApp: services.scriptApp, settings: services.scriptProperties },
      {
        formIds: storedFormIds(services.documentProperties),
        spreadsheetId: services.spreadsheet.getId(),
        dailyHour,
      },
    );
  } else {
    notes.push('Chưa cài trình kích hoạt vì trang «Cấu hình» có chỗ chưa đúng (giờ gửi thư hằng ngày).');
  }
  const triggerOwner = owner || user;
  if (triggers.length > 0 && owner === '' && user !== '') {
    services.scriptProperties.setProperty(TRIGGER_OWNER_PROPERTY, user);
  }
  if (user === '') {
    notes.push(
      'Google không cho biết tài khoản đang chạy nên không ghi được chủ của các trình kích hoạt; nếu người khác ' +
        `cũng chạy «${SETUP_LABEL}», thư có thể bị gửi hai lần.`,
    );
  }

  const report: SetupReport = {
    sheetsCreated,
    sheetsPresent,
    configKeysAdded,
    choices,
    codesGenerated,
    forms,
    triggers,
    timeZoneChangedFrom,
    triggerOwner,
    units,
    notes,
  };
  const row = setupAuditRow(report, SETUP_LABEL, services.now(), user);
  lastWrites.push(...(newEventLog ? [{ ...newEventLog, rows: eventLogRows([row]) }] : eventLogWrite([row])));
  workbook.write(lastWrites);
  const laidOut = lastWrites.filter((write) => isEmpty(read.get(write.sheet)) && write.kind === 'replace');
  layOutNewSheets(
    services.spreadsheet,
    laidOut.map((write) => write.sheet),
    new Map(laidOut.map((write) => [write.sheet, write])),
  );
  return report;
}

/** Whether the sheet already holds exactly what the write would put there (blanks as null). */
function sameTable(table: Table | undefined, write: SheetWrite): boolean {
  const cells = (rows: readonly (readonly CellValue[])[], width: number) =>
    JSON.stringify(rows.map((row) => Array.from({ length: width }, (_, index) => row[index] ?? null)));
  return (
    table !== undefined &&
    JSON.stringify(table.headers) === JSON.stringify(write.headers) &&
    cells(table.rows, write.headers.length) === cells(write.rows, write.headers.length)
  );
}

/** What setup learnt of the forms, for `Biểu mẫu`: every shell builds the units' links from it. */
export function storedFormFacts(properties: FormPropertyStore): FormFact[] {
  const ids = storedFormIds(properties);
  const templates = readPrefillTemplates(properties);
  return (['plan', 'report'] as const).flatMap((kind) => {
    const template = templates[kind];
    return template ? [{ kind, formId: ids[kind] ?? '', template }] : [];
  });
}

/** The «Thiết lập ban đầu» menu item, over the Apps Script services. */
export function runSetupMenu(services: GasServices): void {
  runMenuAction(services.menuSurface, SETUP_LABEL, () => {
    let report: SetupReport;
    try {
      report = runSetup({
        spreadsheetApp: services.globals.SpreadsheetApp,
        spreadsheet: services.spreadsheet,
        formApp: services.globals.FormApp,
        documentProperties: services.documentProperties,
        scriptProperties: services.scriptProperties,
        scriptApp: services.globals.ScriptApp,
        lock: services.lock(LOCK_WAIT_MS.menu),
        randomUuid: () => services.randomUuid(),
        effectiveUserEmail: () => services.globals.Session.getEffectiveUser().getEmail(),
        now: () => services.now(),
      });
    } catch (error) {
      if (error instanceof SetupOwnerError) return { message: error.message, dialog: true };
      throw error;
    }
    return { message: describeSetup(report), dialog: true };
  });
}
