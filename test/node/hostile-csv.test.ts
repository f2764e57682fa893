// Hostile CSV files, whole, fed to `hannop import` and the readers under it (docs/decisions.md,
// "Hostile files"): every file is either imported right (each row, each answer as the file holds
// it, read back from the saved .xlsx) or refused with a Vietnamese sentence, never a crash, never a
// formula in a cell, never a partial write. fast-check runs with the fixed HOSTILE_SEED; a failure
// prints its seed and path, which replay it (test/node/hostile-files.ts).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { importResponses } from '../../src/app/import-responses';
import { RESPONSE_SHEET } from '../../src/app/sheet-response-source';
import { FORM_SPECS } from '../../src/domain/intake';
import { InputError } from '../../src/domain/problems';
import { vietnamInstant } from '../../src/domain/time';
import { readCsvFile } from '../../src/node/csv';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { MemoryLock } from '../fakes/memory-lock';
import { runCli, UNITS_CSV } from './cli-runner';
import {
  csvFileOf,
  csvModel,
  HOSTILE_SEED,
  hostileRuns,
  newFormulaCells,
  sha256,
  storedInXlsx,
  VIETNAMESE,
  type CsvFile,
  type CsvModel,
} from './hostile-files';

const NOW = vietnamInstant('2023-03-29', 9);
const REPO = join(__dirname, '..', '..');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-hostile-csv-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** What a correct `import` does with the file: the refusal it must give, or `imported`. */
function expectedOf(model: CsvModel, file: CsvFile): RegExp | 'imported' | 'either' {
  if (model.encoding.startsWith('utf16')) return /UTF-16/;
  if (model.encoding === 'invalid-utf8') return /không phải văn bản UTF-8/;
  if (model.encoding === 'windows-1258' && /[^ -~\t\r\n]/.test(file.text)) {
    // A code page's bytes may happen to spell valid UTF-8: then it is read as that (garbled) text.
    return isValidUtf8(file.bytes) ? 'either' : /không phải văn bản UTF-8/;
  }
  if (model.quoting === 'unclosed') return /dấu ngoặc kép \("\) mở ở dòng \d+ không được đóng/;
  if (model.header === 'other-form') return /đây là tệp xuất của biểu mẫu/;
  if (model.header === 'typo' || model.header === 'missing') return /thiếu cột của câu hỏi bắt buộc/;
  if (model.header === 'duplicate') return /có hai cột «[^»]+»: không biết câu trả lời ở cột nào là đúng/;
  if (model.header === 'only-header') return 'imported';
  if (model.huge) return /quá 32\.767 ký tự một ô chứa được/;
  if (model.badTimestampRow !== null) return /«=NOW\(\)» không phải là dấu thời gian hợp lệ/;
  return 'imported';
}

type Outcome =
  | { readonly kind: 'imported'; readonly added: number; readonly saved: string }
  | { readonly kind: 'refused'; readonly message: string };

/** `hannop import` in-process, below the command line: the file checks, the import, a real save. */
async function importInProcess(bytes: Buffer, form: CsvModel['form'], index: number): Promise<Outcome> {
  const csvPath = join(dir, `in-${index}.csv`);
  writeFileSync(csvPath, bytes);
  try {
    const table = readCsvFile(csvPath, form, 'x.csv');
    const workbook = XlsxWorkbook.createEmpty();
    const summary = importResponses({ workbook, lock: new MemoryLock() }, form, table);
    const saved = join(dir, `out-${index}.xlsx`);
    if (summary.added > 0) await workbook.saveAs(saved);
    return { kind: 'imported', added: summary.added, saved };
  } catch (error) {
    // A refusal is an InputError: any other error is a crash of hannop.
    if (!(error instanceof InputError)) throw error;
    return { kind: 'refused', message: error.message };
  }
}

/** The saved workbook holds every row of the file, each answer as the file holds it. */
async function expectRowsKept(model: CsvModel, file: CsvFile, saved: string): Promise<void> {
  const reopened = await XlsxWorkbook.open(saved);
  const sheet = RESPONSE_SHEET[model.form];
  const table = reopened.read([sheet]).get(sheet);
  expect(table?.rows).toHaveLength(file.answers.length);
  const questions = FORM_SPECS[model.form].questions;
  file.answers.forEach((answers, rowIndex) => {
    questions.forEach((question, questionIndex) => {
      const column = table?.headers.indexOf(question.title) ?? -1;
      const cell = table?.rows[rowIndex]?.[column] ?? null;
      const stored = cell === null ? '' : String(cell);
      expect({ row: rowIndex, question: question.title, stored }).toEqual({
        row: rowIndex,
        question: question.title,
        stored: storedInXlsx(answers[questionIndex] as string),
      });
    });
  });
}

describe('hostile CSV files given to hannop import', () => {
  it('imports every file right or refuses it in Vietnamese, whatever its bytes (in-process)', async () => {
    let index = 0;
    const seen = { imported: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(csvModel, async (model) => {
        const file = csvFileOf(model);
        const outcome = await importInProcess(file.bytes, model.form, (index += 1));
        const expected = expectedOf(model, file);
        seen[outcome.kind] += 1;
        if (outcome.kind === 'refused') {
          expect(outcome.message).toMatch(VIETNAMESE);
          if (expected !== 'either') expect(outcome.message).toMatch(expected as RegExp);
          return;
        }
        if (expected === 'either') return;
        expect(expected).toBe('imported');
        expect(outcome.added).toBe(model.header === 'only-header' ? 0 : file.answers.length);
        if (outcome.added > 0) await expectRowsKept(model, file, outcome.saved);
      }),
      { seed: HOSTILE_SEED, numRuns: hostileRuns(150) },
    );
    // The files cover both ends: many imported, many refused.
    expect(seen.imported).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(20);
  });
});

describe('hostile CSV files through the command line', () => {
  let base: Buffer;
  beforeAll(async () => {
    writeFileSync(join(dir, 'u.csv'), UNITS_CSV);
    const init = await runCli(['init', '--workbook', 'base.xlsx', '--units', 'u.csv'], {
      now: () => NOW,
      cwd: dir,
    });
    expect(init.code).toBe(0);
    base = readFileSync(join(dir, 'base.xlsx'));
  });

  it('exits 0 with no formula written, or 1 with the workbook byte for byte as it was', async () => {
    let index = 0;
    await fc.assert(
      fc.asyncProperty(csvModel, async (model) => {
        index += 1;
        writeFileSync(join(dir, 'w.xlsx'), base);
        writeFileSync(join(dir, 'x.csv'), csvFileOf(model).bytes);
        const form = model.form === 'plan' ? 'ke-hoach' : 'bao-cao';
        const outcome = await runCli(['import', '--workbook', 'w.xlsx', '--form', form, '--csv', 'x.csv'], {
          now: () => NOW,
          cwd: dir,
        });
        const after = readFileSync(join(dir, 'w.xlsx'));
        expect({ run: index, code: outcome.code, internal: outcome.stderr.includes('Lỗi nội bộ') }).toEqual({
          run: index,
          code: outcome.code === 0 ? 0 : 1,
          internal: false,
        });
        if (outcome.code === 1) {
          expect(outcome.stderr).toMatch(/^Lỗi: /);
          expect(outcome.stderr).toMatch(VIETNAMESE);
          expect(sha256(after)).toBe(sha256(base));
          return;
        }
        expect(await newFormulaCells(base, after)).toEqual([]);
        expect((await XlsxWorkbook.open(join(dir, 'w.xlsx'))).path).not.toBeNull();
      }),
      { seed: HOSTILE_SEED, numRuns: hostileRuns(20) },
    );
  });

  it('gives the same answers from a real process (bin/hannop.js)', () => {
    // Few: each costs a Node start and exceljs' load; the in-process properties above do the many.
    const cases: [string, CsvModel, number][] = [
      ['formulas, HTML and controls in answers', model({}), 0],
      ['UTF-16 LE', model({ encoding: 'utf16le-bom' }), 1],
    ];
    for (const [name, hostile, code] of cases) {
      copyFileSync(join(dir, 'base.xlsx'), join(dir, 'p.xlsx'));
      writeFileSync(join(dir, 'p.csv'), csvFileOf(hostile).bytes);
      const result = spawnSync(
        process.execPath,
        [
          join(REPO, 'bin', 'hannop.js'),
          'import',
          '--workbook',
          'p.xlsx',
          '--form',
          'ke-hoach',
          '--csv',
          'p.csv',
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect({ name, code: result.status, internal: result.stderr.includes('Lỗi nội bộ') }).toEqual({
        name,
        code,
        internal: false,
      });
      if (code === 1) expect(sha256(readFileSync(join(dir, 'p.xlsx')))).toBe(sha256(base));
    }
  });
});

function model(changes: Partial<CsvModel>): CsvModel {
  return {
    form: 'plan',
    encoding: 'utf8',
    newline: '\r\n',
    header: 'right',
    quoting: 'minimal',
    rows: [
      [
        { question: 2, text: '=HYPERLINK("http://evil.example","x")' },
        { question: 3, text: '<script>alert(1)</script>' },
        { question: 12, text: '\u202eđảo\u202c \u0007 @SUM(A1)' },
      ],
    ],
    badTimestampRow: null,
    huge: null,
    ...changes,
  };
}
