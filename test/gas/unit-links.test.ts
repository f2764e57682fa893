import { isGeneratedCodeShape } from '../../src/domain/confirmation-code';
import { SHEET, UNIT_COLUMNS } from '../../src/domain/layout';
import { InputError } from '../../src/domain/problems';
import { UnitRegistry } from '../../src/domain/units';
import { setUpForms } from '../../src/gas/forms-setup';
import { ensureConfirmationCodes, unitFormLinks } from '../../src/gas/unit-links';
import { FIXTURE_UNITS, makeUnit, periods2023 } from '../fakes/campaign-fixture';
import { asFormApp, FakeFormApp } from '../fakes/form-app';
import { linkFakeSpreadsheet } from '../fakes/form-response-sheets';
import { asProperties, FakePropertiesService } from '../fakes/properties-service';
import { asSpreadsheet, createFakeSpreadsheetApp, type FakeSheet } from '../fakes/spreadsheet-app';

const HEADERS = [
  UNIT_COLUMNS.code,
  UNIT_COLUMNS.name,
  UNIT_COLUMNS.emails,
  UNIT_COLUMNS.confirmationCode,
  'Ghi chú',
];

function unitsSheet(rows: unknown[][], headers: readonly string[] = HEADERS) {
  const world = createFakeSpreadsheetApp({ sheetNames: [SHEET.units] });
  const sheet = world.spreadsheet.getSheetByName(SHEET.units) as FakeSheet;
  sheet.getRange(1, 1, rows.length + 1, headers.length).setValues([[...headers], ...rows]);
  world.calls.reset();
  return { world, sheet, spreadsheet: asSpreadsheet(world.spreadsheet) };
}

