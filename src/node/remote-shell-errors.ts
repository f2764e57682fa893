// What can stop the remote shell (a server reaching the Google Sheet through the Sheets API) that
// the person running it can fix: the key file, the sharing of the sheet, its id, its time zone,
// Google's rate limit. Each message says what is wrong and what to do; the command exits 1.

/** The base of the errors below, so the command line can tell them from a bug. */
export class RemoteShellError extends Error {
  override readonly name: string = 'RemoteShellError';
}

/** The key or token file is missing, unreadable, not JSON, or not a kind we can use. */
export class CredentialsFileError extends RemoteShellError {
  override readonly name = 'CredentialsFileError';
  constructor(filePath: string, detail: string) {
    super(`Tệp khóa «${filePath}»: ${detail}`);
  }
}

/** The account cannot open the spreadsheet: not shared with it (403), a wrong id (404), a refused key (401). */
export class SpreadsheetAccessError extends RemoteShellError {
  override readonly name = 'SpreadsheetAccessError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Google kept answering 429 (too many requests) after every retry. */
export class SheetsRateLimitError extends RemoteShellError {
  override readonly name = 'SheetsRateLimitError';
  constructor(attempts: number, waitedMs: number) {
    super(
      `Google Sheets API từ chối vì quá nhiều yêu cầu (429), kể cả sau ${attempts} lần thử trong ` +
        `${Math.round(waitedMs / 1000)} giây: hãy chạy lại sau vài phút, hoặc xem hạn mức của dự án ` +
        'trong Google Cloud Console (APIs & Services → Google Sheets API → Quotas).',
    );
  }
}

/** The spreadsheet's clock is not Vietnam's: its dates would be read hours off. */
export class SpreadsheetTimeZoneError extends RemoteShellError {
  override readonly name = 'SpreadsheetTimeZoneError';
  constructor(timeZone: string) {
    super(
      `Bảng tính dùng múi giờ «${timeZone}», không phải giờ Việt Nam (GMT+07:00): ngày giờ trong các trang ` +
        'sẽ bị đọc lệch. Hãy mở bảng tính, chọn Tệp → Cài đặt → Múi giờ «(GMT+07:00) Hồ Chí Minh» rồi chạy lại.',
    );
  }
}

/** Google's token endpoint refused the key or the refresh token (invalid_grant, unauthorized_client…). */
export class GoogleSignInError extends RemoteShellError {
  override readonly name = 'GoogleSignInError';
}
