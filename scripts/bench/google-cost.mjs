// What the product costs at Google's boundary (issue 15), through the real entry points on the
// Apps Script fakes, every service call counted by test/gas/service-meter.ts, at 100, 2,000 and
// 5,000 units (test/gas/google-cost-scenario.ts): one submission (calls, bytes written), a routine
// daily run (calls besides the two each message costs, its largest request), a consolidation and a
// rebuild from the menu (3 responses a unit), the CPU of a daily run in a process of its own, and
// the campaign's busiest mail day. `npm run bench -- --json google-cost` prints them as `figures`;
// `npm run google-cost` writes them to docs/google-cost.json and the README's table.

import { spawnSync } from 'node:child_process';

export const title = 'Google cost';

const SIZES = [100, 2000, 5000];
const MB2 = 2 * 1024 * 1024;

const CHILD = `
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
const [root, units] = process.argv.slice(1);
const scenario = await tsImport(pathToFileURL(path.join(root, 'test/gas/google-cost-scenario.ts')).href, import.meta.url);
console.log(JSON.stringify({ cpuMs: scenario.dailyRunCpuMs(Number(units)) }));
`;

function dailyRunCpuMs(root, unitCount) {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, root, String(unitCount)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`daily run CPU at ${unitCount} units: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()).cpuMs;
}

export async function run(bench) {
  const scenario = await bench.importTs('test/gas/google-cost-scenario.ts');
  const figures = {};
  const rows = [];
  const startedAt = performance.now();
  for (const unitCount of SIZES) {
    bench.log(`google cost: ${unitCount} units`);
    const size = { ...scenario.measureGoogleCost(unitCount), cpuMs: dailyRunCpuMs(bench.root, unitCount) };
    figures[String(unitCount)] = size;
    const units = `(${unitCount} units)`;
    rows.push(
      {
        measure: `submissionCalls ${units}`,
        value: size.submissionCalls,
        unit: 'calls',
        goal: { below: 15 },
      },
      {
        measure: `submissionBytes ${units}`,
        value: size.submissionBytes,
        unit: 'bytes',
        goal: { below: 100 * 1024 },
      },
      { measure: `dailyRunCalls ${units}`, value: size.dailyRunCalls, unit: 'calls' },
      {
        measure: `dailyRunMaxRequestBytes ${units}`,
        value: size.dailyRunMaxRequestBytes,
        unit: 'bytes',
        goal: { below: MB2 + 1 },
      },
      { measure: `consolidationCalls ${units}`, value: size.consolidationCalls, unit: 'calls' },
      { measure: `rebuildCalls ${units}`, value: size.rebuildCalls, unit: 'calls' },
      { measure: `cpuMs ${units}`, value: size.cpuMs, unit: 'ms' },
      { measure: `mailForecastMaxPerDay ${units}`, value: size.mailForecastMaxPerDay, unit: 'recipients' },
    );
  }
  bench.log(`google cost: ${Math.round((performance.now() - startedAt) / 1000)} s`);
  return { rows, figures };
}
