#!/usr/bin/env node
// Runs the TypeScript command line directly (tsx), so `npx hannop` works right after `npm ci`.
'use strict';
require('tsx/cjs/api').register();
const { main } = require('../src/node/cli.ts');

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => new Date(),
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
