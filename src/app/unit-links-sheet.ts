// `Đường dẫn đơn vị`: each expected unit's code, addresses and pre-filled link for every period
// open at a moment, so the officer can send them through other channels (Zalo, a phone call, a
// printed notice). The links are built exactly as the mails build them (send-mail.ts).
import { SHEET, UNIT_LINK_COLUMNS, columnsOf } from '../domain/layout';
import { computeStatusBoard, statusOf } from '../domain/status';
import type { CellValue } from '../domain/table';
import type { SheetWrite, Workbook } from '../ports';
import { readCampaignState } from './campaign-state';
import { prefilledLinkOf } from './send-mail';

export interface UnitLinksSheet {
  readonly write: SheetWrite;
  /** Rows without a link: `Biểu mẫu` has no valid row for the period's form. */
  readonly withoutLink: number;
}

/** The sheet as of `asOf` (not written: the caller writes it, and may also export it). */
export function unitLinksSheet(workbook: Workbook, asOf: Date): UnitLinksSheet {
  const state = readCampaignState(workbook, [SHEET.forms]);
  const linkOf = prefilledLinkOf(state.tables.get(SHEET.forms));
  const { periods } = state.campaign;
  const board = computeStatusBoard(state.units.all, periods, state.submissions, asOf);
  const rows: CellValue[][] = [];
  let withoutLink = 0;
  for (const period of periods) {
    if (period.opensAt.getTime() > asOf.getTime()) continue;
    for (const unit of state.units.all) {
      if (!statusOf(board, unit.code, period.id).isExpected) continue;
      const link = linkOf(unit, period);
      if (!link) withoutLink += 1;
      rows.push([
        period.id,
        period.name,
        unit.code,
        unit.name,
        unit.confirmationCode || null,
        unit.emails.join('; '),
        link,
      ]);
    }
  }
  return {
    write: {
      kind: 'replace',
      sheet: SHEET.unitLinks,
      headers: columnsOf(UNIT_LINK_COLUMNS),
      rows,
      format: { frozenRows: 1, filter: true, protectedWarningOnly: true },
    },
    withoutLink,
  };
}
