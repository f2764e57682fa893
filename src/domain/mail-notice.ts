// Notices to a unit: reminders, overdue and needs-fix notices (one mail per unit and day, a
// numbered item per period), the opening notice and the extension granted.
import { FORM_KIND_LABEL, type Period } from './campaign';
import type { ExtensionMail } from './extension-mail';
import {
  paragraph,
  renderBlocks,
  type Block,
  type Line,
  type MailContent,
  type MailContentContext,
  type NumberedItem,
} from './mail-document';
import type { NoticeItem, OpeningMail, UnitNoticeMail } from './mail-plan';
import { closing, deadlineLine, formLinkLine, greeting, withUnit } from './mail-wording';
import { daysBetween, formatVietnameseDate, vietnamDateOf, type IsoDate } from './time';

const NOTICE_SUBJECT: Record<NoticeItem['kind'], string> = {
  overdue: 'Quá hạn nộp',
  needs_fix: 'Cần bổ sung',
  reminder: 'Nhắc hạn nộp',
};

function daysPhrase(period: Period, today: IsoDate): string {
  const daysLeft = daysBetween(today, period.lastDueDate);
  if (daysLeft > 0) return `còn ${daysLeft} ngày đến hạn`;
  if (daysLeft === 0) return 'hôm nay là ngày cuối cùng của hạn nộp';
  return `đã quá hạn ${-daysLeft} ngày`;
}

function noticeTitle(item: NoticeItem, today: IsoDate): Line {
  const name = { strong: item.period.name };
  if (item.kind === 'needs_fix') {
    // A unit judged on time keeps it through a return: only a unit without an accepted version is late.
    const days = item.status.timeliness === null ? `; ${daysPhrase(item.period, today)}` : '';
    return [name, `: bài nộp cần được bổ sung, chỉnh sửa${days}.`];
  }
  return [name, `: đơn vị chưa nộp, ${daysPhrase(item.period, today)}.`];
}

function noticeItem(mail: UnitNoticeMail, item: NoticeItem, context: MailContentContext): NumberedItem {
  const today = vietnamDateOf(context.asOf);
  const lines: Line[] = [deadlineLine(item.period)];
  if (item.kind === 'needs_fix') {
    if (item.status.issues.length > 0) {
      lines.push(['Nội dung cần bổ sung, chỉnh sửa:']);
      lines.push(...item.status.issues.map((issue): Line => [`• ${issue}`]));
    }
    if (item.editLink) lines.push(['Sửa bài đã nộp tại: ', { link: item.editLink }]);
    // The edit link fixes the response in place; the unit's own link is there too, for a school
    // that lost the edit link's mail or prefers to send a new version (the newest one counts).
    lines.push(formLinkLine(mail.unit, item.period, context));
  } else {
    lines.push(formLinkLine(mail.unit, item.period, context));
  }
  return { title: noticeTitle(item, today), lines };
}

function noticeSubject(mail: UnitNoticeMail): string {
  const parts: string[] = [];
  for (const kind of ['overdue', 'needs_fix', 'reminder'] as const) {
    const names = mail.items.filter((item) => item.kind === kind).map((item) => item.period.name);
    if (names.length === 0) continue;
    const phrase = NOTICE_SUBJECT[kind];
    parts.push(`${parts.length === 0 ? phrase : phrase.toLowerCase()} ${names.join(' và ')}`);
  }
  return withUnit(parts.join('; '), mail.unit.name);
}

export function renderNotice(mail: UnitNoticeMail, context: MailContentContext): MailContent {
  const { config } = context;
  const kinds = new Set(mail.items.map((item) => item.kind));
  const request = kinds.has('overdue')
    ? `Đề nghị Thủ trưởng đơn vị khẩn trương chỉ đạo hoàn thành và gửi về ${config.agencyName}.`
    : kinds.has('needs_fix')
      ? `Đề nghị đơn vị bổ sung, chỉnh sửa và gửi lại sớm.`
      : 'Đề nghị Thủ trưởng đơn vị chỉ đạo hoàn thành và gửi đúng thời hạn.';
  return renderBlocks(noticeSubject(mail), [
    greeting(mail.unit.name),
    paragraph([
      `Căn cứ Kế hoạch ${config.planName}, ${config.agencyName} đề nghị đơn vị lưu ý các nội dung sau:`,
    ]),
    { kind: 'numbered', items: mail.items.map((item) => noticeItem(mail, item, context)) },
    kinds.has('needs_fix') && kinds.size === 1
      ? paragraph([request])
      : paragraph([request], ['Trường hợp đơn vị đã nộp, xin vui lòng bỏ qua thư này.']),
    ...closing(config),
  ]);
}

// The opening notice.

export function renderOpening(mail: OpeningMail, context: MailContentContext): MailContent {
  const { config } = context;
  const { unit, period } = mail;
  const lines: Line[] = [deadlineLine(period), formLinkLine(unit, period, context)];
  if (unit.confirmationCode) lines.push([`Mã xác nhận của đơn vị: `, { strong: unit.confirmationCode }]);
  return renderBlocks(withUnit(`Mở nhận ${period.name}`, unit.name), [
    greeting(unit.name),
    paragraph([
      `Căn cứ Kế hoạch ${config.planName}, ${config.agencyName} bắt đầu nhận `,
      { strong: period.name },
      ` (biểu mẫu «${FORM_KIND_LABEL[period.form]}») từ ngày ${formatVietnameseDate(period.opensOn)}.`,
    ]),
    paragraph(...lines),
    paragraph(['Đề nghị Thủ trưởng đơn vị chỉ đạo hoàn thành và gửi đúng thời hạn.']),
    ...closing(config),
  ]);
}

// An extension (`Gia hạn`): the new day, why, and who approved it.
export function renderExtension(mail: ExtensionMail, context: MailContentContext): MailContent {
  const { config } = context;
  const period = mail.periods[0] as Period;
  const { extension } = mail;
  const blocks: Block[] = [
    greeting(mail.unit.name),
    paragraph([
      `${config.agencyName} đồng ý gia hạn `,
      { strong: period.name },
      ` cho đơn vị đến hết ngày ${formatVietnameseDate(extension.newDueDate)}.`,
    ]),
    ...(extension.reason ? [paragraph([`Lý do: ${extension.reason}.`.replace(/\.\.$/, '.')])] : []),
    ...(extension.approvedBy ? [paragraph([`Người duyệt: ${extension.approvedBy}.`])] : []),
    paragraph(formLinkLine(mail.unit, period, context)),
    paragraph(['Việc nhắc hạn và đánh giá đúng hạn của đơn vị cho kỳ này được tính theo hạn mới.']),
  ];
  return renderBlocks(
    withUnit(
      `Gia hạn ${period.name} đến hết ngày ${formatVietnameseDate(extension.newDueDate)}`,
      mail.unit.name,
    ),
    [...blocks, ...closing(config)],
  );
}
