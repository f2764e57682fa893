// `hannop run` sending the day's mail: to an outbox of .eml files, over SMTP to a real server on
// 127.0.0.1, within `--max-mail`, or not at all with `--dry-run`.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { MAIL_LOG_COLUMNS, SHEET } from '../../src/domain/layout';
import { readRecords, cellText } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import type { RunJson, RunMailJson } from '../../src/node/commands/run';
import { FileMailJournal } from '../../src/node/file-mail-journal';
import { emlFileNameFor } from '../../src/node/outbox-mailer';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { SmtpServerThread } from '../fakes/smtp-server-thread';
import { fillContact } from './filled-contact';
import { runCli, type CliOutcome } from './cli-runner';
import { usageOf } from '../../src/node/cli-usage';

const NOW = vietnamInstant('2023-03-31', 7);
const AS_OF = '2023-03-31T07:00';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-mail-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function hannop(...argv: string[]): Promise<CliOutcome> {
  return runCli(argv, { now: () => NOW, cwd: dir });
}

async function runJson(...argv: string[]): Promise<RunJson> {
  const outcome = await hannop('run', '--workbook', 'w.xlsx', '--json', ...argv);
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  return JSON.parse(outcome.stdout) as RunJson;
}

/** The demo workbook: 60 units, their responses to the plan, many of them late at 31/03/2023. */
async function demoWorkbook(): Promise<void> {
  expect(await hannop('init', '--workbook', 'w.xlsx', '--demo')).toMatchObject({ code: 0, stderr: '' });
}

function emlFiles(folder: string): string[] {
  const path = join(dir, folder);
  return existsSync(path)
    ? readdirSync(path)
        .filter((name) => name.endsWith('.eml'))
        .sort()
        .map((name) => join(path, name))
    : [];
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((object) => object.value.map((mailbox) => mailbox.address ?? ''));
}

/** A message as the JSON lists it, and as a parsed message shows it: to compare the two. */
const fromJson = (mail: RunMailJson) => `${mail.to.join(', ')} | ${mail.subject}`;
const fromParsed = (parsed: ParsedMail) => `${addresses(parsed.to).join(', ')} | ${parsed.subject ?? ''}`;

async function mailLog(): Promise<{ key: string; result: string; recipients: string }[]> {
  const table = (await XlsxWorkbook.open(join(dir, 'w.xlsx'))).read([SHEET.mailLog]).get(SHEET.mailLog);
  return readRecords(table, SHEET.mailLog, { required: [] }).map((record) => ({
    key: cellText(record.get(MAIL_LOG_COLUMNS.key)),
    result: cellText(record.get(MAIL_LOG_COLUMNS.result)),
    recipients: cellText(record.get(MAIL_LOG_COLUMNS.recipients)),
  }));
}

const sentOf = (report: RunJson) => report.mail.filter((mail) => mail.status === 'sent');

