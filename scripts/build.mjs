// Builds the Apps Script project that clasp pushes: dist/Code.js and dist/appsscript.json.
//
// Apps Script loads every file as one classic script (no modules, no require) and calls only
// top-level function declarations from menus, triggers and google.script.run. So src/gas/main.ts
// is bundled into one IIFE that assigns its exports to `var hannop`, and each export gets a
// top-level function that forwards to it. The build refuses anything Apps Script would reject.
//
// It also builds the command line (--cli): src/node/cli.ts bundled into dist-cli/hannop.cjs for
// Node, with a source map, so `hannop` starts without compiling TypeScript; `npm ci` runs it
// (the `prepare` script) and bin/hannop.js rebuilds it when a file in src/ is newer.
//
// Usage: node scripts/build.mjs [--cli]   (or: import { build, buildCli } from './build.mjs')

import * as esbuild from 'esbuild';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const GLOBAL_NAME = 'hannop';
export const ENTRY_POINT = 'src/gas/main.ts';
export const CODE_FILE = 'Code.js';
export const MANIFEST_FILE = 'appsscript.json';

export class BuildError extends Error {
  constructor(message) {
    super(message);
    this.name = 'BuildError';
  }
}

function esbuildOptions(root) {
  return {
    absWorkingDir: root,
    entryPoints: [path.join(root, ENTRY_POINT)],
    bundle: true,
    write: false,
    platform: 'neutral',
    // With platform neutral esbuild reads no main fields by default; packages without `exports` need them.
    mainFields: ['module', 'main'],
    target: 'es2019',
    treeShaking: true,
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  };
}

/** The entry's export names, as esbuild sees them (exports are listed only for ESM output). */
async function entryExports(root) {
  const result = await esbuild.build({
    ...esbuildOptions(root),
    format: 'esm',
    metafile: true,
    outfile: 'entry.js',
  });
  const outputs = Object.values(result.metafile.outputs).filter((output) => output.entryPoint);
  if (outputs.length !== 1)
    throw new BuildError(`expected one output for ${ENTRY_POINT}, got ${outputs.length}`);
  return outputs[0].exports;
}

async function bundleIife(root) {
  const result = await esbuild.build({ ...esbuildOptions(root), format: 'iife', globalName: GLOBAL_NAME });
  return result.outputFiles[0].text;
}

function checkExportNames(names) {
  if (names.length === 0)
    throw new BuildError(`${ENTRY_POINT} exports nothing: Apps Script would have nothing to call.`);
  for (const name of names) {
    if (name === 'default') {
      throw new BuildError(
        `${ENTRY_POINT} has a default export: use named exports, the name is what Apps Script calls.`,
      );
    }
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
      throw new BuildError(`${ENTRY_POINT} exports "${name}", which cannot be a function name.`);
    }
    if (name === GLOBAL_NAME) {
      throw new BuildError(`${ENTRY_POINT} exports "${name}", the name the bundle itself is assigned to.`);
    }
    if (name.endsWith('_')) {
      throw new BuildError(
        `${ENTRY_POINT} exports "${name}": Apps Script treats names ending in "_" as private, so menus, ` +
          'triggers and google.script.run cannot call it.',
      );
    }
  }
}

