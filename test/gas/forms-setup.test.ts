import { FORM_KIND_LABEL, type CampaignConfig } from '../../src/domain/campaign';
import { PLAN_FORM, REPORT_FORM } from '../../src/domain/forms';
import { SHEET } from '../../src/domain/layout';
import { UnitRegistry } from '../../src/domain/units';
import {
  FORM_SUBMIT_HANDLER,
  describeFormsSetup,
  formIdProperty,
  readPrefillTemplates,
  refreshChoices,
  setUpForms,
  type FormsSetupInput,
  type FormsSetupServices,
} from '../../src/gas/forms-setup';
import { FIXTURE_UNITS, makeUnit, periods2023 } from '../fakes/campaign-fixture';
import { asForm, asFormApp, FakeFormApp, type FakeForm } from '../fakes/form-app';
import { linkFakeSpreadsheet } from '../fakes/form-response-sheets';
import { asProperties, FakePropertiesService } from '../fakes/properties-service';
import { asScriptApp, FakeScriptApp } from '../fakes/script-app';
import { asSpreadsheet, createFakeSpreadsheetApp, type FakeSheet } from '../fakes/spreadsheet-app';

const CONFIG: CampaignConfig = {
  agencyName: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
  planName: 'thực hiện công tác dân vận của chính quyền năm 2023',
  year: 2023,
  contactName: 'Trần Văn Phụ Trách',
  contactEmail: 'phutrach@pgd.example.gov.vn',
  contactPhone: '028 3896 0000',
  digestEmails: [],
  dailyMailHour: 7,
  mailQuotaReserve: 5,
  identityCheck: 'email_or_code',
  requireSignIn: false,
};

const PLAN_TITLE = 'Kế hoạch thực hiện công tác dân vận của chính quyền năm 2023';
const REPORT_TITLE = 'Báo cáo thực hiện công tác dân vận của chính quyền năm 2023';
const ACTIVE_UNIT_CHOICES = [
  'MNHM - Mầm non Hoa Mai',
  'THCSLQD - THCS Lê Quý Đôn',
  'THDD - Tiểu học Đặng Đức',
];

function makeWorld(options: { publishing?: 'modern' | 'legacy'; account?: 'workspace' | 'consumer' } = {}) {
  const sheets = createFakeSpreadsheetApp({
    sheetNames: [SHEET.config, SHEET.units, SHEET.periods, SHEET.planResponses, SHEET.reportResponses],
  });
  // As `init` leaves them: the headers and no row.
  for (const name of [SHEET.planResponses, SHEET.reportResponses]) {
    sheets.spreadsheet
      .getSheetByName(name)
      ?.getRange(1, 1, 1, 2)
      .setValues([['Dấu thời gian', 'Địa chỉ email']]);
  }
  const formApp = new FakeFormApp({
    ...(options.publishing ? { publishing: options.publishing } : {}),
    ...(options.account ? { account: options.account } : {}),
  });
  const responseSheets = linkFakeSpreadsheet(formApp, sheets.spreadsheet);
  const scriptApp = new FakeScriptApp();
  const properties = new FakePropertiesService();
  const services: FormsSetupServices = {
    formApp: asFormApp(formApp),
    spreadsheet: asSpreadsheet(sheets.spreadsheet),
    properties: asProperties(properties.document as NonNullable<typeof properties.document>),
    flush: () => sheets.app.flush(),
    triggers: { scriptApp: asScriptApp(scriptApp), settings: asProperties(properties.script) },
  };
  const input: FormsSetupInput = {
    config: CONFIG,
    units: new UnitRegistry(FIXTURE_UNITS),
    periods: periods2023(),
  };
  return { sheets, formApp, responseSheets, scriptApp, properties, services, input };
}

function sheetNames(world: ReturnType<typeof makeWorld>): string[] {
  return world.sheets.spreadsheet.getSheets().map((sheet) => sheet.currentName);
}

