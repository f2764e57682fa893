// The consolidation job (`Tổng hợp`, `Thống kê`, `Số liệu`): how many SpreadsheetApp calls it costs
// (each is a round trip in Apps Script, so the count must not grow with the number of units) and
// how much CPU it takes for 2,000 units × 3 periods.
//
// Calls are counted on the SpreadsheetApp fake through the real adapter (src/gas/spreadsheet-
// workbook.ts), on a workbook consolidated once already: the daily case, where the derived sheets
// exist and no review note changes. Conditional-format rule builder calls are counted apart: they
// build a value locally and are sent with setConditionalFormatRules.

export const title = 'Consolidation';

const LEVELS = ['Mầm non', 'Tiểu học', 'THCS', 'THPT'];
const OWNERSHIPS = ['Công lập', 'Tư thục'];
const WARD_COUNT = 34;
const CPU_RUNS = 7;

function campaign(unitCount, { at, planAnswers, reportAnswers }) {
  const units = Array.from({ length: unitCount }, (_, index) => ({
    code: `DV${String(index).padStart(4, '0')}`,
    name: `Trường ${LEVELS[index % 4]} số ${(index * 7919) % unitCount}`,
    level: LEVELS[index % 4],
    ownership: OWNERSHIPS[index % 7 === 0 ? 1 : 0],
    ward: `Phường ${(index % WARD_COUNT) + 1}`,
    emails: [`dv${index}@truong.example.edu.vn`],
    head: 'Nguyễn Văn A',
    phone: '0901234567',
    isActive: index % 50 !== 49,
    confirmationCode: '',
    ...(index % 40 === 0 ? { activeFrom: '2023-04-15' } : {}),
    rowNumber: index + 2,
  }));
  const periods = [
    ['KH-2023', 'plan', '2023-03-20', '2023-04-03'],
    ['BC6T-2023', 'report', '2023-04-20', '2023-05-03'],
    ['BCN-2023', 'report', '2023-10-20', '2023-11-03'],
  ];
  const entries = [];
  units.forEach((unit, index) => {
    periods.forEach(([periodId, form, onTime, late], periodIndex) => {
      if ((index + periodIndex) % 10 === 0) return; // overdue
      const submittedAt = at(
        `${(index + periodIndex) % 6 === 0 ? late : onTime}T08:${String(index % 60).padStart(2, '0')}`,
      );
      const rejected = (index + periodIndex) % 17 === 0;
      const answers =
        form === 'plan'
          ? planAnswers(unit.code, index % 4)
          : reportAnswers(unit.code, periodId, {
              propagandaSessions: index % 9,
              propagandaAttendees: (index % 9) * 120,
              dvkActive: index % 5,
              dvkRecognized: index % 3,
              receptionSessions: index % 4,
              petitionsReceived: index % 6,
              petitionsResolved: index % 5,
              dialogues: index % 3,
              staffConference: index % 2 === 0 ? 'Có' : 'Không',
              eDocPercent: 50 + (index % 50),
              commendations: index % 7,
              violations: index % 2,
            });
      entries.push({
        responseId: `R-${periodId}-${unit.code}`,
        submittedAt,
        lastVersionAt: submittedAt,
        periodId,
        unitCode: unit.code,
        unitName: unit.name,
        submitterEmail: unit.emails[0],
        version: 1,
        outcome: rejected ? 'rejected' : 'accepted',
        problems: rejected ? ['Số điện thoại liên hệ: «123» không phải là số điện thoại.'] : [],
        timeliness: null,
        editLink: `https://docs.example.com/forms/d/e/edit?r=${unit.code}`,
        acceptedAt: rejected ? null : submittedAt,
        acceptedAnswers: rejected ? '' : answers,
        systemNote: '',
        reviewText: index % 11 === 0 ? 'Đạt' : index % 13 === 0 ? 'Yêu cầu bổ sung' : '',
        reviewNote: index % 13 === 0 ? 'Thiếu chữ ký của thủ trưởng.' : '',
        extra: {},
      });
    });
  });
  return { units, entries };
}

