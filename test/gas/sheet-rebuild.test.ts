// «Xử lý lại toàn bộ» from the response sheets Forms writes (issue 15): the rows are named by the
// registered versions they are, and only the rows the register has not seen are asked of Forms.
// The same result as the rebuild through FormApp, one row per response across edits and across the
// daily run and the triggers, and the FormApp rebuild when a sheet is missing or unlinked.
import { SHEET, SUBMISSION_COLUMNS } from '../../src/domain/layout';
import { cellText } from '../../src/domain/table';
import { REPORT_FORM } from '../../src/domain/forms/report-form';
import type { Unit } from '../../src/domain/units';
import type { GivenAnswer } from '../fakes/form-app';
import { runRebuild } from '../../src/gas/menu-handlers';
import { handleDailyRun } from '../../src/gas/trigger-handlers';
import { at, makeGasWorld, submitPlan, type GasWorld } from './gas-world';
import { ServiceMeter } from './service-meter';

const DATA_SHEETS = [SHEET.submissions, SHEET.summary, SHEET.statistics, SHEET.figures];

function registerRows(world: GasWorld) {
  const register = world.table(SHEET.submissions);
  if (!register) return [];
  const cell = (row: readonly unknown[], column: string) =>
    cellText((row[register.headers.indexOf(column)] ?? null) as never);
  return register.rows.map((row) => ({
    id: cell(row, SUBMISSION_COLUMNS.responseId),
    unit: cell(row, SUBMISSION_COLUMNS.unitCode),
    version: cell(row, SUBMISSION_COLUMNS.version),
    outcome: cell(row, SUBMISSION_COLUMNS.outcome),
    editLink: cell(row, SUBMISSION_COLUMNS.editLink),
  }));
}

function unit(world: GasWorld, index: number): Unit {
  return world.units[index] as Unit;
}

function message(world: GasWorld): string {
  const alerts = world.sheets.ui.alerts.map((alert) => alert.prompt);
  const toasts = world.sheets.spreadsheet.toasts.map((toast) => toast.message);
  return [...alerts, ...toasts].join('\n');
}

/**
 * A half-year report whose answers a vi_VN sheet turns into numbers (`1.234`, `85,5`, `0912345678`)
 * and a date: the sheet and the form must give the same row.
 */
function reportAnswers(target: Unit): Record<string, GivenAnswer> {
  const byKey: Record<string, GivenAnswer> = {
    unit: `${target.code} - ${target.name}`,
    code: target.confirmationCode,
    reporter: 'Trần Văn Minh',
    position: 'Phó Hiệu trưởng',
    phone: '0912345678',
    docNumber: `27/BC-${target.code}`,
    docDate: '2023-06-20',
    docLink: 'http://example.edu.vn/van-ban/27-bc.pdf',
    period: 'Báo cáo 6 tháng đầu năm 2023',
    propagandaSessions: '4',
    propagandaAttendees: '1.234',
    dvkActive: '3',
    dvkRecognized: '2',
    receptionSessions: '6',
    petitionsReceived: '5',
    petitionsResolved: '5',
    dialogues: '2',
    staffConference: 'Có',
    eDocPercent: '85,5',
    commendations: '12',
    violations: '0',
    highlights: 'Tổ chức tốt Hội nghị cán bộ, viên chức.',
    shortcomings: '0',
    nextSteps: 'Tiếp tục đẩy mạnh cải cách hành chính.',
  };
  const answers: Record<string, GivenAnswer> = {};
  for (const question of REPORT_FORM.questions) {
    const answer = byKey[question.key];
    if (answer !== undefined) answers[question.title] = answer;
  }
  return answers;
}

