// The Trends view over a target recorded twice for real with the CLI and given three weeks of history
// through the store (test/helpers/trend-history.ts: its wall time doubles after the 12th session):
// pick the target, see the chart, the change point and the forecast in the summary, open a session
// from the list and come back through its header. Screenshots at 1440 dark and 1024 light.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { recordTrendRun, seedTrendHistory, sessionsBeforeChange } from '../helpers/trend-history';
import { expect, test } from './app-fixture';

const shots = '/tmp/shots-trends';
const cli = 'out/main/cli.js';

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: false });
}

test('shows a target’s trend with its change point and forecast', async ({ app, appPage: page }) => {
  const real = [recordTrendRun(cli, app.databasePath), recordTrendRun(cli, app.databasePath)];
  const seeded = seedTrendHistory(app.databasePath, real);
  const changed = seeded[sessionsBeforeChange]!;

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Trends' }).click();
  await expect(page).toHaveURL(/#\/trends$/);
  await expect(page.getByRole('heading', { name: 'Choose a target' })).toBeVisible();

  await page.getByTestId('trend-target').selectOption({ label: `${real[0]!.name} — ${seeded.length + 2} sessions` });
  await expect(page).toHaveURL(new RegExp(`#/trends/${real[1]!.id}$`));
  await expect(page.getByTestId('trend-lead')).toContainText(`Wall time of`);
  await expect(page.getByTestId('trend-lead')).toContainText(`${seeded.length + 2} sessions`);

  // The chart (ECharts describes its series for assistive technology) holds the forecast band.
  const chart = page.getByTestId('trend-chart');
  await expect(chart.locator('canvas')).toBeVisible();
  await expect(chart).toHaveAttribute('aria-label', /Prediction band/);

  const changes = page.getByTestId('trend-changes');
  await expect(changes.getByRole('button', { name: `Session ${changed}` })).toBeVisible();
  await expect(changes).toContainText(/\+(9\d|10\d)\.\d %/);
  const forecast = page.getByTestId('trend-forecast');
  await expect(forecast).toContainText('In 7 days');
  await expect(forecast).toContainText('In 30 days');
  await expect(forecast).toContainText(`rests on ${seeded.length - sessionsBeforeChange + 2} sessions over`);
  await expect(page.getByTestId('trend-slope')).toContainText('/day');
  await shoot(page, 'trends-1440-dark');

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(changes).toBeVisible();
  await shoot(page, 'trends-1024-light');

  // Keyboard: the sessions list opens a session; its header leads back to this target's trend.
  await page.getByText(`Sessions (${seeded.length + 2})`).click();
  const link = page.getByRole('button', { name: String(seeded[0]), exact: true });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/session/${seeded[0]}$`));
  await page.getByRole('link', { name: 'Trends for this target' }).click();
  await expect(page).toHaveURL(new RegExp(`#/trends/${seeded[0]}$`));
  await expect(changes.getByRole('button', { name: `Session ${changed}` })).toBeVisible();
});
