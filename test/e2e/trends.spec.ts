// The Trends view over a target recorded twice for real with the CLI and given three weeks of history
// through the store (test/helpers/trend-history.ts: its wall time doubles after the 12th session):
// pick the target, see the chart, the change point and the forecast in the summary, follow a number
// the sessions printed (From the output…, NAME=REGEX), open a session
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

  // A number each session printed: "From the output…" opens a NAME=REGEX field, which says what it needs.
  await page.getByTestId('trend-metric').selectOption({ label: 'From the output…' });
  const field = page.getByTestId('trend-output-metric');
  await expect(field).toBeFocused();
  await field.fill('result');
  await field.press('Enter');
  await expect(page.getByText(/Write NAME=REGEX/)).toBeVisible();
  await shoot(page, 'trends-output-field-1024-light');
  // A pattern that is no regular expression: the engine says so, and the field comes back as written.
  await field.fill('result=(');
  await field.press('Enter');
  await expect(page.getByText(/not a valid regular expression/)).toBeVisible();
  await page.getByRole('button', { name: 'Edit the pattern' }).click();
  await expect(field).toHaveValue('result=(');
  await field.fill('result=(\\d+)');
  await field.press('Enter');
  await expect(page).toHaveURL(/#\/trends\/\d+\/result%3D/);
  await expect(page.getByTestId('trend-lead')).toContainText(`result (printed) of`);
  await expect(page.getByTestId('trend-lead')).toContainText(`${seeded.length + 2} sessions`);
  await shoot(page, 'trends-output-1024-light');
  await page.getByTestId('trend-metric').selectOption({ label: 'Wall time' });
  await expect(page.getByTestId('trend-lead')).toContainText(`Wall time of`);

  // Keyboard: the sessions list opens a session; its header leads back to this target's trend.
  await page.getByText(`Sessions (${seeded.length + 2})`).click();
  const link = page.getByRole('button', { name: String(seeded[0]), exact: true });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/session/${seeded[0]}$`));
  await page.getByRole('link', { name: 'Trends for this target' }).click();
  await expect(page).toHaveURL(new RegExp(`#/trends/${seeded[0]}$`));
  await expect(changes.getByRole('button', { name: `Session ${changed}` })).toBeVisible();

  // A click on a point opens its session: find a drawn point by its colour, below the legend.
  const canvas = page.getByTestId('trend-chart').locator('canvas').first();
  const point = await canvas.evaluate((element) => {
    const drawn = element as unknown as {
      width: number;
      height: number;
      getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: number[] } };
    };
    const pixels = drawn.getContext('2d').getImageData(0, 0, drawn.width, drawn.height).data;
    // The points' blue (#5b9cff), the same in both themes; the legend's swatch is in the top 40 rows.
    for (let y = 40; y < drawn.height; y++)
      for (let x = 0; x < drawn.width; x++) {
        const at = (y * drawn.width + x) * 4;
        if (Math.abs(pixels[at]! - 91) + Math.abs(pixels[at + 1]! - 156) + Math.abs(pixels[at + 2]! - 255) < 12)
          return { x: x + 1, y: y + 2 };
      }
    return null;
  });
  expect(point, 'a session point is drawn').not.toBeNull();
  await canvas.click({ position: point! });
  await expect(page).toHaveURL(/#\/session\/\d+$/);
  const opened = Number(/(\d+)$/.exec(page.url())![1]);
  expect([...seeded, ...real.map((session) => session.id)]).toContain(opened);
});
