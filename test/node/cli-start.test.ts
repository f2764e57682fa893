// `hannop` starts from the built JavaScript (dist-cli/hannop.cjs), not by compiling TypeScript, and
// loads the heavy packages only for the commands that use them: exceljs (a workbook) and
// googleapis (about a second; only `run --spreadsheet`). A probe preloaded into the real process
// lists the modules it loaded.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..');
const BIN = join(REPO, 'bin', 'hannop.js');
const BUNDLE = join(REPO, 'dist-cli', 'hannop.cjs');
const PROBE = `process.on('exit', () => {
  require('node:fs').writeSync(2, '\\nLOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n');
});
`;

let dir: string;
let probe: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-start-'));
  probe = join(dir, 'probe.cjs');
  writeFileSync(probe, PROBE);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hannop(...args: string[]): {
  code: number | null;
  stdout: string;
  stderr: string;
  loaded: string[];
} {
  const result = spawnSync(process.execPath, ['-r', probe, BIN, ...args], { cwd: dir, encoding: 'utf8' });
  const match = /\nLOADED (.*)\n/.exec(result.stderr);
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr.replace(/\nLOADED .*\n/, ''),
    loaded: match?.[1] ? (JSON.parse(match[1]) as string[]) : [],
  };
}

const packageLoaded = (loaded: string[], name: string): boolean =>
  loaded.some((path) => path.includes(`/node_modules/${name}/`));

describe('hannop start-up', () => {
  it('prints the help from the bundle, loading neither exceljs, googleapis nor tsx', () => {
    const help = hannop('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('hannop status --workbook FILE');
    expect(help.loaded).toContain(BUNDLE);
    expect(help.loaded.filter((path) => path.startsWith(join(REPO, 'src')))).toEqual([]);
    for (const name of ['exceljs', 'googleapis', 'tsx', 'docx', 'nodemailer']) {
      expect([name, packageLoaded(help.loaded, name)]).toEqual([name, false]);
    }
  });

  it('loads exceljs for a command on a workbook, and googleapis only for run --spreadsheet', () => {
    const init = hannop('init', '--workbook', 'w.xlsx');
    expect(init).toMatchObject({ code: 0, stdout: 'Đã tạo «w.xlsx» với 0 đơn vị.\n', stderr: '' });
    expect(packageLoaded(init.loaded, 'exceljs')).toBe(true);
    expect(packageLoaded(init.loaded, 'googleapis')).toBe(false);

    const remote = hannop('run', '--spreadsheet', '1'.repeat(44), '--credentials', 'khong-co.json');
    expect(remote.code).toBe(1);
    expect(remote.stderr).toBe(`Lỗi: Tệp khóa «${join(dir, 'khong-co.json')}»: không tìm thấy tệp.\n`);
    expect(packageLoaded(remote.loaded, 'googleapis')).toBe(true);
  });

  it('shows the stack trace of a bug with the TypeScript lines, through the source map', () => {
    expect(hannop('init', '--workbook', 'clock.xlsx').code).toBe(0);
    // A clock that fails: a bug as far as hannop knows (exit 2 and the stack).
    const noClock = join(dir, 'no-clock.cjs');
    writeFileSync(
      noClock,
      `const RealDate = Date;
global.Date = class extends RealDate {
  constructor(...args) {
    if (args.length === 0) throw new Error('no clock');
    super(...args);
  }
};
`,
    );
    const result = spawnSync(process.execPath, ['-r', noClock, BIN, 'status', '--workbook', 'clock.xlsx'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^Lỗi nội bộ: Error: no clock\n/);
    expect(result.stderr).toContain(`at asOfOption (${join(REPO, 'src', 'node', 'options.ts')}:`);
    expect(result.stderr).not.toContain('hannop.cjs');
  });

  it('rebuilds the bundle when a file in src/ is newer, so no one runs stale code', () => {
    hannop('--version');
    utimesSync(BUNDLE, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
    const version = hannop('--version');
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^hannop \d+\.\d+\.\d+/);
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThan(new Date('2025-01-01T00:00:00Z').getTime());
  });
});
