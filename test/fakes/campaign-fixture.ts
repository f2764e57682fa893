// A small campaign for tests: four units (one inactive) and the three periods of 2023 (docs/forms.md).
import { makePeriod, type Period } from '../../src/domain/campaign';
import { UnitRegistry, type Unit } from '../../src/domain/units';

export function makeUnit(fields: Partial<Unit> & Pick<Unit, 'code' | 'name'>): Unit {
  return {
    level: 'Mầm non',
    ownership: 'Công lập',
    ward: 'Phường Hiệp Phú',
    emails: [`${fields.code.toLowerCase()}@truong.example.edu.vn`],
    head: 'Nguyễn Thị Hiệu Trưởng',
    phone: '0901234567',
    isActive: true,
    confirmationCode: `${fields.code}-7K2Q`,
    rowNumber: 2,
    ...fields,
  };
}

export const FIXTURE_UNITS: readonly Unit[] = [
  makeUnit({ code: 'MNHM', name: 'Mầm non Hoa Mai', rowNumber: 2 }),
  makeUnit({
    code: 'THDD',
    name: 'Tiểu học Đặng Đức',
    level: 'Tiểu học',
    ward: 'Phường Linh Trung',
    rowNumber: 3,
  }),
  makeUnit({
    code: 'THCSLQD',
    name: 'THCS Lê Quý Đôn',
    level: 'THCS',
    ownership: 'Tư thục',
    ward: 'Phường Linh Trung',
    rowNumber: 4,
  }),
  makeUnit({ code: 'MNCU', name: 'Mầm non Cũ', isActive: false, rowNumber: 5 }),
];

export function fixtureUnits(): UnitRegistry {
  return new UnitRegistry(FIXTURE_UNITS);
}

const REMINDERS = { graceDays: 0, remindBeforeDays: [7, 3, 1], remindAfterDays: [1, 3, 7, 14] };

/** `Kỳ nộp` of 2023 as docs/forms.md gives it. */
export function periods2023(): Period[] {
  return [
    makePeriod({
      id: 'KH-2023',
      name: 'Kế hoạch năm 2023',
      form: 'plan',
      opensOn: '2023-03-14',
      writtenDueDate: '2023-03-31',
      deadlineRule: 'before',
      ...REMINDERS,
    }),
    makePeriod({
      id: 'BC6T-2023',
      name: 'Báo cáo 6 tháng đầu năm 2023',
      form: 'report',
      opensOn: '2023-04-01',
      writtenDueDate: '2023-05-01',
      deadlineRule: 'before',
      ...REMINDERS,
    }),
    makePeriod({
      id: 'BCN-2023',
      name: 'Báo cáo năm 2023',
      form: 'report',
      opensOn: '2023-10-01',
      writtenDueDate: '2023-11-01',
      deadlineRule: 'before',
      ...REMINDERS,
    }),
  ];
}

export const FIXTURE_CONFIG = {
  planName: 'thực hiện công tác dân vận của chính quyền năm 2023',
  year: 2023,
} as const;
