// Column widths from content: every header word, code and number fits whole in its cell.
import { columnWidthsTwip, isUnbreakable, textWidthTwip } from '../../src/domain/column-widths';
import { RATE_COLUMNS } from '../../src/domain/city-report';

const PAGE = 9354; // 165 mm of text width, in twips
const input = (columns: string[], rows: string[][]) => ({
  columns,
  rows,
  totalTwip: PAGE,
  sizePt: 13,
  cellPaddingTwip: 216,
});

describe('columnWidthsTwip', () => {
  it('gives each column at least its longest header word and its longest code or number, and fills the page', () => {
    const columns = ['STT', 'Mã đơn vị', 'Tên đơn vị', 'Cấp học', 'Tình trạng', 'Ghi chú'];
    const rows = [
      ['10', 'THCS045', 'Trường Trung học cơ sở Nguyễn Văn Bá', 'THCS', 'Quá hạn, chưa nộp', ''],
      ['9', 'MN016', 'Trường Mầm non Bình Minh', 'Mầm non', 'Nộp trễ hạn', 'Nộp ngày 04/05/2023'],
    ];
    const widths = columnWidthsTwip(input(columns, rows));
    expect(widths.reduce((sum, width) => sum + width, 0)).toBe(PAGE);
    expect(widths[0]).toBeGreaterThanOrEqual(textWidthTwip('STT', 13, true) + 216);
    expect(widths[1]).toBeGreaterThanOrEqual(textWidthTwip('THCS045', 13) + 216);
    expect(widths[5]).toBeGreaterThanOrEqual(textWidthTwip('04/05/2023', 13) + 216);
    // What is left goes to the running text (names, notes), not to the codes.
    expect(widths[2]).toBeGreaterThan(widths[1]!);
  });

  it('keeps the ten columns of the rates table apart without cutting «duyệt» or «75%»', () => {
    const columns = [...RATE_COLUMNS];
    const rows = [['Tổng cộng', '60', '45', '30', '15', '15', '0', '0', '75%', '50%']];
    const widths = columnWidthsTwip(input(columns, rows));
    expect(widths[7]).toBeGreaterThanOrEqual(textWidthTwip('duyệt', 13, true) + 216);
    expect(widths[8]).toBeGreaterThanOrEqual(textWidthTwip('75%', 13) + 216);
    expect(widths.reduce((sum, width) => sum + width, 0)).toBe(PAGE);
  });

  it('shrinks in proportion when even the floors do not fit, still filling the page', () => {
    const columns = Array.from({ length: 30 }, (_, index) => `Cột${index}`);
    const widths = columnWidthsTwip(input(columns, []));
    expect(widths.reduce((sum, width) => sum + width, 0)).toBe(PAGE);
    expect(new Set(widths.slice(0, -1)).size).toBeLessThanOrEqual(2);
  });

  it('tells codes and numbers from running text', () => {
    expect(['THCS045', '1.905', '75%', '10', '04/05/2023', 'THCS'].every(isUnbreakable)).toBe(true);
    expect(['Mầm non', 'Quá hạn, chưa nộp', 'Nộp ngày 04/05/2023', ''].some(isUnbreakable)).toBe(false);
  });

  it('measures wider text as wider, bold wider than regular', () => {
    expect(textWidthTwip('THCS045', 13)).toBeGreaterThan(textWidthTwip('MN016', 13));
    expect(textWidthTwip('duyệt', 13, true)).toBeGreaterThan(textWidthTwip('duyệt', 13));
  });
});
