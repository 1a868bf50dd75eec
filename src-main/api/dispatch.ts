// The validation edge: every call from any transport (IPC, WebSocket, CLI) passes through here,
// so arguments are checked against the shared schemas before any side effect.

import { apiSchemas, describeValidationError } from '../../src-shared/api/params';
import { isApiMethod, type ApiImplementation, type ApiMethod, type ApiParams } from '../../src-shared/api/contract';
import { ThermographError, type ApiError, type ApiResult } from '../../src-shared/api/errors';

/**
 * Validates a call's method and params, runs it, and turns every failure into an ApiError value.
 * Never rejects: a transport may call it without awaiting, and a rejection there would end the process.
 */
export async function dispatch(api: ApiImplementation, method: unknown, params: unknown): Promise<ApiResult<unknown>> {
  try {
    return await validateAndCall(api, method, params);
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

async function validateAndCall(api: ApiImplementation, method: unknown, params: unknown): Promise<ApiResult<unknown>> {
  if (!isApiMethod(method)) {
    // Only a string is quoted: converting anything else runs code the caller chose (an object's toString).
    const name = typeof method === 'string' ? JSON.stringify(method.slice(0, 80)) : describeKind(method);
    return failure(
      'invalid-argument',
      `Unknown API method ${name}; the methods are listed in src-shared/api/contract.ts.`,
    );
  }
  let parsed;
  try {
    parsed = apiSchemas[method].safeParse(params ?? {});
  } catch (error) {
    // A schema must never crash on hostile input; if one does, the call is still refused.
    const reason = error instanceof Error ? error.message : describeThrown(error);
    return failure('invalid-argument', `Invalid arguments for ${method}: ${reason}.`);
  }
  if (!parsed.success) return failure('invalid-argument', describeValidationError(method, parsed.error));
  try {
    const call = api[method] as (input: ApiParams<ApiMethod>) => unknown;
    return { ok: true, value: await call(parsed.data as ApiParams<ApiMethod>) };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

/** A value's kind for an error message ("an object", "a number"); never converts the value itself. */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return value.length === 0 ? 'an empty string' : `a string of ${value.length} characters`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Maps any thrown value to an ApiError; unexpected errors keep their message but are marked internal. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ThermographError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : describeThrown(error);
  return { code: 'internal', message: `Unexpected error: ${message}. This is a bug in Thermograph; please report it.` };
}

/** A thrown non-Error as text; String() itself can throw (an object whose toString is not callable). */
function describeThrown(value: unknown): string {
  try {
    return String(value);
  } catch {
    return describeKind(value);
  }
}

function failure(code: ApiError['code'], message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
