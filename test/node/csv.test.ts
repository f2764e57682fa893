import fc from 'fast-check';
import { csvTable, formatCsv, parseCsv } from '../../src/node/csv';

describe('parseCsv', () => {
  it('splits rows and fields', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('reads a last row without a line break', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text = 'Tên,Ghi chú\n"Trường A, cơ sở 2","Dòng 1\nDòng 2 ""trích"""\n';
    expect(parseCsv(text)).toEqual([
      ['Tên', 'Ghi chú'],
      ['Trường A, cơ sở 2', 'Dòng 1\nDòng 2 "trích"'],
    ]);
  });

  it('keeps a CRLF inside a quoted field and ends rows at CRLF outside quotes', () => {
    expect(parseCsv('a,b\r\n"x\r\ny",z\r\n')).toEqual([
      ['a', 'b'],
      ['x\r\ny', 'z'],
    ]);
  });

  it('reads files with CRLF line ends as files with LF', () => {
    expect(parseCsv('a,b\r\n1,2\r\n3,4\r\n')).toEqual(parseCsv('a,b\n1,2\n3,4\n'));
  });

  it('drops the UTF-8 byte order mark of the first header', () => {
    const [headers] = parseCsv('\ufeffMã đơn vị,Tên đơn vị\nA,B\n');
    expect(headers).toEqual(['Mã đơn vị', 'Tên đơn vị']);
  });

  it('keeps empty fields, including a quoted empty field at the end of a row', () => {
    expect(parseCsv('a,,c\n,"",\n1,2,""')).toEqual([
      ['a', '', 'c'],
      ['1', '2', ''],
    ]);
  });

  it('drops blank lines and rows whose every field is blank', () => {
    expect(parseCsv('a,b\n\n , \n1,2\n\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps a quote inside an unquoted field as it is', () => {
    expect(parseCsv('a,5" màn hình\n')).toEqual([['a', '5" màn hình']]);
  });

  it('reads back what formatCsv wrote, whatever the text', () => {
    // A byte order mark is dropped only at the very start of a file, which is tested above.
    const field = fc.string({ unit: 'binary', maxLength: 20 }).map((text) => text.replace(/\ufeff/g, ''));
    const row = fc.array(field, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => {
        const kept = rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
        const parsed = parseCsv(formatCsv(rows));
        expect(parsed).toEqual(kept);
      }),
      { numRuns: 300 },
    );
  });
});

describe('csvTable', () => {
  it('takes the first row as headers, in NFC and trimmed', () => {
    const nfd = 'Mã đơn vị'.normalize('NFD');
    const table = csvTable('don-vi.csv', `\ufeff ${nfd} ,Email\r\nMNHM,a@example.edu.vn\r\n`);
    expect(table).toEqual({
      name: 'don-vi.csv',
      headers: ['Mã đơn vị', 'Email'],
      rows: [['MNHM', 'a@example.edu.vn']],
    });
  });

  it('gives an empty table for an empty file', () => {
    expect(csvTable('rong.csv', '')).toEqual({ name: 'rong.csv', headers: [], rows: [] });
  });
});

describe('formatCsv', () => {
  it('quotes only the fields that need it and ends every row with CRLF', () => {
    expect(
      formatCsv([
        ['a', 'b,c'],
        ['say "hi"', 'x\ny'],
      ]),
    ).toBe('a,"b,c"\r\n"say ""hi""","x\ny"\r\n');
  });
});
