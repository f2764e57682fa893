// Agencies change (since 2025 the district level is gone): the agency, its superior body and the
// place on the City report come from `Cấu hình`, so no place name is written into the code. Only the
// 2023 defaults (what `init` writes, for the department to edit) and the demo may name Thủ Đức.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const ALLOWED = new Set(['src/domain/defaults.ts']);
const ALLOWED_FOLDER = 'src/demo/';

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('place names in the code', () => {
  it('names Thủ Đức only in the 2023 defaults and the demo', () => {
    const naming = filesUnder(join(ROOT, 'src'))
      .map((path) => relative(ROOT, path).split('\\').join('/'))
      .filter((path) => /thủ\s*đức|thu\s*duc/iu.test(readFileSync(join(ROOT, path), 'utf8').normalize('NFC')))
      .filter((path) => !ALLOWED.has(path) && !path.startsWith(ALLOWED_FOLDER));
    expect(naming).toEqual([]);
  });
});
