// Form `Báo cáo`: the 6-month and annual reports; the school says which period (docs/forms.md).
import { commonQuestions } from './common-questions';
import { defineForm, type AnswersOf } from './spec';

export const YES_NO = ['Có', 'Không'] as const;

export const REPORT_FORM = defineForm('report', [
  ...commonQuestions('BC'),
  {
    key: 'period',
    title: 'Kỳ báo cáo',
    type: 'multipleChoice',
    required: true,
    choicesFrom: 'reportPeriods',
  },
  {
    key: 'propagandaSessions',
    title: 'Số buổi tuyên truyền, quán triệt',
    type: 'wholeNumber',
    required: true,
    figure: { column: 'Buổi tuyên truyền, quán triệt', total: 'sum' },
  },
  {
    key: 'propagandaAttendees',
    title: 'Số lượt người tham dự tuyên truyền, quán triệt',
    type: 'wholeNumber',
    required: true,
    figure: { column: 'Lượt người dự tuyên truyền', total: 'sum' },
  },
  {
    key: 'dvkActive',
    title: 'Số mô hình, điển hình “Dân vận khéo” đang thực hiện',
    type: 'wholeNumber',
    required: true,
    figure: { column: 'Mô hình “Dân vận khéo” đang thực hiện', total: 'sum' },
  },
  {
    key: 'dvkRecognized',
    title: 'Số mô hình, điển hình “Dân vận khéo” được công nhận',
    type: 'wholeNumber',
    required: true,
    atMost: 'dvkActive',
    figure: { column: 'Mô hình “Dân vận khéo” được công nhận', total: 'sum' },
  },
  {
    key: 'receptionSessions',
    title: 'Số buổi tiếp công dân',
    type: 'wholeNumber',
    required: true,
    figure: { column: 'Buổi tiếp công dân', total: 'sum' },
  },
  {
    key: 'petitionsReceived',
    title: 'Số đơn thư khiếu nại, tố cáo, phản ánh nhận được',
    type: 'wholeNumber',
    required: true,
    figure: { column: 'Đơn thư nhận được', total: 'sum' },
  },
  {
    key: 'petitionsResolved',
    title: 'Số đơn thư đã giải quyết',
    type: 'wholeNumber',
    required: true,
    atMost: 'petitionsReceived',
    figure: { column: 'Đơn thư đã giải quyết', total: 'sum' },
  },
  {
    key: 'dialogues',
    title: 'Số buổi đối thoại với cán bộ, giáo viên, nhân viên, cha mẹ học sinh',
    type: 'wholeNumber',
    required: true,
    figure: { column: 'Buổi đối thoại', total: 'sum' },
  },
  {
    key: 'staffConference',
    title: 'Đã tổ chức Hội nghị cán bộ, công chức, viên chức',
    type: 'multipleChoice',
    required: true,
    choices: YES_NO,
    figure: { column: 'Hội nghị cán bộ, công chức, viên chức', total: 'countYes' },
  },
  {
    key: 'eDocPercent',
    title: 'Tỷ lệ văn bản điện tử (%)',
    type: 'decimal',
    required: true,
    min: 0,
    max: 100,
    helpText: 'Từ 0 đến 100, ví dụ: 85,5.',
    figure: { column: 'Tỷ lệ văn bản điện tử (%)', total: 'average' },
  },
  {
    key: 'commendations',
    title: 'Số tập thể, cá nhân được khen thưởng',
    type: 'wholeNumber',
    required: true,
    figure: { column: 'Tập thể, cá nhân được khen thưởng', total: 'sum' },
  },
  {
    key: 'violations',
    title: 'Số trường hợp vi phạm bị nhắc nhở, xử lý',
    type: 'wholeNumber',
    required: true,
    figure: { column: 'Trường hợp vi phạm bị nhắc nhở, xử lý', total: 'sum' },
  },
  {
    key: 'highlights',
    title: 'Kết quả nổi bật',
    type: 'paragraph',
    required: true,
    minLength: 20,
    helpText: 'Ít nhất 20 ký tự.',
  },
  { key: 'shortcomings', title: 'Hạn chế, nguyên nhân', type: 'paragraph', required: true },
  { key: 'nextSteps', title: 'Phương hướng, nhiệm vụ thời gian tới', type: 'paragraph', required: true },
  { key: 'proposals', title: 'Kiến nghị, đề xuất', type: 'paragraph', required: false },
]);

export type ReportAnswers = AnswersOf<typeof REPORT_FORM>;
