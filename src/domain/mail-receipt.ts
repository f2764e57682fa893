// Receipts (accepted, rejected, after the closing day, sender not proven) and the department's
// request to fix a reviewed report.
import { describeDeadline, type IdentityCheck, type Period } from './campaign';
import {
  paragraph,
  renderBlocks,
  type Block,
  type Line,
  type MailContent,
  type MailContentContext,
} from './mail-document';
import type { ReceiptMail, ReturnedMail } from './mail-plan';
import {
  closing,
  contactParts,
  deadlineLine,
  formLinkLine,
  greeting,
  lateDays,
  withUnit,
} from './mail-wording';
import type { UnitPeriodStatus } from './status';
import { formatVietnameseDate, formatVietnameseDateTime, vietnamDateOf } from './time';

function periodLabel(period: Period | null, periodId: string): string {
  return period?.name ?? (periodId || 'bài nộp');
}

function timelinessLine(status: UnitPeriodStatus | null, period: Period): Line {
  if (!status || status.timeliness === null) return deadlineLine(period);
  const { dueMoment, asWritten } = describeDeadline(period);
  const deadline = `hạn nộp: ${dueMoment}, kế hoạch ghi “${asWritten}”`;
  if (status.timeliness === 'on_time') return [`Đơn vị nộp `, { strong: 'đúng hạn' }, ` (${deadline}).`];
  const days = status.submittedAt ? lateDays(period, vietnamDateOf(status.submittedAt)) : 0;
  return [`Đơn vị nộp `, { strong: days > 0 ? `trễ hạn ${days} ngày` : 'trễ hạn' }, ` (${deadline}).`];
}

const WARNING_PREFIX = /^Lưu ý:\s*/;

export function renderReceipt(mail: ReceiptMail, context: MailContentContext): MailContent {
  const { config } = context;
  const { submission, details, period } = mail;
  const unitName = mail.unit?.name ?? details.unitName;
  const label = periodLabel(period, submission.periodId);
  const receivedAt = formatVietnameseDateTime(details.lastVersionAt);
  const blocks: Block[] = [greeting(unitName)];
  let subject: string;
  if (mail.outcome === 'accepted') {
    subject = withUnit(`Đã nhận ${label}`, unitName);
    blocks.push(
      paragraph([
        `${config.agencyName} đã nhận `,
        { strong: label },
        ` của đơn vị, nộp lúc ${receivedAt} (lần nộp thứ ${submission.version}).`,
      ]),
    );
    if (period) blocks.push(paragraph(timelinessLine(mail.status, period)));
    blocks.push(...changeBlocks(details.changes, 'Những nội dung thay đổi so với lần nộp trước:'));
    const warnings = details.problems.map((problem) => problem.replace(WARNING_PREFIX, ''));
    if (warnings.length > 0) {
      blocks.push(paragraph(['Một số điểm đơn vị cần lưu ý (không ảnh hưởng đến việc ghi nhận):']));
      blocks.push({ kind: 'list', items: warnings.map((warning): Line => [warning]) });
    }
    if (details.editLink) {
      blocks.push(
        paragraph(
          ['Nếu cần chỉnh sửa, đơn vị dùng đường dẫn sau (mỗi lần sửa được ghi nhận là một lần nộp mới):'],
          [{ link: details.editLink }],
        ),
      );
    }
  } else if (mail.outcome === 'rejected') {
    subject = withUnit(`Bài nộp chưa hợp lệ: ${label}`, unitName);
    blocks.push(
      paragraph([
        `${config.agencyName} đã nhận `,
        { strong: label },
        ` của đơn vị lúc ${receivedAt} (lần nộp thứ ${submission.version}), nhưng bài nộp `,
        { strong: 'chưa hợp lệ' },
        ' nên chưa được tính là đã nộp.',
      ]),
    );
    if (submission.acceptedAt) {
      blocks.push(paragraph(['Bản chỉnh sửa lần này chưa hợp lệ; bản hợp lệ đã nộp trước đó vẫn được giữ.']));
    }
    const errors = details.problems.filter((problem) => !WARNING_PREFIX.test(problem));
    const warnings = details.problems.filter((problem) => WARNING_PREFIX.test(problem));
    if (errors.length > 0) {
      blocks.push(paragraph(['Đơn vị vui lòng sửa các lỗi sau:']));
      blocks.push({ kind: 'list', items: errors.map((problem): Line => [problem]) });
    }
    if (warnings.length > 0) {
      blocks.push(paragraph(['Đơn vị cũng nên xem lại:']));
      blocks.push({
        kind: 'list',
        items: warnings.map((warning): Line => [warning.replace(WARNING_PREFIX, '')]),
      });
    }
    if (details.editLink) blocks.push(paragraph(['Sửa bài đã nộp tại: ', { link: details.editLink }]));
    else if (period) blocks.push(paragraph(formLinkLine(mail.unit, period, context)));
    if (period) blocks.push(paragraph(deadlineLine(period)));
  } else if (mail.outcome === 'closed') {
    // `Khóa nhận` passed: recorded, not counted until accepted; say whom to call.
    const contact = contactParts(config);
    subject = withUnit(`Đã nhận sau khi khóa nhận: ${label}`, unitName);
    blocks.push(
      paragraph([
        `${config.agencyName} đã nhận `,
        { strong: label },
        ` của đơn vị lúc ${receivedAt} (lần nộp thứ ${submission.version}), nhưng kỳ này `,
        {
          strong: `đã khóa nhận từ hết ngày ${period?.closesOn ? formatVietnameseDate(period.closesOn) : ''}`,
        },
        '.',
      ]),
      paragraph([
        `Bài nộp được ghi nhận nhưng chỉ được tính khi ${config.agencyName} chấp nhận.` +
          (contact.length > 0 ? ` Đề nghị đơn vị liên hệ ${contact.join(', ')} để được xem xét.` : ''),
      ]),
    );
  } else {
    // The sender is not proven to speak for the unit: the mail goes to them alone and says how to
    // prove it, with nothing of the unit (name, status, its own link) they may not be entitled to.
    return renderBlocks(`Cần xác minh người nộp: ${label}`, [
      paragraph(['Kính gửi Quý người nộp,']),
      paragraph([
        `${config.agencyName} đã nhận bài nộp `,
        { strong: label },
        ` gửi từ địa chỉ email ${details.submitterEmail || '(không ghi)'} lúc ${receivedAt}, nhưng chưa xác minh được người nộp thuộc đơn vị được chọn. Bài nộp chưa được tính cho đơn vị nào.`,
      ]),
      paragraph(['Để được ghi nhận, xin vui lòng nộp lại theo một trong các cách sau:']),
      { kind: 'list', items: identityProofLines(config.identityCheck) },
      paragraph([
        `Nếu không gửi bài này, xin vui lòng bỏ qua thư hoặc báo cho người phụ trách của ${config.agencyName}.`,
      ]),
      ...closing(config),
    ]);
  }
  return renderBlocks(subject, [...blocks, ...closing(config)]);
}

