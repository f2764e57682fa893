// The status engine on a large campaign: 2,000 units × 3 periods × 4 submissions each, the work
// every job repeats (a trigger run has 6 minutes, and a menu click should answer at once).

export const title = 'Status computation';

export async function run(bench) {
  const { computeStatusBoard, computeGroupRates } = await bench.importTs('src/domain/status.ts');
  const { buildStatusReport } = await bench.importTs('src/domain/status-report.ts');
  const { makePeriod } = await bench.importTs('src/domain/campaign.ts');
  const { vietnamInstant } = await bench.importTs('src/domain/time.ts');

  const periods = [
    ['KH-2023', 'plan', '2023-03-14', '2023-03-31'],
    ['BC6T-2023', 'report', '2023-04-01', '2023-05-01'],
    ['BCN-2023', 'report', '2023-10-01', '2023-11-01'],
  ].map(([id, form, opensOn, writtenDueDate]) =>
    makePeriod({
      id,
      name: id,
      form,
      opensOn,
      writtenDueDate,
      deadlineRule: 'before',
      graceDays: 0,
      remindBeforeDays: [7, 3, 1],
      remindAfterDays: [1, 3, 7, 14],
    }),
  );
  const levels = ['Mầm non', 'Tiểu học', 'THCS'];
  const units = Array.from({ length: 2000 }, (_, index) => ({
    code: `U${String(index).padStart(4, '0')}`,
    name: `Trường ${levels[index % 3]} số ${index}`,
    level: levels[index % 3],
    ownership: index % 5 === 0 ? 'Tư thục' : 'Công lập',
    ward: `Phường ${index % 34}`,
    emails: [`u${index}@example.edu.vn`],
    head: '',
    phone: '',
    isActive: index % 50 !== 0,
    confirmationCode: '',
    rowNumber: index + 2,
  }));
  const outcomes = ['rejected', 'accepted', 'accepted', 'held'];
  const submissions = [];
  for (const unit of units) {
    for (const period of periods) {
      for (let version = 1; version <= 4; version += 1) {
        submissions.push({
          responseId: `${unit.code}-${period.id}-${version}`,
          periodId: period.id,
          unitCode: unit.code,
          submittedAt: new Date(period.dueAt.getTime() + (version - 3) * 86400000),
          version,
          outcome: outcomes[(version + unit.rowNumber) % 4],
          problems: [],
          review: version === 4 && unit.rowNumber % 7 === 0 ? 'returned' : 'pending',
          reviewNote: '',
        });
      }
    }
  }
  const asOf = vietnamInstant('2023-11-20', 8);
  const computeMs = await bench.medianMs(() => {
    const board = computeStatusBoard(units, periods, submissions, asOf);
    computeGroupRates(board);
  }, 7);
  const reportMs = await bench.medianMs(
    () => buildStatusReport(computeStatusBoard(units, periods, submissions, asOf)),
    5,
  );
  return [
    {
      measure: 'status board + group rates, 2,000 units × 3 periods × 4 submissions',
      value: computeMs,
      unit: 'ms',
      goal: { below: 200 },
    },
    { measure: 'full status JSON (board, rates, units)', value: reportMs, unit: 'ms' },
  ];
}
