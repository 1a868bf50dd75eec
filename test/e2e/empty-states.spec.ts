// Empty states say what happened and what to do: a target that exits at once, a tree view search.
import { expect, screenshot, test } from './app-fixture';

test('a target that exits before its first sample says so instead of drawing an empty chart', async ({
  appPage: page,
}) => {
  await page.getByRole('tab', { name: 'Launch command' }).click();
  await page.getByRole('textbox', { name: 'Command line' }).fill('node test/fixtures/targets/early-exit.js');
  await page.getByRole('textbox', { name: 'Working directory' }).fill(process.cwd());
  await page.getByRole('combobox', { name: 'Sampling interval' }).selectOption('10000');
  await page.getByRole('button', { name: /Start recording/ }).click();
  await expect(page.getByTestId('session-status')).toContainText('Target exited (code 3)');
  const timeline = page.getByTestId('timeline');
  const samples = Number(await page.getByTestId('sample-count').textContent());
  if (samples === 0) {
    await expect(timeline).toHaveAttribute('data-status', 'empty');
    await expect(page.getByText('The target exited before the first sample was taken.')).toBeVisible();
  } else {
    await expect(timeline).toHaveAttribute('data-status', 'ready');
  }
  // Its stderr line is in the output panel, marked as stderr.
  await expect(page.locator('section.output pre .stderr')).not.toBeEmpty();
  await screenshot(page, 'session-exited-early');
});

test('the tree view keeps the ancestors of a match visible', async ({ appPage: page }) => {
  await page.getByRole('button', { name: 'Tree' }).click();
  await page.getByRole('searchbox', { name: 'Search processes' }).fill('cli.js serve');
  const rows = page.locator('tbody tr[data-pid]');
  // The server itself plus at least one ancestor shown for context (Playwright's node, init).
  await expect.poll(() => rows.count()).toBeGreaterThan(1);
  // The row tagged as Thermograph itself (a command line may name a thermograph folder too).
  await expect(rows.filter({ has: page.locator('.tag.own') })).toHaveCount(1);
  await screenshot(page, 'picker-tree');
});