function formOf(world: ReturnType<typeof makeWorld>, title: string): FakeForm {
  const form = world.formApp.allForms().find((candidate) => candidate.state.title === title);
  if (!form) throw new Error(`no form titled ${title}`);
  return form;
}

/** Calls that change a form: every set…, add…, move…, delete…, create. */
function formWrites(world: ReturnType<typeof makeWorld>): string[] {
  return Object.keys(world.formApp.calls.byMethod()).filter(
    (method) =>
      /\.(set|add|move|delete|create$|remove)/.test(method) && !/createResponse|FormResponse\./.test(method),
  );
}

describe('setUpForms, first run', () => {
  it('creates both forms with the settings the campaign needs', () => {
    const world = makeWorld();
    const report = setUpForms(world.services, world.input);
    expect(report.forms.map((outcome) => [outcome.kind, outcome.status, outcome.title])).toEqual([
      ['plan', 'created', PLAN_TITLE],
      ['report', 'created', REPORT_TITLE],
    ]);
    expect(world.formApp.allForms()).toHaveLength(2);
    for (const form of world.formApp.allForms()) {
      expect(form.state).toMatchObject({
        published: true,
        acceptingResponses: true,
        collectsEmail: true,
        emailCollectionType: 'VERIFIED',
        allowResponseEdits: true,
        destinationId: world.sheets.spreadsheet.spreadsheetId,
      });
      expect(form.state.confirmationMessage).toContain('Phòng Giáo dục và Đào tạo thành phố Thủ Đức đã nhận');
      expect(form.state.confirmationMessage).toContain('đồng chí Trần Văn Phụ Trách');
    }
    expect(formOf(world, PLAN_TITLE).state.confirmationMessage).toContain('đã nhận kế hoạch của quý đơn vị');
    expect(formOf(world, REPORT_TITLE).state.confirmationMessage).toContain('đã nhận báo cáo của quý đơn vị');
    expect(world.properties.document?.snapshot()[formIdProperty('plan')]).toBe(report.forms[0]?.formId);
  });

  it('puts the questions in spec order, with required flags, help text and choices from the sheets', () => {
    const world = makeWorld();
    setUpForms(world.services, world.input);
    const plan = formOf(world, PLAN_TITLE).state.items;
    expect(plan.map((item) => item.title)).toEqual(PLAN_FORM.questions.map((question) => question.title));
    expect(plan.map((item) => item.required)).toEqual(
      PLAN_FORM.questions.map((question) => question.required),
    );
    expect(plan[0]).toMatchObject({
      type: 'LIST',
      choices: ACTIVE_UNIT_CHOICES,
      helpText: PLAN_FORM.questions[0].helpText,
    });
    expect(plan.find((item) => item.title === 'Ngày ban hành')?.type).toBe('DATE');
    expect(plan.find((item) => item.title === 'Nội dung trọng tâm đã đưa vào kế hoạch')).toMatchObject({
      type: 'CHECKBOX',
      choices: PLAN_FORM.questions.find((question) => question.key === 'focusAreas')?.choices,
    });
    expect(plan.find((item) => item.title.startsWith('Số mô hình'))?.validation).toMatchObject({
      kind: 'pattern',
    });
    const reportItems = formOf(world, REPORT_TITLE).state.items;
    expect(reportItems.map((item) => item.title)).toEqual(
      REPORT_FORM.questions.map((question) => question.title),
    );
    expect(reportItems.find((item) => item.title === 'Kỳ báo cáo')).toMatchObject({
      type: 'MULTIPLE_CHOICE',
      choices: ['Báo cáo 6 tháng đầu năm 2023', 'Báo cáo năm 2023'],
    });
    expect(
      reportItems.find((item) => item.title === 'Đã tổ chức Hội nghị cán bộ, công chức, viên chức')?.choices,
    ).toEqual(['Có', 'Không']);
  });

  it("gives the sheets Forms creates the workbook's names, replacing the empty ones `init` made", () => {
    const world = makeWorld();
    const report = setUpForms(world.services, world.input);
    expect(report.forms.map((outcome) => outcome.responseSheet)).toEqual(['renamed', 'renamed']);
    expect(sheetNames(world).sort()).toEqual(
      [SHEET.config, SHEET.units, SHEET.periods, SHEET.planResponses, SHEET.reportResponses].sort(),
    );
    const planSheet = world.sheets.spreadsheet.getSheetByName(SHEET.planResponses) as FakeSheet;
    expect(planSheet).toBe(world.responseSheets.sheetOf(formOf(world, PLAN_TITLE).id));
    expect(planSheet.getDataRange().getValues()[0]?.slice(0, 4)).toEqual([
      'Dấu thời gian',
      'Địa chỉ email',
      'Đơn vị',
      'Mã xác nhận',
    ]);
  });

  it('installs one form-submit trigger per form, by handler name', () => {
    const world = makeWorld();
    const report = setUpForms(world.services, world.input);
    expect(
      world.scriptApp.installed.map((trigger) => [trigger.handler, trigger.eventType, trigger.sourceId]),
    ).toEqual([
      [FORM_SUBMIT_HANDLER.plan, 'ON_FORM_SUBMIT', report.forms[0]?.formId],
      [FORM_SUBMIT_HANDLER.report, 'ON_FORM_SUBMIT', report.forms[1]?.formId],
    ]);
  });

  it('publishes and collects e-mails the old way on a runtime without the publishing API', () => {
    const world = makeWorld({ publishing: 'legacy' });
    setUpForms(world.services, world.input);
    expect(world.formApp.calls.count('Form.setCollectEmail')).toBe(2);
    expect(world.formApp.allForms().map((form) => [form.state.published, form.state.collectsEmail])).toEqual([
      [true, true],
      [true, true],
    ]);
  });
});

