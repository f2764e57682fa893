// Google's limits as decisions: how long a retry waits after Google says "too many requests" or
// fails on its side, and how a request is cut so that none exceeds the size Google recommends.
// Pure: the adapters measure, sleep and send.

/** Google recommends at most 2 MB per Sheets request; hannop keeps a margin under it. */
export const MAX_REQUEST_BYTES = 1_500_000;

/** How long retries of one call may wait in all, so that a job keeps time for its work. */
export const RETRY_BUDGET_MS = 60_000;

/**
 * Whether Google's answer is one to retry: 429 (quota per minute) and 5xx (Google's side), as the
 * Sheets API says them, and as SpreadsheetApp says them in Apps Script — «Service Spreadsheets
 * failed while accessing document with id …», «… timed out while accessing …», «Service invoked too
 * many times in a short time» (a rate: wait and it passes), «Service error: Spreadsheets», «a server
 * error occurred». Not «Service invoked too many times for one day»: a daily quota does not come
 * back within a run (https://developers.google.com/apps-script/guides/services/quotas).
 */
export function isRetryableError(message: string): boolean {
  if (/too many times for one day/i.test(message)) return false;
  return /\b(429|500|502|503|504)\b|quota exceeded|rate limit|too many requests|internal error|backend error|service unavailable|timed out|failed while accessing|too many times in a short time|service error|server error occurred/i.test(
    message,
  );
}

/**
 * The wait before retry number `attempt` (1, 2, …): exponential backoff from 1 s, capped at 32 s,
 * with up to 1 s of jitter (Google's advice), or null when the budget left does not allow it.
 */
export function retryDelayMs(attempt: number, waitedMs: number, jitter: number): number | null {
  const delay = Math.min(1000 * 2 ** (attempt - 1), 32_000) + Math.floor(jitter * 1000);
  return waitedMs + delay > RETRY_BUDGET_MS ? null : delay;
}

/** Items cut into consecutive chunks whose sizes add up to at most `limit` (an item larger alone is a chunk). */
export function chunksUnder<T>(items: readonly T[], sizeOf: (item: T) => number, limit: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const itemSize = sizeOf(item);
    if (current.length > 0 && size + itemSize > limit) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += itemSize;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The UTF-8 bytes of a text, as Google counts a request's body. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    // A surrogate pair is 4 bytes: 2 for each half.
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}
