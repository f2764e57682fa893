// A specialist's digest (`Phụ trách`): the sections of the day's digest narrowed to the units they
// follow, listing every unit of theirs that is late or was returned, and naming in red a unit
// overdue longer than `Báo cấp trên sau (ngày)` (until it submits: then it is no longer listed).
import { periodForUnit } from './extensions';
import { lateDays } from './mail-wording';
import type { DigestSection, LateUnit } from './planned-mail';
import { followsUnit, type Specialist } from './specialists';
import { periodRates, statusOf, type StatusBoard } from './status';
import type { IsoDate } from './time';
import type { Unit } from './units';

export interface SpecialistDigestInput {
  /** The whole picture's sections: the periods the digest covers. */
  readonly sections: readonly DigestSection[];
  readonly specialist: Specialist;
  /** In name order. */
  readonly units: readonly Unit[];
  readonly board: StatusBoard;
  readonly today: IsoDate;
  readonly escalateAfterDays?: number;
}

/** The specialist's sections: only periods with units of theirs expected. */
export function specialistSections(input: SpecialistDigestInput): DigestSection[] {
  const { board, today, escalateAfterDays } = input;
  const own = input.units.filter((unit) => followsUnit(input.specialist, unit));
  const sections: DigestSection[] = [];
  for (const { period } of input.sections) {
    const statuses = own.map((unit) => statusOf(board, unit.code, period.id));
    const lateUnits: LateUnit[] = [];
    own.forEach((unit, index) => {
      const status = statuses[index];
      if (!status?.isExpected) return;
      const isLate =
        status.status === 'overdue' || (status.status === 'needs_fix' && status.timeliness === null);
      if (!isLate && status.status !== 'needs_fix') return;
      // Counted from the unit's own due day: an extension moves it.
      const days = lateDays(periodForUnit(period, unit.code, board.extensions), today);
      const escalated = isLate && escalateAfterDays !== undefined && days > escalateAfterDays;
      lateUnits.push({ unit, status, ...(escalated ? { escalated } : {}) });
    });
    const rates = periodRates(statuses, period.id);
    if (rates.expected > 0) sections.push({ period, rates, lateUnits });
  }
  return sections;
}
