// How far the daily run has read each form's responses, so that it does not read every stored
// response again each day (two FormApp calls a response: 12,000 at 2,000 units). The run asks
// FormApp only for the responses since its cursor (`getResponses(since)`): the moment its last run
// started, less a margin for a response Forms stamped just before it was visible. Each one read is
// still matched against `Bài nộp`, so reading one twice registers nothing twice. The cursor moves
// only after the run's batch was written and only for a form none of whose responses failed to
// register: a lost or stale cursor costs reads, never a response. Kept in the script properties
// beside the send journal.
//
// The run reads each listed response only when the register does not hold as many versions since
// the cursor as Forms lists (src/domain/catch-up.ts), or when a form-submit trigger that failed
// left a recheck note: a count cannot see an edit whose trigger failed when the response's first
// version was registered since the cursor. A note is one property a failure, named by its time, so
// a failure during a run is not erased by it; the run deletes the notes it read once its batch is
// written (a call each, on the days after a failure only): those it held when it listed the form,
// not those it finds at the end. The script properties are read again each time a lock is taken,
// and the daily run takes it again after sending outside it: a note written meanwhile is for an
// edit the run never listed, and only the next run can answer it.
import type { FormKind } from '../domain/campaign';

export const RESPONSE_CURSOR_PREFIX = 'hannop.responses.readUntil.';
export const RECHECK_PREFIX = 'hannop.responses.recheck.';
/** Responses stamped this long before a run started are read again by the next run. */
export const CURSOR_MARGIN_MS = 10 * 60 * 1000;

type Store = Pick<GoogleAppsScript.Properties.Properties, 'setProperty' | 'deleteProperty'>;

/**
 * A form-submit trigger failed before its response was registered: the next daily run reads that
 * form's responses one by one. One call; a failure to write it is left to Google's failure e-mail.
 */
export function noteRecheck(
  properties: Pick<GoogleAppsScript.Properties.Properties, 'setProperty'>,
  kind: FormKind,
  failedAt: Date,
  uniqueSuffix: string = Math.random().toString(36).slice(2, 8),
): void {
  properties.setProperty(`${RECHECK_PREFIX}${kind}.${failedAt.toISOString()}.${uniqueSuffix}`, '1');
}

export class ResponseCursor {
  private readonly read = new Set<FormKind>();
  private readonly idsByKind = new Map<FormKind, Set<string>>();
  /** The notes of each form held when the run listed its responses: the ones it may answer. */
  private readonly notesListed = new Map<FormKind, readonly string[]>();

  /** `stored`: the script properties as read (a lazy read: only the daily run asks). */
  constructor(private readonly stored: () => Readonly<Record<string, string>>) {}

  /** The moment to ask FormApp for responses from, or null to read them all. */
  since(kind: FormKind): Date | null {
    const text = this.stored()[RESPONSE_CURSOR_PREFIX + kind];
    const time = text ? Date.parse(text) : Number.NaN;
    return Number.isFinite(time) ? new Date(time) : null;
  }

  /** The recheck notes of `kind` as read: a failed trigger's response may be an unregistered edit. */
  private notes(kind: FormKind): string[] {
    return Object.keys(this.stored()).filter((name) => name.startsWith(`${RECHECK_PREFIX}${kind}.`));
  }

  /** Whether a failed form-submit trigger asked for the form's responses to be read one by one. */
  mustRecheck(kind: FormKind): boolean {
    return (this.notesListed.get(kind) ?? this.notes(kind)).length > 0;
  }

  /** The run asked for the form's responses (and read each one it got through `saw`). */
  readForm(kind: FormKind): void {
    this.read.add(kind);
    if (!this.notesListed.has(kind)) this.notesListed.set(kind, this.notes(kind));
  }

  /** A response the run read. */
  saw(kind: FormKind, responseId: string): void {
    const ids = this.idsByKind.get(kind) ?? new Set<string>();
    ids.add(responseId);
    this.idsByKind.set(kind, ids);
  }

  /**
   * After the run's batch was written: every response stamped before `readFrom` (the run's start)
   * less the margin was read, so the next run starts there.
   */
  store(properties: Store, readFrom: Date, failedResponseIds: readonly string[]): void {
    const failed = new Set(failedResponseIds);
    const text = new Date(readFrom.getTime() - CURSOR_MARGIN_MS).toISOString();
    for (const kind of this.read) {
      const ids = this.idsByKind.get(kind) ?? new Set<string>();
      if ([...ids].some((id) => failed.has(id))) continue;
      if (this.stored()[RESPONSE_CURSOR_PREFIX + kind] !== text)
        properties.setProperty(RESPONSE_CURSOR_PREFIX + kind, text);
      // Read one by one in this run: the notes it held when it listed are answered (a later one stays).
      for (const name of this.notesListed.get(kind) ?? []) properties.deleteProperty(name);
    }
  }
}
