// One rule for a report returned for correction: it counts as not yet submitted. The unit's row,
// the totals (`Tổng hợp`, `Thống kê`), `hannop status --json` (the dashboard's data) agree: no
// "Đúng hạn" on the row while the totals count it out of "đúng hạn".
import { statisticsTable, summaryPeriodColumn, summaryTable } from '../../src/domain/consolidation';
import { computeGroupRates, computeStatusBoard, statusOf } from '../../src/domain/status';
import { buildStatusReport } from '../../src/domain/status-report';
import { FIXTURE_UNITS, periods2023 } from '../fakes/campaign-fixture';
import { at, submission } from './dashboard-fixture';

function board(review: 'returned' | 'approved') {
  const submissions = [
    submission('R1', 'MNHM', 'KH-2023', '2023-03-20T09:00', { review, acceptedAt: at('2023-03-20T09:00') }),
  ];
  return computeStatusBoard(FIXTURE_UNITS, periods2023(), submissions, at('2023-04-05T12:00'));
}

function summaryCell(review: 'returned' | 'approved', part: 'status' | 'timeliness'): unknown {
  const table = summaryTable(board(review));
  const row = table.rows.find((cells) => cells.includes('MNHM'));
  return row?.[table.headers.indexOf(summaryPeriodColumn('KH-2023', part))];
}

function totals(review: 'returned' | 'approved') {
  const all = computeGroupRates(board(review), ['all'])[0];
  const rates = all?.periods.find((period) => period.periodId === 'KH-2023');
  if (!rates) throw new Error('no totals');
  return rates;
}

describe('a report returned for correction', () => {
  it('shows no timeliness on its unit’s row while the totals count it out of on time', () => {
    expect(summaryCell('returned', 'status')).toBe('Cần bổ sung');
    expect(summaryCell('returned', 'timeliness')).toBe('');
    const rates = totals('returned');
    expect([rates.submitted, rates.onTime, rates.needsFix]).toEqual([0, 0, 1]);
    const report = buildStatusReport(board('returned'));
    const unit = report.units.find((each) => each.code === 'MNHM');
    expect(unit?.periods['KH-2023']).toMatchObject({ status: 'needs_fix', timeliness: null });
    const statistics = statisticsTable(board('returned'));
    expect(statistics.rows.length).toBeGreaterThan(0);
  });

  it('keeps the timeliness of its first accepted version once the correction is accepted', () => {
    expect(statusOf(board('returned'), 'MNHM', 'KH-2023').timeliness).toBe('on_time');
    expect(summaryCell('approved', 'timeliness')).toBe('Đúng hạn');
    const rates = totals('approved');
    expect([rates.submitted, rates.onTime]).toEqual([1, 1]);
  });
});
