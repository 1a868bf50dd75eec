// The Electron transport: one ipcMain handler per API method, derived from the shared method list,
// and engine events forwarded to the window. Arguments are validated by engine.dispatch.

import { ipcMain, type BrowserWindow } from 'electron';
import { apiMethodNames, type ApiEvent, type ApiEvents } from '../../src-shared/api/contract';
import type { ApiResult } from '../../src-shared/api/errors';
import { ipcChannelPrefix, ipcEventChannel } from '../../src-shared/api/protocol';
import type { Engine } from '../api/engine-types';
import { isTrustedSender } from './security';

const untrustedSender: ApiResult<never> = {
  ok: false,
  error: { code: 'permission-denied', message: 'Only the Thermograph window may call the API.' },
};

/** Registers the API handlers; returns a function that removes them. */
export function registerApiHandlers(engine: Engine): () => void {
  for (const method of apiMethodNames) {
    ipcMain.handle(ipcChannelPrefix + method, (event, params: unknown) =>
      isTrustedSender(event.senderFrame) ? engine.dispatch(method, params) : untrustedSender,
    );
  }
  return () => {
    for (const method of apiMethodNames) ipcMain.removeHandler(ipcChannelPrefix + method);
  };
}

/** Sends every engine event to the window while it exists; returns the unsubscribe function. */
export function forwardEvents(engine: Engine, window: () => BrowserWindow | null): () => void {
  return engine.subscribe(<E extends ApiEvent>(event: E, payload: ApiEvents[E]) => {
    const target = window();
    if (target && !target.isDestroyed()) target.webContents.send(ipcEventChannel, event, payload);
  });
}
