// The bridge between the sandboxed renderer and the main process. It exposes exactly one function
// per API method and an `on` for API events, derived from the shared lists: no ipcRenderer, no
// generic send, so a compromised page can reach nothing but the validated API.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  apiEventNames,
  apiMethodNames,
  isApiEvent,
  type ApiEvent,
  type ApiEvents,
  type ThermographApi,
  type ThermographBridge,
} from '../../src-shared/api/contract';
import { ipcChannelPrefix, ipcEventChannel } from '../../src-shared/api/protocol';

type EventListener = (payload: unknown) => void;

const listeners = new Map<ApiEvent, Set<EventListener>>(apiEventNames.map((name) => [name, new Set()]));

// One IPC listener for all events; the renderer never sees the IpcRendererEvent (it exposes the sender).
ipcRenderer.on(ipcEventChannel, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (!isApiEvent(name)) return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const api = Object.fromEntries(
  apiMethodNames.map((method) => [method, (params: unknown) => ipcRenderer.invoke(ipcChannelPrefix + method, params)]),
) as ThermographApi;

/** Subscribes to one API event; returns the function that unsubscribes. */
function on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
  if (!isApiEvent(event)) throw new TypeError(`Unknown Thermograph event ${JSON.stringify(String(event))}.`);
  if (typeof listener !== 'function') throw new TypeError('The event listener must be a function.');
  const wrapped: EventListener = (payload) => listener(payload as ApiEvents[E]);
  listeners.get(event)!.add(wrapped);
  return () => {
    listeners.get(event)!.delete(wrapped);
  };
}

const bridge: ThermographBridge = { ...api, on };
contextBridge.exposeInMainWorld('thermograph', bridge);
