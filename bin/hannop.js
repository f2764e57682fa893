#!/usr/bin/env node
// Runs the command line built as JavaScript (dist-cli/hannop.cjs, made by `npm ci` through the
// `prepare` script). When a file in src/ is newer than the bundle (a developer's edit), it rebuilds
// first, so no one ever runs stale code; the check costs a few milliseconds.
'use strict';
const { spawnSync } = require('node:child_process');
const { readFileSync, readdirSync, statSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');

const root = join(__dirname, '..');
const bundle = join(root, 'dist-cli', 'hannop.cjs');

function newestChange(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function bundleTime() {
  try {
    return statSync(bundle).mtimeMs;
  } catch {
    return -1;
  }
}

if (bundleTime() < newestChange(join(root, 'src'))) {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--cli'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (built.status !== 0) {
    process.stderr.write(`Lỗi nội bộ: không dựng được dist-cli/hannop.cjs từ src/:\n${built.stderr}`);
    process.exit(2);
  }
}

const { main } = require(bundle);

/**
 * A stack trace of a hannop bug, its bundle lines rewritten to the TypeScript ones through the source
 * map. Read only then: Node's --enable-source-maps would parse the map at every start (about 0.1 s).
 */
function mapStack(stack) {
  try {
    const { SourceMap } = require('node:module');
    const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
    const escaped = bundle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return stack.replace(new RegExp(`${escaped}:(\\d+):(\\d+)`, 'g'), (frame, line, column) => {
      const entry = map.findEntry(Number(line) - 1, Number(column) - 1);
      if (!entry || !entry.originalSource) return frame;
      const source = entry.originalSource.replace(/^file:\/\//, '');
      return `${resolve(dirname(bundle), source)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    });
  } catch {
    return stack;
  }
}

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => new Date(),
  cwd: process.cwd(),
  mapStack,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
