// The validation edge: every API method rejects malformed arguments before its implementation runs.

import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/api/dispatch';
import { apiMethodNames, type ApiImplementation, type ApiMethod } from '../../../src-shared/api/contract';
import { ThermographError } from '../../../src-shared/api/errors';

/** An implementation that records which methods ran, to prove validation happens first. */
function recordingImplementation(): { api: ApiImplementation; calls: string[] } {
  const calls: string[] = [];
  const api = Object.fromEntries(
    apiMethodNames.map((method) => [method, (params: unknown) => (calls.push(method), { method, params })]),
  ) as unknown as ApiImplementation;
  return { api, calls };
}

const malformedForEveryMethod: unknown[] = ['text', 42, true, [], [1, 2], { unexpected: true }];

const malformedByMethod: Partial<Record<ApiMethod, unknown[]>> = {
  startRecording: [
    {},
    { target: { kind: 'pid' } },
    { target: { kind: 'pid', pid: -4 } },
    { target: { kind: 'pid', pid: 1.5 } },
    { target: { kind: 'pid', pid: '12' } },
    { target: { kind: 'process', pid: 12 } },
    { target: { kind: 'command', argv: [] } },
    { target: { kind: 'command', argv: ['   '] } },
    { target: { kind: 'command', argv: [12] } },
    { target: { kind: 'command', argv: ['ls'], env: { 'BAD NAME': 'x' } } },
    { target: { kind: 'command', argv: ['ls'], env: { GOOD: 5 } } },
    { target: { kind: 'command', argv: ['ls'], cwd: '' } },
    { target: { kind: 'command', argv: ['ls', 'a\u0000b'] } },
    { target: { kind: 'command', argv: ['ls'], env: { NAME: 'x\u0000' } } },
    { target: { kind: 'command', argv: ['ls'], cwd: '/tmp\u0000' } },
    { target: { kind: 'pid', pid: 1 }, intervalMs: 50 },
    { target: { kind: 'pid', pid: 1 }, intervalMs: 60_000 },
    { target: { kind: 'pid', pid: 1 }, intervalMs: '1000' },
    { target: { kind: 'pid', pid: 1 }, durationSeconds: -1 },
    { target: { kind: 'pid', pid: 1 }, includeChildren: 'yes' },
    { target: { kind: 'pid', pid: 1 }, name: '' },
    { target: { kind: 'pid', pid: 1 }, name: 'x'.repeat(201) },
    { target: { kind: 'pid', pid: 1, extra: 1 } },
    { target: { kind: 'pid', pid: 1 }, profiler: 'gdb' },
    { target: { kind: 'pid', pid: 1 }, samplingHz: 0 },
    { target: { kind: 'pid', pid: 1 }, samplingHz: 100_000 },
    { target: { kind: 'pid', pid: 1 }, samplingHz: 99.5 },
    { target: { kind: 'pid', pid: 1 }, allocations: 'no' },
  ],
  startSeries: [
    { target: { kind: 'command', argv: ['ls'] } },
    { target: { kind: 'command', argv: ['ls'] }, repeat: 0 },
    { target: { kind: 'pid', pid: 1 }, repeat: 3 },
    { target: { kind: 'command', argv: ['ls'] }, repeat: 3, warmup: 101 },
  ],
  stopSeries: [{}, { seriesId: 0 }, { seriesId: '1' }],
  getTimeline: [
    { sessionId: 1, from: 10, to: 5 },
    { sessionId: 1, maxPoints: 1 },
    { sessionId: 1, from: 'yesterday' },
  ],
  getStatistics: [
    { sessionId: 1, from: 10, to: 5 },
    { sessionId: 1, to: Number.POSITIVE_INFINITY },
  ],
  getOutput: [
    { sessionId: 1, limit: 0 },
    { sessionId: 1, afterSequence: -5 },
  ],
  renameSession: [{ sessionId: 1 }, { sessionId: 1, name: '   ' }, { sessionId: 1, name: 7 }],
  setSessionTags: [
    { sessionId: 1, tags: 'a,b' },
    { sessionId: 1, tags: ['a,b'] },
    { sessionId: 1, tags: [''] },
    { sessionId: 1, tags: Array(51).fill('t') },
  ],
  setBaseline: [{ sessionId: 1 }, { sessionId: 1, baseline: 'true' }],
  getFlameGraph: [
    { sessionId: 1, selection: { kind: 'memory' } },
    { sessionId: 1, selection: { range: { start: 10, end: 5 } } },
    { sessionId: 1, selection: { range: { start: 'a', end: 5 } } },
    { sessionId: 1, selection: { thread: -1 } },
    { sessionId: 1, selection: { thread: 1.5 } },
    { sessionId: 1, selection: { extra: true } },
  ],
  getHotspots: [
    { sessionId: 1, limit: 0 },
    { sessionId: 1, limit: 1e9 },
  ],
  getSandwich: [{ sessionId: 1 }, { sessionId: 1, frameId: -1 }, { sessionId: 1, frameId: 'main' }],
  getBottomUp: [
    { sessionId: 1, depth: 0 },
    { sessionId: 1, path: [-1] },
    { sessionId: 1, transforms: [{ type: 'merge-function' }] },
    { sessionId: 1, transforms: [{ type: 'merge-function', frame: 1, extra: true }] },
  ],
  getStackChart: [
    { sessionId: 1 },
    { sessionId: 1, width: 0 },
    { sessionId: 1, width: 100, transforms: [{ type: 'unknown' }] },
    { sessionId: 1, width: 100, transforms: [{ type: 'focus-subtree', path: [] }] },
    { sessionId: 1, width: 100, transforms: [{ type: 'collapse-module', module: '' }] },
  ],
  importProfile: [{}, { path: '' }, { path: 'a\u0000b' }, { path: 5 }, { path: '/tmp/x', name: '' }],
  exportProfile: [
    { sessionId: 1, path: '/tmp/x' },
    { sessionId: 1, format: 'svg', path: '/tmp/x' },
    { sessionId: 1, format: 'folded' },
    { sessionId: 1, format: 'folded', path: '/tmp/x', kind: 'wall' },
  ],
  openSource: [{}, { file: '' }, { file: '/a.js', line: -1 }, { file: '/a.js', line: 1.5 }],
  // A frame id, never a path: a file the caller names is refused.
  getSourceLines: [
    { sessionId: 1 },
    { sessionId: 1, frameId: -1 },
    { sessionId: 1, frameId: 1.5 },
    { sessionId: 1, frameId: 0, file: '/etc/passwd' },
  ],
  // The session is optional here (all experiments, all presets); a bad one is still refused.
  listExperiments: [{ session: 0 }, { session: '1' }, { session: 1.5 }, { sessionId: 1 }],
  listPresets: [{ session: 0 }, { session: '1' }, { session: 1.5 }, { sessionId: 1 }],
  // A target is text; a metric is a run metric or output:NAME, and nothing else reaches the engine.
  getTrend: [
    { target: '' },
    { target: 12 },
    { target: 'a\u0000b' },
    { target: '12', metric: 'speed' },
    { target: '12', metric: 'output:' },
    { target: '12', metric: 'output:1x' },
    { target: '12', metric: 'wall', pattern: '' },
  ],
};

