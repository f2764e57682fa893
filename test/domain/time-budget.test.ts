// Which of Google's answers a Google-facing adapter retries: the Sheets API's 429 and 5xx, and the
// way SpreadsheetApp says the same in Apps Script; never a mistake of the request or a daily quota.
import { isRetryableError, retryDelayMs } from '../../src/domain/time-budget';

describe('isRetryableError', () => {
  it.each([
    'API call to sheets.spreadsheets.batchUpdate failed with error: Quota exceeded for quota metric (429)',
    'API call to sheets.spreadsheets.get failed with error: Internal error (500)',
    'Exception: Service Spreadsheets failed while accessing document with id 1AbC.',
    'Exception: Service Spreadsheets timed out while accessing document with id 1AbC.',
    'Exception: Service invoked too many times in a short time: spreadsheets. Try Utilities.sleep(1000) between calls.',
    'Exception: Service error: Spreadsheets',
    "We're sorry, a server error occurred. Please wait a bit and try again.",
  ])('retries «%s»', (message) => {
    expect(isRetryableError(message)).toBe(true);
  });

  it.each([
    'Exception: Service invoked too many times for one day: email.',
    'Exception: Service invoked too many times for one day: spreadsheets.',
    'Exception: The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    'Exception: Your input contains more than the maximum of 50000 characters in a single cell.',
    'API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[0] (400)',
  ])('does not retry «%s»', (message) => {
    expect(isRetryableError(message)).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('doubles from 1 s with up to 1 s of jitter, and stops at the 60 s budget', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, 0, 0))).toEqual([
      1000, 2000, 4000, 8000, 16_000,
    ]);
    expect(retryDelayMs(1, 0, 0.5)).toBe(1500);
    expect(retryDelayMs(6, 31_000, 0)).toBeNull();
  });
});
