import {
  answerParagraph,
  answerText,
  confirmationCodeKey,
  isHttpLink,
  nonEmptyLines,
  parseDateAnswer,
  parseDecimal,
  parsePhone,
  parseWholeNumber,
  splitChoices,
} from '../../../src/domain/forms/answers';
import { FOCUS_AREAS } from '../../../src/domain/forms/plan-form';
import { vietnamInstant } from '../../../src/domain/time';

describe('answerText', () => {
  it('reads text, lists, numbers and date cells on one line, in NFC', () => {
    expect(answerText('  Hiệu\u00a0 trưởng \n')).toBe('Hiệu trưởng');
    expect(answerText('Hiệu trưởng'.normalize('NFD'))).toBe('Hiệu trưởng');
    expect(answerText(['Có', 'Không'])).toBe('Có, Không');
    expect(answerText(1234)).toBe('1234');
    expect(answerText(vietnamInstant('2023-03-30'))).toBe('30/03/2023');
    expect(answerText(new Date(Number.NaN))).toBe('');
    expect(answerText(null)).toBe('');
    expect(answerText(undefined)).toBe('');
  });

  it('keeps the lines of a paragraph, each trimmed', () => {
    expect(answerParagraph('  Dòng một  \r\n\r\n\r\n\r\n  Dòng   hai\rba ')).toBe('Dòng một\n\nDòng hai\nba');
    expect(nonEmptyLines('A\n\n  \n B \n')).toEqual(['A', 'B']);
    expect(nonEmptyLines('')).toEqual([]);
  });
});

describe('parseWholeNumber', () => {
  it.each([
    ['0', 0],
    ['12', 12],
    [' 007 ', 7],
    ['1.234', 1234],
    ['1,234', 1234],
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
  ])('reads %j as %d', (typed, value) => {
    expect(parseWholeNumber(typed)).toEqual({ ok: true, value });
  });

  it.each([
    '12a',
    '-3',
    '1,5',
    '1.23',
    '1.2345',
    '12.34.567',
    '1.234,567',
    '1 234.567',
    '+3',
    '',
    '3 5',
    '½',
    '１２',
  ])('refuses %j', (typed) => {
    expect(parseWholeNumber(typed)).toEqual({ ok: false, reason: 'notNumber' });
  });

  it('reads whole number cells and refuses others', () => {
    expect(parseWholeNumber(42)).toEqual({ ok: true, value: 42 });
    expect(parseWholeNumber(1.5)).toEqual({ ok: false, reason: 'notNumber' });
    expect(parseWholeNumber(-1)).toEqual({ ok: false, reason: 'notNumber' });
    expect(parseWholeNumber(Number.NaN)).toEqual({ ok: false, reason: 'notNumber' });
    expect(parseWholeNumber(true)).toEqual({ ok: false, reason: 'notNumber' });
  });

  it('says a number too large to count exactly is too large', () => {
    expect(parseWholeNumber('99999999999999999999')).toEqual({ ok: false, reason: 'tooLarge' });
    expect(parseWholeNumber(2 ** 60)).toEqual({ ok: false, reason: 'tooLarge' });
  });
});

describe('parseDecimal', () => {
  it.each([
    ['85,5', 85.5],
    ['85.5', 85.5],
    ['100', 100],
    ['0', 0],
    ['90%', 90],
    ['90 %', 90],
    ['-5', -5],
  ])('reads %j as %d', (typed, value) => {
    expect(parseDecimal(typed)).toEqual({ ok: true, value });
  });

  it.each(['nhiều', '85,5,1', '1.234,5', ',5', '5,', '', 'Infinity', 'NaN'])('refuses %j', (typed) => {
    expect(parseDecimal(typed)).toEqual({ ok: false, reason: 'notNumber' });
  });

  it('reads number cells', () => {
    expect(parseDecimal(72.25)).toEqual({ ok: true, value: 72.25 });
    expect(parseDecimal(Number.POSITIVE_INFINITY)).toEqual({ ok: false, reason: 'notNumber' });
  });
});

describe('parseDateAnswer', () => {
  it('reads dd/MM/yyyy, the ISO date of the Forms API and date cells', () => {
    expect(parseDateAnswer('30/03/2023')).toBe('2023-03-30');
    expect(parseDateAnswer('5/3/2023')).toBe('2023-03-05');
    expect(parseDateAnswer('2023-03-30')).toBe('2023-03-30');
    expect(parseDateAnswer(vietnamInstant('2023-03-30'))).toBe('2023-03-30');
  });

  it('refuses what is not a real date', () => {
    for (const typed of ['31/02/2023', '3/30/2023', '30-03-2023', 'hôm qua', '', '2023-3-30']) {
      expect(parseDateAnswer(typed)).toBeNull();
    }
    expect(parseDateAnswer(45000)).toBeNull();
    expect(parseDateAnswer(new Date(Number.NaN))).toBeNull();
  });
});

