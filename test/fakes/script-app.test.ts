import { FakeScriptApp, MAX_TRIGGERS, TOO_MANY_TRIGGERS_MESSAGE } from './script-app';
import { vietnamInstant } from '../../src/domain/time';

describe('FakeScriptApp', () => {
  it('installs form, spreadsheet and clock triggers and shows them as Google does', () => {
    const app = new FakeScriptApp();
    app.newTrigger('onFormSubmitPlan').forForm('form-1').onFormSubmit().create();
    app
      .newTrigger('onReviewEdit')
      .forSpreadsheet({ getId: () => 'sheet-1' })
      .onEdit()
      .create();
    app.newTrigger('runDaily').timeBased().everyDays(1).atHour(7).inTimezone('Asia/Ho_Chi_Minh').create();
    const triggers = app.getProjectTriggers();
    expect(
      triggers.map((trigger) => [
        trigger.getHandlerFunction(),
        trigger.getEventType(),
        trigger.getTriggerSource(),
        trigger.getTriggerSourceId(),
      ]),
    ).toEqual([
      ['onFormSubmitPlan', app.EventType.ON_FORM_SUBMIT, app.TriggerSource.FORMS, 'form-1'],
      ['onReviewEdit', app.EventType.ON_EDIT, app.TriggerSource.SPREADSHEETS, 'sheet-1'],
      ['runDaily', app.EventType.CLOCK, app.TriggerSource.CLOCK, null],
    ]);
    expect(new Set(triggers.map((trigger) => trigger.getUniqueId())).size).toBe(3);
    // The hour is not something a Trigger tells; the fake keeps it for the tests.
    expect('getHour' in (triggers[2] as object)).toBe(false);
    expect(app.installed[2]?.clock).toEqual({ everyDays: 1, atHour: 7, timeZone: 'Asia/Ho_Chi_Minh' });
    expect(app.getUserTriggers('form-1')).toHaveLength(1);
  });

  it('rejects incomplete or impossible clock triggers', () => {
    const app = new FakeScriptApp();
    expect(() => app.newTrigger('x').timeBased().atHour(24)).toThrow('Invalid argument: hour');
    expect(() => app.newTrigger('x').timeBased().atHour(7).create()).toThrow('exactly one recurrence');
    expect(() => app.newTrigger('x').timeBased().everyHours(1).atHour(7).create()).toThrow(
      'only be used with everyDays',
    );
    expect(() => app.newTrigger('x').timeBased().everyMinutes(7)).toThrow('1, 5, 10, 15 or 30');
    expect(() => app.newTrigger('x').timeBased().inTimezone('Giờ Việt Nam')).toThrow(
      'Invalid argument: timezone',
    );
    expect(() => app.newTrigger('x').forForm('f').create()).toThrow('Trigger type must be specified');
    expect(() => app.newTrigger('')).toThrow('Invalid argument: functionName');
    expect(app.installed).toHaveLength(0);
  });

  it(`refuses the ${MAX_TRIGGERS + 1}st trigger with Google's message`, () => {
    const app = new FakeScriptApp();
    for (let index = 0; index < MAX_TRIGGERS; index += 1)
      app.newTrigger(`h${index}`).forForm(`f${index}`).onFormSubmit().create();
    expect(() => app.newTrigger('one more').forForm('f').onFormSubmit().create()).toThrow(
      TOO_MANY_TRIGGERS_MESSAGE,
    );
    app.deleteTrigger(app.getProjectTriggers()[0] as never);
    expect(() => app.newTrigger('one more').forForm('f').onFormSubmit().create()).not.toThrow();
  });

  it('shows each account only its own triggers, lets it delete only those, and counts the limit per account', () => {
    const app = new FakeScriptApp();
    app.newTrigger('onReviewEdit').forSpreadsheet('sheet-1').onEdit().create();
    const [officers] = app.getProjectTriggers();
    app.actAs('dongnghiep@pgd.example.edu.vn');
    expect(app.session.getEffectiveUser().getEmail()).toBe('dongnghiep@pgd.example.edu.vn');
    expect(app.getProjectTriggers()).toEqual([]);
    expect(app.getUserTriggers('sheet-1')).toEqual([]);
    app.deleteTrigger(officers as NonNullable<typeof officers>);
    expect(app.installed).toHaveLength(1);
    for (let index = 0; index < MAX_TRIGGERS; index += 1) {
      app.newTrigger(`h${index}`).forForm(`form-${index}`).onFormSubmit().create();
    }
    expect(() => app.newTrigger('one-more').forForm('form-x').onFormSubmit().create()).toThrow(
      TOO_MANY_TRIGGERS_MESSAGE,
    );
    expect(app.installed.filter((trigger) => trigger.owner === 'chuyenvien@pgd.example.edu.vn')).toHaveLength(
      1,
    );
  });

  it('deletes a trigger through any Trigger object that names it', () => {
    const app = new FakeScriptApp();
    app.newTrigger('a').forForm('f').onFormSubmit().create();
    app.newTrigger('b').forForm('f').onFormSubmit().create();
    const [first] = app.getProjectTriggers();
    app.deleteTrigger(first as never);
    app.deleteTrigger(first as never);
    expect(app.getProjectTriggers().map((trigger) => trigger.getHandlerFunction())).toEqual(['b']);
    expect(() => app.deleteTrigger({} as never)).toThrow('Invalid argument: trigger');
    expect(app.calls.count('ScriptApp.deleteTrigger')).toBe(3);
  });

  it('fires triggers by handler name, once per installed trigger, and fails for a missing function', () => {
    const seen: unknown[] = [];
    const app = new FakeScriptApp({ handlers: { onFormSubmitPlan: (event: unknown) => seen.push(event) } });
    const trigger = app.newTrigger('onFormSubmitPlan').forForm('form-1').onFormSubmit().create();
    expect(app.fireFormSubmit('form-1', { response: 'r1' })).toBe(1);
    expect(seen).toEqual([{ authMode: 'FULL', triggerUid: trigger.getUniqueId(), response: 'r1' }]);
    expect(app.fireFormSubmit('form-2', { response: 'r2' })).toBe(0);
    app.newTrigger('onFormSubmitPlan').forForm('form-1').onFormSubmit().create();
    expect(app.fireFormSubmit('form-1', { response: 'r3' })).toBe(2);
    app.newTrigger('gone').forSpreadsheet('s').onEdit().create();
    expect(() => app.fireEdit('s', {})).toThrow('Script function not found: gone');
  });

  it('fires a daily trigger in the hour of its time zone', () => {
    const runs: string[] = [];
    const app = new FakeScriptApp({ handlers: { runDaily: () => runs.push('run') } });
    app.newTrigger('runDaily').timeBased().everyDays(1).atHour(7).inTimezone('Asia/Ho_Chi_Minh').create();
    expect(app.fireClock(vietnamInstant('2023-03-20', 6, 59))).toBe(0);
    expect(app.fireClock(vietnamInstant('2023-03-20', 7, 20))).toBe(1);
    expect(runs).toEqual(['run']);
  });
});
