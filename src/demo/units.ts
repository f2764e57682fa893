// Invented units for the demo campaign: realistic names in every level, type and ward, and
// addresses under example domains only (never a real school's contact).
import type { Unit } from '../domain/units';

const WARDS = [
  'Linh Trung',
  'Linh Xuân',
  'Hiệp Bình Chánh',
  'Thảo Điền',
  'An Phú',
  'Bình Thọ',
  'Trường Thọ',
  'Phước Long A',
  'Long Thạnh Mỹ',
  'Tăng Nhơn Phú A',
  'Hiệp Phú',
  'Đông Hòa',
];

const FLOWERS = [
  'Hoa Mai',
  'Hoa Sen',
  'Họa Mi',
  'Sơn Ca',
  'Ánh Dương',
  'Bình Minh',
  'Hướng Dương',
  'Tuổi Thơ',
  'Vành Khuyên',
  'Măng Non',
  'Ước Mơ',
  'Đồng Xanh',
  'Sao Mai',
  'Thiên Thần',
  'Bông Sen',
  'Hoa Lan',
  'Dạ Lan',
  'Thỏ Ngọc',
  'Rạng Đông',
  'Ngôi Sao',
];
const PEOPLE = [
  'Nguyễn Văn Bá',
  'Lê Quý Đôn',
  'Trần Quốc Toản',
  'Võ Thị Sáu',
  'Lý Tự Trọng',
  'Đinh Tiên Hoàng',
  'Nguyễn Du',
  'Chu Văn An',
  'Trương Văn Ngư',
  'Bình Chiểu',
  'Đặng Văn Bất',
  'Ưng Văn Khiêm',
  'Nguyễn Thị Định',
  'Hà Huy Tập',
  'Lương Thế Vinh',
  'Phan Chu Trinh',
  'Đoàn Thị Điểm',
  'Huỳnh Văn Nghệ',
  'Âu Cơ',
  'Xuân Hiệp',
];
const HEADS = [
  'Nguyễn Thị Lan',
  'Trần Văn Hùng',
  'Lê Thị Thu',
  'Phạm Minh Đức',
  'Võ Thị Hạnh',
  'Đặng Quốc Bảo',
  'Bùi Thị Ngọc',
  'Huỳnh Văn Tâm',
];

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** `count` invented units (at most 60), the same every time. */
export function demoUnits(count = 60): Unit[] {
  const levels: { level: string; prefix: string; names: readonly string[]; title: string }[] = [
    { level: 'Mầm non', prefix: 'MN', names: FLOWERS, title: 'Trường Mầm non' },
    { level: 'Tiểu học', prefix: 'TH', names: PEOPLE, title: 'Trường Tiểu học' },
    { level: 'THCS', prefix: 'THCS', names: [...PEOPLE].reverse(), title: 'Trường THCS' },
  ];
  const units: Unit[] = [];
  for (let index = 0; index < Math.min(count, 60); index += 1) {
    const group = levels[index % 3] as (typeof levels)[number];
    const name = group.names[Math.floor(index / 3) % group.names.length] as string;
    const isPrivate = index % 7 === 3;
    const ward = WARDS[index % WARDS.length] as string;
    const code = `${group.prefix}${String(index + 1).padStart(3, '0')}`;
    units.push({
      code,
      name: `${group.title} ${name}`,
      level: group.level,
      ownership: isPrivate ? 'Tư thục' : 'Công lập',
      ward,
      emails: [`${slug(group.prefix + name)}@demo.example.edu.vn`],
      head: HEADS[index % HEADS.length] as string,
      phone: `028 37${String(100000 + index * 7919).slice(-6)}`,
      isActive: true,
      confirmationCode: '',
      rowNumber: index + 2,
    });
  }
  return units;
}
