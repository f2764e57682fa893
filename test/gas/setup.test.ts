import { unitRow } from '../../src/app/initialize-workbook';
import { answerEntriesProperty } from '../../src/gas/answer-entries';
import { SPREADSHEET_ID_PROPERTY } from '../../src/gas/submission-settings';
import { DEFAULT_CONFIG_ROWS, DEFAULT_PERIOD_ROWS } from '../../src/domain/defaults';
import {
  CONFIG_COLUMNS,
  PERIOD_COLUMNS,
  SHEET,
  SUBMISSION_COLUMNS,
  UNIT_COLUMNS,
  columnsOf,
} from '../../src/domain/layout';
import { formLinksOf, readFormFacts } from '../../src/domain/form-facts';
import { formIdProperty } from '../../src/gas/forms-setup';
import { unitFormLinks } from '../../src/gas/unit-links';
import { DAILY_RUN_HANDLER, REVIEW_EDIT_HANDLER } from '../../src/gas/install-triggers';
import { GasServices } from '../../src/gas/services';
import { runSetup, runSetupMenu } from '../../src/gas/setup';
import { describeSetup, setupItems } from '../../src/gas/setup-report';
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook';
import { makeUnit } from '../fakes/campaign-fixture';
import { asSpreadsheet, asSpreadsheetApp, columnLetter, type FakeSheet } from '../fakes/spreadsheet-app';
import { globalsOf, makeGasFakes } from './gas-world';
import { makeWorld, type SetupWorld } from './setup-world';

type World = SetupWorld;

