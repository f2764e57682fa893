import { consolidate, consolidationWrites, reviewedState } from '../../src/app/consolidate';
import { REGISTER_FORMAT } from '../../src/app/register-sheet';
import { readCampaignState } from '../../src/app/campaign-state';
import { initialSheets } from '../../src/app/initialize-workbook';
import { intakeResponses, type ResponseSource } from '../../src/app/intake-responses';
import { sendMail } from '../../src/app/send-mail';
import { summaryPeriodColumn } from '../../src/domain/consolidation';
import type { IncomingResponse } from '../../src/domain/intake';
import { SHEET, SUBMISSION_COLUMNS, UNIT_COLUMNS } from '../../src/domain/layout';
import { readRegister, registerRows, type RegisterEntry } from '../../src/domain/register';
import type { CellValue, Table } from '../../src/domain/table';
import { FIXTURE_UNITS } from '../fakes/campaign-fixture';
import { ConsolidationWorkbook, CountingLock } from '../fakes/consolidation-workbook';
import { RecordingMailer } from '../fakes/recording-mailer';
import { GOOD_PLAN, GOOD_REPORT } from '../domain/forms/form-fixture';
import { at, planAnswers, registerEntry } from '../domain/register-fixture';

const DERIVED = [SHEET.summary, SHEET.statistics, SHEET.figures] as const;
const DEPARTMENT_COLUMN = 'Người duyệt';

function workbookWith(entries: readonly RegisterEntry[]): ConsolidationWorkbook {
  const workbook = new ConsolidationWorkbook();
  workbook.write(
    initialSheets({
      units: FIXTURE_UNITS,
      responseHeaders: { plan: ['Dấu thời gian'], report: ['Dấu thời gian'] },
    }),
  );
  const { headers, rows } = registerRows({ entries: [...entries], extraHeaders: [DEPARTMENT_COLUMN] });
  workbook.write([{ kind: 'replace', sheet: SHEET.submissions, headers, rows }]);
  workbook.batches.length = 0;
  return workbook;
}

function cell(table: Table, match: Readonly<Record<string, CellValue>>, title: string): CellValue {
  const index = (header: string) => {
    const found = table.headers.indexOf(header);
    if (found < 0) throw new Error(`no column ${header}`);
    return found;
  };
  const rows = table.rows.filter((row) =>
    Object.entries(match).every(([key, value]) => row[index(key)] === value),
  );
  if (rows.length !== 1)
    throw new Error(`${rows.length} rows of ${table.name} match ${JSON.stringify(match)}`);
  return rows[0]?.[index(title)] ?? null;
}

function derivedSheets(workbook: ConsolidationWorkbook) {
  return DERIVED.map((sheet) => ({ sheet, table: workbook.table(sheet), format: workbook.format(sheet) }));
}

const KH = 'KH-2023';
const AS_OF = at('2023-04-20T12:00');

const ENTRIES: readonly RegisterEntry[] = [
  registerEntry({
    responseId: 'R1',
    unitCode: 'MNHM',
    periodId: KH,
    submittedAt: '2023-03-20T08:00',
    acceptedAnswers: planAnswers('MNHM', 2),
  }),
  registerEntry({
    responseId: 'R2',
    unitCode: 'MNHM',
    periodId: KH,
    submittedAt: '2023-03-22T09:05',
    version: 2,
    acceptedAnswers: planAnswers('MNHM', 3),
  }),
  registerEntry({
    responseId: 'R3',
    unitCode: 'THDD',
    periodId: KH,
    submittedAt: '2023-03-24T10:00',
    acceptedAnswers: planAnswers('THDD', 1),
  }),
];

