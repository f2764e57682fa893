// docs/parity.md says where each of the department's jobs runs. It must name every command of the
// command line and every item of the Apps Script menu, and nothing that does not exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MENU_ITEMS } from '../src/gas/menu';
import { COMMANDS } from '../src/node/cli-usage';

const PARITY = join(__dirname, '..', 'docs', 'parity.md');

/** The table's body rows, as their cells: capability, Apps Script, .xlsx, Sheets API. */
function tableRows(markdown: string): string[][] {
  const rows = markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  return rows.slice(2);
}

function commandsIn(cell: string): string[] {
  return [...cell.matchAll(/`hannop ([a-z][a-z-]*)/g)].map((match) => match[1] ?? '');
}

function menuItemsIn(cell: string): string[] {
  return [...cell.matchAll(/«([^»]+)»/g)].map((match) => match[1] ?? '');
}

function parityProblems(markdown: string): string[] {
  const rows = tableRows(markdown);
  const problems: string[] = [];
  if (rows.length === 0) problems.push('no table');
  const commands = new Set<string>();
  const menuItems = new Set<string>();
  for (const row of rows) {
    if (row.length !== 4) problems.push(`row of ${row.length} cells: ${row.join(' | ')}`);
    const [, appsScript = '', xlsx = '', sheetsApi = ''] = row;
    menuItemsIn(appsScript).forEach((label) => menuItems.add(label));
    [...commandsIn(xlsx), ...commandsIn(sheetsApi)].forEach((command) => commands.add(command));
  }
  const labels = MENU_ITEMS.map((item) => item.label);
  for (const command of COMMANDS) if (!commands.has(command)) problems.push(`command missing: ${command}`);
  for (const command of commands)
    if (!COMMANDS.includes(command)) problems.push(`no such command: ${command}`);
  for (const label of labels) if (!menuItems.has(label)) problems.push(`menu item missing: ${label}`);
  for (const label of menuItems) if (!labels.includes(label)) problems.push(`no such menu item: ${label}`);
  return problems;
}

describe('docs/parity.md', () => {
  const markdown = readFileSync(PARITY, 'utf8');

  it('names every command and every menu item, and only those', () => {
    expect(parityProblems(markdown)).toEqual([]);
  });

  it('would catch a command or a menu item left out, and one that does not exist', () => {
    const withoutRecheck = markdown.replace('`hannop recheck`', '—');
    expect(parityProblems(withoutRecheck)).toEqual(['command missing: recheck']);
    const withoutRebuild = markdown.replace('«Xử lý lại toàn bộ»', '—');
    expect(parityProblems(withoutRebuild)).toEqual(['menu item missing: Xử lý lại toàn bộ']);
    const invented = markdown
      .replace('`hannop codes`', '`hannop codes`, `hannop frob`')
      .replace(/\| «Kiểm tra cấu hình» *\|/, '| «Kiểm tra cấu hình», «Gửi lại tất cả» |');
    expect(parityProblems(invented)).toEqual(['no such command: frob', 'no such menu item: Gửi lại tất cả']);
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(__dirname, '..', 'README.md'), 'utf8')).toContain('docs/parity.md');
  });
});
