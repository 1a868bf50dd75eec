// startSeries and stopSeries arguments as dispatch checks them: a launched command only, 1–1,000 runs
// after 0–100 warm-ups, the launch's own settings checked as startRecording's are.

import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/api/dispatch';
import { apiMethodNames, type ApiImplementation } from '../../../src-shared/api/contract';
import { apiSchemas } from '../../../src-shared/api/params';

const command = { kind: 'command', argv: ['node', 'bench.js'] } as const;

/** An implementation that echoes its params, so a test sees what validation passed on. */
const echo = Object.fromEntries(
  apiMethodNames.map((method) => [method, (params: unknown) => params]),
) as unknown as ApiImplementation;

async function refusal(params: unknown): Promise<string> {
  const result = await dispatch(echo, 'startSeries', params);
  if (result.ok) throw new Error(`startSeries(${JSON.stringify(params)}) was accepted`);
  expect(result.error.code).toBe('invalid-argument');
  return result.error.message;
}

describe('startSeries params', () => {
  it("passes a launch with the runs through, with startRecording's defaults and no warm-up", async () => {
    const result = await dispatch(echo, 'startSeries', { target: command, repeat: 10 });
    expect(result).toEqual({
      ok: true,
      value: {
        target: command,
        intervalMs: 1_000,
        includeChildren: false,
        durationSeconds: null,
        tags: [],
        profiler: 'auto',
        samplingHz: null,
        allocations: true,
        nodeAttachSignal: false,
        alertCooldownMs: 60_000,
        anomalyDetection: true,
        repeat: 10,
        warmup: 0,
      },
    });
  });

  it('accepts the bounds: 1 and 1,000 runs, 0 and 100 warm-ups', () => {
    for (const [repeat, warmup] of [
      [1, 0],
      [1_000, 100],
    ])
      expect(apiSchemas.startSeries.safeParse({ target: command, repeat, warmup }).success).toBe(true);
  });

  it('refuses a running process with a message that says why and what to use instead', async () => {
    expect(await refusal({ target: { kind: 'pid', pid: 42 }, repeat: 3 })).toBe(
      'Invalid target for startSeries: a series records a launched command several times, one run after another; a running process (PID) can be recorded once, with startRecording.',
    );
  });

  it('names the field that is out of range', async () => {
    expect(await refusal({ target: command })).toMatch(/^Invalid repeat for startSeries/);
    expect(await refusal({ target: command, repeat: 0 })).toMatch(/^Invalid repeat for startSeries: .*>=1/);
    expect(await refusal({ target: command, repeat: 1_001 })).toMatch(/^Invalid repeat for startSeries: .*<=1000/);
    expect(await refusal({ target: command, repeat: 2.5 })).toMatch(/^Invalid repeat for startSeries/);
    expect(await refusal({ target: command, repeat: 3, warmup: -1 })).toMatch(/^Invalid warmup for startSeries/);
    expect(await refusal({ target: command, repeat: 3, warmup: 101 })).toMatch(/^Invalid warmup for startSeries/);
    expect(await refusal({ target: command, repeat: 3, intervalMs: 5 })).toMatch(/^Invalid intervalMs for startSeries/);
    expect(await refusal({ target: command, repeat: 3, runs: 3 })).toMatch(/Unrecognized key: "runs"/);
  });
});

describe('stopSeries params', () => {
  it('takes a positive whole series id and nothing else', async () => {
    expect(await dispatch(echo, 'stopSeries', { seriesId: 3 })).toEqual({ ok: true, value: { seriesId: 3 } });
    for (const params of [{}, { seriesId: 0 }, { seriesId: 1.5 }, { seriesId: 1, sessionId: 1 }])
      expect((await dispatch(echo, 'stopSeries', params)).ok).toBe(false);
  });
});
