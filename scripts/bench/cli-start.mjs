// The command line's start-up: `hannop --help` (the built bundle, with bin/hannop.js's check that
// it is up to date) against `node -e 0`, the floor any Node program pays. Each is a fresh process.

import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { buildCli } from '../build.mjs';

export const title = 'Command line start-up';

const runs = 11;

function spawnMs(bench, args) {
  return bench.medianMs(() => {
    const result = spawnSync(process.execPath, args, { cwd: bench.root, encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }, runs);
}

export async function run(bench) {
  await buildCli({ root: bench.root });
  const bin = path.join(bench.root, 'bin', 'hannop.js');
  const nodeMs = await spawnMs(bench, ['-e', '0']);
  const helpMs = await spawnMs(bench, [bin, '--help']);
  return [
    { measure: `node -e 0 (median of ${runs})`, value: nodeMs / 1000, unit: 's' },
    { measure: `hannop --help (median of ${runs})`, value: helpMs / 1000, unit: 's', goal: { below: 0.5 } },
  ];
}
