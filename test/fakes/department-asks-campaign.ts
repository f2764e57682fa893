// One small campaign that shows three of issue 13's features at once, for the tests that run it
// through each shell (.xlsx command line, Apps Script fakes, Sheets API): specialists per level
// (`Phụ trách`, `Báo cấp trên sau (ngày)`), what changed between versions (`Thay đổi so với lần
// trước`) and approved-only figures (`Số liệu tính bài` = `đã duyệt`).
//
// Five units, the plan (KH-2023, last day on time 30/03/2023, `Khóa nhận` 05/04/2023):
// - MNHM (Mầm non) and THCSTV (THCS) never send: on Monday 10/04 they are 11 days late, past the
//   key's 10, so each is named in red, `(!)`, in its own specialist's digest;
// - THDD (Tiểu học) sends on 20/03 (1 model) and again on 25/03 (2 models): the second version
//   lists what changed; nobody reviews it, so its figures do not count with `đã duyệt`;
// - THCSLQD (THCS) sends on 22/03 (3 models), reviewed `Đạt`: its 3 are the only figures counted;
// - THCSTV's response of 06/04, after the closing day, is recorded `Nộp sau khóa` and counts for
//   nothing: it stays overdue;
// - MNSS (Mầm non) has an extension (`Gia hạn`) to 15/04: one mail tells it so, and its response
//   of 08/04, after the closing day but within its extension, is valid and on time.
import { FIGURES_LEAD_COLUMNS, FIGURES_ROW_LABEL } from '../../src/domain/consolidation';
import { PLAN_FORM, FOCUS_AREAS } from '../../src/domain/forms/plan-form';
import {
  CONFIG_COLUMNS,
  CONFIG_KEY,
  EXTENSION_COLUMNS,
  PERIOD_COLUMNS,
  SHEET,
  SPECIALIST_COLUMNS,
  SUBMISSION_COLUMNS,
  columnsOf,
} from '../../src/domain/layout';
import { responseColumns } from '../../src/domain/forms';
import { responseRow } from '../../src/demo/responses';
import { DEFAULT_PERIOD_ROWS } from '../../src/domain/defaults';
import { REVIEW_LABEL } from '../../src/domain/submissions';
import type { CellValue } from '../../src/domain/table';
import { unitChoiceLabel, type Unit } from '../../src/domain/units';
import type { SheetWrite, Table } from '../../src/ports';
import { makeUnit } from './campaign-fixture';
import { at, periodsTable, unitsTable } from './mail-fixture';

export const ASKS_UNITS: readonly Unit[] = [
  makeUnit({ code: 'MNHM', name: 'Mầm non Hoa Mai', rowNumber: 2 }),
  makeUnit({ code: 'THDD', name: 'Tiểu học Đặng Đức', level: 'Tiểu học', rowNumber: 3 }),
  makeUnit({ code: 'THCSLQD', name: 'THCS Lê Quý Đôn', level: 'THCS', rowNumber: 4 }),
  makeUnit({ code: 'THCSTV', name: 'THCS Trần Văn Ơn', level: 'THCS', rowNumber: 5 }),
  makeUnit({ code: 'MNSS', name: 'Mầm non Sao Sáng', rowNumber: 6 }),
];

/** `Kỳ nộp` as init writes it, with a closing day for the plan. */
export function periodsWrite(): SheetWrite {
  const rows = DEFAULT_PERIOD_ROWS.map((row) =>
    row[PERIOD_COLUMNS.id] === 'KH-2023' ? { ...row, [PERIOD_COLUMNS.closesOn]: '05/04/2023' } : row,
  );
  const table = periodsTable(rows);
  return { kind: 'replace', sheet: SHEET.periods, headers: table.headers.map(String), rows: table.rows };
}

/** `Gia hạn`: MNSS may send its plan until the end of 15/04/2023. */
export function extensionsWrite(): SheetWrite {
  return {
    kind: 'replace',
    sheet: SHEET.extensions,
    headers: columnsOf(EXTENSION_COLUMNS),
    rows: [['MNSS', 'KH-2023', '15/04/2023', 'Trường bị ngập, mất điện', 'Trưởng phòng']],
  };
}

