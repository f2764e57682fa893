// The `Nhật ký` row of setup and `init`, decided as data: every count the job knows, who ran it.
import { COMMAND_LINE_RUNNER, setupAudit, type SetupCounts } from '../../src/domain/setup-audit';

const at = new Date(Date.UTC(2023, 2, 1, 2, 0, 0));
const rerun: SetupCounts = {
  sheetsCreated: 0,
  sheetsPresent: 10,
  configKeysAdded: 0,
  dropDownsSet: 0,
  units: { total: 40, active: 38 },
  codesGenerated: 0,
  forms: { created: 0, updated: 0, present: 2 },
  triggers: { installed: 0, present: 4 },
  timeZoneChangedFrom: null,
  notes: 0,
};

describe('setupAudit', () => {
  it('words a setup run in counts, with the account, as information when nothing is left to fix', () => {
    expect(setupAudit(at, 'Thiết lập ban đầu', rerun, 'chuyenvien@pgd.example.edu.vn')).toEqual({
      at,
      level: 'Thông tin',
      job: 'Thiết lập ban đầu',
      message:
        'Tạo 0 trang, 10 trang đã có; đặt 0 danh sách chọn; «Đơn vị» có 40 đơn vị (38 đang hoạt động); ' +
        'tạo mã xác nhận cho 0 đơn vị; biểu mẫu: 0 tạo mới, 0 cập nhật, 2 đã có; trình kích hoạt: 0 cài mới, 4 đã có; ' +
        'người chạy: chuyenvien@pgd.example.edu.vn.',
    });
  });

  it('names keys added, forms not set up, the time zone changed and the notes, as a warning', () => {
    const row = setupAudit(
      at,
      'Thiết lập ban đầu',
      {
        ...rerun,
        configKeysAdded: 2,
        units: null,
        forms: null,
        timeZoneChangedFrom: 'America/Los_Angeles',
        notes: 3,
      },
      '',
    );
    expect(row.level).toBe('Cảnh báo');
    expect(row.message).toBe(
      'Tạo 0 trang, 10 trang đã có; thêm 2 khóa vào «Cấu hình»; đặt 0 danh sách chọn; tạo mã xác nhận cho 0 đơn vị; ' +
        'biểu mẫu: chưa thiết lập; trình kích hoạt: 0 cài mới, 4 đã có; ' +
        'đổi múi giờ từ «America/Los_Angeles» sang «Asia/Ho_Chi_Minh»; ' +
        '3 lưu ý cần xử lý (chạy lại «Thiết lập ban đầu» để xem từng lưu ý); ' +
        'người chạy: không rõ (Google không cho biết tài khoản).',
    );
  });

  it('words init: no forms or triggers of its own, the example forms, run from the command line', () => {
    const { forms: _forms, triggers: _triggers, timeZoneChangedFrom: _zone, ...offline } = rerun;
    const row = setupAudit(
      at,
      'Khởi tạo bảng tính',
      {
        ...offline,
        sheetsCreated: 15,
        sheetsPresent: 0,
        dropDownsSet: 4,
        codesGenerated: 40,
        exampleForms: 0,
      },
      COMMAND_LINE_RUNNER,
    );
    expect(row.message).toBe(
      'Tạo 15 trang, 0 trang đã có; đặt 4 danh sách chọn; «Đơn vị» có 40 đơn vị (38 đang hoạt động); ' +
        'tạo mã xác nhận cho 40 đơn vị; «Biểu mẫu»: chưa có (chạy «Thiết lập ban đầu» trên Google để tạo biểu mẫu); ' +
        'người chạy: dòng lệnh (hannop init, không có địa chỉ email).',
    );
  });
});
