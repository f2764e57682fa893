// Building blocks for the mail tests: the campaign's `Cấu hình`, units, register rows and mail
// log entries, as values for the planner and as sheets for the send job.
import { unitRow } from '../../src/app/initialize-workbook';
import type { CampaignConfig } from '../../src/domain/campaign';
import { DEFAULT_PERIOD_ROWS } from '../../src/domain/defaults';
import {
  CONFIG_COLUMNS,
  CONFIG_KEY,
  PERIOD_COLUMNS,
  SHEET,
  SUBMISSION_COLUMNS,
  UNIT_COLUMNS,
  columnsOf,
} from '../../src/domain/layout';
import type { MailKind } from '../../src/domain/mail';
import type { MailLogEntry, MailLogState, RegisterDetails } from '../../src/domain/mail-plan';
import {
  OUTCOME_LABEL,
  REVIEW_LABEL,
  type ReviewDecision,
  type Submission,
  type SubmissionOutcome,
} from '../../src/domain/submissions';
import type { CellValue, Table } from '../../src/domain/table';
import { parseMoment } from '../../src/domain/time';
import type { Unit } from '../../src/domain/units';
import { makeTable, tableFromRecords } from './tables';

/** A Vietnamese wall-clock moment, `YYYY-MM-DD[THH:mm[:ss]]`. */
export function at(text: string): Date {
  const moment = parseMoment(text);
  if (!moment) throw new Error(`bad moment in test: ${text}`);
  return moment;
}

export const MAIL_CONFIG: CampaignConfig = {
  agencyName: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
  planName: 'thực hiện công tác dân vận của chính quyền năm 2023',
  year: 2023,
  contactName: 'Nguyễn Văn Phụ Trách',
  contactEmail: 'phutrach@pgd.example.edu.vn',
  contactPhone: '028 0000 0000',
  digestEmails: ['tonghop@pgd.example.edu.vn'],
  dailyMailHour: 7,
  mailQuotaReserve: 5,
  identityCheck: 'email_or_code',
  requireSignIn: false,
};

export interface SubmissionFields {
  readonly responseId: string;
  readonly unitCode: string;
  readonly periodId: string;
  readonly submittedAt: Date;
  readonly version?: number;
  readonly outcome?: SubmissionOutcome;
  readonly problems?: readonly string[];
  readonly review?: ReviewDecision;
  readonly reviewNote?: string;
  readonly acceptedAt?: Date | null;
  readonly lastVersionAt?: Date;
  readonly submitterEmail?: string;
  readonly editLink?: string;
  readonly unitName?: string;
  /** `Thay đổi so với lần trước`, one change a line. */
  readonly changes?: readonly string[];
}

export function submissionOf(fields: SubmissionFields): Submission {
  return {
    responseId: fields.responseId,
    periodId: fields.periodId,
    unitCode: fields.unitCode,
    submittedAt: fields.submittedAt,
    acceptedAt: fields.acceptedAt ?? null,
    version: fields.version ?? 1,
    outcome: fields.outcome ?? 'accepted',
    problems: fields.problems ?? [],
    review: fields.review ?? 'pending',
    reviewNote: fields.reviewNote ?? '',
  };
}

export function detailsOf(fields: SubmissionFields): RegisterDetails {
  return {
    responseId: fields.responseId,
    unitName: fields.unitName ?? '',
    submitterEmail: fields.submitterEmail ?? '',
    editLink: fields.editLink ?? `https://docs.google.com/forms/d/e/FORM/viewform?edit2=${fields.responseId}`,
    lastVersionAt: fields.lastVersionAt ?? fields.submittedAt,
    problems: fields.problems ?? [],
    ...(fields.changes ? { changes: fields.changes } : {}),
  };
}

export function logEntry(
  key: string,
  when: Date,
  fields: { unitCode?: string; periodIds?: readonly string[]; kind?: MailKind; state?: MailLogState } = {},
): MailLogEntry {
  return {
    key,
    at: when,
    unitCode: fields.unitCode ?? '',
    periodIds: fields.periodIds ?? [],
    kind: fields.kind ?? null,
    state: fields.state ?? 'sent',
  };
}

