// What each planned mail says, in formal Vietnamese, as a subject, an HTML body and a plain-text
// body. A body is built once as a small document (paragraphs, lists, a table) holding raw values
// from the sheets, then written out twice; every value is escaped in one place (`escapeHtml`), and
// a header never carries a line break (`headerText`).
import {
  describeDeadline,
  FORM_KIND_LABEL,
  type CampaignConfig,
  type IdentityCheck,
  type Period,
} from './campaign';
import type { ExtensionMail } from './extension-mail';
import type {
  DigestMail,
  NoticeItem,
  OpeningMail,
  PlannedMail,
  ReceiptMail,
  ReturnedMail,
  UnitNoticeMail,
} from './mail-plan';
import { STATUS_LABEL, type UnitPeriodStatus } from './status';
import {
  daysBetween,
  formatVietnameseDate,
  formatVietnameseDateTime,
  vietnamDateOf,
  type IsoDate,
} from './time';
import type { Unit } from './units';

export interface MailContent {
  readonly subject: string;
  readonly htmlBody: string;
  readonly textBody: string;
}

/** A unit's own link to the form of a period, its unit, code and (for a report) the period filled in. */
export type PrefilledLinkOf = (unit: Unit, period: Pick<Period, 'form' | 'name'>) => string | null;

export interface MailContentContext {
  readonly config: CampaignConfig;
  readonly asOf: Date;
  /** The unit's own form link, with its unit and confirmation code filled in; null when unknown. */
  readonly prefilledLink: PrefilledLinkOf;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a header must not carry
const HEADER_BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A header value: line breaks, tabs and other control characters become one space. */
export function headerText(text: string): string {
  return text.replace(HEADER_BREAKS, ' ').replace(/\s+/g, ' ').trim();
}

// The document a body is built as.
type Inline = string | { readonly link: string } | { readonly strong: string };
type Line = readonly Inline[];
interface NumberedItem {
  readonly title: Line;
  readonly lines: readonly Line[];
}
type Block =
  | { readonly kind: 'paragraph'; readonly lines: readonly Line[] }
  | { readonly kind: 'list'; readonly items: readonly Line[] }
  | { readonly kind: 'numbered'; readonly items: readonly NumberedItem[] }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'quote'; readonly text: string }
  | {
      readonly kind: 'table';
      readonly head: readonly string[];
      readonly rows: readonly (readonly string[])[];
    }
  | { readonly kind: 'footer'; readonly lines: readonly Line[] };

const paragraph = (...lines: Line[]): Block => ({ kind: 'paragraph', lines });

