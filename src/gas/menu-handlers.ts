// The menu items of issue 6 part 1 that run jobs: each reads what it needs, runs the job under the
// script lock, and tells the officer in Vietnamese what it did (runMenuAction shows it on the
// services' menu surface, or the failure as a sentence), like every other menu item.
import { readCampaignState } from '../app/campaign-state';
import { consolidate } from '../app/consolidate';
import { sendMail, type SendMailSummary } from '../app/send-mail';
import { FORM_KIND_LABEL } from '../domain/campaign';
import { SHEET } from '../domain/layout';
import { budgetFrom, CONTINUATION_DELAY_MS } from '../domain/job-budget';
import { MAIL_KIND_LABEL } from '../domain/mail';
import { refreshChoices, type FormsSetupReport } from './forms-setup';
import { MENU_ITEMS } from './menu';
import { runRebuildPart } from './resumable-jobs';
import { finishSheetRebuild, readFromFormsNote, runSheetRebuild } from './sheet-rebuild';
import { runMenuAction } from './menu-action';
import { LOCK_WAIT_MS } from './script-lock';
import type { GasServices } from './services';
import { DAILY_SEND_BUDGET_MS } from './trigger-handlers';

/** A preview lists at most this many messages; the dialog says how many more there are. */
export const PREVIEW_MAX_LINES = 40;

function labelOf(handler: string): string {
  return MENU_ITEMS.find((item) => item.handler === handler)?.label ?? handler;
}

export function describeChoiceRefresh(report: FormsSetupReport): string {
  const lines = report.forms.flatMap((outcome) =>
    outcome.choiceChanges.map(
      (change) =>
        `Biểu mẫu ${FORM_KIND_LABEL[outcome.kind]}, «${change.title}»: thêm ${change.added.length}, bỏ ${change.removed.length} lựa chọn.`,
    ),
  );
  if (lines.length === 0) return 'Các lựa chọn của biểu mẫu đã khớp với bảng tính; không có gì thay đổi.';
  return ['Đã cập nhật lựa chọn của biểu mẫu:', ...lines].join('\n');
}

export function runRefreshForms(services: GasServices): void {
  runMenuAction(services.menuSurface, labelOf('menuRefreshForms'), () => {
    const state = readCampaignState(services.workbook, []);
    const report = refreshChoices(
      {
        formApp: services.globals.FormApp,
        spreadsheet: services.spreadsheet,
        properties: services.documentProperties,
      },
      { config: state.campaign.config, units: state.units, periods: state.campaign.periods },
    );
    return { message: describeChoiceRefresh(report) };
  });
}

export function runRebuild(services: GasServices): void {
  runMenuAction(services.menuSurface, labelOf('menuRebuild'), () => {
    const opened = services.openForms();
    const { forms, problems } = opened;
    if (forms.length === 0) {
      return {
        message: 'Chưa có biểu mẫu nào để xử lý lại. Hãy chạy «Thiết lập ban đầu» trước.',
        dialog: true,
      };
    }
    const budget = budgetFrom(services.now().getTime());
    // From the response sheets when they stand for the forms; through FormApp, in parts, if not.
    const fromSheets = runSheetRebuild(services, opened, new Date(budget.startedAtMs), LOCK_WAIT_MS.menu);
    const part =
      'intake' in fromSheets
        ? finishSheetRebuild(services, fromSheets.intake)
        : runRebuildPart(services, null, budget, LOCK_WAIT_MS.menu, opened);
    const { intake } = part;
    const counts = { accepted: 0, rejected: 0, held: 0, closed: 0 };
    for (const entry of intake.registered) counts[entry.outcome] += 1;
    const lines = [
      `Đã xử lý lại ${intake.received} phản hồi: hợp lệ ${counts.accepted}, không hợp lệ ${counts.rejected}, ` +
        `chờ xác minh ${counts.held}${counts.closed > 0 ? `, nộp sau khóa ${counts.closed}` : ''}.`,
      part.finished
        ? `Đã cập nhật «${SHEET.submissions}», «${SHEET.summary}», «${SHEET.statistics}» và «${SHEET.figures}».`
        : `Còn phản hồi chưa xử lý: phần còn lại được xử lý tiếp tự động sau khoảng ${CONTINUATION_DELAY_MS / 60_000} phút, ` +
          `trong giới hạn 6 phút mỗi lần chạy của Google; «${SHEET.summary}», «${SHEET.statistics}» và «${SHEET.figures}» được cập nhật khi xong.`,
    ];
    if (intake.failed.length > 0)
      lines.push(`${intake.failed.length} phản hồi gặp lỗi khi xử lý, xem trang «${SHEET.eventLog}».`);
    lines.push(...problems);
    const refusal = 'unfit' in fromSheets ? fromSheets : null;
    if (refusal) lines.push(readFromFormsNote(refusal));
    return {
      message: lines.join('\n'),
      dialog: intake.failed.length > 0 || problems.length > 0 || !part.finished || refusal?.sheets === true,
    };
  });
}

