// The exported HTML report end to end: `thermograph report` writes it, and Chromium opens it from
// file:// with every network request blocked. Every part must work offline (header, timeline with
// brushing and zoom, flame graph search, zoom and tooltips, hotspots, the comparison with its
// differential flame graph), with no console error, no CSP violation and no request leaving the
// page; names from profiled programs stay text.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, screenshot, test } from './app-fixture';
import { downloadTo, importWithPicker } from './browser-files';

const benchmark = path.resolve('test/fixtures/targets/planted-regression.js');
const trickyFolded = path.resolve('test/fixtures/profiles/folded/tricky.folded');
const hostile = '</script><script>window.__pwned = true</script>';
const folder = mkdtempSync(path.join(tmpdir(), 'thermograph-report-'));
const database = path.join(folder, 'report.db');
test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs the built CLI on the test's database; fails the test on a non-zero exit. */
function thermograph(args: string[], environment: Record<string, string> = {}): string {
  const [command, ...rest] = args;
  const result = spawnSync(process.execPath, ['out/main/cli.js', command!, '--db', database, ...rest], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...environment },
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** The page globals the page-side callbacks use (this file is type-checked without the DOM library). */
interface PageGlobals {
  document: {
    addEventListener(
      type: 'securitypolicyviolation',
      listener: (event: { violatedDirective: string; blockedURI: string }) => void,
    ): void;
  };
  alert: () => void;
  __pwned?: boolean;
}

/** What a report page did that it must not: errors, CSP violations, requests, alerts. */
interface Misdeeds {
  errors: string[];
  requests: string[];
}

/** Opens a report file in a context where only file:// loads, watching for errors and violations. */
async function openReport(context: BrowserContext, file: string): Promise<{ page: Page; misdeeds: Misdeeds }> {
  const misdeeds: Misdeeds = { errors: [], requests: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    misdeeds.requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => misdeeds.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') misdeeds.errors.push(message.text());
  });
  await page.addInitScript(() => {
    const page = globalThis as unknown as PageGlobals;
    page.document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} (${event.blockedURI})`),
    );
    page.alert = () => console.error('the report called alert()');
  });
  await page.goto(`file://${file}`);
  return { page, misdeeds };
}

test('a comparison report opens offline from file://, and every part of it works', async ({ context }) => {
  test.setTimeout(120_000);
  thermograph(['record', '--interval', '100', '--name', 'main', '--', process.execPath, benchmark]);
  thermograph(['record', '--interval', '100', '--name', 'pr', '--', process.execPath, benchmark], { SLOWER: '1' });
  const file = path.join(folder, 'pr.html');
  thermograph(['report', 'pr', '--compare', 'main', '--out', file]);
  const { page, misdeeds } = await openReport(context, file);

  // The header: what ran, how it ended, and Thermograph's own cost.
  const header = page.getByTestId('report-session');
  await expect(header.getByRole('heading', { name: 'pr' })).toBeVisible();
  await expect(header).toContainText('planted-regression.js');
  await expect(header.getByTestId('report-overhead')).toContainText('CPU');
  await expect(header.getByRole('table', { name: 'Statistics' })).toContainText('RSS');
  await screenshot(page, 'report-top');

  // The timeline draws, brushes a range into figures and zooms with the keyboard.
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toHaveAttribute('data-status', 'ready');
  expect(Number(await timeline.getAttribute('data-points'))).toBeGreaterThan(2);
  const plot = timeline.locator('canvas').last();
  await plot.scrollIntoViewIfNeeded();
  const area = (await plot.boundingBox())!;
  await page.mouse.move(area.x + area.width * 0.3, area.y + 60);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.7, area.y + 60, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByRole('status', { name: 'Selected range' })).toContainText('samples');
  await page.getByRole('button', { name: 'Zoom to selection' }).click();
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();

  // The CPU flame graph: search, a tooltip, a click zooms, the hotspot table picks a function.
  const profile = page.getByTestId('report-profile-cpu');
  await profile.scrollIntoViewIfNeeded();
  const flame = page.getByTestId('report-profile-cpu-flame');
  await expect.poll(async () => Number(await flame.getAttribute('data-draws'))).toBeGreaterThan(0);
  await profile.getByLabel('Search the flame graph').fill('renderOutput');
  await expect(page.getByTestId('report-profile-cpu-search-result')).toContainText(/1 match · \d+\.\d% of/);
  const canvas = flame.locator('canvas');
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 8, box.y + box.height - 9);
  await expect(flame.getByRole('tooltip')).toContainText(/Total \d/);
  await page.mouse.click(box.x + 8, box.y + box.height - 9 - 18);
  await expect(flame).toHaveAttribute('data-zoom-depth', '1');
  await expect(profile.getByRole('row').filter({ hasText: 'renderOutput' })).toHaveCount(1);
  await screenshot(page, 'report-profile');

  // The comparison: both sides, a verdict per metric, the functions, the differential graph.
  const comparison = page.getByTestId('report-comparison');
  await comparison.scrollIntoViewIfNeeded();
  await expect(comparison.getByRole('row').filter({ hasText: 'Wall time' })).toHaveCount(1);
  await expect(comparison.getByRole('row').filter({ hasText: 'renderOutput' }).first()).toBeVisible();
  const diff = comparison.getByTestId('diff-flame-canvas');
  await expect.poll(async () => Number(await diff.getAttribute('data-draws'))).toBeGreaterThan(0);
  await screenshot(page, 'report-comparison');

  expect(misdeeds).toEqual({ errors: [], requests: [] });
});

test('names from profiled programs stay text in a report, and run nothing', async ({ context }) => {
  const imported = JSON.parse(thermograph(['import', trickyFolded, '--name', hostile, '--json'])) as {
    session: { id: number };
  };
  const file = path.join(folder, 'tricky.html');
  thermograph(['report', String(imported.session.id), '--out', file]);
  const { page, misdeeds } = await openReport(context, file);
  await expect(page.getByTestId('report-session').getByRole('heading', { level: 1 })).toHaveText(hostile);
  await expect(page).toHaveTitle(`${hostile} — Thermograph report`);
  const profile = page.getByTestId('report-profile-cpu');
  await expect(profile.getByRole('row').filter({ hasText: '<script>alert(1)</script>' })).toHaveCount(1);
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned ?? false)).toBe(false);
  expect(await page.locator('script').count()).toBe(2);
  expect(misdeeds).toEqual({ errors: [], requests: [] });
});

test('Export report in a session’s header downloads the file through the browser', async ({
  appPage: page,
  context,
}) => {
  await importWithPicker(page, trickyFolded, 'exported from the header');

  const file = path.join(folder, 'from-the-header.html');
  await page.getByRole('button', { name: 'Export report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the session as a report' });
  await expect(dialog.getByLabel('File name')).toHaveValue(/^thermograph-\d+-report\.html$/);
  await screenshot(page, 'report-export-dialog');
  expect(await downloadTo(page, dialog, file)).toMatch(/^thermograph-\d+-report\.html$/);
  await expect(page.getByText(/Downloading thermograph-\d+-report\.html/)).toBeVisible();

  const { page: report, misdeeds } = await openReport(context, file);
  await expect(report.getByTestId('report-session').getByRole('heading', { level: 1 })).toHaveText(
    'exported from the header',
  );
  await expect
    .poll(async () => Number(await report.getByTestId('report-profile-cpu-flame').getAttribute('data-draws')))
    .toBeGreaterThan(0);
  expect(misdeeds).toEqual({ errors: [], requests: [] });
});
