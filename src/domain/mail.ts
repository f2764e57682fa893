// Every e-mail hannop sends is a mail item with an idempotency key: the key is written to
// `Nhật ký thư` and a message whose key is there as sent is never sent again.

export type MailKind =
  | 'reminder'
  | 'overdue'
  | 'needs_fix'
  | 'receipt'
  | 'returned'
  | 'digest'
  // A later due day granted in `Gia hạn`: once per unit and period.
  | 'extension'
  // When a period opens: each expected unit's link and code, once.
  | 'opening';
export const MAIL_KIND_LABEL: Record<MailKind, string> = {
  reminder: 'Nhắc hạn',
  overdue: 'Quá hạn',
  needs_fix: 'Cần bổ sung',
  receipt: 'Xác nhận đã nhận',
  returned: 'Yêu cầu bổ sung',
  digest: 'Tổng hợp',
  extension: 'Gia hạn',
  opening: 'Mở nhận',
};

export type MailResult = 'sent' | 'queued' | 'failed';
export const MAIL_RESULT_LABEL: Record<MailResult, string> = {
  sent: 'Đã gửi',
  queued: 'Chờ gửi',
  failed: 'Lỗi',
};
