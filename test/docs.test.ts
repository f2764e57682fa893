// docs/spec.md is the workbook contract a reader trusts: its table of sheets must name exactly the
// sheets of src/domain/layout.ts, each with exactly the columns the code reads and writes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIGURES_LEAD_COLUMNS,
  STATISTICS_COLUMNS,
  SUMMARY_PERIOD_PARTS,
  SUMMARY_UNIT_COLUMNS,
  summaryPeriodColumn,
} from '../src/domain/consolidation';
import {
  CONFIG_COLUMNS,
  CONFIG_KEY,
  EVENT_LOG_COLUMNS,
  EXTENSION_COLUMNS,
  SPECIALIST_COLUMNS,
  FORM_FACT_COLUMNS,
  HOLIDAY_COLUMNS,
  MAIL_LOG_COLUMNS,
  PERIOD_COLUMNS,
  RESPONSE_FIXED_COLUMNS,
  SHEET,
  SUBMISSION_COLUMNS,
  UNIT_COLUMNS,
  UNIT_LINK_COLUMNS,
} from '../src/domain/layout';
import { OUTCOME_LABEL, REVIEW_LABEL } from '../src/domain/submissions';
import { MENU_ITEMS } from '../src/gas/menu';

const REPO = join(__dirname, '..');

function filesUnder(directory: string): string[] {
  return readdirSync(join(REPO, directory), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(directory, entry.name)) : [join(directory, entry.name)],
  );
}
const spec = readFileSync(join(REPO, 'docs', 'spec.md'), 'utf8');

/** The columns of each sheet as the code defines them. */
const COLUMNS_OF: Record<string, readonly string[]> = {
  [SHEET.config]: Object.values(CONFIG_COLUMNS),
  [SHEET.units]: Object.values(UNIT_COLUMNS),
  [SHEET.periods]: Object.values(PERIOD_COLUMNS),
  [SHEET.holidays]: Object.values(HOLIDAY_COLUMNS),
  [SHEET.extensions]: Object.values(EXTENSION_COLUMNS),
  [SHEET.specialists]: Object.values(SPECIALIST_COLUMNS),
  [SHEET.forms]: Object.values(FORM_FACT_COLUMNS),
  [SHEET.unitLinks]: Object.values(UNIT_LINK_COLUMNS),
  [SHEET.planResponses]: Object.values(RESPONSE_FIXED_COLUMNS),
  [SHEET.reportResponses]: Object.values(RESPONSE_FIXED_COLUMNS),
  [SHEET.submissions]: Object.values(SUBMISSION_COLUMNS),
  [SHEET.summary]: [
    ...SUMMARY_UNIT_COLUMNS,
    ...(Object.keys(SUMMARY_PERIOD_PARTS) as (keyof typeof SUMMARY_PERIOD_PARTS)[]).map((part) =>
      summaryPeriodColumn('<Mã kỳ>', part),
    ),
  ],
  [SHEET.statistics]: Object.values(STATISTICS_COLUMNS),
  [SHEET.figures]: Object.values(FIGURES_LEAD_COLUMNS),
  [SHEET.mailLog]: Object.values(MAIL_LOG_COLUMNS),
  [SHEET.eventLog]: Object.values(EVENT_LOG_COLUMNS),
};

/** The rows of the table under "## The workbook": [sheet names, column names], each in backticks. */
function workbookTable(markdown: string): { sheets: string[]; columns: string[] }[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('The workbook')) ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  const quoted = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
  return rows.map((row) => {
    const cells = row.split('|').map((cell) => cell.trim());
    return { sheets: quoted(cells[1] ?? ''), columns: quoted(cells[3] ?? '') };
  });
}

/** What a backticked name in the columns cell may also be: a file named for the questions. */
const NOT_A_COLUMN = new Set(['docs/forms.md']);

describe('docs/spec.md', () => {
  const table = workbookTable(spec);

  it('has a table row for every sheet of layout.ts, and no sheet layout.ts does not know', () => {
    const documented = table.flatMap((row) => row.sheets);
    expect([...documented].sort()).toEqual(Object.values(SHEET).sort());
  });

  it.each(Object.values(SHEET))('gives «%s» exactly the columns of the code', (sheet) => {
    const row = table.find((candidate) => candidate.sheets.includes(sheet));
    const columns = (row?.columns ?? []).filter((name) => !NOT_A_COLUMN.has(name));
    expect(columns).toEqual(COLUMNS_OF[sheet]);
  });

  it('names every key of Cấu hình', () => {
    expect(Object.values(CONFIG_KEY).filter((key) => !spec.includes(`\`${key}\``))).toEqual([]);
  });
});

describe('the repository points only inside itself', () => {
  it('has no link to ../shared in the README, docs/ or src/ (a clone has no ../shared)', () => {
    const files = ['README.md', 'DEVELOPERS.md', ...filesUnder('docs'), ...filesUnder('src')];
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => readFileSync(join(REPO, file), 'utf8').includes('../shared'));
    expect(offenders).toEqual([]);
  });
});

