// The unit registry: the schools (and other units) that owe submissions, read from `Đơn vị`.
import { UNIT_COLUMNS } from './layout';
import type { InputProblem, Checked } from './problems';
import { cellDate, cellText, type SheetRecord } from './table';
import { cleanText, compareVietnamese, foldForMatch } from './text';
import type { IsoDate } from './time';

export interface Unit {
  readonly code: string;
  readonly name: string;
  /** Cấp học: Mầm non, Tiểu học, THCS… */
  readonly level: string;
  /** Loại hình: Công lập, Tư thục… */
  readonly ownership: string;
  readonly ward: string;
  /** Registered addresses, lower-cased; the first is where mail goes first. */
  readonly emails: readonly string[];
  readonly head: string;
  readonly phone: string;
  readonly isActive: boolean;
  /** Mã xác nhận; empty until setup generates one. */
  readonly confirmationCode: string;
  /** Expected only for periods due after this day; undefined means from the start. */
  readonly activeFrom?: IsoDate;
  readonly rowNumber: number;
}

const EMAIL_PATTERN = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

export function isValidEmail(text: string): boolean {
  return EMAIL_PATTERN.test(text);
}

/** Several addresses in one cell, separated by `;`, `,` or whitespace. */
export function splitEmails(text: string): string[] {
  return text
    .split(/[;,\s]+/)
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part.length > 0);
}

const YES = new Set(['co', 'x', 'true', '1', 'yes', 'dang hoat dong']);
const NO = new Set(['khong', 'false', '0', 'no', 'ngung', 'ngung hoat dong']);

/** `Đang hoạt động`: blank or Có/x/TRUE → active; Không/FALSE → inactive; anything else is a problem. */
export function parseActiveFlag(value: unknown): boolean | null {
  if (value === null || value === undefined || value === '') return true;
  if (typeof value === 'boolean') return value;
  const folded = foldForMatch(String(value));
  if (folded === '' || YES.has(folded)) return true;
  if (NO.has(folded)) return false;
  return null;
}

export function parseUnits(records: readonly SheetRecord[]): Checked<UnitRegistry> {
  const problems: InputProblem[] = [];
  const units: Unit[] = [];
  const rowByCode = new Map<string, number>();
  for (const record of records) {
    const where = record.sheet;
    const row = record.rowNumber;
    const problem = (column: string, message: string) => problems.push({ where, row, column, message });
    const code = cleanText(cellText(record.get(UNIT_COLUMNS.code)));
    const name = cleanText(cellText(record.get(UNIT_COLUMNS.name)));
    if (!code) problem(UNIT_COLUMNS.code, 'thiếu mã đơn vị.');
    else if (code.includes(' - ')) problem(UNIT_COLUMNS.code, `mã đơn vị «${code}» không được chứa « - ».`);
    if (!name) problem(UNIT_COLUMNS.name, 'thiếu tên đơn vị.');
    const codeKey = foldForMatch(code);
    if (code) {
      const firstRow = rowByCode.get(codeKey);
      if (firstRow !== undefined) {
        problem(UNIT_COLUMNS.code, `mã đơn vị «${code}» bị trùng với dòng ${firstRow}.`);
      } else {
        rowByCode.set(codeKey, row);
      }
    }
    const emails = splitEmails(cellText(record.get(UNIT_COLUMNS.emails)));
    if (emails.length === 0) problem(UNIT_COLUMNS.emails, 'thiếu địa chỉ email.');
    for (const email of emails) {
      if (!isValidEmail(email))
        problem(UNIT_COLUMNS.emails, `«${email}» không phải là địa chỉ email hợp lệ.`);
    }
    const isActive = parseActiveFlag(record.get(UNIT_COLUMNS.isActive));
    if (isActive === null) {
      problem(
        UNIT_COLUMNS.isActive,
        `«${cellText(record.get(UNIT_COLUMNS.isActive))}» không hợp lệ; ghi «Có» hoặc «Không».`,
      );
    }
    const activeFromCell = record.get(UNIT_COLUMNS.activeFrom);
    const activeFrom = cellDate(activeFromCell);
    if (cellText(activeFromCell) !== '' && activeFrom === null) {
      problem(
        UNIT_COLUMNS.activeFrom,
        `«${cellText(activeFromCell)}» không phải là ngày hợp lệ (dd/MM/yyyy).`,
      );
    }
    units.push({
      code,
      name,
      level: cleanText(cellText(record.get(UNIT_COLUMNS.level))),
      ownership: cleanText(cellText(record.get(UNIT_COLUMNS.ownership))),
      ward: cleanText(cellText(record.get(UNIT_COLUMNS.ward))),
      emails,
      head: cleanText(cellText(record.get(UNIT_COLUMNS.head))),
      phone: cleanText(cellText(record.get(UNIT_COLUMNS.phone))),
      isActive: isActive ?? true,
      confirmationCode: cleanText(cellText(record.get(UNIT_COLUMNS.confirmationCode))),
      ...(activeFrom ? { activeFrom } : {}),
      rowNumber: row,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: new UnitRegistry(units) };
}

/** `{Mã đơn vị} - {Tên đơn vị}`: the text of a unit's choice in the forms. */
export function unitChoiceLabel(unit: Pick<Unit, 'code' | 'name'>): string {
  return `${unit.code} - ${unit.name}`;
}

export function compareUnits(a: Unit, b: Unit): number {
  return compareVietnamese(a.name, b.name) || compareVietnamese(a.code, b.code);
}

export class UnitRegistry {
  /** Every unit, sorted by name in Vietnamese order. */
  readonly all: readonly Unit[];
  private readonly byFoldedCode: ReadonlyMap<string, Unit>;
  private readonly byFoldedName: ReadonlyMap<string, Unit | null>;

  constructor(units: readonly Unit[]) {
    this.all = [...units].sort(compareUnits);
    this.byFoldedCode = new Map(this.all.map((unit) => [foldForMatch(unit.code), unit]));
    const byName = new Map<string, Unit | null>();
    for (const unit of this.all) {
      const key = foldForMatch(unit.name);
      // Two units with the same name cannot be told apart by name: mark it ambiguous.
      byName.set(key, byName.has(key) ? null : unit);
    }
    this.byFoldedName = byName;
  }

  get active(): readonly Unit[] {
    return this.all.filter((unit) => unit.isActive);
  }

  byCode(code: string): Unit | undefined {
    return this.byFoldedCode.get(foldForMatch(code));
  }

  /**
   * The unit a form answer names: `Mã - Tên` (the code before ` - ` decides), a bare code, or a
   * name that only one unit has; accents, case, spacing and NFD do not matter.
   */
  findByAnswer(answer: string): Unit | undefined {
    const text = cleanText(answer);
    if (!text) return undefined;
    const separator = text.search(/\s[-–—]\s/);
    if (separator > 0) {
      const byCode = this.byCode(text.slice(0, separator));
      if (byCode) return byCode;
    }
    return this.byCode(text) ?? this.byFoldedName.get(foldForMatch(text)) ?? undefined;
  }
}