describe('setUpForms, run again', () => {
  it('leaves exactly two forms, no duplicate item, one submit trigger per form, and changes nothing', () => {
    const world = makeWorld();
    const first = setUpForms(world.services, world.input);
    const itemsBefore = world.formApp.allForms().map((form) => form.state.items);
    const sheetsBefore = sheetNames(world);
    world.formApp.calls.reset();
    const second = setUpForms(world.services, world.input);
    expect(world.formApp.allForms()).toHaveLength(2);
    expect(world.formApp.allForms().map((form) => form.state.items)).toEqual(itemsBefore);
    expect(world.scriptApp.installed).toHaveLength(2);
    expect(sheetNames(world)).toEqual(sheetsBefore);
    expect(second.forms.map((outcome) => outcome.formId)).toEqual(
      first.forms.map((outcome) => outcome.formId),
    );
    expect(
      second.forms.map((outcome) => ({
        status: outcome.status,
        settingsChanged: outcome.settingsChanged,
        itemsAdded: outcome.itemsAdded,
        itemsUpdated: outcome.itemsUpdated,
        responseSheet: outcome.responseSheet,
        trigger: outcome.trigger?.action,
        notes: outcome.notes,
      })),
    ).toEqual([
      {
        status: 'found',
        settingsChanged: [],
        itemsAdded: [],
        itemsUpdated: [],
        responseSheet: 'kept',
        trigger: 'kept',
        notes: [],
      },
      {
        status: 'found',
        settingsChanged: [],
        itemsAdded: [],
        itemsUpdated: [],
        responseSheet: 'kept',
        trigger: 'kept',
        notes: [],
      },
    ]);
    expect(formWrites(world)).toEqual([]);
  });

  it('puts back what the department changed by hand, and leaves its own questions alone', () => {
    const world = makeWorld();
    setUpForms(world.services, world.input);
    const form = formOf(world, PLAN_TITLE);
    const items = form.getItems();
    const unitItem = items[0]?.asListItem();
    unitItem?.setTitle('đơn  VỊ').setRequired(false).setHelpText('');
    form.setConfirmationMessage('Cảm ơn.');
    form.setAcceptingResponses(false);
    form.deleteItem(items.findIndex((item) => item.getTitle() === 'Chức vụ'));
    form.addSectionHeaderItem().setTitle('Phần riêng của phòng');
    const report = setUpForms(world.services, world.input).forms[0];
    expect(report?.itemsAdded).toEqual(['Chức vụ']);
    expect(report?.itemsUpdated).toEqual(['Đơn vị']);
    expect(report?.settingsChanged).toEqual(['nhận câu trả lời', 'lời nhắn sau khi gửi']);
    const titles = form.state.items.map((item) => item.title);
    expect(titles).toEqual([
      ...PLAN_FORM.questions.map((question) => question.title),
      'Phần riêng của phòng',
    ]);
    expect(form.state.items[0]).toMatchObject({
      title: 'Đơn vị',
      required: true,
      helpText: PLAN_FORM.questions[0].helpText,
    });
    expect(form.state.items.filter((item) => item.title === 'Đơn vị')).toHaveLength(1);
  });

  it('reports an item of the wrong kind instead of touching it', () => {
    const world = makeWorld();
    setUpForms(world.services, world.input);
    const form = formOf(world, PLAN_TITLE);
    const index = form.getItems().findIndex((item) => item.getTitle() === 'Ghi chú');
    form.deleteItem(index);
    form.addTextItem().setTitle('Ghi chú');
    const outcome = setUpForms(world.services, world.input).forms[0];
    expect(outcome?.notes).toEqual([
      'Câu hỏi «Ghi chú» của biểu mẫu Kế hoạch đang là kiểu «trả lời ngắn», cần kiểu «đoạn»: hãy xóa câu hỏi đó trên Google Form rồi chạy lại «Thiết lập ban đầu».',
    ]);
    expect(form.state.items.filter((item) => item.title === 'Ghi chú').map((item) => item.type)).toEqual([
      'TEXT',
    ]);
  });

  it('makes a new form, and moves the trigger to it, when the stored one was deleted', () => {
    const world = makeWorld();
    const first = setUpForms(world.services, world.input);
    const oldId = first.forms[0]?.formId as string;
    world.formApp.deleteForm(oldId);
    const outcome = setUpForms(world.services, world.input).forms[0];
    expect(outcome?.status).toBe('recreated');
    expect(outcome?.notes[0]).toMatch(
      /^Không mở được biểu mẫu Kế hoạch đã lưu \(mã 1FakeForm001\w+\): No item with the given ID/,
    );
    expect(world.formApp.allForms()).toHaveLength(2);
    expect(
      world.scriptApp.installed.filter((trigger) => trigger.handler === FORM_SUBMIT_HANDLER.plan),
    ).toEqual([expect.objectContaining({ sourceId: outcome?.formId })]);
    // The old form's sheet is kept under another name; the new form's sheet takes the name.
    expect(world.sheets.spreadsheet.getSheetByName(SHEET.planResponses)).toBe(
      world.responseSheets.sheetOf(outcome?.formId as string),
    );
    expect(outcome?.notes[1]).toBe(
      'Trang «Phản hồi Kế hoạch» nhận câu trả lời của một biểu mẫu khác nên được đổi tên thành «Phản hồi Kế hoạch (cũ)».',
    );
  });

  it('finds the form again through its response sheet when the stored id was lost', () => {
    const world = makeWorld();
    const first = setUpForms(world.services, world.input);
    world.properties.document?.deleteAllProperties();
    const outcome = setUpForms(world.services, world.input).forms[0];
    expect(outcome).toMatchObject({ status: 'found', formId: first.forms[0]?.formId });
    expect(outcome?.notes).toEqual(['Đã tìm lại biểu mẫu Kế hoạch qua trang «Phản hồi Kế hoạch».']);
    expect(world.formApp.allForms()).toHaveLength(2);
    expect(world.properties.document?.snapshot()[formIdProperty('plan')]).toBe(first.forms[0]?.formId);
  });

  it('does not take over a form that writes to another spreadsheet', () => {
    const world = makeWorld();
    const foreign = world.formApp.create('Biểu mẫu của bảng tính khác');
    foreign.setDestination('SPREADSHEET', 'another-spreadsheet');
    world.properties.document?.setProperty(formIdProperty('plan'), foreign.id);
    const outcome = setUpForms(world.services, { ...world.input, kinds: ['plan'] }).forms[0];
    expect(outcome?.status).toBe('recreated');
    expect(outcome?.formId).not.toBe(foreign.id);
    expect(outcome?.notes[0]).toBe(
      `Biểu mẫu Kế hoạch đã lưu (mã ${foreign.id}) đang gửi câu trả lời về một bảng tính khác nên không dùng lại.`,
    );
    expect(foreign.state.destinationId).toBe('another-spreadsheet');
  });

  it('keeps a response sheet that already holds rows under another name', () => {
    const world = makeWorld();
    world.sheets.spreadsheet
      .getSheetByName(SHEET.planResponses)
      ?.getRange(2, 1, 1, 2)
      .setValues([['x', 'y']]);
    const outcome = setUpForms(world.services, { ...world.input, kinds: ['plan'] }).forms[0];
    expect(outcome?.notes).toEqual([
      'Trang «Phản hồi Kế hoạch» đã có dữ liệu nên được đổi tên thành «Phản hồi Kế hoạch (cũ)».',
    ]);
    expect(sheetNames(world)).toContain('Phản hồi Kế hoạch (cũ)');
    expect(world.sheets.spreadsheet.getSheetByName(SHEET.planResponses)).toBe(
      world.responseSheets.sheetOf(outcome?.formId as string),
    );
  });
});

