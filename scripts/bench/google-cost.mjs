// What one submission costs at Google's boundary (issue 15), through the form-submit trigger on
// the Apps Script fakes, every service call counted by test/gas/service-meter.ts: calls and bytes
// written, at 100, 2,000 and 5,000 units. test/gas/google-cost.test.ts holds the same goals at
// 100 and 2,000 units.

export const title = 'Google cost';

const SIZES = [100, 2000, 5000];

export async function run(bench) {
  const { ServiceMeter } = await bench.importTs('test/gas/service-meter.ts');
  const { makeGasWorld, manyUnits, submitPlan } = await bench.importTs('test/gas/gas-world.ts');
  const rows = [];
  for (const unitCount of SIZES) {
    bench.log(`google cost: ${unitCount} units`);
    const meter = new ServiceMeter();
    const world = makeGasWorld({ units: manyUnits(unitCount), meter });
    world.setNow('2023-03-28T09:00:05');
    submitPlan(world, world.units[1], '2023-03-28T09:00');
    world.setNow('2023-03-28T09:30:05');
    meter.reset();
    submitPlan(world, world.units[0], '2023-03-28T09:30');
    const reading = meter.reading();
    rows.push(
      {
        measure: `submissionCalls (${unitCount} units)`,
        value: reading.total,
        unit: 'calls',
        goal: { below: 15 },
      },
      {
        measure: `submissionBytes (${unitCount} units)`,
        value: Math.max(0, ...reading.writeBytes),
        unit: 'bytes',
        goal: { below: 100 * 1024 },
      },
    );
  }
  return rows;
}
