// A spreadsheet, its forms, properties and triggers on the fakes, as «Thiết lập ban đầu» sees them.
import type { SetupServices } from '../../src/gas/setup';
import type { Lock } from '../../src/ports';
import { asFormApp, FakeFormApp } from '../fakes/form-app';
import { linkFakeSpreadsheet } from '../fakes/form-response-sheets';
import { asProperties, FakePropertiesService } from '../fakes/properties-service';
import { asScriptApp, FakeScriptApp } from '../fakes/script-app';
import { asSpreadsheet, asSpreadsheetApp, createFakeSpreadsheetApp } from '../fakes/spreadsheet-app';

/** When the tests' setup runs: 1 March 2023, 09:00 in Vietnam. */
export const SETUP_NOW = new Date('2023-03-01T02:00:00Z');

const heldLock: Lock = { withLock: (work) => work() };

export function makeWorld(sheetNames: readonly string[] = ['Trang tính1']) {
  const sheets = createFakeSpreadsheetApp({ sheetNames });
  const formApp = new FakeFormApp();
  linkFakeSpreadsheet(formApp, sheets.spreadsheet);
  const scriptApp = new FakeScriptApp();
  const properties = new FakePropertiesService();
  let uuid = 0;
  const services: SetupServices = {
    spreadsheetApp: asSpreadsheetApp(sheets.app),
    spreadsheet: asSpreadsheet(sheets.spreadsheet),
    formApp: asFormApp(formApp),
    documentProperties: asProperties(properties.document as NonNullable<typeof properties.document>),
    scriptProperties: asProperties(properties.script),
    scriptApp: asScriptApp(scriptApp),
    lock: heldLock,
    // A code comes from the first six bytes of the UUID: vary those.
    randomUuid: () => `${String((uuid += 1)).padStart(8, '0')}-4a5b-4c6d-8e7f-6f1c2d3e4a5b`,
    effectiveUserEmail: () => scriptApp.session.getEffectiveUser().getEmail(),
    now: () => SETUP_NOW,
  };
  return { sheets, formApp, scriptApp, properties, services };
}

export type SetupWorld = ReturnType<typeof makeWorld>;
