// Starts the real app in browser mode for each test: `node out/main/cli.js serve` on a free port
// with a fresh database in a temp folder, and stops it (SIGTERM, then SIGKILL) afterwards.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A running `thermograph serve`. */
export interface RunningApp {
  /** The URL it printed, token included. */
  url: string;
  databasePath: string;
  /** Everything it printed, for failure messages. */
  output: () => string;
  /** Stops the server now (SIGTERM, then SIGKILL); the fixture's teardown then has nothing to do. */
  stop: () => Promise<void>;
}

const urlPattern = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/;

async function startServe(
  environment: Record<string, string>,
): Promise<{ app: RunningApp; child: ChildProcess; folder: string }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'thermograph-e2e-'));
  const databasePath = path.join(folder, 'e2e.db');
  const child = spawn(process.execPath, ['out/main/cli.js', 'serve', '--port', '0', '--db', databasePath], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...environment },
  });
  let printed = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`thermograph serve printed no URL within 20 s:\n${printed}`)),
      20_000,
    );
    const onData = (data: Buffer) => {
      printed += data.toString();
      const match = urlPattern.exec(printed);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`thermograph serve exited with code ${code} before printing its URL:\n${printed}`));
    });
  });
  return { app: { url, databasePath, output: () => printed, stop: () => stopServe(child) }, child, folder };
}

async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Playwright's test with an `app` (a fresh browser-mode server) and `appPage` (the page opened on
 * it). `serveEnvironment` adds variables to the server's environment (test.use in a spec file).
 */
export const test = base.extend<{ app: RunningApp; appPage: Page; serveEnvironment: Record<string, string> }>({
  serveEnvironment: [{}, { option: true }],
  app: async ({ serveEnvironment }, use) => {
    const { app, child, folder } = await startServe(serveEnvironment);
    try {
      await use(app);
    } finally {
      await stopServe(child);
      rmSync(folder, { recursive: true, force: true });
    }
  },
  appPage: async ({ app, page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} for ${response.url()}`);
    });
    await page.goto(app.url);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await use(page);
    // An uncaught error or a CSP violation in the page is a failure even when the flow worked.
    expect(errors, `errors in the page:\n${errors.join('\n')}`).toEqual([]);
  },
});

/** Saves a screenshot for people to look at (test-results/screenshots/NAME.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join('test-results', 'screenshots', `${name}.png`) });
}

export { expect };
