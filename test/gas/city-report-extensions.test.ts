// «Xuất báo cáo» in the Apps Script shell (DocumentApp fake) lists the extensions granted for the
// period (`Gia hạn`) with their reasons, and judges the extended unit by its new day.
import { EXTENSION_COLUMNS, SHEET, columnsOf } from '../../src/domain/layout';
import { exportCityReportDoc, type ExportReportServices } from '../../src/gas/city-report-doc';
import { FIXTURE_UNITS } from '../fakes/campaign-fixture';
import { FakeDocumentApp, FakeParagraph, FakeTable } from '../fakes/document-app';
import { at, campaignTables } from '../fakes/mail-fixture';
import { MemoryWorkbook } from '../fakes/memory-workbook';
import { tableFromRecords } from '../fakes/tables';
import { fakeUi, htmlService } from './report-ui';

const PERIOD = 'BC6T-2023';
const REASON = 'Đổi hiệu trưởng, chờ con dấu mới';

function exportedDoc(extensions: readonly Record<string, string>[]) {
  const workbook = new MemoryWorkbook([
    ...campaignTables(FIXTURE_UNITS, [
      { responseId: 'R1', unitCode: 'MNHM', periodId: PERIOD, submittedAt: at('2023-04-20T08:00') },
      { responseId: 'R2', unitCode: 'THDD', periodId: PERIOD, submittedAt: at('2023-05-03T08:00') },
    ]),
    tableFromRecords(SHEET.extensions, columnsOf(EXTENSION_COLUMNS), extensions),
  ]);
  const documentApp = new FakeDocumentApp();
  const outcome = exportCityReportDoc({
    workbook,
    documentApp: documentApp as unknown as ExportReportServices['documentApp'],
    ui: fakeUi({ button: 'OK', text: PERIOD }).ui,
    htmlService,
    asOf: at('2023-05-10T08:00'),
  });
  expect(outcome.message).toMatch(/^Đã tạo báo cáo kỳ BC6T-2023: /);
  expect(documentApp.documents).toHaveLength(1);
  return documentApp.documents[0]?.storedBody.elements ?? [];
}

/** The table right after the paragraph `text`. */
function tableAfter(elements: readonly unknown[], text: string): string[][] | undefined {
  const index = elements.findIndex(
    (element) => element instanceof FakeParagraph && element.storedText === text,
  );
  const next = elements[index + 1];
  return index >= 0 && next instanceof FakeTable ? next.storedText : undefined;
}

const LATE_HEADING = 'III. ĐƠN VỊ TRỄ HẠN, CHƯA NỘP';

describe('«Xuất báo cáo» with `Gia hạn`', () => {
  it('lists the extension with its unit, new day, reason and approver; the unit is not yet late', () => {
    const plain = exportedDoc([]);
    expect(
      plain.some((element) => element instanceof FakeParagraph && element.storedText.includes('gia hạn')),
    ).toBe(false);
    expect(tableAfter(plain, LATE_HEADING)?.find((row) => row[1] === 'THCSLQD')?.[4]).toBe(
      'Quá hạn, chưa nộp',
    );

    const extended = exportedDoc([
      {
        [EXTENSION_COLUMNS.unitCode]: 'THCSLQD',
        [EXTENSION_COLUMNS.periodId]: PERIOD,
        [EXTENSION_COLUMNS.newDueDate]: '15/05/2023',
        [EXTENSION_COLUMNS.reason]: REASON,
        [EXTENSION_COLUMNS.approvedBy]: 'Trưởng phòng',
      },
    ]);
    const name = FIXTURE_UNITS.find((unit) => unit.code === 'THCSLQD')?.name;
    expect(tableAfter(extended, 'Các đơn vị được gia hạn (1 đơn vị):')).toEqual([
      ['STT', 'Mã đơn vị', 'Tên đơn vị', 'Hạn mới', 'Lý do', 'Người duyệt'],
      ['1', 'THCSLQD', name, '15/05/2023', REASON, 'Trưởng phòng'],
    ]);
    expect(tableAfter(extended, LATE_HEADING)?.find((row) => row[1] === 'THCSLQD')?.[4]).toBe(
      'Chưa nộp (chưa hết hạn)',
    );
  });
});
