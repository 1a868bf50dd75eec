// The WebSocket message envelope `{ id, method, params }`, checked before anything else reads it.
// Everything in a frame is hostile until proven otherwise: an object where a string belongs (whose
// `toString` is not callable), a number too large to echo back, a key named `__proto__`. This file
// looks only at own properties and only at their types, so no value from the wire is converted,
// called or spread before it has the shape of a call.

import { describeKind } from '../api/dispatch';

/** A call whose envelope is well formed; the method name and params are validated by engine.dispatch. */
export interface CallEnvelope {
  id: number;
  method: string;
  params: Record<string, unknown>;
}

/** Either a call, or why the frame is not one and the id its reply can carry (-1 when it has none). */
export type EnvelopeResult = { ok: true; call: CallEnvelope } | { ok: false; id: number; message: string };

/** The id of a reply to a frame whose own id cannot be read. */
export const unreadableId = -1;

/** Longer than any method name by far, short enough to quote in an error message. */
const maximumMethodLength = 100;

const shape = 'send {"id": number, "method": string, "params": object}';

/** Parses one text frame into a call envelope; never throws. */
export function parseCallEnvelope(text: string): EnvelopeResult {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return refuse(unreadableId, `The message is not valid JSON; ${shape}.`);
  }
  if (!isPlainObject(message)) return refuse(unreadableId, `The message must be a JSON object; ${shape}.`);
  const id = ownValue(message, 'id');
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    return refuse(
      unreadableId,
      'The message needs a non-negative whole number "id" (at most 2^53 − 1) so its reply can be matched.',
    );
  }
  const method = ownValue(message, 'method');
  if (typeof method !== 'string' || method.length === 0 || method.length > maximumMethodLength) {
    return refuse(
      id,
      `The message's "method" must be the name of an API method (a string), not ${describeKind(method)}.`,
    );
  }
  const params = ownValue(message, 'params');
  if (params === undefined) return { ok: true, call: { id, method, params: {} } };
  if (!isPlainObject(params)) {
    return refuse(id, `The message's "params" must be a JSON object, not ${describeKind(params)}.`);
  }
  return { ok: true, call: { id, method, params } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A property the object holds itself: never one inherited through a prototype. */
function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function refuse(id: number, message: string): EnvelopeResult {
  return { ok: false, id, message };
}
