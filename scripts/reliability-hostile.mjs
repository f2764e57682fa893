// The hostile-files section of `npm run reliability`: real `hannop` processes given files that are
// not what they should be (CSV exports in the wrong encoding, with unclosed quotes, huge cells,
// duplicate or missing columns, formulas, HTML, invisible characters; workbooks with formula
// cells, missing sheets and columns, broken zips), and every command run with a marked SMTP
// password. Counts what must stay 0: crashes (exit 2, a stack trace, a signal), formulas written
// (a formula cell the input did not have, a CSV field Excel would run), partial writes (a refused
// or read-only command that changed the workbook), secrets printed (the password, or a piece of
// it, in any output or any file written). The property suites (test/node/hostile-*.test.ts) try
// many more files in-process; this section proves the real command line on a fixed catalogue.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs');
const JSZip = require('jszip');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const AS_OF = '2023-04-03';
/** The marked password: `@`, `/`, `:`, `#` and a bare `%` raw, the characters that broke masking once. */
const PASSWORD = 'HN@SECRET/7q4Z:#%';
/** Any of these in an output or a file is the password, whole or in part. */
const SECRET_MARKS = ['SECRET', '7q4Z', 'U0VDUkVU' /* base64 of SECRET */];

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

const UNITS_CSV =
  [
    'Mã đơn vị,Tên đơn vị,Cấp học,Loại hình,Phường/Xã,Email,Thủ trưởng,Điện thoại,Đang hoạt động,Mã xác nhận',
    'MNHM,Trường Mầm non Hoa Mai,Mầm non,Công lập,Hiệp Phú,mnhm@truong.example.edu.vn,Nguyễn Thị Lan,0901234567,Có,MNHM-7K2Q',
    'THDD,Trường Tiểu học Đặng Đức,Tiểu học,Công lập,Linh Trung,thdd@truong.example.edu.vn,Trần Văn Hùng,0901234568,Có,',
  ].join('\r\n') + '\r\n';

function csvField(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
function csv(rows, newline = '\r\n') {
  return rows.map((row) => row.map(csvField).join(',')).join(newline) + newline;
}

async function headersOf(workbookPath, sheetName) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(workbookPath);
  const sheet = workbook.getWorksheet(sheetName);
  return (sheet.getRow(1).values ?? []).slice(1).map((value) => String(value ?? ''));
}

/** A response row under `headers`: the timestamp, the address, then `answer(title)` per question. */
function responseRow(headers, at, answer) {
  return headers.map((title, index) =>
    index === 0 ? at : index === 1 ? 'mnhm@truong.example.edu.vn' : answer(title, index),
  );
}

const HOSTILE_ANSWERS = [
  '=HYPERLINK("http://evil.example/","Bấm vào đây")',
  "=cmd|' /C calc'!A0",
  '+SUM(A1:A9)',
  '-2+3',
  '@SUM(A1)',
  '<script>alert("x")</script>',
  'Mầm non \u202eiaM aoH\u202c',
  'Hoa\u200bMai',
  'C0 \u0001\u001b[31m C1 \u0085\u009b',
  'Nói "to" và ""rõ""',
  '_x0041_ và \ufffe\uffff',
];

function utf16(text, order, bom) {
  const le = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf16le');
  return order === 'le' ? le : Buffer.from(le).swap16();
}

