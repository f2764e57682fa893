// The Advanced Sheets fake behind Google's quotas and limits (Sheets API usage limits): 60 read
// requests and 60 write requests a minute per user, answered with HTTP 429 past them; a request
// body over 2 MB refused (Google recommends no more; the fake takes the side that exposes a bug);
// 50,000 characters a cell (the inner fake refuses those); 10 million cells a spreadsheet. Time is
// a clock the test owns: `sleep` moves it, as Utilities.sleep passes real time.
import type { AdvancedSheetsService } from '../../src/gas/advanced-sheets-workbook';
import type { FakeAdvancedSheets } from './advanced-sheets';

type BatchUpdate = GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest;

export const REQUESTS_PER_MINUTE = 60;
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;
export const MAX_CELLS = 10_000_000;
const MINUTE_MS = 60_000;

export class QuotaClock {
  constructor(public nowMs: number) {}

  sleep(milliseconds: number): void {
    this.nowMs += milliseconds;
  }
}

function quotaError(method: string, metric: 'Read requests' | 'Write requests'): Error {
  return new Error(
    `API call to sheets.spreadsheets.${method} failed with error: Quota exceeded for quota metric '${metric}' ` +
      `and limit '${metric} per minute per user' of service 'sheets.googleapis.com' (429)`,
  );
}

export class QuotaSheets implements AdvancedSheetsService {
  readonly Spreadsheets: AdvancedSheetsService['Spreadsheets'];
  private readonly reads: number[] = [];
  private readonly writes: number[] = [];
  /** Requests refused with 429. */
  refused = 0;

  constructor(
    private readonly inner: FakeAdvancedSheets,
    private readonly clock: QuotaClock,
  ) {
    this.Spreadsheets = {
      get: (spreadsheetId, optionalArgs) => {
        this.admit(this.reads, 'get', 'Read requests');
        return inner.Spreadsheets.get(spreadsheetId, optionalArgs);
      },
      batchUpdate: (resource, spreadsheetId) => {
        this.admit(this.writes, 'batchUpdate', 'Write requests');
        const bytes = Buffer.byteLength(JSON.stringify(resource));
        if (bytes > MAX_REQUEST_BYTES) {
          throw new Error(
            `API call to sheets.spreadsheets.batchUpdate failed with error: Request payload size exceeds the limit: ${MAX_REQUEST_BYTES} bytes. (400)`,
          );
        }
        this.checkCells(resource, spreadsheetId);
        return inner.Spreadsheets.batchUpdate(resource, spreadsheetId);
      },
    };
  }

  /** A request of the minute's quota, or a 429 when the last minute used it up. */
  private admit(log: number[], method: string, metric: 'Read requests' | 'Write requests'): void {
    const now = this.clock.nowMs;
    while (log.length > 0 && (log[0] as number) <= now - MINUTE_MS) log.shift();
    if (log.length >= REQUESTS_PER_MINUTE) {
      this.refused += 1;
      throw quotaError(method, metric);
    }
    log.push(now);
  }

  private checkCells(resource: BatchUpdate, spreadsheetId: string): void {
    const spreadsheet = this.inner.Spreadsheets.get(spreadsheetId, { fields: 'sheets(properties)' });
    const sizes = new Map(
      (spreadsheet.sheets ?? []).map((sheet) => [
        sheet.properties?.sheetId ?? 0,
        {
          rows: sheet.properties?.gridProperties?.rowCount ?? 0,
          columns: sheet.properties?.gridProperties?.columnCount ?? 0,
        },
      ]),
    );
    for (const request of resource.requests ?? []) {
      const added = request.addSheet?.properties;
      if (added) sizes.set(added.sheetId ?? -1, { rows: 1000, columns: 26 });
      const grow = request.appendDimension;
      const size = grow ? sizes.get(grow.sheetId ?? 0) : undefined;
      if (grow && size) {
        if (grow.dimension === 'ROWS') size.rows += grow.length ?? 0;
        else size.columns += grow.length ?? 0;
      }
    }
    const cells = [...sizes.values()].reduce((sum, size) => sum + size.rows * size.columns, 0);
    if (cells > MAX_CELLS) {
      throw new Error(
        'API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests: This action would increase the number of cells in the workbook above the limit of 10000000 cells. (400)',
      );
    }
  }
}