describe('hannop run --outbox', () => {
  it('lists the messages, writes one parseable .eml per message sent, and sends nothing more the same day', async () => {
    await demoWorkbook();
    const report = await runJson('--as-of', AS_OF, '--outbox', 'out/');

    expect(report.mail.length).toBeGreaterThan(10);
    expect(new Set(report.mail.map((mail) => mail.status))).toEqual(new Set(['sent']));
    const kinds = new Set(report.mail.map((mail) => mail.kind));
    expect(kinds).toEqual(new Set(['overdue', 'receipt', 'digest']));
    // Receipts go first (MAIL_PRIORITY); one notice per unit at most (a receipt is per version sent).
    expect(report.mail[0]?.kind).toBe('receipt');
    const units = report.mail.flatMap((mail) =>
      mail.unit === undefined || mail.kind === 'receipt' ? [] : [mail.unit],
    );
    expect(new Set(units).size).toBe(units.length);
    const digest = report.mail.find((mail) => mail.kind === 'digest');
    expect(digest && 'unit' in digest).toBe(false);
    // A held receipt goes to its unproven sender and names no unit: it is not the unit's mail.
    const held = report.mail.filter((mail) => mail.subject.startsWith('Cần xác minh người nộp: '));
    expect(held.map((mail) => mail.kind)).toEqual(['receipt']);
    for (const mail of report.mail) {
      expect(Object.keys(mail).sort()).toEqual(
        mail.kind === 'digest' || held.includes(mail)
          ? ['kind', 'periods', 'status', 'subject', 'to']
          : ['kind', 'periods', 'status', 'subject', 'to', 'unit'],
      );
    }
    const overdue = report.mail.find((mail) => mail.kind === 'overdue');
    expect(overdue?.periods).toEqual(['KH-2023']);
    expect(overdue?.subject).toMatch(/^Quá hạn nộp Kế hoạch năm 2023 – Trường /);

    // The status report is the one `status --json` gives, with `mail` added.
    const status = await hannop('status', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--json');
    const { mail: _mail, ...statusPart } = report;
    expect(statusPart).toEqual(JSON.parse(status.stdout));

    const files = emlFiles('out');
    expect(files).toHaveLength(report.mail.length);
    const parsed = await Promise.all(files.map(async (path) => simpleParser(readFileSync(path))));
    expect(parsed.map(fromParsed).sort()).toEqual(report.mail.map(fromJson).sort());
    for (const message of parsed) {
      expect(message.text).toContain('Phòng Giáo dục và Đào tạo thành phố Thủ Đức');
      expect(message.html).toEqual(expect.stringContaining('</'));
      expect(message.date?.toISOString()).toBe(NOW.toISOString());
    }
    const parsedOverdue = parsed.find((message) => message.subject === overdue?.subject);
    expect(parsedOverdue?.text).toContain(`Kính gửi Thủ trưởng ${overdue?.subject.split(' – ')[1]}`);

    const log = await mailLog();
    expect(log).toHaveLength(report.mail.length);
    expect(log.every((row) => row.result === 'Đã gửi')).toBe(true);
    // Each file is named by its message's key: a message sent again after a kill replaces its file.
    expect(files.map((path) => basename(path)).sort()).toEqual(
      log.map((row) => emlFileNameFor(row.key)).sort(),
    );

    const again = await runJson('--as-of', '2023-03-31T16:00', '--outbox', 'out/');
    expect(again.mail).toEqual([]);
    expect(emlFiles('out')).toHaveLength(files.length);
  });

  it('says in the text what it sent and where, with the outbox beside the workbook by default', async () => {
    await demoWorkbook();
    const outcome = await hannop('run', '--workbook', 'w.xlsx', '--as-of', AS_OF);
    expect(outcome.code).toBe(0);
    const lines = outcome.stdout.split('\n');
    expect(lines[0]).toMatch(/^Phản hồi mới hoặc đã sửa: \d+ /);
    const sent = emlFiles('outbox').length;
    expect(sent).toBeGreaterThan(10);
    expect(lines[1]).toBe(`Thư: đã gửi ${sent}, chờ gửi 0, lỗi 0; tệp .eml trong «outbox».`);
    expect(lines[2]).toBe('');
    expect(lines[3]).toMatch(/^Tình trạng tại 31\/03\/2023 07:00/);

    mkdirSync(join(dir, 'so'));
    expect((await hannop('init', '--workbook', 'so/w2.xlsx', '--demo')).code).toBe(0);
    const nested = await hannop('run', '--workbook', 'so/w2.xlsx', '--as-of', AS_OF);
    expect(nested.stdout.split('\n')[1]).toBe(
      `Thư: đã gửi ${sent}, chờ gửi 0, lỗi 0; tệp .eml trong «${join('so', 'outbox')}».`,
    );
    expect(emlFiles(join('so', 'outbox'))).toHaveLength(sent);
  });
});

describe('hannop run --max-mail', () => {
  it('counts what a killed run sent today (journaled, not yet in Nhật ký thư) against the allowance', async () => {
    await demoWorkbook();
    const journal = new FileMailJournal(join(dir, 'w.xlsx.mail-journal'));
    for (const code of ['KILLED1', 'KILLED2']) {
      journal.record({
        key: `unit:${code}:2023-03-31`,
        at: vietnamInstant('2023-03-31', 7),
        unitCode: code,
        periodIds: ['KH-2023'],
        kind: 'reminder',
        recipients: [`${code.toLowerCase()}@truong.example.edu.vn`],
      });
    }
    const run = await runJson('--as-of', AS_OF, '--max-mail', '3');
    expect(sentOf(run)).toHaveLength(1);
    expect(emlFiles('outbox')).toHaveLength(1);
    const log = await mailLog();
    expect(log.filter((row) => row.result === 'Đã gửi')).toHaveLength(3);
  });

  it('sends N, queues the rest as Chờ gửi, and sends the queued messages first the next day', async () => {
    await demoWorkbook();
    const first = await runJson('--as-of', AS_OF, '--max-mail', '3');
    expect(sentOf(first)).toHaveLength(3);
    expect(first.mail.slice(0, 3).map((mail) => mail.status)).toEqual(['sent', 'sent', 'sent']);
    const queued = first.mail.filter((mail) => mail.status === 'queued');
    expect(queued.length).toBe(first.mail.length - 3);
    expect(emlFiles('outbox')).toHaveLength(3);
    let log = await mailLog();
    expect(log.filter((row) => row.result === 'Đã gửi')).toHaveLength(3);
    expect(log.filter((row) => row.result === 'Chờ gửi')).toHaveLength(queued.length);

    const text = await hannop(
      'run',
      '--workbook',
      'w.xlsx',
      '--as-of',
      '2023-03-31T09:00',
      '--max-mail',
      '3',
    );
    expect(text.stdout.split('\n').slice(1, 3)).toEqual([
      `Thư: đã gửi 0, chờ gửi ${queued.length}, lỗi 0; tệp .eml trong «outbox».`,
      `Hết hạn mức gửi thư trong ngày (--max-mail): ${queued.length} thư chờ gửi ở lần chạy sau.`,
    ]);
    // The campaign's forecast against N, as `hannop check --max-mail` says it: a warning, the run goes on.
    expect(text.stdout.split('\n')[3]).toMatch(
      /^Cảnh báo \(Dự báo thư\): dự báo thư của đợt thu vượt hạn mức \d+ người nhận mỗi ngày vào \d+ ngày \(nhiều nhất \d+\): \d\d\/\d\d\/\d{4}: /,
    );
    expect(text.stdout).toContain('hoặc gửi thư qua SMTP từ máy chủ');
    const roomy = await hannop(
      'run',
      '--workbook',
      'w.xlsx',
      '--as-of',
      '2023-03-31T09:00',
      '--dry-run',
      '--max-mail',
      '100000',
    );
    expect(roomy.stdout).not.toContain('Dự báo thư');
    // The day's allowance was spent by the first run: a second one that day sends nothing.
    expect(emlFiles('outbox')).toHaveLength(3);

    const next = await runJson('--as-of', '2023-04-01T07:00', '--max-mail', '3');
    const sentNext = sentOf(next);
    expect(sentNext).toHaveLength(3);
    expect(sentNext.map((mail) => mail.subject)).toEqual(queued.slice(0, 3).map((mail) => mail.subject));
    expect(emlFiles('outbox')).toHaveLength(6);
    log = await mailLog();
    expect(log.filter((row) => row.result === 'Đã gửi')).toHaveLength(6);
    expect(log.filter((row) => row.result === 'Chờ gửi')).toHaveLength(
      next.mail.filter((mail) => mail.status === 'queued').length,
    );

    // Without a limit the queue drains.
    const last = await runJson('--as-of', '2023-04-02T07:00');
    expect(last.mail.every((mail) => mail.status === 'sent')).toBe(true);
    expect((await mailLog()).filter((row) => row.result === 'Chờ gửi')).toEqual([]);
  });

  it('with 0 sends nothing and queues everything', async () => {
    await demoWorkbook();
    const report = await runJson('--as-of', AS_OF, '--max-mail', '0');
    expect(report.mail.length).toBeGreaterThan(0);
    expect(report.mail.every((mail) => mail.status === 'queued')).toBe(true);
    expect(emlFiles('outbox')).toEqual([]);
  });
});

describe('hannop run --dry-run', () => {
  it('lists what would be sent, and writes no file: the workbook stays byte for byte', async () => {
    await demoWorkbook();
    const before = readFileSync(join(dir, 'w.xlsx'));
    const report = await runJson('--as-of', AS_OF, '--dry-run', '--outbox', 'out');
    expect(report.mail.length).toBeGreaterThan(10);
    expect(report.mail.every((mail) => mail.status === 'queued')).toBe(true);
    // The plan is made on the responses taken in during this run, in memory.
    expect(report.units.some((unit) => unit.periods['KH-2023']?.status === 'submitted')).toBe(true);
    expect(readFileSync(join(dir, 'w.xlsx')).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['w.xlsx']);

    const text = await hannop('run', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--dry-run');
    const lines = text.stdout.split('\n');
    expect(lines[1]).toBe(`Chạy thử: không gửi thư, không ghi bảng tính. ${report.mail.length} thư cần gửi:`);
    const first = report.mail[0] as RunMailJson;
    expect(lines[2]).toBe(
      `  - Xác nhận đã nhận · ${first.unit} KH-2023 → ${first.to.join(', ')}: «${first.subject}»`,
    );
    expect(readdirSync(dir)).toEqual(['w.xlsx']);

    // The real run afterwards sends exactly what the dry run listed.
    const real = await runJson('--as-of', AS_OF);
    expect(real.mail.map(fromJson)).toEqual(report.mail.map(fromJson));
  });
});

describe('hannop run --smtp', () => {
  let server: SmtpServerThread;

  beforeEach(() => {
    server = new SmtpServerThread();
  });
  afterEach(async () => {
    await server.close();
  });

  it('refuses real mail while `Cấu hình` holds the example contact, and sends nothing', async () => {
    await demoWorkbook();
    const port = await server.port;
    const refused = await hannop(
      'run',
      '--workbook',
      'w.xlsx',
      '--as-of',
      AS_OF,
      '--smtp',
      `smtp://127.0.0.1:${port}`,
    );
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Lỗi: Chưa gửi thư thật: trang «Cấu hình» còn thông tin liên hệ mẫu ở «Người phụ trách», «Email người phụ trách», «Điện thoại người phụ trách», «Email nhận thư tổng hợp». Thay bằng người phụ trách thật rồi chạy lại (thư vào thư mục --outbox vẫn chạy được để thử).\n',
    });
    expect(await mailLog()).toEqual([]);
  });

  it('sends every message to the SMTP server, which receives them with their Vietnamese intact', async () => {
    await demoWorkbook();
    await fillContact(join(dir, 'w.xlsx'));
    const port = await server.port;
    const report = await runJson('--as-of', AS_OF, '--smtp', `smtp://127.0.0.1:${port}`);
    const sent = sentOf(report);
    expect(sent.length).toBe(report.mail.length);
    const received = await server.messages(sent.length);
    expect(received).toHaveLength(sent.length);
    expect(received.map((message) => message.to.join(', ')).sort()).toEqual(
      sent.map((mail) => mail.to.join(', ')).sort(),
    );
    // No --smtp user to send as: the contact of `Cấu hình`, the reply-to address, is the sender.
    expect(new Set(received.map((message) => message.from))).toEqual(new Set(['lethithu@pgdthuduc.edu.vn']));
    const parsed = await Promise.all(received.map(async (message) => simpleParser(message.raw)));
    expect(parsed.map(fromParsed).sort()).toEqual(sent.map(fromJson).sort());
    expect(parsed.every((message) => message.html && message.text)).toBe(true);
    expect(existsSync(join(dir, 'outbox'))).toBe(false);
    expect((await mailLog()).every((row) => row.result === 'Đã gửi')).toBe(true);
  });

  it('logs the first send a closed server refuses as Lỗi, queues the rest, exits 3, and sends each once on the next run', async () => {
    await demoWorkbook();
    await fillContact(join(dir, 'w.xlsx'));
    const port = await server.port;
    await server.close();
    const down = await hannop(
      'run',
      '--workbook',
      'w.xlsx',
      '--as-of',
      AS_OF,
      '--smtp',
      `smtp://127.0.0.1:${port}`,
    );
    // A message failed: exit 3, for a scheduler to see; nothing for the user to fix on the command line.
    expect({ code: down.code, stderr: down.stderr }).toEqual({ code: 3, stderr: '' });
    const lines = down.stdout.split('\n');
    expect(lines[1]).toMatch(
      new RegExp(`^Thư: đã gửi 0, chờ gửi (\\d+), lỗi 1; qua SMTP smtp://127\\.0\\.0\\.1:${port}\\.$`),
    );
    const queued = Number(/chờ gửi (\d+)/.exec(lines[1] ?? '')?.[1]);
    expect(queued).toBeGreaterThan(10);
    // Not the day's allowance: the server could not be reached, so the rest waits for the next run.
    expect(lines[2]).toBe(`Không kết nối được máy chủ SMTP: ${queued} thư còn lại chờ gửi ở lần chạy sau.`);
    expect(lines[3]).toMatch(
      /^Không gửi được thư «.+» đến .+: SMTP: .*ECONNREFUSED.*; thư sẽ được gửi lại ở lần chạy sau\.$/,
    );
    expect(down.stdout).not.toContain('Hết hạn mức');
    const downLog = await mailLog();
    expect(downLog.filter((row) => row.result === 'Lỗi')).toHaveLength(1);
    expect(downLog.filter((row) => row.result === 'Chờ gửi')).toHaveLength(queued);
    expect(downLog).toHaveLength(queued + 1);

    server = new SmtpServerThread();
    const up = await runJson(
      '--as-of',
      '2023-03-31T09:00',
      '--smtp',
      `smtp://127.0.0.1:${await server.port}`,
    );
    const sent = sentOf(up);
    expect(sent).toHaveLength(queued + 1);
    expect(up.mail).toHaveLength(queued + 1);
    const received = await server.messages(queued + 1);
    // Every message once: the server has as many as were waiting, each a different one.
    expect(received).toHaveLength(queued + 1);
    const parsed = await Promise.all(received.map(async (message) => simpleParser(message.raw)));
    expect(new Set(parsed.map((message) => message.messageId)).size).toBe(queued + 1);
    expect(parsed.map(fromParsed).sort()).toEqual(sent.map(fromJson).sort());
    const upLog = await mailLog();
    expect(upLog.map((row) => row.key).sort()).toEqual(downLog.map((row) => row.key).sort());
    expect(upLog.every((row) => row.result === 'Đã gửi')).toBe(true);

    // And a third run that day sends nothing again.
    const again = await runJson(
      '--as-of',
      '2023-03-31T16:00',
      '--smtp',
      `smtp://127.0.0.1:${await server.port}`,
    );
    expect(again.mail).toEqual([]);
    expect(server.received).toHaveLength(queued + 1);
  });
});

