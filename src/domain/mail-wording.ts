// Wording every mail shares: the deadline line, the greeting, the closing with the contact, the
// unit's own form link.
import { describeDeadline, FORM_KIND_LABEL, type CampaignConfig, type Period } from './campaign';
import { paragraph, type Block, type Line, type MailContentContext } from './mail-document';
import { daysBetween, type IsoDate } from './time';
import type { Unit } from './units';

export function deadlineLine(period: Period): Line {
  const { dueMoment, asWritten } = describeDeadline(period);
  return [`Hạn nộp: ${dueMoment} (kế hoạch ghi “${asWritten}”).`];
}

export function contactParts(config: CampaignConfig): string[] {
  return [
    config.contactName,
    config.contactEmail ? `email ${config.contactEmail}` : '',
    config.contactPhone ? `điện thoại ${config.contactPhone}` : '',
  ].filter(Boolean);
}

export function closing(config: CampaignConfig): Block[] {
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

export function greeting(unitName: string): Block {
  return paragraph([unitName ? `Kính gửi Thủ trưởng ${unitName},` : 'Kính gửi Thủ trưởng đơn vị,']);
}

export function formLinkLine(unit: Unit | null, period: Period, context: MailContentContext): Line {
  const link = unit ? context.prefilledLink(unit, period) : null;
  if (link) return ['Đường dẫn nộp riêng của đơn vị (đã điền sẵn tên đơn vị): ', { link }];
  return [
    `Đơn vị nộp qua đường dẫn biểu mẫu «${FORM_KIND_LABEL[period.form]}» mà ${context.config.agencyName} đã gửi đơn vị.`,
  ];
}

export function withUnit(text: string, unitName: string): string {
  return unitName ? `${text} – ${unitName}` : text;
}

export function lateDays(period: Period, day: IsoDate): number {
  return daysBetween(period.lastDueDate, day);
}
