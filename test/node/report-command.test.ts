// `hannop report`: which period it reports on, and what it says when the command line is wrong.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vietnamInstant } from '../../src/domain/time';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { makeUnit } from '../fakes/campaign-fixture';
import { FILLED_MAIL_CONFIG, campaignTables } from '../fakes/mail-fixture';
import { runCli, type CliOutcome } from './cli-runner';

let dir: string;

function hannop(...argv: string[]): Promise<CliOutcome> {
  return runCli(argv, { now: () => vietnamInstant('2023-04-15', 9), cwd: dir });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-report-'));
  expect((await hannop('init', '--workbook', 'w.xlsx', '--demo')).code).toBe(0);
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const TARGET_MESSAGE = 'Lỗi: hannop report cần đúng một trong hai tùy chọn --docx FILE hoặc --html FILE.\n';

describe('hannop report', () => {
  it('reports on the latest period due at --as-of (default: now), or on --period', async () => {
    const byDefault = await hannop('report', '--workbook', 'w.xlsx', '--docx', 'a.docx');
    expect(byDefault.stderr).toBe('');
    expect(byDefault.stdout).toMatch(/^Đã ghi báo cáo «a\.docx» cho kỳ KH-2023 \(Kế hoạch năm 2023\): /);
    expect(existsSync(join(dir, 'a.docx'))).toBe(true);
    const later = await hannop('report', '--workbook', 'w.xlsx', '--as-of', '2023-05-02', '--docx', 'b.docx');
    expect(later.stdout).toMatch(
      /cho kỳ BC6T-2023 \(Báo cáo 6 tháng đầu năm 2023\): 0\/60 đơn vị đã nộp, 60 đơn vị/,
    );
    const chosen = await hannop('report', '--workbook', 'w.xlsx', '--period', 'bcn-2023', '--docx', 'c.docx');
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toMatch(
      /cho kỳ BCN-2023 \(Báo cáo năm 2023\): 0\/60 đơn vị đã nộp, 0 đơn vị trễ hạn/,
    );
  });

  it('writes the dashboard page with --html', async () => {
    expect(await hannop('report', '--workbook', 'w.xlsx', '--html', 'bang-dieu-khien.html')).toEqual({
      code: 0,
      stdout: 'Đã ghi bảng điều khiển «bang-dieu-khien.html».\n',
      stderr: '',
    });
    expect(readFileSync(join(dir, 'bang-dieu-khien.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(await hannop('report', '--workbook', 'w.xlsx', '--html', 'trang.htm')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Lỗi: «trang.htm»: tệp của --html phải có đuôi .html.\n',
    });
  });

  it('creates the missing folders of --docx and --html, and names a file in the way', async () => {
    const docx = await hannop('report', '--workbook', 'w.xlsx', '--docx', 'bao-cao/2023/a.docx');
    expect(docx.code).toBe(0);
    expect(
      readFileSync(join(dir, 'bao-cao', '2023', 'a.docx'))
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
    expect((await hannop('report', '--workbook', 'w.xlsx', '--html', 'trang/moi/a.html')).code).toBe(0);
    expect(existsSync(join(dir, 'trang', 'moi', 'a.html'))).toBe(true);
    writeFileSync(join(dir, 'la-tep'), 'a file');
    for (const kind of ['docx', 'html']) {
      expect(await hannop('report', '--workbook', 'w.xlsx', `--${kind}`, `la-tep/x.${kind}`)).toEqual({
        code: 1,
        stdout: '',
        stderr: `Lỗi: Không ghi được --${kind} «la-tep/x.${kind}»: «${join(dir, 'la-tep')}» là một tệp, không phải thư mục.\n`,
      });
    }
  });

  it('names the period it does not know and lists the ones it does, writing nothing', async () => {
    expect(await hannop('report', '--workbook', 'w.xlsx', '--period', 'BC9T', '--docx', 'x.docx')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Lỗi: Không có kỳ «BC9T» trong trang «Kỳ nộp»; các mã kỳ có: KH-2023, BC6T-2023, BCN-2023.\n',
    });
    expect(existsSync(join(dir, 'x.docx'))).toBe(false);
  });

  it('needs exactly one of --docx and --html', async () => {
    expect(await hannop('report', '--workbook', 'w.xlsx')).toEqual({
      code: 1,
      stdout: '',
      stderr: TARGET_MESSAGE,
    });
    expect(await hannop('report', '--workbook', 'w.xlsx', '--docx', 'x.docx', '--html', 'x.html')).toEqual({
      code: 1,
      stdout: '',
      stderr: TARGET_MESSAGE,
    });
    expect(existsSync(join(dir, 'x.docx'))).toBe(false);
  });

  it('refuses a file of the wrong kind and a workbook that is not there', async () => {
    expect(await hannop('report', '--workbook', 'w.xlsx', '--docx', 'bao-cao.pdf')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Lỗi: «bao-cao.pdf»: tệp của --docx phải có đuôi .docx.\n',
    });
    expect(await hannop('report', '--workbook', 'khong-co.xlsx', '--docx', 'x.docx')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Lỗi: Không tìm thấy bảng tính «khong-co.xlsx».\n',
    });
    expect(
      await hannop('report', '--workbook', 'w.xlsx', '--as-of', '2023-13-01', '--docx', 'x.docx'),
    ).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Lỗi: --as-of «2023-13-01» không hợp lệ; ghi YYYY-MM-DD hoặc YYYY-MM-DDTHH:mm (giờ Việt Nam).\n',
    });
  });

  describe("the dashboard's mail forecast", () => {
    /** A 2,000-unit campaign with the 2023 periods, as `hannop init` would leave it filled. */
    async function bigWorkbook(): Promise<string> {
      const units = Array.from({ length: 2000 }, (_, index) =>
        makeUnit({
          code: `TR${String(index).padStart(4, '0')}`,
          name: `Trường số ${index}`,
          rowNumber: index + 2,
        }),
      );
      const workbook = XlsxWorkbook.createEmpty();
      workbook.write(
        campaignTables(units, undefined, FILLED_MAIL_CONFIG).map((table) => ({
          kind: 'replace' as const,
          sheet: table.name,
          headers: table.headers.map(String),
          rows: table.rows,
        })),
      );
      await workbook.saveAs(join(dir, 'lon.xlsx'));
      return 'lon.xlsx';
    }

    it('marks the days over --max-mail 100 at 2,000 units and says what to change', async () => {
      const workbook = await bigWorkbook();
      const outcome = await hannop(
        'report',
        '--workbook',
        workbook,
        '--as-of',
        '2023-03-20',
        '--html',
        'lon.html',
        '--max-mail',
        '100',
      );
      expect(outcome).toEqual({ code: 0, stdout: 'Đã ghi bảng điều khiển «lon.html».\n', stderr: '' });
      const page = readFileSync(join(dir, 'lon.html'), 'utf8');
      expect(page).toContain(
        'Hạn mức: 95 người nhận mỗi ngày (--max-mail 100, trừ 5 dự trữ («Dự trữ hạn mức thư»)).',
      );
      expect(page).toContain(
        '<p class="forecast-alert">Cảnh báo: dự báo thư của đợt thu vượt hạn mức 95 người nhận mỗi ngày vào 24 ngày',
      );
      expect(page).toContain('Hãy bớt ngày nhắc trong «Kỳ nộp» (cột «Nhắc trước hạn», «Nhắc sau hạn»)');
      expect(page).toContain('<tr class="overflow"><td>23/03/2023</td>');
      expect(page).toContain('<span class="badge">Vượt 1905</span>');
    }, 60_000);

    it('says every coming day fits a large enough --max-mail, and what it cannot compare without one', async () => {
      expect(
        (
          await hannop(
            'report',
            '--workbook',
            'w.xlsx',
            '--as-of',
            '2023-03-20',
            '--html',
            'du.html',
            '--max-mail',
            '1000',
          )
        ).code,
      ).toBe(0);
      const fits = readFileSync(join(dir, 'du.html'), 'utf8');
      expect(fits).toMatch(
        /<p class="empty">Không ngày nào sắp tới vượt hạn mức \d+ người nhận mỗi ngày: thư sẽ được gửi đúng ngày\.<\/p>/,
      );
      expect(fits).not.toContain('class="overflow"');
      expect(
        (await hannop('report', '--workbook', 'w.xlsx', '--as-of', '2023-03-20', '--html', 'kho.html')).code,
      ).toBe(0);
      const unmeasured = readFileSync(join(dir, 'kho.html'), 'utf8');
      expect(unmeasured).toContain(
        '<p class="empty">Chưa so với hạn mức gửi thư mỗi ngày: thêm --max-mail N (số người nhận mỗi ngày) vào lệnh ' +
          'hannop report để so.</p>',
      );
      expect(unmeasured).not.toContain('Hạn mức:');
    });

    it('refuses --max-mail with --docx, and a --max-mail that is not a number', async () => {
      expect(await hannop('report', '--workbook', 'w.xlsx', '--docx', 'x.docx', '--max-mail', '100')).toEqual(
        {
          code: 1,
          stdout: '',
          stderr:
            'Lỗi: --max-mail chỉ dùng với --html: bảng điều khiển so dự báo thư với hạn mức, báo cáo .docx thì không.\n',
        },
      );
      expect(
        await hannop('report', '--workbook', 'w.xlsx', '--html', 'x.html', '--max-mail', 'trăm'),
      ).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'Lỗi: --max-mail «trăm» không hợp lệ; ghi một số nguyên không âm (số người nhận được gửi thư trong ngày).\n',
      });
      expect(existsSync(join(dir, 'x.docx'))).toBe(false);
    });
  });
});
