import {
  formLinksFrom,
  prefilledLink,
  templateFromSampleLink,
  unitPrefilledLink,
} from '../../src/domain/prefilled-link';
import { answerEntriesFromSampleLink, answersFromPrefilledLink } from '../../src/domain/prefilled-link';
import { makeUnit, periods2023 } from '../fakes/campaign-fixture';

const FORM_URL = 'https://docs.google.com/forms/d/e/1FAIpQLSabc/viewform';

describe('pre-filled links', () => {
  const sample = `${FORM_URL}?usp=pp_url&entry.2005620554=MNHM+-+M%E1%BA%A7m+non+Hoa+Mai&entry.1045781291=MAU-XAC-NHAN`;

  it('learns which entry carries which answer from one link Google built', () => {
    expect(templateFromSampleLink(sample, { unit: 'MNHM - Mầm non Hoa Mai', code: 'MAU-XAC-NHAN' })).toEqual({
      formUrl: FORM_URL,
      entries: { unit: 'entry.2005620554', code: 'entry.1045781291' },
    });
  });

  it('refuses a sample link where an answer is missing or ambiguous', () => {
    expect(() => templateFromSampleLink(sample, { unit: 'THDD - Tiểu học Đặng Đức' })).toThrow(
      'the sample answer for "unit" appears 0 times',
    );
    expect(() => templateFromSampleLink(`${FORM_URL}?entry.1=A&entry.2=A`, { unit: 'A' })).toThrow(
      'appears 2 times',
    );
    expect(() => templateFromSampleLink(FORM_URL, { unit: 'A' })).toThrow('no query');
  });

  it("builds a unit's link with its choice and code encoded, which decodes back to the same text", () => {
    const template = templateFromSampleLink(sample, { unit: 'MNHM - Mầm non Hoa Mai', code: 'MAU-XAC-NHAN' });
    const unit = makeUnit({
      code: 'THCS&LQD',
      name: 'THCS Lê Quý Đôn + “Số 1”',
      confirmationCode: 'K7PX-3M9Q',
    });
    const link = unitPrefilledLink(template, unit);
    expect(link).toBe(
      `${FORM_URL}?usp=pp_url&entry.2005620554=THCS%26LQD+-+THCS+L%C3%AA+Qu%C3%BD+%C4%90%C3%B4n+%2B+%E2%80%9CS%E1%BB%91+1%E2%80%9D&entry.1045781291=K7PX-3M9Q`,
    );
    const answers = Object.fromEntries(
      (link.split('?')[1] as string)
        .split('&')
        .map((pair) => pair.split('='))
        .map(([name, value]) => [name, decodeURIComponent((value as string).replace(/\+/g, ' '))]),
    );
    expect(answers['entry.2005620554']).toBe('THCS&LQD - THCS Lê Quý Đôn + “Số 1”');
  });

  it('leaves out a blank answer and an answer the form has no entry for', () => {
    const template = { formUrl: FORM_URL, entries: { unit: 'entry.1' } };
    expect(prefilledLink(template, { unit: 'A', code: 'B', period: 'C' })).toBe(
      `${FORM_URL}?usp=pp_url&entry.1=A`,
    );
    expect(prefilledLink(template, { unit: '' })).toBe(`${FORM_URL}?usp=pp_url`);
  });

  it("gives e-mails the link of the period's form, with the report period filled in", () => {
    const [plan, halfYear] = periods2023();
    const links = formLinksFrom({
      report: { formUrl: FORM_URL, entries: { unit: 'entry.1', code: 'entry.2', period: 'entry.3' } },
    });
    const unit = makeUnit({ code: 'MNHM', name: 'Mầm non Hoa Mai', confirmationCode: 'K7PX-3M9Q' });
    expect(links.linkFor(unit, halfYear as NonNullable<typeof halfYear>)).toBe(
      `${FORM_URL}?usp=pp_url&entry.1=MNHM+-+M%E1%BA%A7m+non+Hoa+Mai&entry.2=K7PX-3M9Q&entry.3=B%C3%A1o+c%C3%A1o+6+th%C3%A1ng+%C4%91%E1%BA%A7u+n%C4%83m+2023`,
    );
    expect(links.linkFor(unit, plan as NonNullable<typeof plan>)).toBeUndefined();
  });
});

describe('answers from a response’s pre-filled link', () => {
  const link = `${FORM_URL}?usp=pp_url&entry.11=hannop-mau-0&entry.12=A&entry.12=B&entry.13=2000-01-03&entry.14=A`;

  it('maps each entry whose sample only it carries, leaves out one whose sample two carry', () => {
    const samples = new Map([
      ['Họ và tên', ['hannop-mau-0']],
      ['Lĩnh vực', ['A', 'B']],
      ['Ngày', ['2000-01-03']],
      ['Có hay không', ['A']],
      ['Không được trả lời', ['hannop-mau-9']],
    ]);
    expect(answerEntriesFromSampleLink(link, samples)).toEqual({
      'entry.11': 'Họ và tên',
      'entry.13': 'Ngày',
    });
  });

  it('reads every answer by title, several values of one entry together, text decoded as Google encodes it', () => {
    const entries = { 'entry.1': 'Họ và tên', 'entry.2': 'Lĩnh vực' };
    const answers = answersFromPrefilledLink(
      `${FORM_URL}?usp=pp_url&entry.1=Nguy%E1%BB%85n+Th%E1%BB%8B+Lan+%2B+1&entry.2=A%2C+B&entry.2=C`,
      entries,
    );
    expect(answers && Object.fromEntries(answers)).toEqual({
      'Họ và tên': ['Nguyễn Thị Lan + 1'],
      'Lĩnh vực': ['A, B', 'C'],
    });
  });

  it('gives up (null) on an entry setup did not map, so the response is read item by item', () => {
    expect(
      answersFromPrefilledLink(`${FORM_URL}?usp=pp_url&entry.1=x&entry.99=y`, { 'entry.1': 'A' }),
    ).toBeNull();
  });
});