describe('Yêu cầu đăng nhập Google', () => {
  it('restricts both forms to the domain on a Workspace account, and opens them again when set back to «không»', () => {
    const world = makeWorld({ account: 'workspace' });
    const first = setUpForms(world.services, { ...world.input, config: { ...CONFIG, requireSignIn: true } });
    expect(world.formApp.allForms().map((form) => form.requiresLogin())).toEqual([true, true]);
    expect(first.forms.map((outcome) => outcome.settingsChanged)).toEqual([
      expect.arrayContaining(['chỉ nhận người đăng nhập trong miền']),
      expect.arrayContaining(['chỉ nhận người đăng nhập trong miền']),
    ]);
    const again = setUpForms(world.services, world.input);
    expect(world.formApp.allForms().map((form) => form.requiresLogin())).toEqual([false, false]);
    expect(again.forms.map((outcome) => outcome.settingsChanged)).toEqual([
      ['không yêu cầu đăng nhập'],
      ['không yêu cầu đăng nhập'],
    ]);
  });

  it('says why a consumer account cannot require sign-in, and leaves the forms open', () => {
    const world = makeWorld({ account: 'consumer' });
    const report = setUpForms(world.services, { ...world.input, config: { ...CONFIG, requireSignIn: true } });
    expect(world.formApp.allForms().map((form) => form.requiresLogin())).toEqual([false, false]);
    expect(report.forms.map((outcome) => outcome.notes)).toEqual(
      ['Kế hoạch', 'Báo cáo'].map((label) => [
        `Biểu mẫu ${label}: không đặt được «Yêu cầu đăng nhập Google» = «có» vì chỉ tài khoản Google Workspace mới ` +
          'giới hạn được người trả lời trong miền; biểu mẫu vẫn nhận mọi người có đường dẫn. Hãy ghi «không» trong ' +
          '«Cấu hình», hoặc chạy thiết lập bằng tài khoản Workspace của Phòng.',
      ]),
    );
  });

  it('sets a form a domain administrator made sign-in by default back to open', () => {
    const world = makeWorld({ account: 'workspace' });
    setUpForms(world.services, world.input);
    world.formApp.allForms().forEach((form) => form.setRequireLogin(true));
    setUpForms(world.services, world.input);
    expect(world.formApp.allForms().map((form) => form.requiresLogin())).toEqual([false, false]);
  });
});

