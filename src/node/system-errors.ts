// Failures of the machine or the network that the person running hannop can fix: a full disk, no
// network, a mail or Google server that cannot be reached, a file it may not write. Each becomes
// a Vietnamese sentence and exit 1; only what is left is a bug (exit 2 and a stack trace).

const BY_CODE: Readonly<Record<string, string>> = {
  ENOSPC: 'Ổ đĩa đã đầy: hãy giải phóng dung lượng rồi chạy lại (thư đã gửi được ghi lại, sẽ không gửi lại).',
  EDQUOT: 'Đã hết hạn mức dung lượng của người dùng trên ổ đĩa: hãy giải phóng dung lượng rồi chạy lại.',
  EROFS: 'Ổ đĩa chỉ cho đọc, không ghi được: hãy chọn thư mục khác hoặc sửa quyền rồi chạy lại.',
  EACCES: 'Không có quyền ghi hoặc đọc tệp: hãy kiểm tra quyền của tệp và thư mục rồi chạy lại.',
  EPERM: 'Không có quyền ghi hoặc đọc tệp: hãy kiểm tra quyền của tệp và thư mục rồi chạy lại.',
  ENOTFOUND:
    'Không tìm thấy máy chủ (không có mạng hoặc sai địa chỉ): hãy kiểm tra kết nối mạng và địa chỉ rồi chạy lại.',
  EAI_AGAIN: 'Không tra được tên máy chủ (mạng chập chờn): hãy kiểm tra kết nối mạng rồi chạy lại.',
  ECONNREFUSED: 'Máy chủ từ chối kết nối: hãy kiểm tra địa chỉ, cổng và máy chủ rồi chạy lại.',
  ECONNRESET: 'Kết nối mạng bị ngắt giữa chừng: hãy chạy lại sau ít phút.',
  ETIMEDOUT: 'Máy chủ không trả lời kịp (mạng chậm hoặc bị chặn): hãy kiểm tra kết nối mạng rồi chạy lại.',
  ENETUNREACH: 'Không có đường mạng tới máy chủ: hãy kiểm tra kết nối mạng rồi chạy lại.',
};

function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code in BY_CODE) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function statusOf(error: unknown): number | undefined {
  const status =
    (error as { status?: unknown } | null)?.status ??
    (error as { response?: { status?: unknown } } | null)?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The Vietnamese sentence for a failure the user can fix, or null when it is a bug. */
export function systemErrorMessage(error: unknown): string | null {
  const code = codeOf(error);
  if (code) return BY_CODE[code] as string;
  const status = statusOf(error);
  if (status === 403 || status === 404) {
    return `Google từ chối yêu cầu (${status}): hãy kiểm tra bảng tính đã được chia sẻ với tài khoản dịch vụ và mã bảng tính đúng.`;
  }
  if (status !== undefined && status >= 500) {
    return `Máy chủ Google đang lỗi (${status}), kể cả sau nhiều lần thử: hãy chạy lại sau ít phút.`;
  }
  return null;
}
