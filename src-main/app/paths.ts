// Where the desktop app finds its pieces, relative to the project root rather than to the working
// directory the app was started from (or to whichever chunk the bundler put this module in).

import { join } from 'node:path';
import { builtFolder, findAppRoot } from '../app-root';

/** The project (or packaged app) root. */
export const appRoot = findAppRoot();

/** The built renderer page the window loads; the only page allowed to call the API. */
export const rendererIndexPath = join(builtFolder('renderer'), 'index.html');

/** The bundled preload script (CommonJS, because a sandboxed preload cannot be ESM). */
export const preloadPath = join(builtFolder('preload'), 'preload.js');

/** The window icon. */
export const iconPath = join(appRoot, 'resources', 'icons', 'thermograph.png');
