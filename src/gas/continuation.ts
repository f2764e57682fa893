// Where a long job stopped, kept in Script Properties (they outlive the execution), and the one-off
// trigger that finishes it: `ScriptApp.newTrigger(CONTINUATION_HANDLER).timeBased().after(ms)`.
// Google runs such a trigger once and leaves it in the project, spent, until it is deleted; it
// counts towards the 20 triggers of the account. So the execution a continuation starts deletes
// its own trigger, and every job that stops early makes a new one only when none is live
// (src/domain/job-budget.ts decides). Checkpoints and triggers are written under the script lock:
// the send journal rewrites the whole store under that lock (script-properties-journal.ts).
import {
  CONTINUATION_DELAY_MS,
  decideContinuation,
  decodeCheckpoint,
  encodeCheckpoint,
  type Checkpoint,
  type ContinuationAction,
  type ResumableJob,
} from '../domain/job-budget';
import { MAX_TRIGGERS_PER_USER } from './triggers';

/** The top-level function of main.ts that a continuation trigger runs. */
export const CONTINUATION_HANDLER = 'onContinueJobs';

const CHECKPOINT_PREFIX = 'hannop.checkpoint.';
/** When each continuation trigger is due, by its unique id: Google's Trigger does not tell. */
const DUE_PREFIX = 'hannop.continuation.';

type Properties = Pick<
  GoogleAppsScript.Properties.Properties,
  'getProperty' | 'setProperty' | 'deleteProperty'
>;

export type ContinuationScriptApp = Pick<
  GoogleAppsScript.Script.ScriptApp,
  'newTrigger' | 'getProjectTriggers' | 'deleteTrigger'
>;

const JOBS: readonly ResumableJob[] = ['rebuild', 'dailyMail'];

export function loadCheckpoint(
  properties: Pick<Properties, 'getProperty'>,
  job: ResumableJob,
): Checkpoint | null {
  const checkpoint = decodeCheckpoint(properties.getProperty(CHECKPOINT_PREFIX + job));
  return checkpoint?.job === job ? checkpoint : null;
}

export function loadCheckpoints(properties: Properties): Checkpoint[] {
  return JOBS.map((job) => loadCheckpoint(properties, job)).filter(
    (checkpoint): checkpoint is Checkpoint => checkpoint !== null,
  );
}

export function saveCheckpoint(properties: Properties, checkpoint: Checkpoint): void {
  properties.setProperty(CHECKPOINT_PREFIX + checkpoint.job, encodeCheckpoint(checkpoint));
}

export function clearCheckpoint(properties: Properties, job: ResumableJob): void {
  if (properties.getProperty(CHECKPOINT_PREFIX + job) !== null)
    properties.deleteProperty(CHECKPOINT_PREFIX + job);
}

export interface ContinuationOutcome {
  readonly action: ContinuationAction['kind'];
  /** The trigger made, if one was. */
  readonly uniqueId?: string;
}

/**
 * After a job stopped (or finished): deletes the continuation trigger that started this execution
 * and any lost one, and makes a new one if some checkpoint is left and none is live.
 */
export function settleContinuation(
  scriptApp: ContinuationScriptApp,
  properties: Properties,
  options: { readonly nowMs: number; readonly runningTriggerId?: string | undefined },
): ContinuationOutcome {
  const pending = loadCheckpoints(properties).length > 0;
  const all = scriptApp.getProjectTriggers();
  const mine = all.filter((trigger) => trigger.getHandlerFunction() === CONTINUATION_HANDLER);
  const running = mine.find((trigger) => trigger.getUniqueId() === options.runningTriggerId);
  const others = mine
    .filter((trigger) => trigger !== running)
    .map((trigger) => {
      const id = trigger.getUniqueId();
      const due = Number(properties.getProperty(DUE_PREFIX + id));
      return { trigger, id, dueAtMs: Number.isFinite(due) && due > 0 ? due : null };
    });
  const action = decideContinuation({
    pending,
    others: others.map(({ dueAtMs }) => ({ dueAtMs })),
    triggerCount: all.length,
    runningAsContinuation: running !== undefined,
    nowMs: options.nowMs,
    maxTriggers: MAX_TRIGGERS_PER_USER,
  });
  const remove = (trigger: GoogleAppsScript.Script.Trigger, id: string) => {
    scriptApp.deleteTrigger(trigger);
    if (properties.getProperty(DUE_PREFIX + id) !== null) properties.deleteProperty(DUE_PREFIX + id);
  };
  if (running) remove(running, options.runningTriggerId as string);
  if (action.kind === 'keep') return { action: action.kind };
  // Nothing left, or about to make a new one: the others are spent or lost.
  others.forEach(({ trigger, id }) => remove(trigger, id));
  if (action.kind !== 'create') return { action: action.kind };
  const created = scriptApp
    .newTrigger(CONTINUATION_HANDLER)
    .timeBased()
    .after(CONTINUATION_DELAY_MS)
    .create();
  const uniqueId = created.getUniqueId();
  properties.setProperty(DUE_PREFIX + uniqueId, String(options.nowMs + CONTINUATION_DELAY_MS));
  return { action: action.kind, uniqueId };
}
