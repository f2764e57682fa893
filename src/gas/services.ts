// The ports and services the handlers use, built from Apps Script's globals. Tests build them from
// the fakes through the same constructor. Each service is made on first use and kept for the
// execution, so a handler that does not need the Ui or MailApp never touches them.
// Every entry point of main.ts passes `appsScriptServices()`; a handler takes what it needs from it.
import { ScriptPropertiesJournal } from './script-properties-journal';
import type { PrefilledLinkOf } from '../domain/mail-content';
import { FORM_KIND_LABEL, type FormKind, type Period } from '../domain/campaign';
import type { AnswerEntries } from '../domain/prefilled-link';
import type { Unit } from '../domain/units';
import type { Clock, Workbook } from '../ports';
import { AdvancedSheetsWorkbook, type AdvancedSheetsService } from './advanced-sheets-workbook';
import type { FormsService } from './forms-setup';
import { MailAppMailer, type MailAppService } from './mailapp-mailer';
import type { MenuSurface } from './menu-action';
import type { OpenForm } from './form-response-source';
import { storedFormIds } from './install-triggers';
import { ScriptLock, type LockRelease, type ScriptLockService } from './script-lock';
import { SpreadsheetWorkbook } from './spreadsheet-workbook';
import { storedSpreadsheetId, submissionAnswerEntries } from './submission-settings';
import type { TriggerService } from './triggers';
import { unitFormLinks } from './unit-links';

type Properties = GoogleAppsScript.Properties.Properties;

/** The Apps Script services the handlers use (the globals in Apps Script, the fakes in tests). */
export interface AppsScriptGlobals {
  readonly SpreadsheetApp: Pick<
    GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    | 'getActiveSpreadsheet'
    | 'getUi'
    | 'newConditionalFormatRule'
    | 'newDataValidation'
    | 'ProtectionType'
    | 'flush'
    | 'create'
    | 'openById'
  >;
  readonly FormApp: FormsService;
  readonly ScriptApp: TriggerService;
  readonly LockService: ScriptLockService;
  readonly PropertiesService: Pick<
    GoogleAppsScript.Properties.PropertiesService,
    'getDocumentProperties' | 'getScriptProperties'
  >;
  readonly MailApp: MailAppService;
  readonly HtmlService: Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutput'>;
  readonly DocumentApp: Pick<
    GoogleAppsScript.Document.DocumentApp,
    'create' | 'HorizontalAlignment' | 'Attribute'
  >;
  /** Whose account runs setup: the triggers belong to it. */
  readonly Session: Pick<GoogleAppsScript.Base.Session, 'getEffectiveUser'>;
  /** Entropy for the confirmation codes. */
  readonly Utilities: Pick<GoogleAppsScript.Utilities.Utilities, 'getUuid' | 'sleep'>;
  /** The Advanced Sheets service, when the manifest enables it: a few calls per job instead of dozens. */
  readonly Sheets?: AdvancedSheetsService;
}

export const systemClock: Clock = { now: () => new Date() };

