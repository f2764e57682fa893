// An in-memory ScriptApp for installable triggers: builders, the project's triggers, deletion, and
// Google's limit of 20 triggers per user per script. Tests fire triggers with `fire…`, which call
// the handler by name as Apps Script does (and fail as it does when no such function exists).
//
// Triggers belong to the account that made them, as in Apps Script: getProjectTriggers lists only
// the current user's, deleteTrigger cannot reach another's, and the limit of 20 counts per user.
// `actAs` switches the account (a second editor opening the spreadsheet); `Session` answers with it.
//
// Google's Trigger has no getter for a clock trigger's hour or time zone; the fake keeps them
// where tests can see them (`installed`) without adding them to the Trigger objects, so code under
// test cannot rely on what Apps Script would not give it.

import { CallLog } from './spreadsheet-app';

export const TOO_MANY_TRIGGERS_MESSAGE =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
export const MAX_TRIGGERS = 20;

export const EVENT_TYPE = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;
export type EventTypeName = keyof typeof EVENT_TYPE;

export const TRIGGER_SOURCE = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const;
export type TriggerSourceName = keyof typeof TRIGGER_SOURCE;

/** Everything the fake knows of an installed trigger (more than Google's Trigger shows). */
export interface InstalledTrigger {
  readonly uniqueId: string;
  /** The account that created it: the one it runs as, and the only one that sees it. */
  readonly owner: string;
  readonly handler: string;
  readonly eventType: EventTypeName;
  readonly source: TriggerSourceName;
  /** The form or spreadsheet id; null for a clock trigger. */
  readonly sourceId: string | null;
  readonly clock?: {
    readonly everyDays?: number;
    readonly everyHours?: number;
    readonly everyMinutes?: number;
    readonly atHour?: number;
    readonly nearMinute?: number;
    readonly timeZone: string;
    /** A one-off trigger (`after`, `at`): when it is due, in epoch milliseconds. */
    readonly dueAtMs?: number;
  };
}

export class FakeTrigger {
  constructor(
    private readonly calls: CallLog,
    readonly installed: InstalledTrigger,
  ) {}

  private record(method: string): void {
    this.calls.record(`Trigger.${method}`);
  }

  getUniqueId(): string {
    this.record('getUniqueId');
    return this.installed.uniqueId;
  }

  getHandlerFunction(): string {
    this.record('getHandlerFunction');
    return this.installed.handler;
  }

  getEventType(): EventTypeName {
    this.record('getEventType');
    return this.installed.eventType;
  }

  getTriggerSource(): TriggerSourceName {
    this.record('getTriggerSource');
    return this.installed.source;
  }

  getTriggerSourceId(): string | null {
    this.record('getTriggerSourceId');
    return this.installed.sourceId;
  }
}

/** Something with an id, as Apps Script accepts a Form or a Spreadsheet where it takes a key. */
type SourceKey = string | { getId(): string };

function keyOf(source: SourceKey, what: string): string {
  if (typeof source === 'string' && source !== '') return source;
  if (source && typeof source === 'object' && typeof source.getId === 'function') return source.getId();
  throw new Error(`Invalid argument: ${what}`);
}

class FormTriggerBuilder {
  private eventType: EventTypeName | null = null;

  constructor(
    private readonly app: FakeScriptApp,
    private readonly handler: string,
    private readonly formId: string,
  ) {}

  onFormSubmit(): this {
    this.app.calls.record('FormTriggerBuilder.onFormSubmit');
    this.eventType = 'ON_FORM_SUBMIT';
    return this;
  }

  onOpen(): this {
    this.app.calls.record('FormTriggerBuilder.onOpen');
    this.eventType = 'ON_OPEN';
    return this;
  }

  create(): FakeTrigger {
    this.app.calls.record('FormTriggerBuilder.create');
    if (!this.eventType) throw new Error('Trigger type must be specified before the trigger is created.');
    return this.app.install({
      handler: this.handler,
      eventType: this.eventType,
      source: 'FORMS',
      sourceId: this.formId,
    });
  }
}

class SpreadsheetTriggerBuilder {
  private eventType: EventTypeName | null = null;

  constructor(
    private readonly app: FakeScriptApp,
    private readonly handler: string,
    private readonly spreadsheetId: string,
  ) {}

  private on(eventType: EventTypeName, method: string): this {
    this.app.calls.record(`SpreadsheetTriggerBuilder.${method}`);
    this.eventType = eventType;
    return this;
  }

  onEdit(): this {
    return this.on('ON_EDIT', 'onEdit');
  }

  onOpen(): this {
    return this.on('ON_OPEN', 'onOpen');
  }

  onChange(): this {
    return this.on('ON_CHANGE', 'onChange');
  }

