// `npm run reliability`: is every e-mail sent exactly once and every response kept, whatever
// moment the process dies? A real `hannop run` (node bin/hannop.js, whatever it runs) sends the
// day's mail over SMTP to a sink on 127.0.0.1; it is killed with SIGKILL at 20 moments and SIGTERM
// at 5, then run again. Each message must be received exactly once (by its Message-ID, which is
// derived from its mail key), the workbook must stay readable, no lock may block the rerun, and
// `Bài nộp` must hold every response. Prints the table and writes docs/reliability.md.
//
// Sections are functions returning rows, so other checks (hostile files…) add their own.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { hostileFilesSection, hostileRowFailed, hostileTable, isHostileRow } from './reliability-hostile.mjs';

const require = createRequire(import.meta.url);
const { SMTPServer } = require('smtp-server');
const ExcelJS = require('exceljs');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'hannop.js');
const AS_OF = '2023-04-03';
const CONCURRENCY = Number(process.env.RELIABILITY_CONCURRENCY ?? 3);

/** An SMTP sink on 127.0.0.1: counts every accepted message by its Message-ID. */
async function startSink() {
  const received = new Map();
  const firstAt = new Map();
  /** Message-IDs in the order the server first took them. */
  const order = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const id = /^Message-ID:\s*(.*)$/im.exec(raw)?.[1]?.trim() ?? `(none ${received.size})`;
        received.set(id, (received.get(id) ?? 0) + 1);
        if (!firstAt.has(id)) {
          firstAt.set(id, Date.now());
          order.push(id);
        }
        callback();
      });
    },
  });
  // A client killed mid-session resets its connection: that is the experiment, not a failure.
  server.on('error', () => {});
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    firstAt,
    order,
    port: server.server.address().port,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** Runs hannop; `kill` = { signal, afterMs } kills it at that moment; `env` adds to the environment. */
function hannop(args, cwd, kill, env) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(env ? { env: { ...process.env, ...env } } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // The kill comes from a process of its own: a timer of this process would fire in step with the
    // SMTP sink's events (same event loop) and land, far more often than chance, between the sink
    // taking a message and the run hearing its 250 — the one window the IT guide leaves open.
    let killedAt = null;
    const killer = kill
      ? spawn('sh', [
          '-c',
          `sleep ${(kill.afterMs / 1000).toFixed(3)}; kill -${kill.signal.replace('SIG', '')} ${child.pid} 2>/dev/null; date +%s%3N`,
        ])
      : null;
    killer?.stdout.on('data', (chunk) => (killedAt = Number(String(chunk).trim())));
    child.on('close', (code, signal) => {
      if (killer && killer.exitCode === null) killer.kill('SIGKILL');
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, killedAt });
    });
  });
}

/** The department's own contact in `Cấu hình`, as it fills it in before real mail (`run --smtp` refuses the example). */
const REAL_CONTACT = {
  'Người phụ trách': 'Trần Thị Lan',
  'Email người phụ trách': 'lan.tran@pgd-thu-nghiem.edu.vn',
  'Điện thoại người phụ trách': '028 3896 1234',
  'Email nhận thư tổng hợp': 'lan.tran@pgd-thu-nghiem.edu.vn',
};

async function fillContact(workbookPath) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(workbookPath);
  workbook.getWorksheet('Cấu hình').eachRow((row) => {
    const value = REAL_CONTACT[String(row.getCell(1).value ?? '')];
    if (value !== undefined) row.getCell(2).value = value;
  });
  await workbook.xlsx.writeFile(workbookPath);
}

async function registeredResponses(workbookPath) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(workbookPath);
  const sheet = workbook.getWorksheet('Bài nộp');
  return sheet ? Math.max(0, sheet.actualRowCount - 1) : 0;
}

