// The validation edge: every call from any transport (IPC, WebSocket, CLI) passes through here,
// so arguments are checked against the shared schemas before any side effect.

import { apiSchemas, describeValidationError } from '../../src-shared/api/params';
import { isApiMethod, type ApiImplementation, type ApiMethod, type ApiParams } from '../../src-shared/api/contract';
import { ThermographError, type ApiError, type ApiResult } from '../../src-shared/api/errors';

/** Validates a call's method and params, runs it, and turns every failure into an ApiError value. */
export async function dispatch(api: ApiImplementation, method: unknown, params: unknown): Promise<ApiResult<unknown>> {
  if (!isApiMethod(method)) {
    return failure('invalid-argument', `Unknown API method ${JSON.stringify(String(method)).slice(0, 80)}.`);
  }
  let parsed;
  try {
    parsed = apiSchemas[method].safeParse(params ?? {});
  } catch (error) {
    // A schema must never crash on hostile input; if one does, the call is still refused.
    return failure('invalid-argument', `Invalid arguments for ${method}: ${(error as Error).message}.`);
  }
  if (!parsed.success) return failure('invalid-argument', describeValidationError(method, parsed.error));
  try {
    const call = api[method] as (input: ApiParams<ApiMethod>) => unknown;
    return { ok: true, value: await call(parsed.data as ApiParams<ApiMethod>) };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

/** Maps any thrown value to an ApiError; unexpected errors keep their message but are marked internal. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ThermographError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error: ${message}. This is a bug in Thermograph; please report it.` };
}

function failure(code: ApiError['code'], message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
