// Builds the app (electron-vite build) and marks the CLI executable, so `npx thermograph` works.
// `npm run build` and the postinstall step both run this, so a fresh clone and a rebuild agree.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const electronVite = join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const vite = join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
const cli = join(projectRoot, 'out', 'main', 'cli.js');
/** Written after a successful build, with the time that build started: `npm start` builds again only when a source is newer. */
const buildStamp = join(projectRoot, 'out', '.build-stamp');

/**
 * Runs electron-vite build, then builds the exported report's viewer (out/report, see
 * report.vite.config.mts), and chmods the CLI; returns the build's exit status (0 on success).
 */
export function buildApp() {
  // A file saved while the build runs is newer than this, so the next `npm start` builds again.
  const started = new Date();
  const result = spawnSync(process.execPath, [electronVite, 'build'], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) return result.status || 1;
  const report = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'report.vite.config.mts', '--logLevel', 'warn'],
    {
      cwd: projectRoot,
      stdio: 'inherit',
    },
  );
  if (report.status !== 0) return report.status || 1;
  // npm links a package's own bin without marking it executable; npx would answer "Permission denied".
  if (existsSync(cli)) chmodSync(cli, 0o755);
  writeFileSync(buildStamp, `${started.toISOString()}\n`);
  utimesSync(buildStamp, started, started);
  return 0;
}

/** True when electron-vite is installed (it is a dev dependency). */
export function canBuild() {
  return existsSync(electronVite);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = buildApp();
}
