// The shell: what a first-time user sees, the empty sessions list, and the shortcuts overlay.
import { startTarget } from '../fixtures/targets/start-target';
import { expect, screenshot, test } from './app-fixture';

test('a fresh database shows the picker, an empty sessions list and the shortcuts', async ({ appPage: page }) => {
  await expect(page.getByRole('heading', { name: 'New recording' })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Processes' })).toBeVisible();
  await screenshot(page, 'new-recording');

  await page.keyboard.press('s');
  await expect(page.getByText('Record your first session: pick a process or launch a command.')).toBeVisible();
  await screenshot(page, 'sessions-empty');

  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay).toBeVisible();
  await expect(overlay.getByText('Browser (thermograph serve)')).toBeVisible();
  await screenshot(page, 'shortcuts');
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();
});

test('losing the engine is said once, in the banner, and the picker keeps its rows', async ({ app, page }) => {
  // The page's clock is Playwright's, running in step with the real one until the test moves it on:
  // the 15 s a call waits for the engine pass in an instant instead of being waited out.
  await page.clock.install();
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'New recording' })).toBeVisible();
  const rows = page.locator('tbody tr[data-pid]');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByText('Lost connection')).toBeHidden();
  // Refreshed by hand only, so the test knows when the picker has given up on the engine.
  await page.getByRole('checkbox', { name: 'Every 3 s' }).uncheck();
  await app.stop();
  const banner = page
    .getByRole('alert')
    .filter({ hasText: 'Lost connection to the Thermograph engine — reconnecting…' });
  await expect(banner).toBeVisible();
  // A stopped server comes back with a new token: the page must say where to go.
  await expect(banner).toContainText('open the URL it prints: each run has a new token');

  // A refresh while the engine is away waits for it, then gives up (after 15 s)...
  const refresh = page.getByRole('button', { name: 'Refresh' });
  await refresh.click();
  await expect(refresh).toBeDisabled();
  await page.clock.runFor(13_000);
  await expect(refresh).toBeDisabled();
  await page.clock.runFor(2_500);
  await expect(refresh).toBeEnabled();
  // ...and the banner stays the one place that says so; the rows stay, greyed.
  await expect(page.getByRole('alert')).toHaveCount(1);
  await expect(page.getByText(/Thermograph engine/)).toHaveCount(1);
  await expect(rows.first()).toBeVisible();
  await expect(page.locator('[data-unreachable="true"]')).toBeVisible();
  await screenshot(page, 'connection-lost');
});

test('the picker works from the keyboard: / to search, Enter to record the only match, x to stop', async ({
  appPage: page,
}) => {
  const target = await startTarget('sleeper.js', ['60']);
  try {
    await expect(page.locator('tbody tr[data-pid]').first()).toBeVisible();
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox', { name: 'Search processes' })).toBeFocused();
    // Thermograph's own server is in the list and marked as such.
    await page.keyboard.type('cli.js serve');
    await expect(page.locator('tbody tr[data-pid]').filter({ has: page.locator('.tag.own') })).toHaveCount(1);
    await page.keyboard.type(' no-such-process-anywhere');
    await expect(page.getByText('No processes match')).toBeVisible();

    await page.keyboard.press('Escape');
    await page.keyboard.type(`sleeper.js ${target.pid}`);
    await expect(page.locator(`tr[data-pid="${target.pid}"]`)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('session-status')).toContainText('Recording');
    // x stops it, as the Stop button's title says.
    await expect(page.getByRole('button', { name: 'Stop recording' })).toHaveAttribute('title', 'Stop recording (x)');
    await page.keyboard.press('x');
    await expect(page.getByTestId('session-status')).toContainText('Stopped');
  } finally {
    await target.stop();
  }
});

test('the picker hides kernel threads until asked, and a second Escape leaves its search box', async ({
  appPage: page,
}) => {
  await expect(page.locator('tbody tr[data-pid]').first()).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Search processes' });
  const kernelToggle = page.getByRole('checkbox', { name: 'Kernel threads' });
  await expect(kernelToggle).not.toBeChecked();
  await expect(page.locator('.runtime.kernel')).toHaveCount(0);

  // A search for one finds nothing, and says how to see them.
  await search.fill('kworker');
  await expect(page.getByText('No processes match')).toBeVisible();
  await page.getByRole('button', { name: 'Show kernel threads' }).click();
  await expect(kernelToggle).toBeChecked();
  await expect(page.locator('.runtime.kernel').first()).toBeVisible();
  await screenshot(page, 'picker-kernel-threads');
  await kernelToggle.uncheck();
  await expect(page.locator('.runtime.kernel')).toHaveCount(0);

  // Escape clears the box, a second one leaves it: single-key shortcuts work again.
  await search.focus();
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await expect(search).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(search).not.toBeFocused();
  await page.keyboard.press('s');
  await expect(page.locator('h1', { hasText: 'Sessions' })).toBeVisible();
});

test('a refresh keeps the rows in place while the pointer is on them; leaving re-sorts them', async ({
  appPage: page,
}) => {
  const first = await startTarget('sleeper.js', ['61']);
  let second: Awaited<ReturnType<typeof startTarget>> | null = null;
  try {
    const rows = page.locator('tbody tr[data-pid]');
    // The sleepers by command line: "… sleeper.js 60", started second, would sort before "… 61".
    await page.getByRole('searchbox', { name: 'Search processes' }).fill('sleeper.js');
    await expect(page.locator(`tr[data-pid="${first.pid}"]`)).toBeVisible();
    await page.getByRole('columnheader', { name: 'Command line' }).getByRole('button').click();
    await rows.first().hover();
    await expect(page.locator('.rows[data-held="true"]')).toHaveCount(1);

    second = await startTarget('sleeper.js', ['60']);
    // The auto-refresh (every 3 s) brings it in last, under the still pointer.
    await expect(page.locator(`tr[data-pid="${second.pid}"]`)).toBeVisible({ timeout: 10_000 });
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toHaveAttribute('data-pid', String(first.pid));
    // Away from the table, the list takes its sort order again.
    await page.getByRole('heading', { name: 'New recording' }).hover();
    await expect(rows.first()).toHaveAttribute('data-pid', String(second.pid));
  } finally {
    await first.stop();
    await second?.stop();
  }
});

test('a tree node folds its children away and unfolds them', async ({ appPage: page }) => {
  const target = await startTarget('sleeper.js', ['60']);
  try {
    const rows = page.locator('tbody tr[data-pid]');
    await expect(rows.first()).toBeVisible();
    await page.getByRole('button', { name: 'Tree' }).click();
    // The search keeps the sleeper's ancestors on screen, from the root down.
    await page.getByRole('searchbox', { name: 'Search processes' }).fill(`sleeper.js ${target.pid}`);
    const sleeper = page.locator(`tr[data-pid="${target.pid}"]`);
    await expect(sleeper).toBeVisible();
    const fold = rows.first().getByRole('button', { name: /^Fold the children of/ });
    await fold.click();
    await expect(sleeper).toBeHidden();
    await expect(rows).toHaveCount(1);
    await rows
      .first()
      .getByRole('button', { name: /^Unfold the children of/ })
      .click();
    await expect(sleeper).toBeVisible();
    await screenshot(page, 'picker-tree-folds');
  } finally {
    await target.stop();
  }
});
