// The Compare view's overlaid timelines, fed by series the CLI records into the app's database:
// `record --repeat 5` of a benchmark with a planted regression (test/fixtures/targets/
// planted-regression.js, twice its default work so each run has about ten samples; SLOWER=1
// makes it about 20 % slower) as "main" and as "pr", both series at once (a core each: the test
// checks the drawing, not which verdict the load leaves). Both sides' lines must be drawn on one axis
// from 0, each legend must say which run it is, the verdicts must sit beside their panels, and the
// readout, the wheel and a double-click must work.
import { expect, screenshot, test } from './app-fixture';
import { recordSeries } from './record-series';

test('overlays both series’ timelines from 0 with the verdicts beside them', async ({ app, appPage: page }) => {
  test.setTimeout(180_000);
  await Promise.all([
    recordSeries(app.databasePath, 'main', { slower: false, profile: 'none', work: 2 }),
    recordSeries(app.databasePath, 'pr', { slower: true, profile: 'none', work: 2 }),
  ]);
  await page.goto(`${app.url}#/compare/main/pr`);

  const comparison = page.getByTestId('timeline-comparison');
  await expect(comparison).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  const overlay = page.getByTestId('timeline-overlay');
  // Both sides drawn, in every panel with data: CPU and memory at least.
  await expect(overlay).toHaveAttribute('data-series', /baseline:cpu/);
  const series = (await overlay.getAttribute('data-series'))!.split(' ');
  for (const key of ['cpu', 'rss', 'threads']) {
    expect(series).toContain(`baseline:${key}`);
    expect(series).toContain(`candidate:${key}`);
  }
  expect((await overlay.getAttribute('data-panels'))!.split(' ')).toEqual(expect.arrayContaining(['cpu', 'memory']));
  const points = async () => ({
    baseline: Number(await overlay.getAttribute('data-baseline-points')),
    candidate: Number(await overlay.getAttribute('data-candidate-points')),
  });
  const whole = await points();
  expect(whole.baseline).toBeGreaterThan(series.filter((key) => key.startsWith('baseline:')).length * 5);
  expect(whole.candidate).toBeGreaterThan(series.filter((key) => key.startsWith('candidate:')).length * 5);

  // Each legend names its side and the run drawn.
  const legend = overlay.getByRole('list', { name: 'Sides drawn' });
  await expect(legend.locator('[data-side="baseline"]')).toContainText(/main\s*run [1-5] of 5, median wall time/);
  await expect(legend.locator('[data-side="candidate"]')).toContainText(/pr\s*run [1-5] of 5, median wall time/);

  // The wall time verdict above the panels, the CPU and memory verdicts beside theirs.
  // (Which verdict depends on the machine's load while recording; that it is the table's is what counts.)
  const wall = overlay.locator('.wall[data-metric="wall"]');
  await expect(wall).toContainText(/Wall time\s*[+−]?\d+\.\d % \[.*\], p [<=] /);
  const fold = page.getByRole('button', { name: /Show \d+ metrics? without/ });
  if ((await fold.count()) > 0) await fold.click();
  await expect(wall.getByTestId('verdict')).toHaveText(
    (await page
      .getByRole('table', { name: 'Metrics' })
      .locator('tr[data-metric="wall"]')
      .getByTestId('verdict')
      .textContent())!,
  );
  const verdicts = overlay.getByLabel('Verdicts beside the panels');
  await expect(verdicts.locator('[data-panel="cpu"] [data-metric="cpu.mean"]')).toContainText('CPU, mean');
  await expect(verdicts.locator('[data-panel="memory"] [data-metric="rss.peak"]').getByTestId('verdict')).toHaveText(
    /more|less|no change|too few runs/,
  );

  // Hovering the CPU panel reads both sides at one time.
  const canvas = overlay.getByRole('img');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.35, box.y + 60);
  const readout = overlay.locator('.overlay-tooltip');
  await expect(readout).toBeVisible();
  await expect(readout).toContainText('Baseline');
  await expect(readout).toContainText('Candidate');
  await expect(readout).toContainText(/CPU\s*[\d.]+\s?%\s*[\d.]+\s?%/);
  await screenshot(page, 'compare-timeline-overlay');
  await overlay.screenshot({ path: 'test-results/screenshots/compare-timeline-overlay-chart.png' });

  // Ctrl+wheel zooms around the pointer (fewer points in the window); a double-click shows everything.
  const draws = Number(await overlay.getAttribute('data-draws'));
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Control');
  await expect(overlay).not.toHaveAttribute('data-draws', String(draws));
  const zoomed = await points();
  expect(zoomed.baseline).toBeLessThan(whole.baseline);
  await page.mouse.dblclick(box.x + box.width * 0.35, box.y + 60);
  await expect.poll(points).toEqual(whole);
  await expect(readout).toBeVisible();

  // In the narrowest window the app supports, the chart keeps most of the width.
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect.poll(async () => (await canvas.boundingBox())!.width).toBeGreaterThan(400);
  await overlay.screenshot({ path: 'test-results/screenshots/compare-timeline-overlay-narrow.png' });
});
