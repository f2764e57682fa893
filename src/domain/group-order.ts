// The one order of groups everywhere a table, page or report lists them (`Tổng hợp`, `Thống kê`,
// `Số liệu`, the dashboard, the City report, `hannop status`): Cấp học in the order of the school
// system rather than of the alphabet, since that is how the department reads its tables; every
// other grouping in Vietnamese order; the units that left the field blank last.
import { compareVietnamese, foldForMatch } from './text';

/** The group of the units that left the field blank. */
export const UNSPECIFIED_GROUP = '(chưa ghi)';

export type GroupDimension = 'all' | 'level' | 'ownership' | 'ward';

// Levels it does not know follow the four it does, in Vietnamese order.
const LEVEL_RANKS: readonly (readonly string[])[] = [
  ['mam non', 'mau giao', 'nha tre'],
  ['tieu hoc'],
  ['thcs', 'trung hoc co so'],
  ['thpt', 'trung hoc pho thong'],
];

function levelRank(level: string): number {
  if (level === '' || level === UNSPECIFIED_GROUP) return LEVEL_RANKS.length + 1;
  const folded = foldForMatch(level);
  const rank = LEVEL_RANKS.findIndex((names) => names.includes(folded));
  return rank >= 0 ? rank : LEVEL_RANKS.length;
}

/** Mầm non < Tiểu học < THCS < THPT < other levels (Vietnamese order) < blank. */
export function compareLevels(a: string, b: string): number {
  return levelRank(a) - levelRank(b) || compareVietnamese(a, b);
}

/** Vietnamese order, with the group of units that left the field blank last. */
export function compareGroupNames(a: string, b: string): number {
  const blankA = a === '' || a === UNSPECIFIED_GROUP;
  const blankB = b === '' || b === UNSPECIFIED_GROUP;
  if (blankA !== blankB) return blankA ? 1 : -1;
  return compareVietnamese(a, b);
}

/** The order of the groups of one dimension. */
export function compareGroupsOf(dimension: GroupDimension): (a: string, b: string) => number {
  return dimension === 'level' ? compareLevels : compareGroupNames;
}