function cpuMs(work) {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function run(bench) {
  const { consolidate, consolidationWrites, reviewedState } = await bench.importTs('src/app/consolidate.ts');
  const { initialSheets } = await bench.importTs('src/app/initialize-workbook.ts');
  const { readCampaignState } = await bench.importTs('src/app/campaign-state.ts');
  const { registerRows } = await bench.importTs('src/domain/register.ts');
  const { SpreadsheetWorkbook } = await bench.importTs('src/gas/spreadsheet-workbook.ts');
  const { createFakeSpreadsheetApp, asSpreadsheet, asSpreadsheetApp } = await bench.importTs(
    'test/fakes/spreadsheet-app.ts',
  );
  const { ConsolidationWorkbook } = await bench.importTs('test/fakes/consolidation-workbook.ts');
  const fixture = await bench.importTs('test/domain/register-fixture.ts');

  const asOf = fixture.at('2023-11-15T12:00');
  const lock = { withLock: (work) => work() };

  function seed(workbook, unitCount) {
    const { units, entries } = campaign(unitCount, fixture);
    workbook.write(
      initialSheets({ units, responseHeaders: { plan: ['Dấu thời gian'], report: ['Dấu thời gian'] } }),
    );
    const { headers, rows } = registerRows({ entries, extraHeaders: [] });
    workbook.write([{ kind: 'replace', sheet: 'Bài nộp', headers, rows }]);
  }

  function callsFor(unitCount) {
    const world = createFakeSpreadsheetApp();
    const workbook = new SpreadsheetWorkbook(asSpreadsheet(world.spreadsheet), asSpreadsheetApp(world.app));
    seed(workbook, unitCount);
    consolidate(workbook, lock, asOf);
    world.calls.reset();
    const summary = consolidate(workbook, lock, asOf);
    const byMethod = { ...world.calls.byMethod(), total: world.calls.total };
    const builder = Object.entries(byMethod)
      .filter(
        ([method]) =>
          method.startsWith('ConditionalFormatRuleBuilder.') ||
          method === 'SpreadsheetApp.newConditionalFormatRule',
      )
      .reduce((sum, [, count]) => sum + count, 0);
    world.calls.reset();
    readCampaignState(workbook);
    return { total: byMethod.total, builder, sheets: summary.sheets, reads: world.calls.total };
  }

  bench.log('consolidation: counting Spreadsheet calls for 100 and 2,000 units…');
  const small = callsFor(100);
  const large = callsFor(2000);
  if (small.sheets.join() !== large.sheets.join()) throw new Error('the two runs wrote different sheets');

  bench.log('consolidation: measuring CPU for 2,000 units × 3 periods…');
  const memory = new ConsolidationWorkbook();
  seed(memory, 2000);
  const jobMs = [];
  const afterReadMs = [];
  const readMs = [];
  for (let run = 0; run < CPU_RUNS; run += 1) {
    jobMs.push(cpuMs(() => consolidate(memory, lock, asOf)));
    let state;
    readMs.push(cpuMs(() => (state = readCampaignState(memory))));
    afterReadMs.push(cpuMs(() => consolidationWrites(state, reviewedState(state, asOf).board)));
  }

  return [
    { measure: 'Spreadsheet calls, 100 units', value: small.total, unit: 'calls' },
    {
      measure: 'Spreadsheet calls, 2,000 units (issue goal: 15)',
      value: large.total,
      unit: 'calls',
      goal: { below: 16 },
    },
    {
      measure: 'calls that grow with the units (2,000 − 100)',
      value: large.total - small.total,
      unit: 'calls',
      goal: { below: 1 },
    },
    { measure: 'of which reading the 4 state sheets', value: large.reads, unit: 'calls' },
    { measure: 'of which conditional-format rule builders', value: large.builder, unit: 'calls' },
    {
      measure: `CPU, whole job in memory, 2,000 × 3 (median of ${CPU_RUNS})`,
      value: median(jobMs),
      unit: 'ms',
      goal: { below: 300 },
    },
    { measure: 'CPU, reading and parsing the state (campaign-state.ts)', value: median(readMs), unit: 'ms' },
    { measure: 'CPU, after the state is read: reviews + 3 sheets', value: median(afterReadMs), unit: 'ms' },
  ];
}
