import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Recordings measure CPU use of real programs: running them in parallel on a 2-core
          // machine would make each other's numbers meaningless.
          fileParallelism: false,
        },
      },
    ],
  },
});