  onFormSubmit(): this {
    return this.on('ON_FORM_SUBMIT', 'onFormSubmit');
  }

  create(): FakeTrigger {
    this.app.calls.record('SpreadsheetTriggerBuilder.create');
    if (!this.eventType) throw new Error('Trigger type must be specified before the trigger is created.');
    return this.app.install({
      handler: this.handler,
      eventType: this.eventType,
      source: 'SPREADSHEETS',
      sourceId: this.spreadsheetId,
    });
  }
}

const EVERY_MINUTES_ALLOWED = [1, 5, 10, 15, 30];

class ClockTriggerBuilder {
  private readonly settings: {
    everyDays?: number;
    everyHours?: number;
    everyMinutes?: number;
    atHour?: number;
    nearMinute?: number;
    dueAtMs?: number;
  } = {};
  private timeZone: string;

  constructor(
    private readonly app: FakeScriptApp,
    private readonly handler: string,
  ) {
    this.timeZone = app.scriptTimeZone;
  }

  private record(method: string): void {
    this.app.calls.record(`ClockTriggerBuilder.${method}`);
  }

  everyDays(days: number): this {
    this.record('everyDays');
    if (!Number.isInteger(days) || days < 1) throw new Error('Invalid argument: n');
    this.settings.everyDays = days;
    return this;
  }

  everyHours(hours: number): this {
    this.record('everyHours');
    if (![1, 2, 4, 6, 8, 12].includes(hours)) throw new Error('Invalid argument: n');
    this.settings.everyHours = hours;
    return this;
  }

  everyMinutes(minutes: number): this {
    this.record('everyMinutes');
    if (!EVERY_MINUTES_ALLOWED.includes(minutes)) {
      throw new Error('The value passed to everyMinutes must be one of 1, 5, 10, 15 or 30.');
    }
    this.settings.everyMinutes = minutes;
    return this;
  }

  atHour(hour: number): this {
    this.record('atHour');
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error('Invalid argument: hour');
    this.settings.atHour = hour;
    return this;
  }

  nearMinute(minute: number): this {
    this.record('nearMinute');
    if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw new Error('Invalid argument: minute');
    this.settings.nearMinute = minute;
    return this;
  }

  /** A one-off trigger that runs once, at least this long from now (Google: plus or minus 15 minutes). */
  after(durationMilliseconds: number): this {
    this.record('after');
    if (!Number.isFinite(durationMilliseconds) || durationMilliseconds < 0)
      throw new Error('Invalid argument: durationMilliseconds');
    this.settings.dueAtMs = this.app.nowMs() + durationMilliseconds;
    return this;
  }

  /** A one-off trigger that runs once, at `date`. */
  at(date: Date): this {
    this.record('at');
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new Error('Invalid argument: date');
    this.settings.dueAtMs = date.getTime();
    return this;
  }

  inTimezone(timeZone: string): this {
    this.record('inTimezone');
    if (!/^(UTC|GMT|[A-Za-z]+(\/[A-Za-z_+-]+)+)$/.test(String(timeZone))) {
      throw new Error(`Invalid argument: timezone (${String(timeZone)})`);
    }
    this.timeZone = String(timeZone);
    return this;
  }

  create(): FakeTrigger {
    this.record('create');
    const recurrences = [
      this.settings.everyDays,
      this.settings.everyHours,
      this.settings.everyMinutes,
    ].filter((n) => n !== undefined);
    if (this.settings.dueAtMs !== undefined) {
      if (recurrences.length > 0 || this.settings.atHour !== undefined)
        throw new Error('A one-off clock trigger (after, at) cannot also recur.');
      return this.app.install({
        handler: this.handler,
        eventType: 'CLOCK',
        source: 'CLOCK',
        sourceId: null,
        clock: { dueAtMs: this.settings.dueAtMs, timeZone: this.timeZone },
      });
    }
    if (recurrences.length !== 1)
      throw new Error(
        'A clock trigger needs exactly one recurrence (everyDays, everyHours or everyMinutes).',
      );
    if (
      (this.settings.atHour !== undefined || this.settings.nearMinute !== undefined) &&
      this.settings.everyDays === undefined
    ) {
      throw new Error('atHour and nearMinute can only be used with everyDays or everyWeeks.');
    }
    return this.app.install({
      handler: this.handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      clock: { ...this.settings, timeZone: this.timeZone },
    });
  }
}

class TriggerBuilder {
  constructor(
    private readonly app: FakeScriptApp,
    private readonly handler: string,
  ) {}

  forForm(form: SourceKey): FormTriggerBuilder {
    this.app.calls.record('TriggerBuilder.forForm');
    return new FormTriggerBuilder(this.app, this.handler, keyOf(form, 'key'));
  }

