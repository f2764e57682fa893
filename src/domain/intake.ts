// What one form response does to the register: validated against its form, its submitter checked
// against the unit, numbered, and kept as one row per response across every edit.
import { closingMomentOf, type Campaign, type FormKind, type IdentityCheck, type Period } from './campaign';
import { makeResponseValidator, type FormProblem, type RawResponse, type ResponseCheck } from './forms';
import { answerChangesCell, storedAnswerChanges } from './answer-changes';
import { periodForUnit } from './extensions';
import { confirmationCodeKey } from './forms/answers';
import { PLAN_FORM } from './forms/plan-form';
import { REPORT_FORM } from './forms/report-form';
import type { FormSpec } from './forms/spec';
import { reviewDecision, WARNING_PREFIX, type RegisterEntry } from './register';
import type { SubmissionOutcome } from './submissions';
import type { Timeliness } from './status';
import { hasFormatCharacters } from './text';
import { formatVietnameseDate, formatVietnameseDateTime } from './time';
import type { Unit, UnitRegistry } from './units';

/** One version of a form response as it arrives, from the Forms trigger, FormApp or a response sheet. */
export interface IncomingResponse {
  readonly responseId: string;
  readonly form: FormKind;
  /** The time of this version: Forms overwrites its timestamp when a response is edited. */
  readonly timestamp: Date;
  readonly respondentEmail: string;
  readonly response: RawResponse;
  readonly editLink: string;
}

export const FORM_SPECS: Readonly<Record<FormKind, FormSpec>> = { plan: PLAN_FORM, report: REPORT_FORM };

/**
 * Where a response read from a response sheet may already be registered under another id: Apps
 * Script names responses by their Forms id, the sheet shells by a hash of the row. The same
 * submitter with the same moment of the latest version (to the second, as the sheet shows it) is
 * the same response, so a spreadsheet that moves from Apps Script to a server keeps its rows.
 */
export function arrivalKey(submitterEmail: string, versionAt: Date): string {
  return `${submitterEmail.trim().toLowerCase()}|${Math.floor(versionAt.getTime() / 1000)}`;
}

/**
 * Which registered response each incoming one is, when its id is not in the register (a move
 * between Apps Script ids and sheet rows). One to one: rows that share a submitter and a second
 * each take a different registered response, in order, never all the same one; a registered
 * response that an incoming one names by its own id is not taken by another.
 */
export function matchArrivals(
  registered: readonly {
    readonly responseId: string;
    readonly submitterEmail: string;
    readonly lastVersionAt: Date;
  }[],
  incoming: readonly IncomingResponse[],
): ReadonlyMap<string, string> {
  const registeredIds = new Set(registered.map((entry) => entry.responseId));
  const namedExactly = new Set(
    incoming.map((arrived) => arrived.responseId).filter((id) => registeredIds.has(id)),
  );
  const pool = new Map<string, string[]>();
  for (const entry of registered) {
    if (namedExactly.has(entry.responseId)) continue;
    const key = arrivalKey(entry.submitterEmail, entry.lastVersionAt);
    pool.set(key, [...(pool.get(key) ?? []), entry.responseId]);
  }
  const matched = new Map<string, string>();
  for (const arrived of incoming) {
    if (registeredIds.has(arrived.responseId) || matched.has(arrived.responseId)) continue;
    const id = pool.get(arrivalKey(arrived.respondentEmail, arrived.timestamp))?.shift();
    if (id !== undefined) matched.set(arrived.responseId, id);
  }
  return matched;
}

/** An event with no answers at all (Forms sometimes fires one): nothing to register. */
export function isBlankResponse(incoming: IncomingResponse): boolean {
  return Object.values(incoming.response.answers).every(
    (answer) =>
      answer === null ||
      answer === undefined ||
      (typeof answer === 'string' && answer.trim() === '') ||
      (Array.isArray(answer) && answer.length === 0),
  );
}

export const IDENTITY_HELD_MESSAGE =
  'Chưa xác minh được người nộp: địa chỉ email không có trong danh sách của đơn vị và mã xác nhận không đúng.';

/** Why a response sent after the closing day is held (`Nộp sau khóa`). */
export function closedMessage(period: Period): string {
  return `Nộp sau khóa: kỳ «${period.name}» đã khóa nhận từ hết ngày ${formatVietnameseDate(period.closesOn as string)}; bài được ghi nhận nhưng chỉ được tính khi được chấp nhận.`;
}

/** Why a response is held, naming only the proof that `Kiểm tra người nộp` asks for. */
export function identityHeldMessage(rule: IdentityCheck): string {
  if (rule === 'email')
    return 'Chưa xác minh được người nộp: địa chỉ email không có trong danh sách của đơn vị.';
  if (rule === 'code') return 'Chưa xác minh được người nộp: mã xác nhận không đúng.';
  return IDENTITY_HELD_MESSAGE;
}

