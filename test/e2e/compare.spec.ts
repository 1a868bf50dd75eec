// The Compare view, fed by series the CLI records into the app's database: `record --repeat 5` of
// a benchmark with a planted regression (test/fixtures/targets/planted-regression.js: SLOWER=1
// makes renderOutput 50 % slower) as "main" and as "pr". The view must call the CPU time slower
// and put renderOutput first, say what went wrong for an unknown side, and be reachable from a
// session's header once a baseline is marked in the Sessions list.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './app-fixture';
import { downloadTo } from './browser-files';
import { recordSeries } from './record-series';

/** Collects the page's uncaught errors and console errors: any of them fails the test. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

test('compares two recorded series, then a session with the baseline', async ({ app, page }) => {
  test.setTimeout(180_000);
  // Recorded before the page loads, so the app's session list (read at start) has them.
  await recordSeries(app.databasePath, 'main', { slower: false, profile: 'node' });
  await recordSeries(app.databasePath, 'pr', { slower: true, profile: 'node' });
  const errors = watchErrors(page);

  // No sides yet: the view says what a side can be and how to record a series.
  await page.goto(`${app.url}#/compare`);
  await expect(page.getByText('Choose two sides to compare')).toBeVisible();
  await expect(page.getByText('thermograph record --repeat 10 --name main -- COMMAND')).toBeVisible();
  await screenshot(page, 'compare-empty');

  // Enter compares, and the URL follows the pickers.
  await page.getByRole('combobox', { name: 'Baseline' }).fill('main');
  await page.getByRole('combobox', { name: 'Candidate' }).fill('pr');
  await page.getByRole('combobox', { name: 'Candidate' }).press('Enter');
  await expect(page).toHaveURL(/#\/compare\/main\/pr$/);

  const metrics = page.getByRole('table', { name: 'Metrics' });
  // The CPU time the runs spent reads "slower" on every machine; their wall time also waits for the
  // machine's other work (CI's own), so with 5 runs a side it may read "no change" and be folded away
  // with the other unchanged metrics (the statistics of wall time are tested in compare-sides-trials).
  const cpuUser = metrics.locator('tr[data-metric="cpu.user"]');
  await expect(cpuUser).toBeVisible({ timeout: 30_000 });
  await expect(cpuUser).toContainText('CPU time, user');
  await expect(cpuUser.getByTestId('verdict')).toHaveText('slower');
  await expect(cpuUser.getByTestId('change')).toHaveText(/^\+\d+\.\d %/);
  await expect(cpuUser).toContainText('n=5');
  // The chip's tooltip is the engine's reason.
  expect(await cpuUser.getByTestId('verdict').getAttribute('title')).not.toBe('');
  const fold = page.getByRole('button', { name: /Show \d+ metrics? without/ });
  if ((await fold.count()) > 0) await fold.click();
  const wall = metrics.locator('tr[data-metric="wall"]');
  await expect(wall).toContainText('Wall time');
  await expect(wall.getByTestId('verdict')).toHaveText(/slower|no change/);
  // Regressions come first.
  await expect(metrics.locator('tbody tr').first().getByTestId('verdict')).toHaveText(/slower|more/);
  const functions = page.getByRole('table', { name: 'Functions' });
  await expect(functions.getByTestId('function-row').first()).toContainText('renderOutput');
  await expect(functions.getByTestId('function-row').first()).toContainText('planted-regression.js');
  await screenshot(page, 'compare-series');

  // The differential flame graph: renderOutput's box, hovered, gives both sides and how its share grew.
  const diff = page.getByTestId('diff-flame-graph');
  const canvas = diff.locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const tooltip = diff.getByRole('tooltip');
  let found = false;
  for (let y = box.y + box.height - 9; y > box.y && !found; y -= 18) {
    for (const share of [0.2, 0.4, 0.6, 0.8]) {
      await page.mouse.move(box.x + box.width * share, y);
      if ((await tooltip.count()) > 0 && (await tooltip.textContent())?.includes('renderOutput')) {
        found = true;
        break;
      }
    }
  }
  expect(found, 'a box of renderOutput in the differential flame graph').toBe(true);
  await expect(tooltip).toContainText('→');
  await expect(tooltip).toContainText(/of all \(\+\d+\.\d pts\)/);
  await screenshot(page, 'compare-diff-flame');
  // The light theme's diff scale: light red and blue boxes under dark labels, redrawn on the switch.
  const diffCanvas = page.getByTestId('diff-flame-canvas');
  const drawsDark = Number(await diffCanvas.getAttribute('data-draws'));
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(async () => Number(await diffCanvas.getAttribute('data-draws'))).toBeGreaterThan(drawsDark);
  await screenshot(page, 'compare-diff-flame-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  // Coloured by time per run instead of share: what got slower rather than where the time went.
  const byTime = diff.getByRole('radio', { name: 'Time per run' });
  await byTime.click();
  await expect(byTime).toHaveAttribute('aria-checked', 'true');
  await expect(diff).toContainText('slower');
  await expect(diff).not.toContainText('share grew');

  // Export report: one file holding this comparison, which opens offline with its verdicts.
  const reportFile = path.join(path.dirname(app.databasePath), 'main-vs-pr.html');
  await page.getByRole('button', { name: 'Export report' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export the comparison as a report' });
  await exportDialog.getByLabel('File name').fill('main-vs-pr.html');
  expect(await downloadTo(page, exportDialog, reportFile)).toBe('main-vs-pr.html');
  const report = await page.context().newPage();
  await report.goto(pathToFileURL(reportFile).href);
  const reportedCpu = report.getByTestId('report-comparison').locator('tr[data-metric="cpu.user"]');
  await expect(reportedCpu.getByTestId('verdict')).toHaveText('slower');
  await expect(report.getByTestId('report-comparison').getByTestId('timeline-overlay')).toBeVisible();
  await report.getByTestId('report-comparison').scrollIntoViewIfNeeded();
  await screenshot(report, 'compare-report');
  await report.close();

  // A link to the comparison reopens it.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Baseline' })).toHaveValue('main');
  await expect(cpuUser.getByTestId('verdict')).toHaveText('slower', { timeout: 30_000 });

  // An unknown side: the engine's message, which says what to do, where the tables were.
  await page.getByRole('combobox', { name: 'Candidate' }).fill('nothing-called-this');
  await page.getByRole('main').getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page).toHaveURL(/#\/compare\/main\/nothing-called-this$/);
  await expect(page.getByRole('alert')).toContainText(
    'No ended session, series or tag is called "nothing-called-this"',
  );
  await expect(metrics).toBeHidden();
  await screenshot(page, 'compare-unknown-side');

  // Mark one "main" run as the baseline, open a "pr" run, and compare it with the baseline.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /Sessions/ })
    .click();
  const mainRow = page.locator('tr', { has: page.getByRole('link', { name: 'main', exact: true }) }).first();
  await mainRow.getByRole('button', { name: 'Mark as baseline' }).click();
  await expect(mainRow.getByRole('button', { name: 'Unmark as baseline' })).toBeVisible();
  const prRow = page.locator('tr', { has: page.getByRole('link', { name: 'pr', exact: true }) }).first();
  await expect(prRow.getByRole('link', { name: 'Compare pr with the baseline' })).toBeVisible();
  const prId = (await prRow.getAttribute('data-session-id'))!;
  await screenshot(page, 'compare-sessions-list');
  const mainId = (await mainRow.getAttribute('data-session-id'))!;
  await prRow.getByRole('link', { name: 'pr', exact: true }).click();
  // The baseline side is this target's baseline (one per target), not every marked session.
  await page.getByRole('button', { name: 'Compare with baseline' }).click();
  await expect(page).toHaveURL(new RegExp(`#/compare/${mainId}/${prId}$`));
  await expect(page.getByRole('combobox', { name: 'Baseline' })).toHaveValue(mainId);
  await expect(page.getByRole('combobox', { name: 'Candidate' })).toHaveValue(prId);
  // One session a side: the view says the evidence is weaker.
  await expect(page.getByRole('note', { name: 'Notes' })).toContainText(/weaker/i, { timeout: 30_000 });
  await expect(metrics).toBeVisible();
  await screenshot(page, 'compare-with-baseline');

  // The sidebar's Compare returns to the last pair.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /Sessions/ })
    .click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(new RegExp(`#/compare/${mainId}/${prId}$`));
  expect(errors, `errors in the page:\n${errors.join('\n')}`).toEqual([]);
});
