// What every job starts from: the campaign, the units and the register, read in one batch and
// checked all at once, so a person sees every problem of the input sheets in one message.
import { parseConfig, parsePeriods, type Campaign } from '../domain/campaign';
import { parseExtensions } from '../domain/extensions';
import { parseSpecialists } from '../domain/specialists';
import {
  CONFIG_COLUMNS,
  EXTENSION_COLUMNS,
  PERIOD_READ,
  SPECIALIST_READ,
  SHEET,
  UNIT_COLUMNS,
  columnsOf,
} from '../domain/layout';
import { InputError, type Checked, type InputProblem } from '../domain/problems';
import { readRegister, submissionOf, type RegisterSheet } from '../domain/register';
import type { Submission } from '../domain/submissions';
import { readRecords, type Table } from '../domain/table';
import { parseUnits, type UnitRegistry } from '../domain/units';
import type { Workbook } from '../ports';

export interface CampaignState {
  readonly campaign: Campaign;
  readonly units: UnitRegistry;
  /** `Bài nộp` as read (empty before the first run). */
  readonly register: RegisterSheet;
  readonly submissions: readonly Submission[];
  /** Every table read, so a job can use more without reading again. */
  readonly tables: ReadonlyMap<string, Table>;
}

export const STATE_SHEETS = [
  SHEET.config,
  SHEET.units,
  SHEET.periods,
  SHEET.submissions,
  // Optional sheets, absent from the map when the department keeps none.
  SHEET.extensions,
  SHEET.specialists,
] as const;

const UNIT_REQUIRED = columnsOf(UNIT_COLUMNS).filter(
  (column) => column !== UNIT_COLUMNS.activeFrom && column !== UNIT_COLUMNS.confirmationCode,
);

function collect<T>(problems: InputProblem[], read: () => Checked<T>): T | undefined {
  try {
    const checked = read();
    if (checked.ok) return checked.value;
    problems.push(...checked.problems);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...error.problems);
  }
  return undefined;
}

/** Parses the state from tables already read; `extraSheets` are read along in the same batch. */
export function parseCampaignState(tables: ReadonlyMap<string, Table>): CampaignState {
  const problems: InputProblem[] = [];
  const config = collect(problems, () =>
    parseConfig(
      readRecords(tables.get(SHEET.config), SHEET.config, {
        required: [CONFIG_COLUMNS.key, CONFIG_COLUMNS.value],
      }),
    ),
  );
  const periods = collect(problems, () =>
    parsePeriods(readRecords(tables.get(SHEET.periods), SHEET.periods, PERIOD_READ)),
  );
  const units = collect(problems, () =>
    parseUnits(
      readRecords(tables.get(SHEET.units), SHEET.units, {
        required: UNIT_REQUIRED,
        optional: [UNIT_COLUMNS.activeFrom, UNIT_COLUMNS.confirmationCode],
      }),
    ),
  );
  // A workbook that has not been run yet has no register: that is an empty one, not an error.
  const register = collect(problems, () => ({
    ok: true,
    value: readRegister(tables.get(SHEET.submissions)),
  }));
  // `Gia hạn` is optional; a row naming an unknown unit or period stops the jobs like any other.
  const extensionsTable = tables.get(SHEET.extensions);
  const extensions =
    extensionsTable && units && periods
      ? collect(problems, () => {
          const parsed = parseExtensions(
            readRecords(extensionsTable, SHEET.extensions, {
              required: [
                EXTENSION_COLUMNS.unitCode,
                EXTENSION_COLUMNS.periodId,
                EXTENSION_COLUMNS.newDueDate,
              ],
              optional: [EXTENSION_COLUMNS.reason, EXTENSION_COLUMNS.approvedBy],
            }),
            units,
            periods,
          );
          return parsed.problems.length > 0
            ? { ok: false, problems: [...parsed.problems] }
            : { ok: true, value: parsed.extensions };
        })
      : [];
  // `Phụ trách` is optional too; a level nobody follows is only a warning (told by the check).
  const specialistsTable = tables.get(SHEET.specialists);
  const specialists =
    specialistsTable && units
      ? collect(problems, () => {
          const parsed = parseSpecialists(
            readRecords(specialistsTable, SHEET.specialists, SPECIALIST_READ),
            units.all,
          );
          return parsed.problems.length > 0
            ? { ok: false, problems: [...parsed.problems] }
            : { ok: true, value: parsed.specialists };
        })
      : [];
  if (problems.length > 0 || !config || !periods || !units || !register || !extensions || !specialists)
    throw new InputError(problems);
  return {
    campaign: { config, periods, extensions, specialists },
    units,
    register,
    submissions: register.entries.map(submissionOf),
    tables,
  };
}

export function readCampaignState(workbook: Workbook, extraSheets: readonly string[] = []): CampaignState {
  return parseCampaignState(workbook.read([...STATE_SHEETS, ...extraSheets]));
}