export const MAM_NON_EMAIL = 'mamnon@pgd.example.edu.vn';
export const PHO_THONG_EMAIL = 'phothong@pgd.example.edu.vn';

/** `Phụ trách`: one person for Mầm non, one for Tiểu học and THCS. */
export const SPECIALIST_ROWS: readonly (readonly CellValue[])[] = [
  ['Mầm non', '', 'Lê Thị Mầm', MAM_NON_EMAIL],
  ['Tiểu học', '', 'Trần Văn Phổ', PHO_THONG_EMAIL],
  ['THCS', '', 'Trần Văn Phổ', PHO_THONG_EMAIL],
];

export function specialistsWrite(rows: readonly (readonly CellValue[])[] = SPECIALIST_ROWS): SheetWrite {
  return {
    kind: 'replace',
    sheet: SHEET.specialists,
    headers: columnsOf(SPECIALIST_COLUMNS),
    rows: rows.map((row) => [...row]),
  };
}

/** The two `Cấu hình` keys the department adds, after the rows already there. */
export const ADDED_CONFIG_ROWS: readonly (readonly CellValue[])[] = [
  [CONFIG_KEY.escalateAfterDays, 10, 'Quá hạn hơn 10 ngày: tô đỏ trong thư của chuyên viên'],
  [CONFIG_KEY.figuresBasis, 'đã duyệt', 'Số liệu chỉ tính bài đã duyệt'],
];

export function addedConfigWrite(rows: readonly (readonly CellValue[])[] = ADDED_CONFIG_ROWS): SheetWrite {
  return {
    kind: 'append',
    sheet: SHEET.config,
    headers: columnsOf(CONFIG_COLUMNS),
    rows: rows.map((row) => [...row]),
  };
}

/** The answers of a plan version that differ from one unit's to another's, by question key. */
type PlanChanges = Readonly<Record<string, string>>;

interface PlanVersion {
  readonly unitCode: string;
  /** Vietnam time, as `at` reads it. */
  readonly at: string;
  readonly answers: PlanChanges;
}

const ONE_MODEL = 'Mô hình «Cổng trường an toàn»';
const TWO_MODELS = `${ONE_MODEL}\nMô hình «Phụ huynh đồng hành»`;

export const PLAN_VERSIONS: readonly PlanVersion[] = [
  { unitCode: 'THDD', at: '2023-03-20T09:00', answers: { dvkCount: '1', dvkNames: ONE_MODEL } },
  {
    unitCode: 'THCSLQD',
    at: '2023-03-22T09:00',
    answers: { dvkCount: '3', dvkNames: `${TWO_MODELS}\nĐiển hình «Cô giáo tận tụy»` },
  },
  { unitCode: 'THDD', at: '2023-03-25T09:00', answers: { dvkCount: '2', dvkNames: TWO_MODELS } },
  { unitCode: 'THCSTV', at: '2023-04-06T09:00', answers: { dvkCount: '1', dvkNames: ONE_MODEL } },
  { unitCode: 'MNSS', at: '2023-04-08T09:00', answers: { dvkCount: '2', dvkNames: TWO_MODELS } },
];

/** What `Bài nộp` and the receipt show of THDD's second version (one question a line). */
export const THDD_CHANGES = [
  'Số mô hình, điển hình “Dân vận khéo” đăng ký: 1 → 2',
  'Tên các mô hình, điển hình “Dân vận khéo” (mỗi dòng một tên): Mô hình «Cổng trường an toàn» → ' +
    'Mô hình «Cổng trường an toàn»; Mô hình «Phụ huynh đồng hành»',
];

/** `Bài nộp` after the campaign, in the order the versions arrived (see `outcomes`). */
export const OUTCOMES_AFTER = {
  THCSTV: 'THCSTV v1: Nộp sau khóa, ',
  MNSS: 'MNSS v1: Hợp lệ, Đúng hạn',
};