/** The CSV catalogue: [name, bytes, form option]. */
function hostileCsvFiles(plan, report) {
  const hostile = (title, index) => HOSTILE_ANSWERS[index % HOSTILE_ANSWERS.length];
  const good = csv([plan, responseRow(plan, '29/03/2023 08:00:00', hostile)]);
  const big = (length) =>
    csv([plan, responseRow(plan, '29/03/2023 08:00:00', (t, i) => (i === 5 ? 'x'.repeat(length) : 'x'))]);
  const withoutColumn = (rows) => rows.map((row) => row.filter((_, index) => index !== 2));
  return [
    ['formulas, HTML, invisible and control characters in answers (UTF-8, CRLF)', Buffer.from(good)],
    ['the same with a BOM and LF line ends', Buffer.from(`\ufeff${good.replace(/\r\n/g, '\n')}`)],
    ['the same with CR line ends', Buffer.from(good.replace(/\r\n/g, '\r'))],
    ['UTF-16 LE with a BOM', utf16(good, 'le', true)],
    ['UTF-16 LE without a BOM', utf16(good, 'le', false)],
    ['UTF-16 BE with a BOM', utf16(good, 'be', true)],
    ['UTF-16 BE without a BOM', utf16(good, 'be', false)],
    ['Windows-1258 bytes', Buffer.from(good, 'latin1')],
    [
      'invalid UTF-8',
      Buffer.concat([
        Buffer.from(good.slice(0, 200)),
        Buffer.from([0xc3, 0x28]),
        Buffer.from(good.slice(200)),
      ]),
    ],
    ['an unclosed quote', Buffer.from(`${good}29/03/2023 09:00:00,mnhm@truong.example.edu.vn,"Hoa Mai\r\n`)],
    ['a bare quote inside a field', Buffer.from(good.replace('x@', '5" màn hình x@'))],
    ['a cell of 32,768 characters', Buffer.from(big(32768))],
    ['a cell of 50,001 characters', Buffer.from(big(50001))],
    [
      'a question column twice',
      Buffer.from(
        csv([
          [...plan, plan[plan.length - 1]],
          [...responseRow(plan, '29/03/2023 08:00:00', hostile), 'khác'],
        ]),
      ),
    ],
    [
      'a required column missing',
      Buffer.from(csv(withoutColumn([plan, responseRow(plan, '29/03/2023 08:00:00', hostile)]))),
    ],
    ['semicolon-separated', Buffer.from(good.replace(/,/g, ';'))],
    ['0 bytes', Buffer.alloc(0)],
    ['only the header', Buffer.from(csv([plan]))],
    [
      'the report export given as the plan',
      Buffer.from(csv([report, responseRow(report, '20/04/2023 08:00:00', hostile)])),
    ],
    ['an .xlsx workbook named .csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00])],
    [
      'an HTML page named .csv',
      Buffer.from('<html><body><table><tr><td>=1+1</td></tr></table></body></html>\n'),
    ],
    ['a formula as the timestamp', Buffer.from(csv([plan, responseRow(plan, '=NOW()', hostile)]))],
  ];
}

/** The workbook catalogue: [name, edit]; an edit changes the cells (exceljs) or the bytes. */
function hostileWorkbooks() {
  const sheet = (workbook, name) => workbook.getWorksheet(name);
  const columnOf = (ws, title) => (ws.getRow(1).values ?? []).indexOf(title);
  const cells = (change) => ({ cells: change });
  const bytes = (change) => ({ bytes: change });
  return [
    [
      'real formula cells in Đơn vị, Cấu hình and a response',
      cells((wb) => {
        const units = sheet(wb, 'Đơn vị');
        units.getCell(2, columnOf(units, 'Tên đơn vị')).value = {
          formula: 'HYPERLINK("http://evil.example/","Hoa Mai")',
          result: 'Hoa Mai',
        };
        sheet(wb, 'Cấu hình').getCell(3, 2).value = { formula: '1+1', result: 2 };
        sheet(wb, 'Phản hồi Kế hoạch').getCell(2, 4).value = { formula: 'A1&"x"' };
      }),
    ],
    [
      'formulas as text, HTML, bidi and control characters in cells',
      cells((wb) => {
        const units = sheet(wb, 'Đơn vị');
        units.getCell(2, columnOf(units, 'Tên đơn vị')).value = '=HYPERLINK("http://evil.example/","x")';
        units.getCell(3, columnOf(units, 'Tên đơn vị')).value = '@SUM(1+1) <script>x</script> \u202eabc';
        const responses = sheet(wb, 'Phản hồi Kế hoạch');
        HOSTILE_ANSWERS.forEach((text, index) => {
          responses.getCell(2, 3 + index).value = text;
        });
      }),
    ],
    ['the sheet «Kỳ nộp» missing', cells((wb) => wb.removeWorksheet(sheet(wb, 'Kỳ nộp').id))],
    [
      'a column twice in «Đơn vị»',
      cells((wb) => {
        const units = sheet(wb, 'Đơn vị');
        const column = units.columnCount + 1;
        units.getCell(1, column).value = 'Email';
        units.getCell(2, column).value = 'khac@example.edu.vn';
      }),
    ],
    ['the column «Mã đơn vị» missing', cells((wb) => sheet(wb, 'Đơn vị').spliceColumns(1, 1))],
    [
      'an answer of 40,000 characters',
      cells((wb) => {
        sheet(wb, 'Phản hồi Kế hoạch').getCell(2, 5).value = 'Rất dài. '.repeat(4445);
      }),
    ],
    ['a workbook cut in half', bytes((base) => base.subarray(0, Math.floor(base.length / 2)))],
    ['a CSV renamed .xlsx', bytes(() => Buffer.from(UNITS_CSV))],
  ];
}

async function applyEdit(base, edit) {
  if (edit.bytes) return edit.bytes(base);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(base);
  await edit.cells(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function formulaCells(bytes) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch {
    return null;
  }
  const found = new Set();
  workbook.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) found.add(`${ws.name}!${cell.address}=${cell.formula}`);
      }),
    ),
  );
  return found;
}

