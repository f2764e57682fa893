// One order of school levels everywhere (Mầm non, Tiểu học, THCS, then the rest): `Thống kê`,
// `hannop status --json`, the dashboard and the City report list the levels alike.
import { statisticsTable } from '../../src/domain/consolidation';
import { dashboardView, renderDashboardPage } from '../../src/domain/dashboard';
import { compareLevels } from '../../src/domain/group-order';
import { computeStatusBoard } from '../../src/domain/status';
import { buildStatusReport } from '../../src/domain/status-report';
import { FIXTURE_UNITS, makeUnit, periods2023 } from '../fakes/campaign-fixture';
import { DASHBOARD_CAMPAIGN, at } from './dashboard-fixture';

const ORDER = ['Mầm non', 'Tiểu học', 'THCS', 'THPT', 'Trung tâm GDTX'];

function board() {
  // Listed against the order on purpose: the order must come from the one rule, not the input.
  const units = [
    makeUnit({ code: 'TTGDTX', name: 'Trung tâm Giáo dục thường xuyên', level: 'Trung tâm GDTX' }),
    makeUnit({ code: 'THPTA', name: 'THPT A', level: 'THPT' }),
    ...[...FIXTURE_UNITS].reverse(),
  ];
  return computeStatusBoard(units, periods2023(), [], at('2023-04-05T12:00'));
}

describe('the order of school levels', () => {
  it('is the school system’s, then the rest in Vietnamese order', () => {
    expect([...ORDER].reverse().sort(compareLevels)).toEqual(ORDER);
  });

  it('is the same in hannop status, Thống kê and the dashboard', () => {
    const report = buildStatusReport(board());
    expect(report.groups.filter((group) => group.dimension === 'level').map((group) => group.group)).toEqual(
      ORDER,
    );
    const statistics = statisticsTable(board());
    const levelsInSheet = statistics.rows
      .flatMap((row) => row.map(String))
      .filter((cell) => ORDER.includes(cell));
    expect([...new Set(levelsInSheet)]).toEqual(ORDER);
    const page = renderDashboardPage(dashboardView(DASHBOARD_CAMPAIGN, board()));
    const section = page.slice(page.indexOf('>Mầm non<'));
    const positions = ORDER.map((level) => section.indexOf(`>${level}<`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
