// End-to-end tests drive the real UI in Debian's Chromium through browser mode (`thermograph serve`),
// so they need no Electron runtime and no downloaded browser. `npm run test:e2e` builds first.
import { defineConfig } from '@playwright/test';
import { chromiumFlags, chromiumPath } from './test/helpers/chromium';

/** Debian's Chromium; Playwright's own browser downloads are unreachable here and never used. */

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  // Recordings measure real processes on a 2-core machine: one test at a time keeps them honest.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: 'dark',
    screenshot: 'only-on-failure',
    trace: 'off',
    actionTimeout: 15_000,
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumFlags,
    },
  },
});
