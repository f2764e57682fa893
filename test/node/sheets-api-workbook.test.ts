import { google } from 'googleapis';
import { toSerial } from '../../src/domain/time';
import { SheetsApiWorkbook } from '../../src/node/sheets-api-workbook';
import {
  SheetsRateLimitError,
  SpreadsheetAccessError,
  SpreadsheetTimeZoneError,
} from '../../src/node/remote-shell-errors';
import { sheetsClient } from '../../src/node/google-credentials';
import type { SheetWrite } from '../../src/ports';
import { vietnamInstant } from '../../src/domain/time';
import { describeWorkbookContract, TRICKY_STRINGS } from '../contract/workbook-contract';
import { FakeSheetsApi } from '../fakes/sheets-api-server';

const servers: FakeSheetsApi[] = [];

/** An OAuth client with a token the fake issued earlier that does not expire: no request goes to the token endpoint. */
function fixedTokenAuth(accessToken: string) {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 3600_000 });
  return auth;
}

async function startFake(): Promise<{ fake: FakeSheetsApi; api: ReturnType<typeof sheetsClient> }> {
  const fake = new FakeSheetsApi();
  servers.push(fake);
  const rootUrl = await fake.start();
  return { fake, api: sheetsClient(fixedTokenAuth(fake.tokens.issueAccessToken()), rootUrl) };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((fake) => fake.close()));
});

describeWorkbookContract('Google Sheets API v4 (googleapis on a local fake server)', async () => {
  const { fake, api } = await startFake();
  const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId);
  return {
    workbook,
    reload: async () => {
      await workbook.save();
      return SheetsApiWorkbook.open(api, fake.spreadsheetId);
    },
  };
});

