import { defineConfig } from 'vitest/config';

/**
 * Integration tests whose assertions rest on measurements of real programs (CPU use, scheduling
 * waits, an experiment's verdict, a diagnosis class, a regression found): run one file at a time, as
 * another file's programs on this 2-core machine would make their numbers meaningless. A new test
 * that measures belongs here.
 */
const measuring = [
  'test/integration/cli/apply*.test.ts',
  'test/integration/cli/compare.test.ts',
  'test/integration/cli/diagnose.test.ts',
  'test/integration/cli/overhead.test.ts',
  // Read rates at every 10 Hz sample: a starved reader shows zeros.
  'test/integration/cli/record-pump-paths.test.ts',
  // A program that runs for 0.3 s must be profiled: a loaded machine starts the profiler too late.
  'test/integration/cli/record-python-short.test.ts',
  'test/integration/cli/record-threads.test.ts',
  'test/integration/collectors/**/*.test.ts',
  'test/integration/profilers/**/*.test.ts',
  'test/integration/recommend/**/*.test.ts',
  'test/integration/sessions/busy-target.test.ts',
  'test/integration/sessions/full-disk.test.ts',
  'test/integration/sessions/honest-cpu.test.ts',
  'test/integration/sessions/thread-readings.test.ts',
];

const integration = {
  environment: 'node',
  testTimeout: 60_000,
  hookTimeout: 60_000,
} as const;

export default defineConfig({
  test: {
    projects: [
      // Pure and in-process: two files at a time (Vitest would run one on a 2-core machine).
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', maxWorkers: 2 } },
      // What only checks behaviour (recording, importing, exporting, serving) runs two files at a time.
      {
        test: {
          ...integration,
          name: 'integration-parallel',
          include: ['test/integration/**/*.test.ts'],
          exclude: measuring,
          maxWorkers: 2,
          // Groups run one after the other: these first, then the measuring files alone.
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...integration,
          name: 'integration',
          include: measuring,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
