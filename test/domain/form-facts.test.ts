import { readFormFacts, formLinksOf } from '../../src/domain/form-facts';
import { FORM_FACT_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import type { CellValue, Table } from '../../src/domain/table';
import { makeUnit } from '../fakes/campaign-fixture';

const URL = 'https://docs.google.com/forms/d/e/1FAIpQLSdVD/viewform';

function table(rows: CellValue[][]): Table {
  return { name: SHEET.forms, headers: columnsOf(FORM_FACT_COLUMNS), rows };
}

describe('readFormFacts', () => {
  it('reads each form’s address and entries, and every shell builds the same link from them', () => {
    const facts = readFormFacts(table([['Báo cáo', 'id-1', URL, 'entry.11', 'entry.12', 'entry.13']]));
    expect(facts.problems).toEqual([]);
    const unit = makeUnit({ code: 'THA', name: 'Tiểu học Á', confirmationCode: 'K7Q2' });
    expect(formLinksOf(facts).linkFor(unit, { form: 'report', name: 'Báo cáo năm' })).toBe(
      `${URL}?usp=pp_url&entry.11=THA+-+Ti%E1%BB%83u+h%E1%BB%8Dc+%C3%81&entry.12=K7Q2&entry.13=B%C3%A1o+c%C3%A1o+n%C4%83m`,
    );
    expect(formLinksOf(facts).linkFor(unit, { form: 'plan', name: 'Kế hoạch' })).toBeUndefined();
  });

  it('has no facts and no problem before setup made the sheet', () => {
    expect(readFormFacts(undefined)).toEqual({ facts: [], problems: [] });
  });

  it('names each wrong cell in Vietnamese and leaves that form without a link', () => {
    const facts = readFormFacts(
      table([
        ['Biên bản', '', URL, 'entry.1', '', ''],
        ['Kế hoạch', '', 'https://example.com/form', 'entry.2', '', ''],
        ['Báo cáo', '', URL, 'câu 1', 'entry.x', ''],
      ]),
    );
    expect(facts.facts).toEqual([]);
    expect(facts.problems).toEqual([
      {
        where: 'Biểu mẫu',
        row: 2,
        column: 'Biểu mẫu',
        message: '«Biên bản» không phải biểu mẫu nào; ghi «Kế hoạch» hoặc «Báo cáo».',
      },
      {
        where: 'Biểu mẫu',
        row: 3,
        column: 'Đường dẫn điền',
        message:
          '«https://example.com/form» không phải đường dẫn điền biểu mẫu Google (https://docs.google.com/forms/…/viewform).',
      },
      {
        where: 'Biểu mẫu',
        row: 4,
        column: 'Mục đơn vị',
        message: '«câu 1» không phải mục của biểu mẫu (dạng entry.123456).',
      },
      {
        where: 'Biểu mẫu',
        row: 4,
        column: 'Mục mã xác nhận',
        message: '«entry.x» không phải mục của biểu mẫu (dạng entry.123456).',
      },
    ]);
  });

  it('refuses a second row for the same form', () => {
    const facts = readFormFacts(
      table([
        ['Kế hoạch', '', URL, 'entry.1', '', ''],
        ['Kế hoạch', '', URL, 'entry.2', '', ''],
      ]),
    );
    expect(facts.facts).toHaveLength(1);
    expect(facts.problems.map((problem) => problem.message)).toEqual([
      'biểu mẫu «Kế hoạch» có hai dòng; chỉ giữ một.',
    ]);
  });

  it('reports a missing header instead of throwing', () => {
    const facts = readFormFacts({ name: SHEET.forms, headers: ['Biểu mẫu'], rows: [['Kế hoạch']] });
    expect(facts.facts).toEqual([]);
    expect(facts.problems.map((problem) => problem.column)).toEqual(['Đường dẫn điền', 'Mục đơn vị']);
  });
});