describe('refreshChoices', () => {
  it('drops a unit that became inactive and adds a new one, changing nothing else', () => {
    const world = makeWorld();
    setUpForms(world.services, world.input);
    world.formApp.calls.reset();
    const units = new UnitRegistry([
      ...FIXTURE_UNITS.map((unit) => (unit.code === 'THDD' ? { ...unit, isActive: false } : unit)),
      makeUnit({ code: 'MGAN', name: 'Mẫu giáo Ánh Nắng', rowNumber: 6 }),
    ]);
    const report = refreshChoices(world.services, { ...world.input, units });
    const expected = ['MNHM - Mầm non Hoa Mai', 'MGAN - Mẫu giáo Ánh Nắng', 'THCSLQD - THCS Lê Quý Đôn'];
    for (const form of world.formApp.allForms()) expect(form.state.items[0]?.choices).toEqual(expected);
    expect(report.forms.map((outcome) => outcome.choiceChanges)).toEqual([
      [{ title: 'Đơn vị', added: ['MGAN - Mẫu giáo Ánh Nắng'], removed: ['THDD - Tiểu học Đặng Đức'] }],
      [{ title: 'Đơn vị', added: ['MGAN - Mẫu giáo Ánh Nắng'], removed: ['THDD - Tiểu học Đặng Đức'] }],
    ]);
    expect(formWrites(world).sort()).toEqual(['ListItem.setChoiceValues']);
    expect(world.formApp.calls.count('ListItem.setChoiceValues')).toBe(2);
  });

  it('refreshes the report periods from `Kỳ nộp`', () => {
    const world = makeWorld();
    setUpForms(world.services, world.input);
    const periods = periods2023().map((period) =>
      period.id === 'BCN-2023' ? { ...period, name: 'Báo cáo cả năm 2023' } : period,
    );
    refreshChoices(world.services, { ...world.input, periods });
    const choices = formOf(world, REPORT_TITLE).state.items.find(
      (item) => item.title === 'Kỳ báo cáo',
    )?.choices;
    expect(choices).toEqual(['Báo cáo 6 tháng đầu năm 2023', 'Báo cáo cả năm 2023']);
  });

  it('asks for setup first when there is no form yet', () => {
    const world = makeWorld();
    expect(() => refreshChoices(world.services, world.input)).toThrow(
      `Chưa có biểu mẫu ${FORM_KIND_LABEL.plan} dùng được (chưa thiết lập). Hãy chạy «Thiết lập ban đầu» trong trình đơn Hạn nộp.`,
    );
  });
});

