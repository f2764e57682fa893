// The "Hạn nộp" menu of the spreadsheet. Apps Script binds a menu item to a function by its name,
// and only top-level functions of the pushed code can be found: every `handler` below must be an
// exported function of src/gas/main.ts (test/bundle.test.ts proves it on the built bundle).

export const MENU_TITLE = 'Hạn nộp';

export interface MenuItem {
  readonly label: string;
  /** Name of the entry function in src/gas/main.ts that the item runs. */
  readonly handler: string;
}

export const MENU_ITEMS: readonly MenuItem[] = [
  { label: 'Thiết lập ban đầu', handler: 'menuSetup' },
  { label: 'Cập nhật biểu mẫu', handler: 'menuRefreshForms' },
  { label: 'Xử lý lại toàn bộ', handler: 'menuRebuild' },
  { label: 'Tổng hợp ngay', handler: 'menuConsolidate' },
  { label: 'Xem trước thư nhắc', handler: 'menuPreviewReminders' },
  { label: 'Gửi thư nhắc ngay', handler: 'menuSendReminders' },
  { label: 'Bảng điều khiển', handler: 'menuDashboard' },
  { label: 'Xuất báo cáo', handler: 'menuExportReport' },
  { label: 'Kiểm tra cấu hình', handler: 'menuCheckConfig' },
  { label: 'Tạo đợt mới', handler: 'menuNewYear' },
];

export function installMenu(ui: Pick<GoogleAppsScript.Base.Ui, 'createMenu'>): void {
  const menu = ui.createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) menu.addItem(item.label, item.handler);
  menu.addToUi();
}
