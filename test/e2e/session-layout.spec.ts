// The session view's layout: one page that scrolls, the timeline showing every panel and its time
// axis without a scrollbar of its own, a flame graph as tall as its depth, and dividers that resize
// the timeline, the flame graph and the hotspots by pointer or keyboard, remembered after a reload.
// At 1024 px a function's callers and callees go below the table instead of beside it.
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './app-fixture';
import { launchWithNodeProfiler } from './launch-node';

const nodeHot = path.resolve('test/fixtures/targets/node-hot.js');

/** A locator's laid-out height in CSS px. */
async function heightOf(locator: Locator): Promise<number> {
  return (await locator.boundingBox())!.height;
}

/** Records node-hot.js for two seconds and waits for its flame graph. */
async function recordHot(page: Page): Promise<void> {
  await launchWithNodeProfiler(page, `node ${nodeHot} 2`, 250);
  await expect(page).toHaveURL(/#\/session\/\d+$/);
  await expect(page.getByTestId('session-status')).toContainText('Target exited', { timeout: 30_000 });
  await expect
    .poll(async () => Number(await page.getByTestId('flame-graph').getAttribute('data-draws')))
    .toBeGreaterThan(0);
}

test('one page: the timeline and the flame graph at their natural heights, dividers resize and are remembered', async ({
  appPage: page,
}) => {
  test.setTimeout(60_000);
  await recordHot(page);

  // The timeline's chart shows every panel: nothing to scroll inside it.
  const chartScroller = page.getByTestId('timeline').locator('.scroller');
  const overflow = await chartScroller.evaluate((element) => element.scrollHeight - element.clientHeight);
  expect(overflow).toBeLessThanOrEqual(1);

  // The flame graph is as tall as its depth: its canvas area is its content, no empty box above.
  const graph = page.getByTestId('flame-graph');
  const contentHeight = Number(await graph.getAttribute('data-content-height'));
  const canvasArea = await heightOf(graph.getByRole('application'));
  expect(Math.abs(canvasArea - contentHeight)).toBeLessThanOrEqual(2);
  await screenshot(page, 'session-layout-top-1440');

  // The timeline's divider from the keyboard: three steps down make it 48 px taller.
  const timelineHandle = page.getByTestId('resize-timeline');
  const timelineBefore = Number(await timelineHandle.getAttribute('aria-valuenow'));
  await timelineHandle.focus();
  for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowDown');
  await expect(timelineHandle).toHaveAttribute('aria-valuenow', String(timelineBefore + 48));

  // The flame graph's divider by pointer: 120 px taller.
  const flamePane = page.getByTestId('flame-pane');
  const flameBefore = await heightOf(flamePane);
  const handle = page.getByTestId('resize-flame');
  await handle.scrollIntoViewIfNeeded();
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 60, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 120, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => heightOf(flamePane)).toBeCloseTo(flameBefore + 120, 0);
  await screenshot(page, 'session-layout-resized-1440');

  // A reload keeps both heights (they belong to the user, not to this session).
  await page.reload();
  await expect.poll(async () => Number(await graph.getAttribute('data-draws'))).toBeGreaterThan(0);
  await expect(page.getByTestId('resize-timeline')).toHaveAttribute('aria-valuenow', String(timelineBefore + 48));
  await expect.poll(() => heightOf(flamePane)).toBeCloseTo(flameBefore + 120, 0);

  // Double-click gives the flame graph back its natural height.
  await page.getByTestId('resize-flame').dblclick();
  await expect.poll(() => heightOf(flamePane)).toBeCloseTo(flameBefore, 0);

  // At 1024 px, a picked function's callers and callees go below the table.
  await page.setViewportSize({ width: 1024, height: 768 });
  const table = page.getByTestId('hotspot-table');
  await table.locator('tbody tr', { hasText: 'hotFunction' }).first().click();
  const sandwich = page.getByTestId('sandwich');
  await expect(sandwich).toBeVisible();
  const tableBox = (await table.boundingBox())!;
  const sandwichBox = (await sandwich.boundingBox())!;
  expect(sandwichBox.y).toBeGreaterThanOrEqual(tableBox.y + tableBox.height - 1);
  await page.getByTestId('flame-pane').scrollIntoViewIfNeeded();
  await screenshot(page, 'session-layout-profile-1024');
  await sandwich.scrollIntoViewIfNeeded();
  await screenshot(page, 'session-layout-sandwich-1024');
});