/** The proofs `Kiểm tra người nộp` accepts, as the held receipt explains them. */
function identityProofLines(rule: IdentityCheck): Line[] {
  const byEmail: Line = ['gửi từ địa chỉ email đã đăng ký của đơn vị (trong danh sách «Đơn vị»);'];
  const byCode: Line = ['ghi đúng mã xác nhận mà đơn vị đã được cấp vào câu «Mã xác nhận».'];
  if (rule === 'email') return [byEmail];
  if (rule === 'code') return [byCode];
  return [byEmail, byCode];
}

/** What a version changed (question: old → new), under `title`; nothing for a first version. */
function changeBlocks(changes: readonly string[] | undefined, title: string): Block[] {
  if (!changes || changes.length === 0) return [];
  return [paragraph([title]), { kind: 'list', items: changes.map((change): Line => [change]) }];
}

export function renderReturned(mail: ReturnedMail, context: MailContentContext): MailContent {
  const { config } = context;
  const { submission, details, period } = mail;
  const label = periodLabel(period, submission.periodId);
  const blocks: Block[] = [
    greeting(mail.unit.name),
    paragraph([
      `${config.agencyName} đã xem xét `,
      { strong: label },
      ` đơn vị nộp lúc ${formatVietnameseDateTime(details.lastVersionAt)} và đề nghị đơn vị bổ sung, chỉnh sửa theo ý kiến sau:`,
    ]),
    { kind: 'quote', text: submission.reviewNote || '(không có ghi chú)' },
    ...changeBlocks(
      details.changes,
      `Lần nộp thứ ${submission.version} được xem xét đã thay đổi so với lần nộp trước:`,
    ),
  ];
  if (details.editLink)
    blocks.push(paragraph(['Đơn vị chỉnh sửa bài đã nộp tại: ', { link: details.editLink }]));
  else if (period) blocks.push(paragraph(formLinkLine(mail.unit, period, context)));
  blocks.push(paragraph(['Đề nghị đơn vị bổ sung, chỉnh sửa và gửi lại sớm.']));
  return renderBlocks(withUnit(`Yêu cầu bổ sung ${label}`, mail.unit.name), [...blocks, ...closing(config)]);
}
