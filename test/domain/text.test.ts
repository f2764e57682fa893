import {
  cleanText,
  compareVietnamese,
  foldForMatch,
  hasFormatCharacters,
  isMixedScript,
  titleKey,
} from '../../src/domain/text';

const nfd = (text: string) => text.normalize('NFD');

describe('cleanText', () => {
  it('normalises to NFC, trims and collapses inner whitespace', () => {
    const cleaned = cleanText(`  ${nfd('Trường Mầm non')}\t\n  ${nfd('Hoa Sen')}  `);
    expect(cleaned).toBe('Trường Mầm non Hoa Sen');
    expect(cleaned).toBe(cleaned.normalize('NFC'));
    expect(cleaned.length).toBe('Trường Mầm non Hoa Sen'.length);
  });

  it('keeps accents and case', () => {
    expect(cleanText('ĐÔNG Hòa')).toBe('ĐÔNG Hòa');
    expect(cleanText('')).toBe('');
  });
});

describe('cleanText: invisible format characters', () => {
  it.each([
    ['a right-to-left override', 'Trường \u202eiaM aoH\u202c', 'Trường iaM aoH'],
    ['bidi isolates', '\u2066Hoa Mai\u2069 đã nộp', 'Hoa Mai đã nộp'],
    ['zero-width space and joiner', 'Hoa\u200b Mai\u200d', 'Hoa Mai'],
    ['a BOM and a soft hyphen', '\ufeffHoa\u00ad Mai', 'Hoa Mai'],
    ['left-to-right and right-to-left marks', '\u200eHoa Mai\u200f', 'Hoa Mai'],
  ])('removes %s', (_name, text, cleaned) => {
    expect(hasFormatCharacters(text)).toBe(true);
    expect(cleanText(text)).toBe(cleaned);
    expect(hasFormatCharacters(cleanText(text))).toBe(false);
  });
});

describe('isMixedScript', () => {
  it('finds a Cyrillic or Greek letter among Latin ones, and not in a plain or Vietnamese address', () => {
    expect(isMixedScript('hieutruong@mnho\u0430mai.edu.vn')).toBe(true);
    expect(isMixedScript('hieutruong@mnh\u03bfamai.edu.vn')).toBe(true);
    expect(isMixedScript('hieutruong@mnhoamai.edu.vn')).toBe(false);
    expect(isMixedScript('hiệutrưởng@mnhoamai.edu.vn')).toBe(false);
  });
});

describe('foldForMatch', () => {
  it('drops accents, and đ becomes d', () => {
    expect(foldForMatch('Trường Tiểu học Đặng Văn Bất')).toBe('truong tieu hoc dang van bat');
    expect(foldForMatch('ĐƯỜNG ĐỂ Ư Ơ Ă Â Ê Ô')).toBe('duong de u o a a e o');
  });

  it('gives the same key for NFC and NFD input', () => {
    expect(foldForMatch(nfd('Phường Linh Xuân'))).toBe(foldForMatch('Phường Linh Xuân'));
    expect(foldForMatch(nfd('Đạt'))).toBe('dat');
  });

  it('ignores case and spacing', () => {
    expect(foldForMatch('  MN-01 \t  Hoa   Sen ')).toBe('mn-01 hoa sen');
  });

  it('treats curly quotes as straight ones', () => {
    expect(foldForMatch('“Dân vận khéo” ‘x’')).toBe('"dan van kheo" \'x\'');
    expect(foldForMatch('«Dân vận khéo»')).toBe('"dan van kheo"');
  });
});

describe('titleKey (question titles and headers)', () => {
  it('matches across NFD, quotes, spacing and case but keeps accents', () => {
    const title = 'Số mô hình, điển hình “Dân vận khéo” đăng ký';
    expect(titleKey(nfd('SỐ MÔ HÌNH,  điển hình "Dân vận khéo" đăng ký '))).toBe(titleKey(title));
    expect(titleKey('Mã kỳ')).not.toBe(titleKey('Ma ky'));
  });
});

