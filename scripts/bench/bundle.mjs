// The Apps Script bundle: its size (Apps Script parses the whole file before every menu click and
// trigger run) and the time to load it in a fresh context, as each of those runs does.

import { readFile } from 'node:fs/promises';
import vm from 'node:vm';

import { build } from '../build.mjs';

export const title = 'Apps Script bundle';

const loadRuns = 21;

export async function run(bench) {
  const built = await build();
  const code = await readFile(built.codePath, 'utf8');
  const { createAppsScriptSandbox } = await bench.importTs('test/fakes/gas-globals.ts');

  const contexts = Array.from({ length: loadRuns }, () => createAppsScriptSandbox().context);
  const loadMs = await bench.medianMs((run) => {
    // A distinct source each run: V8 caches compiled scripts by source text, Apps Script does not share it.
    new vm.Script(`${code}\n// run ${run}`, { filename: 'Code.js' }).runInContext(contexts[run]);
  }, loadRuns);

  return [
    { measure: 'build time', value: built.durationMs, unit: 'ms' },
    { measure: 'dist/Code.js size', value: built.bytes / 1024, unit: 'KB', goal: { below: 400 } },
    { measure: `load in node:vm (median of ${loadRuns})`, value: loadMs, unit: 'ms', goal: { below: 20 } },
  ];
}
