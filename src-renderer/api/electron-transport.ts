// The Electron transport: the preload exposes `window.thermograph`, one function per API method
// plus `on(event, listener)`. Nothing else of Electron or Node is reachable from the page.

import type { ThermographBridge } from '../../src-shared/api/contract';
import type { ApiResult } from '../../src-shared/api/errors';
import { unavailable, type Transport } from './transport';

declare global {
  interface Window {
    /** Present only inside the Electron app (set by the preload). */
    thermograph?: ThermographBridge;
  }
}

/** A transport over the preload bridge. */
export function createElectronTransport(bridge: ThermographBridge): Transport {
  return {
    async call(method, params) {
      const send = bridge[method] as ((input: unknown) => Promise<ApiResult<unknown>>) | undefined;
      if (typeof send !== 'function') {
        return unavailable(
          `This Thermograph window does not offer "${method}". Restart Thermograph so the window and engine match.`,
        );
      }
      try {
        return await send(params);
      } catch (error) {
        // The bridge resolves ApiResults; a rejection means IPC itself failed (the engine is gone).
        const reason = error instanceof Error ? error.message : String(error);
        return unavailable(`The Thermograph engine did not answer (${reason}). Restart Thermograph.`);
      }
    },
    on(event, listener) {
      return bridge.on(event, listener);
    },
  };
}
