// The submission job: what the form-submit trigger, `hannop run` and "Xử lý lại toàn bộ" do with
// responses. Under the script lock it reads each sheet once, registers every new version of a
// response (one row per response in `Bài nộp`, upserted by `Mã phản hồi`) and writes each sheet
// once. A response that fails is logged with its id and left for the next run: it is still in
// the Forms response sheet, so nothing a school sent is lost.
import { isBlankResponse, matchArrivals, registerVersion, type IncomingResponse } from '../domain/intake';
import { EVENT_LOG_COLUMNS, SHEET } from '../domain/layout';
import { readRegister, submissionOf, type RegisterEntry } from '../domain/register';
import { cellText, type Table } from '../domain/table';
import { titleKey } from '../domain/text';
import type { Lock, SheetWrite, Workbook } from '../ports';
import { parseCampaignState, STATE_SHEETS, type CampaignState } from './campaign-state';
import { eventLogWrite, type LogEvent } from './event-log';
import { registerWrite } from './register-sheet';

/** Where responses come from: Forms (Apps Script) or the response sheets of the workbook (Node). */
export interface ResponseSource {
  /** Sheets to read along with the state, in the same batch. */
  readonly sheets: readonly string[];
  /**
   * The responses, and the problems met while reading them (a row without a timestamp), which
   * are logged as warnings.
   */
  read(tables: ReadonlyMap<string, Table>): { responses: IncomingResponse[]; problems: readonly string[] };
}

/** Ids are machine names: compared by code units, which is the same everywhere and needs no locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The warnings about the sources (a row without a timestamp…) not yet in `Nhật ký`: the row stays
 * wrong until someone fixes it, and saying so again every day would bury the log. `Nhật ký` is read
 * only when there is something to say.
 */
function unloggedWarnings(workbook: Workbook, warnings: readonly string[]): string[] {
  if (warnings.length === 0) return [];
  const log = workbook.read([SHEET.eventLog]).get(SHEET.eventLog);
  if (!log) return [...warnings];
  const messageColumn = log.headers.findIndex(
    (header) => titleKey(cellText(header)) === titleKey(EVENT_LOG_COLUMNS.message),
  );
  const logged = new Set(log.rows.map((row) => cellText(row[messageColumn] ?? null)));
  return [...new Set(warnings)].filter((warning) => !logged.has(warning));
}

export interface IntakeOptions {
  /** Responses stamped after this moment are left for a later run (replaying a campaign). */
  readonly asOf: Date;
  /** Recompute every row from the responses, keeping reviews, first-seen times and versions. */
  readonly rebuild?: boolean;
  /** More writes for the same batch, computed from the new state (e.g. the consolidated sheets). */
  readonly alsoWrite?: (state: CampaignState) => readonly SheetWrite[];
}

export interface IntakeSummary {
  readonly received: number;
  readonly registered: readonly RegisterEntry[];
  readonly unchanged: number;
  readonly failed: readonly { responseId: string; message: string }[];
  readonly state: CampaignState;
}

const JOB = 'Nhận bài nộp';

function versionCounter(entries: readonly RegisterEntry[]): (unitCode: string, periodId: string) => number {
  const highest = new Map<string, number>();
  for (const entry of entries) {
    const key = `${entry.unitCode}\u0000${entry.periodId}`;
    highest.set(key, Math.max(highest.get(key) ?? 0, entry.version));
  }
  return (unitCode, periodId) => {
    const key = `${unitCode}\u0000${periodId}`;
    const next = (highest.get(key) ?? 0) + 1;
    highest.set(key, next);
    return next;
  };
}

/** A response that cannot even be looked at is not blank: registering it fails below, and is logged. */
function isBlankSafely(response: IncomingResponse): boolean {
  try {
    return isBlankResponse(response);
  } catch {
    return false;
  }
}

