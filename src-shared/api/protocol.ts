// The browser-mode wire protocol: JSON messages over one WebSocket.
// client → server: { id, method, params }      server → client: { id, result } (an ApiResult)
// server → client: { event, payload } for ApiEvents.

import type { ApiEvent, ApiEvents, ApiMethod } from './contract';
import type { ApiResult } from './errors';

/** A call from the UI. */
export interface CallMessage {
  id: number;
  method: ApiMethod;
  params: unknown;
}

/** The answer to one call. */
export interface ReplyMessage {
  id: number;
  result: ApiResult<unknown>;
}

/** An event pushed by the engine. */
export interface EventMessage<E extends ApiEvent = ApiEvent> {
  event: E;
  payload: ApiEvents[E];
}

/** The WebSocket path the server accepts; the token travels as the `token` query parameter. */
export const webSocketPath = '/api';
/** The IPC channel prefix used by the Electron bridge: `thermograph:<method>` and `thermograph-event`. */
export const ipcChannelPrefix = 'thermograph:';
/** The IPC channel events are sent on. */
export const ipcEventChannel = 'thermograph-event';
