import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PLAN_FORM, responseColumns } from '../../src/domain/forms';
import { PERIOD_COLUMNS, SHEET } from '../../src/domain/layout';
import type { StatusReport } from '../../src/domain/status-report';
import { vietnamInstant } from '../../src/domain/time';
import { OPTIONS, USAGE_LINES } from '../../src/node/cli-usage';
import { formatCsv } from '../../src/node/csv';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { GOOD_PLAN } from '../domain/forms/form-fixture';
import { UNITS_CSV, runCli, type CliOutcome } from './cli-runner';

const REPO = resolve(__dirname, '..', '..');
const NOW = vietnamInstant('2023-03-25', 9);

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-cli-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function hannop(...argv: string[]): Promise<CliOutcome> {
  return runCli(argv, { now: () => NOW, cwd: dir });
}

function file(name: string, content: string): string {
  writeFileSync(join(dir, name), content, 'utf8');
  return name;
}

/** Where the message names a file: the command resolves it in its working directory. */
function inDir(name: string): string {
  return join(dir, name);
}

async function initialized(): Promise<void> {
  file('u.csv', `\ufeff${UNITS_CSV}`);
  const outcome = await hannop('init', '--workbook', 'w.xlsx', '--units', 'u.csv');
  expect(outcome).toEqual({ code: 0, stdout: 'Đã tạo «w.xlsx» với 2 đơn vị.\n', stderr: '' });
}

async function statusJson(asOf: string): Promise<StatusReport> {
  const outcome = await hannop('status', '--workbook', 'w.xlsx', '--as-of', asOf, '--json');
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  return JSON.parse(outcome.stdout) as StatusReport;
}

