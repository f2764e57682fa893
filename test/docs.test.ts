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