function uuids(): () => string {
  let counter = 0;
  return () => {
    counter += 1;
    const hex = (counter * 2654435761).toString(16).padStart(12, '0').slice(-12);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4000-8000-000000000000`;
  };
}

describe('ensureConfirmationCodes', () => {
  it('gives a code to each unit that lacks one, in one write of that column only', () => {
    const { world, sheet, spreadsheet } = unitsSheet([
      ['MNHM', 'Mầm non Hoa Mai', 'mnhm@truong.example.edu.vn', '', '=1+1 của người gõ'],
      ['THDD', 'Tiểu học Đặng Đức', 'thdd@truong.example.edu.vn', 'K7PX-3M9Q', ''],
      ['', '', '', '', ''],
      ['THCSLQD', 'THCS Lê Quý Đôn', 'lqd@truong.example.edu.vn', '  ', 'ghi chú'],
    ]);
    const report = ensureConfirmationCodes(spreadsheet, uuids());
    expect(world.calls.count('Range.getValues')).toBe(1);
    expect(world.calls.count('Range.setValues')).toBe(1);
    expect(report.generated.map((entry) => [entry.unitCode, entry.row])).toEqual([
      ['MNHM', 2],
      ['THCSLQD', 5],
    ]);
    report.generated.forEach((entry) => expect(isGeneratedCodeShape(entry.code)).toBe(true));
    expect(new Set(report.generated.map((entry) => entry.code)).size).toBe(2);
    const values = sheet
      .getRange(2, 4, 4, 1)
      .getValues()
      .map((row) => row[0]);
    expect(values).toEqual([report.generated[0]?.code, 'K7PX-3M9Q', '', report.generated[1]?.code]);
    expect(sheet.getRange(2, 4, 4, 1).getNumberFormats().flat()).toEqual(['@', '@', '@', '@']);
    // The other columns are as the person left them.
    expect(sheet.getRange(2, 5).getFormulas()).toEqual([['=1+1 của người gõ']]);
    expect(report.columnAdded).toBe(false);
  });

  it('writes nothing when every unit has a code', () => {
    const { world, spreadsheet } = unitsSheet([
      ['MNHM', 'Mầm non Hoa Mai', 'a@x.example.com', 'K7PX-3M9Q', ''],
    ]);
    expect(ensureConfirmationCodes(spreadsheet, uuids()).generated).toEqual([]);
    expect(world.calls.count('Range.setValues')).toBe(0);
  });

  it('adds the column at the right when the sheet has none', () => {
    const headers = [UNIT_COLUMNS.code, UNIT_COLUMNS.name];
    const { sheet, spreadsheet } = unitsSheet([['MNHM', 'Mầm non Hoa Mai']], headers);
    const report = ensureConfirmationCodes(spreadsheet, uuids());
    expect(report.columnAdded).toBe(true);
    expect(sheet.getDataRange().getValues()).toEqual([
      [UNIT_COLUMNS.code, UNIT_COLUMNS.name, UNIT_COLUMNS.confirmationCode],
      ['MNHM', 'Mầm non Hoa Mai', report.generated[0]?.code],
    ]);
  });

  it('names the sheet or the column that is missing', () => {
    const empty = createFakeSpreadsheetApp({ sheetNames: ['Trang tính1'] });
    expect(() => ensureConfirmationCodes(asSpreadsheet(empty.spreadsheet), uuids())).toThrow(
      '«Đơn vị»: không có trang «Đơn vị» trong bảng tính.',
    );
    const { spreadsheet } = unitsSheet([['Mầm non Hoa Mai']], [UNIT_COLUMNS.name]);
    expect(() => ensureConfirmationCodes(spreadsheet, uuids())).toThrow(InputError);
    expect(() => ensureConfirmationCodes(spreadsheet, uuids())).toThrow(
      '«Đơn vị», dòng 1, cột «Mã đơn vị»: thiếu cột «Mã đơn vị» ở dòng tiêu đề.',
    );
  });
});

describe('unitFormLinks', () => {
  it("gives each unit a link to its period's form with its choice and code filled in", () => {
    const world = createFakeSpreadsheetApp({ sheetNames: [SHEET.planResponses, SHEET.reportResponses] });
    const formApp = new FakeFormApp();
    linkFakeSpreadsheet(formApp, world.spreadsheet);
    const properties = new FakePropertiesService();
    const document = asProperties(properties.document as NonNullable<typeof properties.document>);
    const units = new UnitRegistry(FIXTURE_UNITS);
    const report = setUpForms(
      { formApp: asFormApp(formApp), spreadsheet: asSpreadsheet(world.spreadsheet), properties: document },
      {
        config: {
          agencyName: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
          planName: 'năm 2023',
          year: 2023,
          contactName: '',
          contactEmail: 'pgd@example.gov.vn',
          contactPhone: '',
          digestEmails: [],
          dailyMailHour: 7,
          mailQuotaReserve: 0,
          identityCheck: 'email_or_code',
          requireSignIn: false,
        },
        units,
        periods: periods2023(),
      },
    );
    const [plan, halfYear] = periods2023();
    const unit = makeUnit({ code: 'THCSLQD', name: 'THCS Lê Quý Đôn', confirmationCode: 'K7PX-3M9Q' });
    const links = unitFormLinks(document);
    const planLink = links.linkFor(unit, plan as NonNullable<typeof plan>) as string;
    const planForm = formApp.formById(report.forms[0]?.formId as string);
    const entry = (title: string) =>
      `entry.${planForm.state.items.find((item) => item.title === title)?.entryId}`;
    expect(planLink).toBe(
      `${planForm.getPublishedUrl()}?usp=pp_url&${entry('Đơn vị')}=THCSLQD+-+THCS+L%C3%AA+Qu%C3%BD+%C4%90%C3%B4n&${entry('Mã xác nhận')}=K7PX-3M9Q`,
    );
    // The same link Google would build for these answers.
    const items = planForm.getItems();
    const google = planForm
      .createResponse()
      .withItemResponse(items[0]?.asListItem().createResponse('THCSLQD - THCS Lê Quý Đôn') as never)
      .withItemResponse(items[1]?.asTextItem().createResponse('K7PX-3M9Q') as never)
      .toPrefilledUrl();
    expect(planLink).toBe(google);
    expect(links.linkFor(unit, halfYear as NonNullable<typeof halfYear>)).toContain(
      '=B%C3%A1o+c%C3%A1o+6+th%C3%A1ng+%C4%91%E1%BA%A7u+n%C4%83m+2023',
    );
    expect(
      unitFormLinks(asProperties(new FakePropertiesService().script)).linkFor(
        unit,
        plan as NonNullable<typeof plan>,
      ),
    ).toBeUndefined();
  });
});