describe('pre-filled link templates', () => {
  it("store where the unit, the code and the period go, matching the form's own pre-filled links", () => {
    const world = makeWorld();
    setUpForms(world.services, world.input);
    const templates = readPrefillTemplates(
      asProperties(world.properties.document as NonNullable<typeof world.properties.document>),
    );
    const report = formOf(world, REPORT_TITLE);
    const entryOf = (title: string) =>
      `entry.${report.state.items.find((item) => item.title === title)?.entryId}`;
    expect(templates.report).toEqual({
      formUrl: report.getPublishedUrl(),
      entries: { unit: entryOf('Đơn vị'), code: entryOf('Mã xác nhận'), period: entryOf('Kỳ báo cáo') },
    });
    expect(Object.keys(templates.plan?.entries ?? {})).toEqual(['unit', 'code']);
  });

  it('cost the same few FormApp calls however many units there are', () => {
    const count = (unitCount: number) => {
      const world = makeWorld();
      const units = new UnitRegistry(
        Array.from({ length: unitCount }, (_, index) =>
          makeUnit({
            code: `U${String(index).padStart(3, '0')}`,
            name: `Trường số ${index}`,
            rowNumber: index + 2,
          }),
        ),
      );
      setUpForms(world.services, { ...world.input, units });
      return [
        'FormResponse.withItemResponse',
        'FormResponse.toPrefilledUrl',
        'Form.createResponse',
        'ListItem.createResponse',
      ].map((method) => world.formApp.calls.count(method));
    };
    expect(count(300)).toEqual(count(3));
    // Per form: one response for the link template, one answering every question to learn the
    // entries the trigger reads answers through (answer-entries.ts).
    expect(count(3)).toEqual([43, 4, 4, 4]);
  });

  it('warn when no unit is active, as no link can be made', () => {
    const world = makeWorld();
    const outcome = setUpForms(world.services, {
      ...world.input,
      units: new UnitRegistry([]),
      kinds: ['plan'],
    }).forms[0];
    expect(outcome?.notes).toEqual([
      'Biểu mẫu Kế hoạch: chưa có đơn vị đang hoạt động nào nên câu hỏi «Đơn vị» chưa có lựa chọn.',
      'Chưa tạo được đường liên kết điền sẵn cho biểu mẫu Kế hoạch: câu hỏi chọn đơn vị chưa có hoặc chưa có lựa chọn nào.',
    ]);
  });
});