export function runConsolidate(services: GasServices): void {
  runMenuAction(services.menuSurface, labelOf('menuConsolidate'), () => {
    const { board, judgements } = consolidate(
      services.workbook,
      services.lock(LOCK_WAIT_MS.menu),
      services.now(),
    );
    const refused = judgements.filter((judgement) => !judgement.applies).length;
    const lines = [
      `Đã cập nhật «${SHEET.summary}», «${SHEET.statistics}» và «${SHEET.figures}»: ` +
        `${board.units.length} đơn vị, ${board.periods.length} kỳ nộp.`,
    ];
    if (refused > 0)
      lines.push(
        `${refused} đánh giá không áp dụng được, xem cột «Ghi chú xử lý» trong «${SHEET.submissions}».`,
      );
    return { message: lines.join('\n') };
  });
}

export function describePreview(summary: SendMailSummary): string {
  if (summary.mail.length === 0) return 'Hiện không có thư nào cần gửi.';
  const lines = summary.mail
    .slice(0, PREVIEW_MAX_LINES)
    .map(
      (mail) =>
        `• ${MAIL_KIND_LABEL[mail.kind]}${mail.unit ? ` — ${mail.unit}` : ''} → ${mail.to.join(', ')}: «${mail.subject}»`,
    );
  const more = summary.mail.length - lines.length;
  return [
    `Nếu gửi bây giờ, ${summary.mail.length} thư sẽ được gửi:`,
    ...lines,
    ...(more > 0 ? [`… và ${more} thư khác.`] : []),
  ].join('\n');
}

export function runPreviewReminders(services: GasServices): void {
  runMenuAction(services.menuSurface, labelOf('menuPreviewReminders'), () => {
    const summary = sendMail(
      {
        workbook: services.workbook,
        mailer: services.mailer,
        journal: services.mailJournal,
        lock: services.lock(LOCK_WAIT_MS.menu),
      },
      { asOf: services.now(), dryRun: true, prefilledLink: services.prefilledLink },
    );
    return { message: describePreview(summary), dialog: true };
  });
}

export function describeSending(summary: SendMailSummary): string {
  if (summary.refused !== undefined) return summary.refused;
  // Another execution (the daily run, its continuation) is sending them right now.
  const held =
    summary.heldElsewhere > 0
      ? [`${summary.heldElsewhere} thư đang được một lần chạy khác gửi; không cần gửi lại.`]
      : [];
  if (summary.mail.length === 0) return held[0] ?? 'Hiện không có thư nào cần gửi.';
  const lines = [`Đã gửi ${summary.sent} thư.`, ...held];
  if (summary.queued > 0) {
    const why =
      summary.stoppedBy === 'quota'
        ? 'hết hạn mức gửi thư trong ngày'
        : summary.stoppedBy === 'time'
          ? 'hết thời gian cho phép của lần chạy'
          : summary.stoppedBy === 'journal'
            ? 'không ghi được nhật ký gửi thư'
            : 'chưa đến lượt';
    lines.push(`${summary.queued} thư chờ gửi ở lần chạy sau (${why}).`);
  }
  if (summary.failed > 0)
    lines.push(`${summary.failed} thư gửi lỗi, sẽ gửi lại ở lần chạy sau; xem trang «${SHEET.eventLog}».`);
  return lines.join('\n');
}

export function runSendReminders(services: GasServices): void {
  runMenuAction(services.menuSurface, labelOf('menuSendReminders'), () => {
    const summary = sendMail(
      {
        workbook: services.workbook,
        mailer: services.mailer,
        journal: services.mailJournal,
        lock: services.lock(LOCK_WAIT_MS.menu),
      },
      {
        asOf: services.now(),
        prefilledLink: services.prefilledLink,
        clock: services.clock,
        timeBudgetMs: DAILY_SEND_BUDGET_MS,
        // The batch goes out without the script lock: submissions meanwhile are not held up.
        outsideLock: true,
      },
    );
    return { message: describeSending(summary), dialog: summary.refused !== undefined };
  });
}
