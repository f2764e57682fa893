import { figureColumns, figureValues } from '../../../src/domain/forms/figures';
import { FOCUS_AREAS, PLAN_FORM } from '../../../src/domain/forms/plan-form';
import { REPORT_FORM } from '../../../src/domain/forms/report-form';
import { responseSheetHeaders } from '../../../src/domain/forms/response-columns';
import { choicesFor, findQuestion, type FormSpec } from '../../../src/domain/forms/spec';
import { titleKey } from '../../../src/domain/text';
import { fixtureUnits, periods2023 } from '../../fakes/campaign-fixture';

// The exact titles of docs/forms.md, in its order: the Form, the response sheet and the imports use them.
const COMMON = [
  ['unit', 'Đơn vị'],
  ['code', 'Mã xác nhận'],
  ['reporter', 'Họ và tên người báo cáo'],
  ['position', 'Chức vụ'],
  ['phone', 'Số điện thoại liên hệ'],
  ['docNumber', 'Số, ký hiệu văn bản'],
  ['docDate', 'Ngày ban hành'],
  ['docLink', 'Đường dẫn tệp văn bản'],
];
const PLAN = [
  ['focusAreas', 'Nội dung trọng tâm đã đưa vào kế hoạch'],
  ['dvkCount', 'Số mô hình, điển hình “Dân vận khéo” đăng ký'],
  ['dvkNames', 'Tên các mô hình, điển hình “Dân vận khéo” (mỗi dòng một tên)'],
  ['councilDate', 'Ngày triển khai đến Hội đồng sư phạm'],
  ['notes', 'Ghi chú'],
];
const REPORT = [
  ['period', 'Kỳ báo cáo'],
  ['propagandaSessions', 'Số buổi tuyên truyền, quán triệt'],
  ['propagandaAttendees', 'Số lượt người tham dự tuyên truyền, quán triệt'],
  ['dvkActive', 'Số mô hình, điển hình “Dân vận khéo” đang thực hiện'],
  ['dvkRecognized', 'Số mô hình, điển hình “Dân vận khéo” được công nhận'],
  ['receptionSessions', 'Số buổi tiếp công dân'],
  ['petitionsReceived', 'Số đơn thư khiếu nại, tố cáo, phản ánh nhận được'],
  ['petitionsResolved', 'Số đơn thư đã giải quyết'],
  ['dialogues', 'Số buổi đối thoại với cán bộ, giáo viên, nhân viên, cha mẹ học sinh'],
  ['staffConference', 'Đã tổ chức Hội nghị cán bộ, công chức, viên chức'],
  ['eDocPercent', 'Tỷ lệ văn bản điện tử (%)'],
  ['commendations', 'Số tập thể, cá nhân được khen thưởng'],
  ['violations', 'Số trường hợp vi phạm bị nhắc nhở, xử lý'],
  ['highlights', 'Kết quả nổi bật'],
  ['shortcomings', 'Hạn chế, nguyên nhân'],
  ['nextSteps', 'Phương hướng, nhiệm vụ thời gian tới'],
  ['proposals', 'Kiến nghị, đề xuất'],
];

const keysAndTitles = (spec: FormSpec) => spec.questions.map((question) => [question.key, question.title]);

