// Runs after `npm install` / `npm ci`: builds the app (electron-vite build) so `npx thermograph` and
// `npm start` work in a fresh clone; a failure here is a bug in our code, so it fails the install.
// The database driver needs no build step: better-sqlite3 13 ships N-API prebuilds that load in
// Node and in Electron alike.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, canBuild, projectRoot } from './build-app.mjs';

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

buildTheApp();
