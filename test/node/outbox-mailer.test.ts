import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { simpleParser } from 'mailparser';
import { MailQuotaExceededError } from '../../src/app/send-mail';
import { encodeHeaderWords, formatEml, OutboxMailer, rfc5322Date } from '../../src/node/outbox-mailer';
import type { OutgoingMail } from '../../src/ports';

const mail = (fields: Partial<OutgoingMail> = {}): OutgoingMail => ({
  to: ['hieutruong@mnhoamai.example.edu.vn', 'vanthu@mnhoamai.example.edu.vn'],
  subject:
    'Quá hạn nộp Kế hoạch năm 2023; nhắc hạn nộp Báo cáo 6 tháng đầu năm 2023 – Trường Mầm non Hoa Mai phường Hiệp Phú',
  htmlBody: '<p>Kính gửi Thủ trưởng Trường Mầm non Hoa Mai,</p><p>Trân trọng,</p>',
  textBody: 'Kính gửi Thủ trưởng Trường Mầm non Hoa Mai,\n\nTrân trọng,\n',
  senderName: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
  replyTo: 'phutrach@pgd.example.edu.vn',
  ...fields,
});

describe('OutboxMailer', () => {
  let directory: string;
  beforeEach(() => {
    directory = join(mkdtempSync(join(tmpdir(), 'hannop-outbox-')), 'outbox');
  });
  afterEach(() => rmSync(join(directory, '..'), { recursive: true, force: true }));

  it('writes one .eml per message that a mail parser reads back whole', async () => {
    const mailer = new OutboxMailer({ directory, now: () => new Date('2023-03-31T00:00:00Z') });
    mailer.send(mail());
    expect(mailer.written).toHaveLength(1);
    const raw = readFileSync(mailer.written[0] as string, 'utf8');
    expect(raw).toMatch(/^From: /);
    expect(raw).not.toMatch(/[^\r]\n/);
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(mail().subject);
    expect(parsed.from?.value).toEqual([
      { name: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức', address: 'phutrach@pgd.example.edu.vn' },
    ]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((to) => to.address) : []).toEqual([
      'hieutruong@mnhoamai.example.edu.vn',
      'vanthu@mnhoamai.example.edu.vn',
    ]);
    expect(parsed.replyTo?.value[0]?.address).toBe('phutrach@pgd.example.edu.vn');
    expect(parsed.text).toBe('Kính gửi Thủ trưởng Trường Mầm non Hoa Mai,\n\nTrân trọng,\n');
    expect(parsed.html).toBe('<p>Kính gửi Thủ trưởng Trường Mầm non Hoa Mai,</p><p>Trân trọng,</p>');
    expect(parsed.date?.toISOString()).toBe('2023-03-31T00:00:00.000Z');
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
  });

  it('names files by Vietnam time and order, never overwriting an earlier run', () => {
    const now = () => new Date('2023-03-31T00:00:00Z');
    const first = new OutboxMailer({ directory, now });
    first.send(mail());
    first.send(mail());
    const second = new OutboxMailer({ directory, now });
    second.send(mail());
    expect(readdirSync(directory).sort()).toEqual([
      '20230331-070000-0001.eml',
      '20230331-070000-0002.eml',
      '20230331-070000-0003.eml',
    ]);
    expect(second.written.map((path) => basename(path))).toEqual(['20230331-070000-0003.eml']);
  });

  it('plays --max-mail as a quota in recipients', () => {
    const mailer = new OutboxMailer({ directory, maxRecipients: 3 });
    expect(mailer.remainingDailyQuota()).toBe(3);
    mailer.send(mail());
    expect(mailer.remainingDailyQuota()).toBe(1);
    expect(() => mailer.send(mail())).toThrow(MailQuotaExceededError);
    mailer.send(mail({ to: ['mot@x.example.edu.vn'] }));
    expect(mailer.remainingDailyQuota()).toBe(0);
    expect(new OutboxMailer({ directory }).remainingDailyQuota()).toBe(Number.POSITIVE_INFINITY);
  });

  it('lets no line break reach a header', async () => {
    const raw = formatEml(
      mail({ subject: 'Nhắc hạn\r\nBcc: attacker@evil.example', senderName: 'Phòng\nX-Evil: 1' }),
      { from: 'hannop@localhost', date: new Date('2023-03-31T00:00:00Z'), messageId: 'a.b@hannop.local' },
    );
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Nhắc hạn Bcc: attacker@evil.example');
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.has('x-evil')).toBe(false);
  });

  it('encodes a long Vietnamese header as folded RFC 2047 words and leaves ASCII alone', () => {
    expect(encodeHeaderWords('Report 2023')).toBe('Report 2023');
    const encoded = encodeHeaderWords('Báo cáo 6 tháng đầu năm 2023 của Trường Trung học cơ sở Lê Quý Đôn');
    const words = encoded.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) {
      expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
      expect(word.length).toBeLessThanOrEqual(75);
    }
    expect(rfc5322Date(new Date('2023-03-30T16:59:59Z'))).toBe('Thu, 30 Mar 2023 23:59:59 +0700');
  });

  it('writes into a folder that does not exist yet, and fails loudly when it cannot write', () => {
    const blocked = join(directory, '..', 'a-file');
    writeFileSync(blocked, 'not a folder');
    expect(() => new OutboxMailer({ directory: blocked }).send(mail())).toThrow(/EEXIST|ENOTDIR/);
    new OutboxMailer({ directory: join(directory, 'deeper') }).send(mail());
    expect(readdirSync(join(directory, 'deeper'))).toHaveLength(1);
  });
});
