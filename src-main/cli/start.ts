// `npm start`: the desktop app when the Electron runtime is installed, browser mode otherwise. The
// electron package's own index.js downloads the runtime when it is missing (and fails offline), so
// the binary is located here by reading the package's path.txt instead of requiring it.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDatabasePath } from '../store/location';
import { builtFolder, findAppRoot } from '../app-root';
import { runBrowserMode } from '../server/serve';
import { exitOnUnsupportedNode } from './node-version';

const appRoot = findAppRoot();

/** The Electron executable, or the reason it cannot be used. */
function findElectron(): { ok: true; executable: string } | { ok: false; reason: string } {
  const packageFolder = join(appRoot, 'node_modules', 'electron');
  if (!existsSync(join(packageFolder, 'package.json')))
    return { ok: false, reason: 'Electron is not installed (node_modules/electron is missing)' };
  const pathFile = join(packageFolder, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  // The same rules as the electron package's index.js: path.txt names the binary inside dist/, and
  // ELECTRON_OVERRIDE_DIST_PATH points at a runtime installed elsewhere.
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const executable = override ? join(override, relative || 'electron') : join(packageFolder, 'dist', relative);
  if (override && !existsSync(executable)) {
    return { ok: false, reason: `Electron runtime not found at ${executable} (ELECTRON_OVERRIDE_DIST_PATH)` };
  }
  if (!override && (!relative || !existsSync(executable))) {
    return { ok: false, reason: 'Electron runtime not installed (node_modules/electron/dist is empty)' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'No display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { ok: true, executable };
}

/** Runs the desktop app as a child process and exits with its status. */
function runDesktopApp(executable: string, argv: string[]): void {
  const environment = { ...process.env };
  // Set by some tools (and inherited from them), it would make Electron behave as plain Node.
  delete environment.ELECTRON_RUN_AS_NODE;
  const child = spawn(executable, [join(builtFolder('main'), 'main.js'), ...argv], {
    stdio: 'inherit',
    env: environment,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    console.error(`Could not start Electron (${executable}): ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Browser mode in this process, taking the flags the desktop app would have taken. */
async function runFallback(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, port: { type: 'string' } },
    strict: false,
  });
  const port = typeof values.port === 'string' ? Number(values.port) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535)) {
    console.error(`--port must be a whole number from 0 to 65535, not ${JSON.stringify(values.port)}.`);
    process.exit(2);
  }
  await runBrowserMode({
    databasePath: resolveDatabasePath(typeof values.db === 'string' ? values.db : undefined),
    port,
  });
}

exitOnUnsupportedNode();
const argv = process.argv.slice(2);
const electron = findElectron();
if (electron.ok) {
  runDesktopApp(electron.executable, argv);
} else {
  console.error(`${electron.reason}; starting browser mode instead — open the URL below.`);
  runFallback(argv).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
