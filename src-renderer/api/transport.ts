// A transport carries calls and events between the UI and the engine. The typed API is derived
// from the shared method list over any transport, so no per-method code is written by hand.

import {
  apiMethodNames,
  type ApiEvent,
  type ApiEvents,
  type ApiMethod,
  type ThermographApi,
} from '../../src-shared/api/contract';
import type { ApiResult } from '../../src-shared/api/errors';

/** Receives one event's payload. */
export type EventListener<E extends ApiEvent> = (payload: ApiEvents[E]) => void;

/** What the UI needs from a connection to the engine: untyped calls and event subscriptions. */
export interface Transport {
  call(method: ApiMethod, params: unknown): Promise<ApiResult<unknown>>;
  on<E extends ApiEvent>(event: E, listener: EventListener<E>): () => void;
}

/** Builds the typed API: one function per name in apiMethodNames, each forwarding to the transport. */
export function deriveApi(transport: Transport): ThermographApi {
  const api: Partial<Record<ApiMethod, (params: unknown) => Promise<ApiResult<unknown>>>> = {};
  for (const method of apiMethodNames) api[method] = (params: unknown) => transport.call(method, params ?? {});
  // The loop above covers exactly the ApiMethod union, which is what ThermographApi is keyed by.
  return api as ThermographApi;
}

/** The ApiResult of a call that never reached the engine. */
export function unavailable(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'unavailable', message } };
}
