// The remote save sends what changed: the rows of a replaced sheet that differ from what was read,
// what the table no longer reaches emptied, and a save too large for one request in parts under
// the limit, each atomic, so that a save cut between them loses nothing and the next finishes it.
import { google } from 'googleapis';
import { MAX_REQUEST_BYTES } from '../../src/domain/time-budget';
import { sheetsClient } from '../../src/node/google-credentials';
import { SheetsApiWorkbook } from '../../src/node/sheets-api-workbook';
import { vietnamInstant } from '../../src/domain/time';
import { FakeSheetsApi } from '../fakes/sheets-api-server';

const servers: FakeSheetsApi[] = [];

async function startFake(): Promise<{ fake: FakeSheetsApi; api: ReturnType<typeof sheetsClient> }> {
  const fake = new FakeSheetsApi();
  servers.push(fake);
  const rootUrl = await fake.start();
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: fake.tokens.issueAccessToken(), expiry_date: Date.now() + 3600_000 });
  return { fake, api: sheetsClient(auth, rootUrl) };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((fake) => fake.close()));
});

type Update = {
  updateCells?: {
    start?: { sheetId?: number; rowIndex?: number; columnIndex?: number };
    range?: { startRowIndex?: number };
    rows?: { values?: unknown[] }[];
    fields?: string;
  };
};

/** The requests of the batchUpdates since `from`, in order. */
function sentSince(fake: FakeSheetsApi, from: number): Update[] {
  return fake.requests
    .slice(from)
    .filter((request) => request.kind === 'batchUpdate')
    .flatMap((request) => (request.body as { requests: Update[] }).requests);
}

const HEADERS = ['Mã đơn vị', 'Tên đơn vị', 'Tình trạng'];
const units = (count: number, status = 'Chưa nộp'): string[][] =>
  Array.from({ length: count }, (_, index) => [`DV${index + 1}`, `Trường số ${index + 1}`, status]);

describe('the remote save of a replaced sheet', () => {
  it('sends only the cells that differ from what was read', async () => {
    const { fake, api } = await startFake();
    fake.addSheet('Tổng hợp', [HEADERS, ...units(3000)]);
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId);
    const rows = units(3000);
    rows[1499] = ['DV1500', 'Trường số 1500', 'Đã nộp'];
    rows[1500] = ['DV1501', 'Trường số 1501', 'Đã nộp'];
    workbook.write([{ kind: 'replace', sheet: 'Tổng hợp', headers: HEADERS, rows }]);
    const from = fake.requests.length;
    await workbook.save();
    const sent = sentSince(fake, from);
    expect(sent).toHaveLength(1);
    // The two rows' third cells only: the others are as read.
    expect(sent[0]?.updateCells?.start).toEqual({ sheetId: 1, rowIndex: 1500, columnIndex: 2 });
    expect(sent[0]?.updateCells?.rows?.map((row) => row.values?.length)).toEqual([1, 1]);
    expect(fake.requests[fake.requests.length - 1]?.bytes).toBeLessThan(1000);
    expect(fake.values('Tổng hợp')).toEqual([HEADERS, ...rows]);
  });

  it('puts back a cell a person edited after the last save, since it compares with what it read', async () => {
    const { fake, api } = await startFake();
    fake.addSheet('Tổng hợp', [HEADERS, ...units(5)]);
    fake.sheet('Tổng hợp').cells[3]![2] = { value: 'Đã nộp (sửa tay)' };
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId);
    workbook.write([{ kind: 'replace', sheet: 'Tổng hợp', headers: HEADERS, rows: units(5) }]);
    const from = fake.requests.length;
    await workbook.save();
    expect(fake.values('Tổng hợp')).toEqual([HEADERS, ...units(5)]);
    // That row alone: the others are as read.
    expect(sentSince(fake, from).map((request) => request.updateCells?.start?.rowIndex)).toEqual([3]);
  });

  it('empties the rows a shrunk table no longer reaches, values and formats', async () => {
    const { fake, api } = await startFake();
    fake.addSheet('Tổng hợp', [HEADERS, ...units(10)]);
    fake.setNumberFormat('Tổng hợp', 2, 'DATE', 'dd/mm/yyyy');
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId);
    workbook.write([{ kind: 'replace', sheet: 'Tổng hợp', headers: HEADERS, rows: units(4) }]);
    const from = fake.requests.length;
    await workbook.save();
    expect(fake.values('Tổng hợp')).toEqual([HEADERS, ...units(4)]);
    expect(fake.cell('Tổng hợp', 'C8')?.numberFormat).toBeUndefined();
    // Nothing of the four rows that stayed is sent: only the clear below them.
    expect(sentSince(fake, from)).toEqual([
      {
        updateCells: {
          range: { sheetId: 1, startRowIndex: 5 },
          fields: 'userEnteredValue,userEnteredFormat.numberFormat,userEnteredFormat.textFormat.bold',
        },
      },
    ]);
  });

  it('writes every row again when the headers changed, emptying a column a person added', async () => {
    const { fake, api } = await startFake();
    fake.addSheet('Tổng hợp', [
      [...HEADERS, 'Ghi chú của tôi'],
      ['DV1', 'Trường số 1', 'Chưa nộp', 'gọi lại'],
      ['DV2', 'Trường số 2', 'Chưa nộp'],
    ]);
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId);
    workbook.write([{ kind: 'replace', sheet: 'Tổng hợp', headers: HEADERS, rows: units(2) }]);
    await workbook.save();
    expect(fake.values('Tổng hợp')).toEqual([HEADERS, ...units(2)]);
  });

  it('gives a date that became a number no date format, and a new date its own', async () => {
    const { fake, api } = await startFake();
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId);
    const at = vietnamInstant('2023-03-30', 9);
    workbook.write([
      { kind: 'replace', sheet: 'Số liệu', headers: ['Chỉ tiêu', 'Giá trị'], rows: [['a', at]] },
    ]);
    await workbook.save();
    expect(fake.cell('Số liệu', 'B2')?.numberFormat?.type).toBe('DATE_TIME');
    workbook.write([
      { kind: 'replace', sheet: 'Số liệu', headers: ['Chỉ tiêu', 'Giá trị'], rows: [['a', 7]] },
    ]);
    await workbook.save();
    expect(fake.cell('Số liệu', 'B2')).toEqual({ value: 7 });
    const reread = await SheetsApiWorkbook.open(api, fake.spreadsheetId);
    expect(reread.read(['Số liệu']).get('Số liệu')?.rows).toEqual([['a', 7]]);
  });
});

