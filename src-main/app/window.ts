// The one application window, hardened: isolated, sandboxed, no Node, web security on.

import { existsSync } from 'node:fs';
import { BrowserWindow } from 'electron';
import { iconPath, preloadPath, rendererIndexPath } from './paths';

/** The UI's background colour, painted before the page loads so there is no white flash. */
export const backgroundColour = '#0f1115';

/** Creates the main window and loads the renderer; `development` enables DevTools. */
export function createMainWindow(development: boolean): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Thermograph',
    width: 1400,
    height: 900,
    minWidth: 1000,
    minHeight: 640,
    show: false,
    backgroundColor: backgroundColour,
    icon: existsSync(iconPath) ? iconPath : undefined,
    webPreferences: {
      preload: preloadPath,
      // The renderer only ever talks to the engine through the preload's narrow bridge. (The old
      // `remote` module no longer exists in Electron, so there is nothing to switch off for it.)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: development,
    },
  });
  window.once('ready-to-show', () => window.show());
  // The page title comes from index.html; keep the window's name stable instead.
  window.on('page-title-updated', (event) => event.preventDefault());
  void window.loadFile(rendererIndexPath);
  return window;
}