/** Formula cells hannop wrote: in `after`, not in `before`. */
async function formulasWritten(before, after) {
  const known = (await formulaCells(before)) ?? new Set();
  const now = await formulaCells(after);
  return now ? [...now].filter((cell) => !known.has(cell)) : [];
}

/** The fields of a CSV hannop wrote that Excel would run as a formula. */
function csvFormulaFields(text) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted && char === '"' && text[index + 1] === '"') {
      field += '"';
      index += 1;
    } else if (quoted && char === '"') {
      quoted = false;
    } else if (quoted) {
      field += char;
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',' || char === '\n') {
      fields.push(field);
      field = '';
    } else if (char !== '\r') {
      field += char;
    }
  }
  fields.push(field);
  return fields.map((each) => each.replace(/^\ufeff/, '')).filter((each) => /^[=+\-@\t\r]/.test(each));
}

/** Exit 0 done, 1 refused, 3 (`run` only) some mail not sent and retried next run; anything else is a crash. */
const isCrash = (outcome, command) =>
  outcome.signal !== null ||
  !(outcome.code === 0 || outcome.code === 1 || (outcome.code === 3 && command === 'run')) ||
  /Lỗi nội bộ|\n\s+at .+:\d+:\d+/.test(outcome.stderr);

/** The texts a file holds, whatever its kind: zipped parts (.xlsx, .docx), mail parts, raw text. */
async function textsOf(path) {
  const bytes = readFileSync(path);
  const texts = [bytes.toString('utf8'), bytes.toString('latin1')];
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      const zip = await JSZip.loadAsync(bytes);
      for (const entry of Object.values(zip.files)) if (!entry.dir) texts.push(await entry.async('string'));
    } catch {
      // Not a zip after all: the raw text is searched.
    }
  }
  if (path.endsWith('.eml')) {
    const mail = await simpleParser(bytes);
    texts.push(
      mail.subject ?? '',
      mail.text ?? '',
      String(mail.html ?? ''),
      JSON.stringify([...mail.headers]),
    );
  }
  return texts;
}

function filesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** An SMTP sink on 127.0.0.1 that accepts any login (or refuses every one), over plain text. */
async function startAuthSink(accept) {
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) =>
      accept ? callback(null, { user: auth.username }) : callback(new Error('Sai mật khẩu')),
    onData: (stream, _session, callback) => {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  server.on('error', () => {});
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.server.address().port, close: () => new Promise((r) => server.close(r)) };
}

/** Every command of the help (src/node/cli-usage.ts), so a new command cannot go untried. */
function commandsOfUsage(root) {
  const source = readFileSync(join(root, 'src', 'node', 'cli-usage.ts'), 'utf8');
  const lines = source.slice(source.indexOf('USAGE_LINES'), source.indexOf('/** Options every command'));
  return [...new Set([...lines.matchAll(/hannop ([a-z][a-z-]*)/g)].map((match) => match[1]))];
}

/**
 * The section. `tools` are the runner's own helpers: hannop(args, cwd, kill, env), fillContact,
 * pool. Returns the rows of the hostile-files table.
 */
