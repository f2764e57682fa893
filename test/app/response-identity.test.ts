// Two rows of a response sheet are two responses, always: three schools submitting in the same
// second on a form that collects no e-mail must not become one (and the other two be mailed
// `Quá hạn`). The same row read twice is one, and the move between Apps Script ids and sheet rows
// still finds every registered response.
import { initialSheets } from '../../src/app/initialize-workbook';
import { importResponses } from '../../src/app/import-responses';
import { intakeResponses } from '../../src/app/intake-responses';
import { RESPONSE_SHEET, sheetResponseSource } from '../../src/app/sheet-response-source';
import { demoUnits } from '../../src/demo/units';
import { PLAN_FORM, responseColumns, responseSheetHeaders } from '../../src/domain/forms';
import type { IncomingResponse } from '../../src/domain/intake';
import { matchArrivals } from '../../src/domain/intake';
import { responsesFromSheet } from '../../src/domain/response-sheet';
import type { CellValue } from '../../src/domain/table';
import { vietnamInstant } from '../../src/domain/time';
import { unitChoiceLabel, type Unit } from '../../src/domain/units';
import { GOOD_PLAN } from '../domain/forms/form-fixture';
import { MemoryLock } from '../fakes/memory-lock';
import { MemoryWorkbook } from '../fakes/memory-workbook';

const UNITS = demoUnits().slice(0, 3);
const HEADERS = responseColumns(PLAN_FORM);
const STAMP = '30/03/2023 23:59:58';
const NOW = vietnamInstant('2023-03-31', 7);

/** A row of `Phản hồi Kế hoạch` without an e-mail (the form collects none), in the given unit's name. */
function rowOf(unit: Unit, timestamp: string = STAMP): CellValue[] {
  const answers: Record<string, unknown> = {
    ...GOOD_PLAN,
    unit: unitChoiceLabel(unit),
    code: '',
    docNumber: `15/KH-${unit.code}`,
  };
  return HEADERS.map((header, index) => {
    if (index === 0) return timestamp;
    if (index === 1) return '';
    const question = PLAN_FORM.questions.find((candidate) => candidate.title === header);
    return (question ? (answers[question.key] as CellValue) : null) ?? '';
  });
}

function workbookWithRows(rows: CellValue[][]): MemoryWorkbook {
  const workbook = new MemoryWorkbook();
  workbook.write(initialSheets({ units: UNITS, responseHeaders: responseSheetHeaders() }));
  workbook.write([{ kind: 'append', sheet: RESPONSE_SHEET.plan, headers: HEADERS, rows }]);
  return workbook;
}

describe('response identity from a sheet', () => {
  it('names three rows of the same second without e-mail three ways, and the same rows read again the same', () => {
    const table = { name: RESPONSE_SHEET.plan, headers: HEADERS, rows: UNITS.map((unit) => rowOf(unit)) };
    const ids = responsesFromSheet(table, 'plan').map((row) => row.response?.responseId);
    expect(new Set(ids).size).toBe(3);
    expect(responsesFromSheet(table, 'plan').map((row) => row.response?.responseId)).toEqual(ids);
    // The first keeps the id it always had: registers made before keep their rows.
    expect(ids[1]).toBe(`${ids[0]}-2`);
    expect(ids[2]).toBe(`${ids[0]}-3`);
  });

  it('registers the three schools of the same second as three responses, and nothing more on a rerun', () => {
    const workbook = workbookWithRows(UNITS.map((unit) => rowOf(unit)));
    const ports = { workbook, lock: new MemoryLock(), now: () => NOW };
    const first = intakeResponses(ports, sheetResponseSource, { asOf: NOW });
    expect(first.registered.map((entry) => entry.unitCode).sort()).toEqual(
      UNITS.map((unit) => unit.code).sort(),
    );
    const second = intakeResponses(ports, sheetResponseSource, { asOf: NOW });
    expect(second.registered).toEqual([]);
    expect(second.unchanged).toBe(3);
  });

  it('imports a CSV with three rows of the same second as three, and the same CSV again as nothing new', () => {
    const workbook = new MemoryWorkbook();
    workbook.write(initialSheets({ units: UNITS, responseHeaders: responseSheetHeaders() }));
    const csv = { name: 'ke-hoach.csv', headers: HEADERS, rows: UNITS.map((unit) => rowOf(unit)) };
    const ports = { workbook, lock: new MemoryLock() };
    expect(importResponses(ports, 'plan', csv)).toMatchObject({ added: 3, alreadyThere: 0 });
    expect(importResponses(ports, 'plan', csv)).toMatchObject({ added: 0, alreadyThere: 3 });
  });

  it('moves three responses Apps Script registered by their Forms ids onto three sheet rows, one each', () => {
    const at = vietnamInstant('2023-03-30', 23, 59, 58);
    const registered = ['FORMS-A', 'FORMS-B', 'FORMS-C'].map((responseId) => ({
      responseId,
      submitterEmail: '',
      lastVersionAt: new Date(at.getTime() + 250),
    }));
    const table = { name: RESPONSE_SHEET.plan, headers: HEADERS, rows: UNITS.map((unit) => rowOf(unit)) };
    const incoming = responsesFromSheet(table, 'plan').flatMap((row) => (row.response ? [row.response] : []));
    const moved = matchArrivals(registered, incoming);
    expect([...moved.values()].sort()).toEqual(['FORMS-A', 'FORMS-B', 'FORMS-C']);
    // A registered response that an incoming one names exactly is not taken by another.
    const exact: IncomingResponse = { ...(incoming[0] as IncomingResponse), responseId: 'FORMS-B' };
    const again = matchArrivals(registered, [exact, ...incoming.slice(1)]);
    expect([...again.values()].sort()).toEqual(['FORMS-A', 'FORMS-C']);
  });
});
