// How far the daily run has read each form's responses, so that it does not read every stored
// response again each day (two FormApp calls a response: 12,000 at 2,000 units). The run asks
// FormApp only for the responses since its cursor (`getResponses(since)`): the moment its last run
// started, less a margin for a response Forms stamped just before it was visible. Each one read is
// still matched against `Bài nộp`, so reading one twice registers nothing twice. The cursor moves
// only after the run's batch was written and only for a form none of whose responses failed to
// register: a lost or stale cursor costs reads, never a response. Kept in the script properties
// beside the send journal.
import type { FormKind } from '../domain/campaign';

export const RESPONSE_CURSOR_PREFIX = 'hannop.responses.readUntil.';
/** Responses stamped this long before a run started are read again by the next run. */
export const CURSOR_MARGIN_MS = 10 * 60 * 1000;

type Store = Pick<GoogleAppsScript.Properties.Properties, 'setProperty'>;

export class ResponseCursor {
  private readonly read = new Set<FormKind>();
  private readonly idsByKind = new Map<FormKind, Set<string>>();

  /** `stored`: the script properties as read (a lazy read: only the daily run asks). */
  constructor(private readonly stored: () => Readonly<Record<string, string>>) {}

  /** The moment to ask FormApp for responses from, or null to read them all. */
  since(kind: FormKind): Date | null {
    const text = this.stored()[RESPONSE_CURSOR_PREFIX + kind];
    const time = text ? Date.parse(text) : Number.NaN;
    return Number.isFinite(time) ? new Date(time) : null;
  }

  /** The run asked for the form's responses (and read each one it got through `saw`). */
  readForm(kind: FormKind): void {
    this.read.add(kind);
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
    }
  }
}