// Sheets.

/**
 * MAIL_CONFIG as a department fills it in before real mail goes out: MailApp and SMTP refuse to send
 * while the example contact stands (docs/decisions.md).
 */
export const FILLED_MAIL_CONFIG: CampaignConfig = {
  ...MAIL_CONFIG,
  contactName: 'Lê Thị Thu',
  contactEmail: 'lethithu@pgdthuduc.edu.vn',
  contactPhone: '028 3896 1234',
};

export function configTable(config: CampaignConfig = MAIL_CONFIG): Table {
  const rows: [string, CellValue][] = [
    [CONFIG_KEY.agencyName, config.agencyName],
    [CONFIG_KEY.planName, config.planName],
    [CONFIG_KEY.year, config.year],
    [CONFIG_KEY.contactName, config.contactName],
    [CONFIG_KEY.contactEmail, config.contactEmail],
    [CONFIG_KEY.contactPhone, config.contactPhone],
    [CONFIG_KEY.digestEmails, config.digestEmails.join('; ')],
    [CONFIG_KEY.dailyMailHour, config.dailyMailHour],
    [CONFIG_KEY.mailQuotaReserve, config.mailQuotaReserve],
    [CONFIG_KEY.identityCheck, 'Email hoặc mã xác nhận'],
  ];
  return makeTable(
    SHEET.config,
    columnsOf(CONFIG_COLUMNS),
    rows.map(([key, value]) => [key, value, '']),
  );
}

export function unitsTable(units: readonly Unit[]): Table {
  return tableFromRecords(SHEET.units, columnsOf(UNIT_COLUMNS), units.map(unitRow));
}

export function periodsTable(
  rows: readonly Readonly<Record<string, CellValue>>[] = DEFAULT_PERIOD_ROWS,
): Table {
  return tableFromRecords(SHEET.periods, columnsOf(PERIOD_COLUMNS), rows);
}

export function registerTable(rows: readonly SubmissionFields[]): Table {
  return tableFromRecords(
    SHEET.submissions,
    columnsOf(SUBMISSION_COLUMNS),
    rows.map((row) => {
      const details = detailsOf(row);
      return {
        [SUBMISSION_COLUMNS.responseId]: row.responseId,
        [SUBMISSION_COLUMNS.submittedAt]: row.submittedAt,
        [SUBMISSION_COLUMNS.periodId]: row.periodId,
        [SUBMISSION_COLUMNS.unitCode]: row.unitCode,
        [SUBMISSION_COLUMNS.unitName]: details.unitName,
        [SUBMISSION_COLUMNS.submitterEmail]: details.submitterEmail,
        [SUBMISSION_COLUMNS.version]: row.version ?? 1,
        [SUBMISSION_COLUMNS.outcome]: OUTCOME_LABEL[row.outcome ?? 'accepted'],
        [SUBMISSION_COLUMNS.problems]: (row.problems ?? []).join('\n'),
        [SUBMISSION_COLUMNS.editLink]: details.editLink,
        [SUBMISSION_COLUMNS.acceptedAt]: row.acceptedAt ?? null,
        [SUBMISSION_COLUMNS.lastVersionAt]: details.lastVersionAt,
        [SUBMISSION_COLUMNS.review]: REVIEW_LABEL[row.review ?? 'pending'],
        [SUBMISSION_COLUMNS.reviewNote]: row.reviewNote ?? '',
      };
    }),
  );
}

/** Every input sheet of a campaign with the 2023 periods; the register only when given. */
export function campaignTables(
  units: readonly Unit[],
  register?: readonly SubmissionFields[],
  config: CampaignConfig = MAIL_CONFIG,
): Table[] {
  return [
    configTable(config),
    unitsTable(units),
    periodsTable(),
    ...(register ? [registerTable(register)] : []),
  ];
}