/** Whether the submitter proved they speak for the unit, per `Kiểm tra người nộp`. */
export function isIdentityProven(
  rule: IdentityCheck,
  unit: Unit,
  respondentEmail: string,
  typedCode: string,
): boolean {
  const byEmail = respondentEmail !== '' && unit.emails.includes(respondentEmail.trim().toLowerCase());
  const byCode =
    unit.confirmationCode !== '' &&
    confirmationCodeKey(typedCode) === confirmationCodeKey(unit.confirmationCode);
  switch (rule) {
    case 'off':
      return true;
    case 'email':
      return byEmail;
    case 'code':
      return byCode;
    case 'email_or_code':
      return byEmail || byCode;
  }
}

/** The plan period a plan response belongs to: the latest one open at its time, else the first. */
export function planPeriodAt(periods: readonly Period[], at: Date): Period | undefined {
  const plans = periods.filter((period) => period.form === 'plan');
  const open = plans.filter((period) => period.opensAt.getTime() <= at.getTime());
  return open[open.length - 1] ?? plans[0];
}

function problemLines(errors: readonly FormProblem[], warnings: readonly FormProblem[]): string[] {
  return [
    ...errors.map((problem) => problem.message),
    ...warnings.map((problem) => WARNING_PREFIX + problem.message),
  ];
}

export const HIDDEN_CHARACTERS_NOTE =
  'câu trả lời có ký tự ẩn (ký tự đảo chiều chữ, ký tự không độ rộng…); hệ thống đã bỏ các ký tự này.';

/** Whether an answer holds invisible format characters, which cleaning drops (noted in `Bài nộp`). */
function hasHiddenCharacters(response: RawResponse): boolean {
  return Object.values(response.answers).some((answer) =>
    Array.isArray(answer)
      ? answer.some((item) => typeof item === 'string' && hasFormatCharacters(item))
      : typeof answer === 'string' && hasFormatCharacters(answer),
  );
}

export interface IntakeContext {
  readonly campaign: Campaign;
  readonly units: UnitRegistry;
  /** The stored answers of the unit's newest version for the period so far ('' when none). */
  readonly earlierAnswers?: (unitCode: string, periodId: string) => string;
}

type Validator = (response: RawResponse, submittedAt: Date) => ResponseCheck<Record<string, unknown>>;

// One validator per form for all the responses a job checks in the same context.
const validatorsByContext = new WeakMap<IntakeContext, Map<FormKind, Validator>>();

function validatorOf(context: IntakeContext, form: FormKind): Validator {
  let validators = validatorsByContext.get(context);
  if (!validators) {
    validators = new Map();
    validatorsByContext.set(context, validators);
  }
  let validator = validators.get(form);
  if (!validator) {
    validator = makeResponseValidator(FORM_SPECS[form], {
      units: context.units,
      reportPeriods: context.campaign.periods,
      campaignYear: context.campaign.config.year,
      submittedAt: new Date(Number.NaN),
    });
    validators.set(form, validator);
  }
  return validator;
}

/**
 * The register row after this version of a response. `previous` is the response's row if it has
 * one; `nextVersion` the number the unit's next version for the period would take.
 */
