// `hannop import` refuses a file that is not the export it should be, before reading a row: exit 1,
// a Vietnamese sentence, the workbook byte for byte as it was.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLAN_FORM, REPORT_FORM, responseColumns } from '../../src/domain/forms';
import { SAVE_AS_CSV_UTF8 } from '../../src/domain/export-check';
import { vietnamInstant } from '../../src/domain/time';
import { formatCsv } from '../../src/node/csv';
import { GOOD_PLAN, GOOD_REPORT } from '../domain/forms/form-fixture';
import { runCli, UNITS_CSV } from './cli-runner';

const NOW = vietnamInstant('2023-03-25', 9);

const planRow = (changes: Readonly<Record<string, string>> = {}) => [
  '28/03/2023 09:30:00',
  'mnhm@truong.example.edu.vn',
  ...PLAN_FORM.questions.map((question) => String({ ...GOOD_PLAN, ...changes }[question.key] ?? '')),
];
const PLAN_CSV = formatCsv([responseColumns(PLAN_FORM), planRow()]);

let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hannop-import-check-'));
  writeFileSync(join(dir, 'u.csv'), UNITS_CSV);
  expect(
    (await runCli(['init', '--workbook', 'w.xlsx', '--units', 'u.csv'], { now: () => NOW, cwd: dir })).code,
  ).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const hashOf = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(dir, file)))
    .digest('hex');

async function importBytes(bytes: Uint8Array | string, form = 'ke-hoach') {
  writeFileSync(join(dir, 'x.csv'), bytes);
  const before = hashOf('w.xlsx');
  const outcome = await runCli(['import', '--workbook', 'w.xlsx', '--form', form, '--csv', 'x.csv'], {
    now: () => NOW,
    cwd: dir,
  });
  return { ...outcome, unchanged: hashOf('w.xlsx') === before };
}

function utf16le(text: string, bom = true): Buffer {
  return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
}