/** A world in which every trigger ran, then some responses the triggers missed. */
function mixedWorld(meter?: ServiceMeter): GasWorld {
  const world = makeGasWorld(meter ? { meter } : {});
  world.setNow('2023-03-27T09:00:05');
  const first = submitPlan(world, unit(world, 0), '2023-03-27T09:00');
  submitPlan(world, unit(world, 1), '2023-03-27T09:10', { 'Số điện thoại liên hệ': '0912345678' });
  world.setNow('2023-03-27T09:20:05');
  world.formApp.respond(world.form('report'), {
    email: unit(world, 1).emails[0] ?? '',
    at: at('2023-03-27T09:20'),
    answers: reportAnswers(unit(world, 1)),
  });
  world.setDelivering(false);
  // An edit and a new response that no trigger registered.
  world.formApp.editResponse(world.form('plan'), first.getId() as string, {
    at: at('2023-03-28T10:00'),
    answers: { 'Chức vụ': 'Phó Hiệu trưởng' },
  });
  submitPlan(world, unit(world, 2), '2023-03-28T11:00');
  world.setDelivering(true);
  world.setNow('2023-03-29T08:00');
  return world;
}

describe('«Xử lý lại toàn bộ» from the response sheets', () => {
  it('registers a response no trigger saw under its Forms id and edit link, as the FormApp rebuild does', () => {
    const world = mixedWorld();
    runRebuild(world.services());
    const response = world.form('plan').storedResponses()[2];
    expect(registerRows(world)).toEqual([
      expect.objectContaining({ unit: 'MNHM', version: '2' }),
      expect.objectContaining({ unit: 'THDD', version: '1' }),
      // Sent before the report period opened: judged as the trigger judged it.
      expect.objectContaining({ id: world.form('report').storedResponses()[0]?.id, outcome: 'Không hợp lệ' }),
      {
        id: response?.id,
        unit: 'TR0002',
        version: '1',
        outcome: 'Hợp lệ',
        editLink: `${world.form('plan').publishedUrl}?edit2=${response?.id ?? ''}`,
      },
    ]);
  });

  it('makes an edit no trigger saw the next version of the same row', () => {
    const world = mixedWorld();
    const before = registerRows(world)[0];
    runRebuild(world.services());
    const after = registerRows(world)[0];
    expect(after).toEqual({ ...before, version: '2' });
    expect(registerRows(world)).toHaveLength(4);
  });

  it('leaves one row per response after a daily run and an edit through the trigger', () => {
    const world = mixedWorld();
    runRebuild(world.services());
    world.setNow('2023-03-30T07:00');
    handleDailyRun(world.services());
    expect(registerRows(world)).toHaveLength(4);
    const late = world.form('plan').storedResponses()[2];
    world.setNow('2023-03-30T09:00:05');
    world.formApp.editResponse(world.form('plan'), late?.id as string, {
      at: at('2023-03-30T09:00'),
      answers: { 'Chức vụ': 'Phó Hiệu trưởng' },
    });
    const rows = registerRows(world);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toEqual(expect.objectContaining({ id: late?.id, unit: 'TR0002', version: '2' }));
  });

  it('writes the sheets the FormApp rebuild writes', () => {
    const fromSheets = mixedWorld();
    runRebuild(fromSheets.services());
    const fromForms = mixedWorld();
    // Without the plan sheet the rebuild reads the forms, as it did before.
    const sheet = fromForms.sheets.spreadsheet.getSheetByName(SHEET.planResponses);
    if (sheet) fromForms.sheets.spreadsheet.deleteSheet(sheet);
    runRebuild(fromForms.services());
    expect(message(fromForms)).toContain('Không có trang «Phản hồi Kế hoạch» trong bảng tính.');
    expect(DATA_SHEETS.map((name) => fromSheets.table(name))).toEqual(
      DATA_SHEETS.map((name) => fromForms.table(name)),
    );
  });

  it('asks Forms only for the rows the register has not seen', () => {
    const meter = new ServiceMeter();
    const world = mixedWorld(meter);
    meter.reset();
    runRebuild(world.services());
    // The meter names a form by where it first met it: the `source` of a form-submit event.
    const formCalls: Record<string, number> = {};
    for (const [method, count] of Object.entries(meter.reading().byMethod)) {
      const name = method.replace(/^source\./, 'Form.');
      if (/^(Form|FormApp|FormResponse)\./.test(name)) formCalls[name] = (formCalls[name] ?? 0) + count;
    }
    // The two unseen plan rows: the plans from the earliest of them listed, each asked its time,
    // those two their id, e-mail, edit link and answers (one pre-filled link). The report form is
    // not asked: its one row is registered.
    expect(formCalls).toEqual({
      'Form.getResponses': 1,
      'FormApp.openById': 2,
      'FormResponse.getEditResponseUrl': 2,
      'FormResponse.getId': 2,
      'FormResponse.getRespondentEmail': 2,
      'FormResponse.getTimestamp': 2,
      'FormResponse.toPrefilledUrl': 2,
    });
  });

  it('keeps two schools that sent in the same second, on a form that collects no e-mail, as two rows', () => {
    const world = makeGasWorld();
    world.form('plan').setCollectEmail(false);
    world.setNow('2023-03-27T09:00:05');
    submitPlan(world, unit(world, 1), '2023-03-27T09:00');
    submitPlan(world, unit(world, 0), '2023-03-27T09:00');
    world.setDelivering(false);
    submitPlan(world, unit(world, 2), '2023-03-27T09:00');
    world.setNow('2023-03-29T08:00');
    const ids = world
      .form('plan')
      .storedResponses()
      .map((response) => response.id);
    runRebuild(world.services());
    expect(registerRows(world).map((row) => [row.id, row.unit, row.version, row.outcome])).toEqual([
      [ids[0], 'THDD', '1', 'Hợp lệ'],
      [ids[1], 'MNHM', '1', 'Hợp lệ'],
      [ids[2], 'TR0002', '1', 'Hợp lệ'],
    ]);
  });

  it('tells two such schools apart by their unit when the register lists them in another order', () => {
    const world = makeGasWorld();
    world.form('plan').setCollectEmail(false);
    world.setDelivering(false);
    const early = submitPlan(world, unit(world, 0), '2023-03-27T09:00');
    world.setDelivering(true);
    world.setNow('2023-03-27T09:05:05');
    const later = submitPlan(world, unit(world, 1), '2023-03-27T09:05');
    // Both edited in the same second: the register has the later one first (seen first).
    world.setNow('2023-03-27T09:10:05');
    for (const response of [early, later])
      world.formApp.editResponse(world.form('plan'), response.getId() as string, {
        at: at('2023-03-27T09:10'),
        answers: { 'Chức vụ': 'Phó Hiệu trưởng' },
      });
    world.setNow('2023-03-29T08:00');
    const before = registerRows(world);
    expect(before.map((row) => [row.id, row.unit])).toEqual([
      [later.getId(), 'THDD'],
      [early.getId(), 'MNHM'],
    ]);
    runRebuild(world.services());
    expect(registerRows(world)).toEqual(before);
  });

  it('reads the forms when a form no longer writes to its sheet, and says which sheet', () => {
    const world = mixedWorld();
    world.form('report').removeDestination();
    runRebuild(world.services());
    expect(world.sheets.ui.alerts[0]?.prompt).toContain(
      'Trang «Phản hồi Báo cáo» không còn nhận câu trả lời của biểu mẫu Báo cáo. ' +
        'Đã đọc phản hồi trực tiếp từ biểu mẫu (chậm hơn); hãy chạy «Thiết lập ban đầu» để nối lại trang câu trả lời.',
    );
    expect(registerRows(world).map((row) => [row.unit, row.version])).toEqual([
      ['MNHM', '2'],
      ['THDD', '1'],
      ['THDD', '1'],
      ['TR0002', '1'],
    ]);
  });

  it('takes a row the department deleted from Forms but kept in the sheet under the sheet’s name', () => {
    const world = makeGasWorld();
    world.setDelivering(false);
    submitPlan(world, unit(world, 0), '2023-03-27T09:00');
    world.form('plan').deleteAllResponses();
    world.setNow('2023-03-29T08:00');
    runRebuild(world.services());
    expect(registerRows(world)).toEqual([
      expect.objectContaining({ id: expect.stringMatching(/^KH-[0-9a-f]{16}$/), unit: 'MNHM', editLink: '' }),
    ]);
  });
});