describe('the setup report', () => {
  it('lists what was created and what needs a person, in Vietnamese', () => {
    const world = makeWorld();
    const text = describeFormsSetup(setUpForms(world.services, { ...world.input, kinds: ['plan'] }));
    const form = formOf(world, PLAN_TITLE);
    expect(text).toBe(
      [
        `Biểu mẫu «${PLAN_TITLE}»: đã tạo mới.`,
        '  Đã chỉnh: xuất bản, thu địa chỉ email đã xác minh, cho phép sửa câu trả lời, lời nhắn sau khi gửi, gửi câu trả lời về bảng tính này.',
        `  Đã thêm ${PLAN_FORM.questions.length} câu hỏi.`,
        '  Câu trả lời ghi vào trang «Phản hồi Kế hoạch».',
        '  Đã cài trình kích hoạt khi có câu trả lời.',
        `  Đường dẫn cho đơn vị: ${form.getPublishedUrl()}`,
      ].join('\n'),
    );
  });
});

describe('after setup', () => {
  it('delivers each submission to the handler once, with the answers in the renamed sheet', () => {
    const world = makeWorld();
    const report = setUpForms(world.services, world.input);
    const received: string[] = [];
    world.scriptApp.bindHandlers({
      [FORM_SUBMIT_HANDLER.plan]: (event: { response: { getId(): string } }) =>
        received.push(event.response.getId()),
      [FORM_SUBMIT_HANDLER.report]: () => received.push('report?'),
    });
    world.formApp.onResponse((form, response) =>
      world.scriptApp.fireFormSubmit(form.id, { response, source: asForm(form) }),
    );
    setUpForms(world.services, world.input);
    const planId = report.forms[0]?.formId as string;
    const response = world.formApp.respond(planId, {
      email: 'mnhm@truong.example.edu.vn',
      at: new Date('2023-03-25T02:00:00Z'),
      answers: {
        'Đơn vị': 'MNHM - Mầm non Hoa Mai',
        'Họ và tên người báo cáo': 'Nguyễn Thị Hiệu Trưởng',
        'Chức vụ': 'Hiệu trưởng',
        'Số điện thoại liên hệ': '0901234567',
        'Số, ký hiệu văn bản': '15/KH-MNHM',
        'Ngày ban hành': '2023-03-20',
        'Đường dẫn tệp văn bản': 'https://drive.example.com/kh.pdf',
        'Nội dung trọng tâm đã đưa vào kế hoạch': [...(PLAN_FORM.questions[8].choices ?? [])],
        'Số mô hình, điển hình “Dân vận khéo” đăng ký': '1.234',
      },
    });
    expect(received).toEqual([response.getId()]);
    const rows = (world.sheets.spreadsheet.getSheetByName(SHEET.planResponses) as FakeSheet)
      .getDataRange()
      .getValues();
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[1]).toBe('mnhm@truong.example.edu.vn');
    expect(() =>
      world.formApp.respond(planId, {
        email: 'x@example.com',
        at: new Date('2023-03-25T03:00:00Z'),
        answers: { 'Số mô hình, điển hình “Dân vận khéo” đăng ký': '12a' },
      }),
    ).toThrow('Nhập một số nguyên không âm');
  });
});
