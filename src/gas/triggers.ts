// Installable triggers, idempotent: one trigger per handler and source, however many times setup
// runs. Google allows 20 triggers per user per script, and its Trigger object does not tell
// a clock trigger's hour or time zone, so the settings each trigger was made with are kept in the
// script properties under its unique id: a daily trigger whose hour changed is replaced, one whose
// settings are unknown (made by hand) is replaced too, and form-submit and on-edit triggers are
// fully described by their event and source.

type ScriptApp = GoogleAppsScript.Script.ScriptApp;
type Trigger = GoogleAppsScript.Script.Trigger;

/** What the trigger code needs of ScriptApp (passed in, so tests can give the fake). */
export type TriggerService = Pick<
  ScriptApp,
  'newTrigger' | 'getProjectTriggers' | 'deleteTrigger' | 'EventType'
>;

/** Where the settings of each installed trigger are remembered (the script properties). */
export type TriggerSettingsStore = Pick<
  GoogleAppsScript.Properties.Properties,
  'getProperty' | 'setProperty' | 'deleteProperty'
>;

export const MAX_TRIGGERS_PER_USER = 20;
const SETTINGS_PREFIX = 'hannop.trigger.';

export type TriggerSpec =
  | { readonly kind: 'formSubmit'; readonly handler: string; readonly formId: string }
  | { readonly kind: 'spreadsheetEdit'; readonly handler: string; readonly spreadsheetId: string }
  | { readonly kind: 'daily'; readonly handler: string; readonly hour: number; readonly timeZone: string };

export interface TriggerOutcome {
  readonly handler: string;
  /** `kept`: it was already right; `replaced`: a trigger with other settings made way for it. */
  readonly action: 'created' | 'kept' | 'replaced';
  /** Triggers deleted: duplicates, ones with other settings, or (when asked) for other sources. */
  readonly removed: number;
  readonly uniqueId: string;
}

/** Adding the trigger would pass Google's limit; nothing was created. */
export class TriggerLimitError extends Error {
  override readonly name = 'TriggerLimitError';
  constructor(handler: string, count: number) {
    super(
      `Không thể cài trình kích hoạt «${handler}»: dự án đã có ${count} trình kích hoạt, ` +
        `bằng giới hạn ${MAX_TRIGGERS_PER_USER} của Google cho mỗi người dùng. ` +
        'Hãy xóa các trình kích hoạt không còn dùng (Apps Script › Trình kích hoạt) rồi chạy lại.',
    );
  }
}

function eventTypeOf(service: TriggerService, spec: TriggerSpec): string {
  if (spec.kind === 'formSubmit') return String(service.EventType.ON_FORM_SUBMIT);
  if (spec.kind === 'spreadsheetEdit') return String(service.EventType.ON_EDIT);
  return String(service.EventType.CLOCK);
}

function sourceIdOf(spec: TriggerSpec): string | null {
  if (spec.kind === 'formSubmit') return spec.formId;
  if (spec.kind === 'spreadsheetEdit') return spec.spreadsheetId;
  return null;
}

/** The settings that Google's Trigger does not show; null when its event and source say it all. */
function settingsOf(spec: TriggerSpec): string | null {
  return spec.kind === 'daily'
    ? JSON.stringify({ everyDays: 1, hour: spec.hour, timeZone: spec.timeZone })
    : null;
}

function sameHandlerAndEvent(service: TriggerService, trigger: Trigger, spec: TriggerSpec): boolean {
  return (
    trigger.getHandlerFunction() === spec.handler &&
    String(trigger.getEventType()) === eventTypeOf(service, spec)
  );
}

function sourceIdOfTrigger(trigger: Trigger): string | null {
  return trigger.getTriggerSourceId() || null;
}

