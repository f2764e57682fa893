// Which Chromium the browser tests drive, so that `npm ci && npm test` is all the set-up:
// CHROMIUM_PATH when given, else a Chromium on PATH, else the one shipped inside the npm package
// @sparticuz/chromium (a devDependency), unpacked once into the temp folder with its own fonts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

export interface ChromiumChoice {
  readonly executablePath: string;
  /** Where it came from, for the failure message. */
  readonly source: string;
  /** Extra environment for the browser process (the packaged one needs its fonts). */
  readonly env: Readonly<Record<string, string>>;
}

const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome'];

function onPath(name: string): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    if (directory === '') continue;
    const candidate = join(directory, name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

const FONTS_CONF = 'hannop-fonts.conf';

function fontsConf(cache: string): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${join(cache, 'fonts')}</dir>`,
    '  <dir>/usr/share/fonts</dir>',
    `  <cachedir>${join(cache, 'fonts-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

/** The installed version of @sparticuz/chromium (its `exports` hide package.json from require). */
function packageVersion(): string {
  let directory = dirname(require.resolve('@sparticuz/chromium'));
  while (directory !== dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === '@sparticuz/chromium' && parsed.version) return parsed.version;
    }
    directory = dirname(directory);
  }
  throw new Error('@sparticuz/chromium is not installed: run npm ci.');
}

/** The packaged Chromium, unpacked under $TMPDIR/hannop-chromium-<version> on first use. */
async function packagedChromium(): Promise<ChromiumChoice> {
  const version = packageVersion();
  const cache = join(tmpdir(), `hannop-chromium-${version}`);
  const executablePath = join(cache, 'chromium');
  if (!existsSync(executablePath)) {
    // The package unpacks into os.tmpdir(), which reads TMPDIR: a child process (jest's sandbox has
    // its own copy of process.env) unpacks into a folder of its own, then the whole folder moves into
    // place at once, so parallel runs never see half a browser.
    const staging = mkdtempSync(join(tmpdir(), `hannop-chromium-${version}-`));
    const unpack = spawnSync(
      process.execPath,
      ['-e', "require('@sparticuz/chromium').executablePath().then((path) => console.log(path))"],
      { cwd: __dirname, env: { ...process.env, TMPDIR: staging }, encoding: 'utf8', timeout: 120000 },
    );
    if (unpack.status !== 0 || !existsSync(join(staging, 'chromium'))) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(
        `unpacking @sparticuz/chromium ${version} failed: ${unpack.stderr || String(unpack.error)}`,
      );
    }
    // The package's fonts.conf names /tmp/fonts whatever TMPDIR is: ours names the unpacked fonts
    // (Open Sans, which has the Vietnamese letters) where they will be after the move.
    writeFileSync(join(staging, FONTS_CONF), fontsConf(cache), 'utf8');
    try {
      renameSync(staging, cache);
    } catch (error) {
      // Another run moved its copy in first: use that one.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(executablePath)) throw error;
    }
  }
  return {
    executablePath,
    source: `@sparticuz/chromium ${version}`,
    env: { FONTCONFIG_FILE: join(cache, FONTS_CONF) },
  };
}

export async function chooseChromium(): Promise<ChromiumChoice> {
  const given = process.env.CHROMIUM_PATH;
  if (given) return { executablePath: given, source: 'CHROMIUM_PATH', env: {} };
  for (const name of ON_PATH) {
    const found = onPath(name);
    if (found) return { executablePath: found, source: `${name} on PATH`, env: {} };
  }
  return packagedChromium();
}
