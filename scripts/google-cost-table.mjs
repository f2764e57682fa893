// Measures what hannop costs at Google's boundary (the bench's google-cost section) and writes the
// figures to docs/google-cost.json and the README's table made from them, so the two cannot drift
// (test/docs-google-cost.test.ts). With a file argument, takes the figures from that JSON (the
// output of `npm run bench -- --json google-cost`, or a figures object) instead of measuring.
//
// Usage: npm run google-cost [-- figures.json]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function figuresOf(json) {
  if (json.sections) {
    const section = json.sections.find((candidate) => candidate.name === 'google-cost');
    if (!section?.figures) throw new Error(`the bench gave no google-cost figures: ${section?.error ?? ''}`);
    return section.figures;
  }
  return json;
}

function measured() {
  const child = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'bench.mjs'), '--json', 'google-cost'],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(child.stdout);
}

const [file] = process.argv.slice(2);
const figures = figuresOf(file ? JSON.parse(readFileSync(file, 'utf8')) : measured());
const table = await tsImport(
  pathToFileURL(path.join(root, 'test', 'google-cost-table.ts')).href,
  import.meta.url,
);
writeFileSync(path.join(root, 'docs', 'google-cost.json'), `${JSON.stringify(figures, null, 2)}\n`);
const readmePath = path.join(root, 'README.md');
writeFileSync(readmePath, table.withGoogleCostTable(readFileSync(readmePath, 'utf8'), figures));
console.log('docs/google-cost.json and the README table written.');
