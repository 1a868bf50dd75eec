// Locating the project's own files at run time (a layer-less helper: any layer may find its files). The bundler may move any module into
// out/main/chunks/, and tests run it from src-main/, so __dirname is only a starting point: the
// root is the nearest folder above it holding package.json.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project (or packaged app) root: the nearest folder at or above this module with a package.json. */
export function findAppRoot(start: string = __dirname): string {
  let folder = start;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error(`Thermograph cannot find its package.json above ${start}; the installation is incomplete.`);
    folder = parent;
  }
  return folder;
}

/** A folder of the build (out/main, out/preload, out/renderer from electron-vite; out/report, the report viewer). */
export function builtFolder(name: 'main' | 'preload' | 'renderer' | 'report'): string {
  return join(findAppRoot(), 'out', name);
}

/**
 * The built reading pump (resources/proc-pump, see sessions/reading-pump.ts), or null where there is
 * none (not Linux, no C compiler when it was built) or it is turned off with
 * THERMOGRAPH_READING_PUMP=off (to compare, or to rule it out when troubleshooting).
 */
export function readingPumpExecutable(): string | null {
  if (process.platform !== 'linux' || process.env.THERMOGRAPH_READING_PUMP === 'off') return null;
  const executable = unpackedPath(join(builtFolder('main'), 'proc-pump'));
  return existsSync(executable) ? executable : null;
}

/**
 * Where a file inside a packaged app's archive really is when it must run as a program: Electron
 * reads files inside `app.asar` but cannot execute them, so packagers put executables (asarUnpack)
 * in `app.asar.unpacked` beside it. Paths outside an archive are returned as they are.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
