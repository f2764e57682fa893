// A district-sized campaign for the call-count tests and `npm run bench`: any number of units of
// every Cấp học, Loại hình and ward, some inactive or added mid-campaign, and the register of their
// submissions to the three periods of 2023 (accepted, rejected, late, overdue, reviewed), or the
// raw form responses a rebuild reprocesses.
import { initialSheets } from '../../src/app/initialize-workbook';
import type { IncomingResponse } from '../../src/domain/intake';
import { registerRows, type RegisterEntry } from '../../src/domain/register';
import { unitChoiceLabel, type Unit } from '../../src/domain/units';
import type { Workbook } from '../../src/ports';
import { GOOD_PLAN, GOOD_REPORT } from '../domain/forms/form-fixture';
import { at, planAnswers, reportAnswers } from '../domain/register-fixture';

const LEVELS = ['Mầm non', 'Tiểu học', 'THCS', 'THPT'];
const OWNERSHIPS = ['Công lập', 'Tư thục'];
const WARD_COUNT = 34;

/** The periods of `Kỳ nộp` by default (src/domain/defaults.ts), with a day on time and one late. */
const PERIODS = [
  { id: 'KH-2023', form: 'plan', name: 'Kế hoạch năm 2023', onTime: '2023-03-20', late: '2023-04-03' },
  {
    id: 'BC6T-2023',
    form: 'report',
    name: 'Báo cáo 6 tháng đầu năm 2023',
    onTime: '2023-04-20',
    late: '2023-05-03',
  },
  { id: 'BCN-2023', form: 'report', name: 'Báo cáo năm 2023', onTime: '2023-10-20', late: '2023-11-03' },
] as const;

/** After every period fell due: the moment the campaign is consolidated at. */
export const LARGE_CAMPAIGN_AS_OF = at('2023-11-15T12:00');

export function largeCampaignUnits(unitCount: number): Unit[] {
  return Array.from({ length: unitCount }, (_, index) => ({
    code: `DV${String(index).padStart(4, '0')}`,
    name: `Trường ${LEVELS[index % 4]} số ${(index * 7919) % unitCount}`,
    level: LEVELS[index % 4] as string,
    ownership: OWNERSHIPS[index % 7 === 0 ? 1 : 0] as string,
    ward: `Phường ${(index % WARD_COUNT) + 1}`,
    emails: [`dv${index}@truong.example.edu.vn`],
    head: 'Nguyễn Văn A',
    phone: '0901234567',
    isActive: index % 50 !== 49,
    confirmationCode: '',
    ...(index % 40 === 0 ? { activeFrom: '2023-04-15' } : {}),
    rowNumber: index + 2,
  }));
}

/** One register row per unit and period, but one in ten overdue; some rejected, late or reviewed. */
export function largeCampaignEntries(units: readonly Unit[]): RegisterEntry[] {
  const entries: RegisterEntry[] = [];
  units.forEach((unit, index) => {
    PERIODS.forEach((period, periodIndex) => {
      if ((index + periodIndex) % 10 === 0) return;
      const day = (index + periodIndex) % 6 === 0 ? period.late : period.onTime;
      const submittedAt = at(`${day}T08:${String(index % 60).padStart(2, '0')}`);
      const rejected = (index + periodIndex) % 17 === 0;
      const answers =
        period.form === 'plan'
          ? planAnswers(unit.code, index % 4)
          : reportAnswers(unit.code, period.id, {
              propagandaSessions: index % 9,
              propagandaAttendees: (index % 9) * 120,
              dvkActive: index % 5,
              dvkRecognized: index % 3,
              receptionSessions: index % 4,
              petitionsReceived: index % 6,
              petitionsResolved: index % 5,
              dialogues: index % 3,
              staffConference: index % 2 === 0 ? 'Có' : 'Không',
              eDocPercent: 50 + (index % 50),
              commendations: index % 7,
              violations: index % 2,
            });
      entries.push({
        responseId: `R-${period.id}-${unit.code}`,
        submittedAt,
        lastVersionAt: submittedAt,
        periodId: period.id,
        unitCode: unit.code,
        unitName: unit.name,
        submitterEmail: unit.emails[0] ?? '',
        version: 1,
        outcome: rejected ? 'rejected' : 'accepted',
        problems: rejected ? ['Số điện thoại liên hệ: «123» không phải là số điện thoại.'] : [],
        timeliness: null,
        editLink: `https://docs.example.com/forms/d/e/edit?r=${unit.code}`,
        acceptedAt: rejected ? null : submittedAt,
        acceptedAnswers: rejected ? '' : answers,
        changes: '',
        systemNote: '',
        reviewText: index % 11 === 0 ? 'Đạt' : index % 13 === 0 ? 'Yêu cầu bổ sung' : '',
        reviewNote: index % 13 === 0 ? 'Thiếu chữ ký của thủ trưởng.' : '',
        extra: {},
      });
    });
  });
  return entries;
}

/** Writes the input sheets and the register of a campaign of `unitCount` units into `workbook`. */
export function seedLargeCampaign(workbook: Workbook, unitCount: number): Unit[] {
  const units = largeCampaignUnits(unitCount);
  workbook.write(
    initialSheets({ units, responseHeaders: { plan: ['Dấu thời gian'], report: ['Dấu thời gian'] } }),
  );
  const { headers, rows } = registerRows({ entries: largeCampaignEntries(units), extraHeaders: [] });
  workbook.write([{ kind: 'replace', sheet: 'Bài nộp', headers, rows }]);
  return units;
}

/** A new, valid response of `unit` to `periodIndex` (0 plan, 1 and 2 reports), as Forms delivers it. */
export function largeCampaignResponse(
  unit: Unit,
  periodIndex: number,
  responseId: string,
  minute = 0,
): IncomingResponse {
  const period = PERIODS[periodIndex % PERIODS.length] ?? PERIODS[0];
  const timestamp = at(`${period.onTime}T09:${String(minute % 60).padStart(2, '0')}`);
  const answers =
    period.form === 'plan'
      ? { ...GOOD_PLAN, unit: unitChoiceLabel(unit), code: '', docNumber: `15/KH-${unit.code}` }
      : {
          ...GOOD_REPORT,
          unit: unitChoiceLabel(unit),
          period: period.name,
          docNumber: `27/BC-${unit.code}`,
          docDate: period.onTime,
        };
  return {
    responseId,
    form: period.form,
    timestamp,
    respondentEmail: unit.emails[0] ?? '',
    response: { answers, missingColumns: [] },
    editLink: `https://docs.example.com/forms/d/e/x/edit?r=${responseId}`,
  };
}

/** `perUnitAndPeriod` responses of every unit to every period: what "Xử lý lại toàn bộ" reprocesses. */
export function largeCampaignResponses(units: readonly Unit[], perUnitAndPeriod: number): IncomingResponse[] {
  return units.flatMap((unit, index) =>
    PERIODS.flatMap((period, periodIndex) =>
      Array.from({ length: perUnitAndPeriod }, (_, version) =>
        largeCampaignResponse(
          unit,
          periodIndex,
          `F-${period.id}-${unit.code}-${version}`,
          (index + version * 7) % 60,
        ),
      ),
    ),
  );
}
