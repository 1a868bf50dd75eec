// A series from the launch form: Runs and Warm-up runs make Start record the command several times
// in a row (the engine's series). The screen shows which run is recording with a bar and Stop, then
// the runs kept; with a baseline marked, a finished series opens the Compare view against it.
// Targets: test/fixtures/targets/planted-regression.js (a fixed amount of work, then exits) and sleeper.js.
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './app-fixture';

/** Fills the launch form for a series of `command` and starts it (with a screenshot of the form when `shot` names one). */
async function startSeries(
  page: Page,
  command: string,
  name: string,
  runs: string,
  warmups: string,
  shot?: string,
): Promise<void> {
  await page.getByRole('tab', { name: 'Launch command' }).click();
  await page.getByRole('textbox', { name: 'Command line' }).fill(command);
  await page.getByRole('textbox', { name: 'Working directory' }).fill(process.cwd());
  await page.getByRole('textbox', { name: 'Runs', exact: true }).fill(runs);
  await page.getByRole('textbox', { name: 'Warm-up runs' }).fill(warmups);
  await page.getByRole('combobox', { name: 'Sampling interval' }).selectOption('250');
  await page.getByRole('textbox', { name: 'Session name' }).fill(name);
  await expect(page.getByText(`, ${runs} times in a row`)).toBeVisible();
  if (shot) await screenshot(page, shot);
  await page.getByRole('button', { name: /Start series/ }).click();
}

test('records a 3-run series after a warm-up from the launch form, then compares the next one with it', async ({
  appPage: page,
}) => {
  test.setTimeout(150_000);
  await page.getByRole('tab', { name: 'Launch command' }).click();
  // One run is an ordinary recording, as before.
  await expect(page.getByRole('button', { name: /Start recording/ })).toBeVisible();
  await page.getByRole('textbox', { name: 'Runs', exact: true }).fill('0');
  await expect(page.getByText('Runs must be a whole number from 1 to 1000.')).toBeVisible();

  await startSeries(page, 'node test/fixtures/targets/planted-regression.js 3', 'before', '3', '1', 'series-form');
  const panel = page.getByRole('region', { name: 'Series' });
  await expect(panel.getByRole('heading', { name: 'Recording series “before”' })).toBeVisible();
  const bar = panel.getByRole('progressbar', { name: 'Series progress' });
  await expect(bar).toHaveAttribute('aria-valuemax', '4');
  // Progress run by run: the warm-up first, then the measured runs, each with its own clock.
  await expect(panel.getByTestId('series-run')).toHaveText('Run 2 of 3', { timeout: 30_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', '2');
  await expect(panel.getByRole('table', { name: 'Runs' }).locator('tbody tr')).toHaveCount(1);
  await expect(panel.getByRole('button', { name: 'Stop series' })).toBeEnabled();
  await screenshot(page, 'series-progress');

  // Done: no baseline yet, so the screen shows the three runs and offers to make them the baseline.
  await expect(panel.getByRole('heading', { name: 'Recorded 3 runs as “before”' })).toBeVisible({ timeout: 30_000 });
  const rows = panel.getByRole('table', { name: 'Runs' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText(/Run 1\s*#\d+\s*\d+(\.\d+)? (ms|s)/);
  await expect(panel.getByRole('table', { name: 'Runs' }).locator('tfoot')).toContainText('Median');
  await screenshot(page, 'series-result');

  // Marked as the baseline, the next series is compared with it as soon as it is done.
  await panel.getByRole('button', { name: 'Mark as baseline' }).click();
  await expect(panel.getByRole('button', { name: 'Marked as the baseline' })).toBeDisabled();

  // The runs are ordinary sessions under the series' name; the warm-up is gone.
  const sidebar = page.getByRole('navigation', { name: 'Main' });
  await sidebar.getByRole('button', { name: /Sessions/ }).click();
  const sessions = page.getByRole('grid', { name: 'Sessions' }).locator('tbody tr');
  await expect(sessions).toHaveCount(3);
  for (const row of await sessions.all()) await expect(row).toContainText('before');

  await sidebar.getByRole('button', { name: /New recording/ }).click();
  await startSeries(page, 'node test/fixtures/targets/planted-regression.js 3', 'after', '2', '0');
  await expect(page).toHaveURL(/#\/compare\/baseline\/after$/, { timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Metrics' }).locator('tr[data-metric="wall"]')).toBeVisible({
    timeout: 30_000,
  });
  await screenshot(page, 'series-compared');
});

test('Stop ends a series, keeping the finished runs and discarding the one in progress', async ({ appPage: page }) => {
  await startSeries(page, 'node test/fixtures/targets/sleeper.js 1.5', 'nightly', '5', '0');
  const panel = page.getByRole('region', { name: 'Series' });
  await expect(panel.getByTestId('series-run')).toHaveText('Run 2 of 5', { timeout: 30_000 });
  await panel.getByRole('button', { name: 'Stop series' }).click();
  await expect(panel.getByRole('heading', { name: 'Series “nightly” stopped' })).toBeVisible();
  await expect(panel.getByRole('status')).toContainText('Stopped after 1 of 5 runs');
  await expect(panel.getByRole('table', { name: 'Runs' }).locator('tbody tr')).toHaveCount(1);
  await expect(panel.getByRole('progressbar', { name: 'Series progress' })).toHaveAttribute('aria-valuenow', '1');
  await screenshot(page, 'series-stopped');
});
