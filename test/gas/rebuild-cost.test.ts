// What «Xử lý lại toàn bộ» costs at Google's boundary (issue 15, goal 1): it reads the responses
// from the sheets Forms writes, in the batch read of the state, so its calls grow with the
// responses by at most one per hundred (the Sheets requests a large write is split into), never
// one per response. Measured through the menu handler on the campaign of the google-cost bench:
// 3 responses a unit, all registered, at 100 and 2,000 units.
import { SHEET } from '../../src/domain/layout';
import { runRebuild } from '../../src/gas/menu-handlers';
import { campaignWorld, RESPONSES_PER_UNIT } from './google-cost-scenario';
import { ServiceMeter } from './service-meter';

/** `compare`: read «Bài nộp» before and after (two more reads of every row: only the small one). */
function rebuildCost(unitCount: number, compare: boolean) {
  const meter = new ServiceMeter();
  const world = campaignWorld(unitCount, RESPONSES_PER_UNIT, meter);
  const before = compare ? world.table(SHEET.submissions) : undefined;
  meter.reset();
  runRebuild(world.services());
  const reading = meter.reading();
  return {
    responses: unitCount * RESPONSES_PER_UNIT + 1,
    reading,
    before,
    after: compare ? world.table(SHEET.submissions) : undefined,
    said: world.sheets.spreadsheet.toasts.map((toast) => toast.message),
  };
}

describe('«Xử lý lại toàn bộ», every service call counted', () => {
  const small = rebuildCost(100, true);
  const large = rebuildCost(2000, false);
  console.info(
    `rebuild calls: ${small.reading.total} at ${small.responses} responses, ` +
      `${large.reading.total} at ${large.responses}`,
  );

  it('makes at most 20 calls and one more per hundred responses', () => {
    for (const cost of [small, large]) {
      expect(cost.reading.total).toBeLessThanOrEqual(20 + cost.responses / 100);
    }
  });

  it('asks Forms for nothing but opening the two forms when every response is registered', () => {
    for (const cost of [small, large]) {
      const formCalls = Object.keys(cost.reading.byMethod).filter((method) =>
        /^(Form|FormApp|FormResponse|source)\./.test(method),
      );
      expect(formCalls).toEqual(['FormApp.openById']);
    }
  });

  it('leaves «Bài nộp» as the triggers and the daily run made it, and says so', () => {
    expect(small.after).toEqual(small.before);
    for (const cost of [small, large]) {
      expect(cost.said).toEqual([
        `Đã xử lý lại ${cost.responses} phản hồi: hợp lệ ${cost.responses}, không hợp lệ 0, chờ xác minh 0.\n` +
          'Đã cập nhật «Bài nộp», «Tổng hợp», «Thống kê» và «Số liệu».',
      ]);
    }
  });
});
