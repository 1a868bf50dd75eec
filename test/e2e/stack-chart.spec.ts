// The stack chart end to end: a short Node.js recording (node-hot.js, recorded by the CLI into the
// app's database with the V8 profiler) opened in the session view. The Stack chart tab draws boxes
// in time order over the whole recording (the timeline's range); brushing the timeline narrows it;
// keys zoom and reset; the tooltip names the box under the pointer; a click selects its function
// (the hotspot table marks it). At 1440 and 1024 px, in the dark and the light theme.
import { spawn, spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, screenshot, test, type RunningApp } from './app-fixture';

/** Records 1.5 s of node-hot.js with the Node.js profiler into the app's database. */
async function recordHot(app: RunningApp): Promise<void> {
  const recorder = spawn(
    process.execPath,
    ['out/main/cli.js', 'record', '--db', app.databasePath, '--interval', '100', '--profile', 'node', '--quiet'].concat(
      ['--name', 'stack chart', '--', process.execPath, 'test/fixtures/targets/node-hot.js', '1.5'],
    ),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  recorder.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  const code = await new Promise<number | null>((resolve) => recorder.once('exit', resolve));
  expect(code, `thermograph record failed:\n${stderr}`).toBe(0);
}

/** The chart's state from its data attributes (times in ms since the recording started). */
async function chartState(page: Page) {
  const chart = page.getByTestId('stack-chart');
  const number = async (name: string) => Number(await chart.getAttribute(name));
  return {
    draws: await number('data-draws'),
    boxes: await number('data-boxes'),
    rangeStart: await number('data-range-start'),
    rangeEnd: await number('data-range-end'),
    windowSpan: (await number('data-window-end')) - (await number('data-window-start')),
  };
}

test('the stack chart draws the recording in time order, follows the brush, zooms, describes and selects', async ({
  app,
  appPage: page,
}) => {
  test.setTimeout(30_000);
  await recordHot(app);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  // Recorded by another process: the list reads it on a reload.
  await page.goto(`${app.url}#/sessions`);
  await page.reload();
  const sessionId = await page
    .locator('tr[data-session-id]', { hasText: 'stack chart' })
    .getAttribute('data-session-id');
  await page.goto(`${app.url}#/session/${sessionId}`);
  await page.getByRole('tab', { name: 'Stack chart' }).click();

  // Boxes over the whole recording: from its start, as the timeline's axis runs.
  const chart = page.getByTestId('stack-chart');
  await expect.poll(async () => (await chartState(page)).boxes).toBeGreaterThan(3);
  await expect.poll(async () => (await chartState(page)).draws).toBeGreaterThan(0);
  const whole = await chartState(page);
  expect(whole.rangeStart).toBe(0);
  expect(whole.rangeEnd).toBeGreaterThan(1_000);
  await chart.scrollIntoViewIfNeeded();
  await screenshot(page, 'stack-chart-1440-dark');

  // The tooltip names the box under the pointer. The profiler may start a little after the
  // recording (a loaded machine), so the pointer walks along a row until it is over a box.
  const canvas = chart.locator('canvas');
  const box = (await canvas.boundingBox())!;
  const tooltip = page.getByTestId('stack-chart-tooltip');
  const findAlongRow = async (row: number, name: string) => {
    for (let step = 0; step < 60; step++) {
      const point = { x: box.x + box.width * (0.97 - step * 0.015), y: box.y + row * 18 + 9 };
      await page.mouse.move(point.x, point.y);
      if ((await tooltip.isVisible()) && (await tooltip.textContent())?.includes(name)) return point;
    }
    return null;
  };
  const rootBox = await findAlongRow(0, 'Duration');
  expect(rootBox, 'a box on the root row').not.toBeNull();
  await expect(tooltip).toContainText('Starts at');
  // The box counts the samples of its runs.
  await expect(tooltip.getByTestId('stack-chart-tooltip-samples')).toHaveText(/^[\d,.]+k? samples?$/);
  await screenshot(page, 'stack-chart-tooltip');

  // Clicking hotFunction (third row) selects it: the hotspot table marks it.
  const hot = await findAlongRow(2, 'hotFunction');
  expect(hot, 'hotFunction somewhere along the third row').not.toBeNull();
  await page.mouse.click(hot!.x, hot!.y);
  await expect(page.getByTestId('hotspot-table').locator('tr[aria-selected="true"]')).toContainText('hotFunction');

  // Keys: + zooms in around the middle, 0 shows the whole range again.
  await chart.getByRole('application').focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect.poll(async () => (await chartState(page)).windowSpan).toBeLessThan(whole.windowSpan * 0.5);
  await page.keyboard.press('ArrowRight');
  await screenshot(page, 'stack-chart-zoomed');
  await page.keyboard.press('0');
  await expect.poll(async () => (await chartState(page)).windowSpan).toBeCloseTo(whole.windowSpan, 0);

  // A double-click zooms to the root box found above: the window becomes about its length.
  await chart.scrollIntoViewIfNeeded();
  const rootBounds = (await canvas.boundingBox())!;
  await page.mouse.dblclick(rootBounds.x + (rootBox!.x - box.x), rootBounds.y + 9);
  await expect.poll(async () => (await chartState(page)).windowSpan).toBeLessThan(whole.windowSpan);
  await page.keyboard.press('0');

  // Brushing the timeline narrows the chart to the brushed range.
  await page.getByTestId('timeline').scrollIntoViewIfNeeded();
  const timeline = (await page.getByTestId('timeline').locator('canvas').first().boundingBox())!;
  await page.mouse.move(timeline.x + timeline.width * 0.3, timeline.y + 70);
  await page.mouse.down();
  await page.mouse.move(timeline.x + timeline.width * 0.6, timeline.y + 70, { steps: 6 });
  await page.mouse.up();
  await expect(page.getByTestId('profile-range')).toBeVisible();
  await expect
    .poll(async () => {
      const state = await chartState(page);
      return state.rangeEnd - state.rangeStart;
    })
    .toBeLessThan((whole.rangeEnd - whole.rangeStart) * 0.6);
  const brushed = await chartState(page);
  expect(brushed.rangeStart).toBeGreaterThan(0);

  // A narrow window, then the light theme: the chart redraws with the theme's canvas colours.
  await page.setViewportSize({ width: 1024, height: 768 });
  await chart.scrollIntoViewIfNeeded();
  await screenshot(page, 'stack-chart-1024-dark');
  const drawsBefore = (await chartState(page)).draws;
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(async () => (await chartState(page)).draws).toBeGreaterThan(drawsBefore);
  await chart.scrollIntoViewIfNeeded();
  await screenshot(page, 'stack-chart-1024-light');
  await page.setViewportSize({ width: 1440, height: 900 });
  await chart.scrollIntoViewIfNeeded();
  await screenshot(page, 'stack-chart-1440-light');
  // A function picked in the table stays bright and the rest dims: pale boxes in the light theme.
  const drawsLight = (await chartState(page)).draws;
  await page.getByTestId('hotspot-table').locator('tbody tr', { hasText: 'hotFunction' }).first().click();
  await expect.poll(async () => (await chartState(page)).draws).toBeGreaterThan(drawsLight);
  await chart.scrollIntoViewIfNeeded();
  await screenshot(page, 'stack-chart-1440-light-selected');
});

test('a folded-stacks import has no time order: the stack chart says so and what to use', async ({
  app,
  appPage: page,
}) => {
  const imported = spawnSync(
    process.execPath,
    ['out/main/cli.js', 'import', '--db', app.databasePath, '--json', 'test/fixtures/profiles/folded/tricky.folded'],
    { encoding: 'utf8' },
  );
  expect(imported.status, imported.stderr).toBe(0);
  const printed = JSON.parse(imported.stdout) as { session: { id: number } };
  await page.goto(`${app.url}#/session/${printed.session.id}`);
  await page.reload();
  await page.getByRole('tab', { name: 'Stack chart' }).click();
  const chart = page.getByTestId('stack-chart');
  await expect(chart.getByRole('heading', { name: 'This profile has no time order' })).toBeVisible();
  await expect(chart).toContainText('Folded stacks list each stack once');
  await expect(chart).toContainText('flame graph, call tree and bottom-up');
  await screenshot(page, 'stack-chart-no-time-order');
});
