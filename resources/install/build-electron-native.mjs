// Builds better-sqlite3 for Electron's ABI into native/electron/better_sqlite3.node, leaving the
// Node build in node_modules untouched (the CLI, browser mode and every test use that one).
// Standard rebuild tools rebuild in place and delete the working Node build first when they fail
// offline, so this builds a private copy instead (see ../shared/TOOLCHAIN.md).
//
// Used by postinstall.mjs (never fails the install) and runnable on its own:
//   node resources/install/build-electron-native.mjs [--force]    (npm run build:electron-native)

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (this file lives in resources/install/). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const timeoutMs = 180_000;
const defaultHeadersUrl = 'https://electronjs.org/headers';

function readVersion(packageFolder) {
  try {
    return JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** node-gyp: the project's own, the one npm passes to scripts, or the one bundled with npm on PATH. */
function findNodeGyp(root) {
  const candidates = [join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')];
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  if (process.env.npm_execpath)
    candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  for (const folder of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (existsSync(join(folder, 'npm')))
      candidates.push(
        join(folder, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      );
  }
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

/** The child's environment: npm's config variables would override our flags (nodedir=/usr would silently build for Node). */
function buildEnvironment() {
  const environment = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (
      !/^npm_config_/i.test(name) ||
      /^npm_config_(cache|proxy|https_proxy|noproxy|cafile|strict_ssl|python)$/i.test(name)
    )
      environment[name] = value;
  }
  return environment;
}

/** Runs a command, capturing its output, killing its whole process group at the timeout. */
function run(command, args, options) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output += chunk.toString();
      if (options.echo) process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolveRun({ code: null, output: `${output}\n${error.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, output, timedOut });
    });
  });
}

/** A one-phrase reason for a failed build, for the one line the install prints. */
export function describeFailure(output, timedOut, headersUrl) {
  if (timedOut) return `the build did not finish within ${timeoutMs / 1000} s`;
  if (
    /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network connectivity|getaddrinfo|proxy/i.test(
      output,
    )
  ) {
    return `the Electron headers could not be downloaded from ${headersUrl} (offline?)`;
  }
  if (/\b40[34]\b/.test(output) && /headers/i.test(output))
    return `the Electron headers were not found at ${headersUrl}`;
  const errors = output
    .split('\n')
    .filter((line) => line.startsWith('gyp ERR!') || /error/i.test(line))
    .join('\n');
  if (
    /not found: (make|g\+\+|c\+\+|cc)|Could not find any Python|No Xcode|unable to execute|command not found/i.test(
      errors,
    )
  ) {
    return 'a C++ build toolchain (make, a C++ compiler, python3) is missing';
  }
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^gyp (info|http|WARN)/.test(line));
  const error = lines.find(
    (line) => /error/i.test(line) && !/^gyp ERR! (stack|System|command|cwd|node -v|node-gyp -v|not ok)/.test(line),
  );
  return (error ?? lines.at(-1) ?? 'node-gyp failed without output').slice(0, 200);
}

/**
 * Builds the Electron copy unless an up-to-date one exists. Resolves to
 * { status: 'built' | 'up-to-date' | 'skipped' | 'failed', reason?, electronVersion? }; never rejects.
 */
export async function buildElectronNative({ root = projectRoot, force = false, echo = false } = {}) {
  const sqliteFolder = join(root, 'node_modules', 'better-sqlite3');
  const sqliteVersion = readVersion(sqliteFolder);
  if (!sqliteVersion) return { status: 'skipped', reason: 'better-sqlite3 is not installed' };
  const electronVersion = readVersion(join(root, 'node_modules', 'electron'));
  if (!electronVersion) return { status: 'skipped', reason: 'the electron package is not installed' };

  const outputFolder = join(root, 'native', 'electron');
  const bindingPath = join(outputFolder, 'better_sqlite3.node');
  const stampPath = join(outputFolder, 'build-info.json');
  const stamp = {
    electron: electronVersion,
    betterSqlite3: sqliteVersion,
    platform: process.platform,
    arch: process.arch,
  };
  if (
    !force &&
    existsSync(bindingPath) &&
    existsSync(stampPath) &&
    readFileSync(stampPath, 'utf8') === JSON.stringify(stamp)
  ) {
    return { status: 'up-to-date', electronVersion };
  }

  const nodeGyp = findNodeGyp(root);
  if (!nodeGyp)
    return {
      status: 'failed',
      electronVersion,
      reason: 'node-gyp was not found (neither in node_modules nor bundled with npm)',
    };

  const headersUrl = process.env.THERMOGRAPH_ELECTRON_HEADERS_URL || defaultHeadersUrl;
  const workFolder = mkdtempSync(join(tmpdir(), 'thermograph-electron-native-'));
  const copyFolder = join(workFolder, 'better-sqlite3');
  try {
    // The Node build's outputs and any nested node_modules are not needed to build from source.
    cpSync(sqliteFolder, copyFolder, {
      recursive: true,
      filter: (source) =>
        source === sqliteFolder ||
        !/^(build|node_modules)$/.test(source.slice(sqliteFolder.length + 1).split(/[\\/]/)[0]),
    });
    const args = [
      nodeGyp,
      'rebuild',
      '--release',
      '--jobs=max',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--dist-url=${headersUrl}`,
    ];
    const result = await run(process.execPath, args, { cwd: copyFolder, env: buildEnvironment(), timeoutMs, echo });
    mkdirSync(outputFolder, { recursive: true });
    writeFileSync(join(outputFolder, 'build.log'), result.output);
    const built = join(copyFolder, 'build', 'Release', 'better_sqlite3.node');
    if (result.code !== 0 || !existsSync(built)) {
      return { status: 'failed', electronVersion, reason: describeFailure(result.output, result.timedOut, headersUrl) };
    }
    // Copy then rename, so a reader never sees a half-written binding.
    cpSync(built, `${bindingPath}.partial`);
    renameSync(`${bindingPath}.partial`, bindingPath);
    writeFileSync(stampPath, JSON.stringify(stamp));
    return { status: 'built', electronVersion };
  } catch (error) {
    return { status: 'failed', electronVersion, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    rmSync(workFolder, { recursive: true, force: true });
  }
}

/** The line printed when the build did not happen; the desktop app is the only thing that needs it. */
export function failureLine(result) {
  return (
    `Thermograph: the desktop app's database driver (better-sqlite3 for Electron ${result.electronVersion}) was not built: ` +
    `${result.reason}. Browser mode (npm run serve) and the CLI work regardless; ` +
    'retry with `npm run build:electron-native` (log: native/electron/build.log).'
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  console.log('Building better-sqlite3 for Electron (about a minute)...');
  const result = await buildElectronNative({ force, echo: true });
  if (result.status === 'built')
    console.log(`Built native/electron/better_sqlite3.node for Electron ${result.electronVersion}.`);
  else if (result.status === 'up-to-date')
    console.log(
      `native/electron/better_sqlite3.node is up to date for Electron ${result.electronVersion} (use --force to rebuild).`,
    );
  else if (result.status === 'skipped') console.log(`Nothing to build: ${result.reason}.`);
  else {
    console.error(failureLine(result));
    process.exitCode = 1;
  }
}
