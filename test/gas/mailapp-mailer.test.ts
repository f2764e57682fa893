import { MailQuotaExceededError } from '../../src/app/send-mail';
import { MailAppMailer } from '../../src/gas/mailapp-mailer';
import type { OutgoingMail } from '../../src/ports';
import { FakeMailApp, MAILAPP_QUOTA_ERROR } from '../fakes/mail-app';

const mail = (fields: Partial<OutgoingMail> = {}): OutgoingMail => ({
  to: ['hieutruong@mnhoamai.example.edu.vn'],
  subject: 'Nhắc hạn nộp Kế hoạch năm 2023 – Trường Mầm non Hoa Mai',
  htmlBody: '<p>Kính gửi Thủ trưởng Trường Mầm non Hoa Mai,</p>',
  textBody: 'Kính gửi Thủ trưởng Trường Mầm non Hoa Mai,\n',
  senderName: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
  replyTo: 'phutrach@pgd.example.edu.vn',
  ...fields,
});

describe('MailAppMailer', () => {
  it('sends HTML with a plain-text body, the agency as sender name and the contact as reply-to', () => {
    const mailApp = new FakeMailApp();
    new MailAppMailer(mailApp).send(mail({ to: ['a@thdd.example.edu.vn', 'b@thdd.example.edu.vn'] }));
    expect(mailApp.sent).toEqual([
      {
        to: ['a@thdd.example.edu.vn', 'b@thdd.example.edu.vn'],
        subject: 'Nhắc hạn nộp Kế hoạch năm 2023 – Trường Mầm non Hoa Mai',
        body: 'Kính gửi Thủ trưởng Trường Mầm non Hoa Mai,\n',
        htmlBody: '<p>Kính gửi Thủ trưởng Trường Mầm non Hoa Mai,</p>',
        name: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
        replyTo: 'phutrach@pgd.example.edu.vn',
      },
    ]);
  });

  it('reports the quota MailApp reports, which falls by one per recipient', () => {
    const mailApp = new FakeMailApp(100);
    const mailer = new MailAppMailer(mailApp);
    expect(mailer.remainingDailyQuota()).toBe(100);
    mailer.send(mail({ to: ['a@x.example.edu.vn', 'b@x.example.edu.vn', 'c@x.example.edu.vn'] }));
    expect(mailer.remainingDailyQuota()).toBe(97);
  });

  it('turns MailApp’s refusal past the quota into a MailQuotaExceededError', () => {
    const mailApp = new FakeMailApp(1);
    const mailer = new MailAppMailer(mailApp);
    mailer.send(mail());
    expect(() => mailApp.sendEmail({ to: 'a@x.example.edu.vn', subject: 's', body: 'b' })).toThrow(
      MAILAPP_QUOTA_ERROR,
    );
    expect(() => mailer.send(mail())).toThrow(MailQuotaExceededError);
    expect(() => mailer.send(mail())).toThrow(/Service invoked too many times for one day: email\./);
    mailApp.nextDay();
    mailer.send(mail());
    expect(mailApp.sent).toHaveLength(2);
  });

  it('lets any other failure through as it is', () => {
    const mailApp = new FakeMailApp();
    const mailer = new MailAppMailer(mailApp);
    expect(() => mailer.send(mail({ to: ['not an address'] }))).toThrow('Invalid email: not an address');
    expect(() => mailer.send(mail({ subject: 'Hai\ndòng' }))).toThrow('Invalid argument: subject');
    expect(mailApp.sent).toEqual([]);
    expect(mailApp.getRemainingDailyQuota()).toBe(100);
  });

  it('leaves reply-to out when there is none', () => {
    const mailApp = new FakeMailApp();
    const sendEmail = jest.spyOn(mailApp, 'sendEmail');
    new MailAppMailer(mailApp).send(mail({ replyTo: undefined }));
    expect(sendEmail.mock.calls[0]?.[0]).not.toHaveProperty('replyTo');
  });
});