describe('SheetsApiWorkbook', () => {
  const formatted: SheetWrite = {
    kind: 'replace',
    sheet: 'Tổng hợp',
    headers: ['Mã đơn vị', 'Tình trạng', 'Ngày nộp', 'Thời điểm'],
    rows: [
      ['DV01', 'Quá hạn', null, null],
      ['DV02', 'Đã nộp', vietnamInstant('2023-03-29'), new Date('2023-03-30T23:59:59+07:00')],
      ['Tổng', '1/2', null, null],
    ],
    format: {
      frozenRows: 1,
      frozenColumns: 1,
      filter: true,
      protectedWarningOnly: true,
      dateColumns: ['Ngày nộp'],
      dateTimeColumns: ['Thời điểm'],
      boldRows: [2],
      valueColors: [
        { column: 'Tình trạng', equals: 'Quá hạn', background: '#F4CCCC', font: '#990000' },
        { column: 'Tình trạng', equals: 'Chưa nộp', background: '#fc0' },
      ],
    },
  };

  it('loads in two requests and saves in one, whatever the number of rows', async () => {
    const { fake, api } = await startFake();
    const rows = Array.from({ length: 3000 }, (_, index) => [`DV${index}`, `Trường số ${index}`]);
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId);
    workbook.write([
      { kind: 'replace', sheet: 'Đơn vị', headers: ['Mã đơn vị', 'Tên đơn vị'], rows },
      { kind: 'append', sheet: 'Nhật ký', headers: ['Việc'], rows: [['chạy']] },
    ]);
    await workbook.save();
    expect(fake.requests.map((request) => request.kind)).toEqual(['get', 'values.batchGet', 'batchUpdate']);
    expect(workbook.requestsSent).toBe(3);
    expect(fake.values('Đơn vị')).toHaveLength(3001);
    // The grid grew past the 1,000 rows a new sheet has, before the values were written.
    expect(fake.sheet('Đơn vị').properties.gridProperties.rowCount).toBe(3001);
  });

  it('writes text as stringValue cells, never as formulas, with each cell’s format', async () => {
    const { fake, api } = await startFake();
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId);
    workbook.write([
      { kind: 'replace', sheet: "Bài nộp của 'phòng'", headers: ['Giá trị', 'Số'], rows: [['=1+1', 3]] },
    ]);
    await workbook.save();
    const [write] = fake.requestsOf('batchUpdate');
    const requests = (write?.body as { requests: Record<string, unknown>[] }).requests;
    expect(requests[requests.length - 1]).toEqual({
      updateCells: {
        start: { sheetId: 1, rowIndex: 0, columnIndex: 0 },
        rows: [
          {
            values: [
              { userEnteredValue: { stringValue: 'Giá trị' } },
              { userEnteredValue: { stringValue: 'Số' } },
            ],
          },
          {
            values: [{ userEnteredValue: { stringValue: '=1+1' } }, { userEnteredValue: { numberValue: 3 } }],
          },
        ],
        // No date in the sheet: the cells' number formats are left alone.
        fields: 'userEnteredValue,userEnteredFormat.textFormat.bold',
      },
    });
    expect(fake.cell("Bài nộp của 'phòng'", 'A2')).toEqual({ value: '=1+1' });
    const [read] = fake.requestsOf('values.batchGet');
    expect(new URL(read?.url ?? '', 'http://x').searchParams.get('valueRenderOption')).toBe(
      'UNFORMATTED_VALUE',
    );
    expect(read?.authorization).toMatch(/^Bearer ya29\.fake-/);
  });

  // The department's `Đánh giá` lives only in `Bài nộp`: a save cut anywhere must leave it whole.
  it.each([3, 4])(
    'leaves the previous Bài nộp whole when Google fails request %i (the save) for good',
    async (failing) => {
      const { fake, api } = await startFake();
      fake.addSheet('Bài nộp', [
        ['Mã phản hồi', 'Đánh giá'],
        ['P1', 'Đạt'],
        ['P2', 'Cần bổ sung'],
      ]);
      const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId, {
        sleep: async () => undefined,
      });
      workbook.write([
        {
          kind: 'replace',
          sheet: 'Bài nộp',
          headers: ['Mã phản hồi', 'Đánh giá'],
          rows: [
            ['P1', 'Đạt'],
            ['P2', 'Cần bổ sung'],
            ['P3', null],
          ],
        },
      ]);
      fake.refuse = (requestNumber) => (requestNumber >= failing ? 500 : undefined);
      await workbook.save().catch(() => undefined);
      const kept = fake.values('Bài nộp');
      // Either the save went through whole before the failing request, or nothing of it did.
      expect([
        [
          ['Mã phản hồi', 'Đánh giá'],
          ['P1', 'Đạt'],
          ['P2', 'Cần bổ sung'],
        ],
        [
          ['Mã phản hồi', 'Đánh giá'],
          ['P1', 'Đạt'],
          ['P2', 'Cần bổ sung'],
          ['P3', null],
        ],
      ]).toContainEqual(kept);
    },
  );

  it('stores every tricky string unchanged in the spreadsheet itself', async () => {
    const { fake, api } = await startFake();
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId);
    workbook.write([
      { kind: 'replace', sheet: 'Chuỗi', headers: ['Giá trị'], rows: TRICKY_STRINGS.map((text) => [text]) },
    ]);
    await workbook.save();
    expect(fake.values('Chuỗi').slice(1)).toEqual(TRICKY_STRINGS.map((text) => [text]));
  });

  it('formats a replaced sheet in one batch, and rebuilds rather than piles up on the next run', async () => {
    const { fake, api } = await startFake();
    for (let run = 0; run < 2; run += 1) {
      const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId);
      workbook.write([formatted]);
      await workbook.save();
    }
    const sheet = fake.sheet('Tổng hợp');
    expect(sheet.properties.gridProperties).toMatchObject({ frozenRowCount: 1, frozenColumnCount: 1 });
    expect(sheet.basicFilter?.range).toEqual({
      sheetId: sheet.properties.sheetId,
      startRowIndex: 0,
      endRowIndex: 4,
      startColumnIndex: 0,
      endColumnIndex: 4,
    });
    expect(sheet.conditionalFormats).toHaveLength(2);
    expect(sheet.conditionalFormats[0]).toEqual({
      ranges: [
        { sheetId: sheet.properties.sheetId, startRowIndex: 1, startColumnIndex: 1, endColumnIndex: 2 },
      ],
      booleanRule: {
        condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: 'Quá hạn' }] },
        format: {
          backgroundColor: { red: 0xf4 / 255, green: 0xcc / 255, blue: 0xcc / 255 },
          textFormat: { foregroundColor: { red: 0x99 / 255, green: 0, blue: 0 } },
        },
      },
    });
    expect(sheet.protectedRanges).toHaveLength(1);
    expect(sheet.protectedRanges[0]).toMatchObject({ warningOnly: true });
    expect(fake.cell('Tổng hợp', 'C3')?.numberFormat).toEqual({ type: 'DATE', pattern: 'dd/mm/yyyy' });
    expect(fake.cell('Tổng hợp', 'D3')?.numberFormat).toEqual({
      type: 'DATE_TIME',
      pattern: 'dd/mm/yyyy hh:mm:ss',
    });
    expect(fake.cell('Tổng hợp', 'C3')?.value).toBe(toSerial(vietnamInstant('2023-03-29')));
    expect(fake.cell('Tổng hợp', 'C3')?.value).toBe(45014);
    expect(fake.cell('Tổng hợp', 'A4')?.bold).toBe(true);
    expect(fake.cell('Tổng hợp', 'A3')?.bold).toBeFalsy();
    expect(fake.requestsOf('batchUpdate')).toHaveLength(2);
  });

  it('reads the dates of a form response sheet as instants, from the cells’ date format', async () => {
    const { fake, api } = await startFake();
    // 30/03/2023 08:15:00 in the sheet, Vietnam time.
    const serial = 45015 + (8 * 60 + 15) / (24 * 60);
    fake.addSheet('Phản hồi Kế hoạch', [
      ['Dấu thời gian', 'Số học sinh'],
      [serial, 45015],
    ]);
    fake.setNumberFormat('Phản hồi Kế hoạch', 0, 'DATE_TIME', 'd/M/yyyy H:mm:ss');
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId);
    expect(workbook.read(['Phản hồi Kế hoạch']).get('Phản hồi Kế hoạch')?.rows).toEqual([
      [new Date('2023-03-30T08:15:00+07:00'), 45015],
    ]);
  });

  it('refuses a spreadsheet kept on another clock than Vietnam’s', async () => {
    const { fake, api } = await startFake();
    fake.timeZone = 'America/Los_Angeles';
    await expect(SheetsApiWorkbook.open(api, fake.spreadsheetId)).rejects.toThrow(
      new SpreadsheetTimeZoneError('America/Los_Angeles'),
    );
    fake.timeZone = 'Asia/Saigon';
    await expect(SheetsApiWorkbook.open(api, fake.spreadsheetId)).resolves.toBeInstanceOf(SheetsApiWorkbook);
  });

  it('names the account to share the sheet with on 403', async () => {
    const { fake, api } = await startFake();
    fake.forbidden = true;
    const opened = SheetsApiWorkbook.open(api, fake.spreadsheetId, {
      accountEmail: 'hannop@du-an.iam.gserviceaccount.com',
    });
    await expect(opened).rejects.toBeInstanceOf(SpreadsheetAccessError);
    await expect(opened).rejects.toThrow(
      `Tài khoản dịch vụ «hannop@du-an.iam.gserviceaccount.com» không có quyền mở bảng tính «${fake.spreadsheetId}»: ` +
        'hãy mở bảng tính, bấm Chia sẻ và thêm «hannop@du-an.iam.gserviceaccount.com» với quyền Người chỉnh sửa. ' +
        '(Google trả lời: The caller does not have permission)',
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('says the id is wrong on 404', async () => {
    const { fake, api } = await startFake();
    await expect(SheetsApiWorkbook.open(api, 'ma-sai')).rejects.toThrow(
      'Không có bảng tính nào có mã «ma-sai»: hãy kiểm tra --spreadsheet (mã là phần giữa «/d/» và «/edit» ' +
        'trong địa chỉ của bảng tính). (Google trả lời: Requested entity was not found.)',
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a 429 with doubling waits, then succeeds', async () => {
    const { fake, api } = await startFake();
    const waits: number[] = [];
    fake.failures.push(429, 429, 429);
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId, {
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(workbook.requestsSent).toBe(5);
    expect(fake.requests.map((request) => request.kind)).toEqual([
      'get',
      'get',
      'get',
      'get',
      'values.batchGet',
    ]);
  });

  it('gives up after the last attempt with a clear message, and writes nothing half', async () => {
    const { fake, api } = await startFake();
    const waits: number[] = [];
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId, {
      maxAttempts: 3,
      firstRetryDelayMs: 500,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    workbook.write([{ kind: 'replace', sheet: 'Đơn vị', headers: ['Mã đơn vị'], rows: [['DV01']] }]);
    fake.failures.push(429, 429, 429);
    const saved = workbook.save();
    await expect(saved).rejects.toBeInstanceOf(SheetsRateLimitError);
    await expect(saved).rejects.toThrow(
      'Google Sheets API từ chối vì quá nhiều yêu cầu (429), kể cả sau 3 lần thử trong 2 giây: hãy chạy lại sau ' +
        'vài phút, hoặc xem hạn mức của dự án trong Google Cloud Console (APIs & Services → Google Sheets API → Quotas).',
    );
    expect(waits).toEqual([500, 1000]);
    expect(fake.sheetTitles()).toEqual(['Trang tính1']);
  });

  it('retries 500, 502 and 503 as it retries 429, and saves', async () => {
    const { fake, api } = await startFake();
    const waits: number[] = [];
    const workbook = await SheetsApiWorkbook.open(api, fake.spreadsheetId, {
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    workbook.write([{ kind: 'replace', sheet: 'Đơn vị', headers: ['Mã đơn vị'], rows: [['DV01']] }]);
    fake.failures.push(500, 502, 503);
    await workbook.save();
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(fake.sheetTitles()).toContain('Đơn vị');
  });

  it('lets a 500 through unchanged after the last attempt', async () => {
    const { fake, api } = await startFake();
    fake.failures.push(500, 500, 500);
    await expect(
      SheetsApiWorkbook.open(api, fake.spreadsheetId, { maxAttempts: 3, sleep: async () => undefined }),
    ).rejects.toThrow('Internal error encountered.');
  });
});
