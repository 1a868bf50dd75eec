// The Electron bootstrap: one engine, one hardened window, the API over IPC. Everything else
// (recording, storage, analysis) lives in the engine, which also runs without Electron.

import { app, BrowserWindow, dialog, session, type WebContents } from 'electron';
import { createEngine } from '../api/engine';
import type { Engine } from '../api/engine-types';
import { resolveDatabasePath } from '../store/location';
import { forwardEvents, registerApiHandlers } from './ipc';
import { installApplicationMenu } from './menu';
import { notifyWatchEvents } from './notifications';
import { secureSession, secureWebContents } from './security';
import { createMainWindow } from './window';

/** Reads `--db PATH` or `--db=PATH` from the command line. */
function databaseFlag(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--db') return argv[index + 1];
    if (argument.startsWith('--db=')) return argument.slice('--db='.length);
  }
  return undefined;
}

/** Shows a blocking error and exits with status 1; used before the window exists. */
function failAtStartup(title: string, message: string): void {
  dialog.showErrorBox(title, message);
  app.exit(1);
}

/** Opens the engine, or explains why it cannot. better-sqlite3's N-API build loads in Electron as in Node. */
function openEngine(): Engine | null {
  const databasePath = resolveDatabasePath(databaseFlag(process.argv));
  try {
    return createEngine({ databasePath, mode: 'electron' });
  } catch (error) {
    failAtStartup('Thermograph: cannot open the database', error instanceof Error ? error.message : String(error));
    return null;
  }
}

function main(): void {
  app.setName('Thermograph');
  // As in browser mode: a promise a bug left unhandled is logged, and the recordings go on.
  process.on('unhandledRejection', (reason) => console.error('Thermograph: an unhandled rejection:', reason));
  // Two instances would both treat the other's live recordings as crashed: keep one, focus it.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const development = !app.isPackaged;
  let window: BrowserWindow | null = null;
  let engine: Engine | null = null;
  let engineClosing = false;
  let engineClosed = false;

  app.on('web-contents-created', (_event, contents: WebContents) => secureWebContents(contents));
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  const openWindow = (): void => {
    window = createMainWindow(development);
    window.on('closed', () => (window = null));
  };

  void app.whenReady().then(() => {
    secureSession(session.defaultSession);
    engine = openEngine();
    if (!engine) return;
    registerApiHandlers(engine);
    forwardEvents(engine, () => window);
    notifyWatchEvents(engine, () => window);
    installApplicationMenu(development);
    openWindow();
  });

  app.on('activate', () => {
    if (engine && !engineClosing && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  // The engine belongs to the app, not to a window: closing the last window ends the app everywhere.
  app.on('window-all-closed', () => app.quit());

  // Quitting waits for the engine to stop recordings (reason user-stopped) and flush to SQLite.
  app.on('before-quit', (event) => {
    if (!engine || engineClosed) return;
    event.preventDefault();
    if (engineClosing) return;
    engineClosing = true;
    engine
      .close()
      .catch((error: unknown) => console.error('Thermograph: closing the engine failed:', error))
      .finally(() => {
        engineClosed = true;
        app.quit();
      });
  });
}

main();
