import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';

describe('XlsxWorkbook.save keeps the file what it was', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'hannop-save-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  async function created(name: string): Promise<string> {
    const file = join(directory, name);
    const workbook = XlsxWorkbook.createEmpty();
    workbook.write([{ kind: 'replace', sheet: 'Đơn vị', headers: ['Mã đơn vị'], rows: [['DV01']] }]);
    await workbook.saveAs(file);
    return file;
  }

  it('keeps a 600 workbook 600', async () => {
    const file = await created('w.xlsx');
    chmodSync(file, 0o600);
    const workbook = await XlsxWorkbook.open(file);
    workbook.write([{ kind: 'append', sheet: 'Đơn vị', headers: ['Mã đơn vị'], rows: [['DV02']] }]);
    await workbook.save();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes through a symlink to its target, which the next open reads', async () => {
    const target = await created('that.xlsx');
    const link = join(directory, 'w.xlsx');
    symlinkSync(target, link);
    const workbook = await XlsxWorkbook.open(link);
    workbook.write([{ kind: 'append', sheet: 'Đơn vị', headers: ['Mã đơn vị'], rows: [['DV02']] }]);
    await workbook.save();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const reread = (await XlsxWorkbook.open(target)).read(['Đơn vị']).get('Đơn vị');
    expect(reread?.rows).toEqual([['DV01'], ['DV02']]);
  });

  it('removes the .partial file a killed save left, and no other', async () => {
    const file = await created('w.xlsx');
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(child.stdout.toString());
    writeFileSync(`${file}.${deadPid}.partial`, 'half a workbook');
    writeFileSync(`${file}.${process.ppid}.partial`, 'a save still running');
    await (await XlsxWorkbook.open(file)).save();
    expect(readdirSync(directory).sort()).toEqual(['w.xlsx', `w.xlsx.${process.ppid}.partial`]);
  });
});
