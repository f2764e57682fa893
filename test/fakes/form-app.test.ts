import { FakeFormApp, FORM_NOT_FOUND_MESSAGE, type FakeForm } from './form-app';
import { linkFakeSpreadsheet } from './form-response-sheets';
import { createFakeSpreadsheetApp, type FakeSheet } from './spreadsheet-app';
import { vietnamInstant } from '../../src/domain/time';

function publishedForm(app: FakeFormApp, title = 'Kế hoạch thử'): FakeForm {
  const form = app.create(title);
  (form as unknown as { setPublished(enabled: boolean): void }).setPublished(true);
  return form;
}

function formWithQuestions(app: FakeFormApp): FakeForm {
  const form = publishedForm(app);
  form
    .addListItem()
    .setTitle('Đơn vị')
    .setChoiceValues(['MNHM - Mầm non Hoa Mai', 'THDD - Tiểu học Đặng Đức'])
    .setRequired(true);
  form.addTextItem().setTitle('Mã xác nhận');
  form.addTextItem().setTitle('Số điện thoại liên hệ').setRequired(true);
  form.addCheckboxItem().setTitle('Nội dung').setChoiceValues(['Một, hai', 'Ba']);
  form.addDateItem().setTitle('Ngày ban hành');
  return form;
}

function values(sheet: FakeSheet): unknown[][] {
  return sheet.getDataRange().getValues();
}