function isWebLink(text: string): boolean {
  return /^https?:\/\/[^\s<>"]+$/i.test(text);
}

function inlineHtml(part: Inline): string {
  if (typeof part === 'string') return escapeHtml(part);
  if ('strong' in part) return `<strong>${escapeHtml(part.strong)}</strong>`;
  const href = escapeHtml(part.link);
  return isWebLink(part.link) ? `<a href="${href}">${href}</a>` : href;
}

function inlineText(part: Inline): string {
  if (typeof part === 'string') return part;
  return 'strong' in part ? part.strong : part.link;
}

const lineHtml = (line: Line) => line.map(inlineHtml).join('');
const lineText = (line: Line) => line.map(inlineText).join('');

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin:0 0 12px">${block.lines.map(lineHtml).join('<br>')}</p>`;
    case 'list':
      return `<ul style="margin:0 0 12px">${block.items.map((item) => `<li>${lineHtml(item)}</li>`).join('')}</ul>`;
    case 'numbered':
      return `<ol style="margin:0 0 12px">${block.items
        .map(
          (item) =>
            `<li style="margin-bottom:8px"><strong>${lineHtml(item.title)}</strong>${item.lines
              .map((line) => `<br>${lineHtml(line)}`)
              .join('')}</li>`,
        )
        .join('')}</ol>`;
    case 'heading':
      return `<h3 style="margin:16px 0 8px;font-size:15px">${escapeHtml(block.text)}</h3>`;
    case 'quote':
      return `<blockquote style="margin:0 0 12px;padding:4px 12px;border-left:3px solid #999;white-space:pre-line">${escapeHtml(
        block.text,
      )}</blockquote>`;
    case 'table': {
      const cell = 'border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top';
      const head = block.head
        .map((title) => `<th style="${cell};background:#f0f0f0">${escapeHtml(title)}</th>`)
        .join('');
      const rows = block.rows
        .map(
          (row) => `<tr>${row.map((value) => `<td style="${cell}">${escapeHtml(value)}</td>`).join('')}</tr>`,
        )
        .join('');
      return `<table style="border-collapse:collapse;margin:0 0 12px;font-size:13px"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    case 'footer':
      return `<hr style="border:none;border-top:1px solid #ddd;margin:16px 0 8px"><p style="margin:0;font-size:12px;color:#666">${block.lines
        .map(lineHtml)
        .join('<br>')}</p>`;
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.lines.map(lineText).join('\n');
    case 'list':
      return block.items.map((item) => `- ${lineText(item)}`).join('\n');
    case 'numbered':
      return block.items
        .map((item, index) =>
          [`${index + 1}. ${lineText(item.title)}`, ...item.lines.map((line) => `   ${lineText(line)}`)].join(
            '\n',
          ),
        )
        .join('\n\n');
    case 'heading':
      return block.text.toUpperCase();
    case 'quote':
      return block.text
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join('\n');
    case 'table':
      return [block.head.join(' | '), ...block.rows.map((row) => row.join(' | '))].join('\n');
    case 'footer':
      return `--\n${block.lines.map(lineText).join('\n')}`;
  }
}

function renderBlocks(subject: string, blocks: readonly Block[]): MailContent {
  const body = blocks.map(blockHtml).join('\n');
  return {
    subject: headerText(subject),
    htmlBody: `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body><div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222">${body}</div></body></html>`,
    textBody: `${blocks.map(blockText).join('\n\n')}\n`,
  };
}

// Shared wording.

function deadlineLine(period: Period): Line {
  const { dueMoment, asWritten } = describeDeadline(period);
  return [`Hạn nộp: ${dueMoment} (kế hoạch ghi “${asWritten}”).`];
}

function contactParts(config: CampaignConfig): string[] {
  return [
    config.contactName,
    config.contactEmail ? `email ${config.contactEmail}` : '',
    config.contactPhone ? `điện thoại ${config.contactPhone}` : '',
  ].filter(Boolean);
}

function closing(config: CampaignConfig): Block[] {
  const contact = contactParts(config);
  return [
    ...(contact.length > 0 ? [paragraph([`Mọi thắc mắc xin liên hệ ${contact.join(', ')}.`])] : []),
    paragraph(['Trân trọng,'], [{ strong: config.agencyName }]),
    {
      kind: 'footer',
      lines: [
        [
          [
            config.agencyName,
            ...(config.contactName ? [`Người phụ trách: ${config.contactName}`] : []),
            config.contactEmail,
            config.contactPhone,
          ]
            .filter(Boolean)
            .join(' – '),
        ],
        ['Thư này được gửi tự động từ hệ thống theo dõi hạn nộp; thư trả lời sẽ đến người phụ trách.'],
      ],
    },
  ];
}

function greeting(unitName: string): Block {
  return paragraph([unitName ? `Kính gửi Thủ trưởng ${unitName},` : 'Kính gửi Thủ trưởng đơn vị,']);
}

function formLinkLine(unit: Unit | null, period: Period, context: MailContentContext): Line {
  const link = unit ? context.prefilledLink(unit, period) : null;
  if (link) return ['Đường dẫn nộp riêng của đơn vị (đã điền sẵn tên đơn vị): ', { link }];
  return [
    `Đơn vị nộp qua đường dẫn biểu mẫu «${FORM_KIND_LABEL[period.form]}» mà ${context.config.agencyName} đã gửi đơn vị.`,
  ];
}

function withUnit(text: string, unitName: string): string {
  return unitName ? `${text} – ${unitName}` : text;
}

function lateDays(period: Period, day: IsoDate): number {
  return daysBetween(period.lastDueDate, day);
}

// Notices.

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