describe('hannop import checks the file before reading a row', () => {
  it('imports a good export, with or without a BOM, with CRLF', async () => {
    expect((await importBytes(`\ufeff${PLAN_CSV}`)).stdout).toBe(
      'Đã thêm 1 phản hồi vào «w.xlsx» (0 phản hồi đã có từ trước).\n',
    );
    expect((await importBytes(PLAN_CSV)).stdout.split('\n')[0]).toBe(
      'Đã thêm 0 phản hồi vào «w.xlsx» (1 phản hồi đã có từ trước).',
    );
  });

  const cases: [string, () => Uint8Array | string, string, string?][] = [
    ['a 0-byte file', () => '', '«x.csv»: tệp trống, không có dòng nào để nhập.'],
    [
      'a file of only a BOM and blank lines',
      () => '\ufeff\r\n\r\n',
      '«x.csv»: tệp trống, không có dòng nào để nhập.',
    ],
    [
      'UTF-16 LE with a BOM (Excel «Unicode text»)',
      () => utf16le(PLAN_CSV.replace(/,/g, '\t')),
      `«x.csv»: tệp được lưu dưới dạng UTF-16 (Excel gọi là «Văn bản Unicode»), không phải CSV UTF-8: ${SAVE_AS_CSV_UTF8}.`,
    ],
    [
      'UTF-16 LE without a BOM',
      () => utf16le(PLAN_CSV, false),
      `«x.csv»: tệp được lưu dưới dạng UTF-16 (Excel gọi là «Văn bản Unicode»), không phải CSV UTF-8: ${SAVE_AS_CSV_UTF8}.`,
    ],
    [
      'UTF-16 BE with a BOM',
      () =>
        Buffer.from(utf16le(PLAN_CSV, false).swap16()).reduce(
          (all, byte) => Buffer.concat([all, Buffer.from([byte])]),
          Buffer.from([0xfe, 0xff]),
        ),
      `«x.csv»: tệp được lưu dưới dạng UTF-16 (Excel gọi là «Văn bản Unicode»), không phải CSV UTF-8: ${SAVE_AS_CSV_UTF8}.`,
    ],
    [
      'Windows-1258 (ờ as 0xF2 0xEC)',
      () => Buffer.from(PLAN_CSV.replace(/[^ -~\r\n]/g, '\xf2'), 'latin1'),
      `«x.csv»: tệp không phải văn bản UTF-8 (có thể là Windows-1258, TCVN3 hoặc bảng mã khác; đọc tiếp sẽ làm hỏng chữ có dấu): ${SAVE_AS_CSV_UTF8}.`,
    ],
    [
      'semicolon-separated',
      () => formatCsv([responseColumns(PLAN_FORM), planRow()]).replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, ';'),
      `«x.csv»: các cột được phân cách bằng dấu chấm phẩy (;), không phải dấu phẩy: ${SAVE_AS_CSV_UTF8}.`,
    ],
    [
      'tab-separated',
      () =>
        [
          responseColumns(PLAN_FORM).join('\t'),
          planRow()
            .map((cell) => cell.replace(/\n/g, ' '))
            .join('\t'),
        ].join('\r\n'),
      `«x.csv»: các cột được phân cách bằng dấu tab, không phải dấu phẩy: ${SAVE_AS_CSV_UTF8}.`,
    ],
    [
      'an unterminated quote',
      () => `${PLAN_CSV}28/03/2023 10:00:00,mnhm@truong.example.edu.vn,"Hoa Mai\r\nnữa\r\n`,
      `«x.csv»: dấu ngoặc kép (") mở ở dòng ${PLAN_CSV.split('\n').length} không được đóng, phần còn lại của tệp sẽ dồn vào một ô: tệp có thể bị cắt dở hoặc bị sửa tay; hãy tải lại tệp xuất từ biểu mẫu.`,
    ],
    [
      'the report export given as the plan',
      () =>
        formatCsv([
          responseColumns(REPORT_FORM),
          [
            '20/04/2023 09:30:00',
            'mnhm@truong.example.edu.vn',
            ...REPORT_FORM.questions.map((question) => String(GOOD_REPORT[question.key] ?? '')),
          ],
        ]),
      '«x.csv»: đây là tệp xuất của biểu mẫu «Báo cáo», không phải «Kế hoạch»: nhập bằng --form bao-cao, hoặc chọn đúng tệp xuất của biểu mẫu «Kế hoạch».',
    ],
    [
      'the plan export given as the report',
      () => PLAN_CSV,
      '«x.csv»: đây là tệp xuất của biểu mẫu «Kế hoạch», không phải «Báo cáo»: nhập bằng --form ke-hoach, hoặc chọn đúng tệp xuất của biểu mẫu «Báo cáo».',
      'bao-cao',
    ],
    [
      'a required header with a typo',
      () => PLAN_CSV.replace('Số điện thoại liên hệ', 'Số điện thọai liên hệ'),
      '«x.csv»: thiếu cột của câu hỏi bắt buộc «Số điện thoại liên hệ» của biểu mẫu «Kế hoạch» (tiêu đề cột có thể đã bị sửa): hãy dùng đúng tệp xuất từ biểu mẫu, không sửa dòng tiêu đề.',
    ],
    [
      'an answer longer than an Excel cell holds',
      () => formatCsv([responseColumns(PLAN_FORM), planRow({ notes: 'x'.repeat(40000) })]),
      '«x.csv», dòng 2, cột «Ghi chú»: câu trả lời dài 40.000 ký tự, quá 32.767 ký tự một ô chứa được; đề nghị đơn vị rút gọn (hoặc gửi tệp đính kèm qua đường dẫn) rồi nộp lại.',
    ],
    [
      'a question column twice (which one holds the answer?)',
      () =>
        formatCsv([
          [...responseColumns(PLAN_FORM), 'Ghi chú'],
          [...planRow({ notes: 'ghi chú thật' }), 'ghi chú khác'],
        ]),
      '«x.csv»: có hai cột «Ghi chú»: không biết câu trả lời ở cột nào là đúng; hãy dùng đúng tệp xuất từ biểu mẫu, không sửa dòng tiêu đề.',
    ],
    [
      'an .xlsx workbook named .csv',
      () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]),
      `«x.csv»: đây là tệp Excel (.xlsx), không phải CSV: ${SAVE_AS_CSV_UTF8}.`,
    ],
  ];

  it.each(cases.map(([name, bytes, message, form]) => [name, bytes, message, form ?? 'ke-hoach'] as const))(
    'refuses %s: exit 1, the reason in Vietnamese, the workbook untouched',
    async (_name, bytes, message, form) => {
      const outcome = await importBytes(bytes(), form);
      expect(outcome).toEqual({ code: 1, stdout: '', stderr: `Lỗi: ${message}\n`, unchanged: true });
    },
  );
});
