// Hostile .xlsx workbooks, whole, given to `hannop run`, `check`, `status` and `import` (docs/
// decisions.md, "Hostile files"): sheets missing or renamed, columns missing, renamed or twice,
// real formula cells, cells of formulas as text, HTML, invisible and control characters, cells
// over Excel's limit. Every command exits 0 or refuses with a Vietnamese sentence (exit 1), never
// crashes (exit 2), never writes a formula, and leaves the file byte for byte as it was when it
// refuses (and always, for the commands that only read). fast-check runs with the fixed
// HOSTILE_SEED; a failure prints its seed and path, which replay it (test/node/hostile-files.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import fc from 'fast-check';
import { PLAN_FORM, responseColumns } from '../../src/domain/forms';
import { vietnamInstant } from '../../src/domain/time';
import { formatCsv } from '../../src/node/csv';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { GOOD_PLAN } from '../domain/forms/form-fixture';
import { runCli, UNITS_CSV } from './cli-runner';
import { fillContact } from './filled-contact';
import {
  HOSTILE_SEED,
  hostileRuns,
  hostileText,
  hugeText,
  newFormulaCells,
  sha256,
  VIETNAMESE,
} from './hostile-files';

const NOW = vietnamInstant('2023-03-29', 9);

const planRow = (at: string, changes: Readonly<Record<string, string>> = {}) => [
  at,
  'mnhm@truong.example.edu.vn',
  ...PLAN_FORM.questions.map((question) => String({ ...GOOD_PLAN, ...changes }[question.key] ?? '')),
];

/** Real formula cells, as a person (or an attacker) types them in Excel. */
const FORMULAS: readonly ExcelJS.CellFormulaValue[] = [
  { formula: '1+1', result: 2, date1904: false },
  { formula: 'HYPERLINK("http://evil.example/","Bấm vào đây")', result: 'Bấm vào đây', date1904: false },
  { formula: 'A1&"x"', result: undefined as unknown as string, date1904: false },
  { formula: '1/0', result: { error: '#DIV/0!' }, date1904: false },
  { formula: 'NOW()', result: new Date('2023-03-28T02:30:00Z'), date1904: false },
];

type Mutation =
  | { readonly kind: 'delete-sheet'; readonly sheet: number }
  | { readonly kind: 'rename-sheet'; readonly sheet: number }
  | { readonly kind: 'rename-header'; readonly sheet: number; readonly column: number }
  | { readonly kind: 'delete-column'; readonly sheet: number; readonly column: number }
  | { readonly kind: 'duplicate-column'; readonly sheet: number; readonly column: number }
  | {
      readonly kind: 'text';
      readonly sheet: number;
      readonly row: number;
      readonly column: number;
      readonly text: string;
    }
  | {
      readonly kind: 'formula';
      readonly sheet: number;
      readonly row: number;
      readonly column: number;
      readonly formula: number;
    };

const place = { sheet: fc.nat({ max: 30 }), row: fc.nat({ max: 40 }), column: fc.nat({ max: 40 }) };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete-sheet' as const), sheet: place.sheet }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename-sheet' as const), sheet: place.sheet }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('rename-header' as const, 'delete-column' as const, 'duplicate-column' as const),
      sheet: place.sheet,
      column: place.column,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      ...place,
      text: fc.oneof({ weight: 9, arbitrary: hostileText }, { weight: 1, arbitrary: hugeText }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('formula' as const),
      ...place,
      formula: fc.nat({ max: FORMULAS.length - 1 }),
    }),
  },
);

type Command = 'run' | 'check' | 'status' | 'import';
const COMMAND_ARGS: Readonly<Record<Command, readonly string[]>> = {
  run: ['run', '--workbook', 'w.xlsx', '--as-of', '2023-04-03', '--outbox', 'outbox'],
  check: ['check', '--workbook', 'w.xlsx'],
  status: ['status', '--workbook', 'w.xlsx', '--as-of', '2023-04-03'],
  import: ['import', '--workbook', 'w.xlsx', '--form', 'ke-hoach', '--csv', 'more.csv'],
};
/** Commands that only read: the file must never change, whatever it holds. */
const READ_ONLY: ReadonlySet<Command> = new Set(['check', 'status']);

