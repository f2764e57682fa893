// What the daily run costs at Google's boundary as responses pile up (issue 15): it reads only the
// responses since its last run (response-cursor.ts), so its FormApp calls follow the day's
// responses, not the stored ones, whatever the number of units.
import { MAX_REQUEST_BYTES } from '../../src/domain/time-budget';
import { handleDailyRun } from '../../src/gas/trigger-handlers';
import { campaignWorld, recordWriteBatches } from './google-cost-scenario';
import { ServiceMeter, type MeterReading } from './service-meter';

const FORM_CALL = /^(Form|FormApp|response|FormResponse)\./;

function formCalls(reading: MeterReading): Record<string, number> {
  return Object.fromEntries(Object.entries(reading.byMethod).filter(([method]) => FORM_CALL.test(method)));
}

/** The calls besides the messages sent and their notes in the send journal (one each a message). */
function withoutMail(reading: MeterReading): Record<string, number> {
  return Object.fromEntries(
    Object.entries(reading.byMethod).filter(
      ([method]) => !method.startsWith('MailApp.') && !method.startsWith('Properties.set'),
    ),
  );
}

/** The Properties calls besides the note of each message sent (`setProperty`, one a message). */
function propertyCalls(reading: MeterReading): Record<string, number> {
  return Object.fromEntries(
    Object.entries(reading.byMethod).filter(
      ([method]) => method.startsWith('Properties.') && method !== 'Properties.setProperty',
    ),
  );
}

/** The routine daily run after `perUnit` responses of each of `unitCount` units waited for the first. */
function dailyRunCost(unitCount: number, perUnit: number) {
  const meter = new ServiceMeter();
  const world = campaignWorld(unitCount, perUnit, meter);
  const registered = world.table('Bài nộp')?.rows.length ?? 0;
  const recorder = recordWriteBatches(world);
  meter.reset();
  handleDailyRun(world.services());
  /** The bytes each batch sent for sheet `title`. */
  const bytesFor = (title: string) => recorder.batches().map((batch) => batch.bySheet.get(title) ?? 0);
  return { reading: meter.reading(), registered, bytesFor };
}

describe('the daily run, every service call counted', () => {
  const small = dailyRunCost(100, 1);
  const smallThree = dailyRunCost(100, 3);
  const large = dailyRunCost(2000, 1);
  const largeThree = dailyRunCost(2000, 3);

  it('registers every response the triggers missed', () => {
    expect([small, smallThree, large, largeThree].map((cost) => cost.registered)).toEqual([
      101, 301, 2001, 6001,
    ]);
  });

  it('makes the same FormApp calls at 100 and 2,000 units, with 1 or 3 stored responses a unit', () => {
    expect(formCalls(small.reading)).toEqual({
      'Form.getResponses': 2,
      'FormApp.openById': 2,
      // The one response since the last run was registered by its trigger: the register holds as
      // many versions since the cursor as Forms lists, so none is read one by one (catch-up.ts).
    });
    for (const other of [smallThree, large, largeThree])
      expect(formCalls(other.reading)).toEqual(formCalls(small.reading));
  });

  it('writes in as many batches at 2,000 units as at 100, the day a period opens: the cells that changed', () => {
    // The consolidation's sheets in one batch, the logs after the mail in another.
    const batchUpdates = (cost: typeof small) => cost.reading.byMethod['Spreadsheets.batchUpdate'];
    expect(batchUpdates(small)).toBe(2);
    for (const other of [smallThree, large, largeThree])
      expect(batchUpdates(other)).toBe(batchUpdates(small));
    // Only the period's status changed in `Tổng hợp`, «Chưa mở nhận» to «Chưa nộp» down 2,000 rows:
    // about 1.5 MB when whole rows went.
    for (const cost of [large, largeThree]) {
      const summary = cost.bytesFor('Tổng hợp');
      expect(summary.filter((bytes) => bytes > 0)).toHaveLength(1);
      expect(Math.max(...summary)).toBeLessThan(200 * 1024);
      expect(Math.max(...cost.reading.writeBytes)).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    }
  });

  it('makes the same calls with 1 or 3 stored responses a unit, mail aside, and no request over 2 MB', () => {
    expect(withoutMail(smallThree.reading)).toEqual(withoutMail(small.reading));
    expect(withoutMail(largeThree.reading)).toEqual(withoutMail(large.reading));
    for (const cost of [small, smallThree, large, largeThree]) {
      expect(Math.max(0, ...cost.reading.writeBytes)).toBeLessThanOrEqual(2 * 1024 * 1024);
    }
  });

  it('claims and releases its mail in one call each at 100 and 2,000 units, however many messages the claim holds', () => {
    // At 100 units the claim holds about 100 messages (2 chunks of Script Properties), at 2,000 the
    // 500 one claim takes (6 chunks): each is written in one call and released in one, deleting nothing.
    expect(small.reading.byMethod['MailApp.sendEmail']).toBeGreaterThanOrEqual(90);
    expect(propertyCalls(small.reading)).toEqual({
      'Properties.getProperties': 4,
      'Properties.getProperty': 3,
      'Properties.setProperties': 2,
    });
    for (const other of [smallThree, large, largeThree])
      expect(propertyCalls(other.reading)).toEqual(propertyCalls(small.reading));
  });
});