function renderNotice(mail: UnitNoticeMail, context: MailContentContext): MailContent {
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

// Receipts and returns.

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

function renderReceipt(mail: ReceiptMail, context: MailContentContext): MailContent {
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

function renderReturned(mail: ReturnedMail, context: MailContentContext): MailContent {
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
  ];
  if (details.editLink)
    blocks.push(paragraph(['Đơn vị chỉnh sửa bài đã nộp tại: ', { link: details.editLink }]));
  else if (period) blocks.push(paragraph(formLinkLine(mail.unit, period, context)));
  blocks.push(paragraph(['Đề nghị đơn vị bổ sung, chỉnh sửa và gửi lại sớm.']));
  return renderBlocks(withUnit(`Yêu cầu bổ sung ${label}`, mail.unit.name), [...blocks, ...closing(config)]);
}

// The opening notice.

function renderOpening(mail: OpeningMail, context: MailContentContext): MailContent {
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

// The digest.

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1).replace('.', ',')}%`;
}

function renderDigest(mail: DigestMail, context: MailContentContext): MailContent {
  const { config, asOf } = context;
  const today = vietnamDateOf(asOf);
  const lateCodes = new Set(
    mail.sections.flatMap((section) => section.lateUnits.map((late) => late.unit.code)),
  );
  const subject = `Tổng hợp tình hình nộp ngày ${formatVietnameseDate(mail.day)}: ${
    lateCodes.size > 0 ? `${lateCodes.size} đơn vị chưa nộp đúng yêu cầu` : 'không có đơn vị quá hạn'
  }`;
  const blocks: Block[] = [
    paragraph([`Kính gửi Lãnh đạo ${config.agencyName},`]),
    paragraph([
      `Tình hình nộp theo Kế hoạch ${config.planName}, tính đến ${formatVietnameseDateTime(asOf)}:`,
    ]),
  ];
  for (const { period, rates, lateUnits } of mail.sections) {
    blocks.push({ kind: 'heading', text: period.name });
    blocks.push(
      paragraph(deadlineLine(period), [
        `Phải nộp ${rates.expected} đơn vị; đã nộp ${rates.submitted} (${percent(rates.reportingRate)}); đúng hạn ${rates.onTime} (${percent(
          rates.onTimeRate,
        )}); trễ hạn ${rates.late}; quá hạn ${rates.overdue}; cần bổ sung ${rates.needsFix}; đã duyệt ${rates.approved}.`,
      ]),
    );
    if (lateUnits.length === 0) {
      blocks.push(paragraph(['Không có đơn vị quá hạn.']));
      continue;
    }
    blocks.push({
      kind: 'table',
      head: ['Mã đơn vị', 'Tên đơn vị', 'Tình trạng', 'Quá hạn (ngày)', 'Thủ trưởng', 'Điện thoại', 'Email'],
      rows: lateUnits.map(({ unit, status }) => [
        unit.code,
        unit.name,
        STATUS_LABEL[status.status],
        String(lateDays(period, today)),
        unit.head,
        unit.phone,
        unit.emails.join(', '),
      ]),
    });
  }
  blocks.push(
    paragraph([
      'Chi tiết xem trang «Tổng hợp» của bảng tính. Các đơn vị quá hạn đã được nhắc qua email theo lịch nhắc.',
    ]),
  );
  blocks.push({
    kind: 'footer',
    lines: [[`Thư tổng hợp được gửi tự động từ hệ thống theo dõi hạn nộp của ${config.agencyName}.`]],
  });
  return renderBlocks(subject, blocks);
}

export function renderMail(mail: PlannedMail, context: MailContentContext): MailContent {
  switch (mail.kind) {
    case 'reminder':
    case 'overdue':
    case 'needs_fix':
      return renderNotice(mail, context);
    case 'receipt':
      return renderReceipt(mail, context);
    case 'returned':
      return renderReturned(mail, context);
    case 'digest':
      return renderDigest(mail, context);
    case 'extension':
      return renderExtension(mail, context);
    case 'opening':
      return renderOpening(mail, context);
  }
}

// An extension (`Gia hạn`): the new day, why, and who approved it.
function renderExtension(mail: ExtensionMail, context: MailContentContext): MailContent {
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
