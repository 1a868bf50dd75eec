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

/**
 * Typed arrays (the columns of a flame graph view) cross the JSON protocol as tagged base64, about
 * a third larger than their bytes and far smaller and faster than arrays of decimal numbers.
 * Byte order is little-endian on both ends (every platform Node and Chromium ship for).
 */
export interface TaggedTypedArray {
  $typed: TypedArrayName;
  base64: string;
}

/** The typed arrays the protocol carries. */
export const typedArrayNames = ['Int32Array', 'Float64Array', 'Uint16Array', 'Uint8Array'] as const;
/** The name of a typed array the protocol carries. */
export type TypedArrayName = (typeof typedArrayNames)[number];

/** True when a parsed JSON value is a tagged typed array. */
export function isTaggedTypedArray(value: unknown): value is TaggedTypedArray {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TaggedTypedArray).base64 === 'string' &&
    (typedArrayNames as readonly unknown[]).includes((value as TaggedTypedArray).$typed)
  );
}