export function intakeResponses(
  ports: { readonly workbook: Workbook; readonly lock: Lock; readonly now: () => Date },
  source: ResponseSource,
  options: IntakeOptions,
): IntakeSummary {
  return ports.lock.withLock(() => {
    const tables = ports.workbook.read([...STATE_SHEETS, ...source.sheets]);
    const before = parseCampaignState(tables);
    const read = source.read(tables);
    const incoming = read.responses
      .filter(
        (response) => response.timestamp.getTime() <= options.asOf.getTime() && !isBlankSafely(response),
      )
      .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
    const byId = new Map(before.register.entries.map((entry) => [entry.responseId, entry]));
    const movedIds = matchArrivals(before.register.entries, incoming);
    const nextVersion = versionCounter(before.register.entries);
    // The unit's newest version with answers, as registered so far in this run too.
    const earlierAnswers = (unitCode: string, periodId: string): string => {
      let newest: RegisterEntry | undefined;
      for (const entry of byId.values())
        if (entry.unitCode === unitCode && entry.periodId === periodId && entry.acceptedAnswers)
          if (!newest || entry.version > newest.version) newest = entry;
      return newest?.acceptedAnswers ?? '';
    };
    const context = { campaign: before.campaign, units: before.units, earlierAnswers };
    const registered: RegisterEntry[] = [];
    const failed: { responseId: string; message: string }[] = [];
    const events: LogEvent[] = unloggedWarnings(ports.workbook, read.problems).map((message) => ({
      at: ports.now(),
      level: 'Cảnh báo',
      job: JOB,
      message,
    }));
    let unchanged = 0;
    for (const arrived of incoming) {
      const knownId = byId.has(arrived.responseId) ? undefined : movedIds.get(arrived.responseId);
      const known = knownId === undefined ? undefined : byId.get(knownId);
      // The version the register has, seen through a sheet that keeps only the second.
      const response = known
        ? { ...arrived, responseId: known.responseId, timestamp: known.lastVersionAt }
        : arrived;
      const previous = byId.get(response.responseId);
      // The same version again (a doubled trigger, a rerun): nothing to do. An older version than
      // the one registered (triggers run out of order) never replaces it, not even in a rebuild.
      const registeredTime = previous?.lastVersionAt.getTime();
      const time = response.timestamp.getTime();
      if (
        registeredTime !== undefined &&
        (registeredTime > time || (registeredTime === time && !options.rebuild))
      ) {
        unchanged += 1;
        continue;
      }
      try {
        const entry = registerVersion(response, previous, context, nextVersion);
        byId.set(entry.responseId, entry);
        registered.push(entry);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failed.push({ responseId: response.responseId, message });
        events.push({
          at: ports.now(),
          level: 'Lỗi',
          job: JOB,
          message: `Phản hồi ${response.responseId}: ${message}`,
        });
      }
    }
    // Rows keep the order they were first registered in; new ones follow in time order.
    const entries = [...byId.values()].sort(
      (a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || byCodeUnits(a.responseId, b.responseId),
    );
    const register = { entries, extraHeaders: before.register.extraHeaders };
    const written = registerWrite(register);
    const writtenTable = { name: SHEET.submissions, headers: written.headers, rows: written.rows };
    // The state as the next job will read it back (only the register changed); reading the register
    // back costs as much as the intake itself, so only a caller that uses it pays for it.
    let after: CampaignState | undefined;
    const stateAfter = (): CampaignState => {
      if (!after) {
        const writtenRegister = readRegister(writtenTable);
        after = {
          ...before,
          register: writtenRegister,
          submissions: writtenRegister.entries.map(submissionOf),
          tables: new Map(tables).set(SHEET.submissions, writtenTable),
        };
      }
      return after;
    };
    const writes: SheetWrite[] = [];
    if (registered.length > 0 || options.rebuild || !tables.has(SHEET.submissions)) writes.push(written);
    if (options.alsoWrite) writes.push(...options.alsoWrite(stateAfter()));
    writes.push(...eventLogWrite(events));
    if (writes.length > 0) ports.workbook.write(writes);
    return {
      received: incoming.length,
      registered,
      unchanged,
      failed,
      get state() {
        return stateAfter();
      },
    };
  });
}