describe('FakeFormApp: forms', () => {
  it('creates forms with Google-shaped ids and URLs and opens them by id or URL', () => {
    const app = new FakeFormApp();
    const form = app.create('Kế hoạch A');
    expect(form.getTitle()).toBe('Kế hoạch A');
    expect(form.getEditUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/edit`);
    expect(form.getPublishedUrl()).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/[^/]+\/viewform$/);
    expect(app.openById(form.getId())).toBe(form);
    expect(app.openByUrl(form.getEditUrl())).toBe(form);
    expect(app.openByUrl(form.getPublishedUrl())).toBe(form);
    expect(app.create('Báo cáo A').getId()).not.toBe(form.getId());
  });

  it('throws like Google for an unknown or deleted form', () => {
    const app = new FakeFormApp();
    expect(() => app.openById('1nothingHere')).toThrow(FORM_NOT_FOUND_MESSAGE);
    const form = app.create('Cũ');
    app.deleteForm(form.getId());
    expect(() => app.openById(form.getId())).toThrow(FORM_NOT_FOUND_MESSAGE);
    expect(() => app.openByUrl(form.getEditUrl())).toThrow(FORM_NOT_FOUND_MESSAGE);
    expect(app.allForms()).toHaveLength(0);
  });

  it('starts a modern form unpublished, and lets a legacy runtime lack the publishing methods', () => {
    const modern = new FakeFormApp().create('Mới') as unknown as {
      isPublished(): boolean;
      setPublished(on: boolean): void;
    };
    expect(modern.isPublished()).toBe(false);
    modern.setPublished(true);
    expect(modern.isPublished()).toBe(true);
    const legacy = new FakeFormApp({ publishing: 'legacy' }).create('Cũ');
    expect('setPublished' in legacy).toBe(false);
    expect('setEmailCollectionType' in legacy).toBe(false);
    expect(legacy.state.published).toBe(true);
  });

  it('keeps the settings a script sets', () => {
    const form = new FakeFormApp().create('Kế hoạch');
    form
      .setCollectEmail(true)
      .setAllowResponseEdits(true)
      .setConfirmationMessage('Đã nhận.')
      .setAcceptingResponses(false);
    expect(form.collectsEmail()).toBe(true);
    expect(form.canEditResponse()).toBe(true);
    expect(form.getConfirmationMessage()).toBe('Đã nhận.');
    expect(form.isAcceptingResponses()).toBe(false);
    expect(() => form.getDestinationId()).toThrow('no response destination');
    expect(() => form.setDestination('DOCUMENT', 'x')).toThrow('Invalid argument: type');
  });

  it('counts every call', () => {
    const app = new FakeFormApp();
    const form = app.create('Đếm');
    form.getTitle();
    form.getTitle();
    form.addTextItem().setTitle('A');
    expect(app.calls.count('FormApp.create')).toBe(1);
    expect(app.calls.count('Form.getTitle')).toBe(2);
    expect(app.calls.count('Form.addTextItem')).toBe(1);
    expect(app.calls.count('TextItem.setTitle')).toBe(1);
  });
});

describe('FakeFormApp: items', () => {
  it('gives generic items from getItems, typed only through a matching cast', () => {
    const app = new FakeFormApp();
    const form = formWithQuestions(app);
    const [unit, code] = form.getItems();
    expect(unit?.getType()).toBe('LIST');
    expect((unit as unknown as Record<string, unknown>).setChoiceValues).toBeUndefined();
    expect(
      unit
        ?.asListItem()
        .getChoices()
        .map((choice) => choice.getValue()),
    ).toEqual(['MNHM - Mầm non Hoa Mai', 'THDD - Tiểu học Đặng Đức']);
    expect(() => code?.asListItem()).toThrow('cannot be cast');
    expect(form.getItems(app.ItemType.TEXT)).toHaveLength(2);
    expect(form.getItemById(unit?.getId() as number)?.getTitle()).toBe('Đơn vị');
    expect(form.getItemById(42)).toBeNull();
  });

  it('refuses a response that is not one of the choices, and an empty choice list', () => {
    const app = new FakeFormApp();
    const item = formWithQuestions(app).getItems()[0]?.asListItem();
    expect(() => item?.createResponse('XYZ - Không có')).toThrow('is not one of its choices');
    expect(item?.createResponse('MNHM - Mầm non Hoa Mai').getResponse()).toBe('MNHM - Mầm non Hoa Mai');
    expect(() => item?.setChoiceValues([])).toThrow('Array is empty');
  });

  it('moves and deletes items, keeping indexes current', () => {
    const form = formWithQuestions(new FakeFormApp());
    const phone = form.getItems()[2];
    form.moveItem(phone as NonNullable<typeof phone>, 0);
    expect(form.getItems().map((item) => item.getTitle())[0]).toBe('Số điện thoại liên hệ');
    expect(phone?.getIndex()).toBe(0);
    form.deleteItem(0);
    expect(form.getItems().map((item) => item.getTitle())).toEqual([
      'Đơn vị',
      'Mã xác nhận',
      'Nội dung',
      'Ngày ban hành',
    ]);
    expect(() => phone?.setTitle('x')).toThrow('deleted');
    expect(() => form.deleteItem(9)).toThrow('Invalid argument: index');
  });
});

describe('FakeFormApp: responses', () => {
  it('builds a pre-filled URL with entry numbers that are not item ids, encoded as Google does', () => {
    const form = formWithQuestions(new FakeFormApp());
    const [unit, code] = form.getItems();
    const url = form
      .createResponse()
      .withItemResponse(unit?.asListItem().createResponse('MNHM - Mầm non Hoa Mai') as never)
      .withItemResponse(code?.asTextItem().createResponse('K7PX-3M9Q') as never)
      .toPrefilledUrl();
    expect(url.startsWith(`${form.getPublishedUrl()}?usp=pp_url&entry.`)).toBe(true);
    expect(url).not.toContain(`entry.${unit?.getId()}=`);
    expect(url).toContain('=MNHM+-+M%E1%BA%A7m+non+Hoa+Mai');
    expect(url).toContain('=K7PX-3M9Q');
  });

  it("takes a person's answers, enforcing required questions and keeping the e-mail only when collected", () => {
    const app = new FakeFormApp();
    const form = formWithQuestions(app);
    const at = vietnamInstant('2023-03-25', 9, 30);
    expect(() =>
      app.respond(form, { email: 'a@x.example.com', at, answers: { 'Đơn vị': 'MNHM - Mầm non Hoa Mai' } }),
    ).toThrow('The required question "Số điện thoại liên hệ" was not answered.');
    expect(() =>
      app.respond(form, {
        email: 'a@x.example.com',
        at,
        answers: { 'Đơn vị': 'Khác', 'Số điện thoại liên hệ': '1' },
      }),
    ).toThrow('is not one of its choices');
    const anonymous = app.respond(form, {
      email: 'a@x.example.com',
      at,
      answers: { 'Đơn vị': 'MNHM - Mầm non Hoa Mai', 'Số điện thoại liên hệ': '0901234567' },
    });
    expect(anonymous.getRespondentEmail()).toBe('');
    form.setCollectEmail(true);
    const named = app.respond(form, {
      email: 'HT@Truong.example.edu.vn',
      at: vietnamInstant('2023-03-25', 10),
      answers: {
        'Đơn vị': 'THDD - Tiểu học Đặng Đức',
        'Số điện thoại liên hệ': '0901234567',
        'Nội dung': ['Một, hai', 'Ba'],
      },
    });
    expect(named.getRespondentEmail()).toBe('ht@truong.example.edu.vn');
    expect(named.getTimestamp()).toEqual(vietnamInstant('2023-03-25', 10));
    expect(
      named.getItemResponses().map((answer) => [answer.getItem().getTitle(), answer.getResponse()]),
    ).toEqual([
      ['Đơn vị', 'THDD - Tiểu học Đặng Đức'],
      ['Số điện thoại liên hệ', '0901234567'],
      ['Nội dung', ['Một, hai', 'Ba']],
    ]);
    expect(form.getResponses().map((response) => response.getId())).toEqual([
      anonymous.getId(),
      named.getId(),
    ]);
  });

  it('refuses answers while the form is unpublished or closed', () => {
    const app = new FakeFormApp();
    const form = app.create('Chưa xuất bản');
    form.addTextItem().setTitle('Tên');
    const answer = { email: 'a@x.example.com', at: new Date(0), answers: { Tên: 'A' } };
    expect(() => app.respond(form, answer)).toThrow('is not accepting responses');
    (form as unknown as { setPublished(on: boolean): void }).setPublished(true);
    form.setAcceptingResponses(false);
    expect(() => app.respond(form, answer)).toThrow('is not accepting responses');
  });

  it('keeps the id and renews the timestamp of an edited response, only when edits are allowed', () => {
    const app = new FakeFormApp();
    const form = formWithQuestions(app);
    const first = app.respond(form, {
      email: '',
      at: vietnamInstant('2023-03-25', 9),
      answers: {
        'Đơn vị': 'MNHM - Mầm non Hoa Mai',
        'Số điện thoại liên hệ': '0901234567',
        'Mã xác nhận': 'AAAA-BBBB',
      },
    });
    const id = first.getId() as string;
    expect(() => app.editResponse(form, id, { at: vietnamInstant('2023-03-26', 8), answers: {} })).toThrow(
      'does not allow editing responses',
    );
    form.setAllowResponseEdits(true);
    const edited = app.editResponse(form, id, {
      at: vietnamInstant('2023-03-26', 8),
      answers: { 'Số điện thoại liên hệ': '0907654321', 'Mã xác nhận': null },
    });
    expect(edited.getId()).toBe(id);
    expect(edited.getTimestamp()).toEqual(vietnamInstant('2023-03-26', 8));
    expect(edited.getItemResponses().map((answer) => answer.getResponse())).toEqual([
      'MNHM - Mầm non Hoa Mai',
      '0907654321',
    ]);
    // The snapshot taken before the edit still shows the first version.
    expect(first.getItemResponses().map((answer) => answer.getResponse())).toContain('AAAA-BBBB');
    expect(form.getResponses()).toHaveLength(1);
    expect(form.getResponse(id).getEditResponseUrl()).toBe(`${form.getPublishedUrl()}?edit2=${id}`);
    expect(() => form.getResponse('nope')).toThrow('No response with ID nope');
  });

  it('submits a scripted response once', () => {
    const app = new FakeFormApp();
    const form = formWithQuestions(app);
    const code = form.getItems()[1]?.asTextItem();
    const response = form
      .createResponse()
      .withItemResponse(code?.createResponse('X') as never)
      .submit();
    expect(response.getId()).toMatch(/^2_/);
    expect(() => response.submit()).toThrow('already been submitted');
  });

  it('tells listeners about each response a person sends or edits', () => {
    const app = new FakeFormApp();
    const form = formWithQuestions(app);
    form.setAllowResponseEdits(true);
    const seen: string[] = [];
    app.onResponse((source, response) => seen.push(`${source.id}:${String(response.getId())}`));
    const response = app.respond(form, {
      email: '',
      at: new Date(0),
      answers: { 'Đơn vị': 'MNHM - Mầm non Hoa Mai', 'Số điện thoại liên hệ': '1' },
    });
    app.editResponse(form, response.getId() as string, { at: new Date(1000), answers: {} });
    expect(seen).toEqual([
      `${form.id}:${String(response.getId())}`,
      `${form.id}:${String(response.getId())}`,
    ]);
  });
});

describe('FakeFormApp: a linked spreadsheet', () => {
  it('adds a response sheet at the front on each setDestination, as Google does', () => {
    const app = new FakeFormApp();
    const world = createFakeSpreadsheetApp({ sheetNames: ['Cấu hình'] });
    linkFakeSpreadsheet(app, world.spreadsheet);
    const form = formWithQuestions(app);
    form.setCollectEmail(true);
    form.setDestination(app.DestinationType.SPREADSHEET, world.spreadsheet.spreadsheetId);
    expect(form.getDestinationId()).toBe(world.spreadsheet.spreadsheetId);
    const sheets = world.spreadsheet.getSheets();
    expect(sheets.map((sheet) => sheet.getName())).toEqual(['Câu trả lời biểu mẫu 1', 'Cấu hình']);
    const linked = sheets[0] as FakeSheet & { getFormUrl(): string | null };
    expect(linked.getFormUrl()).toContain(form.getId());
    expect((sheets[1] as FakeSheet & { getFormUrl(): string | null }).getFormUrl()).toBeNull();
    expect(values(linked)[0]).toEqual([
      'Dấu thời gian',
      'Địa chỉ email',
      'Đơn vị',
      'Mã xác nhận',
      'Số điện thoại liên hệ',
      'Nội dung',
      'Ngày ban hành',
    ]);
    form.setDestination(app.DestinationType.SPREADSHEET, world.spreadsheet.spreadsheetId);
    expect(world.spreadsheet.getSheets().map((sheet) => sheet.getName())).toEqual([
      'Câu trả lời biểu mẫu 2',
      'Câu trả lời biểu mẫu 1',
      'Cấu hình',
    ]);
    expect(linked.getFormUrl()).toBeNull();
  });

  it('writes a row per response as Sheets types it, rewrites it on an edit, and follows renamed questions', () => {
    const app = new FakeFormApp();
    const world = createFakeSpreadsheetApp({ sheetNames: ['Cấu hình'] });
    const host = linkFakeSpreadsheet(app, world.spreadsheet);
    const form = formWithQuestions(app);
    form.setCollectEmail(true).setAllowResponseEdits(true);
    form.setDestination(app.DestinationType.SPREADSHEET, world.spreadsheet.spreadsheetId);
    const sheet = host.sheetOf(form.id) as FakeSheet;
    sheet.setName('Phản hồi Kế hoạch');
    const response = app.respond(form, {
      email: 'mnhm@truong.example.edu.vn',
      at: vietnamInstant('2023-03-25', 9, 15, 4),
      answers: {
        'Đơn vị': 'MNHM - Mầm non Hoa Mai',
        'Số điện thoại liên hệ': '0901234567',
        'Nội dung': ['Một, hai', 'Ba'],
        'Ngày ban hành': '2023-03-20',
      },
    });
    expect(values(sheet)[1]).toEqual([
      vietnamInstant('2023-03-25', 9, 15, 4),
      'mnhm@truong.example.edu.vn',
      'MNHM - Mầm non Hoa Mai',
      '',
      901234567,
      'Một, hai, Ba',
      vietnamInstant('2023-03-20'),
    ]);
    app.editResponse(form, response.getId() as string, {
      at: vietnamInstant('2023-03-26', 8),
      answers: { 'Mã xác nhận': 'K7PX-3M9Q', 'Nội dung': null },
    });
    const rows = values(sheet);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.slice(0, 6)).toEqual([
      vietnamInstant('2023-03-26', 8),
      'mnhm@truong.example.edu.vn',
      'MNHM - Mầm non Hoa Mai',
      'K7PX-3M9Q',
      901234567,
      '',
    ]);
    form.getItems()[1]?.setTitle('Mã xác nhận của đơn vị');
    form.addParagraphTextItem().setTitle('Ghi chú');
    expect(values(sheet)[0]?.slice(3)).toEqual([
      'Mã xác nhận của đơn vị',
      'Số điện thoại liên hệ',
      'Nội dung',
      'Ngày ban hành',
      'Ghi chú',
    ]);
  });

  it('uses the English names in an English-locale spreadsheet', () => {
    const app = new FakeFormApp();
    const world = createFakeSpreadsheetApp({ sheetNames: ['Sheet1'] });
    linkFakeSpreadsheet(app, world.spreadsheet, 'en');
    const form = publishedForm(app);
    form.setCollectEmail(true);
    form.setDestination(app.DestinationType.SPREADSHEET, world.spreadsheet.spreadsheetId);
    const sheet = world.spreadsheet.getSheetByName('Form Responses 1') as FakeSheet;
    expect(values(sheet)[0]).toEqual(['Timestamp', 'Email Address']);
  });
});