/** The extension's mail to MNSS, and what the receipts of the late responses say. */
export const EXTENSION_SUBJECT = 'Gia hạn Kế hoạch năm 2023 đến hết ngày 15/04/2023 – Mầm non Sao Sáng';
export const EXTENSION_LINES = [
  'đồng ý gia hạn Kế hoạch năm 2023 cho đơn vị đến hết ngày 15/04/2023.',
  'Lý do: Trường bị ngập, mất điện.',
  'Người duyệt: Trưởng phòng.',
];
export const CLOSED_SUBJECT = 'Đã nhận sau khi khóa nhận: Kế hoạch năm 2023 – THCS Trần Văn Ơn';
export const CLOSED_LINES = [
  'đã nhận Kế hoạch năm 2023 của đơn vị lúc 06/04/2023 09:00 (lần nộp thứ 1), nhưng kỳ này đã khóa nhận từ hết ngày 05/04/2023.',
  'Đề nghị đơn vị liên hệ Lê Thị Thu, email lethithu@pgdthuduc.edu.vn, điện thoại 028 3896 1234 để được xem xét.',
];
export const EXTENDED_RECEIPT_SUBJECT = 'Đã nhận Kế hoạch năm 2023 – Mầm non Sao Sáng';
/** The receipt of MNSS states its own due day, the extension's. */
export const EXTENDED_RECEIPT_LINE = 'Đơn vị nộp đúng hạn (hạn nộp: hết ngày 15/04/2023';

/** The City report for KH-2023 on 10/04: approved figures only, said so; the extension listed. */
export const CITY_REPORT_LINES = [
  'Số liệu của 1 đơn vị có kế hoạch đã được duyệt:',
  'Ghi chú: số liệu chỉ tính các bài đã được Phòng duyệt; tỷ lệ nộp tính trên mọi bài nộp hợp lệ.',
  'Các đơn vị được gia hạn (1 đơn vị):',
];
export const CITY_REPORT_EXTENSION_ROW = [
  '1',
  'MNSS',
  'Mầm non Sao Sáng',
  '15/04/2023',
  'Trường bị ngập, mất điện',
  'Trưởng phòng',
];

/** The moments the shells run: after each version, then the Monday the late units pass 10 days. */
export const RUN_AFTER_FIRST = '2023-03-21T07:00';
export const RUN_AFTER_SECOND = '2023-03-26T07:00';
export const DIGEST_DAY_RUN = '2023-04-10T07:00';
export const DIGEST_DAY_RERUN = '2023-04-10T15:00';

export function unitOf(code: string): Unit {
  const unit = ASKS_UNITS.find((each) => each.code === code);
  if (!unit) throw new Error(`no unit ${code}`);
  return unit;
}

/** A whole plan answer by question key, as a unit fills the form. */
export function planAnswersByKey(unit: Unit, changes: PlanChanges): Record<string, string> {
  return {
    unit: unitChoiceLabel(unit),
    code: unit.confirmationCode,
    reporter: unit.head,
    position: 'Hiệu trưởng',
    phone: '0901 234 567',
    docNumber: `15/KH-${unit.code}`,
    docDate: '2023-03-18',
    docLink: `https://drive.example.com/${unit.code.toLowerCase()}-kh.pdf`,
    focusAreas: FOCUS_AREAS.join(', '),
    councilDate: '',
    notes: '',
    ...changes,
  };
}

/** The same answers by question title, as the Apps Script fakes' forms take them. */
export function planAnswersByTitle(unit: Unit, changes: PlanChanges): Record<string, string | string[]> {
  const byKey = planAnswersByKey(unit, changes);
  const answers: Record<string, string | string[]> = {};
  for (const question of PLAN_FORM.questions) {
    const answer = byKey[question.key];
    if (answer === undefined || answer === '') continue;
    answers[question.title] = question.key === 'focusAreas' ? [...FOCUS_AREAS] : answer;
  }
  return answers;
}

/** `Phản hồi Kế hoạch` as Google Forms writes it, every version a row (the Node shells read it). */
export function planResponseRows(): CellValue[][] {
  return PLAN_VERSIONS.map((version) => {
    const unit = unitOf(version.unitCode);
    return responseRow(
      PLAN_FORM,
      at(version.at),
      unit.emails[0] ?? '',
      planAnswersByKey(unit, version.answers),
    );
  });
}