describe('hannop run refuses bad mail options', () => {
  it.each([
    [
      ['--outbox', 'out', '--smtp', 'smtp://127.0.0.1:2525'],
      'Lỗi: Chỉ dùng một trong hai tùy chọn --outbox và --smtp, không dùng cả hai.\n',
    ],
    [
      ['--smtp', 'http://mail.example.edu.vn'],
      'Lỗi: --smtp «http://mail.example.edu.vn» không hợp lệ; ghi smtp://máy-chủ:cổng hoặc smtps://người-dùng:mật-khẩu@máy-chủ:cổng.\n',
    ],
    [
      ['--smtp', 'smtps://thu:matkhau@'],
      'Lỗi: --smtp «smtps://thu:***@» không hợp lệ; ghi smtp://máy-chủ:cổng hoặc smtps://người-dùng:mật-khẩu@máy-chủ:cổng.\n',
    ],
    [
      ['--max-mail=-1'],
      'Lỗi: --max-mail «-1» không hợp lệ; ghi một số nguyên không âm (số người nhận được gửi thư trong ngày).\n',
    ],
    [
      ['--max-mail', '2.5'],
      'Lỗi: --max-mail «2.5» không hợp lệ; ghi một số nguyên không âm (số người nhận được gửi thư trong ngày).\n',
    ],
    [
      ['--max-mail', 'ba'],
      'Lỗi: --max-mail «ba» không hợp lệ; ghi một số nguyên không âm (số người nhận được gửi thư trong ngày).\n',
    ],
    [['--outbox', ' '], `Lỗi: Thiếu tùy chọn --outbox.\nCách dùng:\n${usageOf('run')}\n`],
    [['--outbox', 'w.xlsx'], 'Lỗi: --outbox «w.xlsx» là một tệp, không phải thư mục.\n'],
  ])('%j: exit 1, a message, nothing written', async (options, stderr) => {
    await demoWorkbook();
    const before = readFileSync(join(dir, 'w.xlsx'));
    expect(await hannop('run', '--workbook', 'w.xlsx', '--as-of', AS_OF, ...options)).toEqual({
      code: 1,
      stdout: '',
      stderr,
    });
    expect(readFileSync(join(dir, 'w.xlsx')).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['w.xlsx']);
  });

  it('exits 1 naming --max-mail when its value looks like an option', async () => {
    await demoWorkbook();
    const outcome = await hannop('run', '--workbook', 'w.xlsx', '--max-mail', '-1');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(
      'Lỗi: --max-mail «-1» không hợp lệ; ghi một số nguyên không âm (số người nhận được gửi thư trong ngày).\n',
    );
  });
});
