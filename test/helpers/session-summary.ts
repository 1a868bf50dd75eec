// A complete ended SessionSummary of a launched Node.js command, for tests of code that reads
// summaries (labels, the Compare view's rows); each test overrides what it is about.

import type { SessionSummary } from '../../src-shared/model/session';

/** An ended session of `node server.js --port '80 80'`, with `overrides` applied. */
export function sessionSummary(overrides: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id: 7,
    name: 'api server',
    target: {
      kind: 'command',
      argv: ['node', 'server.js', '--port', '80 80'],
      cwd: '/srv',
      env: {},
      pid: 4242,
      runtime: 'node',
    },
    host: { hostname: 'box', platform: 'linux', release: '6', arch: 'x64', cpuCount: 2, totalMemoryBytes: 1 },
    settings: {
      intervalMs: 1000,
      includeChildren: false,
      durationMs: null,
      profiler: 'none',
      samplingHz: null,
      allocations: false,
      alertRules: [],
      anomalyDetection: false,
    },
    status: 'ended',
    startedAt: 1_000_000,
    endedAt: 1_060_000,
    endReason: 'target-exited',
    endMessage: 'exited with code 3',
    exitCode: 3,
    exitSignal: null,
    tags: ['nightly', 'v2'],
    baseline: false,
    sampleCount: 60,
    limitations: [],
    profiles: [],
    profiler: null,
    overhead: null,
    runMetrics: null,
    ...overrides,
  };
}