export function planResponsesWrite(): SheetWrite {
  return {
    kind: 'replace',
    sheet: SHEET.planResponses,
    headers: responseColumns(PLAN_FORM),
    rows: planResponseRows(),
  };
}

export function unitsWrite(): SheetWrite {
  const table = unitsTable(ASKS_UNITS);
  return { kind: 'replace', sheet: SHEET.units, headers: table.headers.map(String), rows: table.rows };
}

/** `Bài nộp` with one unit's version reviewed, as the officer types it (the rest as it was). */
export function reviewWrite(register: Table, unitCode: string, review: string, note = ''): SheetWrite {
  const unitColumn = register.headers.indexOf(SUBMISSION_COLUMNS.unitCode);
  const reviewColumn = register.headers.indexOf(SUBMISSION_COLUMNS.review);
  const noteColumn = register.headers.indexOf(SUBMISSION_COLUMNS.reviewNote);
  return {
    kind: 'replace',
    sheet: SHEET.submissions,
    headers: register.headers.map(String),
    rows: register.rows.map((row) =>
      row[unitColumn] === unitCode
        ? row.map((cell, index) => (index === reviewColumn ? review : index === noteColumn ? note : cell))
        : row,
    ),
  };
}

/** `Bài nộp` with THCSLQD's version reviewed `Đạt`. */
export function approvedRegisterWrite(register: Table): SheetWrite {
  return reviewWrite(register, 'THCSLQD', REVIEW_LABEL.approved);
}

/** The officer returns THDD's second version: the mail quotes the note and lists what that version changed. */
export const RETURN_NOTE = 'Thiếu chữ ký của Thủ trưởng.';
export const RETURNED_LINES = [
  RETURN_NOTE,
  'Lần nộp thứ 2 được xem xét đã thay đổi so với lần nộp trước:',
  ...THDD_CHANGES,
];

/** Each row of `Bài nộp` as "unit vN: outcome, timeliness". */
export function outcomes(register: Table | undefined): string[] {
  if (!register) return [];
  const column = (title: string) => register.headers.indexOf(title);
  return register.rows.map(
    (row) =>
      `${String(row[column(SUBMISSION_COLUMNS.unitCode)])} v${String(row[column(SUBMISSION_COLUMNS.version)])}: ` +
      `${String(row[column(SUBMISSION_COLUMNS.outcome)] ?? '')}, ${String(row[column(SUBMISSION_COLUMNS.timeliness)] ?? '')}`,
  );
}

/** The cell `Thay đổi so với lần trước` of each version in `Bài nộp`, as "unit vN: text". */
export function changesByVersion(register: Table | undefined): string[] {
  if (!register) return [];
  const column = (title: string) => register.headers.indexOf(title);
  return register.rows.map(
    (row) =>
      `${String(row[column(SUBMISSION_COLUMNS.unitCode)])} v${String(row[column(SUBMISSION_COLUMNS.version)])}: ` +
      String(row[column(SUBMISSION_COLUMNS.changes)] ?? ''),
  );
}

/** The `Số liệu` total of KH-2023: units counted and models registered; and the note under it. */
export function planFigures(figures: Table | undefined): {
  reporting: CellValue;
  models: CellValue;
  notes: string[];
} {
  if (!figures) return { reporting: null, models: null, notes: [] };
  const column = (title: string) => figures.headers.indexOf(title);
  const total = figures.rows.find(
    (row) =>
      row[column(FIGURES_LEAD_COLUMNS.periodId)] === 'KH-2023' &&
      row[column(FIGURES_LEAD_COLUMNS.row)] === FIGURES_ROW_LABEL.total,
  );
  return {
    reporting: total?.[column(FIGURES_LEAD_COLUMNS.reporting)] ?? null,
    models: total?.[column('Mô hình “Dân vận khéo” đăng ký')] ?? null,
    notes: figures.rows
      .flatMap((row) => row.map(String))
      .filter((text) => text.startsWith('Ghi chú: số liệu')),
  };
}
