import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeStatus } from '../../src/app/compute-status';
import { formatRate } from '../../src/domain/dashboard';
import { InputError } from '../../src/domain/problems';
import { vietnamInstant } from '../../src/domain/time';
import { main } from '../../src/node/cli';
import { writeDashboardHtml } from '../../src/node/commands/report-html';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';

describe('writeDashboardHtml', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'hannop-report-html-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('writes the demo campaign dashboard with the rates that `hannop status` computes', async () => {
    const workbook = join(folder, 'demo.xlsx');
    const asOf = vietnamInstant('2023-04-05', 12);
    // Through the command line's contract: the demo campaign, then the daily run that registers it.
    const io = { stdout: () => undefined, stderr: () => undefined, now: () => asOf, cwd: folder };
    expect(await main(['init', '--workbook', workbook, '--demo'], io)).toBe(0);
    expect(await main(['run', '--workbook', workbook, '--as-of', '2023-04-05T12:00'], io)).toBe(0);
    const out = join(folder, 'bao-cao', 'bang-dieu-khien.html');

    await writeDashboardHtml(workbook, asOf, out);

    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="vi">')).toBe(true);
    expect(html).toContain('Số liệu tính đến 05/04/2023 12:00');
    const { report } = computeStatus(await XlsxWorkbook.open(workbook), asOf);
    const plan = report.periods[0];
    if (!plan) throw new Error('the demo campaign has periods');
    expect(plan.expected).toBe(60);
    expect(html).toContain(`${formatRate(plan.reportingRate)} (${plan.submitted}/${plan.expected})`);
    expect(html).toContain(`${formatRate(plan.onTimeRate)} (${plan.onTime}/${plan.expected})`);
    expect(plan.overdue + plan.needsFix).toBeGreaterThan(0);
    expect(html.match(/<tr class="(overdue|needs-fix)">/g)).toHaveLength(
      report.periods.reduce((sum, period) => sum + period.overdue + period.needsFix, 0),
    );
    expect(readdirSync(join(folder, 'bao-cao'))).toEqual(['bang-dieu-khien.html']);
  }, 60000);

  it('names the workbook when it does not exist, and writes nothing', async () => {
    const out = join(folder, 'khong-co.html');
    const missing = join(folder, 'khong-co.xlsx');
    await expect(writeDashboardHtml(missing, vietnamInstant('2023-04-05', 12), out)).rejects.toThrow(
      InputError,
    );
    await expect(writeDashboardHtml(missing, vietnamInstant('2023-04-05', 12), out)).rejects.toThrow(
      `«${missing}»: không tìm thấy tệp.`,
    );
    expect(existsSync(out)).toBe(false);
  });
});
