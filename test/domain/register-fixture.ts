// Register rows (`Bài nộp`) for the consolidation and review tests, written one line per response.
import type { Extension } from '../../src/domain/extensions';
import type { Period } from '../../src/domain/campaign';
import { submissionOf, type RegisterEntry } from '../../src/domain/register';
import { computeStatusBoard, type StatusBoard } from '../../src/domain/status';
import { parseMoment } from '../../src/domain/time';
import type { Unit } from '../../src/domain/units';
import { UnitRegistry } from '../../src/domain/units';

/** A Vietnamese wall-clock moment, `YYYY-MM-DDTHH:mm`. */
export function at(text: string): Date {
  const moment = parseMoment(text);
  if (!moment) throw new Error(`bad moment in test: ${text}`);
  return moment;
}

export type EntryFields = Partial<Omit<RegisterEntry, 'submittedAt'>> &
  Pick<RegisterEntry, 'responseId' | 'unitCode' | 'periodId'> & { readonly submittedAt: string };

/** An accepted response unless told otherwise; its answers are `{}` unless given. */
export function registerEntry(fields: EntryFields): RegisterEntry {
  const submittedAt = at(fields.submittedAt);
  const outcome = fields.outcome ?? 'accepted';
  return {
    unitName: '',
    submitterEmail: `${fields.unitCode.toLowerCase()}@truong.example.edu.vn`,
    version: 1,
    problems: outcome === 'rejected' ? ['Số điện thoại liên hệ: «123» không phải là số điện thoại.'] : [],
    timeliness: null,
    editLink: `https://docs.example.com/forms/d/e/edit?r=${fields.responseId}`,
    acceptedAt: outcome === 'accepted' ? submittedAt : null,
    acceptedAnswers: outcome === 'accepted' ? '{}' : '',
    changes: '',
    systemNote: '',
    reviewText: '',
    reviewNote: '',
    extra: {},
    ...fields,
    outcome,
    submittedAt,
    lastVersionAt: fields.lastVersionAt ?? submittedAt,
  };
}

/** The stored answers of a report (figures by question key), as intake writes them. */
export function reportAnswers(
  unitCode: string,
  periodId: string,
  figures: Readonly<Record<string, unknown>>,
): string {
  return JSON.stringify({ unit: unitCode, period: periodId, reporter: 'Nguyễn Văn A', ...figures });
}

export function planAnswers(unitCode: string, dvkCount: number): string {
  return JSON.stringify({ unit: unitCode, reporter: 'Nguyễn Văn A', dvkCount, dvkNames: [] });
}

export function boardOf(
  units: readonly Unit[],
  periods: readonly Period[],
  entries: readonly RegisterEntry[],
  asOf: string,
  extensions: readonly Extension[] = [],
): StatusBoard {
  return computeStatusBoard(
    new UnitRegistry(units).all,
    periods,
    entries.map(submissionOf),
    at(asOf),
    extensions,
  );
}