describe('the form specs', () => {
  it('have the exact titles of docs/forms.md, common questions first, in order', () => {
    expect(keysAndTitles(PLAN_FORM)).toEqual([...COMMON, ...PLAN]);
    expect(keysAndTitles(REPORT_FORM)).toEqual([...COMMON, ...REPORT]);
  });

  it('have the five focus areas of the plan, word for word', () => {
    expect(FOCUS_AREAS).toEqual([
      'Quán triệt chủ trương, chính sách, pháp luật về công tác dân vận của chính quyền',
      'Phong trào thi đua “Dân vận khéo”, gắn với 5 nội dung “không”',
      'Văn hóa công vụ, đạo đức nhà giáo, quy tắc ứng xử',
      'Thực hiện dân chủ, tiếp công dân, giải quyết khiếu nại, tố cáo',
      'Cải cách hành chính, văn bản điện tử, ISO 9001',
    ]);
    expect(findQuestion(PLAN_FORM, 'focusAreas')?.choices).toEqual(FOCUS_AREAS);
  });

  it.each<FormSpec>([PLAN_FORM, REPORT_FORM])(
    '$kind: keys and normalised titles are unique, texts are NFC',
    (spec) => {
      const keys = spec.questions.map((question) => question.key);
      const titleKeys = spec.questions.map((question) => titleKey(question.title));
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(titleKeys).size).toBe(titleKeys.length);
      for (const question of spec.questions) {
        expect(question.title).toBe(question.title.normalize('NFC'));
        for (const choice of question.choices ?? []) expect(choice).toBe(choice.normalize('NFC'));
      }
    },
  );

  it.each<FormSpec>([PLAN_FORM, REPORT_FORM])(
    '$kind: every rule refers to a question of the right type',
    (spec) => {
      for (const question of spec.questions) {
        if (question.notBefore) expect(findQuestion(spec, question.notBefore)?.type).toBe('date');
        if (question.atMost) expect(findQuestion(spec, question.atMost)?.type).toBe('wholeNumber');
        if (question.lineCountEquals)
          expect(findQuestion(spec, question.lineCountEquals)?.type).toBe('wholeNumber');
      }
    },
  );

  it('are titled after the plan', () => {
    const config = { planName: 'thực hiện công tác dân vận của chính quyền năm 2023' };
    expect(PLAN_FORM.title(config)).toBe('Kế hoạch thực hiện công tác dân vận của chính quyền năm 2023');
    expect(REPORT_FORM.title(config)).toBe('Báo cáo thực hiện công tác dân vận của chính quyền năm 2023');
  });

  it('offer the active units, the report periods and the static choices', () => {
    const sources = { units: fixtureUnits(), reportPeriods: periods2023() };
    expect(choicesFor(findQuestion(PLAN_FORM, 'unit')!, sources)).toEqual([
      'MNHM - Mầm non Hoa Mai',
      'THCSLQD - THCS Lê Quý Đôn',
      'THDD - Tiểu học Đặng Đức',
    ]);
    expect(choicesFor(findQuestion(REPORT_FORM, 'period')!, sources)).toEqual([
      'Báo cáo 6 tháng đầu năm 2023',
      'Báo cáo năm 2023',
    ]);
    expect(choicesFor(findQuestion(REPORT_FORM, 'staffConference')!, sources)).toEqual(['Có', 'Không']);
    expect(choicesFor(findQuestion(REPORT_FORM, 'reporter')!, sources)).toEqual([]);
  });

  it('give the response sheets their headers: the Form columns, then the titles', () => {
    const headers = responseSheetHeaders();
    expect(headers.plan).toEqual([
      'Dấu thời gian',
      'Địa chỉ email',
      ...[...COMMON, ...PLAN].map(([, title]) => title),
    ]);
    expect(headers.report).toEqual([
      'Dấu thời gian',
      'Địa chỉ email',
      ...[...COMMON, ...REPORT].map(([, title]) => title),
    ]);
  });
});

describe('figure columns for Số liệu', () => {
  it('are the plan count, and every number and the conference of the report', () => {
    expect(figureColumns(PLAN_FORM)).toEqual([
      {
        key: 'dvkCount',
        questionTitle: 'Số mô hình, điển hình “Dân vận khéo” đăng ký',
        column: 'Mô hình “Dân vận khéo” đăng ký',
        total: 'sum',
      },
    ]);
    expect(figureColumns(REPORT_FORM).map((column) => [column.key, column.column, column.total])).toEqual([
      ['propagandaSessions', 'Buổi tuyên truyền, quán triệt', 'sum'],
      ['propagandaAttendees', 'Lượt người dự tuyên truyền', 'sum'],
      ['dvkActive', 'Mô hình “Dân vận khéo” đang thực hiện', 'sum'],
      ['dvkRecognized', 'Mô hình “Dân vận khéo” được công nhận', 'sum'],
      ['receptionSessions', 'Buổi tiếp công dân', 'sum'],
      ['petitionsReceived', 'Đơn thư nhận được', 'sum'],
      ['petitionsResolved', 'Đơn thư đã giải quyết', 'sum'],
      ['dialogues', 'Buổi đối thoại', 'sum'],
      ['staffConference', 'Hội nghị cán bộ, công chức, viên chức', 'countYes'],
      ['eDocPercent', 'Tỷ lệ văn bản điện tử (%)', 'average'],
      ['commendations', 'Tập thể, cá nhân được khen thưởng', 'sum'],
      ['violations', 'Trường hợp vi phạm bị nhắc nhở, xử lý', 'sum'],
    ]);
  });

  it('have unique column titles', () => {
    const columns = figureColumns(REPORT_FORM).map((column) => titleKey(column.column));
    expect(new Set(columns).size).toBe(columns.length);
  });

  it('take their values from typed answers', () => {
    expect(figureValues(PLAN_FORM, { dvkCount: 3, notes: 'x' })).toEqual({
      'Mô hình “Dân vận khéo” đăng ký': 3,
    });
    const values = figureValues(REPORT_FORM, { staffConference: 'Không', eDocPercent: 85.5 });
    expect(values['Hội nghị cán bộ, công chức, viên chức']).toBe('Không');
    expect(values['Tỷ lệ văn bản điện tử (%)']).toBe(85.5);
    expect(values['Buổi đối thoại']).toBeNull();
  });
});