describe('compareVietnamese', () => {
  const sorted = (names: readonly string[]) => [...names].sort(compareVietnamese);

  it('puts Đ after D whatever the following letters', () => {
    expect(compareVietnamese('Dương', 'Đông')).toBeLessThan(0);
    expect(compareVietnamese('Trường Dương', 'Trường Đông')).toBeLessThan(0);
    expect(compareVietnamese('Đông', 'Em')).toBeLessThan(0);
  });

  it('puts Ư after U, and Ơ after Ô after O', () => {
    expect(compareVietnamese('Uyên', 'Ưng')).toBeLessThan(0);
    expect(compareVietnamese('Ưng', 'Vy')).toBeLessThan(0);
    expect(sorted(['Pha', 'Ơn', 'Ông', 'Ong'])).toEqual(['Ong', 'Ông', 'Ơn', 'Pha']);
  });

  it('orders a ă â b', () => {
    expect(sorted(['Bình', 'Ân', 'An', 'Ăn'])).toEqual(['An', 'Ăn', 'Ân', 'Bình']);
  });

  it('orders tones none, huyền, hỏi, ngã, sắc, nặng', () => {
    expect(sorted(['mạ', 'má', 'mã', 'mả', 'mà', 'ma'])).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ']);
  });

  it('decides by letters before tones', () => {
    // "mà" has a tone and "mai" has none, but "ma" < "mai" as letters decides first.
    expect(compareVietnamese('mà', 'mai')).toBeLessThan(0);
    expect(compareVietnamese('Ấn', 'Âu')).toBeLessThan(0);
  });

  it('puts digits (and spaces) before letters', () => {
    expect(sorted(['Bình', 'A1', '2B', '10'])).toEqual(['10', '2B', 'A1', 'Bình']);
    expect(compareVietnamese('An Bình', 'Anh')).toBeLessThan(0);
  });

  it('ignores case, spacing and NFD except to break a tie', () => {
    expect(compareVietnamese('an phú', 'AN PHÚ')).not.toBe(0);
    expect(Math.sign(compareVietnamese('an phú', 'Ăn'))).toBe(-1);
    expect(Math.sign(compareVietnamese('AN PHÚ', 'Ăn'))).toBe(-1);
    expect(compareVietnamese(nfd('Đông'), 'Dương')).toBeGreaterThan(0);
    expect(compareVietnamese('Đông  Hòa', 'Đông Hòa')).not.toBe(0);
    expect(compareVietnamese('Đông Hòa', 'Đông Hòa')).toBe(0);
  });

  it('is antisymmetric, so sorting is stable across shells', () => {
    const names = ['Trường Đông', 'Trường Dương', 'Ưng', 'Uyên', 'mà', 'ma', 'Ăn', 'An', '10A', 'Z'];
    for (const a of names) {
      for (const b of names)
        expect(Math.sign(compareVietnamese(a, b)) + Math.sign(compareVietnamese(b, a))).toBe(0);
    }
  });
});

describe('the remembered keys give the same answers as computing them afresh', () => {
  it('cleans ASCII text with stray whitespace however often it is asked', () => {
    for (let round = 0; round < 3; round += 1) {
      expect(cleanText('DV01')).toBe('DV01');
      expect(cleanText(' DV01')).toBe('DV01');
      expect(cleanText('DV01 ')).toBe('DV01');
      expect(cleanText('KH-2023  \t 01')).toBe('KH-2023 01');
      expect(cleanText('a\u00a0b')).toBe('a b');
      expect(cleanText('')).toBe('');
    }
  });

  it('keys a title the same way in NFC and NFD, the second time as the first', () => {
    const titles = ['Mã đơn vị', nfd('Mã  đơn vị'), ' MÃ ĐƠN VỊ ', '“Mã” đơn vị'];
    const first = titles.map(titleKey);
    expect(titles.map(titleKey)).toEqual(first);
    expect(new Set(first.slice(0, 3))).toEqual(new Set(['mã đơn vị']));
    expect(first[3]).toBe('"mã" đơn vị');
    expect(foldForMatch(nfd('Đạt'))).toBe(foldForMatch('Đạt'));
  });

  it('folds and keys long texts (not remembered) as short ones', () => {
    const long = `${'Ư'.repeat(300)}  ${nfd('Đạt')}`;
    expect(titleKey(long)).toBe(`${'ư'.repeat(300)} đạt`);
    expect(foldForMatch(long)).toBe(`${'u'.repeat(300)} dat`);
  });

  it('sorts 20,000 distinct names (beyond what is remembered) in the same order twice', () => {
    const names = Array.from(
      { length: 20500 },
      (_, index) =>
        [`Trường ${index % 7 === 0 ? 'Đ' : 'D'}ông số ${index}`, `Trường Ư ${index}`][index % 2] as string,
    );
    const once = [...names].sort(compareVietnamese);
    const twice = [...names].reverse().sort(compareVietnamese);
    expect(twice).toEqual(once);
    expect(compareVietnamese('Trường Dông số 1', 'Trường Đông số 0')).toBeLessThan(0);
    expect(compareVietnamese('Trường Ư 1', 'Trường U 9')).toBeGreaterThan(0);
  });
});
