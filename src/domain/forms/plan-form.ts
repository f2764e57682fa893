// Form `Kế hoạch`: the yearly plan of each unit (docs/forms.md).
import { commonQuestions } from './common-questions';
import { defineForm, type AnswersOf } from './spec';

/** The five focus areas of section II of the plan; a unit's plan must take up all of them. */
export const FOCUS_AREAS = [
  'Quán triệt chủ trương, chính sách, pháp luật về công tác dân vận của chính quyền',
  'Phong trào thi đua “Dân vận khéo”, gắn với 5 nội dung “không”',
  'Văn hóa công vụ, đạo đức nhà giáo, quy tắc ứng xử',
  'Thực hiện dân chủ, tiếp công dân, giải quyết khiếu nại, tố cáo',
  'Cải cách hành chính, văn bản điện tử, ISO 9001',
] as const;

export const PLAN_FORM = defineForm('plan', [
  ...commonQuestions('KH'),
  {
    key: 'focusAreas',
    title: 'Nội dung trọng tâm đã đưa vào kế hoạch',
    type: 'checkboxes',
    required: true,
    choices: FOCUS_AREAS,
    requireAllChoices: true,
    helpText: 'Kế hoạch cần có đủ cả 5 nội dung.',
  },
  {
    key: 'dvkCount',
    title: 'Số mô hình, điển hình “Dân vận khéo” đăng ký',
    type: 'wholeNumber',
    required: true,
    helpText: 'Ghi 0 nếu chưa đăng ký.',
    figure: { column: 'Mô hình “Dân vận khéo” đăng ký', total: 'sum' },
  },
  {
    key: 'dvkNames',
    title: 'Tên các mô hình, điển hình “Dân vận khéo” (mỗi dòng một tên)',
    type: 'paragraph',
    required: false,
    format: 'lines',
    lineCountEquals: 'dvkCount',
    helpText: 'Số dòng bằng số mô hình, điển hình đã đăng ký.',
  },
  {
    key: 'councilDate',
    title: 'Ngày triển khai đến Hội đồng sư phạm',
    type: 'date',
    required: false,
    notBefore: 'docDate',
  },
  { key: 'notes', title: 'Ghi chú', type: 'paragraph', required: false },
]);

export type PlanAnswers = AnswersOf<typeof PLAN_FORM>;
