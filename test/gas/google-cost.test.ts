import { ServiceMeter } from './service-meter';
import { makeGasWorld, manyUnits, submitPlan } from './gas-world';

function submission(unitCount: number) {
  const meter = new ServiceMeter();
  const world = makeGasWorld({ units: manyUnits(unitCount), meter });
  world.setNow('2023-03-28T09:00:05');
  submitPlan(world, world.units[1]!, '2023-03-28T09:00');
  world.setNow('2023-03-28T09:30:05');
  meter.reset();
  submitPlan(world, world.units[0]!, '2023-03-28T09:30');
  return meter.reading();
}

it('measures', () => {
  const r = submission(100);
  console.log(JSON.stringify({ ...r, total: r.total }, null, 1));
}, 60000);