const sessionMethods = apiMethodNames.filter(
  (method) =>
    ![
      'getAppInfo',
      'listProcesses',
      'listSessions',
      'listSeries',
      'startRecording',
      'importProfile',
      'getCapabilities',
      'openSource',
      'listExperiments',
      'listPresets',
      'listTrendTargets',
    ].includes(method),
);
const badSessionIds: unknown[] = [
  {},
  { sessionId: 0 },
  { sessionId: -1 },
  { sessionId: 1.5 },
  { sessionId: '1' },
  { sessionId: null },
];

describe('dispatch validates before any side effect', () => {
  for (const method of apiMethodNames) {
    const cases = [
      ...malformedForEveryMethod,
      ...(malformedByMethod[method] ?? []),
      ...(sessionMethods.includes(method) ? badSessionIds : []),
    ];
    it(`${method} rejects ${cases.length} malformed arguments with invalid-argument`, async () => {
      const { api, calls } = recordingImplementation();
      for (const params of cases) {
        const result = await dispatch(api, method, params);
        expect(result.ok, `${method}(${JSON.stringify(params)}) should be rejected`).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('invalid-argument');
          expect(result.error.message).toMatch(new RegExp(`^Invalid .* for ${method}: `));
        }
      }
      expect(calls).toEqual([]);
    });
  }

  it('rejects unknown and hostile method names', async () => {
    const { api, calls } = recordingImplementation();
    for (const method of ['nope', '__proto__', 'constructor', 'toString', 42, null, 'hasOwnProperty']) {
      const result = await dispatch(api, method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
    expect(calls).toEqual([]);
  });

  it('passes valid arguments through with defaults applied', async () => {
    const { api, calls } = recordingImplementation();
    const result = await dispatch(api, 'startRecording', { target: { kind: 'pid', pid: 1 } });
    expect(calls).toEqual(['startRecording']);
    expect(result).toMatchObject({
      ok: true,
      value: {
        params: { target: { kind: 'pid', pid: 1 }, intervalMs: 1000, includeChildren: false, durationSeconds: null },
      },
    });
  });

  it('turns ThermographError into its code and unexpected errors into internal', async () => {
    const { api } = recordingImplementation();
    api.listSessions = () => {
      throw new ThermographError('storage-full', 'The disk is full.');
    };
    api.getAppInfo = () => {
      throw new TypeError('boom');
    };
    expect(await dispatch(api, 'listSessions', {})).toEqual({
      ok: false,
      error: { code: 'storage-full', message: 'The disk is full.' },
    });
    expect(await dispatch(api, 'getAppInfo', {})).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('boom') },
    });
  });
});
