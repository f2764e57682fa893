// What «Thiết lập ban đầu» tells the officer: what it created, changed and found, as short
// Vietnamese items, and the dialog made of them.
import { FORM_KIND_LABEL } from '../domain/campaign';
import { SHEET } from '../domain/layout';
import { VIETNAM_TIME_ZONE } from '../domain/time';
import type { FormSetupOutcome } from './forms-setup';
import { describeTriggers } from './install-triggers';
import type { SetupReport } from './setup';
import type { TriggerOutcome } from './triggers';

function formChanges(outcome: FormSetupOutcome): string[] {
  return [
    ...outcome.settingsChanged,
    ...(outcome.itemsAdded.length > 0 ? [`thêm ${outcome.itemsAdded.length} câu hỏi`] : []),
    ...(outcome.itemsUpdated.length > 0 ? [`cập nhật ${outcome.itemsUpdated.length} câu hỏi`] : []),
  ];
}

function triggerItem(outcome: TriggerOutcome): string {
  // describeTriggers words a trigger as "Trình kích hoạt «name»: action."; only the name is wanted.
  const name = /«[^»]*»/.exec(describeTriggers([outcome])[0] ?? '')?.[0] ?? `«${outcome.handler}»`;
  return `trình kích hoạt ${name}`;
}

/** What setup created, changed and found, as short Vietnamese items. */
export function setupItems(report: SetupReport): { created: string[]; updated: string[]; present: string[] } {
  const created: string[] = [];
  const updated: string[] = [];
  const present: string[] = [];
  if (report.timeZoneChangedFrom !== null) {
    updated.push(`múi giờ của bảng tính: «${VIETNAM_TIME_ZONE}» (trước đó «${report.timeZoneChangedFrom}»)`);
  }
  report.sheetsCreated.forEach((sheet) => created.push(`trang «${sheet}»`));
  report.sheetsPresent.forEach((sheet) => present.push(`trang «${sheet}»`));
  report.configKeysAdded.forEach((key) =>
    created.push(`khóa «${key}» trong «${SHEET.config}» (giá trị mặc định)`),
  );
  for (const { choices, outcome } of report.choices) {
    const item = `danh sách chọn «${choices.column}» (trang «${choices.sheet}»)`;
    if (outcome === 'created') created.push(item);
    else if (outcome === 'warningOnly') created.push(`${item}, tạm thời chỉ cảnh báo`);
    else if (outcome === 'kept') present.push(item);
  }
  if (report.codesGenerated > 0) created.push(`mã xác nhận cho ${report.codesGenerated} đơn vị`);
  else present.push('mã xác nhận của các đơn vị');
  for (const outcome of report.forms?.forms ?? []) {
    const item = `biểu mẫu «${outcome.title}»`;
    if (outcome.status !== 'found') created.push(item);
    else if (formChanges(outcome).length > 0) updated.push(`${item}: ${formChanges(outcome).join(', ')}`);
    else present.push(item);
    const sheet = outcome.kind === 'plan' ? SHEET.planResponses : SHEET.reportResponses;
    if (outcome.responseSheet === 'renamed') created.push(`trang «${sheet}»`);
    else if (outcome.responseSheet === 'kept') present.push(`trang «${sheet}»`);
  }
  for (const outcome of report.triggers) {
    if (outcome.action === 'kept') present.push(triggerItem(outcome));
    else created.push(triggerItem(outcome));
  }
  return { created, updated, present };
}

/** The dialog after setup. */
export function describeSetup(report: SetupReport): string {
  const { created, updated, present } = setupItems(report);
  const bullets = (items: readonly string[]) => items.map((item) => `• ${item}`);
  const lines: string[] = [];
  if (created.length === 0 && updated.length === 0) {
    lines.push('Không cần tạo thêm gì: mọi thứ đã có sẵn.');
  } else {
    if (created.length > 0) lines.push('Đã tạo:', ...bullets(created));
    if (updated.length > 0) lines.push('Đã cập nhật:', ...bullets(updated));
  }
  if (present.length > 0) lines.push('Đã có sẵn:', ...bullets(present));
  const links = (report.forms?.forms ?? []).map(
    (outcome) => `• ${FORM_KIND_LABEL[outcome.kind]}: ${outcome.publishedUrl}`,
  );
  if (links.length > 0) lines.push('Đường dẫn biểu mẫu cho đơn vị:', ...links);
  const notes = [...report.notes, ...(report.forms?.forms ?? []).flatMap((outcome) => outcome.notes)];
  if (notes.length > 0) lines.push('Lưu ý:', ...bullets(notes));
  lines.push('Tiếp theo: chạy «Kiểm tra cấu hình» để xem bảng tính còn chỗ nào cần sửa.');
  return lines.join('\n');
}
