// Runs after `npm install` / `npm ci`:
//  1. builds the app (electron-vite build) so `npx thermograph` and `npm start` work in a fresh
//     clone; a failure here is a bug in our code, so it fails the install;
//  2. builds better-sqlite3 for Electron (only the desktop app needs it); this never fails the
//     install: offline, the Electron headers are unreachable, and browser mode and the CLI still work.
//     THERMOGRAPH_SKIP_ELECTRON_NATIVE=1 skips it (CI does, to save a minute).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, canBuild } from './build-app.mjs';
import { buildElectronNative, failureLine, projectRoot } from './build-electron-native.mjs';

function buildTheApp() {
  if (!canBuild()) {
    if (existsSync(join(projectRoot, 'out', 'main', 'cli.js'))) {
      console.log(
        'Thermograph: electron-vite is not installed (production install?); keeping the existing build in out/.',
      );
      return;
    }
    console.error(
      'Thermograph: cannot build the app: electron-vite is not installed. Run `npm install` with dev dependencies.',
    );
    process.exit(1);
  }
  console.log('Thermograph: building the app (electron-vite build)...');
  const status = buildApp();
  if (status !== 0) {
    console.error('Thermograph: building the app failed (see the errors above); `npm run build` repeats it.');
    process.exit(status);
  }
}

async function buildNative() {
  if (process.env.THERMOGRAPH_SKIP_ELECTRON_NATIVE === '1') {
    console.log('Thermograph: skipping the Electron database driver (THERMOGRAPH_SKIP_ELECTRON_NATIVE=1).');
    return;
  }
  if (!existsSync(join(projectRoot, 'node_modules', 'better-sqlite3'))) return;
  console.log('Thermograph: building the database driver for the desktop app (better-sqlite3 for Electron)...');
  const result = await buildElectronNative();
  if (result.status === 'built')
    console.log(`Thermograph: built native/electron/better_sqlite3.node for Electron ${result.electronVersion}.`);
  if (result.status === 'failed') console.log(failureLine(result));
}

buildTheApp();
await buildNative();
