// The theme and the sidebar: the light theme follows prefers-color-scheme, the switch cycles system →
// light → dark and is remembered across a reload, the timeline canvas redraws in the new colours, and
// a narrow window folds the sidebar to its icons (the toggle and `[` unfold and fold it again).
// One short recording (`thermograph record` of cpu-busy.js) serves every check.
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './app-fixture';
import { recordShortSession } from './record-short';

/** Opens the recorded session from the list and waits for its timeline's data. */
async function openSession(page: Page): Promise<void> {
  await page.keyboard.press('s');
  await page.getByRole('row', { name: /theme e2e/ }).click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-status', 'ready');
}

/** The timeline's base canvas as a data URL, to tell two draws apart. */
function timelinePixels(page: Page): Promise<string> {
  return (
    page
      .locator('canvas.timeline-base')
      // The element is a canvas; this file is type-checked without the DOM's types.
      .evaluate((canvas) => (canvas as unknown as { toDataURL(): string }).toDataURL())
  );
}

const html = (page: Page) => page.locator('html');
const themeSwitch = (page: Page) => page.getByRole('button', { name: /^Theme:/ });

test('the theme follows the system, switches, is remembered, and the timeline redraws in it', async ({ app, page }) => {
  await recordShortSession(app, 'theme e2e');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(app.url);
  await expect(html(page)).toHaveAttribute('data-theme', 'light');
  await expect(themeSwitch(page)).toHaveAccessibleName('Theme: system (light)');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(244, 245, 248)');
  await screenshot(page, 'theme-light-new-recording');

  await openSession(page);
  await screenshot(page, 'theme-light-session-1440');
  const lightPixels = await timelinePixels(page);

  // system (light) → light → dark: the canvas is drawn again in the dark colours.
  await themeSwitch(page).click();
  await expect(themeSwitch(page)).toHaveAccessibleName('Theme: light');
  await themeSwitch(page).click();
  await expect(themeSwitch(page)).toHaveAccessibleName('Theme: dark');
  await expect(html(page)).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(14, 16, 20)');
  await expect.poll(() => timelinePixels(page)).not.toBe(lightPixels);
  await screenshot(page, 'theme-dark-session-1440');

  // The choice outlives a reload, although the system still prefers light.
  await page.reload();
  await expect(html(page)).toHaveAttribute('data-theme', 'dark');
  await expect(themeSwitch(page)).toHaveAccessibleName('Theme: dark');
  // Back to following the system.
  await themeSwitch(page).click();
  await expect(html(page)).toHaveAttribute('data-theme', 'light');
});

test('a narrow window folds the sidebar to its icons; the toggle and [ unfold and fold it', async ({ app, page }) => {
  await recordShortSession(app, 'theme e2e');
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(app.url);
  const sidebar = page.getByRole('navigation', { name: 'Main' });
  await expect(sidebar).toHaveCSS('width', '48px');
  // The labels are gone, the buttons still say where they go.
  await expect(sidebar.getByText('New recording')).toBeHidden();
  await expect(sidebar.getByRole('button', { name: 'Sessions' })).toBeVisible();

  await openSession(page);
  await screenshot(page, 'theme-dark-session-1024');
  await themeSwitch(page).click();
  await expect(html(page)).toHaveAttribute('data-theme', 'light');
  await screenshot(page, 'theme-light-session-1024');

  await sidebar.getByRole('button', { name: 'Unfold the sidebar' }).click();
  await expect(sidebar).toHaveCSS('width', '220px');
  await expect(sidebar.getByText('New recording')).toBeVisible();
  await page.locator('body').press('[');
  await expect(sidebar).toHaveCSS('width', '48px');

  // A wide window unfolds it by itself.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(sidebar).toHaveCSS('width', '220px');
});
