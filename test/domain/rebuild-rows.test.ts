// Which registered response each response-sheet row is (src/domain/rebuild-rows.ts): the rebuild
// from the sheets keeps the register's ids, exact times and edit links, and leaves every other row
// for Forms to name.
import type { IncomingResponse } from '../../src/domain/intake';
import { asFormsAnswers, placeSheetRows } from '../../src/domain/rebuild-rows';
import { sheetResponseId } from '../../src/domain/response-sheet';
import { vietnamInstant } from '../../src/domain/time';
import { at, registerEntry } from './register-fixture';

function row(fields: {
  readonly id?: string;
  readonly at: string;
  readonly email?: string;
  readonly unit?: string;
  readonly docDate?: unknown;
}): IncomingResponse {
  const timestamp = at(fields.at);
  const email = fields.email ?? '';
  return {
    responseId: fields.id ?? sheetResponseId('plan', timestamp, email),
    form: 'plan',
    timestamp,
    respondentEmail: email,
    response: {
      answers: { unit: fields.unit ?? null, docDate: (fields.docDate ?? null) as never },
      missingColumns: [],
      dateLocale: 'vi',
    },
    editLink: '',
  };
}

describe('placeSheetRows', () => {
  // Registered through Forms: the exact time has milliseconds the sheet does not show.
  const registered = registerEntry({
    responseId: '2_ABaOnud000001Xq7v',
    unitCode: 'MNHM',
    periodId: 'KH-2023',
    submittedAt: '2023-03-27T09:00',
  });
  const exact = new Date(registered.submittedAt.getTime() + 250);
  const entry = { ...registered, lastVersionAt: exact };

  it('gives a row of a registered version its id, exact time and edit link', () => {
    const placed = placeSheetRows([entry], [row({ at: '2023-03-27T09:00', email: entry.submitterEmail })]);
    expect(placed.unknown).toEqual([]);
    expect(placed.known.map((known) => [known.responseId, known.timestamp, known.editLink])).toEqual([
      [entry.responseId, exact, entry.editLink],
    ]);
  });

  it('leaves a row with a newer time (an edit), another submitter or no match unknown', () => {
    const rows = [
      row({ at: '2023-03-28T10:00', email: entry.submitterEmail }),
      row({ at: '2023-03-27T09:00', email: 'khac@truong.example.edu.vn' }),
      row({ at: '2023-03-27T09:01' }),
    ];
    expect(placeSheetRows([entry], rows)).toEqual({ known: [], unknown: rows });
  });

  it('takes each registered response once: a second row of the same second is unknown', () => {
    const rows = [
      row({ at: '2023-03-27T09:00', email: entry.submitterEmail }),
      row({ at: '2023-03-27T09:00', email: entry.submitterEmail }),
    ];
    const placed = placeSheetRows([entry], rows);
    expect(placed.known).toHaveLength(1);
    expect(placed.unknown).toEqual([rows[1]]);
  });

  it('gives rows sharing a second the registered response of their own unit, whatever the order', () => {
    const noEmail = (id: string, unitCode: string) =>
      registerEntry({ responseId: id, unitCode, periodId: 'KH-2023', submittedAt: '2023-03-27T09:00' });
    const entries = [
      { ...noEmail('B', 'THDD'), submitterEmail: '' },
      { ...noEmail('A', 'MNHM'), submitterEmail: '' },
    ];
    const rows = [
      row({ at: '2023-03-27T09:00', unit: 'MNHM - Mầm non Hoa Mai' }),
      row({ at: '2023-03-27T09:00', unit: 'THDD - Tiểu học Đặng Đức' }),
      // A unit no registered response of that second has: the one left.
      row({ at: '2023-03-27T09:00', unit: 'XYZ - Trường lạ' }),
    ];
    const placed = placeSheetRows(entries, rows);
    expect(placed.known.map((known) => known.responseId)).toEqual(['A', 'B']);
    expect(placed.unknown).toEqual([rows[2]]);
  });

  it('keeps a row registered under its sheet name by that name, and only at that second', () => {
    const sheetRow = row({ at: '2023-03-27T09:00' });
    const byName = { ...entry, responseId: sheetRow.responseId, submitterEmail: '' };
    expect(placeSheetRows([byName], [sheetRow]).known.map((known) => known.responseId)).toEqual([
      sheetRow.responseId,
    ]);
    const moved = { ...byName, lastVersionAt: at('2023-03-26T08:00') };
    expect(placeSheetRows([moved], [sheetRow])).toEqual({ known: [], unknown: [sheetRow] });
  });

  it('places nothing against an empty register', () => {
    const rows = [row({ at: '2023-03-27T09:00' })];
    expect(placeSheetRows([], rows)).toEqual({ known: [], unknown: rows });
  });
});

describe('asFormsAnswers', () => {
  it('turns a date cell of a date question into the day Forms answers, in Vietnam time', () => {
    const cell = vietnamInstant('2023-06-20');
    expect(asFormsAnswers(row({ at: '2023-03-27T09:00', docDate: cell })).response.answers.docDate).toBe(
      '2023-06-20',
    );
  });

  it('leaves typed text, a blank and an invalid date as they are', () => {
    for (const docDate of ['20/06/2023', null, new Date(Number.NaN)]) {
      const given = row({ at: '2023-03-27T09:00', docDate });
      expect(asFormsAnswers(given)).toBe(given);
    }
  });
});
