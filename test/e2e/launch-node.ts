// Launches a command from the New recording form with the Node.js profiler, as a user would: the
// flows that need a freshly recorded profile start here.
import type { Page } from '@playwright/test';

/** Fills the launch form with `commandLine` (sampling every `intervalMs` when given) and starts it. */
export async function launchWithNodeProfiler(page: Page, commandLine: string, intervalMs?: number): Promise<void> {
  await page.getByRole('tab', { name: 'Launch command' }).click();
  await page.getByRole('textbox', { name: 'Command line' }).fill(commandLine);
  // The form starts in the user's home; the fixtures' paths are relative to the checkout.
  await page.getByRole('textbox', { name: 'Working directory' }).fill(process.cwd());
  if (intervalMs !== undefined) {
    await page.getByRole('combobox', { name: 'Sampling interval' }).selectOption(String(intervalMs));
  }
  await page.getByRole('combobox', { name: 'Profiler', exact: true }).selectOption('node');
  await page.getByRole('textbox', { name: 'Command line' }).press('Enter');
}