export class GasServices {
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly globals: AppsScriptGlobals,
    readonly clock: Clock = systemClock,
    /** Where a failure is written for the IT person (the execution log in Apps Script). */
    readonly log: (message: string, error: unknown) => void = (message, error) =>
      console.error(message, error),
    /** What a trigger did, for the execution log. */
    readonly note: (message: string) => void = (message) => console.info(message),
  ) {}

  private once<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }

  now(): Date {
    return this.clock.now();
  }

  get spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.once('spreadsheet', () => this.globals.SpreadsheetApp.getActiveSpreadsheet());
  }

  /**
   * The spreadsheet's id: the one setup stored beside the send journal when `stored` (the
   * form-submit trigger, which reads that store anyway), else SpreadsheetApp's (two calls).
   */
  spreadsheetId(stored = false): string {
    return this.once(`spreadsheetId:${String(stored)}`, () => {
      const id = stored ? storedSpreadsheetId(this.scriptPropertyValues) : null;
      return id ?? this.spreadsheet.getId();
    });
  }

  get workbook(): Workbook {
    return this.workbookOf(false);
  }

  /** The workbook of the spreadsheet whose id setup stored (the form-submit trigger). */
  get submissionWorkbook(): Workbook {
    return this.workbookOf(true);
  }

  private workbookOf(storedId: boolean): Workbook {
    return this.once('workbook', () => {
      const sheets = this.globals.Sheets;
      const retry = { sleep: (ms: number) => this.globals.Utilities.sleep(ms) };
      return sheets
        ? new AdvancedSheetsWorkbook(sheets, this.spreadsheetId(storedId), retry)
        : new SpreadsheetWorkbook(this.spreadsheet, this.globals.SpreadsheetApp, retry);
    });
  }

  lock(waitMs: number, release: LockRelease = 'afterSection'): ScriptLock {
    // A read of the script properties made before the lock may miss what an execution that held
    // it wrote meanwhile (the send journal, its claims): the next use reads them again.
    return new ScriptLock(
      this.globals.LockService,
      waitMs,
      () => {
        this.scriptValues = null;
        const journal = this.cache.get('mailJournal');
        if (journal instanceof ScriptPropertiesJournal) journal.invalidate();
      },
      release,
    );
  }

  private scriptValues: Record<string, string> | null = null;

  /**
   * Every script property, read in one call and kept until a lock is taken: the send journal,
   * the spreadsheet's id and the forms' maps of entries come from this one read.
   */
  get scriptPropertyValues(): Readonly<Record<string, string>> {
    if (!this.scriptValues) this.scriptValues = { ...this.scriptProperties.getProperties() };
    return this.scriptValues;
  }

  /** The send journal, in Script Properties (script-properties-journal.ts). */
  get mailJournal(): ScriptPropertiesJournal {
    return this.once(
      'mailJournal',
      () => new ScriptPropertiesJournal(this.scriptProperties, () => ({ ...this.scriptPropertyValues })),
    );
  }

  get mailer(): MailAppMailer {
    return this.once('mailer', () => new MailAppMailer(this.globals.MailApp));
  }

  get ui(): GoogleAppsScript.Base.Ui {
    return this.once('ui', () => this.globals.SpreadsheetApp.getUi());
  }

  /** Where a menu item tells the officer what it did, or why it failed (menu-action.ts). */
  get menuSurface(): MenuSurface {
    return this.once('menuSurface', () => ({ ui: this.ui, spreadsheet: this.spreadsheet, log: this.log }));
  }

  /** A fresh version-4 UUID, the entropy of a confirmation code. */
  randomUuid(): string {
    return this.globals.Utilities.getUuid();
  }

  get documentProperties(): Properties {
    return this.once('documentProperties', () => this.globals.PropertiesService.getDocumentProperties());
  }

  get scriptProperties(): Properties {
    return this.once('scriptProperties', () => this.globals.PropertiesService.getScriptProperties());
  }

  /** Every document property, read in one call and kept for the execution. */
  get documentPropertyValues(): Pick<Properties, 'getProperty'> {
    return this.once('documentPropertyValues', () => {
      const values = this.documentProperties.getProperties();
      return { getProperty: (key: string) => values[key] ?? null };
    });
  }

  /** Setup's map from a form's pre-filled entries to its questions (null before setup made it). */
  answerEntries(kind: FormKind): AnswerEntries | null {
    return submissionAnswerEntries(this.scriptPropertyValues, () => this.documentPropertyValues, kind);
  }

  /** Each unit's pre-filled link, from the templates setup stored (none before setup). */
  get prefilledLink(): PrefilledLinkOf {
    return this.once('prefilledLink', () => {
      const links = unitFormLinks(this.documentPropertyValues);
      return (unit: Unit, period: Pick<Period, 'form' | 'name'>) => links.linkFor(unit, period) ?? null;
    });
  }

  /** The forms setup made that still open; the others are named in `problems` (Vietnamese). */
  openForms(): { readonly forms: OpenForm[]; readonly problems: string[] } {
    const forms: OpenForm[] = [];
    const problems: string[] = [];
    // From the document properties read once: the rebuild asks for the ids again (sheet-rebuild.ts).
    const ids = storedFormIds(this.documentPropertyValues);
    for (const kind of ['plan', 'report'] as const) {
      const id = ids[kind];
      if (!id) continue;
      try {
        forms.push({ kind, form: this.globals.FormApp.openById(id) });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        problems.push(
          `Không mở được biểu mẫu ${FORM_KIND_LABEL[kind]} (mã ${id}): ${detail}. ` +
            'Hãy chạy «Thiết lập ban đầu».',
        );
      }
    }
    return { forms, problems };
  }
}

/** The services of this execution, from Apps Script's globals. */
export function appsScriptServices(): GasServices {
  return new GasServices({
    SpreadsheetApp,
    FormApp,
    ScriptApp,
    LockService,
    PropertiesService,
    MailApp,
    HtmlService,
    DocumentApp,
    Session,
    Utilities,
    // Absent, not undefined, when the manifest does not enable the service: a bare `Sheets` would throw.
    ...(typeof Sheets === 'undefined' ? {} : { Sheets }),
  });
}
