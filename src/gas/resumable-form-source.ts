// The responses of a rebuild, read within a time budget. A rebuild at thousands of units reads more
// responses than one execution can (each costs a few FormApp calls), so it takes them in
// (timestamp, id) order, from the cursor of the last execution, until the budget is spent, and
// says where it stopped. A response sent or edited meanwhile gets a later timestamp, so it is
// still ahead of the cursor: nothing is skipped, and nothing stamped after `asOf` is taken (its
// own form-submit trigger registers it).
import type { ResponseSource } from '../app/intake-responses';
import type { FormKind } from '../domain/campaign';
import type { IncomingResponse } from '../domain/intake';
import { byCursorOrder, type Checkpoint } from '../domain/job-budget';
import type { AnswerEntries } from '../domain/prefilled-link';
import { incomingFromFormResponse, type OpenForm } from './form-response-source';

type FormResponse = GoogleAppsScript.Forms.FormResponse;

export interface ResumableResponseSource extends ResponseSource {
  /** Where the read stopped: the last response taken (null: none), and whether every one was taken. */
  readonly progress: () => { readonly after: Checkpoint['after']; readonly finished: boolean };
}

export function resumableFormSource(
  forms: readonly OpenForm[],
  options: {
    readonly after: Checkpoint['after'];
    readonly asOf: Date;
    /** Whether the budget is spent, `taken` responses read so far: no further one is read. */
    readonly spent: (taken: number) => boolean;
    readonly answerEntries: (kind: FormKind) => AnswerEntries | null;
    readonly problems?: readonly string[];
  },
): ResumableResponseSource {
  let after = options.after;
  let finished = false;
  return {
    sheets: [],
    progress: () => ({ after, finished }),
    read() {
      // One call a response to list them (its timestamp); its id only where timestamps tie.
      const listed: { kind: FormKind; response: FormResponse; atMs: number; id?: string }[] = [];
      for (const { kind, form } of forms) {
        // Google answers with the responses at or after the moment: the ones before are not even listed.
        const since = after ? new Date(after.atMs) : undefined;
        for (const response of since
          ? form.getResponses(since as unknown as GoogleAppsScript.Base.Date)
          : form.getResponses()) {
          const atMs = (response.getTimestamp() as unknown as Date).getTime();
          if (atMs <= options.asOf.getTime()) listed.push({ kind, response, atMs });
        }
      }
      const idOf = (item: (typeof listed)[number]): string => (item.id ??= item.response.getId());
      const ahead = listed.filter(
        (item) =>
          !after || item.atMs > after.atMs || (item.atMs === after.atMs && idOf(item) > after.responseId),
      );
      const ties = new Set<number>();
      const seen = new Set<number>();
      for (const item of ahead) (seen.has(item.atMs) ? ties : seen).add(item.atMs);
      ahead.sort((a, b) =>
        a.atMs !== b.atMs || !ties.has(a.atMs)
          ? a.atMs - b.atMs
          : byCursorOrder({ atMs: a.atMs, responseId: idOf(a) }, { atMs: b.atMs, responseId: idOf(b) }),
      );
      const responses: IncomingResponse[] = [];
      finished = true;
      for (const item of ahead) {
        if (options.spent(responses.length)) {
          finished = false;
          break;
        }
        const incoming = incomingFromFormResponse(item.kind, item.response, options.answerEntries(item.kind));
        responses.push(incoming);
        after = { atMs: item.atMs, responseId: incoming.responseId };
      }
      return { responses, problems: options.problems ?? [] };
    },
  };
}
