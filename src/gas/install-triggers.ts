// Every installable trigger the project needs, in one idempotent call for setup: one form-submit
// trigger per form that setup made, the daily run at `Giờ gửi thư hằng ngày` (Vietnam time), and
// the on-edit trigger that sends "returned for correction" mail. Each is found by handler name
// (triggers.ts), so running setup again adds nothing; the handlers are top-level functions of
// main.ts.
import type { FormKind } from '../domain/campaign';
import { FORM_SUBMIT_HANDLER, formIdProperty } from './forms-setup';
import {
  ensureTrigger,
  type TriggerOutcome,
  type TriggerService,
  type TriggerSettingsStore,
} from './triggers';

export const DAILY_RUN_HANDLER = 'onDailyRun';
export const REVIEW_EDIT_HANDLER = 'onEditReview';
export const TRIGGER_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface TriggerTargets {
  /** The forms setup made (document properties); a form not made yet gets no trigger. */
  readonly formIds: Partial<Record<FormKind, string>>;
  readonly spreadsheetId: string;
  /** `Giờ gửi thư hằng ngày`, 0–23, Vietnam time. */
  readonly dailyHour: number;
}

/** The ids of the forms setup made, as it stored them. */
export function storedFormIds(
  properties: Pick<GoogleAppsScript.Properties.Properties, 'getProperty'>,
): Partial<Record<FormKind, string>> {
  const ids: Partial<Record<FormKind, string>> = {};
  for (const kind of ['plan', 'report'] as const) {
    const id = properties.getProperty(formIdProperty(kind));
    if (id) ids[kind] = id;
  }
  return ids;
}

export function installTriggers(
  services: { readonly scriptApp: TriggerService; readonly settings: TriggerSettingsStore },
  targets: TriggerTargets,
): TriggerOutcome[] {
  const { scriptApp, settings } = services;
  const outcomes: TriggerOutcome[] = [];
  for (const kind of ['plan', 'report'] as const) {
    const formId = targets.formIds[kind];
    if (!formId) continue;
    outcomes.push(
      ensureTrigger(
        scriptApp,
        { kind: 'formSubmit', handler: FORM_SUBMIT_HANDLER[kind], formId },
        { settings, replaceOtherSources: true },
      ),
    );
  }
  outcomes.push(
    ensureTrigger(
      scriptApp,
      { kind: 'daily', handler: DAILY_RUN_HANDLER, hour: targets.dailyHour, timeZone: TRIGGER_TIME_ZONE },
      { settings },
    ),
  );
  outcomes.push(
    ensureTrigger(
      scriptApp,
      { kind: 'spreadsheetEdit', handler: REVIEW_EDIT_HANDLER, spreadsheetId: targets.spreadsheetId },
      { settings, replaceOtherSources: true },
    ),
  );
  return outcomes;
}

const TRIGGER_LABEL: Readonly<Record<string, string>> = {
  [FORM_SUBMIT_HANDLER.plan]: 'khi có bài nộp Kế hoạch',
  [FORM_SUBMIT_HANDLER.report]: 'khi có bài nộp Báo cáo',
  [DAILY_RUN_HANDLER]: 'chạy hằng ngày',
  [REVIEW_EDIT_HANDLER]: 'khi đánh giá bài nộp',
};

const ACTION_LABEL: Readonly<Record<TriggerOutcome['action'], string>> = {
  created: 'đã cài',
  kept: 'đã có',
  replaced: 'đã cài lại',
};

/** One Vietnamese line per trigger, for the setup report. */
export function describeTriggers(outcomes: readonly TriggerOutcome[]): string[] {
  return outcomes.map(
    (outcome) =>
      `Trình kích hoạt «${TRIGGER_LABEL[outcome.handler] ?? outcome.handler}»: ${ACTION_LABEL[outcome.action]}.`,
  );
}
