// The browser-mode transport: one WebSocket to the engine (protocol in src-shared/api/protocol.ts).
// The socket reconnects with exponential backoff; calls made while it is down wait for it, and
// calls in flight when it drops are answered with an error rather than left hanging.

import type { ApiEvent, ApiMethod } from '../../src-shared/api/contract';
import type { ApiResult } from '../../src-shared/api/errors';
import { isTaggedTypedArray, type CallMessage, type TaggedTypedArray } from '../../src-shared/api/protocol';
import type { ConnectionStatus } from './connection.svelte';
import { unavailable, type EventListener, type Transport } from './transport';

/** Backoff bounds for reconnecting. */
const firstRetryMs = 250;
const longestRetryMs = 5_000;
/** A call waiting for the socket gives up after this long, so the UI can say so. */
const queuedCallTimeoutMs = 15_000;

interface PendingCall {
  message: CallMessage;
  resolve: (result: ApiResult<unknown>) => void;
  sent: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

/** Tells the owner how the link is doing. */
export type StatusListener = (status: ConnectionStatus, retryAt: number | null) => void;

/**
 * A reconnecting transport over a WebSocket at `url`. Without a token in the URL, a socket that is
 * refused before ever opening means the page needs its token, which the status says.
 */
export function createWebSocketTransport(url: string, hasToken: boolean, onStatus: StatusListener): Transport {
  const pending = new Map<number, PendingCall>();
  const listeners = new Map<ApiEvent, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = firstRetryMs;
  let everOpened = false;

  const send = (call: PendingCall) => {
    if (socket?.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify(call.message));
    call.sent = true;
    if (call.timer) clearTimeout(call.timer);
    call.timer = null;
  };

  const settle = (id: number, result: ApiResult<unknown>) => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (call.timer) clearTimeout(call.timer);
    call.resolve(result);
  };

  const receive = (data: unknown) => {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = untagTypedArrays(JSON.parse(data));
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    if ('id' in message && 'result' in message && typeof message.id === 'number') {
      settle(message.id, message.result as ApiResult<unknown>);
    } else if ('event' in message && 'payload' in message) {
      const set = listeners.get(message.event as ApiEvent);
      // A throwing listener must not stop the others or the socket's message loop.
      for (const listener of set ?? []) {
        try {
          listener(message.payload);
        } catch (error) {
          console.error(`Listener for ${String(message.event)} failed`, error);
        }
      }
    }
  };

  const connect = () => {
    if (socket === null) onStatus('connecting', null);
    const current = new WebSocket(url);
    socket = current;
    current.addEventListener('open', () => {
      retryMs = firstRetryMs;
      everOpened = true;
      onStatus('open', null);
      for (const call of pending.values()) if (!call.sent) send(call);
    });
    current.addEventListener('message', (event) => receive(event.data));
    current.addEventListener('close', () => {
      if (socket !== current) return;
      for (const [id, call] of pending) {
        if (call.sent) {
          settle(
            id,
            unavailable(
              'Lost connection to the Thermograph engine before it answered. Try again once it has reconnected.',
            ),
          );
        }
      }
      const retryAt = Date.now() + retryMs;
      onStatus(!everOpened && !hasToken ? 'missing-token' : 'reconnecting', retryAt);
      setTimeout(connect, retryMs);
      retryMs = Math.min(longestRetryMs, retryMs * 2);
    });
  };
  connect();

  return {
    call(method: ApiMethod, params: unknown) {
      return new Promise<ApiResult<unknown>>((resolve) => {
        const id = nextId++;
        const call: PendingCall = { message: { id, method, params }, resolve, sent: false, timer: null };
        pending.set(id, call);
        if (socket?.readyState === WebSocket.OPEN) {
          send(call);
        } else {
          call.timer = setTimeout(
            () =>
              settle(
                id,
                unavailable(
                  'The Thermograph engine is not reachable. Check that `thermograph serve` is still running.',
                ),
              ),
            queuedCallTimeoutMs,
          );
        }
      });
    },
    on<E extends ApiEvent>(event: E, listener: EventListener<E>) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
  };
}

const typedArrayConstructors = { Int32Array, Float64Array, Uint16Array, Uint8Array } as const;

/**
 * Restores, in place, the typed arrays sent as tagged base64 (see protocol.ts) anywhere in a parsed
 * message. A walk after parsing rather than a JSON.parse reviver: a reviver is called for every
 * value and takes JSON.parse off its fast path, which made a 24,000-function bottom-up answer
 * spend longer being revived than being computed.
 */
function untagTypedArrays(message: unknown): unknown {
  if (isTaggedTypedArray(message)) return typedArrayOf(message);
  const pending: object[] = typeof message === 'object' && message !== null ? [message] : [];
  for (let container = pending.pop(); container !== undefined; container = pending.pop()) {
    const values = container as Record<string, unknown>;
    for (const key in values) {
      const value = values[key];
      if (typeof value !== 'object' || value === null) continue;
      if (isTaggedTypedArray(value)) values[key] = typedArrayOf(value);
      else pending.push(value);
    }
  }
  return message;
}

/** Base64 to bytes: the platform's decoder where the browser has one (Chromium 140+). */
const fromBase64 = (
  Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }
).fromBase64?.bind(Uint8Array);

function typedArrayOf(tagged: TaggedTypedArray): ArrayBufferView {
  let bytes: Uint8Array<ArrayBuffer>;
  if (fromBase64) bytes = fromBase64(tagged.base64);
  else {
    const binary = atob(tagged.base64);
    bytes = new Uint8Array(new ArrayBuffer(binary.length));
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  }
  const create = typedArrayConstructors[tagged.$typed];
  return new create(bytes.buffer, bytes.byteOffset, bytes.byteLength / create.BYTES_PER_ELEMENT);
}
