import { ensureTrigger, removeTriggers, TriggerLimitError, type TriggerSpec } from '../../src/gas/triggers';
import { FakePropertiesService } from '../fakes/properties-service';
import { asScriptApp, FakeScriptApp, MAX_TRIGGERS } from '../fakes/script-app';

function world() {
  const fake = new FakeScriptApp();
  const properties = new FakePropertiesService();
  const settings = properties.getScriptProperties();
  return { fake, scriptApp: asScriptApp(fake), settings, properties };
}

const planSubmit: TriggerSpec = { kind: 'formSubmit', handler: 'onFormSubmitPlan', formId: 'form-plan' };
const daily = (hour: number): TriggerSpec => ({
  kind: 'daily',
  handler: 'runDaily',
  hour,
  timeZone: 'Asia/Ho_Chi_Minh',
});

describe('ensureTrigger', () => {
  it('creates a trigger once and keeps it on every later run', () => {
    const { fake, scriptApp, settings } = world();
    const first = ensureTrigger(scriptApp, planSubmit, { settings });
    const second = ensureTrigger(scriptApp, planSubmit, { settings });
    expect(first).toMatchObject({ action: 'created', removed: 0 });
    expect(second).toEqual({ ...first, action: 'kept' });
    expect(fake.installed).toHaveLength(1);
    expect(fake.installed[0]).toMatchObject({
      handler: 'onFormSubmitPlan',
      eventType: 'ON_FORM_SUBMIT',
      sourceId: 'form-plan',
    });
  });

  it('tells sources apart: the same handler on two forms is two triggers', () => {
    const { fake, scriptApp, settings } = world();
    ensureTrigger(
      scriptApp,
      { kind: 'formSubmit', handler: 'onFormSubmit', formId: 'form-plan' },
      { settings },
    );
    ensureTrigger(
      scriptApp,
      { kind: 'formSubmit', handler: 'onFormSubmit', formId: 'form-report' },
      { settings },
    );
    ensureTrigger(
      scriptApp,
      { kind: 'formSubmit', handler: 'onFormSubmit', formId: 'form-plan' },
      { settings },
    );
    expect(fake.installed.map((trigger) => trigger.sourceId)).toEqual(['form-plan', 'form-report']);
  });

  it('moves a handler to a new source when asked, removing the trigger on the old one', () => {
    const { fake, scriptApp, settings } = world();
    ensureTrigger(scriptApp, planSubmit, { settings });
    const outcome = ensureTrigger(
      scriptApp,
      { ...planSubmit, formId: 'form-plan-new' },
      { settings, replaceOtherSources: true },
    );
    expect(outcome).toMatchObject({ action: 'created', removed: 1 });
    expect(fake.installed.map((trigger) => trigger.sourceId)).toEqual(['form-plan-new']);
  });

  it('removes duplicates left by earlier runs', () => {
    const { fake, scriptApp, settings } = world();
    fake.newTrigger('onFormSubmitPlan').forForm('form-plan').onFormSubmit().create();
    fake.newTrigger('onFormSubmitPlan').forForm('form-plan').onFormSubmit().create();
    expect(ensureTrigger(scriptApp, planSubmit, { settings })).toMatchObject({ action: 'kept', removed: 1 });
    expect(fake.installed).toHaveLength(1);
  });

  it('replaces a daily trigger whose hour changed, and keeps one whose hour is right', () => {
    const { fake, scriptApp, settings } = world();
    ensureTrigger(scriptApp, daily(7), { settings });
    expect(ensureTrigger(scriptApp, daily(7), { settings }).action).toBe('kept');
    const moved = ensureTrigger(scriptApp, daily(9), { settings });
    expect(moved).toMatchObject({ action: 'replaced', removed: 1 });
    expect(fake.installed.map((trigger) => trigger.clock)).toEqual([
      { everyDays: 1, atHour: 9, timeZone: 'Asia/Ho_Chi_Minh' },
    ]);
    // The settings of the deleted trigger are forgotten; only the live one's remain.
    expect(Object.keys(settings.snapshot())).toEqual([`hannop.trigger.${moved.uniqueId}`]);
  });

  it('replaces a daily trigger made by hand, whose settings it cannot know', () => {
    const { fake, scriptApp, settings } = world();
    fake.newTrigger('runDaily').timeBased().everyDays(1).atHour(7).create();
    expect(ensureTrigger(scriptApp, daily(7), { settings })).toMatchObject({
      action: 'replaced',
      removed: 1,
    });
    expect(fake.installed).toHaveLength(1);
  });

  it('installs on-edit triggers for the spreadsheet', () => {
    const { fake, scriptApp, settings } = world();
    const spec: TriggerSpec = { kind: 'spreadsheetEdit', handler: 'onReviewEdit', spreadsheetId: 'sheet-1' };
    ensureTrigger(scriptApp, spec, { settings });
    expect(ensureTrigger(scriptApp, spec, { settings }).action).toBe('kept');
    expect(fake.installed).toEqual([expect.objectContaining({ eventType: 'ON_EDIT', sourceId: 'sheet-1' })]);
  });

  it('refuses an hour outside 0–23 before touching anything', () => {
    const { fake, scriptApp, settings } = world();
    expect(() => ensureTrigger(scriptApp, daily(24), { settings })).toThrow('hour must be 0–23');
    expect(fake.calls.total).toBe(0);
  });

  it('explains the 20-trigger limit in Vietnamese instead of creating', () => {
    const { fake, scriptApp, settings } = world();
    for (let index = 0; index < MAX_TRIGGERS; index += 1)
      fake.newTrigger(`other${index}`).forForm(`f${index}`).onFormSubmit().create();
    expect(() => ensureTrigger(scriptApp, planSubmit, { settings })).toThrow(TriggerLimitError);
    expect(() => ensureTrigger(scriptApp, planSubmit, { settings })).toThrow(
      'Không thể cài trình kích hoạt «onFormSubmitPlan»: dự án đã có 20 trình kích hoạt, bằng giới hạn 20 của Google cho mỗi người dùng. Hãy xóa các trình kích hoạt không còn dùng (Apps Script › Trình kích hoạt) rồi chạy lại.',
    );
    // At the limit, replacing a trigger still works: the old one makes room.
    fake.deleteTrigger(fake.getProjectTriggers()[0] as never);
    ensureTrigger(scriptApp, daily(7), { settings });
    expect(ensureTrigger(scriptApp, daily(8), { settings }).action).toBe('replaced');
    expect(fake.installed).toHaveLength(MAX_TRIGGERS);
  });
});

describe('removeTriggers', () => {
  it('removes every trigger of a handler, or only those on one source, with their settings', () => {
    const { fake, scriptApp, settings } = world();
    ensureTrigger(scriptApp, daily(7), { settings });
    ensureTrigger(scriptApp, planSubmit, { settings });
    ensureTrigger(scriptApp, { ...planSubmit, formId: 'form-2' }, { settings });
    expect(removeTriggers(scriptApp, 'onFormSubmitPlan', { settings, sourceId: 'form-2' })).toBe(1);
    expect(removeTriggers(scriptApp, 'runDaily', { settings })).toBe(1);
    expect(removeTriggers(scriptApp, 'runDaily', { settings })).toBe(0);
    expect(fake.installed.map((trigger) => [trigger.handler, trigger.sourceId])).toEqual([
      ['onFormSubmitPlan', 'form-plan'],
    ]);
    expect(settings.snapshot()).toEqual({});
  });
});
