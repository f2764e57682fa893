import {
  budgetFrom,
  CONTINUATION_STALE_MS,
  decideContinuation,
  decodeCheckpoint,
  encodeCheckpoint,
  EXECUTION_LIMIT_MS,
  isSpent,
  MIN_ITEMS_PER_PART,
  stopsTaking,
  WORK_BUDGET_MS,
  type Checkpoint,
  type ContinuationFacts,
} from '../../src/domain/job-budget';

const START = Date.UTC(2023, 2, 14, 0, 0, 0);

describe('the time budget of one execution', () => {
  const budget = budgetFrom(START);

  it('stops taking work at 4 minutes, well before Google’s 6', () => {
    expect(WORK_BUDGET_MS).toBeLessThanOrEqual(EXECUTION_LIMIT_MS - 2 * 60_000);
    expect(isSpent(budget, START + WORK_BUDGET_MS - 1)).toBe(false);
    expect(isSpent(budget, START + WORK_BUDGET_MS)).toBe(true);
  });

  it('still takes a few items past the budget, so a slow listing moves on, but never near the limit', () => {
    expect(stopsTaking(budget, START + WORK_BUDGET_MS, MIN_ITEMS_PER_PART - 1)).toBe(false);
    expect(stopsTaking(budget, START + WORK_BUDGET_MS, MIN_ITEMS_PER_PART)).toBe(true);
    expect(stopsTaking(budget, START + EXECUTION_LIMIT_MS - 60_000, 0)).toBe(true);
  });
});

describe('a checkpoint', () => {
  const checkpoint: Checkpoint = {
    job: 'rebuild',
    asOf: new Date(START),
    after: { atMs: START - 5000, responseId: '2_ABC' },
    executions: 2,
  };

  it('reads back as written', () => {
    expect(decodeCheckpoint(encodeCheckpoint(checkpoint))).toEqual(checkpoint);
    expect(decodeCheckpoint(encodeCheckpoint({ ...checkpoint, job: 'dailyMail', after: null }))).toEqual({
      ...checkpoint,
      job: 'dailyMail',
      after: null,
    });
  });

  it.each([
    [null],
    [''],
    ['{"job":"rebuild"'],
    ['[]'],
    ['{"job":"other","asOf":1,"after":null,"executions":1}'],
    ['{"job":"rebuild","asOf":"hôm nay","after":null,"executions":1}'],
    ['{"job":"rebuild","asOf":1,"after":null,"executions":0}'],
    ['{"job":"rebuild","asOf":1,"after":{"atMs":"x","responseId":"a"},"executions":1}'],
  ])('is none when the property holds %p', (text) => {
    expect(decodeCheckpoint(text)).toBeNull();
  });
});

describe('the continuation trigger', () => {
  const facts: ContinuationFacts = {
    pending: true,
    others: [],
    triggerCount: 4,
    runningAsContinuation: false,
    nowMs: START,
    maxTriggers: 20,
  };

  it('is made when work is left and none is pending', () => {
    expect(decideContinuation(facts)).toEqual({ kind: 'create' });
  });

  it('is never a second one while one is pending', () => {
    expect(decideContinuation({ ...facts, others: [{ dueAtMs: START + 60_000 }] })).toEqual({ kind: 'keep' });
  });

  it('replaces one lost long ago, or one whose due time is unknown', () => {
    const lost = { dueAtMs: START - CONTINUATION_STALE_MS - 1 };
    expect(decideContinuation({ ...facts, others: [lost], triggerCount: 20 })).toEqual({ kind: 'create' });
    expect(decideContinuation({ ...facts, others: [{ dueAtMs: null }], triggerCount: 5 })).toEqual({
      kind: 'create',
    });
  });

  it('respects Google’s 20 triggers, counting the running one as deleted', () => {
    expect(decideContinuation({ ...facts, triggerCount: 20 })).toEqual({ kind: 'limit' });
    expect(decideContinuation({ ...facts, triggerCount: 20, runningAsContinuation: true })).toEqual({
      kind: 'create',
    });
  });

  it('is none when nothing is left', () => {
    expect(decideContinuation({ ...facts, pending: false, others: [{ dueAtMs: START }] })).toEqual({
      kind: 'none',
    });
  });
});
