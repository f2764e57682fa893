import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vietnamInstant } from '../../src/domain/time';
import { remoteRunCommand, type RemoteRunOptions } from '../../src/node/commands/remote-run';
import { CredentialsFileError, SpreadsheetAccessError } from '../../src/node/remote-shell-errors';
import type { Mailer, OutgoingMail } from '../../src/ports';
import { seededFake } from '../fakes/sheets-api-daily-run';
import type { FakeSheetsApi } from '../fakes/sheets-api-server';
import { SERVICE_ACCOUNT_EMAIL, serviceAccountKey } from '../fakes/service-account-key';

const directory = mkdtempSync(join(tmpdir(), 'hannop-remote-run-'));
const keyPath = join(directory, 'khoa.json');
writeFileSync(keyPath, JSON.stringify(serviceAccountKey()));
const AS_OF = vietnamInstant('2023-04-04', 8);

let fake: FakeSheetsApi;
let rootUrl: string;

beforeEach(async () => {
  ({ fake, rootUrl } = await seededFake(30));
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
    mailer: null,
    sheetsApiRootUrl: rootUrl,
    sleep: async () => undefined,
    ...overrides,
  };
}

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
  it('runs the daily job in four requests and sends through the mailer it is given', async () => {
    const mailer = recordingMailer();
    const outcome = await remoteRunCommand(options({ mailer }));
    expect(fake.requests.map((request) => request.kind)).toEqual([
      'get',
      'values.batchGet',
      'batchUpdate',
      'values.batchUpdate',
    ]);
    expect(mailer.sent.length).toBeGreaterThan(0);
    expect(outcome.summary.mail.sent).toBe(mailer.sent.length);
    expect(outcome.text).toContain(
      'Phản hồi mới hoặc đã sửa: 30 (hợp lệ 24, không hợp lệ 3, chờ xác minh 3).\n' +
        `Thư: đã gửi ${mailer.sent.length}, chờ gửi 0, lỗi 0.\n`,
    );
    expect(mailLogResults().every((result) => result === 'Đã gửi')).toBe(true);
    expect(fake.values('Bài nộp').length).toBe(31);
  });

  it('sends nothing without --smtp: the mail due is logged as waiting, and sent by a later run that can', async () => {
    const held = await remoteRunCommand(options());
    expect(held.summary.mail.sent).toBe(0);
    expect(held.summary.mail.queued).toBeGreaterThan(0);
    expect(held.text).toContain(
      `Thư: không gửi vì chưa có --smtp; ${held.summary.mail.queued} thư ghi «Chờ gửi» trong trang «Nhật ký thư», ` +
        'sẽ gửi ở lần chạy có --smtp.\n',
    );
    expect(mailLogResults().every((result) => result === 'Chờ gửi')).toBe(true);

    const mailer = recordingMailer();
    const later = await remoteRunCommand(options({ mailer }));
    expect(later.summary.mail.sent).toBe(held.summary.mail.queued);
    expect(mailLogResults().every((result) => result === 'Đã gửi')).toBe(true);
  });

  it('never sends the same mail twice when run again the same day', async () => {
    const first = recordingMailer();
    await remoteRunCommand(options({ mailer: first }));
    const second = recordingMailer();
    const again = await remoteRunCommand(options({ mailer: second }));
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
    expect(fake.requests.map((request) => request.kind)).toEqual([
      'get',
      'get',
      'get',
      'values.batchGet',
      'batchUpdate',
      'values.batchUpdate',
    ]);
  });
});
