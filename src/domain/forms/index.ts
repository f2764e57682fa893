// The two forms as data, and the reading and validation of their responses.
export { FOCUS_AREAS, PLAN_FORM, type PlanAnswers } from './plan-form';
export { REPORT_FORM, YES_NO, type ReportAnswers } from './report-form';
export {
  choicesFor,
  findQuestion,
  type AcceptedAnswer,
  type AnswersOf,
  type ChoiceSource,
  type ChoiceSources,
  type FigureSpec,
  type FigureTotal,
  type FormSpec,
  type Question,
  type QuestionType,
  type TextFormat,
} from './spec';
export { answersByItemTitle, answersByTitle, type RawResponse } from './response';
export { responseColumns, responseSheetHeaders } from './response-columns';
export { confirmationCodeKey, parseDateAnswer, type RawAnswer } from './answers';
export { figureColumns, figureValues, type FigureColumn } from './figures';
export { FORM_MESSAGE } from './messages';
export {
  makeResponseValidator,
  validateResponse,
  type FormContext,
  type FormProblem,
  type ResponseCheck,
} from './validate';
