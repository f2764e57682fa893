import { CONTINUATION_DELAY_MS } from '../../src/domain/job-budget';
import {
  CONTINUATION_HANDLER,
  loadCheckpoints,
  saveCheckpoint,
  settleContinuation,
} from '../../src/gas/continuation';
import { asProperties, FakePropertiesService } from '../fakes/properties-service';
import { asScriptApp, FakeScriptApp, TOO_MANY_TRIGGERS_MESSAGE } from '../fakes/script-app';

const NOW = Date.UTC(2023, 2, 14, 0, 5, 0);

function setting() {
  const scriptApp = new FakeScriptApp();
  scriptApp.setClock(() => NOW);
  const properties = asProperties(new FakePropertiesService().script);
  const settle = (runningTriggerId?: string) =>
    settleContinuation(asScriptApp(scriptApp), properties, { nowMs: NOW, runningTriggerId });
  const pending = () => scriptApp.installed.filter((trigger) => trigger.handler === CONTINUATION_HANDLER);
  saveCheckpoint(properties, { job: 'dailyMail', asOf: new Date(NOW), after: null, executions: 1 });
  return { scriptApp, properties, settle, pending };
}

describe('the continuation trigger in Apps Script', () => {
  it('is one one-off trigger a minute later, never a second one while it is pending', () => {
    const { settle, pending } = setting();
    expect(settle().action).toBe('create');
    expect(settle().action).toBe('keep');
    expect(pending()).toHaveLength(1);
    expect(pending()[0]?.clock).toEqual({
      dueAtMs: NOW + CONTINUATION_DELAY_MS,
      timeZone: 'Asia/Ho_Chi_Minh',
    });
  });

  it('deletes itself when it runs, and makes the next one only while work is left', () => {
    const { settle, pending, properties } = setting();
    const first = settle().uniqueId;
    const second = settle(first);
    expect(second.action).toBe('create');
    expect(pending().map((trigger) => trigger.uniqueId)).toEqual([second.uniqueId]);
    properties.deleteProperty('hannop.checkpoint.dailyMail');
    expect(loadCheckpoints(properties)).toEqual([]);
    expect(settle(second.uniqueId).action).toBe('none');
    expect(pending()).toEqual([]);
    expect(properties.getKeys().filter((key) => key.startsWith('hannop.continuation.'))).toEqual([]);
  });

  it('makes none past Google’s 20 triggers (the daily run takes the work up)', () => {
    const { scriptApp, settle, pending } = setting();
    for (let index = 0; index < 20; index += 1) {
      scriptApp.newTrigger(`other${index}`).timeBased().everyDays(1).atHour(7).create();
    }
    expect(() => scriptApp.newTrigger('one-more').timeBased().after(1000).create()).toThrow(
      TOO_MANY_TRIGGERS_MESSAGE,
    );
    expect(settle().action).toBe('limit');
    expect(pending()).toEqual([]);
  });
});