  forSpreadsheet(spreadsheet: SourceKey): SpreadsheetTriggerBuilder {
    this.app.calls.record('TriggerBuilder.forSpreadsheet');
    return new SpreadsheetTriggerBuilder(this.app, this.handler, keyOf(spreadsheet, 'key'));
  }

  timeBased(): ClockTriggerBuilder {
    this.app.calls.record('TriggerBuilder.timeBased');
    return new ClockTriggerBuilder(this.app, this.handler);
  }
}

/** Handlers by function name, as the top-level functions of the script project. */
export type TriggerHandlers = Readonly<Record<string, unknown>>;

export interface FakeScriptAppOptions {
  readonly calls?: CallLog;
  readonly scriptTimeZone?: string;
  readonly handlers?: TriggerHandlers;
  readonly scriptId?: string;
  /** The account running the script; by default the department's officer. */
  readonly user?: string;
}

export const DEFAULT_USER = 'chuyenvien@pgd.example.edu.vn';

export class FakeScriptApp {
  readonly calls: CallLog;
  readonly scriptTimeZone: string;
  readonly EventType = EVENT_TYPE;
  readonly TriggerSource = TRIGGER_SOURCE;
  readonly AuthMode = {
    NONE: 'NONE',
    CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
    LIMITED: 'LIMITED',
    FULL: 'FULL',
  } as const;
  private readonly triggers: InstalledTrigger[] = [];
  private handlers: TriggerHandlers;
  private counter = 0;
  private readonly scriptId: string;
  private user: string;
  private clock: () => number = () => Date.now();
  /** One-off triggers that have run: Google leaves them in the project, spent, until deleted. */
  private readonly spent = new Set<string>();
  /** Session, as the same account sees it: `Session.getEffectiveUser().getEmail()`. */
  readonly session = {
    getEffectiveUser: () => ({ getEmail: () => this.user }),
    getActiveUser: () => ({ getEmail: () => this.user }),
  };

  constructor(options: FakeScriptAppOptions = {}) {
    this.calls = options.calls ?? new CallLog();
    this.scriptTimeZone = options.scriptTimeZone ?? 'Asia/Ho_Chi_Minh';
    this.handlers = options.handlers ?? {};
    this.scriptId = options.scriptId ?? '1hannopFakeScriptId';
    this.user = options.user ?? DEFAULT_USER;
  }

  /** Another account runs the script from now on (a second editor of the spreadsheet). */
  actAs(email: string): void {
    this.user = email;
  }

  get currentUser(): string {
    return this.user;
  }

  // --- test helpers (not Google's API; not counted) ---

  /** The time one-off triggers are due by (the test's clock), in epoch milliseconds. */
  setClock(now: () => number): void {
    this.clock = now;
  }

  nowMs(): number {
    return this.clock();
  }

  /** One-off triggers installed and not yet run. */
  get pendingOneOff(): readonly InstalledTrigger[] {
    return this.triggers.filter(
      (trigger) => trigger.clock?.dueAtMs !== undefined && !this.spent.has(trigger.uniqueId),
    );
  }

  /**
   * Runs every one-off trigger due by `nowMs` that has not run, once, in due order (as Google does;
   * it stays listed, spent, until deleted). Returns how many ran.
   */
  fireDueOneOff(nowMs: number): number {
    const due = this.pendingOneOff
      .filter((trigger) => (trigger.clock?.dueAtMs as number) <= nowMs)
      .sort((a, b) => (a.clock?.dueAtMs as number) - (b.clock?.dueAtMs as number));
    due.forEach((trigger) => {
      this.spent.add(trigger.uniqueId);
      this.run(trigger, { timezone: 'UTC' });
    });
    return due.length;
  }

  /** What is installed, with the settings Google's Trigger does not show. */
  get installed(): readonly InstalledTrigger[] {
    return [...this.triggers];
  }

  /** Runs each trigger execution (the lock fake's `runExecution`, which ends what it left held). */
  executionRunner: ((execution: () => void) => void) | null = null;

  /** The top-level functions that triggers call by name. */
  bindHandlers(handlers: TriggerHandlers): void {
    this.handlers = handlers;
  }

  install(fields: Omit<InstalledTrigger, 'uniqueId' | 'owner'>): FakeTrigger {
    if (!fields.handler) throw new Error('Invalid argument: functionName');
    if (this.triggers.filter((trigger) => trigger.owner === this.user).length >= MAX_TRIGGERS) {
      throw new Error(TOO_MANY_TRIGGERS_MESSAGE);
    }
    this.counter += 1;
    const trigger: InstalledTrigger = {
      ...fields,
      owner: this.user,
      uniqueId: `82${String(this.counter * 7).padStart(17, '0')}`,
    };
    this.triggers.push(trigger);
    return new FakeTrigger(this.calls, trigger);
  }

