// The main flow: find a running program in the picker by searching, record it live, stop,
// and reopen the saved session from the sessions list.
import type { Page } from '@playwright/test';
import { startTarget, type RunningTarget } from '../fixtures/targets/start-target';
import { expect, screenshot, test } from './app-fixture';

let target: RunningTarget | null = null;

test.afterEach(async () => {
  await target?.stop();
  target = null;
});

/** The timeline's drawn points and completed draws, from its data attributes. */
async function timelineState(page: Page) {
  const timeline = page.getByTestId('timeline');
  return {
    points: Number(await timeline.getAttribute('data-points')),
    draws: Number(await timeline.getAttribute('data-draws')),
    status: await timeline.getAttribute('data-status'),
    series: (await timeline.getAttribute('data-series'))?.split(' ') ?? [],
  };
}

test('record a running process found by PID, watch it live, stop, and reopen it', async ({ appPage: page }) => {
  target = await startTarget('cpu-busy.js', ['60']);
  const pid = target.pid;

  // Search by PID: exactly that process remains, and it is selected for Enter.
  await page.getByRole('searchbox', { name: 'Search processes' }).fill(String(pid));
  const row = page.locator(`tr[data-pid="${pid}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('cpu-busy.js');
  await expect(page.locator('tbody tr[data-pid]')).toHaveCount(1);
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('combobox', { name: 'Sampling interval' }).selectOption('250');
  await page.getByRole('textbox', { name: 'Session name' }).fill('busy loop e2e');
  await screenshot(page, 'picker-search-by-pid');
  await page.getByRole('button', { name: /Start recording/ }).click();

  // The live session view: recording status, samples counting up, the chart drawing data.
  await expect(page).toHaveURL(/#\/session\/\d+$/);
  await expect(page.getByRole('heading', { name: 'busy loop e2e' })).toBeVisible();
  await expect(page.getByTestId('session-status')).toContainText('Recording');
  const sampleCount = page.getByTestId('sample-count');
  await expect
    .poll(async () => Number((await sampleCount.textContent())?.replace(/,/g, '')), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(4);
  const firstCount = Number((await sampleCount.textContent())?.replace(/,/g, ''));
  await expect
    .poll(async () => Number((await sampleCount.textContent())?.replace(/,/g, '')))
    .toBeGreaterThan(firstCount);
  await expect.poll(async () => (await timelineState(page)).points).toBeGreaterThanOrEqual(4);
  const livePoints = (await timelineState(page)).points;
  await expect.poll(async () => (await timelineState(page)).points).toBeGreaterThan(livePoints);
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /busy loop e2e/ }),
  ).toBeVisible();
  await screenshot(page, 'session-live');

  // Hovering the chart shows the readout of every panel.
  const chart = page.getByTestId('timeline').locator('canvas').first();
  const box = (await chart.boundingBox())!;
  // Inside the CPU panel's grid (the gaps between panels show no readout).
  await page.mouse.move(box.x + box.width * 0.6, box.y + 60);
  await expect(page.locator('.timeline-tooltip').filter({ hasText: 'CPU user' })).toBeVisible();
  await screenshot(page, 'session-hover-readout');

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('session-status')).toContainText('Stopped');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeHidden();
  await expect.poll(async () => (await timelineState(page)).status).toBe('ready');
  // What recording cost Thermograph is shown with the session; browser mode also serves this page, so it says the cost is shared.
  await expect(page.getByTestId('overhead')).toContainText('% CPU');
  expect(await page.getByTestId('overhead').getAttribute('title')).toMatch(/of a core .* other work/);
  const stoppedCount = Number((await sampleCount.textContent())?.replace(/,/g, ''));
  expect(stoppedCount).toBeGreaterThan(firstCount);

  // Brush a range inside the CPU panel: the summary shows its duration and statistics. The profile
  // panel below has grown since the recording stopped, so measure the chart again.
  const stoppedBox = (await chart.boundingBox())!;
  await page.mouse.move(stoppedBox.x + stoppedBox.width * 0.3, stoppedBox.y + 60);
  await page.mouse.down();
  await page.mouse.move(stoppedBox.x + stoppedBox.width * 0.7, stoppedBox.y + 60, { steps: 8 });
  await page.mouse.up();
  const summary = page.getByRole('status', { name: 'Selected range' });
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('CPU user');
  await screenshot(page, 'session-stopped-selection');
  // Zoom to the selection, then back out.
  await page.getByRole('button', { name: 'Zoom to selection' }).click();
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeDisabled();
  // Escape on the chart clears the range.
  await page.getByRole('img', { name: /Resource timeline/ }).focus();
  await page.keyboard.press('Escape');
  await expect(summary).toBeHidden();

  // Back in the sessions list, the session is there and opens with its timeline.
  await page.keyboard.press('s');
  const listRow = page.locator('tr', { hasText: 'busy loop e2e' });
  await expect(listRow).toContainText('Stopped');
  await expect(listRow).toContainText(`pid ${pid}`);
  await screenshot(page, 'sessions-list');
  await listRow.getByRole('link', { name: 'busy loop e2e' }).click();
  await expect(page.getByRole('heading', { name: 'busy loop e2e' })).toBeVisible();
  await expect.poll(async () => (await timelineState(page)).status).toBe('ready');
  await expect.poll(async () => (await timelineState(page)).draws).toBeGreaterThanOrEqual(1);
  expect((await timelineState(page)).points).toBeGreaterThanOrEqual(4);
  // A PID recorded without a runtime profiler has no heap figures: the chart draws and lists only
  // the metrics that have values.
  expect((await timelineState(page)).series).toContain('cpuUser');
  expect((await timelineState(page)).series).not.toContain('jsHeapUsed');
  await expect(page.getByTestId('sample-count')).toHaveText(stoppedCount.toLocaleString('en-US'));
  await screenshot(page, 'session-saved');

  // Ctrl+wheel zooms every panel (a plain wheel scrolls the page); Reset zoom brings the whole session back.
  const resetZoom = page.getByRole('button', { name: 'Reset zoom' });
  await expect(resetZoom).toBeDisabled();
  const drawsBefore = (await timelineState(page)).draws;
  const savedBox = (await page.getByTestId('timeline').locator('canvas').first().boundingBox())!;
  await page.mouse.move(savedBox.x + savedBox.width * 0.5, savedBox.y + 60);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Control');
  await expect(resetZoom).toBeEnabled();
  await expect.poll(async () => (await timelineState(page)).draws).toBeGreaterThan(drawsBefore);
  await screenshot(page, 'session-zoomed');
  await resetZoom.click();
  await expect(resetZoom).toBeDisabled();

  // The keyboard does the same on the focused chart: + zooms in, arrows pan, 0 shows everything.
  const chartFocus = page.getByRole('img', { name: /Resource timeline/ });
  await chartFocus.focus();
  await page.keyboard.press('+');
  await expect(resetZoom).toBeEnabled();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('0');
  await expect(resetZoom).toBeDisabled();

  // A legend button hides its series (and takes it out of the readout); pressed again, it is back.
  const cpuUserLegend = page.getByRole('group', { name: 'CPU series' }).getByRole('button', { name: 'CPU user' });
  await expect(cpuUserLegend).toHaveAttribute('aria-pressed', 'true');
  await cpuUserLegend.click();
  await expect(cpuUserLegend).toHaveAttribute('aria-pressed', 'false');
  // Focusing the chart may have scrolled the page (the timeline is as tall as its panels): measure it again.
  const chartBox = (await page.getByTestId('timeline').locator('canvas').first().boundingBox())!;
  await page.mouse.move(chartBox.x + chartBox.width * 0.5, chartBox.y + 60);
  const readout = page.locator('.timeline-tooltip');
  await expect(readout).toContainText('CPU system');
  await expect(readout).not.toContainText('CPU user');
  await cpuUserLegend.click();
  await expect(cpuUserLegend).toHaveAttribute('aria-pressed', 'true');
});