function sheet(world: World, name: string): FakeSheet {
  const found = world.sheets.spreadsheet.getSheetByName(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

function values(world: World, name: string): unknown[][] {
  return sheet(world, name).getDataRange().getValues();
}

function columnOf(world: World, sheetName: string, column: string): number {
  return (values(world, sheetName)[0] as unknown[]).indexOf(column) + 1;
}

function listOf(
  world: World,
  sheetName: string,
  column: string,
): { values: string[]; allowInvalid: boolean } {
  const rule = sheet(world, sheetName)
    .getRange(2, columnOf(world, sheetName, column))
    .getDataValidation();
  if (!rule) throw new Error(`no validation on ${sheetName} › ${column}`);
  return {
    values: (rule.getCriteriaValues() as unknown as [string[]])[0],
    allowInvalid: rule.getAllowInvalid(),
  };
}

describe('runSetup on a new spreadsheet', () => {
  it('creates the sheets, defaults, drop-downs, codes, both forms and every trigger', () => {
    const world = makeWorld();
    const report = runSetup(world.services);
    expect(report.sheetsCreated).toEqual([
      SHEET.config,
      SHEET.units,
      SHEET.periods,
      SHEET.submissions,
      SHEET.mailLog,
      SHEET.eventLog,
      SHEET.holidays,
      SHEET.forms,
    ]);
    expect(report.sheetsPresent).toEqual([]);
    const names = world.sheets.spreadsheet.getSheets().map((each) => each.currentName);
    expect(names).toEqual(
      expect.arrayContaining([...report.sheetsCreated, SHEET.planResponses, SHEET.reportResponses]),
    );
    // The 2023 defaults, the example unit (inactive) with its new code, the days off of 2023.
    expect(
      values(world, SHEET.config)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(DEFAULT_CONFIG_ROWS.map((row) => row.key));
    expect(
      values(world, SHEET.periods)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(['KH-2023', 'BC6T-2023', 'BCN-2023']);
    const units = values(world, SHEET.units);
    expect(units).toHaveLength(2);
    expect(units[1]?.[columnOf(world, SHEET.units, UNIT_COLUMNS.isActive) - 1]).toBe('Không');
    expect(units[1]?.[columnOf(world, SHEET.units, UNIT_COLUMNS.confirmationCode) - 1]).toMatch(/\S{6,}/);
    expect(values(world, SHEET.holidays)[1]).toEqual(['01/01/2023', 'Tết Dương lịch']);
    expect(report.codesGenerated).toBe(1);

    expect(listOf(world, SHEET.periods, PERIOD_COLUMNS.form)).toEqual({
      values: ['Kế hoạch', 'Báo cáo'],
      allowInvalid: false,
    });
    expect(listOf(world, SHEET.periods, PERIOD_COLUMNS.deadlineRule).values).toEqual([
      'trước ngày',
      'đến hết ngày',
    ]);
    expect(listOf(world, SHEET.submissions, SUBMISSION_COLUMNS.review).values).toEqual([
      'Chờ duyệt',
      'Đạt',
      'Yêu cầu bổ sung',
    ]);
    expect(listOf(world, SHEET.units, UNIT_COLUMNS.isActive).values).toEqual(['Có', 'Không']);
    // One rule per column over every row below the header, not a call per row.
    expect(world.sheets.calls.count('Range.setDataValidation')).toBe(4);
    const lastRow = sheet(world, SHEET.periods).getMaxRows();
    const column = columnOf(world, SHEET.periods, PERIOD_COLUMNS.form);
    expect(sheet(world, SHEET.periods).getRange(lastRow, column).getDataValidation()).not.toBeNull();
    expect(sheet(world, SHEET.periods).getRange(1, column).getDataValidation()).toBeNull();

    expect(report.forms?.forms.map((outcome) => outcome.status)).toEqual(['created', 'created']);
    expect(world.formApp.allForms()).toHaveLength(2);
    expect(world.properties.document?.snapshot()[formIdProperty('report')]).toBe(
      report.forms?.forms[1]?.formId,
    );
    // What the form-submit trigger reads with the send journal, in one call (submission-settings.ts).
    const script = world.properties.script.snapshot();
    expect(script[SPREADSHEET_ID_PROPERTY]).toBe(world.sheets.spreadsheet.getId());
    expect(script[answerEntriesProperty('plan')]).toBe(
      world.properties.document?.snapshot()[answerEntriesProperty('plan')],
    );
    expect(JSON.parse(script[answerEntriesProperty('report')] ?? '{}')).not.toEqual({});
    const installed = world.scriptApp
      .getProjectTriggers()
      .map((trigger) => trigger.getHandlerFunction())
      .sort();
    expect(installed).toEqual(
      ['onFormSubmitPlan', 'onFormSubmitReport', DAILY_RUN_HANDLER, REVIEW_EDIT_HANDLER].sort(),
    );

    const items = setupItems(report);
    expect(items.present).toEqual([]);
    expect(items.created).toEqual(
      expect.arrayContaining([
        'trang «Cấu hình»',
        'danh sách chọn «Đánh giá» (trang «Bài nộp»)',
        'mã xác nhận cho 1 đơn vị',
        'biểu mẫu «Kế hoạch thực hiện công tác dân vận của chính quyền năm 2023»',
        'trang «Phản hồi Báo cáo»',
        'trình kích hoạt «chạy hằng ngày»',
      ]),
    );
    const message = describeSetup(report);
    expect(message.split('\n')[0]).toBe('Đã tạo:');
    expect(message).toContain(
      'Đường dẫn biểu mẫu cho đơn vị:\n• Kế hoạch: https://docs.google.com/forms/d/e/',
    );
  });

  it('creates nothing the second time and reports everything present', () => {
    const world = makeWorld();
    const first = setupItems(runSetup(world.services));
    const sheetsBefore = world.sheets.spreadsheet.getSheets().map((each) => each.currentName);
    const snapshot = (name: string) => JSON.stringify(values(world, name));
    const contentBefore = sheetsBefore.map(snapshot);
    const triggersBefore = world.scriptApp.getProjectTriggers().map((trigger) => trigger.getUniqueId());
    world.sheets.calls.reset();
    world.formApp.calls.reset();

    const report = runSetup(world.services);
    const items = setupItems(report);
    expect(items.created).toEqual([]);
    expect(items.updated).toEqual([]);
    expect([...items.present].sort()).toEqual(
      [...first.created]
        .sort()
        .map((item) => (item === 'mã xác nhận cho 1 đơn vị' ? 'mã xác nhận của các đơn vị' : item))
        .sort(),
    );
    expect(describeSetup(report).split('\n')[0]).toBe('Không cần tạo thêm gì: mọi thứ đã có sẵn.');
    expect(world.sheets.spreadsheet.getSheets().map((each) => each.currentName)).toEqual(sheetsBefore);
    // Every sheet as it was but `Nhật ký`, which gains the run's own row.
    const logIndex = sheetsBefore.indexOf(SHEET.eventLog);
    expect(sheetsBefore.map(snapshot).filter((_, index) => index !== logIndex)).toEqual(
      contentBefore.filter((_, index) => index !== logIndex),
    );
    expect(values(world, SHEET.eventLog)).toHaveLength(3);
    expect(world.formApp.allForms()).toHaveLength(2);
    expect(world.scriptApp.getProjectTriggers().map((trigger) => trigger.getUniqueId())).toEqual(
      triggersBefore,
    );
    const sheetWrites = world.sheets.calls.sequence.filter((method) =>
      /\.(set(Values?|DataValidations?|NumberFormat)|insertSheet|clear|deleteSheet)$/.test(method),
    );
    // One write: the row appended to `Nhật ký`.
    expect(sheetWrites).toEqual(['Range.setValues']);
  });
});

describe('runSetup on a spreadsheet in use', () => {
  function worldWithUnits(isActive: string) {
    const world = makeWorld([SHEET.units]);
    const headers = columnsOf(UNIT_COLUMNS).filter((column) => column !== UNIT_COLUMNS.confirmationCode);
    const rows = [
      unitRow(makeUnit({ code: 'MNHM', name: 'Mầm non Hoa Mai' })),
      unitRow(makeUnit({ code: 'THDD', name: 'Tiểu học Đặng Đức' })),
    ].map((row) =>
      headers.map((column) => (column === UNIT_COLUMNS.isActive ? isActive : (row[column] ?? ''))),
    );
    new SpreadsheetWorkbook(
      asSpreadsheet(world.sheets.spreadsheet),
      asSpreadsheetApp(world.sheets.app),
    ).write([{ kind: 'replace', sheet: SHEET.units, headers, rows }]);
    return { world, headers, rows };
  }

  it("keeps the department's units, adds their codes, and sets the forms up with them", () => {
    const { world, headers, rows } = worldWithUnits('Có');
    const report = runSetup(world.services);
    expect(report.sheetsPresent).toEqual([SHEET.units]);
    expect(report.sheetsCreated).not.toContain(SHEET.units);
    const stored = values(world, SHEET.units);
    expect(stored.slice(0, 3).map((row) => row.slice(0, headers.length))).toEqual([headers, ...rows]);
    expect(stored[0]?.[headers.length]).toBe(UNIT_COLUMNS.confirmationCode);
    expect(report.codesGenerated).toBe(2);
    expect(listOf(world, SHEET.units, UNIT_COLUMNS.isActive)).toEqual({
      values: ['Có', 'Không'],
      allowInvalid: false,
    });
    const plan = world.formApp.allForms()[0];
    const unitQuestion = plan?.state.items.find((item) => item.choices.includes('MNHM - Mầm non Hoa Mai'));
    expect(unitQuestion?.choices).toEqual(['MNHM - Mầm non Hoa Mai', 'THDD - Tiểu học Đặng Đức']);

    // `Biểu mẫu` holds what setup learnt of the forms: any shell builds the links Apps Script builds.
    const facts = readFormFacts(
      new SpreadsheetWorkbook(asSpreadsheet(world.sheets.spreadsheet), asSpreadsheetApp(world.sheets.app))
        .read([SHEET.forms])
        .get(SHEET.forms),
    );
    expect(facts.problems).toEqual([]);
    expect(facts.facts.map((fact) => fact.kind)).toEqual(['plan', 'report']);
    const properties = world.services.documentProperties;
    expect(facts.facts.map((fact) => fact.formId)).toEqual([
      properties.getProperty(formIdProperty('plan')),
      properties.getProperty(formIdProperty('report')),
    ]);
    const unit = makeUnit({ code: 'MNHM', name: 'Mầm non Hoa Mai', confirmationCode: 'ABC123' });
    const period = { form: 'report' as const, name: 'Báo cáo 6 tháng đầu năm 2023' };
    const fromSheet = formLinksOf(facts).linkFor(unit, period);
    expect(fromSheet).toMatch(/^https:\/\/docs\.google\.com\/forms\/.*entry\.\d+=MNHM\+-\+M/);
    expect(fromSheet).toBe(unitFormLinks(properties).linkFor(unit, period));
  });

  it('appends the default of a missing key to Cấu hình and leaves the other rows as typed', () => {
    const world = makeWorld([SHEET.config]);
    const rows = DEFAULT_CONFIG_ROWS.filter((row) => row.key !== 'Dự trữ hạn mức thư').map((row) =>
      row.key === 'Tên cơ quan'
        ? ['Tên cơ quan', 'Phòng GD&ĐT quận Mẫu', '']
        : [row.key, row.value, row.note],
    );
    new SpreadsheetWorkbook(
      asSpreadsheet(world.sheets.spreadsheet),
      asSpreadsheetApp(world.sheets.app),
    ).write([{ kind: 'replace', sheet: SHEET.config, headers: columnsOf(CONFIG_COLUMNS), rows }]);
    const report = runSetup(world.services);
    expect(report.configKeysAdded).toEqual(['Dự trữ hạn mức thư']);
    const stored = values(world, SHEET.config);
    expect(stored[1]).toEqual(['Tên cơ quan', 'Phòng GD&ĐT quận Mẫu', '']);
    expect(stored[stored.length - 1]).toEqual([
      'Dự trữ hạn mức thư',
      5,
      'Số thư trong hạn mức ngày để dành cho việc khác.',
    ]);
    expect(setupItems(report).created).toContain(
      'khóa «Dự trữ hạn mức thư» trong «Cấu hình» (giá trị mặc định)',
    );
  });

  it('only warns on a column whose typed values the list lacks, says which rows, and tightens once fixed', () => {
    const { world } = worldWithUnits('x');
    const report = runSetup(world.services);
    expect(listOf(world, SHEET.units, UNIT_COLUMNS.isActive).allowInvalid).toBe(true);
    expect(report.notes).toContain(
      'Cột «Đang hoạt động» của trang «Đơn vị» có giá trị ngoài danh sách («Có», «Không») ở dòng 2, 3: ' +
        'danh sách chọn tạm thời chỉ cảnh báo; hãy sửa các ô đó rồi chạy lại «Thiết lập ban đầu».',
    );
    const column = columnOf(world, SHEET.units, UNIT_COLUMNS.isActive);
    sheet(world, SHEET.units)
      .getRange(2, column, 2, 1)
      .setValues([['Có'], ['Không']]);
    const again = runSetup(world.services);
    expect(again.choices.find((entry) => entry.choices.sheet === SHEET.units)?.outcome).toBe('created');
    expect(listOf(world, SHEET.units, UNIT_COLUMNS.isActive).allowInvalid).toBe(false);
  });

  it('still makes the sheets and triggers when the periods are wrong, and says why the forms wait', () => {
    const world = makeWorld([SHEET.periods]);
    const headers = columnsOf(PERIOD_COLUMNS);
    const rows = DEFAULT_PERIOD_ROWS.map((row) =>
      headers.map((column) =>
        column === PERIOD_COLUMNS.writtenDueDate ? '31/02/2023' : (row[column] ?? null),
      ),
    ).slice(0, 1);
    new SpreadsheetWorkbook(
      asSpreadsheet(world.sheets.spreadsheet),
      asSpreadsheetApp(world.sheets.app),
    ).write([{ kind: 'replace', sheet: SHEET.periods, headers, rows }]);
    const report = runSetup(world.services);
    expect(report.sheetsPresent).toEqual([SHEET.periods]);
    expect(report.forms).toBeNull();
    expect(report.notes).toEqual([
      'Chưa thiết lập biểu mẫu vì bảng tính có chỗ chưa đúng; sửa rồi chạy lại «Thiết lập ban đầu»:\n' +
        '  - «Kỳ nộp», dòng 2, cột «Hạn nộp»: «31/02/2023» không phải là ngày hợp lệ (dd/MM/yyyy).',
    ]);
    expect(world.formApp.allForms()).toHaveLength(0);
    expect(report.triggers.map((outcome) => outcome.handler)).toEqual([
      DAILY_RUN_HANDLER,
      REVIEW_EDIT_HANDLER,
    ]);
  });
});

describe('runSetup after the sheets grew', () => {
  it('extends a drop-down to the rows Sheets added below it', () => {
    const world = makeWorld();
    runSetup(world.services);
    const submissions = sheet(world, SHEET.submissions);
    const review = columnOf(world, SHEET.submissions, SUBMISSION_COLUMNS.review);
    const grownTo = submissions.getMaxRows() + 5;
    submissions.getRange(grownTo, 1).setValue("'R-1005");
    expect(submissions.getRange(grownTo, review).getDataValidation()).toBeNull();
    const report = runSetup(world.services);
    expect(report.choices.find((entry) => entry.choices.sheet === SHEET.submissions)?.outcome).toBe(
      'created',
    );
    expect(() => submissions.getRange(grownTo, review).setValue('Duyệt')).toThrow(
      'violates the data validation rules set on this cell.',
    );
  });
});

describe('the drop-downs on the fake, as Google enforces them', () => {
  it('rejects a bad «Đánh giá» and accepts the labels, also through the consolidation write', () => {
    const world = makeWorld();
    runSetup(world.services);
    const review = columnOf(world, SHEET.submissions, SUBMISSION_COLUMNS.review);
    const cell = sheet(world, SHEET.submissions).getRange(2, review);
    expect(() => cell.setValue('Duyệt')).toThrow(
      `The data you entered in cell ${columnLetter(review)}2 violates the data validation rules set on this cell.`,
    );
    expect(cell.getValue()).toBe('');
    cell.setValue('Đạt');
    expect(cell.getValue()).toBe('Đạt');
    const headers = columnsOf(SUBMISSION_COLUMNS);
    const row = (label: string) =>
      headers.map((column) => (column === SUBMISSION_COLUMNS.review ? label : null));
    const workbook = new SpreadsheetWorkbook(
      asSpreadsheet(world.sheets.spreadsheet),
      asSpreadsheetApp(world.sheets.app),
    );
    workbook.write([
      {
        kind: 'replace',
        sheet: SHEET.submissions,
        headers,
        rows: [row('Chờ duyệt'), row('Yêu cầu bổ sung')],
      },
    ]);
    expect(() =>
      workbook.write([{ kind: 'replace', sheet: SHEET.submissions, headers, rows: [row('OK')] }]),
    ).toThrow('violates the data validation rules set on this cell.');
  });
});

describe('runSetupMenu', () => {
  it('shows the report in a dialog', () => {
    const world = makeWorld();
    const fakes = makeGasFakes({
      sheets: world.sheets,
      formApp: world.formApp,
      scriptApp: world.scriptApp,
      properties: world.properties,
    });
    runSetupMenu(new GasServices(globalsOf(fakes)));
    expect(world.sheets.ui.alerts).toHaveLength(1);
    expect(world.sheets.ui.alerts[0]?.title).toBe('Hạn nộp — Thiết lập ban đầu');
    expect(world.sheets.ui.alerts[0]?.prompt.split('\n')[0]).toBe('Đã tạo:');
    expect(fakes.lockService.statistics.acquisitions).toBe(1);
    expect(fakes.lockService.isHeld()).toBe(false);
  });

  it('sets the spreadsheet to Vietnam time when it is in another zone, and says so once', () => {
    const world = makeWorld();
    world.sheets.spreadsheet.setSpreadsheetTimeZone('America/Los_Angeles');
    const report = runSetup(world.services);
    expect(world.sheets.spreadsheet.getSpreadsheetTimeZone()).toBe('Asia/Ho_Chi_Minh');
    expect(setupItems(report).updated).toContain(
      'múi giờ của bảng tính: «Asia/Ho_Chi_Minh» (trước đó «America/Los_Angeles»)',
    );
    expect(runSetup(world.services).timeZoneChangedFrom).toBeNull();
  });

  it('records whose account owns the triggers, and refuses another account, naming the owner and creating nothing', () => {
    const world = makeWorld();
    expect(runSetup(world.services).triggerOwner).toBe('chuyenvien@pgd.example.edu.vn');
    expect(world.properties.script.getProperty('hannop.triggerOwner')).toBe('chuyenvien@pgd.example.edu.vn');
    const installed = world.scriptApp.installed;
    world.scriptApp.actAs('dongnghiep@pgd.example.edu.vn');
    world.sheets.spreadsheet.setSpreadsheetTimeZone('Europe/London');
    const sheetsBefore = world.sheets.spreadsheet.getSheets().map((each) => each.currentName);
    expect(() => runSetup(world.services)).toThrow(
      '«Thiết lập ban đầu» đã được chạy bằng tài khoản «chuyenvien@pgd.example.edu.vn»: các trình kích hoạt (xử lý ' +
        'bài nộp, gửi thư hằng ngày) thuộc tài khoản đó và thư được gửi từ hộp thư đó. Tài khoản ' +
        '«dongnghiep@pgd.example.edu.vn» không chạy lại được, vì sẽ tạo thêm một bộ trình kích hoạt thứ hai và mọi ' +
        'thư bị gửi hai lần; chưa có gì được tạo. Hãy nhờ «chuyenvien@pgd.example.edu.vn» chạy «Thiết lập ban đầu». ' +
        'Muốn chuyển sang tài khoản khác: «chuyenvien@pgd.example.edu.vn» mở Apps Script › Trình kích hoạt, xóa các ' +
        'trình kích hoạt của mình, rồi xóa thuộc tính tập lệnh «hannop.triggerOwner» (Cài đặt dự án).',
    );
    expect(world.scriptApp.installed).toEqual(installed);
    expect(world.sheets.spreadsheet.getSpreadsheetTimeZone()).toBe('Europe/London');
    expect(world.sheets.spreadsheet.getSheets().map((each) => each.currentName)).toEqual(sheetsBefore);
    // The owner runs it again as before.
    world.scriptApp.actAs('chuyenvien@pgd.example.edu.vn');
    expect(runSetup(world.services).triggers.every((outcome) => outcome.action === 'kept')).toBe(true);
  });

  it('shows the refusal to another account in the dialog, not as an unexpected error', () => {
    const world = makeWorld();
    runSetup(world.services);
    world.scriptApp.actAs('dongnghiep@pgd.example.edu.vn');
    const fakes = makeGasFakes({
      sheets: world.sheets,
      formApp: world.formApp,
      properties: world.properties,
      scriptApp: world.scriptApp,
    });
    runSetupMenu(new GasServices(globalsOf(fakes)));
    expect(world.sheets.ui.alerts.map((alert) => alert.prompt)).toEqual([
      expect.stringMatching(
        /^«Thiết lập ban đầu» đã được chạy bằng tài khoản «chuyenvien@pgd\.example\.edu\.vn»/,
      ),
    ]);
  });

  it('asks to retry, creating nothing, while another execution holds the script lock', () => {
    const world = makeWorld();
    const fakes = makeGasFakes({
      sheets: world.sheets,
      formApp: world.formApp,
      properties: world.properties,
    });
    fakes.lockService.holdElsewhere(10 * 60_000);
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      runSetupMenu(new GasServices(globalsOf(fakes)));
      expect(errors).toHaveBeenCalledTimes(1);
    } finally {
      errors.mockRestore();
    }
    expect(world.sheets.ui.alerts.map((alert) => alert.prompt)).toEqual([
      '«Thiết lập ban đầu» chưa chạy được vì một tác vụ khác đang cập nhật bảng tính. Vui lòng thử lại sau ít phút.',
    ]);
    expect(world.sheets.spreadsheet.getSheets().map((each) => each.currentName)).toEqual(['Trang tính1']);
  });
});
