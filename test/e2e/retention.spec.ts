// Retention in the session view: the line above the timeline says how long the session keeps full
// detail and what was folded into buckets, a brushed range is pinned from it, and the window is
// changed there. The recording runs with a one-second full-detail window (THERMOGRAPH_RETENTION), so
// its older samples are buckets by the time it ends.
import { expect, screenshot, test } from './app-fixture';
import { recordShortSession } from './record-short';

const retention = { THERMOGRAPH_RETENTION: '1000:500' };
test.use({ serveEnvironment: retention });

test('the retention line shows the tiers, pins the brushed range and changes the window', async ({
  app,
  appPage: page,
}) => {
  test.setTimeout(60_000);
  await recordShortSession(app, 'retained', { seconds: 4, environment: retention });
  // Recorded by another process (the CLI): the list learns of it on a reload.
  await page.reload();
  await page.keyboard.press('s');
  await page.getByRole('link', { name: 'retained' }).click();
  const line = page.getByTestId('retention');
  await expect(line).toContainText('Full detail: last 1 s · older: 500 ms min/mean/max');
  await expect(line).toContainText(/\d+ older samples kept as \d+ buckets/);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toHaveAttribute('data-status', 'ready');

  // Brush a range, then pin it: the line counts it.
  await expect(line.getByRole('button', { name: 'Pin this range' })).toBeDisabled();
  const area = (await timeline.locator('canvas').last().boundingBox())!;
  await page.mouse.move(area.x + area.width * 0.6, area.y + 60);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.9, area.y + 60, { steps: 5 });
  await page.mouse.up();
  await line.getByRole('button', { name: 'Pin this range' }).click();
  await expect(line).toContainText('Full detail: last 1 s and 1 pinned range · older: 500 ms min/mean/max');

  // Change the window: an ended session is compacted to it at once; folded samples stay buckets.
  await line.getByRole('button', { name: 'Change…' }).click();
  await line.getByLabel('Full detail for the last').selectOption({ label: '10 min' });
  await line.getByLabel('Bucket size').selectOption({ label: '1 s' });
  await screenshot(page, 'retention-editing');
  await line.getByRole('button', { name: 'Save' }).click();
  await expect(line).toContainText('Full detail: last 10 min and 1 pinned range · older: 1 s min/mean/max');
  await screenshot(page, 'retention-line');
});
