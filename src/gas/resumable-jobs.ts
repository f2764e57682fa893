// The long jobs of Apps Script within Google's 6 minutes: a rebuild part, the rest of the day's
// mail, and the continuation trigger that runs them (src/domain/job-budget.ts decides, and
// continuation.ts keeps the checkpoints and the trigger). Each part writes what it did before it
// saves the checkpoint, so an execution that dies in between repeats a part (the same cells again;
// mail already sent is in the send journal) and loses nothing.
import { rebuildRegister } from '../app/rebuild-register';
import { sendMail, type SendMailSummary } from '../app/send-mail';
import type { IntakeSummary } from '../app/intake-responses';
import { eventLogWrite } from '../app/event-log';
import { errorMessageOf, logFailure } from '../app/log-failure';
import {
  budgetFrom,
  isSpent,
  remainingMs,
  stopsTaking,
  type Budget,
  type Checkpoint,
  type ResumableJob,
} from '../domain/job-budget';
import {
  clearCheckpoint,
  loadCheckpoints,
  saveCheckpoint,
  settleContinuation,
  type ContinuationOutcome,
} from './continuation';
import { resumableFormSource } from './resumable-form-source';
import { LOCK_WAIT_MS } from './script-lock';
import { MAX_TRIGGERS_PER_USER } from './triggers';
import type { GasServices } from './services';

const CONTINUATION_JOB = 'Chạy tiếp';

/** What `Nhật ký` says when Google's 20 triggers leave no room for a continuation. */
export const LIMIT_MESSAGE =
  `Không tạo được trình kích hoạt chạy tiếp: dự án đã có ${MAX_TRIGGERS_PER_USER} trình kích hoạt, ` +
  'bằng giới hạn của Google. Phần việc còn lại sẽ được làm tiếp ở lần chạy hằng ngày; hãy xóa các ' +
  'trình kích hoạt không còn dùng (Apps Script › Trình kích hoạt).';

export interface RebuildPart {
  readonly intake: IntakeSummary;
  readonly finished: boolean;
  /** The executions the rebuild has taken so far, this one included. */
  readonly executions: number;
}

/**
 * Whether the day's mail needs a continuation today: time ran out, or another execution that was
 * still running held some of it (claimed, src/domain/mail-claim.ts). Had that one died, its claim
 * goes stale within minutes and a continuation then sends the mail; a quota stop waits for tomorrow.
 */
export function mailLeftForLater(mail: SendMailSummary): boolean {
  return mail.stoppedBy === 'time' || (mail.heldElsewhere > 0 && mail.stoppedBy !== 'quota');
}

/**
 * Saves or clears a job's checkpoint (when given) and settles the continuation, under the script
 * lock. `runningTriggerId`: the continuation trigger that started this execution, deleted here.
 */
export function recordProgress(
  services: GasServices,
  change: { readonly job: ResumableJob; readonly checkpoint: Checkpoint | null } | null,
  runningTriggerId?: string,
): ContinuationOutcome {
  const outcome = services.lock(LOCK_WAIT_MS.daily).withLock(() => {
    const properties = services.scriptProperties;
    if (change?.checkpoint) saveCheckpoint(properties, change.checkpoint);
    else if (change) clearCheckpoint(properties, change.job);
    return settleContinuation(services.globals.ScriptApp, properties, {
      nowMs: services.now().getTime(),
      runningTriggerId,
    });
  });
  if (outcome.action === 'limit') {
    services.workbook.write(
      eventLogWrite([
        {
          at: services.now(),
          level: 'Cảnh báo',
          job: CONTINUATION_JOB,
          message: LIMIT_MESSAGE,
        },
      ]),
    );
  }
  return outcome;
}

/**
 * One part of a rebuild: the responses after the checkpoint's cursor, as many as the budget
 * allows; the last part consolidates. `checkpoint` null starts a rebuild as of now.
 */
export function runRebuildPart(
  services: GasServices,
  checkpoint: Checkpoint | null,
  budget: Budget,
  lockWaitMs: number,
  opened: ReturnType<GasServices['openForms']> = services.openForms(),
): RebuildPart {
  const { forms, problems } = opened;
  const asOf = checkpoint?.asOf ?? new Date(budget.startedAtMs);
  const source = resumableFormSource(forms, {
    after: checkpoint?.after ?? null,
    asOf,
    spent: (taken) => stopsTaking(budget, services.now().getTime(), taken),
    answerEntries: (kind) => services.answerEntries(kind),
    problems,
  });
  const { intake } = rebuildRegister(
    { workbook: services.workbook, lock: services.lock(lockWaitMs), now: () => services.now() },
    source,
    asOf,
    { finished: () => source.progress().finished },
  );
  const { after, finished } = source.progress();
  const executions = (checkpoint?.executions ?? 0) + 1;
  recordProgress(services, {
    job: 'rebuild',
    checkpoint: finished ? null : { job: 'rebuild', asOf, after, executions },
  });
  return { intake, finished, executions };
}

/** The rest of the day's mail, as of the moment the daily run planned it. */
function runDailyMailPart(services: GasServices, checkpoint: Checkpoint, budget: Budget): SendMailSummary {
  return sendMail(
    {
      workbook: services.workbook,
      mailer: services.mailer,
      journal: services.mailJournal,
      lock: services.lock(LOCK_WAIT_MS.daily),
    },
    {
      asOf: checkpoint.asOf,
      clock: services.clock,
      timeBudgetMs: remainingMs(budget, services.now().getTime()),
      prefilledLink: services.prefilledLink,
      outsideLock: true,
    },
  );
}

/**
 * What the continuation trigger runs: the rebuild left half done first (the day's mail should go
 * out from a register that is whole), then the day's mail, each within what is left of the budget.
 * Its own trigger is deleted, and a new one made only if work is still left.
 */
export function handleContinuation(
  services: GasServices,
  event: { readonly triggerUid?: string } | undefined,
): void {
  const budget = budgetFrom(services.now().getTime());
  const runningTriggerId = event?.triggerUid;
  const checkpoints = services
    .lock(LOCK_WAIT_MS.daily)
    .withLock(() => loadCheckpoints(services.scriptProperties));
  const notes: string[] = [];
  try {
    for (const checkpoint of checkpoints) {
      if (isSpent(budget, services.now().getTime())) break;
      if (checkpoint.job === 'rebuild') {
        const part = runRebuildPart(services, checkpoint, budget, LOCK_WAIT_MS.daily);
        notes.push(
          `Xử lý lại toàn bộ: thêm ${part.intake.received} phản hồi${part.finished ? ', đã xong' : ''}.`,
        );
        if (!part.finished) break;
      } else {
        const mail = runDailyMailPart(services, checkpoint, budget);
        const more = mailLeftForLater(mail);
        recordProgress(services, {
          job: 'dailyMail',
          checkpoint: more ? { ...checkpoint, executions: checkpoint.executions + 1 } : null,
        });
        notes.push(`Gửi thư tiếp: ${mail.sent} thư đã gửi, ${mail.queued} thư chờ gửi.`);
      }
    }
  } catch (error) {
    // The checkpoints still say where the work is: the next continuation repeats the part that
    // failed (mail already sent is in the send journal), and Google tells the owner of this one.
    logFailure(services.workbook, {
      at: services.now(),
      job: CONTINUATION_JOB,
      message: errorMessageOf(error),
    });
    recordProgress(services, null, runningTriggerId);
    throw error;
  }
  // Deletes this trigger, and makes the next one if a checkpoint is left.
  recordProgress(services, null, runningTriggerId);
  services.note(notes.join(' ') || 'Không còn việc nào phải làm tiếp.');
}