describe('bin/hannop.js', () => {
  it('runs the command line from a terminal', () => {
    const result = spawnSync(process.execPath, [join(REPO, 'bin', 'hannop.js'), '--help'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('hannop init   --workbook FILE [--units UNITS.csv] [--demo]');
    expect(result.stdout).toContain('hannop status --workbook FILE');
  });
});

describe('hannop init and status', () => {
  it('creates a workbook whose units are all overdue for KH-2023 after its due moment, pending before', async () => {
    await initialized();
    const after = await statusJson('2023-03-31T08:00');
    expect(after.asOf).toBe('2023-03-31T08:00:00+07:00');
    const plan = after.periods.find((period) => period.id === 'KH-2023');
    expect(plan).toMatchObject({
      dueAt: '2023-03-30T23:59:59.999+07:00',
      expected: 2,
      overdue: 2,
      submitted: 0,
    });
    expect(after.units.map((unit) => [unit.code, unit.periods['KH-2023']?.status])).toEqual([
      ['MNHM', 'overdue'],
      ['THDD', 'overdue'],
    ]);
    const before = await statusJson('2023-03-30T23:59');
    expect(before.units.map((unit) => unit.periods['KH-2023']?.status)).toEqual(['pending', 'pending']);
    expect(before.units.map((unit) => unit.periods['BC6T-2023']?.status)).toEqual(['not_open', 'not_open']);
  });

  it('prints a table without --json', async () => {
    await initialized();
    const outcome = await hannop('status', '--workbook', 'w.xlsx', '--as-of', '2023-03-31');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('Tình trạng tại 31/03/2023 00:00 (giờ Việt Nam) — 2 đơn vị');
    expect(outcome.stdout).toMatch(/MNHM\s+Trường Mầm non Hoa Mai\s+Mầm non\s+Quá hạn/);
  });

  it('refuses to overwrite an existing file, workbook or not', async () => {
    await initialized();
    const before = readFileSync(inDir('w.xlsx'));
    const again = await hannop('init', '--workbook', 'w.xlsx');
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr: `Lỗi: «${inDir('w.xlsx')}» đã có; hannop init không ghi đè một bảng tính đang dùng.\n`,
    });
    expect(readFileSync(inDir('w.xlsx'))).toEqual(before);
    file('text.xlsx', 'không phải bảng tính');
    expect((await hannop('init', '--workbook', 'text.xlsx')).code).toBe(1);
    expect(readFileSync(inDir('text.xlsx'), 'utf8')).toBe('không phải bảng tính');
  });

  it('refuses a workbook that is not .xlsx', async () => {
    expect(await hannop('init', '--workbook', 'w.ods')).toEqual({
      code: 1,
      stdout: '',
      stderr: `Lỗi: «${inDir('w.ods')}»: bảng tính phải là tệp .xlsx.\n`,
    });
    expect(existsSync(inDir('w.ods'))).toBe(false);
    file('w.xlsx', 'Mã đơn vị,Tên đơn vị\n');
    expect(await hannop('status', '--workbook', 'w.xlsx', '--json')).toEqual({
      code: 1,
      stdout: '',
      stderr: `Lỗi: «${inDir('w.xlsx')}»: không đọc được: tệp không phải bảng tính .xlsx hợp lệ hoặc đã bị hỏng.\n`,
    });
  });

  it.each([
    [
      'a missing header',
      'Mã đơn vị,Tên đơn vị,Cấp học,Loại hình,Email\nA1,Trường A,Mầm non,Công lập,a@truong.example.edu.vn\n',
      'dòng 1, cột «Phường/Xã»: thiếu cột «Phường/Xã» ở dòng tiêu đề.',
    ],
    [
      'a duplicate code',
      'Mã đơn vị,Tên đơn vị,Cấp học,Loại hình,Phường/Xã,Email\nMN01,Trường A,Mầm non,Công lập,An Phú,a@truong.example.edu.vn\nmn01,Trường B,Mầm non,Công lập,An Phú,b@truong.example.edu.vn\n',
      'dòng 3, cột «Mã đơn vị»: mã đơn vị «mn01» bị trùng với dòng 2.',
    ],
    [
      'an invalid e-mail',
      'Mã đơn vị,Tên đơn vị,Cấp học,Loại hình,Phường/Xã,Email\nMN01,Trường A,Mầm non,Công lập,An Phú,"a@truong.example.edu.vn; hieutruong.example.edu.vn"\n',
      'dòng 2, cột «Email»: «hieutruong.example.edu.vn» không phải là địa chỉ email hợp lệ.',
    ],
  ])('refuses a units CSV with %s, naming the file, the row and the column', async (_case, csv, message) => {
    file('u.csv', csv);
    expect(await hannop('init', '--workbook', 'w.xlsx', '--units', 'u.csv')).toEqual({
      code: 1,
      stdout: '',
      stderr: `Lỗi: «${inDir('u.csv')}», ${message}\n`,
    });
    expect(existsSync(inDir('w.xlsx'))).toBe(false);
  });

  it('reports a date that does not exist in Kỳ nộp, naming the workbook, sheet, row and column', async () => {
    await initialized();
    const workbook = await XlsxWorkbook.open(inDir('w.xlsx'));
    const periods = workbook.read([SHEET.periods]).get(SHEET.periods);
    if (!periods) throw new Error('no Kỳ nộp');
    const due = periods.headers.indexOf(PERIOD_COLUMNS.writtenDueDate);
    const rows = periods.rows.map((row, index) =>
      row.map((cell, column) => (index === 0 && column === due ? '31/02/2023' : cell)),
    );
    workbook.write([{ kind: 'replace', sheet: SHEET.periods, headers: periods.headers, rows }]);
    await workbook.save();
    const expected = {
      code: 1,
      stdout: '',
      stderr:
        'Lỗi trong bảng tính «w.xlsx»:\n«Kỳ nộp», dòng 2, cột «Hạn nộp»: «31/02/2023» không phải là ngày hợp lệ (dd/MM/yyyy).\n',
    };
    expect(await hannop('status', '--workbook', 'w.xlsx', '--json')).toEqual(expected);
    expect(await hannop('run', '--workbook', 'w.xlsx', '--json')).toEqual(expected);
    expect(existsSync(inDir('w.xlsx.lock'))).toBe(false);
  });

  it.each([
    [['status', '--workbook', 'nope.xlsx', '--json'], 'Lỗi: Không tìm thấy bảng tính «nope.xlsx».\n'],
    [['run', '--workbook', 'nope.xlsx'], 'Lỗi: Không tìm thấy bảng tính «nope.xlsx».\n'],
    [
      ['status', '--json'],
      'Lỗi: Thiếu tùy chọn --workbook.\nCách dùng:\n  hannop status --workbook FILE [--as-of YYYY-MM-DD[THH:mm]] [--json]\n',
    ],
    [
      ['init'],
      'Lỗi: Thiếu tùy chọn --workbook.\nCách dùng:\n  hannop init   --workbook FILE [--units UNITS.csv] [--demo]\n',
    ],
  ])('exits 1 for %j', async (argv, stderr) => {
    expect(await hannop(...argv)).toEqual({ code: 1, stdout: '', stderr });
  });

  it.each([
    [
      ['frob', '--workbook', 'w.xlsx'],
      'Lỗi: Không có lệnh «frob»; các lệnh: init, import, run, status, report, check, recheck, codes, links, new-year, demo.\nXem «hannop --help».\n',
    ],
    [
      ['status', '--workbok', 'w.xlsx'],
      'Lỗi: Lệnh «hannop status» không có tùy chọn «--workbok».\nCách dùng:\n  hannop status --workbook FILE [--as-of YYYY-MM-DD[THH:mm]] [--json]\n',
    ],
    // An option of another command is refused too, with the usage of the command that was typed.
    [
      ['init', '--workbook', 'w.xlsx', '--json'],
      'Lỗi: Lệnh «hannop init» không có tùy chọn «--json».\nCách dùng:\n  hannop init   --workbook FILE [--units UNITS.csv] [--demo]\n',
    ],
    [['--frob'], 'Lỗi: Không có tùy chọn «--frob».\nXem «hannop --help».\n'],
    [
      ['-x', 'status'],
      'Lỗi: Lệnh «hannop status» không có tùy chọn «-x».\nCách dùng:\n  hannop status --workbook FILE [--as-of YYYY-MM-DD[THH:mm]] [--json]\n',
    ],
    [
      ['status', '--workbook'],
      'Lỗi: Tùy chọn --workbook cần một giá trị.\nCách dùng:\n  hannop status --workbook FILE [--as-of YYYY-MM-DD[THH:mm]] [--json]\n',
    ],
    [
      ['status', '--workbook', '--json'],
      'Lỗi: Tùy chọn --workbook cần một giá trị.\nCách dùng:\n  hannop status --workbook FILE [--as-of YYYY-MM-DD[THH:mm]] [--json]\n',
    ],
    [
      ['status', '--workbook', 'w.xlsx', '--json=yes'],
      'Lỗi: Tùy chọn --json không nhận giá trị.\nCách dùng:\n  hannop status --workbook FILE [--as-of YYYY-MM-DD[THH:mm]] [--json]\n',
    ],
    [
      ['status', '--workbook', 'w.xlsx', 'now'],
      'Lỗi: Không hiểu «now».\nCách dùng:\n  hannop status --workbook FILE [--as-of YYYY-MM-DD[THH:mm]] [--json]\n',
    ],
  ])('exits 1 for %j with a Vietnamese sentence and the usage of that command only', async (argv, stderr) => {
    expect(await hannop(...argv)).toEqual({ code: 1, stdout: '', stderr });
  });

  it('has a type for every option the usage lines name, and no option no usage line names', () => {
    const named = new Set(
      USAGE_LINES.flatMap((line) => [...line.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1] ?? '')),
    );
    expect([...named].filter((name) => !(name in OPTIONS))).toEqual([]);
    expect(
      Object.keys(OPTIONS).filter((name) => !named.has(name) && name !== 'help' && name !== 'version'),
    ).toEqual([]);
  });

  it('prints its version', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(await hannop('--version')).toEqual({ code: 0, stdout: `hannop ${version}\n`, stderr: '' });
    expect(await hannop('status', '--version')).toEqual({
      code: 0,
      stdout: `hannop ${version}\n`,
      stderr: '',
    });
  });

  it('creates the missing folders of the workbook it creates, and names a file in the way', async () => {
    const created = await hannop('init', '--workbook', 'moi/thu-muc/w.xlsx');
    expect(created).toEqual({ code: 0, stdout: 'Đã tạo «moi/thu-muc/w.xlsx» với 0 đơn vị.\n', stderr: '' });
    expect(existsSync(inDir('moi/thu-muc/w.xlsx'))).toBe(true);
    writeFileSync(inDir('tep'), 'not a folder');
    expect(await hannop('init', '--workbook', 'tep/w.xlsx')).toEqual({
      code: 1,
      stdout: '',
      stderr: `Lỗi: Không ghi được --workbook «tep/w.xlsx»: «${inDir('tep')}» là một tệp, không phải thư mục.\n`,
    });
  });

  it.each([
    '31/03/2023',
    '2023-02-30',
    '2023-03-31T25:00',
    'hôm qua',
    '2023-03-31T08:00+99:99',
    '2023-03-31T08:00-15:00',
  ])('exits 1 for --as-of «%s»', async (asOf) => {
    await initialized();
    expect(await hannop('status', '--workbook', 'w.xlsx', '--as-of', asOf, '--json')).toEqual({
      code: 1,
      stdout: '',
      stderr: `Lỗi: --as-of «${asOf}» không hợp lệ; ghi YYYY-MM-DD hoặc YYYY-MM-DDTHH:mm (giờ Việt Nam).\n`,
    });
  });
});

