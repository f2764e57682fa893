import { createServer } from 'node:net';
import { simpleParser } from 'mailparser';
import { SmtpMailer, SmtpSendError } from '../../src/node/smtp-mailer';
import { MailQuotaExceededError } from '../../src/app/send-mail';
import type { OutgoingMail } from '../../src/ports';
import { SmtpServerThread } from '../fakes/smtp-server-thread';

const mail = (fields: Partial<OutgoingMail> = {}): OutgoingMail => ({
  to: ['hieutruong@mnhoamai.example.edu.vn'],
  subject: 'Nhắc hạn nộp Kế hoạch năm 2023 – Trường Mầm non Hoa Mai',
  htmlBody: '<p>Kính gửi Thủ trưởng <strong>Trường Mầm non Hoa Mai</strong>,</p>',
  textBody: 'Kính gửi Thủ trưởng Trường Mầm non Hoa Mai,\n\nTrân trọng,\n',
  senderName: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
  replyTo: 'phutrach@pgd.example.edu.vn',
  ...fields,
});

describe('SmtpMailer against a real SMTP server on 127.0.0.1', () => {
  let server: SmtpServerThread;
  let mailer: SmtpMailer | undefined;

  beforeEach(() => {
    server = new SmtpServerThread();
  });
  afterEach(async () => {
    await mailer?.close();
    mailer = undefined;
    await server.close();
  });

  it('sends synchronously, and the server receives the message with its Vietnamese intact', async () => {
    const port = await server.port;
    mailer = new SmtpMailer({ url: `smtp://127.0.0.1:${port}`, fromAddress: 'hannop@pgd.example.edu.vn' });
    mailer.send(mail());
    mailer.send(
      mail({
        to: ['a@thdd.example.edu.vn', 'b@thdd.example.edu.vn'],
        subject: 'Quá hạn nộp Báo cáo năm 2023 – Tiểu học Đặng Đức',
      }),
    );

    const [first, second] = await server.messages(2);
    expect(first?.from).toBe('hannop@pgd.example.edu.vn');
    expect(first?.to).toEqual(['hieutruong@mnhoamai.example.edu.vn']);
    expect(second?.to).toEqual(['a@thdd.example.edu.vn', 'b@thdd.example.edu.vn']);
    const parsed = await simpleParser(first?.raw ?? '');
    expect(parsed.subject).toBe('Nhắc hạn nộp Kế hoạch năm 2023 – Trường Mầm non Hoa Mai');
    expect(parsed.from?.value).toEqual([
      { name: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức', address: 'hannop@pgd.example.edu.vn' },
    ]);
    expect(parsed.replyTo?.value[0]?.address).toBe('phutrach@pgd.example.edu.vn');
    expect(parsed.text).toBe('Kính gửi Thủ trưởng Trường Mầm non Hoa Mai,\n\nTrân trọng,\n');
    expect(parsed.html).toContain('<strong>Trường Mầm non Hoa Mai</strong>');
    expect((await simpleParser(second?.raw ?? '')).subject).toBe(
      'Quá hạn nộp Báo cáo năm 2023 – Tiểu học Đặng Đức',
    );
  });

  it('throws the server refusal, with its response code, and goes on sending', async () => {
    const port = await server.port;
    mailer = new SmtpMailer({ url: `smtp://127.0.0.1:${port}`, fromAddress: 'hannop@pgd.example.edu.vn' });
    let refusal: unknown;
    try {
      mailer.send(mail({ to: ['refuse@khongco.example.edu.vn'] }));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(SmtpSendError);
    expect((refusal as SmtpSendError).responseCode).toBe(550);
    // A refusal is an answer: the server was reached, and the batch goes on.
    expect(mailer.reachable()).toBe(true);
    mailer.send(mail());
    expect(await server.messages(1)).toHaveLength(1);
  });

  it('counts --max-mail in recipients and refuses past it', async () => {
    const port = await server.port;
    mailer = new SmtpMailer({
      url: `smtp://127.0.0.1:${port}`,
      fromAddress: 'hannop@pgd.example.edu.vn',
      maxRecipients: 2,
    });
    expect(mailer.remainingDailyQuota()).toBe(2);
    mailer.send(mail());
    expect(mailer.remainingDailyQuota()).toBe(1);
    expect(() => mailer?.send(mail({ to: ['a@x.example.edu.vn', 'b@x.example.edu.vn'] }))).toThrow(
      MailQuotaExceededError,
    );
    expect(mailer.remainingDailyQuota()).toBe(1);
  });

  it('reports a server that does not answer as an SmtpSendError, without its password', async () => {
    const port = await server.port;
    await server.close();
    server = new SmtpServerThread();
    mailer = new SmtpMailer({
      url: `smtp://user:secret@127.0.0.1:${port}`,
      fromAddress: 'hannop@pgd.example.edu.vn',
      timeoutMs: 2000,
    });
    let failure: unknown;
    try {
      mailer.send(mail());
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(SmtpSendError);
    expect((failure as Error).message).toMatch(/ECONNREFUSED/);
    expect((failure as Error).message).not.toContain('secret');
    // The rest of the batch is queued, not tried one by one with a timeout each.
    expect(mailer.reachable()).toBe(false);
    expect(mailer.remainingDailyQuota()).toBe(0);
    await server.port;
  });

  it('gives up on a server that accepts the connection and never greets within seconds', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    mailer = new SmtpMailer({ url: `smtp://127.0.0.1:${port}`, timeoutMs: 1000 });
    const started = Date.now();
    expect(() => mailer?.send(mail())).toThrow(SmtpSendError);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(mailer.reachable()).toBe(false);
    expect(mailer.remainingDailyQuota()).toBe(0);
    silent.close();
  });

  it('waits 10 seconds by default, not a minute', () => {
    mailer = new SmtpMailer({ url: 'smtp://127.0.0.1:9' });
    expect((mailer as unknown as { timeoutMs: number }).timeoutMs).toBe(10_000);
  });
});
