import type { ResponseSource } from '../../src/app/intake-responses';
import { receiveSubmission, SubmissionNotRegisteredError } from '../../src/app/receive-submission';
import type { FormKind } from '../../src/domain/campaign';
import type { IncomingResponse } from '../../src/domain/intake';
import { EVENT_LOG_COLUMNS, SHEET } from '../../src/domain/layout';
import { cellText } from '../../src/domain/table';
import { FIXTURE_UNITS } from '../fakes/campaign-fixture';
import { at, campaignTables } from '../fakes/mail-fixture';
import { MemoryLock } from '../fakes/memory-lock';
import { MemoryWorkbook } from '../fakes/memory-workbook';
import { RecordingMailer } from '../fakes/recording-mailer';

function sourceOf(response: IncomingResponse): ResponseSource {
  return { sheets: [], read: () => ({ responses: [response], problems: [] }) };
}

describe('receiveSubmission', () => {
  it('fails when its response could not be registered, after logging why with the response id', () => {
    const workbook = new MemoryWorkbook(campaignTables(FIXTURE_UNITS));
    const mailer = new RecordingMailer();
    // A form the intake does not know: registering it throws inside the intake, which logs it.
    const response: IncomingResponse = {
      responseId: 'R-LA',
      form: 'khảo sát' as FormKind,
      timestamp: at('2023-03-28T09:30'),
      respondentEmail: 'mnhm@truong.example.edu.vn',
      response: { answers: { unit: 'MNHM - Mầm non Hoa Mai' }, missingColumns: [] },
      editLink: '',
    };
    const ports = { workbook, lock: new MemoryLock(), mailer, now: () => at('2023-03-28T09:31') };
    expect(() =>
      receiveSubmission(ports, sourceOf(response), 'R-LA', { asOf: at('2023-03-28T09:31') }),
    ).toThrow(SubmissionNotRegisteredError);
    const log = workbook.table(SHEET.eventLog);
    const messages = log?.rows.map((row) =>
      cellText(row[log.headers.indexOf(EVENT_LOG_COLUMNS.message)] ?? null),
    );
    expect(messages).toHaveLength(1);
    expect(messages?.[0]).toMatch(/^Phản hồi R-LA: /);
    expect(workbook.writes).toHaveLength(1);
    expect(mailer.sent).toEqual([]);
  });
});
