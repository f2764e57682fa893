import { allListedRegistered, failureLoggedSince, registeredVersionsSince } from '../../src/domain/catch-up';

const periods = [
  { id: 'KH-2023', form: 'plan' as const },
  { id: 'BC6T-2023', form: 'report' as const },
  { id: 'BCN-2023', form: 'report' as const },
];
const since = new Date(Date.UTC(2023, 2, 27, 0, 0, 0));
const entry = (periodId: string, ms: number) => ({
  periodId,
  lastVersionAt: new Date(since.getTime() + ms),
});

describe('registeredVersionsSince', () => {
  it('counts the versions of the form stamped after the moment, and no other', () => {
    const entries = [
      entry('KH-2023', 0),
      entry('KH-2023', 1),
      entry('KH-2023', -1),
      entry('BC6T-2023', 5),
      entry('BCN-2023', 7),
      entry('', 9),
      entry('KH-2022', 9),
    ];
    expect(registeredVersionsSince(entries, periods, 'plan', since)).toBe(1);
    expect(registeredVersionsSince(entries, periods, 'report', since)).toBe(2);
  });

  it('leaves out a version stamped at the very moment: Forms may not list it', () => {
    // Form.getResponses(since) lists the responses "after" it; one at the moment itself, counted,
    // would balance a response whose trigger failed, and the run would read neither.
    expect(registeredVersionsSince([entry('KH-2023', 0)], periods, 'plan', since)).toBe(0);
    // Forms lists the version at 3 ms and a response whose trigger failed: two, not yet registered both.
    const registered = [entry('KH-2023', 0), entry('KH-2023', 3)];
    expect(allListedRegistered(2, registered, periods, 'plan', since)).toBe(false);
  });

  it('counts none when the periods did not read', () => {
    expect(registeredVersionsSince([entry('KH-2023', 5)], [], 'plan', since)).toBe(0);
  });
});

describe('allListedRegistered', () => {
  const entries = [entry('KH-2023', 10), entry('KH-2023', 20)];
  it('is true only when Forms lists exactly as many', () => {
    expect(allListedRegistered(2, entries, periods, 'plan', since)).toBe(true);
    // A response whose trigger failed: Forms lists one more.
    expect(allListedRegistered(3, entries, periods, 'plan', since)).toBe(false);
    // A response deleted in Forms: the register holds one more.
    expect(allListedRegistered(1, entries, periods, 'plan', since)).toBe(false);
    expect(allListedRegistered(0, [], periods, 'plan', since)).toBe(true);
  });
});

describe('failureLoggedSince', () => {
  const headers = ['Thời điểm', 'Mức', 'Việc', 'Nội dung'];
  const log = (...rows: [Date | string | null, string, string][]) => ({
    name: 'Nhật ký',
    headers,
    rows: rows.map(([at, level, job]) => [at, level, job, 'Phản hồi 2_ABC: Lock timeout']),
  });
  const after = new Date(since.getTime() + 1);
  const JOB = 'Nhận bài nộp';

  it('finds a failure of the job logged after the moment, as a date cell or as text', () => {
    expect(failureLoggedSince(log([after, 'Lỗi', JOB]), JOB, since)).toBe(true);
    // 07:00:01 in Vietnam on 27/03/2023 is a second after 00:00 UTC that day.
    expect(failureLoggedSince(log(['2023-03-27T07:00:01', 'Lỗi', JOB]), JOB, since)).toBe(true);
  });

  it('ignores a failure at or before the moment, of another job, a warning, or a row without a time', () => {
    expect(failureLoggedSince(log([since, 'Lỗi', JOB]), JOB, since)).toBe(false);
    expect(failureLoggedSince(log([new Date(since.getTime() - 1), 'Lỗi', JOB]), JOB, since)).toBe(false);
    expect(failureLoggedSince(log([after, 'Lỗi', 'Chạy hằng ngày']), JOB, since)).toBe(false);
    expect(failureLoggedSince(log([after, 'Cảnh báo', JOB]), JOB, since)).toBe(false);
    expect(failureLoggedSince(log([null, 'Lỗi', JOB], ['không rõ', 'Lỗi', JOB]), JOB, since)).toBe(false);
  });

  it('says nothing of a Nhật ký missing or without its columns', () => {
    expect(failureLoggedSince(undefined, JOB, since)).toBe(false);
    expect(
      failureLoggedSince(
        { name: 'Nhật ký', headers: ['Thời điểm', 'Nội dung'], rows: [[after, 'x']] },
        JOB,
        since,
      ),
    ).toBe(false);
  });
});
