import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailJournalEntry } from '../../src/domain/mail-journal';
import { FileMailJournal, journalPathFor } from '../../src/node/file-mail-journal';
import { emlFileNameFor, OutboxMailer } from '../../src/node/outbox-mailer';

const entry = (key: string): MailJournalEntry => ({
  key,
  at: new Date('2023-03-31T00:00:00Z'),
  unitCode: 'MNHM',
  periodIds: ['KH-2023'],
  kind: 'overdue',
  recipients: ['hieutruong@mnhoamai.example.edu.vn'],
});

describe('FileMailJournal', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'hannop-journal-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('appends one line a send beside the workbook, private to its owner', () => {
    const journal = new FileMailJournal(journalPathFor(join(directory, 'w.xlsx')));
    journal.record(entry('unit:MNHM:2023-03-31'));
    journal.record(entry('digest:2023-03-31'));
    expect(journal.path).toBe(join(directory, 'w.xlsx.mail-journal'));
    expect(new FileMailJournal(journal.path).entries()).toEqual([
      entry('unit:MNHM:2023-03-31'),
      entry('digest:2023-03-31'),
    ]);
    expect(statSync(journal.path).mode & 0o777).toBe(0o600);
  });

  it('skips a line a kill cut short, and records the next send on a line of its own', () => {
    const journal = new FileMailJournal(join(directory, 'w.xlsx.mail-journal'));
    journal.record(entry('unit:MNHM:2023-03-31'));
    appendFileSync(journal.path, '["unit:THDD:2023-03-31",16802');
    journal.record(entry('digest:2023-03-31'));
    expect(journal.entries().map((read) => read.key)).toEqual(['unit:MNHM:2023-03-31', 'digest:2023-03-31']);
  });

  it('forgets what it is told and removes the file once empty', () => {
    const journal = new FileMailJournal(join(directory, 'w.xlsx.mail-journal'));
    journal.record(entry('a'));
    journal.record(entry('b'));
    journal.forget(['a']);
    expect(journal.entries().map((read) => read.key)).toEqual(['b']);
    expect(readdirSync(directory)).toEqual(['w.xlsx.mail-journal']);
    journal.forget(['b']);
    expect(existsSync(journal.path)).toBe(false);
    expect(journal.entries()).toEqual([]);
  });
});

describe('OutboxMailer with mail keys', () => {
  it('writes a message sent twice (a resend after a kill) to the same file with the same Message-ID', () => {
    const directory = mkdtempSync(join(tmpdir(), 'hannop-outbox-'));
    const mail = {
      key: 'unit:MNHM:2023-03-31',
      to: ['hieutruong@mnhoamai.example.edu.vn'],
      subject: 'Quá hạn nộp Kế hoạch năm 2023',
      htmlBody: '<p>Kính gửi</p>',
      textBody: 'Kính gửi',
      senderName: 'Phòng Giáo dục',
    };
    new OutboxMailer({ directory, now: () => new Date('2023-03-31T00:00:00Z') }).send(mail);
    const first = readFileSync(join(directory, emlFileNameFor(mail.key)), 'utf8');
    new OutboxMailer({ directory, now: () => new Date('2023-03-31T01:00:00Z') }).send(mail);
    expect(readdirSync(directory)).toEqual([emlFileNameFor(mail.key)]);
    const messageId = (text: string) => /^Message-ID: (.*)$/m.exec(text)?.[1];
    expect(messageId(readFileSync(join(directory, emlFileNameFor(mail.key)), 'utf8'))).toBe(messageId(first));
    expect(emlFileNameFor('receipt:a/b:v1')).not.toBe(emlFileNameFor('receipt:a_b:v1'));
    rmSync(directory, { recursive: true, force: true });
  });
});
