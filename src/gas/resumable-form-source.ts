// The responses of a rebuild, read within a time budget. A rebuild at thousands of units reads more
// responses than one execution can (each costs a few FormApp calls), so it takes them in
// (timestamp, id) order, from the cursor of the last execution, until the budget is spent, and
// says where it stopped. A response sent or edited meanwhile gets a later timestamp, so it is
// still ahead of the cursor: nothing is skipped, and nothing stamped after `asOf` is taken (its
// own form-submit trigger registers it).
import type { ResponseSource } from '../app/intake-responses';
import type { FormKind } from '../domain/campaign';
import type { IncomingResponse } from '../domain/intake';
import { byCursorOrder, isAfterCursor, type Checkpoint } from '../domain/job-budget';
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
    /** Whether the budget is spent: no further response is read. */
    readonly spent: () => boolean;
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
      const listed: { kind: FormKind; response: FormResponse; atMs: number; responseId: string }[] = [];
      for (const { kind, form } of forms) {
        // Google answers with the responses at or after the moment: the ones before the cursor are not even listed.
        const since = after ? new Date(after.atMs) : undefined;
        for (const response of since ? form.getResponses(since) : form.getResponses()) {
          const atMs = (response.getTimestamp() as unknown as Date).getTime();
          if (atMs > options.asOf.getTime()) continue;
          const responseId = response.getId();
          if (isAfterCursor({ atMs, responseId }, after)) listed.push({ kind, response, atMs, responseId });
        }
      }
      listed.sort(byCursorOrder);
      const responses: IncomingResponse[] = [];
      finished = true;
      for (const item of listed) {
        if (options.spent()) {
          finished = false;
          break;
        }
        responses.push(incomingFromFormResponse(item.kind, item.response, options.answerEntries(item.kind)));
        after = { atMs: item.atMs, responseId: item.responseId };
      }
      return { responses, problems: options.problems ?? [] };
    },
  };
}
