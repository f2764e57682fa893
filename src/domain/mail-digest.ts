// The daily digest to the department: rates per open period and the table of late units.
import {
  paragraph,
  renderBlocks,
  type Block,
  type MailContent,
  type MailContentContext,
} from './mail-document';
import type { DigestMail } from './mail-plan';
import { deadlineLine } from './mail-wording';
import { untoldLine, UNTOLD_AFTER_DAYS, type UntoldUnit } from './mail-untold';
import type { Specialist } from './specialists';
import { STATUS_LABEL } from './status';
import { daysBetween, formatVietnameseDate, formatVietnameseDateTime, vietnamDateOf } from './time';

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1).replace('.', ',')}%`;
}

/** «Mầm non», «THCS, Tư thục»…: what a specialist follows. */
function scopeText(specialist: Specialist): string {
  return specialist.scopes
    .map((scope) => [scope.level, scope.ownership].filter(Boolean).join(' – '))
    .join(', ');
}

export function renderDigest(mail: DigestMail, context: MailContentContext): MailContent {
  const { config, asOf } = context;
  const today = vietnamDateOf(asOf);
  const lateCodes = new Set(
    mail.sections.flatMap((section) => section.lateUnits.map((late) => late.unit.code)),
  );
  const { specialist } = mail;
  const subject = `Tổng hợp tình hình nộp ngày ${formatVietnameseDate(mail.day)}${
    specialist ? ` (${scopeText(specialist)})` : ''
  }: ${lateCodes.size > 0 ? `${lateCodes.size} đơn vị chưa nộp đúng yêu cầu` : 'không có đơn vị quá hạn'}`;
  const blocks: Block[] = [
    paragraph([specialist ? `Kính gửi ${specialist.name},` : `Kính gửi Lãnh đạo ${config.agencyName},`]),
    paragraph([
      `Tình hình nộp theo Kế hoạch ${config.planName}${
        specialist ? ` của các đơn vị ${scopeText(specialist)} do anh/chị phụ trách` : ''
      }, tính đến ${formatVietnameseDateTime(asOf)}:`,
    ]),
  ];
  const escalatedCount = mail.sections.reduce(
    (count, section) => count + section.lateUnits.filter((late) => late.escalated).length,
    0,
  );
  if (escalatedCount > 0)
    blocks.push(
      paragraph([
        { strong: `Cần báo cấp trên: ${escalatedCount} đơn vị` },
        ` quá hạn hơn ${mail.escalateAfterDays ?? 0} ngày (tô đỏ trong bảng, đánh dấu (!) ở bản chữ).`,
      ]),
    );
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
      alertRows: lateUnits.flatMap((late, index) => (late.escalated ? [index] : [])),
      rows: lateUnits.map(({ unit, status }) => [
        unit.code,
        unit.name,
        STATUS_LABEL[status.status],
        // Counted from the unit's own last day: an extension (`Gia hạn`) moves it.
        String(Math.max(0, daysBetween(vietnamDateOf(status.dueAt), today))),
        unit.head,
        unit.phone,
        unit.emails.join(', '),
      ]),
    });
  }
  blocks.push(...untoldBlocks(mail.untold ?? []));
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

/** Units whose notice could not go out for more than a day: named, so none is skipped silently. */
function untoldBlocks(untold: readonly UntoldUnit[]): Block[] {
  if (untold.length === 0) return [];
  return [
    { kind: 'heading', text: 'Đơn vị chưa nhận được thư báo' },
    paragraph([
      `Thư báo cho ${untold.length} đơn vị đã chờ gửi quá ${UNTOLD_AFTER_DAYS} ngày (hết hạn mức gửi thư trong ngày hoặc gửi lỗi); hệ thống tiếp tục gửi các thư này trước các thư khác khi còn hạn mức. Đề nghị liên hệ trực tiếp các đơn vị:`,
    ]),
    { kind: 'list', items: untold.map((unit) => [untoldLine(unit)]) },
  ];
}
