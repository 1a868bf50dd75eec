// The one API client the UI uses. It picks the Electron bridge when the preload provided one, and
// otherwise the browser-mode WebSocket with the token from the page's URL.

import type { ApiEvent, ThermographApi } from '../../src-shared/api/contract';
import { webSocketPath } from '../../src-shared/api/protocol';
import { ConnectionState } from './connection.svelte';
import { createElectronTransport } from './electron-transport';
import { deriveApi, type EventListener, type Transport } from './transport';
import { createWebSocketTransport } from './websocket-transport';

/** The typed API, event subscription and the link's status. */
export interface ApiClient {
  readonly api: ThermographApi;
  /** Subscribes to one engine event; returns the unsubscribe function. */
  on<E extends ApiEvent>(event: E, listener: EventListener<E>): () => void;
  readonly connection: ConnectionState;
}

/** Creates the client for wherever the page runs (Electron window or browser tab). */
export function createApiClient(): ApiClient {
  const connection = new ConnectionState();
  let transport: Transport;
  if (window.thermograph) {
    transport = createElectronTransport(window.thermograph);
    connection.update('open');
  } else {
    // The token comes with the printed URL (and stays in it on reload); the socket sends it along.
    const token = new URLSearchParams(window.location.search).get('token');
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = token ? `?token=${encodeURIComponent(token)}` : '';
    const url = `${scheme}//${window.location.host}${webSocketPath}${query}`;
    transport = createWebSocketTransport(url, token !== null, (status, retryAt) => connection.update(status, retryAt));
  }
  return { api: deriveApi(transport), on: (event, listener) => transport.on(event, listener), connection };
}
