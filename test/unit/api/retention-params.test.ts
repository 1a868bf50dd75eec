// setRetention and pinRange arguments as dispatch checks them: a full-detail window of 1 s to 7 days,
// buckets of 100 ms to 1 h, a pinned range whose start is not after its end, with a known reason.

import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/api/dispatch';
import { apiMethodNames, type ApiImplementation, type ApiMethod } from '../../../src-shared/api/contract';

/** An implementation that echoes its params, so a test sees what validation passed on. */
const echo = Object.fromEntries(
  apiMethodNames.map((method) => [method, (params: unknown) => params]),
) as unknown as ApiImplementation;

async function refusal(method: ApiMethod, params: unknown): Promise<string> {
  const result = await dispatch(echo, method, params);
  if (result.ok) throw new Error(`${method}(${JSON.stringify(params)}) was accepted`);
  expect(result.error.code).toBe('invalid-argument');
  return result.error.message;
}

describe('retention params', () => {
  it('passes settings within bounds, and a pin as the user made it', async () => {
    expect(await dispatch(echo, 'setRetention', { sessionId: 3, fullDetailMs: 600_000, bucketMs: 1_000 })).toEqual({
      ok: true,
      value: { sessionId: 3, fullDetailMs: 600_000, bucketMs: 1_000 },
    });
    expect(await dispatch(echo, 'pinRange', { sessionId: 3, from: 10, to: 20 })).toEqual({
      ok: true,
      value: { sessionId: 3, from: 10, to: 20, reason: 'user', label: '' },
    });
  });

  it('refuses buckets too fine, windows too long, reversed ranges and unknown reasons, saying which', async () => {
    expect(await refusal('setRetention', { sessionId: 3, fullDetailMs: 600_000, bucketMs: 10 })).toMatch(
      /^Invalid bucketMs for setRetention: .*100/,
    );
    expect(await refusal('setRetention', { sessionId: 3, fullDetailMs: 30 * 24 * 3_600_000, bucketMs: 1_000 })).toMatch(
      /^Invalid fullDetailMs for setRetention/,
    );
    expect(await refusal('pinRange', { sessionId: 3, from: 20, to: 10 })).toContain('"from" must not be after "to"');
    expect(await refusal('pinRange', { sessionId: 3, from: 1, to: 2, reason: 'whim' })).toMatch(
      /^Invalid reason for pinRange/,
    );
  });
});
