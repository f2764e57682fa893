// The README's table of what hannop costs at Google's boundary, made from the figures of
// `npm run bench -- --json google-cost` (kept in docs/google-cost.json by `npm run google-cost`).
// test/docs-google-cost.test.ts checks that the README holds exactly this table for that file.

export const TABLE_START = '<!-- google-cost:start (npm run google-cost writes this table) -->';
export const TABLE_END = '<!-- google-cost:end -->';

export interface SizeFigures {
  readonly submissionCalls: number;
  readonly submissionBytes: number;
  readonly dailyRunCalls: number;
  readonly dailyRunMessages: number;
  readonly dailyRunMaxRequestBytes: number;
  readonly dailyRunReadBytes: number;
  readonly consolidationCalls: number;
  readonly consolidationMaxRequestBytes: number;
  readonly rebuildResponses: number;
  readonly rebuildCalls: number;
  readonly cpuMs: number;
  readonly mailForecastMaxPerDay: number;
}

export type GoogleCostFigures = Readonly<Record<string, SizeFigures>>;

export const FIGURE_KEYS: readonly (keyof SizeFigures)[] = [
  'submissionCalls',
  'submissionBytes',
  'dailyRunCalls',
  'dailyRunMessages',
  'dailyRunMaxRequestBytes',
  'dailyRunReadBytes',
  'consolidationCalls',
  'consolidationMaxRequestBytes',
  'rebuildResponses',
  'rebuildCalls',
  'cpuMs',
  'mailForecastMaxPerDay',
];

const ROWS: readonly [keyof SizeFigures, string, (value: number) => string][] = [
  ['submissionCalls', 'Service calls of one submission (goal ≤ 12)', String],
  ['submissionBytes', 'Bytes written by one submission (goal ≤ 100 KB)', kilobytes],
  ['dailyRunCalls', 'Service calls of a daily run, besides 2 a message', String],
  ['dailyRunMessages', 'Messages that daily run sent (quota backlog)', String],
  ['dailyRunMaxRequestBytes', 'Largest request of the daily run (goal ≤ 2 MB)', kilobytes],
  ['dailyRunReadBytes', 'Bytes the daily run read', kilobytes],
  ['consolidationCalls', 'Service calls of a consolidation (menu)', String],
  ['consolidationMaxRequestBytes', 'Largest request of the consolidation', kilobytes],
  ['rebuildResponses', 'Responses a rebuild reads (3 a unit)', String],
  ['rebuildCalls', 'Service calls of that rebuild (menu)', String],
  ['cpuMs', 'CPU of a daily run in its own process (ms)', String],
  ['mailForecastMaxPerDay', 'Recipients on the campaign’s busiest mail day', String],
];

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function group(value: number): string {
  return value.toLocaleString('en-US');
}

/** The Markdown table, one column a size, between the README's markers. */
export function renderGoogleCostTable(figures: GoogleCostFigures): string {
  const sizes = Object.keys(figures).sort((a, b) => Number(a) - Number(b));
  const header = `| Measure | ${sizes.map((size) => `${group(Number(size))} units`).join(' | ')} |`;
  const rule = `| --- | ${sizes.map(() => '---:').join(' | ')} |`;
  const lines = ROWS.map(([key, label, format]) => {
    const cells = sizes.map((size) => {
      const value = figures[size]?.[key];
      if (typeof value !== 'number') throw new Error(`docs/google-cost.json: no ${key} at ${size} units`);
      return format === String ? group(value) : format(value);
    });
    return `| ${label} | ${cells.join(' | ')} |`;
  });
  // Prettier would pad the cells; the table stays as made, so the check compares it exactly.
  return [
    TABLE_START,
    '<!-- prettier-ignore-start -->',
    header,
    rule,
    ...lines,
    '<!-- prettier-ignore-end -->',
    TABLE_END,
  ].join('\n');
}

/** `readme` with its table replaced by the one made from `figures`. */
export function withGoogleCostTable(readme: string, figures: GoogleCostFigures): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no google-cost table markers');
  return readme.slice(0, start) + renderGoogleCostTable(figures) + readme.slice(end + TABLE_END.length);
}