describe('consolidate', () => {
  it('reads once under the lock and writes the three derived sheets in one batch, formatted', () => {
    const workbook = workbookWith(ENTRIES);
    const lock = new CountingLock();
    const summary = consolidate(workbook, lock, AS_OF);
    expect(lock.taken).toBe(1);
    expect(workbook.reads).toBe(1);
    expect(workbook.batches).toHaveLength(1);
    // `Gia hạn` was absent: it is made with its headers in the same batch.
    expect(summary.sheets).toEqual([...DERIVED, SHEET.extensions, SHEET.specialists]);
    expect(workbook.table(SHEET.extensions)).toMatchObject({
      headers: ['Mã đơn vị', 'Mã kỳ', 'Hạn mới', 'Lý do', 'Người duyệt'],
      rows: [],
    });
    const summaryFormat = workbook.format(SHEET.summary);
    expect(summaryFormat).toMatchObject({
      frozenRows: 1,
      frozenColumns: 2,
      filter: true,
      protectedWarningOnly: true,
    });
    expect(summaryFormat?.dateColumns).toEqual([
      'KH-2023 – Ngày nộp',
      'BC6T-2023 – Ngày nộp',
      'BCN-2023 – Ngày nộp',
    ]);
    expect(summaryFormat?.valueColors).toHaveLength(3 * 6);
    expect(workbook.format(SHEET.statistics)).toMatchObject({
      frozenRows: 1,
      protectedWarningOnly: true,
      boldRows: expect.any(Array),
    });
    expect(workbook.format(SHEET.figures)).toMatchObject({
      frozenRows: 1,
      filter: true,
      protectedWarningOnly: true,
      boldRows: expect.any(Array),
    });
    // Active units only: MNCU is inactive.
    expect(workbook.table(SHEET.summary).rows.map((row) => row[0])).toEqual(['MNHM', 'THDD', 'THCSLQD']);
  });

  it('writes each format column that exists in its sheet', () => {
    const workbook = workbookWith(ENTRIES);
    const state = readCampaignState(workbook);
    for (const write of consolidationWrites(state, reviewedState(state, AS_OF).board)) {
      if (write.kind !== 'replace') throw new Error('derived sheets are replaced');
      const columns = [
        ...(write.format?.dateColumns ?? []),
        ...(write.format?.valueColors ?? []).map((rule) => rule.column),
      ];
      for (const column of columns) expect(write.headers).toContain(column);
      for (const row of write.rows) expect(row).toHaveLength(write.headers.length);
      for (const index of write.format?.boldRows ?? []) expect(index).toBeLessThan(write.rows.length);
    }
  });

  it('returns the unit for correction when `Yêu cầu bổ sung` is set on its current response', () => {
    const returned = ENTRIES.map((entry) =>
      entry.responseId === 'R2'
        ? { ...entry, reviewText: 'Yêu cầu bổ sung', reviewNote: 'Thiếu chữ ký.' }
        : entry,
    );
    const workbook = workbookWith(returned);
    const summary = consolidate(workbook, new CountingLock(), AS_OF);
    expect(summary.judgements).toEqual([
      expect.objectContaining({ responseId: 'R2', decision: 'returned', applies: true }),
    ]);
    const table = workbook.table(SHEET.summary);
    expect(cell(table, { [UNIT_COLUMNS.code]: 'MNHM' }, summaryPeriodColumn(KH, 'status'))).toBe(
      'Cần bổ sung',
    );
    // Returned: counted as not yet submitted, so the row shows no timeliness, as the totals do (the
    // board keeps `on_time` for when the correction is accepted: a return does not make it late).
    expect(cell(table, { [UNIT_COLUMNS.code]: 'MNHM' }, summaryPeriodColumn(KH, 'timeliness'))).toBe('');
    // Nothing to note: the register is not rewritten.
    expect(summary.sheets).not.toContain(SHEET.submissions);
  });

  it('approves with `Đạt` on the current response', () => {
    const approved = ENTRIES.map((entry) =>
      entry.responseId === 'R3' ? { ...entry, reviewText: 'Đạt' } : entry,
    );
    const workbook = workbookWith(approved);
    consolidate(workbook, new CountingLock(), AS_OF);
    expect(
      cell(workbook.table(SHEET.summary), { [UNIT_COLUMNS.code]: 'THDD' }, summaryPeriodColumn(KH, 'status')),
    ).toBe('Đã duyệt');
  });

  it('sends no return for a review it refuses, and one for the same decision on the current response', () => {
    const onReplaced = ENTRIES.map((entry) =>
      entry.responseId === 'R1'
        ? { ...entry, reviewText: 'Yêu cầu bổ sung', reviewNote: 'Sai số liệu.' }
        : entry,
    );
    const mailer = new RecordingMailer();
    const refused = workbookWith(onReplaced);
    const kinds = sendMail({ workbook: refused, mailer, lock: new CountingLock() }, { asOf: AS_OF }).mail.map(
      (mail) => `${mail.kind} ${mail.unit ?? ''}`,
    );
    expect(kinds).not.toContain('returned MNHM');
    const onCurrent = ENTRIES.map((entry) =>
      entry.responseId === 'R2'
        ? { ...entry, reviewText: 'Yêu cầu bổ sung', reviewNote: 'Sai số liệu.' }
        : entry,
    );
    const applied = workbookWith(onCurrent);
    const sent = sendMail({ workbook: applied, mailer, lock: new CountingLock() }, { asOf: AS_OF }).mail;
    expect(sent.filter((mail) => mail.kind === 'returned').map((mail) => mail.unit)).toEqual(['MNHM']);
  });

  it('refuses a review of a replaced response with a note in its row, keeping every department column', () => {
    const refused = ENTRIES.map((entry) =>
      entry.responseId === 'R1'
        ? {
            ...entry,
            reviewText: 'Yêu cầu bổ sung',
            reviewNote: 'Sai số liệu.',
            extra: { [DEPARTMENT_COLUMN]: 'Cô Lan' },
          }
        : entry,
    );
    const workbook = workbookWith(refused);
    const before = workbook.table(SHEET.submissions);
    const summary = consolidate(workbook, new CountingLock(), AS_OF);
    expect(summary.sheets).toEqual([
      SHEET.submissions,
      ...DERIVED,
      SHEET.extensions,
      SHEET.specialists,
      SHEET.eventLog,
    ]);
    expect(workbook.format(SHEET.submissions)).toEqual(REGISTER_FORMAT);
    const after = workbook.table(SHEET.submissions);
    expect(after.headers).toEqual(before.headers);
    const noteColumn = after.headers.indexOf(SUBMISSION_COLUMNS.systemNote);
    expect(after.rows[0]?.[noteColumn]).toBe(
      'Đánh giá không áp dụng: bài nộp hiện hành của đơn vị MNHM cho kỳ KH-2023 là bài có mã phản hồi ' +
        '«R2» (lần nộp 2, nộp lúc 22/03/2023 09:05); hãy đánh giá ở dòng của bài đó.',
    );
    // Every other cell is as it was, the department's above all.
    const withoutNote = (table: Table) =>
      table.rows.map((row) => row.filter((_, index) => index !== noteColumn));
    expect(withoutNote(after)).toEqual(withoutNote(before));
    const entry = readRegister(after).entries[0];
    expect(entry).toMatchObject({
      reviewText: 'Yêu cầu bổ sung',
      reviewNote: 'Sai số liệu.',
      extra: { [DEPARTMENT_COLUMN]: 'Cô Lan' },
    });
    // The refused return changes nothing: the unit's current response stands.
    expect(
      cell(workbook.table(SHEET.summary), { [UNIT_COLUMNS.code]: 'MNHM' }, summaryPeriodColumn(KH, 'status')),
    ).toBe('Đã nộp');
  });

  it('notes an unknown `Đánh giá` with the three valid labels', () => {
    const typo = ENTRIES.map((entry) =>
      entry.responseId === 'R3' ? { ...entry, reviewText: 'Duyệt' } : entry,
    );
    const workbook = workbookWith(typo);
    consolidate(workbook, new CountingLock(), AS_OF);
    const register = readRegister(workbook.table(SHEET.submissions));
    expect(register.entries.find((entry) => entry.responseId === 'R3')?.systemNote).toBe(
      'Đánh giá không hợp lệ: «Duyệt»; chọn «Chờ duyệt», «Đạt» hoặc «Yêu cầu bổ sung».',
    );
    expect(
      cell(workbook.table(SHEET.summary), { [UNIT_COLUMNS.code]: 'THDD' }, summaryPeriodColumn(KH, 'status')),
    ).toBe('Đã nộp');
  });

  it('is idempotent: a second run writes identical sheets and leaves the register alone', () => {
    const refused = ENTRIES.map((entry) =>
      entry.responseId === 'R1' ? { ...entry, reviewText: 'Đạt' } : entry,
    );
    const workbook = workbookWith(refused);
    consolidate(workbook, new CountingLock(), AS_OF);
    const first = derivedSheets(workbook);
    const register = workbook.table(SHEET.submissions);
    const second = consolidate(workbook, new CountingLock(), AS_OF);
    expect(second.sheets).toEqual([...DERIVED]);
    expect(derivedSheets(workbook)).toEqual(first);
    expect(workbook.table(SHEET.submissions)).toEqual(register);
    const [firstBatch, secondBatch] = workbook.batches;
    // `Gia hạn`, made by the first run, is not made again; the decision is recorded once.
    expect(secondBatch).toEqual(
      firstBatch?.filter(
        (write) =>
          write.sheet !== SHEET.submissions &&
          write.sheet !== SHEET.extensions &&
          write.sheet !== SHEET.specialists &&
          write.sheet !== SHEET.eventLog,
      ),
    );
  });

  it('does not depend on the order of the register rows', () => {
    const inOrder = workbookWith(ENTRIES);
    const reversed = workbookWith([...ENTRIES].reverse());
    consolidate(inOrder, new CountingLock(), AS_OF);
    consolidate(reversed, new CountingLock(), AS_OF);
    expect(derivedSheets(reversed)).toEqual(derivedSheets(inOrder));
  });
});

