import {
  choiceDifference,
  confirmationMessage,
  desiredForm,
  itemChanges,
  matchItems,
  type DesiredItem,
} from '../../src/domain/form-sync';
import { PLAN_FORM, REPORT_FORM } from '../../src/domain/forms';
import { UnitRegistry } from '../../src/domain/units';
import { fixtureUnits, periods2023 } from '../fakes/campaign-fixture';

const CONFIG = {
  agencyName: 'Phòng Giáo dục và Đào tạo thành phố Thủ Đức',
  planName: 'thực hiện công tác dân vận của chính quyền năm 2023',
  year: 2023,
  contactName: 'Trần Văn Phụ Trách',
  contactEmail: 'phutrach@pgd.example.gov.vn',
  contactPhone: '028 3896 0000',
  digestEmails: [],
  dailyMailHour: 7,
  mailQuotaReserve: 5,
  identityCheck: 'email_or_code' as const,
  requireSignIn: false,
};

function item(fields: Partial<DesiredItem> & Pick<DesiredItem, 'key' | 'title' | 'kind'>): DesiredItem {
  return { required: false, helpText: '', choices: null, textRule: null, ...fields };
}

describe('the desired forms', () => {
  it('titles the forms after the plan and lists the questions in spec order', () => {
    const plan = desiredForm(PLAN_FORM, CONFIG, { units: fixtureUnits(), reportPeriods: periods2023() });
    expect(plan.title).toBe('Kế hoạch thực hiện công tác dân vận của chính quyền năm 2023');
    expect(plan.items.map((entry) => entry.title)).toEqual(
      PLAN_FORM.questions.map((question) => question.title),
    );
    expect(plan.items[0]).toMatchObject({
      key: 'unit',
      kind: 'LIST',
      required: true,
      choices: ['MNHM - Mầm non Hoa Mai', 'THCSLQD - THCS Lê Quý Đôn', 'THDD - Tiểu học Đặng Đức'],
    });
    expect(plan.items.find((entry) => entry.key === 'dvkCount')).toMatchObject({
      kind: 'TEXT',
      textRule: { pattern: expect.any(String) },
    });
    expect(plan.warnings).toEqual([]);
  });

  it('offers the report periods by name, and warns when the workbook has no choices to give', () => {
    const report = desiredForm(REPORT_FORM, CONFIG, {
      units: new UnitRegistry([]),
      reportPeriods: periods2023(),
    });
    expect(report.title).toBe('Báo cáo thực hiện công tác dân vận của chính quyền năm 2023');
    expect(report.items.find((entry) => entry.key === 'period')?.choices).toEqual([
      'Báo cáo 6 tháng đầu năm 2023',
      'Báo cáo năm 2023',
    ]);
    expect(report.items[0]?.choices).toBeNull();
    expect(report.warnings).toEqual([
      'Biểu mẫu Báo cáo: chưa có đơn vị đang hoạt động nào nên câu hỏi «Đơn vị» chưa có lựa chọn.',
    ]);
  });

  it('has whole-number rules that accept what the domain accepts', () => {
    const rule = desiredForm(REPORT_FORM, CONFIG, { units: fixtureUnits() }).items.find(
      (entry) => entry.key === 'propagandaSessions',
    )?.textRule;
    const matches = (text: string) => new RegExp(`^(?:${rule?.pattern ?? ''})$`).test(text);
    ['0', '12', '1.234', '1,234,567', '1 234'].forEach((text) => expect(matches(text)).toBe(true));
    ['-3', '12a', '1,5', ''].forEach((text) => expect(matches(text)).toBe(false));
  });
});

describe('the confirmation message', () => {
  it('names the agency and the contact, formally', () => {
    expect(confirmationMessage('plan', CONFIG)).toBe(
      [
        'Phòng Giáo dục và Đào tạo thành phố Thủ Đức đã nhận kế hoạch của quý đơn vị.',
        'Kết quả kiểm tra sẽ được gửi đến địa chỉ email đã dùng để nộp. Nếu cần sửa hoặc bổ sung, quý đơn vị dùng đường liên kết chỉnh sửa câu trả lời (trên trang này và trong thư xác nhận), không nộp lại từ đầu.',
        'Mọi thắc mắc, xin liên hệ đồng chí Trần Văn Phụ Trách (email phutrach@pgd.example.gov.vn, điện thoại 028 3896 0000).',
        'Trân trọng cảm ơn.',
      ].join('\n'),
    );
  });

  it('points to the agency when no contact person is configured', () => {
    const message = confirmationMessage('report', { ...CONFIG, contactName: '', contactPhone: '' });
    expect(message).toContain('đã nhận báo cáo của quý đơn vị.');
    expect(message).toContain(
      'Mọi thắc mắc, xin liên hệ Phòng Giáo dục và Đào tạo thành phố Thủ Đức (email phutrach@pgd.example.gov.vn).',
    );
  });
});

describe('matching existing items', () => {
  const desired = [
    item({ key: 'unit', title: 'Đơn vị', kind: 'LIST' }),
    item({ key: 'dvk', title: 'Số mô hình, điển hình “Dân vận khéo” đăng ký', kind: 'TEXT' }),
    item({ key: 'notes', title: 'Ghi chú', kind: 'PARAGRAPH_TEXT' }),
  ];

  it('matches by normalised title, prefers the right kind, and reports the rest', () => {
    const result = matchItems(desired, [
      { id: 1, title: 'ĐƠN VỊ', kind: 'SECTION_HEADER' },
      { id: 2, title: ' Đơn  vị ', kind: 'LIST' },
      { id: 3, title: 'Số mô hình, điển hình "Dân vận khéo" đăng ký', kind: 'TEXT' },
      { id: 4, title: 'Câu hỏi riêng của phòng', kind: 'TEXT' },
      { id: 5, title: 'Đơn vị', kind: 'LIST' },
    ]);
    expect(
      result.matches.map((match) => [match.status, 'existing' in match ? match.existing.id : null]),
    ).toEqual([
      ['found', 2],
      ['found', 3],
      ['missing', null],
    ]);
    expect(result.duplicates.map((entry) => entry.id)).toEqual([1, 5]);
    expect(result.unknown.map((entry) => entry.id)).toEqual([4]);
  });

  it('flags an item of another kind rather than reuse it', () => {
    const result = matchItems(desired, [{ id: 7, title: 'Ghi chú', kind: 'TEXT' }]);
    expect(result.matches[2]).toMatchObject({ status: 'wrongKind', existing: { id: 7 } });
  });

  it('changes only what differs', () => {
    const unit = item({
      key: 'unit',
      title: 'Đơn vị',
      kind: 'LIST',
      required: true,
      helpText: 'Chọn.',
      choices: ['A', 'B'],
    });
    expect(
      itemChanges(unit, { title: 'Đơn vị', helpText: 'Chọn.', required: true, choices: ['A', 'B'] }),
    ).toEqual({});
    expect(
      itemChanges(unit, { title: 'đơn vị', helpText: '', required: false, choices: ['B', 'A'] }),
    ).toEqual({
      title: 'Đơn vị',
      helpText: 'Chọn.',
      required: true,
      choices: ['A', 'B'],
    });
    expect(
      itemChanges(
        { ...unit, choices: null },
        { title: 'Đơn vị', helpText: 'Chọn.', required: true, choices: ['X'] },
      ),
    ).toEqual({});
    expect(choiceDifference(['A', 'B', 'C'], ['B', 'C', 'D'])).toEqual({ added: ['D'], removed: ['A'] });
  });
});
