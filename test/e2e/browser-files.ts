// Files in and out of the browser-mode UI as a user moves them: a profile picked in the import
// dialog, and an export saved by the browser's download (the page never types a path in browser mode).
import type { Locator, Page } from '@playwright/test';
import { expect } from './app-fixture';

/** Imports a profile through the Sessions screen's dialog and its file picker; waits for the session. */
export async function importWithPicker(page: Page, file: string, name?: string): Promise<void> {
  await page.goto(`${page.url().split('#')[0]}#/sessions`);
  await page.getByRole('button', { name: 'Import profile' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Profile file', { exact: true }).setInputFiles(file);
  if (name !== undefined) await dialog.getByLabel('Session name').fill(name);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page).toHaveURL(/#\/session\/\d+$/);
}

/** Clicks an export dialog's Download and saves what the browser receives to `file`; returns its suggested name. */
export async function downloadTo(page: Page, dialog: Locator, file: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download', exact: true }).click(),
  ]);
  await download.saveAs(file);
  await expect(dialog).toBeHidden();
  return download.suggestedFilename();
}