describe('hannop import and run', () => {
  const planCsv = (rows: readonly (readonly string[])[]) =>
    formatCsv([[...responseColumns(PLAN_FORM), 'Điểm'], ...rows]);
  const answers = (changes: Readonly<Record<string, string>> = {}) =>
    PLAN_FORM.questions.map((question) => String({ ...GOOD_PLAN, ...changes }[question.key] ?? ''));
  const CSV = planCsv([
    ['28/03/2023 09:30:00', 'mnhm@truong.example.edu.vn', ...answers(), '10'],
    [
      '29/03/2023 08:00:00',
      'vanthu@thdd.example.edu.vn',
      ...answers({
        unit: 'THDD - Trường Tiểu học Đặng Đức',
        code: '',
        docNumber: '3/KH-THDD',
        phone: '12345',
      }),
      '',
    ],
  ]);

  it('imports a Forms export once, then shows per unit the versions and the issues', async () => {
    await initialized();
    file('ke-hoach.csv', CSV);
    expect(
      await hannop('import', '--workbook', 'w.xlsx', '--form', 'ke-hoach', '--csv', 'ke-hoach.csv'),
    ).toEqual({
      code: 0,
      stdout:
        'Đã thêm 2 phản hồi vào «w.xlsx» (0 phản hồi đã có từ trước).\n' +
        'Bỏ qua các cột không phải câu hỏi của biểu mẫu: «Điểm».\n',
      stderr: '',
    });
    const again = await hannop(
      'import',
      '--workbook',
      'w.xlsx',
      '--form',
      'ke-hoach',
      '--csv',
      'ke-hoach.csv',
    );
    expect(again.stdout.split('\n')[0]).toBe('Đã thêm 0 phản hồi vào «w.xlsx» (2 phản hồi đã có từ trước).');

    const run = await hannop('run', '--workbook', 'w.xlsx', '--as-of', '2023-03-31T08:00', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as StatusReport;
    expect(report.units.map((unit) => [unit.code, unit.periods['KH-2023']])).toEqual([
      [
        'MNHM',
        {
          dueAt: '2023-03-30T23:59:59.999+07:00',
          extended: false,
          status: 'submitted',
          timeliness: 'on_time',
          submittedAt: '2023-03-28T09:30:00+07:00',
          versions: 1,
          issues: [],
        },
      ],
      [
        'THDD',
        {
          dueAt: '2023-03-30T23:59:59.999+07:00',
          extended: false,
          status: 'needs_fix',
          timeliness: null,
          submittedAt: null,
          versions: 1,
          issues: [
            'Câu «Số điện thoại liên hệ»: «12345» không phải là số điện thoại hợp lệ (bắt đầu bằng 0 hoặc +84, tiếp theo là 9–10 chữ số).',
          ],
        },
      ],
    ]);
    expect(report.periods.find((period) => period.id === 'KH-2023')).toMatchObject({
      expected: 2,
      submitted: 1,
      onTime: 1,
      needsFix: 1,
    });
    const saved = (await XlsxWorkbook.open(inDir('w.xlsx'))).read([SHEET.submissions]).get(SHEET.submissions);
    expect(saved?.rows).toHaveLength(2);
    expect(existsSync(inDir('w.xlsx.lock'))).toBe(false);

    const text = await hannop('run', '--workbook', 'w.xlsx', '--as-of', '2023-03-31T08:00');
    expect(text.stdout.split('\n')[0]).toBe(
      'Phản hồi mới hoặc đã sửa: 0 (hợp lệ 0, không hợp lệ 0, chờ xác minh 0).',
    );
  });

  it('leaves responses stamped after --as-of for a later run', async () => {
    await initialized();
    file('ke-hoach.csv', CSV);
    await hannop('import', '--workbook', 'w.xlsx', '--form', 'ke-hoach', '--csv', 'ke-hoach.csv');
    const early = JSON.parse(
      (await hannop('run', '--workbook', 'w.xlsx', '--as-of', '2023-03-28T12:00', '--json')).stdout,
    ) as StatusReport;
    expect(early.units.map((unit) => unit.periods['KH-2023']?.status)).toEqual(['submitted', 'pending']);
    const late = JSON.parse(
      (await hannop('run', '--workbook', 'w.xlsx', '--as-of', '2023-03-31', '--json')).stdout,
    ) as StatusReport;
    expect(late.units.map((unit) => unit.periods['KH-2023']?.status)).toEqual(['submitted', 'needs_fix']);
  });

  it('refuses an export with a bad timestamp, naming the file and row, and changes nothing', async () => {
    await initialized();
    const before = readFileSync(inDir('w.xlsx'));
    file('xau.csv', planCsv([['3/30/2023 21:15:04', 'mnhm@truong.example.edu.vn', ...answers(), '']]));
    expect(await hannop('import', '--workbook', 'w.xlsx', '--form', 'ke-hoach', '--csv', 'xau.csv')).toEqual({
      code: 1,
      stdout: '',
      stderr: `Lỗi: «xau.csv», dòng 2, cột «Dấu thời gian»: «3/30/2023 21:15:04» không phải là dấu thời gian hợp lệ (dd/MM/yyyy HH:mm:ss).\n`,
    });
    expect(readFileSync(inDir('w.xlsx')).equals(before)).toBe(true);
  });

  it.each([
    [
      ['--form', 'kehoach', '--csv', 'ke-hoach.csv'],
      'Lỗi: --form «kehoach» không hợp lệ; ghi «ke-hoach» hoặc «bao-cao».\n',
    ],
    [['--form', 'ke-hoach', '--csv', 'khong-co.csv'], 'Lỗi: Không tìm thấy tệp CSV «{dir}/khong-co.csv».\n'],
    [
      ['--form', 'ke-hoach'],
      'Lỗi: Thiếu tùy chọn --csv.\nCách dùng:\n  hannop import --workbook FILE --form ke-hoach|bao-cao --csv FILE\n',
    ],
  ])('refuses import %j', async (options, stderr) => {
    await initialized();
    file('ke-hoach.csv', CSV);
    expect(await hannop('import', '--workbook', 'w.xlsx', ...options)).toEqual({
      code: 1,
      stdout: '',
      stderr: stderr.replace('{dir}', dir),
    });
  });

  it('refuses to run while another command holds the workbook', async () => {
    await initialized();
    file('w.xlsx.lock', '');
    const outcome = await hannop('run', '--workbook', 'w.xlsx');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(
      `Lỗi: Một lệnh hannop khác đang làm việc với «${inDir('w.xlsx')}»; hãy chờ lệnh đó xong. ` +
        `Nếu không có lệnh nào đang chạy, hãy xóa tệp «${inDir('w.xlsx.lock')}».\n`,
    );
  });
});
