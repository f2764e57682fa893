// The mail of kind `extension`: a unit granted a later due day in `Gia hạn` hears of it once per
// period (key `extension:{unit}:{period}`), with the new day, the reason and who approved it.
import type { Period } from './campaign';
import { periodForUnit, type Extension } from './extensions';
import { isValidEmail, type Unit } from './units';

export interface ExtensionMail {
  readonly kind: 'extension';
  readonly key: string;
  readonly to: readonly string[];
  /** The period as it applies to the unit now: its due moment is the extension's. */
  readonly periods: readonly Period[];
  readonly waitingSince: Date | null;
  readonly unit: Unit;
  readonly extension: Extension;
}

export function extensionKey(unitCode: string, periodId: string): string {
  return `extension:${unitCode}:${periodId}`;
}

/** One mail per extension not yet sent (or closed), for active units with an address. */
export function planExtensionMails(
  units: readonly Unit[],
  periods: readonly Period[],
  extensions: readonly Extension[],
  done: ReadonlySet<string>,
  waitingSinceOf: (key: string) => Date | null,
): ExtensionMail[] {
  const unitByCode = new Map(units.map((unit) => [unit.code, unit]));
  const periodById = new Map(periods.map((period) => [period.id, period]));
  const mails: ExtensionMail[] = [];
  for (const extension of extensions) {
    const unit = unitByCode.get(extension.unitCode);
    const period = periodById.get(extension.periodId);
    const key = extensionKey(extension.unitCode, extension.periodId);
    if (!unit || !unit.isActive || !period || done.has(key)) continue;
    const to = unit.emails.filter(isValidEmail);
    if (to.length === 0) continue;
    mails.push({
      kind: 'extension',
      key,
      to,
      periods: [periodForUnit(period, unit.code, extensions)],
      waitingSince: waitingSinceOf(key),
      unit,
      extension,
    });
  }
  return mails;
}
