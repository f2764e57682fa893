// Runs the command line in-process, as `npx hannop …` would, and keeps what it printed.
import { main, type CliIo } from '../../src/node/cli';
import { formatCsv } from '../../src/node/csv';

/** A units file of one school with its confirmation code, as `hannop init --units` reads it. */
export const UNITS_CSV = formatCsv([
  [
    'Mã đơn vị',
    'Tên đơn vị',
    'Cấp học',
    'Loại hình',
    'Phường/Xã',
    'Email',
    'Thủ trưởng',
    'Điện thoại',
    'Đang hoạt động',
    'Mã xác nhận',
  ],
  [
    'MNHM',
    'Trường Mầm non Hoa Mai',
    'Mầm non',
    'Công lập',
    'Hiệp Phú',
    'mnhm@truong.example.edu.vn',
    'Nguyễn Thị Lan',
    '0901234567',
    'Có',
    'MNHM-7K2Q',
  ],
  [
    'THDD',
    'Trường Tiểu học Đặng Đức',
    'Tiểu học',
    'Công lập',
    'Linh Trung',
    'thdd@truong.example.edu.vn; vanthu@thdd.example.edu.vn',
    'Trần Văn Hùng',
    '0901234568',
    '',
    '',
  ],
]);

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(
  argv: readonly string[],
  io: Omit<CliIo, 'stdout' | 'stderr'>,
): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    ...io,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  return { code, stdout, stderr };
}