/** What would stop Apps Script from loading the file, with its line, or null. */
export function findModuleSyntax(code) {
  const patterns = [
    { what: 'a require( call', pattern: /\brequire\s*\(/ },
    { what: "esbuild's __require shim (a dependency calls require)", pattern: /\b__require\b/ },
    { what: 'an import statement', pattern: /^\s*import\s*[\w${*'"]/m },
    { what: 'an export statement', pattern: /^\s*export\s+[\w${*]/m },
    { what: 'a dynamic import(', pattern: /\bimport\s*\(/ },
    { what: 'import.meta', pattern: /\bimport\.meta\b/ },
  ];
  for (const { what, pattern } of patterns) {
    const match = pattern.exec(code);
    if (!match) continue;
    const line = code.slice(0, match.index).split('\n').length;
    return `${what} at line ${line}: ${code.split('\n')[line - 1].trim()}`;
  }
  try {
    new vm.Script(code, { filename: CODE_FILE });
  } catch (error) {
    return `it does not parse as a classic script: ${error.message}`;
  }
  return null;
}

/**
 * Loads the bundle in an empty context (no Apps Script services, no Node globals) and returns the
 * exports that are not functions. Module top level must not touch services: Apps Script runs the
 * whole file before every call, including simple triggers that may not use them.
 */
function nonFunctionExports(bundle, names) {
  const context = vm.createContext({});
  try {
    vm.runInContext(bundle, context, { filename: CODE_FILE });
  } catch (error) {
    throw new BuildError(
      `loading the bundle with no globals threw ${error.name}: ${error.message}. ` +
        'Module top-level code must not use Apps Script services or Node globals.',
    );
  }
  const exported = context[GLOBAL_NAME];
  return names.filter((name) => typeof exported?.[name] !== 'function');
}

function entryFunctions(names) {
  const lines = names.map((name) => `function ${name}(...args) { return ${GLOBAL_NAME}.${name}(...args); }`);
  return [
    '// Apps Script calls only top-level function declarations: one per export of src/gas/main.ts.',
    ...lines,
    '',
  ].join('\n');
}

async function readManifest(root) {
  const manifestPath = path.join(root, MANIFEST_FILE);
  const text = await readFile(manifestPath, 'utf8').catch((error) => {
    throw new BuildError(`cannot read ${MANIFEST_FILE}: ${error.message}`);
  });
  try {
    JSON.parse(text);
  } catch (error) {
    throw new BuildError(`${MANIFEST_FILE} is not valid JSON: ${error.message}`);
  }
  return text;
}

/**
 * Builds dist/ (or `outDir`) and returns what it wrote. Throws BuildError when the result could
 * not run in Apps Script; esbuild's own errors (syntax, unresolved import) pass through.
 */
export async function build({ root = projectRoot, outDir = path.join(root, 'dist') } = {}) {
  const startedAt = performance.now();
  const manifest = await readManifest(root);
  const names = await entryExports(root);
  checkExportNames(names);
  const bundle = await bundleIife(root);

  const problem = findModuleSyntax(bundle);
  if (problem) throw new BuildError(`the bundle cannot run in Apps Script: ${problem}`);
  const notFunctions = nonFunctionExports(bundle, names);
  if (notFunctions.length > 0) {
    throw new BuildError(
      `${ENTRY_POINT} exports ${notFunctions.join(', ')}, which ${notFunctions.length === 1 ? 'is' : 'are'} ` +
        'not a function: export only entry functions from it.',
    );
  }

  const code = `${bundle}\n${entryFunctions(names)}`;
  const codePath = path.join(outDir, CODE_FILE);
  const manifestPath = path.join(outDir, MANIFEST_FILE);
  // clasp pushes every file in dist/: a stale file left there would run in Apps Script too.
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await writeFile(codePath, code, 'utf8');
  await writeFile(manifestPath, manifest, 'utf8');

  return {
    codePath,
    manifestPath,
    entryFunctions: names,
    bytes: Buffer.byteLength(code, 'utf8'),
    durationMs: performance.now() - startedAt,
  };
}

export const CLI_ENTRY_POINT = 'src/node/cli.ts';
export const CLI_DIR = 'dist-cli';
export const CLI_FILE = 'hannop.cjs';
/** Files the bundle loads by path at run time (the SMTP worker thread), copied beside it. */
const CLI_RUNTIME_FILES = ['src/node/smtp-worker.js'];

/**
 * Builds dist-cli/ (or `outDir`): the command line as one CommonJS file for Node 20+, its source
 * map, and the files it loads by path. Packages stay outside (required from node_modules when a
 * command needs them); each command's module runs only when it is imported. The folder is built
 * beside the target and renamed into place, so a command started meanwhile never reads half a file.
 */
export async function buildCli({ root = projectRoot, outDir = path.join(root, CLI_DIR) } = {}) {
  const startedAt = performance.now();
  await mkdir(path.dirname(outDir), { recursive: true });
  const staging = await mkdtemp(`${outDir}.partial-`);
  try {
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: [path.join(root, CLI_ENTRY_POINT)],
      outfile: path.join(staging, CLI_FILE),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      sourcemap: true,
      // Less to parse at every start; names stay, and the map gives the TypeScript lines.
      minifyWhitespace: true,
      minifySyntax: true,
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
    });
    for (const file of CLI_RUNTIME_FILES)
      await copyFile(path.join(root, file), path.join(staging, path.basename(file)));
    const previous = `${outDir}.old-${process.pid}`;
    await rename(outDir, previous).catch(() => undefined);
    // Two builds at once (two commands started after an edit): the first one in place wins.
    await rename(staging, outDir).catch(async (error) => {
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(path.join(outDir, CLI_FILE))) throw error;
    });
    await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return { codePath: path.join(outDir, CLI_FILE), durationMs: performance.now() - startedAt };
}

function isCli() {
  if (!process.argv[1]) return false;
  return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
}

if (isCli() && process.argv.includes('--cli')) {
  try {
    const result = await buildCli();
    console.log(`${path.relative(process.cwd(), result.codePath)}: ${Math.round(result.durationMs)} ms`);
  } catch (error) {
    console.error(`build failed: ${error?.message ?? String(error)}`);
    process.exit(1);
  }
} else if (isCli()) {
  try {
    const result = await build();
    const relative = path.relative(process.cwd(), result.codePath) || result.codePath;
    console.log(
      `${relative}: ${(result.bytes / 1024).toFixed(1)} KB (${result.bytes} bytes), ` +
        `${result.entryFunctions.length} entry functions, ${Math.round(result.durationMs)} ms`,
    );
  } catch (error) {
    const message = error instanceof BuildError ? error.message : (error?.message ?? String(error));
    console.error(`build failed: ${message}`);
    process.exit(1);
  }
}