describe('parsePhone', () => {
  it.each([
    ['0901 234 567', '0901234567'],
    ['090.123.4567', '0901234567'],
    ['0901-234-567', '0901234567'],
    ['02838 123 456', '02838123456'],
    ['+84 901 234 567', '+84901234567'],
    ['+84 2838 123 456', '+842838123456'],
  ])('reads %j as %j', (typed, phone) => {
    expect(parsePhone(typed)).toBe(phone);
  });

  it.each([
    '12345',
    '090123456',
    '090123456789',
    '84901234567',
    '+8490123456789',
    '0901 234 56a',
    '(028) 3896 1234',
    '',
  ])('refuses %j', (typed) => {
    expect(parsePhone(typed)).toBeNull();
  });

  it('gives back the leading zero a number cell lost', () => {
    expect(parsePhone(901234567)).toBe('0901234567');
    expect(parsePhone(12345)).toBeNull();
  });
});

describe('isHttpLink', () => {
  it.each([
    'https://drive.google.com/file/d/abc123/view?usp=sharing',
    'http://example.edu.vn/van-ban/27-bc.pdf',
    'HTTPS://Drive.Google.com/x',
    'https://example.edu.vn:8443/a#b',
  ])('accepts %j', (link) => {
    expect(isHttpLink(link)).toBe(true);
  });

  it.each([
    'drive.google.com/abc',
    'ftp://example.edu.vn/a',
    'https://',
    'https://localhost/a',
    'https://a b.vn',
    'xem tệp đính kèm',
  ])('refuses %j', (link) => {
    expect(isHttpLink(link)).toBe(false);
  });
});

describe('confirmationCodeKey', () => {
  it('drops spaces and case', () => {
    expect(confirmationCodeKey(' mnhm - 7k2q ')).toBe('MNHM-7K2Q');
    expect(confirmationCodeKey('')).toBe('');
  });
});

describe('splitChoices', () => {
  const [first, second, third, fourth, fifth] = FOCUS_AREAS;

  it('splits a joined cell by the labels, though the labels contain commas', () => {
    expect(splitChoices(FOCUS_AREAS.join(', '), FOCUS_AREAS)).toEqual({
      chosen: [...FOCUS_AREAS],
      unknown: [],
    });
    expect(splitChoices(`${fourth}, ${second}`, FOCUS_AREAS)).toEqual({
      chosen: [second, fourth],
      unknown: [],
    });
  });

  it('takes the list of the Forms API', () => {
    expect(splitChoices([fifth, first], FOCUS_AREAS)).toEqual({ chosen: [first, fifth], unknown: [] });
  });

  it('matches with straight quotes, another case, NFD and extra spaces', () => {
    const typed = [
      second.replace(/[“”]/g, '"').toUpperCase(),
      third.normalize('NFD'),
      `  ${fifth.replace(/ /g, '   ')}`,
    ].join(',');
    expect(splitChoices(typed, FOCUS_AREAS)).toEqual({ chosen: [second, third, fifth], unknown: [] });
  });

  it('reports text that is no label, as typed', () => {
    expect(splitChoices(`${first}, Nội dung khác, của trường, ${third}`, FOCUS_AREAS)).toEqual({
      chosen: [first, third],
      unknown: ['Nội dung khác, của trường'],
    });
    expect(splitChoices(`Khác, ${first}`, FOCUS_AREAS)).toEqual({ chosen: [first], unknown: ['Khác'] });
    expect(splitChoices(`${first}, ISO`, FOCUS_AREAS)).toEqual({ chosen: [first], unknown: ['ISO'] });
  });

  it('does not take a label that is only the start of another text', () => {
    expect(splitChoices(`${third} và kỷ cương`, FOCUS_AREAS)).toEqual({
      chosen: [],
      unknown: [`${third} và kỷ cương`],
    });
  });

  it('prefers the longest label when one label starts another', () => {
    const labels = ['Có', 'Có, nhưng chưa đủ'];
    expect(splitChoices('Có, nhưng chưa đủ', labels)).toEqual({ chosen: ['Có, nhưng chưa đủ'], unknown: [] });
    expect(splitChoices('Có, Có, nhưng chưa đủ', labels)).toEqual({
      chosen: ['Có', 'Có, nhưng chưa đủ'],
      unknown: [],
    });
  });

  it('reads nothing from a blank answer or stray commas', () => {
    expect(splitChoices('', FOCUS_AREAS)).toEqual({ chosen: [], unknown: [] });
    expect(splitChoices(' , ,', FOCUS_AREAS)).toEqual({ chosen: [], unknown: [] });
    expect(splitChoices(null, FOCUS_AREAS)).toEqual({ chosen: [], unknown: [] });
    expect(splitChoices([], FOCUS_AREAS)).toEqual({ chosen: [], unknown: [] });
  });
});
