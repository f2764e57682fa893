// The README's table of Google costs is the one `npm run google-cost` makes from
// docs/google-cost.json, the figures `npm run bench -- --json google-cost` measured.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIGURE_KEYS,
  renderGoogleCostTable,
  TABLE_END,
  TABLE_START,
  withGoogleCostTable,
  type GoogleCostFigures,
} from './google-cost-table';

const REPO = join(__dirname, '..');
const figures = JSON.parse(readFileSync(join(REPO, 'docs', 'google-cost.json'), 'utf8')) as GoogleCostFigures;
const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

describe('the README table of Google costs', () => {
  it('holds every figure at 100, 2,000 and 5,000 units', () => {
    expect(Object.keys(figures)).toEqual(['100', '2000', '5000']);
    for (const size of Object.values(figures)) {
      expect(Object.keys(size).sort()).toEqual([...FIGURE_KEYS].sort());
      for (const key of FIGURE_KEYS) expect(Number.isFinite(size[key])).toBe(true);
    }
  });

  it('is the table made from docs/google-cost.json', () => {
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END) + TABLE_END.length;
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start, end)).toBe(renderGoogleCostTable(figures));
  });

  it('changes with a figure, so a stale table fails', () => {
    const changed = {
      ...figures,
      '100': { ...(figures['100'] as GoogleCostFigures[string]), submissionCalls: 99 },
    };
    expect(withGoogleCostTable(readme, changed)).not.toBe(readme);
    expect(() => withGoogleCostTable('# no table', figures)).toThrow(
      'README.md has no google-cost table markers',
    );
  });
});