async function pool(items, size, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

/** Duplicates the last kill section saw inside the send-to-record window (reported, not failed). */
let lastInWindow = 0;

/** The process section: real kills of a real `hannop run`. */
export async function processKillSection() {
  const base = mkdtempSync(join(tmpdir(), 'hannop-reliability-'));
  try {
    const seed = join(base, 'seed.xlsx');
    const init = await hannop(['init', '--workbook', seed, '--demo'], base);
    if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
    await fillContact(seed);

    // The fault-free run: what must be received, and how long a run takes.
    const cleanDir = mkdtempSync(join(base, 'clean-'));
    copyFileSync(seed, join(cleanDir, 'w.xlsx'));
    const cleanSink = await startSink();
    const clean = await hannop(
      ['run', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--smtp', `smtp://127.0.0.1:${cleanSink.port}`],
      cleanDir,
    );
    await cleanSink.close();
    if (clean.code !== 0) throw new Error(`the fault-free run failed: ${clean.stderr}`);
    const expected = new Set(cleanSink.received.keys());
    const expectedResponses = await registeredResponses(join(cleanDir, 'w.xlsx'));

    const kills = [
      ...Array.from({ length: 20 }, (_, index) => ({
        signal: 'SIGKILL',
        fraction: 0.1 + (0.95 * index) / 20,
      })),
      ...Array.from({ length: 5 }, (_, index) => ({ signal: 'SIGTERM', fraction: 0.3 + (0.7 * index) / 5 })),
    ];
    const trials = await pool(kills, CONCURRENCY, async (kill, index) => {
      const dir = mkdtempSync(join(base, `trial-${index}-`));
      copyFileSync(seed, join(dir, 'w.xlsx'));
      const sink = await startSink();
      const args = [
        'run',
        '--workbook',
        'w.xlsx',
        '--as-of',
        AS_OF,
        '--smtp',
        `smtp://127.0.0.1:${sink.port}`,
      ];
      const killed = await hannop(args, dir, {
        signal: kill.signal,
        afterMs: Math.round(clean.ms * kill.fraction),
      });
      // The run sends one message at a time and records each before the next: only the last one the
      // server took before the kill can have been taken without being recorded.
      const lastBeforeKill = sink.order[sink.order.length - 1] ?? null;
      const rerun = await hannop(args, dir);
      await sink.close();
      const problems = [];
      if (rerun.code !== 0) problems.push(`rerun exit ${rerun.code}: ${rerun.stderr.trim()}`);
      if (existsSync(join(dir, 'w.xlsx.lock'))) problems.push('lock left behind');
      let responses = 0;
      try {
        responses = await registeredResponses(join(dir, 'w.xlsx'));
      } catch (error) {
        problems.push(`workbook unreadable: ${error.message}`);
      }
      let duplicated = 0;
      let inWindow = 0;
      for (const [id, count] of sink.received) {
        if (count < 2) continue;
        // The window the IT guide (§7) leaves open: the server has the last message the killed run
        // sent, the run has not yet heard its 250 and written the journal line. Told by order, not by
        // milliseconds (a loaded machine stretches the window): one extra copy of that one message is
        // counted apart; any other duplicate is a failure.
        const before = killed.killedAt === null ? null : killed.killedAt - sink.firstAt.get(id);
        if (id === lastBeforeKill) {
          inWindow += 1;
          duplicated += count - 2;
        } else duplicated += count - 1;
        console.error(
          `(${kill.signal} trial ${index}: ${id} received ${count} times; first copy ${before} ms before the kill)`,
        );
      }
      const missing = [...expected].filter((id) => !sink.received.has(id)).length;
      return {
        signal: kill.signal,
        killedBy: killed.signal ?? `exit ${killed.code}`,
        responsesLost: Math.max(0, expectedResponses - responses),
        duplicated,
        inWindow,
        missing,
        problems,
      };
    });
    const inWindowTotal = trials.reduce((sum, trial) => sum + trial.inWindow, 0);
    console.error(`(duplicates in the send-to-record window: ${inWindowTotal})`);
    const survived = trials.filter(
      (trial) =>
        trial.problems.length === 0 &&
        trial.duplicated === 0 &&
        trial.missing === 0 &&
        trial.responsesLost === 0,
    ).length;
    for (const trial of trials.filter((t) => t.problems.length > 0)) console.error(trial.problems.join('; '));
    const row = (signal, label) => {
      const chosen = trials.filter((trial) => trial.signal === signal);
      return {
        section: label,
        faults: chosen.length,
        runs: chosen.length * 2,
        responsesLost: chosen.reduce((sum, trial) => sum + trial.responsesLost, 0),
        duplicated: chosen.reduce((sum, trial) => sum + trial.duplicated, 0),
        missing: chosen.reduce((sum, trial) => sum + trial.missing, 0),
        survived: `${chosen.filter((trial) => trial.problems.length === 0 && trial.duplicated === 0 && trial.missing === 0 && trial.responsesLost === 0).length}/${chosen.length}`,
      };
    };
    console.error(
      `(${expected.size} messages and ${expectedResponses} responses a run; ${survived}/${trials.length} kills survived)`,
    );
    lastInWindow = inWindowTotal;
    return [
      row('SIGKILL', `hannop run killed (SIGKILL), ${expected.size} messages`),
      row('SIGTERM', `hannop run stopped (SIGTERM), ${expected.size} messages`),
    ];
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/** The hostile-files section (scripts/reliability-hostile.mjs), run with this runner's helpers. */
export function hostileSection() {
  return hostileFilesSection({ hannop, fillContact, pool, root: ROOT, concurrency: CONCURRENCY });
}

/**
 * The fault-injection section: the harness of test/faults (a fault at every port call of a daily
 * run, a response taken in and a review decision, in the Apps Script, .xlsx and Sheets API shells,
 * and two faults in one daily run, each followed by a clean rerun), run by jest; each sweep appends
 * its figures to a file read here.
 */
export async function faultHarnessSection() {
  const base = mkdtempSync(join(tmpdir(), 'hannop-faults-'));
  const report = join(base, 'sweeps.jsonl');
  try {
    const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
    const run = await new Promise((resolve) => {
      const child = spawn(process.execPath, [jest, '--ci', 'test/faults'], {
        cwd: ROOT,
        env: { ...process.env, HANNOP_FAULT_REPORT: report },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    if (run.code !== 0) console.error(run.stderr);
    const sweeps = existsSync(report)
      ? readFileSync(report, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line))
      : [];
    if (sweeps.length === 0) throw new Error(`the fault harness reported nothing: ${run.stderr}`);
    for (const sweep of sweeps)
      for (const problem of sweep.problems) console.error(`${sweep.shell}: ${problem}`);
    const order = ['Apps Script', '.xlsx', 'Sheets API'];
    const pairs = (sweep) => (sweep.faultsPerExecution ?? 1) > 1;
    sweeps.sort(
      (a, b) =>
        Number(pairs(a)) - Number(pairs(b)) ||
        order.indexOf(a.shell) - order.indexOf(b.shell) ||
        a.scenario.localeCompare(b.scenario, 'vi'),
    );
    return sweeps.map((sweep) => ({
      section: pairs(sweep)
        ? `hai lỗi trong một lần chạy (cặp lần gọi k, k+1…k+3): ${sweep.shell}, ${sweep.scenario}; lỗi thứ hai xảy ra ở ${sweep.secondFaultsThrown} cặp`
        : `lỗi ở mỗi lần gọi cổng: ${sweep.shell}, ${sweep.scenario}`,
      faults: sweep.faults,
      runs: sweep.runs,
      responsesLost: sweep.responsesLost,
      duplicated: sweep.messagesDuplicated,
      missing: sweep.messagesMissing,
      survived: `${sweep.faultsSurvived}/${sweep.faults}`,
    }));
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

export const SECTIONS = [processKillSection, faultHarnessSection, hostileSection];

function table(rows) {
  const header = [
    'Thử nghiệm',
    'Lỗi gây ra',
    'Lần chạy',
    'Phản hồi mất',
    'Thư trùng',
    'Thư thiếu',
    'Vượt qua',
  ];
  const lines = rows.map((row) =>
    [row.section, row.faults, row.runs, row.responsesLost, row.duplicated, row.missing, row.survived].join(
      ' | ',
    ),
  );
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...lines.map((line) => `| ${line} |`),
  ].join('\n');
}

async function main() {
  const started = Date.now();
  // `npm run reliability -- --only hostileSection` runs one section and prints it, without writing the docs.
  const only = process.argv.indexOf('--only') > 0 ? process.argv[process.argv.indexOf('--only') + 1] : null;
  const rows = [];
  for (const section of SECTIONS.filter((each) => only === null || each.name === only)) {
    rows.push(...(await section()));
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const killRows = rows.filter((row) => !isHostileRow(row));
  const hostileRows = rows.filter(isHostileRow);
  const text = table(killRows);
  const hostileText = hostileTable(hostileRows);
  console.log(`${text}\n\n${hostileText}`);
  console.log(`\n${seconds} s`);
  const failed =
    killRows.some(
      (row) =>
        row.responsesLost > 0 ||
        row.duplicated > 0 ||
        row.missing > 0 ||
        row.survived !== `${row.faults}/${row.faults}`,
    ) || hostileRows.some(hostileRowFailed);
  if (only !== null) {
    process.exitCode = failed ? 1 : 0;
    return;
  }
  const markdown =
    '# Độ tin cậy: mỗi thư gửi đúng một lần, không mất phản hồi\n\n' +
    'Kết quả của `npm run reliability` (scripts/reliability.mjs).\n\n' +
    '- **Dừng tiến trình thật**: một lệnh `hannop run` thật gửi thư qua SMTP tới một máy chủ thử trên 127.0.0.1, bị ' +
    'dừng đột ngột (SIGKILL) ở 20 thời điểm và bị yêu cầu dừng (SIGTERM) ở 5 thời điểm trong lần chạy, rồi được chạy ' +
    'lại. Mỗi thư được đếm theo Message-ID (suy ra từ khóa thư).\n' +
    '- **Lỗi ở mỗi lần gọi cổng** (test/faults): mỗi cổng (đọc, ghi, lưu bảng tính; gửi thư; khóa; đồng hồ; biểu ' +
    'mẫu; nhật ký gửi thư) được bọc để lần gọi thứ k ném lỗi, với mọi k của: trong Apps Script, một lần chạy hằng ' +
    'ngày, một lần nộp biểu mẫu và một lần sửa `Đánh giá` (lỗi ném ở chính lời gọi dịch vụ của Google); với `.xlsx` ' +
    'và Google Sheet qua Sheets API, một lần chạy hằng ngày, một phản hồi mới được nhận vào (`hannop import` tệp CSV ' +
    'rồi `hannop run` với `.xlsx`; phản hồi Google Forms ghi vào trang phản hồi rồi `hannop run --spreadsheet`) và ' +
    'một quyết định `Đánh giá` (`Yêu cầu bổ sung` kèm ghi chú, `Đạt`) được `hannop run` áp dụng. Sau mỗi lỗi, một ' +
    'lần chạy sạch cùng (các) lệnh ấy phải cho các trang tổng hợp như lần chạy không lỗi, không mất phản hồi, không ' +
    'thư nào gửi hai lần hay bị bỏ sót, và lỗi có trong `Nhật ký`. «Vượt qua» đếm các lần mà mọi điều kiện ấy đều ' +
    'đúng.\n' +
    '- **Hai lỗi trong một lần chạy**: lần gọi thứ k và một trong ba lần gọi ngay sau nó cùng ném lỗi trong một lần ' +
    'chạy hằng ngày (mọi cặp trong Apps Script; 36 cặp chọn theo hạt giống cố định, gồm mọi cặp k, k+1, với `.xlsx` ' +
    'và Sheets API), nên lỗi thứ hai rơi vào chính đường ghi lỗi thứ nhất (dòng `Nhật ký`, lần lưu dòng ấy, lần ghi ' +
    'sổ gửi thư thứ hai). Điều kiện như trên, trừ việc lỗi phải có trong `Nhật ký` khi chính việc ghi lỗi bị lỗi.\n\n' +
    `${text}\n\n` +
    `Thư trùng trong khoảng máy chủ đã nhận thư mà lệnh chưa kịp ghi nhật ký gửi thư (chỉ có thể là thư cuối cùng ` +
    `máy chủ nhận trước lúc dừng, vì lệnh ghi mỗi thư trước khi gửi thư sau; một bản thừa của đúng thư ấy được đếm ` +
    `riêng, không tính vào «Thư trùng»; xem hướng dẫn kỹ thuật §7): ${lastInWindow}.\n\n` +
    '## Tệp độc hại\n\n' +
    'Các lệnh `hannop` thật nhận những tệp không phải như chúng phải là: tệp CSV xuất sai bảng mã (UTF-16, ' +
    'Windows-1258, UTF-8 hỏng), dấu ngoặc kép không đóng, ô quá dài, cột trùng hoặc thiếu, công thức, HTML, ' +
    'ký tự vô hình và ký tự điều khiển; bảng tính có ô công thức thật, thiếu trang, thiếu cột, tệp zip hỏng. ' +
    'Mỗi lệnh trong phần trợ giúp cũng được chạy với một mật khẩu SMTP được đánh dấu (qua --smtp, --smtp-file, ' +
    'HANNOP_SMTP_URL), rồi tìm mật khẩu trong mọi đầu ra và mọi tệp được ghi. Các bộ kiểm thử ' +
    '`test/node/hostile-*.test.ts` thử thêm hàng trăm tệp sinh ngẫu nhiên (fast-check, hạt giống cố định).\n\n' +
    `${hostileText}\n\nThời gian: ${seconds} giây.\n`;
  // Written as the project's formatter would, so `npm test`'s format check stays green after a run.
  const target = join(ROOT, 'docs', 'reliability.md');
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(target)) ?? {};
  writeFileSync(target, await prettier.format(markdown, { ...options, filepath: target }));
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 2;
  });
}
