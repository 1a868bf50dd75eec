// Alerts in the UI (issue 11, flow 1): a rule set in the New Recording form watches a real program
// that grows to 200 MB; a rule the engine cannot read is refused inline by the session's Alerts
// control; when the alert fires, a toast tells it in the engine's sentence, the timeline draws its
// red line (whose hover tells the sentence again), the list lists it, and "Show" brushes the timeline.
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './app-fixture';

/** Resident 200 MB three seconds in (filled, so the pages are real), then idle until stopped. */
const spikeScript =
  'setTimeout(() => { globalThis.kept = Buffer.alloc(200e6, 1); }, 3000); setTimeout(() => {}, 60000)';

/**
 * The x (CSS pixels) of the column of the timeline's base canvas holding the most alert-red pixels
 * (#f05a5a: a fired alert's line), and how many it holds.
 */
function alertLineColumn(page: Page): Promise<{ x: number; count: number }> {
  return page.locator('canvas.timeline-base').evaluate((element) => {
    // The element is a canvas; this file is type-checked without the DOM's types.
    const canvas = element as unknown as {
      width: number;
      height: number;
      clientWidth: number;
      getContext(kind: '2d'): {
        getImageData(
          x: number,
          y: number,
          width: number,
          height: number,
        ): { data: Uint8ClampedArray; width: number; height: number };
      };
    };
    const context = canvas.getContext('2d');
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    const counts = new Array<number>(width).fill(0);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const index = (y * width + x) * 4;
        const [red, green, blue] = [data[index]!, data[index + 1]!, data[index + 2]!];
        if (Math.abs(red - 240) < 12 && Math.abs(green - 90) < 12 && Math.abs(blue - 90) < 12) counts[x]!++;
      }
    }
    const best = counts.indexOf(Math.max(...counts));
    return { x: best / (canvas.width / canvas.clientWidth), count: counts[best]! };
  });
}

test('an alert set in the form fires on a real spike: toast, timeline marker, list, Show', async ({
  appPage: page,
}) => {
  await page.context().grantPermissions(['notifications']);
  await page.getByRole('tab', { name: 'Launch command' }).click();
  await page.getByRole('textbox', { name: 'Command line' }).fill(`node -e "${spikeScript}"`);
  await page.getByRole('textbox', { name: 'Working directory' }).fill(process.cwd());
  await page.getByRole('combobox', { name: 'Sampling interval' }).selectOption('100');
  await page.getByRole('combobox', { name: 'Profiler', exact: true }).selectOption('none');
  await page.getByRole('textbox', { name: 'Alert rules' }).fill('rss>120MB');
  await screenshot(page, 'alerts-new-recording');
  await page.getByRole('button', { name: /Start recording/ }).click();
  await expect(page).toHaveURL(/#\/session\/\d+$/);

  // While it records, the rules are editable; one the engine cannot read is refused in place.
  const watch = page.getByTestId('watch');
  await expect(watch.getByRole('list', { name: 'Alert rules' })).toHaveText('rss>120MB');
  // Before the spike (3 s in): what watches it, and that the anomaly detectors are still learning.
  await expect(watch).toContainText(
    /No alerts fired\. Rules: rss>120MB\. Anomaly detection does not judge \d+ metrics? yet — \w+: learning what is usual/,
  );
  await watch.getByRole('button', { name: 'Edit alerts' }).click();
  await watch.getByRole('textbox', { name: 'Alert rules' }).fill('rss>120MB, rss>>5');
  await watch.getByRole('button', { name: 'Apply' }).click();
  await expect(watch.getByRole('alert')).toContainText('rss>>5');
  await watch.getByRole('textbox', { name: 'Alert rules' }).fill('rss>120MB, fds>100000');
  await watch.getByRole('button', { name: 'Apply' }).click();
  await expect(watch.getByRole('list', { name: 'Alert rules' }).getByRole('listitem')).toHaveText([
    'rss>120MB',
    'fds>100000',
  ]);
  await expect(watch.getByRole('alert')).toHaveCount(0);

  // The spike fires the rule: a toast that stays, in the engine's own sentence.
  const toast = page.getByTestId('toast').filter({ hasText: 'Alert: rss>120MB' });
  await expect(toast).toContainText(/rss>120MB fired: \d+(\.\d+)? Mi?B/, { timeout: 15_000 });
  const sentence = (await watch.getByRole('button', { name: /rss>120MB fired/ }).textContent())!;
  expect(sentence).toMatch(/^\+\d.*\sAlert\s+rss>120MB fired: \d/);
  // Beside the events, the memory forecast: seconds of readings cannot tell when a limit is reached.
  await expect(watch.locator('.memory')).toContainText(/^Memory\s+\d+ readings over .*; a memory forecast needs ≥ 10/);

  // The timeline draws the alert's red line while it records.
  await expect.poll(async () => (await alertLineColumn(page)).count).toBeGreaterThan(150);

  // "Show", from another screen, opens the session with its timeline brushed around the event.
  const sessionUrl = page.url();
  await page.keyboard.press('s');
  await expect(page).toHaveURL(/#\/sessions$/);
  await toast.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(sessionUrl);
  await expect(page.getByRole('status', { name: 'Selected range' })).toBeVisible();
  // In browser mode the page's own notifications are offered, asked for from this click.
  const desktop = watch.getByRole('checkbox', { name: 'Desktop notifications' });
  await desktop.check();
  await expect(desktop).toBeChecked();
  await page.mouse.move(0, 0);
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, 'alerts-session-1440-dark');

  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await screenshot(page, 'alerts-session-1024-light');

  // Escape dismisses the toast that has the focus.
  await toast.getByRole('button', { name: 'Show' }).focus();
  await page.keyboard.press('Escape');
  await expect(toast).toHaveCount(0);

  await page.getByRole('button', { name: 'Stop recording' }).click();
  await expect(page.getByTestId('session-status')).not.toContainText('Recording');
  // An ended session's rules are read-only; they can still become the target's defaults.
  await expect(watch.getByRole('button', { name: 'Edit alerts' })).toHaveCount(0);
  await watch.getByRole('button', { name: 'Save as defaults for this target' }).click();
  await expect(watch.getByRole('status')).toHaveText('Saved as the defaults of this target.');

  // Once the axis stops growing, the line stays put: hovering it tells the sentence.
  await expect.poll(async () => (await alertLineColumn(page)).count).toBeGreaterThan(150);
  const line = await alertLineColumn(page);
  const canvas = await page.locator('canvas.timeline-overlay').boundingBox();
  await page.mouse.move(canvas!.x + line.x + 2, canvas!.y + canvas!.height * 0.3);
  await expect(page.locator('.timeline-tooltip .readout-note')).toContainText('rss>120MB fired');

  // The form remembers the rules for the next recording.
  await page.keyboard.press('n');
  await expect(page.getByRole('textbox', { name: 'Alert rules' })).toHaveValue('rss>120MB');
});
