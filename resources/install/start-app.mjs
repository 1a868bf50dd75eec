// `npm start`: says what it is doing first, builds only when a source is newer than the last build,
// then starts the app (out/main/start.js: the desktop window, or browser mode without Electron).
// A build takes a while, so the line comes before it rather than after.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp, projectRoot } from './build-app.mjs';

/** What the build reads: folders walked whole, and files at the project's root. */
const sourceFolders = ['src-main', 'src-renderer', 'src-shared', 'resources/proc-pump', 'resources/icons'];
const sourceFiles = [
  'package.json',
  'electron.vite.config.ts',
  'report.vite.config.mts',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.shared.json',
  'tsconfig.web.json',
];

/** The newest modification time (ms) among the build's sources. */
export function newestSource(root = projectRoot) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const status = statSync(path);
    if (status.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, status.mtimeMs);
  };
  for (const folder of sourceFolders) visit(join(root, folder));
  for (const file of sourceFiles) visit(join(root, file));
  return newest;
}

/** True when there is no finished build, or a source changed after the last one started. */
export function needsBuild(root = projectRoot) {
  const stamp = join(root, 'out', '.build-stamp');
  if (!existsSync(stamp) || !existsSync(join(root, 'out', 'main', 'start.js'))) return true;
  return newestSource(root) > statSync(stamp).mtimeMs;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  if (needsBuild()) {
    console.error('Thermograph: sources changed since the last build; building first (about a minute), then starting…');
    const status = buildApp();
    if (status !== 0) {
      console.error('Thermograph: the build failed (its errors are above); fix them and run `npm start` again.');
      process.exit(status);
    }
  } else {
    console.error('Thermograph: the build is up to date; starting…');
  }
  await import(pathToFileURL(join(projectRoot, 'out', 'main', 'start.js')).href);
}