describe('a remote save over the size limit', () => {
  // About 3.3 MB: more than two requests' worth.
  const bigRows = (status: string) =>
    Array.from({ length: 6000 }, (_, index): string[] => [
      `DV${index + 1}`,
      `${'Trường Trung học cơ sở số '.repeat(16)}${index + 1}`,
      status,
    ]);

  it('goes in parts under the limit, in as few as the bytes need, and lands whole', async () => {
    const { fake, api } = await startFake();
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId, { maxRequests: 3 });
    const rows = bigRows('Chưa nộp');
    workbook.write([{ kind: 'replace', sheet: 'Tổng hợp', headers: HEADERS, rows }]);
    await workbook.save();
    const saves = fake.requestsOf('batchUpdate');
    const total = saves.reduce((sum, request) => sum + request.bytes, 0);
    expect(saves.length).toBe(Math.ceil(total / MAX_REQUEST_BYTES));
    for (const save of saves) expect(save.bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    expect(fake.values('Tổng hợp')).toEqual([HEADERS, ...rows]);
    // The parts past the first came on top of the three requests allowed.
    expect(workbook.requestsSent).toBe(2 + saves.length);
  });

  it('sends the last rows first, so that a table grown in its middle loses no row when cut', async () => {
    const { fake, api } = await startFake();
    const before = bigRows('Chưa nộp');
    fake.addSheet('Bài nộp', [HEADERS, ...before]);
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId, { sleep: async () => undefined });
    // A row registered at the top pushes every other one down.
    const after = [['DV0', 'Trường mới', 'Đã nộp'], ...before];
    workbook.write([{ kind: 'replace', sheet: 'Bài nộp', headers: HEADERS, rows: after }]);
    const from = fake.requests.length;
    fake.refuse = (requestNumber, kind) =>
      kind === 'batchUpdate' && requestNumber > from + 1 ? 400 : undefined;
    await expect(workbook.save()).rejects.toThrow();
    const kept = fake.values('Bài nộp').slice(1);
    // The first part landed: the bottom rows, copied one row down. Every row is still there.
    expect(kept.length).toBe(before.length + 1);
    const codes = new Set(kept.map((row) => row[0]));
    for (const row of before) expect(codes.has(row[0] as string)).toBe(true);
    // The next save, planned from what did land, finishes the table.
    fake.refuse = null;
    await workbook.save();
    expect(fake.values('Bài nộp')).toEqual([HEADERS, ...after]);
  });

  it('saves again after a part failed, without adding twice a sheet the first part added', async () => {
    const { fake, api } = await startFake();
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId, { sleep: async () => undefined });
    const rows = bigRows('Quá hạn');
    workbook.write([
      {
        kind: 'replace',
        sheet: 'Tổng hợp',
        headers: HEADERS,
        rows,
        format: { valueColors: [{ column: 'Tình trạng', equals: 'Quá hạn', background: '#F4CCCC' }] },
      },
    ]);
    const from = fake.requests.length;
    fake.refuse = (requestNumber, kind) =>
      kind === 'batchUpdate' && requestNumber > from + 1 ? 400 : undefined;
    await expect(workbook.save()).rejects.toThrow();
    expect(fake.sheetTitles()).toContain('Tổng hợp');
    fake.refuse = null;
    await workbook.save();
    expect(fake.values('Tổng hợp')).toEqual([HEADERS, ...rows]);
    expect(fake.sheet('Tổng hợp').conditionalFormats).toHaveLength(1);
  });
});
