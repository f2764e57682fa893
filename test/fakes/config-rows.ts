// `Cấu hình` as a department has filled it in: the defaults with a real contact, not the example.
import { DEFAULT_CONFIG_ROWS, PLACEHOLDER_CONTACT } from '../../src/domain/defaults';
import { CONFIG_KEY } from '../../src/domain/layout';

export const REAL_CONTACT = {
  [CONFIG_KEY.contactName]: 'Lê Thị Thu',
  [CONFIG_KEY.contactEmail]: 'lethithu@pgdthuduc.edu.vn',
  [CONFIG_KEY.contactPhone]: '028 3896 1234',
  [CONFIG_KEY.digestEmails]: 'lanhdao@pgdthuduc.edu.vn; lethithu@pgdthuduc.edu.vn',
} as const;

export const FILLED_CONFIG_ROWS: typeof DEFAULT_CONFIG_ROWS = DEFAULT_CONFIG_ROWS.map((row) =>
  row.key in REAL_CONTACT ? { ...row, value: REAL_CONTACT[row.key as keyof typeof REAL_CONTACT] } : row,
);

export { PLACEHOLDER_CONTACT };