function create(service: TriggerService, spec: TriggerSpec): Trigger {
  const builder = service.newTrigger(spec.handler);
  if (spec.kind === 'formSubmit') return builder.forForm(spec.formId).onFormSubmit().create();
  if (spec.kind === 'spreadsheetEdit') return builder.forSpreadsheet(spec.spreadsheetId).onEdit().create();
  return builder.timeBased().everyDays(1).atHour(spec.hour).inTimezone(spec.timeZone).create();
}

function deleteTrigger(
  service: Pick<ScriptApp, 'deleteTrigger'>,
  settings: TriggerSettingsStore,
  trigger: Trigger,
): void {
  const uniqueId = trigger.getUniqueId();
  service.deleteTrigger(trigger);
  settings.deleteProperty(SETTINGS_PREFIX + uniqueId);
}

/**
 * Makes sure exactly one trigger runs `spec.handler` for the spec's event and source, with the
 * spec's settings. With `replaceOtherSources`, triggers of the same handler and event on another
 * source (e.g. a form that setup had to recreate) are removed too.
 */
export function ensureTrigger(
  service: TriggerService,
  spec: TriggerSpec,
  options: { readonly settings: TriggerSettingsStore; readonly replaceOtherSources?: boolean },
): TriggerOutcome {
  if (spec.kind === 'daily' && !(Number.isInteger(spec.hour) && spec.hour >= 0 && spec.hour <= 23)) {
    throw new RangeError(`daily trigger hour must be 0–23, got ${spec.hour}`);
  }
  const { settings } = options;
  const wantedSource = sourceIdOf(spec);
  const wantedSettings = settingsOf(spec);
  const triggers = service.getProjectTriggers();
  const sameEvent = triggers.filter((trigger) => sameHandlerAndEvent(service, trigger, spec));
  const sameSource = sameEvent.filter((trigger) => sourceIdOfTrigger(trigger) === wantedSource);
  const otherSources = options.replaceOtherSources
    ? sameEvent.filter((trigger) => sourceIdOfTrigger(trigger) !== wantedSource)
    : [];
  const isRight = (trigger: Trigger): boolean =>
    wantedSettings === null ||
    settings.getProperty(SETTINGS_PREFIX + trigger.getUniqueId()) === wantedSettings;
  const keep = sameSource.find(isRight);
  const obsolete = [...sameSource.filter((trigger) => trigger !== keep), ...otherSources];
  obsolete.forEach((trigger) => deleteTrigger(service, settings, trigger));
  if (keep)
    return { handler: spec.handler, action: 'kept', removed: obsolete.length, uniqueId: keep.getUniqueId() };

  const remaining = triggers.length - obsolete.length;
  if (remaining >= MAX_TRIGGERS_PER_USER) throw new TriggerLimitError(spec.handler, remaining);
  let created: Trigger;
  try {
    created = create(service, spec);
  } catch (error) {
    if (/too many triggers/i.test(String((error as Error).message)))
      throw new TriggerLimitError(spec.handler, remaining);
    throw error;
  }
  const uniqueId = created.getUniqueId();
  if (wantedSettings !== null) settings.setProperty(SETTINGS_PREFIX + uniqueId, wantedSettings);
  return {
    handler: spec.handler,
    action: sameSource.length > 0 ? 'replaced' : 'created',
    removed: obsolete.length,
    uniqueId,
  };
}

/** Removes every trigger of a handler (only those on `sourceId` when given); returns how many. */
export function removeTriggers(
  service: Pick<ScriptApp, 'getProjectTriggers' | 'deleteTrigger'>,
  handler: string,
  options: { readonly settings: TriggerSettingsStore; readonly sourceId?: string },
): number {
  const doomed = service
    .getProjectTriggers()
    .filter(
      (trigger) =>
        trigger.getHandlerFunction() === handler &&
        (options.sourceId === undefined || sourceIdOfTrigger(trigger) === options.sourceId),
    );
  doomed.forEach((trigger) => deleteTrigger(service, options.settings, trigger));
  return doomed.length;
}