export function registerVersion(
  incoming: IncomingResponse,
  previous: RegisterEntry | undefined,
  context: IntakeContext,
  nextVersion: (unitCode: string, periodId: string) => number,
): RegisterEntry {
  const submittedAt =
    previous && previous.submittedAt.getTime() < incoming.timestamp.getTime()
      ? previous.submittedAt
      : incoming.timestamp;
  const check = validatorOf(context, incoming.form)(incoming.response, incoming.timestamp);
  const parsed = check.parsed as { unit?: Unit | null; period?: Period | null; code?: string | null };
  const unit = parsed.unit ?? undefined;
  const period =
    incoming.form === 'plan'
      ? planPeriodAt(context.campaign.periods, incoming.timestamp)
      : (parsed.period ?? undefined);
  // Identity before content: a response from someone not proven to speak for the unit is held
  // whatever its answers, so a stranger's mistakes never reach the unit's status or its mailbox.
  // Its problems stay on the row for the department (`Bài nộp`).
  const isUnproven =
    unit !== undefined &&
    !isIdentityProven(
      context.campaign.config.identityCheck,
      unit,
      incoming.respondentEmail,
      parsed.code ?? '',
    );
  let outcome: SubmissionOutcome = isUnproven ? 'held' : check.ok ? 'accepted' : 'rejected';
  const lines = problemLines(check.errors, check.warnings);
  if (isUnproven) lines.unshift(identityHeldMessage(context.campaign.config.identityCheck));
  if (hasHiddenCharacters(incoming.response)) lines.push(WARNING_PREFIX + HIDDEN_CHARACTERS_NOTE);
  const unitCode = unit?.code ?? '';
  const periodId = period?.id ?? '';
  // Judged against the unit's own due moment: an extension (`Gia hạn`) moves it.
  const unitPeriod = period && periodForUnit(period, unitCode, context.campaign.extensions ?? []);
  // After `Khóa nhận` (or the end of an extension reaching past it) a valid response is recorded
  // but held: it counts once the department accepts it in `Đánh giá`.
  const closingMoment = period && unitPeriod ? closingMomentOf(period, unitPeriod) : null;
  if (outcome === 'accepted' && closingMoment && incoming.timestamp.getTime() > closingMoment.getTime()) {
    outcome = 'closed';
    lines.unshift(closedMessage(period as Period));
  }
  const sameSlot = previous && previous.unitCode === unitCode && previous.periodId === periodId;
  const isNewVersion = !previous || previous.lastVersionAt.getTime() !== incoming.timestamp.getTime();
  const version = sameSlot && !isNewVersion ? previous.version : nextVersion(unitCode, periodId);
  // An accepted version keeps standing through a rejected edit; a new accepted version of a
  // response that had none starts its acceptance now.
  const acceptedAt =
    outcome === 'accepted'
      ? (previous?.acceptedAt ?? incoming.timestamp)
      : sameSlot
        ? (previous?.acceptedAt ?? null)
        : null;
  const acceptedAnswers =
    outcome === 'accepted' || (outcome === 'closed' && !(sameSlot && previous?.acceptedAt))
      ? acceptedAnswersJson(check.answers ?? {})
      : sameSlot
        ? (previous?.acceptedAnswers ?? '')
        : '';
  const timeliness: Timeliness | null =
    acceptedAt && unitPeriod
      ? acceptedAt.getTime() <= unitPeriod.timelyUntil.getTime()
        ? 'on_time'
        : 'late'
      : null;
  // A review judged the version it was given on. A new version (the answer to a request for
  // correction, say) is reviewed afresh; the earlier decision is kept in the system's note.
  // `chờ duyệt` typed in another case is no decision either.
  const reviewIsStale =
    previous !== undefined && isNewVersion && reviewDecision(previous.reviewText) !== 'pending';
  const reviewText = reviewIsStale ? '' : (previous?.reviewText ?? '');
  // The same version again (a rebuild) keeps what the system noted on the row.
  const systemNote = reviewIsStale
    ? `Đánh giá «${previous.reviewText}» là của lần nộp ${previous.version}; đơn vị đã nộp lại lúc ${formatVietnameseDateTime(incoming.timestamp)}.`
    : isNewVersion
      ? ''
      : (previous?.systemNote ?? '');
  // What this version changed: against the answers of the unit's newest version before it (this
  // response's own, or the unit's other response for the period), already in the register.
  const earlier = context.earlierAnswers
    ? context.earlierAnswers(unitCode, periodId)
    : sameSlot
      ? previous.acceptedAnswers
      : '';
  const changes = !isNewVersion
    ? (previous?.changes ?? '')
    : earlier && check.answers
      ? answerChangesCell(
          storedAnswerChanges(FORM_SPECS[incoming.form], earlier, acceptedAnswersJson(check.answers)),
        )
      : '';
  return {
    responseId: incoming.responseId,
    submittedAt,
    lastVersionAt: incoming.timestamp,
    periodId,
    unitCode,
    unitName: unit?.name ?? '',
    submitterEmail: incoming.respondentEmail.trim().toLowerCase(),
    version,
    outcome,
    problems: lines,
    timeliness,
    editLink: incoming.editLink,
    acceptedAt,
    acceptedAnswers,
    changes,
    systemNote,
    reviewText,
    reviewNote: previous?.reviewNote ?? '',
    extra: previous?.extra ?? {},
  };
}

/** Answers as JSON: units and periods by their codes, everything else as read. */
function storableAnswers(answers: object): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers)) {
    if (value && typeof value === 'object' && 'code' in value && 'name' in value)
      stored[key] = (value as Unit).code;
    else if (value && typeof value === 'object' && 'id' in value && 'dueAt' in value)
      stored[key] = (value as Period).id;
    else stored[key] = value;
  }
  return stored;
}

/**
 * The most characters one cell holds in both shells (Excel 32,767; Google Sheets 50,000). A longer
 * cell makes the whole write of the batch fail, and long answers can add up to more than that.
 */
export const MAX_CELL_CHARACTERS = 32767;

/** Half of a list or a text, marked as cut; a text is never cut inside a surrogate pair. */
function halved(value: unknown): unknown {
  if (Array.isArray(value))
    return value.length > 0 ? [...value.slice(0, Math.floor(value.length / 2)), '…'] : value;
  if (typeof value !== 'string' || value.length < 2) return value;
  let end = Math.floor(value.length / 2);
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${value.slice(0, end)}…`;
}

/**
 * The accepted answers as JSON that fits in one cell: while it is too long, the longest answer
 * (a text or a list of lines; figures are numbers) is cut by half, so `Số liệu` can always be rebuilt.
 */
export function acceptedAnswersJson(answers: object): string {
  const stored = storableAnswers(answers);
  let json = JSON.stringify(stored);
  while (json.length > MAX_CELL_CHARACTERS) {
    const sizes = Object.keys(stored).map((key) => ({
      key,
      size: JSON.stringify(stored[key] ?? null).length,
    }));
    const longest = sizes.sort((a, b) => b.size - a.size)[0];
    if (!longest) break;
    const before = JSON.stringify(stored[longest.key] ?? null);
    stored[longest.key] = halved(stored[longest.key]);
    if (JSON.stringify(stored[longest.key] ?? null).length >= before.length) break;
    json = JSON.stringify(stored);
  }
  return json;
}