describe('a rebuild gives the same derived sheets as a run after each submission', () => {
  const email = (code: string) => `${code.toLowerCase()}@truong.example.edu.vn`;
  const incoming = (
    responseId: string,
    form: 'plan' | 'report',
    timestamp: string,
    unitCode: string,
    changes: Readonly<Record<string, string>>,
  ): IncomingResponse => {
    const unit = FIXTURE_UNITS.find((candidate) => candidate.code === unitCode);
    if (!unit) throw new Error(`no unit ${unitCode}`);
    return {
      responseId,
      form,
      timestamp: at(timestamp),
      respondentEmail: email(unitCode),
      response: {
        answers: {
          ...(form === 'plan' ? GOOD_PLAN : GOOD_REPORT),
          unit: `${unit.code} - ${unit.name}`,
          code: '',
          ...changes,
        },
        missingColumns: [],
      },
      editLink: `https://docs.example.com/forms/d/e/edit?r=${responseId}`,
    };
  };
  // In time order: an edit of P2 (rejected, then fixed), a late plan, two reports from one unit.
  const RESPONSES: readonly IncomingResponse[] = [
    incoming('P1', 'plan', '2023-03-26T08:00', 'MNHM', {}),
    incoming('P2', 'plan', '2023-03-27T08:00', 'THDD', { phone: '123' }),
    incoming('P2', 'plan', '2023-03-28T08:00', 'THDD', {
      dvkCount: '1',
      dvkNames: 'Mô hình “Sân trường xanh”',
    }),
    incoming('P3', 'plan', '2023-04-02T08:00', 'THCSLQD', { dvkCount: '0', dvkNames: '' }),
    incoming('B1', 'report', '2023-04-25T08:00', 'THDD', {}),
    incoming('B2', 'report', '2023-04-26T08:00', 'MNHM', { propagandaSessions: '7' }),
    incoming('B3', 'report', '2023-04-28T08:00', 'MNHM', {
      propagandaSessions: '9',
      staffConference: 'Không',
    }),
  ];
  const FINAL = at('2023-05-10T12:00');
  const sourceOf = (responses: readonly IncomingResponse[]): ResponseSource => ({
    sheets: [],
    read: () => ({ responses: [...responses], problems: [] }),
  });

  function run(
    workbook: ConsolidationWorkbook,
    responses: readonly IncomingResponse[],
    asOf: Date,
    rebuild = false,
  ): void {
    const ports = { workbook, lock: new CountingLock(), now: () => asOf };
    intakeResponses(ports, sourceOf(responses), {
      asOf,
      rebuild,
      alsoWrite: (state) => consolidationWrites(state, reviewedState(state, asOf).board),
    });
    consolidate(workbook, ports.lock, asOf);
  }

  it('matches cell for cell, reviews included', () => {
    const stepByStep = workbookWith([]);
    RESPONSES.forEach((response, index) => {
      run(stepByStep, RESPONSES.slice(0, index + 1), response.timestamp);
      if (response.responseId === 'P3') {
        // The department returns THCSLQD's plan between two submissions.
        const table = stepByStep.table(SHEET.submissions);
        const review = table.headers.indexOf(SUBMISSION_COLUMNS.review);
        const id = table.headers.indexOf(SUBMISSION_COLUMNS.responseId);
        const rows = table.rows.map((row) =>
          row[id] === 'P3'
            ? row.map((value, column) => (column === review ? 'Yêu cầu bổ sung' : value))
            : row,
        );
        stepByStep.write([{ kind: 'replace', sheet: SHEET.submissions, headers: table.headers, rows }]);
      }
    });
    run(stepByStep, RESPONSES, FINAL);

    // The same workbook rebuilt from its responses (the register keeps the department's reviews).
    const rebuilt = workbookWith([]);
    rebuilt.write([
      {
        kind: 'replace',
        sheet: SHEET.submissions,
        headers: stepByStep.table(SHEET.submissions).headers,
        rows: stepByStep.table(SHEET.submissions).rows,
      },
    ]);
    run(rebuilt, RESPONSES, FINAL, true);

    expect(derivedSheets(rebuilt)).toEqual(derivedSheets(stepByStep));
    const summary = stepByStep.table(SHEET.summary);
    expect(cell(summary, { [UNIT_COLUMNS.code]: 'THCSLQD' }, summaryPeriodColumn(KH, 'status'))).toBe(
      'Cần bổ sung',
    );
    expect(cell(summary, { [UNIT_COLUMNS.code]: 'THCSLQD' }, summaryPeriodColumn(KH, 'timeliness'))).toBe('');
    expect(cell(summary, { [UNIT_COLUMNS.code]: 'THDD' }, summaryPeriodColumn(KH, 'status'))).toBe('Đã nộp');
    const figures = stepByStep.table(SHEET.figures);
    expect(cell(figures, { 'Mã kỳ': 'BC6T-2023', Dòng: 'Tổng cộng' }, 'Buổi tuyên truyền, quán triệt')).toBe(
      9 + 4,
    );

    // And without reviews, from an empty register, everything at once.
    const fresh = workbookWith([]);
    run(fresh, RESPONSES, FINAL);
    const noReviews = workbookWith([]);
    RESPONSES.forEach((response, index) => run(noReviews, RESPONSES.slice(0, index + 1), response.timestamp));
    run(noReviews, RESPONSES, FINAL);
    expect(derivedSheets(fresh)).toEqual(derivedSheets(noReviews));
  });
});