  private run(trigger: InstalledTrigger, event: Record<string, unknown>): void {
    const handler = this.handlers[trigger.handler];
    if (typeof handler !== 'function') throw new Error(`Script function not found: ${trigger.handler}`);
    const execution = () =>
      (handler as (event: unknown) => void)({ authMode: 'FULL', triggerUid: trigger.uniqueId, ...event });
    // Each trigger run is an execution of its own: what it leaves held ends with it.
    if (this.executionRunner) this.executionRunner(execution);
    else execution();
  }

  /**
   * A response was submitted to the form: runs every form-submit trigger of that form, as Google
   * does (a second trigger on the same form runs the handler twice). Returns how many ran.
   */
  fireFormSubmit(formId: string, event: { readonly response: unknown; readonly source?: unknown }): number {
    const matching = this.triggers.filter(
      (trigger) =>
        trigger.eventType === 'ON_FORM_SUBMIT' && trigger.source === 'FORMS' && trigger.sourceId === formId,
    );
    matching.forEach((trigger) => this.run(trigger, { ...event }));
    return matching.length;
  }

  /** A person edited the spreadsheet: runs its on-edit triggers with the given event fields. */
  fireEdit(spreadsheetId: string, event: Record<string, unknown>): number {
    const matching = this.triggers.filter(
      (trigger) => trigger.eventType === 'ON_EDIT' && trigger.sourceId === spreadsheetId,
    );
    matching.forEach((trigger) => this.run(trigger, event));
    return matching.length;
  }

  /**
   * The clock reached `at`: runs the daily triggers whose hour, in their time zone, is the hour of
   * `at` (Google picks a minute within that hour). Only fixed-offset zones are known to the fake.
   */
  fireClock(at: Date): number {
    const matching = this.triggers.filter((trigger) => {
      const clock = trigger.clock;
      if (trigger.eventType !== 'CLOCK' || !clock || clock.dueAtMs !== undefined) return false;
      if (clock.atHour === undefined) return true;
      return hourIn(at, clock.timeZone) === clock.atHour;
    });
    matching.forEach((trigger) => this.run(trigger, { timezone: 'UTC', hour: at.getUTCHours() }));
    return matching.length;
  }

  // --- Google's API ---

  newTrigger(functionName: string): TriggerBuilder {
    this.calls.record('ScriptApp.newTrigger');
    if (typeof functionName !== 'string' || functionName === '')
      throw new Error('Invalid argument: functionName');
    return new TriggerBuilder(this, functionName);
  }

  getProjectTriggers(): FakeTrigger[] {
    this.calls.record('ScriptApp.getProjectTriggers');
    return this.mine().map((trigger) => new FakeTrigger(this.calls, trigger));
  }

  getUserTriggers(source: SourceKey): FakeTrigger[] {
    this.calls.record('ScriptApp.getUserTriggers');
    const id = keyOf(source, 'source');
    return this.mine()
      .filter((trigger) => trigger.sourceId === id)
      .map((trigger) => new FakeTrigger(this.calls, trigger));
  }

  deleteTrigger(trigger: FakeTrigger): void {
    this.calls.record('ScriptApp.deleteTrigger');
    if (!(trigger instanceof FakeTrigger)) throw new Error('Invalid argument: trigger');
    // Another account's trigger is out of reach: Apps Script leaves it in place.
    const index = this.triggers.findIndex(
      (installed) => installed.uniqueId === trigger.installed.uniqueId && installed.owner === this.user,
    );
    if (index >= 0) this.triggers.splice(index, 1);
  }

  private mine(): InstalledTrigger[] {
    return this.triggers.filter((trigger) => trigger.owner === this.user);
  }

  getScriptId(): string {
    this.calls.record('ScriptApp.getScriptId');
    return this.scriptId;
  }
}

const FIXED_OFFSET_HOURS: Record<string, number> = {
  'Asia/Ho_Chi_Minh': 7,
  'Asia/Saigon': 7,
  'Asia/Bangkok': 7,
  UTC: 0,
  GMT: 0,
  'Etc/UTC': 0,
};

function hourIn(at: Date, timeZone: string): number {
  const offset = FIXED_OFFSET_HOURS[timeZone];
  if (offset === undefined) throw new Error(`The ScriptApp fake knows no offset for ${timeZone}.`);
  return new Date(at.getTime() + offset * 3600000).getUTCHours();
}

export function asScriptApp(fake: FakeScriptApp): GoogleAppsScript.Script.ScriptApp {
  return fake as unknown as GoogleAppsScript.Script.ScriptApp;
}
