// The optional `Phụ trách` sheet: the department divides its work by school level (Mầm non, Tiểu
// học, THCS…) or ownership, and each specialist follows the units of theirs. It routes the daily
// digest: each specialist gets the late and returned units of their own scope, while the
// addresses of `Email nhận thư tổng hợp` keep the whole picture.
import { SPECIALIST_COLUMNS, SHEET } from './layout';
import type { InputProblem } from './problems';
import { cellText, type SheetRecord } from './table';
import { cleanText, foldForMatch } from './text';
import { isValidEmail, splitEmails, type Unit } from './units';

/** One row's scope: a level, an ownership, or both (a unit must match every part given). */
export interface SpecialistScope {
  readonly level: string;
  readonly ownership: string;
}

/** One person (one address), with every scope their rows give. */
export interface Specialist {
  readonly name: string;
  /** Lower-cased. */
  readonly email: string;
  readonly scopes: readonly SpecialistScope[];
}

export interface ParsedSpecialists {
  readonly specialists: readonly Specialist[];
  /** Stop the jobs, like any configuration error. */
  readonly problems: readonly InputProblem[];
  /** Units nobody follows: they appear only in the whole-picture digest. */
  readonly warnings: readonly InputProblem[];
}

export function coversUnit(scope: SpecialistScope, unit: Unit): boolean {
  const matches = (wanted: string, actual: string) =>
    wanted === '' || foldForMatch(wanted) === foldForMatch(actual);
  return matches(scope.level, unit.level) && matches(scope.ownership, unit.ownership);
}

export function followsUnit(specialist: Specialist, unit: Unit): boolean {
  return specialist.scopes.some((scope) => coversUnit(scope, unit));
}

/** Reads `Phụ trách` against the registry: a level or ownership no unit has is an error. */
export function parseSpecialists(records: readonly SheetRecord[], units: readonly Unit[]): ParsedSpecialists {
  const problems: InputProblem[] = [];
  const byEmail = new Map<string, { name: string; email: string; scopes: SpecialistScope[] }>();
  const levels = new Set(units.map((unit) => foldForMatch(unit.level)));
  const ownerships = new Set(units.map((unit) => foldForMatch(unit.ownership)));
  for (const record of records) {
    const row = record.rowNumber;
    const problem = (column: string, message: string) =>
      problems.push({ where: record.sheet, row, column, message });
    const text = (column: string) => cleanText(cellText(record.get(column)));
    const level = text(SPECIALIST_COLUMNS.level);
    const ownership = text(SPECIALIST_COLUMNS.ownership);
    const name = text(SPECIALIST_COLUMNS.name);
    const emailText = text(SPECIALIST_COLUMNS.email);
    const emails = splitEmails(emailText);
    let isValid = true;
    const fail = (column: string, message: string) => {
      problem(column, message);
      isValid = false;
    };
    if (!level && !ownership)
      fail(
        record.has(SPECIALIST_COLUMNS.level) ? SPECIALIST_COLUMNS.level : SPECIALIST_COLUMNS.ownership,
        'thiếu cấp học hoặc loại hình mà người này phụ trách.',
      );
    if (level && !levels.has(foldForMatch(level)))
      fail(SPECIALIST_COLUMNS.level, `không có đơn vị nào thuộc cấp học «${level}» trong trang «Đơn vị».`);
    if (ownership && !ownerships.has(foldForMatch(ownership)))
      fail(
        SPECIALIST_COLUMNS.ownership,
        `không có đơn vị nào thuộc loại hình «${ownership}» trong trang «Đơn vị».`,
      );
    if (!name) fail(SPECIALIST_COLUMNS.name, 'thiếu họ tên người phụ trách.');
    if (emails.length === 0) fail(SPECIALIST_COLUMNS.email, 'thiếu địa chỉ email.');
    else if (emails.length > 1)
      fail(SPECIALIST_COLUMNS.email, `«${emailText}»: mỗi dòng một địa chỉ email; mỗi người một dòng.`);
    else if (!isValidEmail(emails[0] as string))
      fail(SPECIALIST_COLUMNS.email, `«${emailText}» không phải là địa chỉ email hợp lệ.`);
    if (!isValid) continue;
    const email = emails[0] as string;
    const known = byEmail.get(email) ?? { name, email, scopes: [] };
    known.scopes.push({ level, ownership });
    byEmail.set(email, known);
  }
  const specialists = [...byEmail.values()];
  return {
    specialists,
    problems,
    warnings: records.length > 0 ? unfollowedWarnings(specialists, units) : [],
  };
}

/** One warning per level whose active units nobody follows. */
function unfollowedWarnings(specialists: readonly Specialist[], units: readonly Unit[]): InputProblem[] {
  const countByLevel = new Map<string, number>();
  for (const unit of units) {
    if (!unit.isActive || specialists.some((specialist) => followsUnit(specialist, unit))) continue;
    const level = unit.level || '(trống)';
    countByLevel.set(level, (countByLevel.get(level) ?? 0) + 1);
  }
  return [...countByLevel].map(([level, count]) => ({
    where: SHEET.specialists,
    column: SPECIALIST_COLUMNS.level,
    message:
      `cấp học «${level}» (${count} đơn vị) chưa có ai phụ trách; các đơn vị này chỉ có trong ` +
      'thư tổng hợp gửi «Email nhận thư tổng hợp».',
  }));
}
