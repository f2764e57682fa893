// Runs the benchmark sections in scripts/bench/*.mjs (in file-name order) and prints one table of
// figures against their goals. Exit code 0 when every goal is met, 1 when one is missed, 2 when a
// section fails to run.
//
// Usage: node scripts/bench.mjs [--json] [section ...]     (a section is a file name without .mjs)
//
// A section file exports `title` (a string) and `run(bench)`, which returns rows:
//   { measure: 'bundle size', value: 12.3, unit: 'KB', goal: { below: 300 } }
// `goal` is optional ({ below } and/or { above }, both strict); a row without one is information.
// `bench` gives a section what it needs to measure code from src/ without building it:
//   bench.root                  project root (absolute path)
//   bench.importTs('src/x.ts')  imports a TypeScript module through tsx, resolved from the root
//   bench.importBundled([...])  the named modules bundled together by esbuild as the Apps Script build
//                               bundles them (target ES2019, no tsx helpers): for CPU figures that
//                               stand for Apps Script
//   bench.medianMs(fn, runs)    median wall time of `runs` calls of fn (sync or async), in ms
//   bench.log(...parts)         progress notes, on stderr so that --json output stays clean

import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sectionsDir = path.join(root, 'scripts', 'bench');

async function medianMs(fn, runs = 11) {
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    const startedAt = performance.now();
    await fn(run);
    times.push(performance.now() - startedAt);
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  return times.length % 2 === 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
}

const bench = {
  root,
  importTs: (relativePath) => tsImport(pathToFileURL(path.resolve(root, relativePath)).href, import.meta.url),
  medianMs,
  importBundled,
  log: (...parts) => console.error(...parts),
};

/** Bundles `relativePaths` into one ES module the way scripts/build.mjs bundles src/ for Apps Script. */
async function importBundled(relativePaths) {
  const directory = await mkdtemp(path.join(tmpdir(), 'hannop-bench-'));
  try {
    const outfile = path.join(directory, 'bundle.mjs');
    await build({
      stdin: {
        contents: relativePaths
          .map((relativePath) => `export * from ${JSON.stringify(path.resolve(root, relativePath))};`)
          .join('\n'),
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'es2019',
      outfile,
      logLevel: 'silent',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function goalText(goal) {
  if (!goal) return null;
  const parts = [];
  if (goal.above !== undefined) parts.push(`> ${goal.above}`);
  if (goal.below !== undefined) parts.push(`< ${goal.below}`);
  return parts.join(' and ');
}

function meetsGoal(value, goal) {
  if (!goal) return null;
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  return (goal.above === undefined || value > goal.above) && (goal.below === undefined || value < goal.below);
}

function formatValue(value) {
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
}

async function runSection(file) {
  const name = path.basename(file, '.mjs');
  try {
    const section = await import(pathToFileURL(path.join(sectionsDir, file)).href);
    if (typeof section.run !== 'function') throw new Error(`${file} exports no run(bench) function`);
    const result = await section.run(bench);
    // A section returns its rows, or { rows, figures } with figures for other tools (docs tables).
    const rows = Array.isArray(result) ? result : result.rows;
    return {
      name,
      title: section.title ?? name,
      ...(Array.isArray(result) || !result.figures ? {} : { figures: result.figures }),
      rows: rows.map((row) => ({
        measure: row.measure,
        value: row.value,
        unit: row.unit ?? '',
        goal: goalText(row.goal),
        pass: meetsGoal(row.value, row.goal),
      })),
    };
  } catch (error) {
    return { name, title: name, error: error?.stack ?? String(error), rows: [] };
  }
}

async function runSectionProcess(file) {
  const name = path.basename(file, '.mjs');
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--json', '--section-process', name],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  try {
    const [section] = JSON.parse(child.stdout).sections;
    return section;
  } catch {
    return { name, title: name, error: `the section's process ended with ${child.status}`, rows: [] };
  }
}

function printTable(sections) {
  const header = ['Section', 'Measure', 'Figure', 'Unit', 'Goal', 'Result'];
  const lines = [];
  for (const section of sections) {
    if (section.error) lines.push([section.title, 'section failed to run', '', '', '', 'ERROR']);
    for (const row of section.rows) {
      const result = row.pass === null ? 'info' : row.pass ? 'pass' : 'FAIL';
      lines.push([section.title, row.measure, formatValue(row.value), row.unit, row.goal ?? '—', result]);
    }
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column].length)),
  );
  const numeric = new Set([2]);
  const format = (cells) =>
    cells
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
  for (const section of sections.filter((s) => s.error))
    console.error(`\n${section.title}:\n${section.error}`);
}

async function main(argv) {
  const json = argv.includes('--json');
  // --section-process: run the named sections here (how the parent runs each one in a child).
  const wanted = argv.filter((arg) => !arg.startsWith('--'));
  const files = (await readdir(sectionsDir)).filter((file) => file.endsWith('.mjs')).sort();
  const unknown = wanted.filter((name) => !files.includes(`${name}.mjs`));
  if (unknown.length > 0) {
    console.error(
      `unknown section: ${unknown.join(', ')} (have: ${files.map((f) => path.basename(f, '.mjs')).join(', ')})`,
    );
    return 1;
  }
  const selected =
    wanted.length > 0 ? files.filter((file) => wanted.includes(path.basename(file, '.mjs'))) : files;

  // Each section runs in a process of its own, as every Apps Script execution starts afresh: one
  // section's garbage must not be collected on another's clock.
  const sections = [];
  if (argv.includes('--section-process')) {
    for (const file of selected) sections.push(await runSection(file));
  } else {
    for (const file of selected) sections.push(await runSectionProcess(file));
  }

  const failedToRun = sections.some((section) => section.error);
  const missed = sections.some((section) => section.rows.some((row) => row.pass === false));
  if (json) {
    console.log(JSON.stringify({ passed: !failedToRun && !missed, sections }, null, 2));
  } else {
    printTable(sections);
  }
  return failedToRun ? 2 : missed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
