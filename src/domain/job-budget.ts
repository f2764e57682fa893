// The time budget of a long job and how it resumes, as decisions. Google stops an Apps Script
// execution after 6 minutes ("Script runtime: 6 min / execution",
// https://developers.google.com/apps-script/guides/services/quotas), and a job stopped there
// writes nothing. So a long job (a rebuild, the day's mail, a consolidation at 5,000 units) takes
// new work only while its budget lasts, writes what it did, saves where it was (a checkpoint), and
// leaves the rest to ONE one-off continuation trigger, which deletes itself when it runs. Pure:
// the jobs measure the time, the Apps Script shell keeps the checkpoint and the trigger.

/** Google's limit of one execution. */
export const EXECUTION_LIMIT_MS = 6 * 60_000;

/**
 * When a job stops taking new work, counted from the start of its execution: 4 minutes, leaving
 * 2 for the write of what it did (a few Sheets requests, each retried within RETRY_BUDGET_MS),
 * the checkpoint and the trigger.
 */
export const WORK_BUDGET_MS = 4 * 60_000;

/** How long after an execution its continuation runs (Google runs a one-off trigger about then). */
export const CONTINUATION_DELAY_MS = 60_000;

/**
 * A continuation trigger that has not run this long after it was due has been lost (its execution
 * failed before it could schedule the next one): the next execution schedules a new one.
 */
export const CONTINUATION_STALE_MS = 15 * 60_000;

/** The jobs that resume: a rebuild (`Xử lý lại toàn bộ`) and the sending of the day's mail. */
export type ResumableJob = 'rebuild' | 'dailyMail';

/** Where a job was when its budget ran out: enough to finish it exactly as one run would have. */
export interface Checkpoint {
  readonly job: ResumableJob;
  /** The moment the job was started as of: every continuation computes as of the same moment. */
  readonly asOf: Date;
  /** Rebuild: the last response registered, in (timestamp, id) order; null before the first. */
  readonly after: { readonly atMs: number; readonly responseId: string } | null;
  /** How many executions have run the job so far. */
  readonly executions: number;
}

/** The time budget of one execution. */
export interface Budget {
  readonly startedAtMs: number;
  readonly deadlineMs: number;
}

export function budgetFrom(startedAtMs: number, workBudgetMs: number = WORK_BUDGET_MS): Budget {
  return { startedAtMs, deadlineMs: startedAtMs + workBudgetMs };
}

/** Whether the budget is spent at `nowMs`: the job writes what it did and stops taking work. */
export function isSpent(budget: Budget, nowMs: number): boolean {
  return nowMs >= budget.deadlineMs;
}

/**
 * The least a part takes, even past its budget, so that a job whose listing alone spends the
 * budget still moves on; until the hard stop, a minute before Google's limit.
 */
export const MIN_ITEMS_PER_PART = 200;

/** Whether a part that has taken `taken` items stops taking more at `nowMs`. */
export function stopsTaking(budget: Budget, nowMs: number, taken: number): boolean {
  if (nowMs >= budget.startedAtMs + EXECUTION_LIMIT_MS - 60_000) return true;
  return isSpent(budget, nowMs) && taken >= MIN_ITEMS_PER_PART;
}

/** The time left for the work, never negative. */
export function remainingMs(budget: Budget, nowMs: number): number {
  return Math.max(0, budget.deadlineMs - nowMs);
}

const JOBS: readonly ResumableJob[] = ['rebuild', 'dailyMail'];

export function encodeCheckpoint(checkpoint: Checkpoint): string {
  return JSON.stringify({
    job: checkpoint.job,
    asOf: checkpoint.asOf.getTime(),
    after: checkpoint.after,
    executions: checkpoint.executions,
  });
}

/** A checkpoint from its text; null for anything else (a property a person edited, a cut write). */
export function decodeCheckpoint(text: string | null): Checkpoint | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { job, asOf, after, executions } = value as Record<string, unknown>;
  const known = JOBS.find((name) => name === job);
  if (!known || typeof asOf !== 'number' || !Number.isFinite(asOf)) return null;
  if (typeof executions !== 'number' || !Number.isInteger(executions) || executions < 1) return null;
  let cursor: Checkpoint['after'] = null;
  if (after !== null && after !== undefined) {
    const { atMs, responseId } = after as Record<string, unknown>;
    if (typeof atMs !== 'number' || !Number.isFinite(atMs) || typeof responseId !== 'string') return null;
    cursor = { atMs, responseId };
  }
  return { job: known, asOf: new Date(asOf), after: cursor, executions };
}

/** (timestamp, id) order; ids compared by code units, the same everywhere. */
export function byCursorOrder(
  a: { readonly atMs: number; readonly responseId: string },
  b: { readonly atMs: number; readonly responseId: string },
): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  return a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0;
}

/** What an execution does about the continuation trigger once its job stopped. */
export type ContinuationAction =
  /** Nothing left: delete every continuation trigger. */
  | { readonly kind: 'none' }
  /** A live continuation is already pending: never a second one. */
  | { readonly kind: 'keep' }
  /** Make one (after deleting stale ones). */
  | { readonly kind: 'create' }
  /** Google's limit of triggers is reached: the job waits for the next daily run, and says so. */
  | { readonly kind: 'limit' };

export interface ContinuationFacts {
  /** Whether some job still has work (a checkpoint is saved). */
  readonly pending: boolean;
  /** Continuation triggers other than the one running now, and when each was due (null: unknown). */
  readonly others: readonly { readonly dueAtMs: number | null }[];
  /** Every trigger of the account in the project, the one running now included. */
  readonly triggerCount: number;
  /** Whether the execution deciding was itself started by a continuation trigger (it is deleted). */
  readonly runningAsContinuation: boolean;
  readonly nowMs: number;
  readonly maxTriggers: number;
}

/** A continuation trigger that should have run long ago, or whose due time is unknown, is lost. */
export function isStaleContinuation(dueAtMs: number | null, nowMs: number): boolean {
  return dueAtMs === null || nowMs > dueAtMs + CONTINUATION_STALE_MS;
}

/**
 * At most one continuation pending, within Google's limit of triggers: the running one is deleted
 * (a one-off trigger stays in the project, spent, until deleted), a live other one is kept, and a
 * new one is made only when none is live and the limit allows it.
 */
export function decideContinuation(facts: ContinuationFacts): ContinuationAction {
  if (!facts.pending) return { kind: 'none' };
  const live = facts.others.filter((other) => !isStaleContinuation(other.dueAtMs, facts.nowMs));
  if (live.length > 0) return { kind: 'keep' };
  const stale = facts.others.length;
  const afterCleanup = facts.triggerCount - stale - (facts.runningAsContinuation ? 1 : 0);
  return afterCleanup < facts.maxTriggers ? { kind: 'create' } : { kind: 'limit' };
}
