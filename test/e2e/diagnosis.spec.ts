// The diagnosis flow a user takes: record a Node.js program whose heap works near the limit it was
// given (GC pressure), see the diagnosis in the session and its range marked on the timeline, click
// Apply on the recommendation with an action (a higher heap limit), watch the experiment's runs, and
// see it kept with its numbers and the change in the command's launch preset, which can be removed.
import { spawnSync } from 'node:child_process';
import { targetPath } from '../fixtures/targets/start-target';
import { expect, screenshot, test } from './app-fixture';

test('a diagnosis is marked on the timeline, and Apply runs an experiment that keeps the change', async ({
  app,
  appPage: page,
}) => {
  test.setTimeout(180_000);
  const recorded = spawnSync(
    process.execPath,
    [
      'out/main/cli.js',
      'record',
      '--db',
      app.databasePath,
      '--json',
      '--interval',
      '100',
      '--',
      process.execPath,
      targetPath('experiment-gc-heavy.js'),
      '2',
      // Live data that leaves room in a small heap promoted in small steps (see the fixture).
      '640000',
    ],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NODE_OPTIONS: '--max-semi-space-size=2 --max-old-space-size=96' },
    },
  );
  expect(recorded.status, recorded.stderr).toBe(0);
  const sessionId = (JSON.parse(recorded.stdout) as { session: { id: number } }).session.id;

  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`${app.url}#/session/${sessionId}`);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toHaveAttribute('data-status', 'ready');
  const panel = page.getByTestId('diagnosis-panel');
  const first = panel.getByTestId('diagnosis').first();
  await expect(first).toHaveAttribute('data-class', 'gc-pressure');
  await expect(first).toContainText(/GC pressure: \d+(\.\d)?% of CPU in the garbage collector/);
  // The top diagnosis is marked on the timeline; its evidence opens under it.
  await expect(timeline).toHaveAttribute('data-highlight', 'GC pressure');
  await first.getByRole('button', { name: 'Show the evidence' }).click();
  await expect(first).toContainText('CPU in the garbage collector');
  await screenshot(page, 'diagnosis-panel');

  const recommendation = panel.locator('[data-testid=recommendation][data-id=node-old-space]');
  await expect(recommendation).toContainText('--max-old-space-size=384');
  await recommendation.getByRole('button', { name: 'Apply' }).click();
  const experiment = recommendation.getByTestId('experiment');
  await expect(experiment).toHaveAttribute('data-state', 'running');
  await expect(experiment.getByRole('progressbar')).toBeVisible();
  await expect(experiment).toContainText(/Without \(\d+\)/, { timeout: 30_000 });
  await screenshot(page, 'diagnosis-experiment-running');
  // While it runs, no second experiment can start.
  await expect(recommendation.getByRole('button', { name: 'Apply' })).toBeDisabled();

  await expect(experiment).toHaveAttribute('data-state', 'kept', { timeout: 150_000 });
  // The interval's upper end may round near zero (the rank-sum test and the Hodges–Lehmann interval
  // need not agree to the last run at the 5 % edge): a decimal, of either sign, is shown then.
  await expect(experiment).toContainText(/−\d+(\.\d)? % wall time \[−\d+(\.\d)?, [−+]?\d+(\.\d)?\], p [<=] /);
  // The verdict is learned: the recommendation now carries its record on this command.
  await expect(recommendation).toContainText('Helped 1 of 1 time on this target');
  const presets = panel.getByTestId('presets');
  await expect(presets).toContainText('NODE_OPTIONS += --max-old-space-size=384');
  await screenshot(page, 'diagnosis-experiment-kept');
  await presets.getByRole('button', { name: 'Remove' }).click();
  await expect(presets).toHaveCount(0);
});