/** The workbook with the mutations applied, as exceljs saves it (as Excel would). */
async function mutated(base: Buffer, mutations: readonly Mutation[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(base as unknown as ArrayBuffer);
  for (const change of mutations) {
    const sheets = workbook.worksheets;
    if (sheets.length === 0) break;
    const sheet = sheets[change.sheet % sheets.length] as ExcelJS.Worksheet;
    const width = Math.max(1, sheet.columnCount);
    const height = Math.max(1, sheet.rowCount);
    const column = 'column' in change ? (change.column % width) + 1 : 1;
    const row = 'row' in change ? (change.row % (height + 1)) + 1 : 1;
    switch (change.kind) {
      case 'delete-sheet':
        workbook.removeWorksheet(sheet.id);
        break;
      case 'rename-sheet':
        sheet.name = `${sheet.name.slice(0, 29)} 2`;
        break;
      case 'rename-header':
        sheet.getCell(1, column).value = `${String(sheet.getCell(1, column).value ?? '')}x`;
        break;
      case 'delete-column':
        sheet.spliceColumns(column, 1);
        break;
      case 'duplicate-column':
        sheet.getCell(1, width + 1).value = sheet.getCell(1, column).value;
        for (let index = 2; index <= height; index += 1) sheet.getCell(index, width + 1).value = '=1+1';
        break;
      case 'text':
        sheet.getCell(row, column).value = change.text === '' ? null : change.text;
        break;
      case 'formula':
        sheet.getCell(row, column).value = FORMULAS[change.formula] as ExcelJS.CellFormulaValue;
        break;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let dir: string;
let base: Buffer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-hostile-workbook-'));
  writeFileSync(join(dir, 'u.csv'), UNITS_CSV);
  const io = { now: () => NOW, cwd: dir };
  expect((await runCli(['init', '--workbook', 'base.xlsx', '--units', 'u.csv'], io)).code).toBe(0);
  writeFileSync(
    join(dir, 'first.csv'),
    formatCsv([
      responseColumns(PLAN_FORM),
      planRow('28/03/2023 09:30:00'),
      planRow('28/03/2023 10:30:00', {
        reporter: '=HYPERLINK("http://evil.example","x")',
        notes: '<b>đậm</b>',
      }),
    ]),
  );
  const imported = await runCli(
    ['import', '--workbook', 'base.xlsx', '--form', 'ke-hoach', '--csv', 'first.csv'],
    io,
  );
  expect(imported.code).toBe(0);
  writeFileSync(
    join(dir, 'more.csv'),
    formatCsv([responseColumns(PLAN_FORM), planRow('29/03/2023 08:00:00', { notes: '@SUM(A1)' })]),
  );
  // The department's real contact, so that `check` can pass and `run` behaves as in real use.
  await fillContact(join(dir, 'base.xlsx'));
  base = readFileSync(join(dir, 'base.xlsx'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile workbooks given to hannop run, check, status and import', () => {
  it('exit 0 with no formula written, or 1 in Vietnamese with the file as it was; never a crash', async () => {
    let index = 0;
    const seen = { 0: 0, 1: 0 };
    const checked = { 0: 0, 1: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.constantFrom<Command>('run', 'check', 'status', 'import'),
        async (mutations, command) => {
          index += 1;
          const t0 = Date.now();
          const before = await mutated(base, mutations);
          writeFileSync(join(dir, 'w.xlsx'), before);
          const outcome = await runCli(COMMAND_ARGS[command], { now: () => NOW, cwd: dir });
          const after = readFileSync(join(dir, 'w.xlsx'));
          // HOSTILE_LOG=1 shows each command's time and answer, to see what the files exercise.
          if (process.env.HOSTILE_LOG)
            process.stderr.write(
              `${command} ${Date.now() - t0}ms code ${outcome.code} ${outcome.stderr.slice(0, 150)}\n`,
            );
          expect({
            run: index,
            command,
            code: outcome.code,
            internal: /Lỗi nội bộ/.test(outcome.stderr),
          }).toEqual({ run: index, command, code: outcome.code === 0 ? 0 : 1, internal: false });
          seen[outcome.code as 0 | 1] += 1;
          if (command === 'check') checked[outcome.code as 0 | 1] += 1;
          if (outcome.code === 1 || READ_ONLY.has(command)) {
            if (outcome.code === 1) expect(`${outcome.stderr}${outcome.stdout}`).toMatch(VIETNAMESE);
            expect(sha256(after)).toBe(sha256(before));
            return;
          }
          expect(await newFormulaCells(before, after)).toEqual([]);
          await XlsxWorkbook.open(join(dir, 'w.xlsx'));
        },
      ),
      { seed: HOSTILE_SEED, numRuns: hostileRuns(24) },
    );
    expect(seen[0]).toBeGreaterThan(4);
    expect(seen[1]).toBeGreaterThan(4);
    expect(checked[0]).toBeGreaterThan(0);
  }, 120000);

  it('refuses a file that is no workbook, or a broken one, in Vietnamese and leaves it as it was', async () => {
    const damage = fc.oneof(
      fc.record({
        kind: fc.constant('truncate' as const),
        at: fc.double({ min: 0, max: 0.99, noNaN: true }),
      }),
      fc.record({
        kind: fc.constant('overwrite' as const),
        at: fc.double({ min: 0, max: 0.99, noNaN: true }),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
      }),
      fc.record({
        kind: fc.constant('other' as const),
        bytes: fc.constantFrom(
          Buffer.alloc(0),
          Buffer.from('Mã đơn vị,Tên đơn vị\r\n', 'utf8'),
          Buffer.from('<html><body>=1+1</body></html>'),
          Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]),
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        damage,
        fc.constantFrom<Command>('run', 'check', 'status', 'import'),
        async (hurt, command) => {
          const before =
            hurt.kind === 'other'
              ? hurt.bytes
              : hurt.kind === 'truncate'
                ? base.subarray(0, Math.floor(base.length * hurt.at))
                : Buffer.concat([
                    base.subarray(0, Math.floor(base.length * hurt.at)),
                    Buffer.from(hurt.bytes),
                    base.subarray(Math.floor(base.length * hurt.at) + hurt.bytes.length),
                  ]);
          writeFileSync(join(dir, 'w.xlsx'), before);
          const outcome = await runCli(COMMAND_ARGS[command], { now: () => NOW, cwd: dir });
          expect({ code: outcome.code, internal: /Lỗi nội bộ/.test(outcome.stderr) }).toEqual({
            code: outcome.code === 0 ? 0 : 1,
            internal: false,
          });
          if (outcome.code === 1) expect(`${outcome.stderr}${outcome.stdout}`).toMatch(VIETNAMESE);
          // A few bytes overwritten in a part exceljs never reads may leave a workbook that opens.
          if (outcome.code === 1 || READ_ONLY.has(command))
            expect(sha256(readFileSync(join(dir, 'w.xlsx')))).toBe(sha256(before));
        },
      ),
      { seed: HOSTILE_SEED, numRuns: hostileRuns(16) },
    );
  }, 120000);
});
