// A session the CLI records into the app's database (`thermograph record` in a terminal) while the
// UI shows it: the UI says another process records it, offers no Stop that would silently do
// nothing, and shows the end and its samples when the CLI finishes, without a reload.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './app-fixture';

/** `thermograph record` for 3 s at 200 ms into `database`, as a terminal runs it; resolves once its session exists. */
async function recordWithCli(
  database: string,
  name: string,
  target: string,
): Promise<{ recorder: ChildProcess; sessionId: string; exited: Promise<unknown> }> {
  const recorder = spawn(
    process.execPath,
    ['out/main/cli.js', 'record', '--db', database, '--name', name, '--profile', 'none', '--interval', '200'].concat([
      '--duration',
      '3',
      '--',
      process.execPath,
      `test/fixtures/targets/${target}`,
      '30',
    ]),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = once(recorder, 'exit');
  let stderr = '';
  const sessionId = await new Promise<string>((resolve, reject) => {
    recorder.stderr!.on('data', (data: Buffer) => {
      stderr += data.toString();
      const match = /Recording session (\d+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    recorder.once('exit', (code) => reject(new Error(`the CLI exited (${code}) before recording:\n${stderr}`)));
  });
  return { recorder, sessionId, exited };
}

/**
 * Loads the app before the CLI starts, so that showing its 3 s recording is a hash change and one
 * call, not a page load racing the recording's end on a busy machine.
 */
async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** Shows a route of the loaded app (`#/session/1`): only the hash changes, so the page is not reloaded. */
async function go(page: Page, url: string, hash: string): Promise<void> {
  const loadedAt = await page.evaluate(() => performance.timeOrigin);
  await page.goto(`${url}${hash}`);
  expect(await page.evaluate(() => performance.timeOrigin), 'the page was reloaded').toBe(loadedAt);
}

/** Ends the CLI if a failed test left it running, and waits for it. */
async function finish(recorder: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (recorder.exitCode === null && recorder.signalCode === null) recorder.kill('SIGINT');
  await exited;
}

test('a recording made by the CLI shows as recorded elsewhere, then ends on screen', async ({ app, page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await openApp(page, app.url);
  const { recorder, sessionId, exited } = await recordWithCli(app.databasePath, 'cli recording', 'cpu-busy.js');
  try {
    await go(page, app.url, `#/session/${sessionId}`);
    const note = page.getByTestId('recorded-elsewhere');
    await expect(note).toContainText(`Recorded by another Thermograph process (PID ${recorder.pid})`);
    const stop = page.getByRole('button', { name: 'Stop recording' });
    await expect(stop).toBeDisabled();
    await expect(stop).toHaveAttribute('title', new RegExp(`PID ${recorder.pid}.*Ctrl-C`));
    await screenshot(page, 'recorded-elsewhere-live');

    // The CLI ends the recording by its duration; the view picks up the end and the stored samples.
    await expect(page.getByTestId('session-status')).toHaveText('Duration reached', { timeout: 15_000 });
    await expect(note).toBeHidden();
    await expect(stop).toBeHidden();
    await expect(page.getByTestId('timeline')).toHaveAttribute('data-status', 'ready');
    const samples = Number((await page.getByTestId('sample-count').textContent())!.replace(/,/g, ''));
    expect(samples).toBeGreaterThanOrEqual(5);
    await screenshot(page, 'recorded-elsewhere-ended');

    // The list, reached without a reload, has the end and the same samples.
    await page.keyboard.press('s');
    const row = page.locator(`tr[data-session-id="${sessionId}"]`);
    await expect(row).toContainText('Duration reached');
    await expect(row).toContainText(String(samples));
  } finally {
    await finish(recorder, exited);
  }
  expect(errors, `errors in the page:\n${errors.join('\n')}`).toEqual([]);
});

test('the sessions list picks up the end of a recording made by the CLI', async ({ app, page }) => {
  await openApp(page, app.url);
  const { recorder, sessionId, exited } = await recordWithCli(app.databasePath, 'cli listed', 'sleeper.js');
  try {
    // Opening it puts it in the list; the list, once shown, follows it on its own (the view is gone).
    await go(page, app.url, `#/session/${sessionId}`);
    await expect(page.getByTestId('recorded-elsewhere')).toBeVisible();
    await page.keyboard.press('s');
    const row = page.locator(`tr[data-session-id="${sessionId}"]`);
    await expect(row).toContainText('Recording');
    await expect(row).toContainText('Duration reached', { timeout: 15_000 });
    await expect(row.locator('.live-dot')).toHaveCount(0);
  } finally {
    await finish(recorder, exited);
  }
});
