import { FakeSheetsApi } from './sheets-api-server';

// The fake is only worth its tests if it refuses what Google refuses and answers in Google's shapes.

let fake: FakeSheetsApi;
let base: string;

beforeEach(async () => {
  fake = new FakeSheetsApi();
  base = `${await fake.start()}v4/spreadsheets/${fake.spreadsheetId}`;
});

afterEach(async () => {
  await fake.close();
});

async function call(
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${fake.tokens.issueAccessToken()}`,
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function batchGet(...ranges: string[]) {
  const query = ranges.map((range) => `ranges=${encodeURIComponent(range)}`).join('&');
  return call(
    `/values:batchGet?${query}&valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER`,
  );
}

describe('FakeSheetsApi', () => {
  it('reads A1 ranges with quoted sheet names, trimming empty cells at the ends as Google does', async () => {
    fake.addSheet("Bài nộp 'A'", [
      ['Mã', 'Tên', null],
      [null, null, null],
      ['DV01', null, 3],
      [null, null, null],
    ]);
    const { status, json } = await batchGet("'Bài nộp ''A'''", "'Bài nộp ''A'''!B1:C");
    expect(status).toBe(200);
    expect(json.valueRanges).toEqual([
      {
        range: "'Bài nộp ''A'''!A1:Z1000",
        majorDimension: 'ROWS',
        values: [['Mã', 'Tên'], [], ['DV01', '', 3]],
      },
      { range: "'Bài nộp ''A'''!B1:C1000", majorDimension: 'ROWS', values: [['Tên'], [], ['', 3]] },
    ]);
  });

  it('refuses an unknown sheet, a write past the grid, and a cell over 50,000 characters', async () => {
    expect(await batchGet("'Không có'!A1")).toEqual({
      status: 400,
      json: {
        error: { code: 400, message: "Unable to parse range: 'Không có'!A1", status: 'INVALID_ARGUMENT' },
      },
    });
    const past = await call('/values:batchUpdate', {
      valueInputOption: 'RAW',
      data: [{ range: "'Trang tính1'!A1000:A1001", values: [['x'], ['y']] }],
    });
    expect(past.status).toBe(400);
    expect(past.json.error).toMatchObject({
      message: expect.stringContaining('exceeds grid limits. Max rows: 1000'),
    });
    const long = await call('/values:batchUpdate', {
      valueInputOption: 'RAW',
      data: [{ range: "'Trang tính1'!A1", values: [['x'.repeat(50001)]] }],
    });
    expect(long.status).toBe(400);
    expect(fake.values('Trang tính1')).toEqual([]);
  });

  it('turns typed text into formulas and numbers with USER_ENTERED, and keeps it with RAW', async () => {
    const write = (valueInputOption: string, column: string) =>
      call('/values:batchUpdate', {
        valueInputOption,
        data: [{ range: `'Trang tính1'!${column}1:${column}3`, values: [['=1+1'], ['0901'], ["'x"]] }],
      });
    expect((await write('RAW', 'A')).status).toBe(200);
    expect((await write('USER_ENTERED', 'B')).status).toBe(200);
    expect(fake.values('Trang tính1')).toEqual([
      ['=1+1', '#ERROR!'],
      ['0901', 901],
      ["'x", 'x'],
    ]);
    expect(
      fake.requestsOf('values.batchUpdate').map((request) => (request.body as Json).valueInputOption),
    ).toEqual(['RAW', 'USER_ENTERED']);
  });

  it('applies a spreadsheets.batchUpdate all or nothing, and answers each request with a reply', async () => {
    const failed = await call(':batchUpdate', {
      requests: [
        { addSheet: { properties: { title: 'Mới' } } },
        { addSheet: { properties: { title: 'mới' } } },
      ],
    });
    expect(failed.status).toBe(400);
    expect(fake.sheetTitles()).toEqual(['Trang tính1']);
    const done = await call(':batchUpdate', {
      requests: [
        { addSheet: { properties: { sheetId: 7, title: 'Mới' } } },
        { addProtectedRange: { protectedRange: { range: { sheetId: 7 }, warningOnly: true } } },
      ],
    });
    expect(done.json.replies).toEqual([
      { addSheet: { properties: expect.objectContaining({ sheetId: 7, title: 'Mới' }) } },
      {
        addProtectedRange: {
          protectedRange: { range: { sheetId: 7 }, warningOnly: true, protectedRangeId: 1000 },
        },
      },
    ]);
  });

  it('writes updateCells rows as typed, and a batch with one cell past the grid changes nothing', async () => {
    const cells = (rowIndex: number, ...texts: string[]) => ({
      updateCells: {
        start: { sheetId: 0, rowIndex, columnIndex: 0 },
        rows: [{ values: texts.map((text) => ({ userEnteredValue: { stringValue: text } })) }],
        fields: 'userEnteredValue',
      },
    });
    expect((await call(':batchUpdate', { requests: [cells(0, '=1+1', '0901')] })).status).toBe(200);
    const refused = await call(':batchUpdate', {
      requests: [{ updateCells: { range: { sheetId: 0 }, fields: 'userEnteredValue' } }, cells(1000, 'x')],
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ message: expect.stringContaining('exceeds grid limits') });
    expect(fake.values('Trang tính1')).toEqual([['=1+1', '0901']]);
  });

  it('sets and empties the number format and bold a field mask names, and leaves the others', async () => {
    const row = (values: unknown[], fields: string) => ({
      updateCells: { start: { sheetId: 0, rowIndex: 1, columnIndex: 0 }, rows: [{ values }], fields },
    });
    const dated = {
      userEnteredValue: { numberValue: 45000 },
      userEnteredFormat: {
        numberFormat: { type: 'DATE', pattern: 'dd/mm/yyyy' },
        textFormat: { bold: true },
      },
    };
    const all = 'userEnteredValue,userEnteredFormat.numberFormat,userEnteredFormat.textFormat.bold';
    expect((await call(':batchUpdate', { requests: [row([dated], all)] })).status).toBe(200);
    expect(fake.cell('Trang tính1', 'A2')).toEqual({
      value: 45000,
      numberFormat: { type: 'DATE', pattern: 'dd/mm/yyyy' },
      bold: true,
    });
    // A mask without the number format keeps it; bold named and absent is emptied.
    const plain = { userEnteredValue: { numberValue: 7 } };
    await call(':batchUpdate', {
      requests: [row([plain], 'userEnteredValue,userEnteredFormat.textFormat.bold')],
    });
    expect(fake.cell('Trang tính1', 'A2')).toEqual({
      value: 7,
      numberFormat: { type: 'DATE', pattern: 'dd/mm/yyyy' },
    });
    await call(':batchUpdate', { requests: [row([plain], all)] });
    expect(fake.cell('Trang tính1', 'A2')).toEqual({ value: 7 });
    const unmodelled = await call(':batchUpdate', { requests: [row([plain], 'userEnteredFormat')] });
    expect(unmodelled.status).toBe(400);
    const noMask = await call(':batchUpdate', { requests: [{ updateCells: { range: { sheetId: 0 } } }] });
    expect(noMask.json.error).toMatchObject({
      message: 'Invalid requests[0].updateCells: At least one field must be specified.',
    });
    // A range with the mask empties what it names.
    await call(':batchUpdate', { requests: [{ updateCells: { range: { sheetId: 0 }, fields: all } }] });
    expect(fake.cell('Trang tính1', 'A2')).toEqual({});
  });

  it('refuses a request body over 2 MB, applying nothing of it', async () => {
    const text = 'Trường Trung học cơ sở '.repeat(1000);
    const rows = Array.from({ length: 100 }, () => ({
      values: [{ userEnteredValue: { stringValue: text } }],
    }));
    const refused = await call(':batchUpdate', {
      requests: [
        {
          updateCells: {
            start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
            rows,
            fields: 'userEnteredValue',
          },
        },
      ],
    });
    expect(fake.requests[fake.requests.length - 1]?.bytes).toBeGreaterThan(2 * 1024 * 1024);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({
      status: 'INVALID_ARGUMENT',
      message: 'Request payload size exceeds the limit: 2097152 bytes.',
    });
    expect(fake.values('Trang tính1')).toEqual([]);
  });

  it('refuses the k-th request it is told to, and applies nothing of it', async () => {
    fake.refuse = (requestNumber, kind) => (requestNumber === 2 && kind === 'batchUpdate' ? 503 : undefined);
    const add = { requests: [{ addSheet: { properties: { title: 'Mới' } } }] };
    expect((await call('')).status).toBe(200);
    const failed = await call(':batchUpdate', add);
    expect(failed.status).toBe(503);
    expect(failed.json.error).toMatchObject({ code: 503, status: 'UNAVAILABLE' });
    expect(fake.sheetTitles()).toEqual(['Trang tính1']);
    expect((await call(':batchUpdate', add)).status).toBe(200);
    expect(fake.sheetTitles()).toEqual(['Trang tính1', 'Mới']);
  });

  it('answers 401 without a token, 404 for another spreadsheet, and the failures it is told to', async () => {
    const anonymous = await fetch(base);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { status: string } }).error.status).toBe('UNAUTHENTICATED');
    const other = await fetch(base.replace(fake.spreadsheetId, 'khac'), {
      headers: { authorization: `Bearer ${fake.tokens.issueAccessToken()}` },
    });
    expect(await other.json()).toEqual({
      error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' },
    });
    fake.failures.push(429);
    const limited = await call('');
    expect(limited.status).toBe(429);
    expect(limited.json.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect((await call('')).status).toBe(200);
  });
});

type Json = Record<string, unknown>;