// The officer's guide has a section for each of issue 13's features (and the City report's list of
// extensions), each naming its sheet columns or `Cấu hình` keys and showing a worked example: a
// table of rows and what happens to them.
const guide = readFileSync(join(REPO, 'docs', 'huong-dan-can-bo.md'), 'utf8');

/** The text of the `## N. Title` section of the guide; '' when there is none. */
function guideSection(title: string): string {
  const parts = guide.split(/^## /m);
  return parts.find((part) => part.replace(/^\d+\.\s*/, '').startsWith(`${title}\n`)) ?? '';
}

/** The header cells of every Markdown table in `text`. */
function tableHeaders(text: string): string[][] {
  // A table inside a list item is indented.
  const lines = text.split('\n').map((line) => line.trim());
  return lines.flatMap((line, index) =>
    line.startsWith('|') &&
    /^\|\s*-{3,}/.test(lines[index + 1] ?? '') &&
    (lines[index + 2] ?? '').startsWith('|')
      ? [
          line
            .split('|')
            .slice(1, -1)
            .map((cell) => cell.trim().replace(/`/g, '')),
        ]
      : [],
  );
}

const NEW_YEAR_MENU = MENU_ITEMS.find((item) => item.handler === 'menuNewYear')?.label ?? '';

const GUIDE_SECTIONS: readonly {
  readonly title: string;
  /** Sheets, columns, keys and values the section must name in backticks. */
  readonly names: readonly string[];
  /** The worked example: a table whose header has these cells. */
  readonly exampleColumns: readonly string[];
  /** Other text it must hold. */
  readonly text?: readonly string[];
}[] = [
  {
    title: 'Gia hạn cho một đơn vị',
    names: [SHEET.extensions, ...Object.values(EXTENSION_COLUMNS)],
    exampleColumns: Object.values(EXTENSION_COLUMNS),
  },
  {
    title: 'Ngày khóa nhận',
    names: [
      PERIOD_COLUMNS.closesOn,
      SHEET.periods,
      SHEET.submissions,
      OUTCOME_LABEL.closed,
      SUBMISSION_COLUMNS.outcome,
      SUBMISSION_COLUMNS.review,
      REVIEW_LABEL.approved,
      SHEET.extensions,
    ],
    exampleColumns: [SUBMISSION_COLUMNS.outcome, SUBMISSION_COLUMNS.review],
  },
  {
    title: 'Chuyên viên phụ trách từng cấp học',
    names: [SHEET.specialists, ...Object.values(SPECIALIST_COLUMNS), CONFIG_KEY.escalateAfterDays],
    exampleColumns: Object.values(SPECIALIST_COLUMNS),
  },
  {
    title: 'Thay đổi so với lần nộp trước',
    names: [SUBMISSION_COLUMNS.changes, SHEET.submissions],
    exampleColumns: [SUBMISSION_COLUMNS.version, SUBMISSION_COLUMNS.changes],
  },
  {
    title: 'Số liệu chỉ tính bài đã duyệt',
    names: [CONFIG_KEY.figuresBasis, 'đã nộp hợp lệ', 'đã duyệt', SHEET.figures, SHEET.config],
    exampleColumns: [SUBMISSION_COLUMNS.review],
  },
  {
    title: `Sang năm mới (${NEW_YEAR_MENU})`,
    names: [SHEET.units, SHEET.config, SHEET.submissions, 'KH-2024'],
    exampleColumns: [PERIOD_COLUMNS.id],
    text: [`**Hạn nộp → ${NEW_YEAR_MENU}**`, 'hannop new-year --workbook'],
  },
  {
    title: 'Báo cáo gửi Ủy ban',
    names: [SHEET.extensions],
    exampleColumns: ['Mã đơn vị', 'Hạn mới', 'Lý do', 'Người duyệt'],
    text: ['Các đơn vị được gia hạn', '![Trang 1 của báo cáo gửi Ủy ban'],
  },
];

describe('docs/huong-dan-can-bo.md', () => {
  it.each(GUIDE_SECTIONS.map((section) => [section.title, section] as const))(
    'has a section «%s» naming its columns, with a worked example',
    (_, { title, names, exampleColumns, text = [] }) => {
      const section = guideSection(title);
      expect(section).not.toBe('');
      const headers = tableHeaders(section);
      // Named in backticks in the text, or as a column of one of the section's tables.
      const isNamed = (name: string) =>
        section.includes(`\`${name}\``) || headers.some((header) => header.includes(name));
      expect(names.filter((name) => !isNamed(name))).toEqual([]);
      expect(text.filter((part) => !section.includes(part))).toEqual([]);
      // `Đánh giá` (Phòng chọn), Mã kỳ (cũ): a column's cell may say more.
      const example = headers.find((header) =>
        exampleColumns.every((column) =>
          header.some((cell) => cell === column || cell.startsWith(`${column} (`)),
        ),
      );
      expect(example).toBeDefined();
    },
  );

  it('shows page 1 of the City report as a picture that exists', () => {
    const pictures = [...guideSection('Báo cáo gửi Ủy ban').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)];
    expect(pictures.length).toBe(1);
    expect(readFileSync(join(REPO, 'docs', pictures[0]?.[1] ?? '')).length).toBeGreaterThan(10_000);
  });
});
