// The sessions list: rename, tag, baseline, and delete only after confirming; each run's CPU and memory;
// one baseline per target.
import { expect, screenshot, test } from './app-fixture';
import { recordShortSession } from './record-short';

test('rename, tag, mark as baseline, and delete a session after confirming', async ({ appPage: page }) => {
  // A short recording to manage: a command that lives one second.
  await page.getByRole('tab', { name: 'Launch command' }).click();
  await page.getByRole('textbox', { name: 'Command line' }).fill('node test/fixtures/targets/sleeper.js 1');
  await page.getByRole('textbox', { name: 'Working directory' }).fill(process.cwd());
  await page.getByRole('textbox', { name: 'Session name' }).fill('short sleeper');
  await page.getByRole('button', { name: /Start recording/ }).click();
  await expect(page.getByTestId('session-status')).toContainText('Target exited', { timeout: 20_000 });

  await page.keyboard.press('s');
  const sessionId = await page.locator('tr', { hasText: 'short sleeper' }).getAttribute('data-session-id');
  const row = page.locator(`tr[data-session-id="${sessionId}"]`);
  await expect(row).toContainText('short sleeper');

  await row.getByRole('button', { name: 'Rename short sleeper' }).click();
  const nameInput = row.getByRole('textbox', { name: 'Session name' });
  await nameInput.fill('renamed sleeper');
  await nameInput.press('Enter');
  const renamed = row;
  await expect(renamed.getByRole('link')).toHaveText('renamed sleeper');

  await renamed.getByRole('button', { name: 'Add tag' }).click();
  await renamed.getByRole('textbox', { name: 'New tag' }).fill('nightly');
  await renamed.getByRole('textbox', { name: 'New tag' }).press('Enter');
  await expect(renamed.getByText('nightly')).toBeVisible();
  await renamed.getByRole('button', { name: 'Mark as baseline' }).click();
  await expect(renamed.getByRole('button', { name: 'Unmark as baseline' })).toBeVisible();

  // The changes were stored: they survive a reload.
  await page.reload();
  await expect(renamed.getByText('nightly')).toBeVisible();
  await expect(renamed.getByRole('button', { name: 'Unmark as baseline' })).toBeVisible();

  // Search narrows the list; Escape clears it.
  await page.getByRole('searchbox', { name: 'Search sessions' }).fill('no such session');
  await expect(page.getByText('No sessions match “no such session”')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search sessions' }).press('Escape');
  await expect(renamed).toBeVisible();
  await screenshot(page, 'sessions-tagged');

  // In a narrower window the row's actions stay on screen (the target gives way, then the start time).
  const viewport = page.viewportSize()!;
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    // Polled: below 1100 px the sidebar folds on the resize's next frames, and a box read at once can
    // be the wider layout's.
    const deleteButton = renamed.getByRole('button', { name: 'Delete renamed sleeper' });
    await expect
      .poll(
        async () => {
          const box = (await deleteButton.boundingBox())!;
          return box.x + box.width;
        },
        { message: `the Delete button at ${width} px` },
      )
      .toBeLessThanOrEqual(width - 16);
  }
  await screenshot(page, 'sessions-narrow');
  await page.setViewportSize(viewport);

  await renamed.getByRole('button', { name: 'Delete renamed sleeper' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this session?' });
  await expect(dialog).toContainText('renamed sleeper');
  await screenshot(page, 'sessions-delete-confirm');
  // Cancelling keeps it.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(renamed).toBeVisible();

  await renamed.getByRole('button', { name: 'Delete renamed sleeper' }).click();
  await page
    .getByRole('dialog', { name: 'Delete this session?' })
    .getByRole('button', { name: 'Delete session' })
    .click();
  await expect(renamed).toBeHidden();
  await expect(page.getByText('Record your first session: pick a process or launch a command.')).toBeVisible();
});

test("the list shows each run's CPU and memory, and one baseline per target moves when another is marked", async ({
  app,
  page,
}) => {
  await recordShortSession(app, 'busy run');
  await recordShortSession(app, 'busy run');
  await page.goto(app.url);
  await page.keyboard.press('s');
  const rows = page.locator('tr[data-session-id]');
  await expect(rows).toHaveCount(2);
  const [newer, older] = [rows.nth(0), rows.nth(1)];
  // cpu-busy.js spins one core: its mean CPU is a percentage, its peak RSS some MiB.
  await expect(newer.locator('td').nth(5)).toHaveText(/^\d+(\.\d+)?%$/);
  await expect(newer.locator('td').nth(6)).toHaveText(/MiB$/);

  await older.getByRole('button', { name: 'Mark as baseline' }).click();
  await expect(older.getByRole('button', { name: 'Unmark as baseline' })).toBeVisible();
  await newer.getByRole('button', { name: 'Mark as baseline' }).click();
  await expect(newer.getByRole('button', { name: 'Unmark as baseline' })).toBeVisible();
  // Marking the newer run unmarked the older: it can now be compared with the baseline.
  await expect(older.getByRole('button', { name: 'Mark as baseline' })).toBeVisible();
  await expect(older.getByRole('link', { name: /Compare .* with the baseline/ })).toBeVisible();
  await screenshot(page, 'sessions-baseline-moved');
});
