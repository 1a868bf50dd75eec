// The API over WebSocket: each frame's envelope is checked (envelope.ts), its call goes through
// engine.dispatch (which validates the method and params) and comes back as a ReplyMessage; engine events go to every open socket as EventMessages.

import type { RawData, WebSocket } from 'ws';
import type { ApiEvent, ApiEvents } from '../../src-shared/api/contract';
import type { ApiResult } from '../../src-shared/api/errors';
import {
  typedArrayNames,
  type EventMessage,
  type ReplyMessage,
  type TaggedTypedArray,
  type TypedArrayName,
} from '../../src-shared/api/protocol';
import { toApiError } from '../api/dispatch';
import type { Engine } from '../api/engine-types';
import { parseCallEnvelope, unreadableId, type EnvelopeResult } from './envelope';

/** The largest message a client may send; ws closes the socket (1009) on anything bigger. */
export const maximumMessageBytes = 1024 * 1024;

/**
 * Above this many queued bytes a socket's client is not keeping up, so samplesAvailable events are
 * dropped for it: the UI re-reads the timeline when it catches up, and memory stays bounded.
 */
export const sampleDropThresholdBytes = 4 * 1024 * 1024;

/** Above this a client has stalled for good; it is closed (1013, try again later) so it can reconnect. */
export const stalledClientBytes = 64 * 1024 * 1024;

/** Holds the open sockets and the one engine subscription that feeds them. */
export interface SocketHub {
  /** Starts serving one authorized socket. */
  accept(socket: WebSocket): void;
  /** How many samplesAvailable events were dropped for slow clients (for tests and diagnostics). */
  readonly droppedSampleEvents: number;
  /** Unsubscribes from the engine and closes every socket. */
  close(): void;
}

/** Creates the hub and subscribes it to the engine's events, once for all sockets. */
export function createSocketHub(engine: Engine, report: (error: unknown) => void): SocketHub {
  const sockets = new Set<WebSocket>();
  let droppedSampleEvents = 0;

  const unsubscribe = engine.subscribe(<E extends ApiEvent>(event: E, payload: ApiEvents[E]) => {
    if (sockets.size === 0) return;
    // Serialized once, whatever the number of sockets.
    const message = JSON.stringify({ event, payload } satisfies EventMessage<E>);
    for (const socket of sockets) {
      if (socket.readyState !== socket.OPEN) continue;
      if (socket.bufferedAmount > stalledClientBytes) {
        socket.close(1013, 'client too slow; reconnect');
        continue;
      }
      if (event === 'samplesAvailable' && socket.bufferedAmount > sampleDropThresholdBytes) {
        droppedSampleEvents += 1;
        continue;
      }
      socket.send(message);
    }
  });

  function accept(socket: WebSocket): void {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A socket error (a reset connection, an oversized message) only ends that socket.
    socket.on('error', () => sockets.delete(socket));
    // answer() is not awaited by ws, so nothing it rejects with may escape: that would end the process
    // (and orphan the process groups of launched commands). It reports and the socket keeps serving.
    socket.on('message', (data, isBinary) => {
      answer(socket, data, isBinary).catch(report);
    });
  }

  async function answer(socket: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const envelope = isBinary ? refuseBinary() : parseCallEnvelope(rawToText(data));
    const result: ApiResult<unknown> = envelope.ok
      ? await engine.dispatch(envelope.call.method, envelope.call.params)
      : { ok: false, error: { code: 'invalid-argument', message: envelope.message } };
    const id = envelope.ok ? envelope.call.id : envelope.id;
    if (socket.readyState !== socket.OPEN) return;
    socket.send(serializeReply(id, result));
  }

  return {
    accept,
    get droppedSampleEvents() {
      return droppedSampleEvents;
    },
    close() {
      unsubscribe();
      for (const socket of sockets) socket.close(1001, 'server stopping');
      sockets.clear();
    },
  };
}

/** JSON.stringify replacer that sends typed arrays as tagged base64 (see protocol.ts). */
function tagTypedArrays(_key: string, value: unknown): unknown {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return value;
  const name = value.constructor.name as TypedArrayName;
  if (!typedArrayNames.includes(name)) return value;
  const base64 = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return { $typed: name, base64 } satisfies TaggedTypedArray;
}

/**
 * The reply as JSON. A result that cannot be serialized (a bug: a BigInt or a cycle in a value) still
 * answers its call, with an internal error, so the client is not left waiting.
 */
function serializeReply(id: number, result: ApiResult<unknown>): string {
  try {
    return JSON.stringify({ id, result } satisfies ReplyMessage, tagTypedArrays);
  } catch (error) {
    return JSON.stringify({ id, result: { ok: false, error: toApiError(error) } } satisfies ReplyMessage);
  }
}

function refuseBinary(): EnvelopeResult {
  return {
    ok: false,
    id: unreadableId,
    message: 'Binary WebSocket messages are not part of the protocol; send JSON text.',
  };
}

function rawToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