export async function hostileFilesSection({ hannop, fillContact, pool, root, concurrency }) {
  const started = Date.now();
  const baseDir = mkdtempSync(join(tmpdir(), 'hannop-hostile-'));
  const problems = [];
  try {
    writeFileSync(join(baseDir, 'u.csv'), UNITS_CSV);
    const seed = join(baseDir, 'seed.xlsx');
    const init = await hannop(['init', '--workbook', seed, '--units', 'u.csv'], baseDir);
    if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
    await fillContact(seed);
    const plan = await headersOf(seed, 'Phản hồi Kế hoạch');
    const report = await headersOf(seed, 'Phản hồi Báo cáo');
    const goodAnswer = (title, index) => (index === 2 ? 'MNHM - Trường Mầm non Hoa Mai' : 'x');
    writeFileSync(
      join(baseDir, 'first.csv'),
      csv([plan, responseRow(plan, '28/03/2023 09:30:00', goodAnswer)]),
    );
    const first = await hannop(
      ['import', '--workbook', seed, '--form', 'ke-hoach', '--csv', 'first.csv'],
      baseDir,
    );
    if (first.code !== 0) throw new Error(`import failed: ${first.stderr}`);
    const base = readFileSync(seed);
    const more = csv([plan, responseRow(plan, '29/03/2023 08:00:00', goodAnswer)]);

    // 1. Hostile CSV exports given to `import`.
    const csvFiles = hostileCsvFiles(plan, report);
    const csvTrials = await pool(csvFiles, concurrency, async ([name, bytes], index) => {
      const dir = mkdtempSync(join(baseDir, `csv-${index}-`));
      writeFileSync(join(dir, 'w.xlsx'), base);
      writeFileSync(join(dir, 'x.csv'), bytes);
      const outcome = await hannop(
        ['import', '--workbook', 'w.xlsx', '--form', 'ke-hoach', '--csv', 'x.csv'],
        dir,
      );
      const after = readFileSync(join(dir, 'w.xlsx'));
      return { name, command: 'import', outcome, before: base, after, csv: null };
    });

    // 2. Hostile workbooks given to run, check, status, import, links.
    const commands = {
      run: ['run', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--outbox', 'outbox'],
      check: ['check', '--workbook', 'w.xlsx'],
      status: ['status', '--workbook', 'w.xlsx', '--as-of', AS_OF],
      import: ['import', '--workbook', 'w.xlsx', '--form', 'ke-hoach', '--csv', 'more.csv'],
      links: ['links', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--csv', 'links.csv'],
    };
    const workbooks = [];
    for (const [name, edit] of hostileWorkbooks()) workbooks.push([name, await applyEdit(base, edit)]);
    // The detector detects: the first workbook holds the formula cells it was given.
    if (((await formulaCells(workbooks[0][1])) ?? new Set()).size < 3)
      throw new Error('formula detector broken');
    // Every workbook to the daily run and to status; the two with formulas and hostile text to
    // every command that reads the workbook (each run is a Node start and an exceljs load).
    const workbookRuns = workbooks.flatMap(([name, bytes], index) =>
      (index < 2 ? Object.keys(commands) : ['run', 'status']).map((command) => ({ name, bytes, command })),
    );
    const workbookTrials = await pool(workbookRuns, concurrency, async ({ name, bytes, command }, index) => {
      const dir = mkdtempSync(join(baseDir, `wb-${index}-`));
      writeFileSync(join(dir, 'w.xlsx'), bytes);
      writeFileSync(join(dir, 'more.csv'), more);
      const outcome = await hannop(commands[command], dir);
      const after = readFileSync(join(dir, 'w.xlsx'));
      let linksCsv = null;
      try {
        linksCsv = readFileSync(join(dir, 'links.csv'), 'utf8');
      } catch {
        // No CSV written: the command refused, or was not `links`.
      }
      return { name, command, outcome, before: bytes, after, csv: linksCsv };
    });

    let crashes = 0;
    let formulas = 0;
    let partialWrites = 0;
    for (const trial of [...csvTrials, ...workbookTrials]) {
      const label = `${trial.command} «${trial.name}»`;
      if (isCrash(trial.outcome)) {
        crashes += 1;
        problems.push(
          `${label}: crash (exit ${trial.outcome.code ?? trial.outcome.signal}): ${trial.outcome.stderr.trim()}`,
        );
      }
      const changed = sha256(trial.before) !== sha256(trial.after);
      if (changed && (trial.outcome.code !== 0 || ['check', 'status'].includes(trial.command))) {
        partialWrites += 1;
        problems.push(
          `${label}: the workbook changed although the command ${trial.outcome.code !== 0 ? 'refused' : 'only reads'}`,
        );
      }
      if (changed) {
        const written = await formulasWritten(trial.before, trial.after);
        formulas += written.length;
        if (written.length > 0) problems.push(`${label}: formulas written: ${written.join(', ')}`);
      }
      if (trial.csv !== null) {
        const fields = csvFormulaFields(trial.csv);
        formulas += fields.length;
        if (fields.length > 0) problems.push(`${label}: CSV fields Excel would run: ${fields.join(' | ')}`);
      }
    }

    // 3. Every command with the marked password: in --smtp, --smtp-file, HANNOP_SMTP_URL.
    const secretRuns = await secretTrials({ hannop, pool, root, baseDir, base, more, concurrency });
    let secretsPrinted = 0;
    for (const trial of secretRuns) {
      if (isCrash(trial.outcome, trial.args[0])) {
        crashes += 1;
        problems.push(`${trial.name}: crash (exit ${trial.outcome.code}): ${trial.outcome.stderr.trim()}`);
      }
      const leaks = trial.leaks;
      secretsPrinted += leaks.length;
      if (leaks.length > 0) problems.push(`${trial.name}: password seen in ${leaks.join(', ')}`);
    }

    for (const problem of problems) console.error(problem.split(PASSWORD).join('***'));
    const slowest = [...csvTrials, ...workbookTrials, ...secretRuns]
      .sort((a, b) => b.outcome.ms - a.outcome.ms)
      .slice(0, 3)
      // The harness's own password never reaches its output either: the command line is shown without it.
      .map(
        (trial) =>
          `${trial.command ?? trial.args[0]} «${trial.name.split(PASSWORD).join('***')}» ${trial.outcome.ms} ms`,
      );
    console.error(`(slowest: ${slowest.join('; ')})`);
    const tried = csvFiles.length + workbooks.length;
    const runs = csvTrials.length + workbookTrials.length + secretRuns.length;
    console.error(
      `(hostile files: ${csvFiles.length} CSV exports, ${workbooks.length} workbooks, ${runs} runs, ${secretRuns.length} of them with the password, ${Math.round((Date.now() - started) / 1000)} s)`,
    );
    return [
      {
        section: `${csvFiles.length} tệp CSV cho «import», ${workbooks.length} bảng tính cho run, check, status, import, links; mọi lệnh với mật khẩu SMTP được đánh dấu`,
        tried,
        runs,
        crashes,
        formulas,
        partialWrites,
        secretsPrinted,
      },
    ];
  } finally {
    rmSync(baseDir, { recursive: true, force: true });
  }
}

async function secretTrials({ hannop, pool, root, baseDir, base, more, concurrency }) {
  const accepting = await startAuthSink(true);
  const refusing = await startAuthSink(false);
  try {
    const url = (port) => `smtp://thu@pgd.example:${PASSWORD}@127.0.0.1:${port}`;
    const encoded = (port) =>
      `smtp://${encodeURIComponent('thu@pgd.example')}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`;
    const env = { HANNOP_SMTP_URL: url(accepting.port) };
    const recipes = {
      init: [['init', '--workbook', 'moi.xlsx', '--units', 'u.csv']],
      import: [['import', '--workbook', 'w.xlsx', '--form', 'ke-hoach', '--csv', 'more.csv']],
      run: [
        ['run', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--smtp', url(accepting.port)],
        ['run', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--smtp', encoded(refusing.port)],
        ['run', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--smtp', url(refusing.port), '--json'],
        ['run', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--smtp-file', 'smtp.txt'],
        ['run', '--workbook', 'w.xlsx', '--as-of', AS_OF],
        ['run', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--dry-run', '--smtp', url(accepting.port)],
        ['run', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--smtp', `smtp://thu:${PASSWORD}@`],
        ['run', '--spreadsheet', 'x', '--credentials', 'khong-co.json', '--smtp', url(accepting.port)],
      ],
      status: [['status', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--json']],
      report: [
        ['report', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--html', 'r.html'],
        ['report', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--docx', 'r.docx'],
      ],
      check: [['check', '--workbook', 'w.xlsx']],
      recheck: [['recheck', '--workbook', 'w.xlsx', '--as-of', AS_OF]],
      codes: [['codes', '--workbook', 'w.xlsx']],
      links: [['links', '--workbook', 'w.xlsx', '--as-of', AS_OF, '--csv', 'l.csv']],
      'new-year': [['new-year', '--workbook', 'w.xlsx', '--year', '2024']],
      demo: [
        [
          'demo',
          '--workbook',
          'demo.xlsx',
          '--outbox',
          'hop-thu',
          '--from',
          '2023-03-27',
          '--to',
          '2023-03-28',
        ],
      ],
    };
    const commands = commandsOfUsage(root);
    const untried = commands.filter((command) => !recipes[command]);
    if (untried.length > 0) throw new Error(`no secret recipe for: ${untried.join(', ')}`);
    const runs = [];
    for (const command of commands) {
      for (const args of recipes[command]) {
        runs.push({ name: args.join(' '), args, env });
        // The commands that take no SMTP URL, given one anyway: the refusal must not echo it.
        if (command !== 'run')
          runs.push({
            name: `${args.join(' ')} --smtp …`,
            args: [...args, '--smtp', url(accepting.port)],
            env,
          });
      }
    }
    runs.push(
      { name: 'hannop --help', args: ['--help'], env },
      { name: 'hannop --version', args: ['--version'], env },
    );
    return await pool(runs, concurrency, async (trial, index) => {
      const dir = mkdtempSync(join(baseDir, `secret-${index}-`));
      writeFileSync(join(dir, 'w.xlsx'), base);
      writeFileSync(join(dir, 'more.csv'), more);
      writeFileSync(join(dir, 'u.csv'), UNITS_CSV);
      writeFileSync(join(dir, 'smtp.txt'), `${url(accepting.port)}\n`);
      // Readable by others: the warning path, which names the file and must not show its content.
      chmodSync(join(dir, 'smtp.txt'), 0o644);
      const outcome = await hannop(trial.args, dir, undefined, trial.env);
      const leaks = [];
      for (const [where, text] of [
        ['stdout', outcome.stdout],
        ['stderr', outcome.stderr],
      ]) {
        if (SECRET_MARKS.some((mark) => text.includes(mark))) leaks.push(where);
      }
      for (const file of filesUnder(dir)) {
        if (file.endsWith('smtp.txt')) {
          // The detector detects: the file given on purpose holds the password.
          if (!(await textsOf(file)).some((text) => text.includes(SECRET_MARKS[0])))
            throw new Error('secret detector broken');
          continue;
        }
        if (!statSync(file).isFile()) continue;
        const texts = await textsOf(file);
        if (texts.some((text) => SECRET_MARKS.some((mark) => text.includes(mark))))
          leaks.push(file.slice(dir.length + 1));
      }
      return { name: trial.name, args: trial.args, outcome, leaks };
    });
  } finally {
    await accepting.close();
    await refusing.close();
  }
}

export function hostileTable(rows) {
  const header = [
    'Thử nghiệm',
    'Tệp độc hại',
    'Lần chạy',
    'Lỗi nội bộ',
    'Công thức được ghi',
    'Ghi dở',
    'Mật khẩu bị in ra',
  ];
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map(
      (row) =>
        `| ${[row.section, row.tried, row.runs, row.crashes, row.formulas, row.partialWrites, row.secretsPrinted].join(' | ')} |`,
    ),
  ].join('\n');
}

export const isHostileRow = (row) => 'secretsPrinted' in row;
export const hostileRowFailed = (row) =>
  row.crashes > 0 || row.formulas > 0 || row.partialWrites > 0 || row.secretsPrinted > 0;
