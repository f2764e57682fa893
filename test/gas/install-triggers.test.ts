import {
  DAILY_RUN_HANDLER,
  describeTriggers,
  installTriggers,
  REVIEW_EDIT_HANDLER,
} from '../../src/gas/install-triggers';
import { TriggerLimitError } from '../../src/gas/triggers';
import { asProperties, FakePropertiesService } from '../fakes/properties-service';
import { asScriptApp, FakeScriptApp } from '../fakes/script-app';

const TARGETS = {
  formIds: { plan: 'form-plan', report: 'form-report' },
  spreadsheetId: 'sheet-1',
  dailyHour: 7,
};

function services(scriptApp: FakeScriptApp, properties: FakePropertiesService) {
  return { scriptApp: asScriptApp(scriptApp), settings: asProperties(properties.script) };
}

describe('installTriggers', () => {
  it('installs the two form-submit triggers, the daily run at 7:00 Vietnam time and the on-edit trigger', () => {
    const scriptApp = new FakeScriptApp();
    const properties = new FakePropertiesService();
    const outcomes = installTriggers(services(scriptApp, properties), TARGETS);
    expect(
      scriptApp.installed.map((trigger) => [trigger.handler, trigger.eventType, trigger.sourceId]),
    ).toEqual([
      ['onFormSubmitPlan', 'ON_FORM_SUBMIT', 'form-plan'],
      ['onFormSubmitReport', 'ON_FORM_SUBMIT', 'form-report'],
      [DAILY_RUN_HANDLER, 'CLOCK', null],
      [REVIEW_EDIT_HANDLER, 'ON_EDIT', 'sheet-1'],
    ]);
    expect(scriptApp.installed[2]?.clock).toEqual({ everyDays: 1, atHour: 7, timeZone: 'Asia/Ho_Chi_Minh' });
    expect(describeTriggers(outcomes)).toEqual([
      'Trình kích hoạt «khi có bài nộp Kế hoạch»: đã cài.',
      'Trình kích hoạt «khi có bài nộp Báo cáo»: đã cài.',
      'Trình kích hoạt «chạy hằng ngày»: đã cài.',
      'Trình kích hoạt «khi đánh giá bài nộp»: đã cài.',
    ]);
  });

  it('adds nothing when run again, and moves the daily run when the hour changes', () => {
    const scriptApp = new FakeScriptApp();
    const properties = new FakePropertiesService();
    installTriggers(services(scriptApp, properties), TARGETS);
    const again = installTriggers(services(scriptApp, properties), TARGETS);
    expect(again.map((outcome) => outcome.action)).toEqual(['kept', 'kept', 'kept', 'kept']);
    expect(scriptApp.installed).toHaveLength(4);
    installTriggers(services(scriptApp, properties), { ...TARGETS, dailyHour: 16 });
    expect(scriptApp.installed).toHaveLength(4);
    expect(scriptApp.installed.find((trigger) => trigger.handler === DAILY_RUN_HANDLER)?.clock?.atHour).toBe(
      16,
    );
  });

  it('installs no form-submit trigger for a form setup has not made', () => {
    const scriptApp = new FakeScriptApp();
    installTriggers(services(scriptApp, new FakePropertiesService()), {
      ...TARGETS,
      formIds: { plan: 'form-plan' },
    });
    expect(scriptApp.installed.map((trigger) => trigger.handler)).toEqual([
      'onFormSubmitPlan',
      DAILY_RUN_HANDLER,
      REVIEW_EDIT_HANDLER,
    ]);
  });

  it('refuses in Vietnamese when Google’s limit of 20 triggers would be passed', () => {
    const scriptApp = new FakeScriptApp();
    for (let index = 0; index < 20; index += 1)
      scriptApp.newTrigger(`other${index}`).timeBased().everyDays(1).create();
    expect(() => installTriggers(services(scriptApp, new FakePropertiesService()), TARGETS)).toThrow(
      TriggerLimitError,
    );
    expect(scriptApp.installed).toHaveLength(20);
  });
});
