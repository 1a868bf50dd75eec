// The per-thread panel on a recorded session: a Python program with 44 named threads recorded by the
// CLI into the app's database shows one row per thread (the busiest 30 until "Show all"), the
// spinning thread first; a session recorded without per-thread readings says why it has none.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { targetPath } from '../fixtures/targets/start-target';
import { expect, screenshot, test } from './app-fixture';

const python = join(homedir(), '.pyenv/versions/3.11.7/bin/python3');

/** Records `command` for `seconds` with the CLI into the app's database; returns the session id. */
function record(database: string, command: string[], environment: NodeJS.ProcessEnv = {}): number {
  const result = spawnSync(
    process.execPath,
    ['out/main/cli.js', 'record', '--db', database, '--json', '--duration', '4', '--profile', 'none', '--', ...command],
    { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...environment } },
  );
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { session: { id: number } }).session.id;
}

async function openSession(page: Page, url: string, id: number): Promise<void> {
  await page.goto(`${url}#/session/${id}`);
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-status', 'ready');
}

// The fixture names its threads with prctl through ctypes, checked on this pyenv build; a machine without
// it cannot make the 44 named threads this test counts.
test.skip(!existsSync(python), 'needs ~/.pyenv/versions/3.11.7');

test('the thread panel shows every thread of a recording, busiest first', async ({ app, appPage: page }) => {
  // main + napper + spinner + 41 idle threads = 44
  const id = record(app.databasePath, [python, targetPath('python-thread-mix.py'), '30', '41']);
  await page.setViewportSize({ width: 1400, height: 1200 });
  await openSession(page, app.url, id);
  const panel = page.getByTestId('thread-panel');
  await expect(panel).toHaveAttribute('data-threads', '44');
  await expect(panel).toHaveAttribute('data-shown', '30');
  await expect(panel).toContainText('44 threads, busiest first');
  await panel.scrollIntoViewIfNeeded();
  // Pointing at the first row (the busiest) names the spinner and its CPU.
  const canvas = panel.locator('canvas');
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 8);
  await expect(panel.locator('.readout')).toContainText(/spinner \(tid \d+, pid \d+\) at .* · running · \d+\.\d % CPU/);
  await screenshot(page, 'thread-panel');
  await panel.getByRole('button', { name: 'Show all 44' }).click();
  await expect(panel).toHaveAttribute('data-shown', '44');
});

test('a session without per-thread readings says so', async ({ app, appPage: page }) => {
  const id = record(app.databasePath, [process.execPath, targetPath('sleeper.js'), '30'], {
    THERMOGRAPH_THREAD_SAMPLING: 'off',
  });
  await openSession(page, app.url, id);
  await expect(page.getByTestId('thread-panel')).toContainText('No per-thread data in this session');
});
