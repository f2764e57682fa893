import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vietnamInstant } from '../../src/domain/time';
import { remoteRunCommand, type RemoteRunOptions } from '../../src/node/commands/remote-run';
import { CredentialsFileError, SpreadsheetAccessError } from '../../src/node/remote-shell-errors';
import type { Mailer, OutgoingMail } from '../../src/ports';
import { seededFake } from '../fakes/sheets-api-daily-run';
import type { FakeSheetsApi } from '../fakes/sheets-api-server';
import { registeredServiceAccountKey, SERVICE_ACCOUNT_EMAIL } from '../fakes/service-account-key';

const directory = mkdtempSync(join(tmpdir(), 'hannop-remote-run-'));
const keyPath = join(directory, 'khoa.json');
const AS_OF = vietnamInstant('2023-04-04', 8);

let fake: FakeSheetsApi;
let rootUrl: string;

beforeEach(async () => {
  ({ fake, rootUrl } = await seededFake(30));
  writeFileSync(keyPath, JSON.stringify(registeredServiceAccountKey(fake, rootUrl)));
});

afterEach(async () => {
  await fake.close();
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

function options(overrides: Partial<RemoteRunOptions> = {}): RemoteRunOptions {
  return {
    spreadsheetId: fake.spreadsheetId,
    credentialsPath: keyPath,
    asOf: AS_OF,
    now: () => AS_OF,
    smtp: null,
    sheetsApiRootUrl: rootUrl,
    sleep: async () => undefined,
    ...overrides,
  };
}

const SMTP = { kind: 'smtp', url: 'smtp://localhost:2525', shown: 'smtp://localhost:2525' } as const;

function recordingMailer(): Mailer & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return { sent, remainingDailyQuota: () => 1000, send: (mail) => void sent.push(mail) };
}

function mailLogResults(): unknown[] {
  const [headers, ...rows] = fake.values('Nhật ký thư');
  const column = (headers ?? []).indexOf('Kết quả');
  return rows.map((row) => row[column]);
}

describe('hannop run --spreadsheet (remoteRunCommand)', () => {
  it('runs the daily job in three requests and sends through the mailer it is given', async () => {
    const mailer = recordingMailer();
    const outcome = await remoteRunCommand(options({ smtp: SMTP, mailer }));
    expect(fake.requests.map((request) => request.kind)).toEqual(['get', 'values.batchGet', 'batchUpdate']);
    expect(mailer.sent.length).toBeGreaterThan(0);
    expect(outcome.summary.mail.sent).toBe(mailer.sent.length);
    expect(outcome.text).toContain(
      'Phản hồi mới hoặc đã sửa: 30 (hợp lệ 24, không hợp lệ 3, chờ xác minh 3).\n' +
        `Thư: đã gửi ${mailer.sent.length}, chờ gửi 0, lỗi 0; qua SMTP smtp://localhost:2525.\n`,
    );
    expect(mailLogResults().every((result) => result === 'Đã gửi')).toBe(true);
    expect(fake.values('Bài nộp').length).toBe(31);
  });

  it('is a dry run without --smtp: it reads, sends nothing and writes nothing to the sheet', async () => {
    const before = fake.sheetTitles().map((title) => fake.values(title));
    const outcome = await remoteRunCommand(options());
    expect(fake.requests.map((request) => request.kind)).toEqual(['get', 'values.batchGet']);
    expect(fake.sheetTitles().map((title) => fake.values(title))).toEqual(before);
    expect(outcome.summary.mail.dryRun).toBe(true);
    expect(outcome.summary.mail.mail.length).toBeGreaterThan(0);
    expect(outcome.text).toMatch(
      /^Không có --smtp: chạy thử, không gửi thư và không ghi gì vào Google Sheet\.\nPhản hồi mới hoặc đã sửa: 30 .*\nChạy thử: không gửi thư, không ghi bảng tính\. \d+ thư cần gửi:\n/,
    );
  });

  it('never sends the same mail twice when run again the same day', async () => {
    const first = recordingMailer();
    await remoteRunCommand(options({ smtp: SMTP, mailer: first }));
    const second = recordingMailer();
    const again = await remoteRunCommand(options({ smtp: SMTP, mailer: second }));
    expect(first.sent.length).toBeGreaterThan(0);
    expect(second.sent).toEqual([]);
    expect(again.summary.intake.registered).toEqual([]);
  });

  it('names the service account to share the sheet with when Google answers 403', async () => {
    fake.forbidden = true;
    const run = remoteRunCommand(options());
    await expect(run).rejects.toBeInstanceOf(SpreadsheetAccessError);
    await expect(run).rejects.toThrow(
      `Tài khoản dịch vụ «${SERVICE_ACCOUNT_EMAIL}» không có quyền mở bảng tính`,
    );
  });

  it('says the spreadsheet id is wrong when Google answers 404', async () => {
    await expect(remoteRunCommand(options({ spreadsheetId: 'ma-sai' }))).rejects.toThrow(
      'Không có bảng tính nào có mã «ma-sai»',
    );
  });

  it('stops before any request when the key file is missing', async () => {
    const missing = join(directory, 'khong-co.json');
    const run = remoteRunCommand(options({ credentialsPath: missing }));
    await expect(run).rejects.toBeInstanceOf(CredentialsFileError);
    await expect(run).rejects.toThrow(`Tệp khóa «${missing}»: không tìm thấy tệp.`);
    expect(fake.requests).toEqual([]);
  });

  it('retries through a burst of 429 and finishes the run', async () => {
    fake.failures.push(429, 429);
    await remoteRunCommand(options());
    expect(fake.requests.map((request) => request.kind)).toEqual(['get', 'get', 'get', 'values.batchGet']);
  });

  it('retries a failing save and still sends at most five requests in the run', async () => {
    const mailer = recordingMailer();
    fake.failures.push(503);
    fake.refuse = (requestNumber) => (requestNumber === 4 ? 503 : undefined);
    await remoteRunCommand(options({ smtp: SMTP, mailer }));
    expect(fake.requests.map((request) => request.kind)).toEqual([
      'get',
      'get',
      'values.batchGet',
      'batchUpdate',
      'batchUpdate',
    ]);
    expect(mailLogResults().length).toBe(mailer.sent.length);
  });

  it('stops at five requests when Google keeps failing, leaves the sheet as it was, and the next run sends nothing twice', async () => {
    const before = fake.values('Bài nộp');
    const first = recordingMailer();
    fake.refuse = (requestNumber) => (requestNumber >= 3 ? 503 : undefined);
    await expect(remoteRunCommand(options({ smtp: SMTP, mailer: first }))).rejects.toThrow(
      'The service is currently unavailable.',
    );
    expect(fake.requests).toHaveLength(5);
    expect(fake.values('Bài nộp')).toEqual(before);
    fake.refuse = null;
    const second = recordingMailer();
    await remoteRunCommand(options({ smtp: SMTP, mailer: second }));
    expect(first.sent.length).toBeGreaterThan(0);
    expect(second.sent).toEqual([]);
    expect(mailLogResults()).toHaveLength(first.sent.length);
  });
});
