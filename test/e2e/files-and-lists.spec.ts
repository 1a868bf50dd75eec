// Browser mode's files and the sessions list: a profile dropped on the window becomes a session (the
// overlay shows while dragging), the import dialog's file picker sends one too, an export is saved by
// the browser's download with the bytes `thermograph export` writes, and the sessions list shows the
// top function, links Compare to the session's own target's baseline, and keeps its scroll after a
// rename and a reload; the session header names the recorded program. At 1440 and 1024 px, dark and light.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './app-fixture';
import { recordShortSession } from './record-short';

const cpuProfile = 'test/fixtures/profiles/cpuprofile/node-hot.cpuprofile';
const folded = 'test/fixtures/profiles/folded/perf-go-hot.folded';

// This file is type-checked without the DOM's types: what the page code uses is declared here.
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: Uint8Array[], name: string) => unknown;
  location: { search: string };
}

/** Drags a file over the window and drops it, as a file manager would. */
async function dropFile(page: Page, file: string, onOverlay: () => Promise<void>): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const { DataTransfer, File } = globalThis as unknown as PageGlobals;
      const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name));
      return transfer;
    },
    { name: path.basename(file), base64: readFileSync(file).toString('base64') },
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await onOverlay();
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}

/** Imports the folded fixture once per name through the upload route, as the page itself would. */
async function uploadMany(page: Page, names: string[]): Promise<void> {
  const text = readFileSync(folded, 'utf8');
  await page.evaluate(
    async ({ text, names }) => {
      const { location } = globalThis as unknown as PageGlobals;
      const token = new URLSearchParams(location.search).get('token')!;
      for (const name of names) {
        const query = new URLSearchParams({ token, file: name });
        const response = await fetch(`/files/import?${query}`, { method: 'POST', body: text });
        if (!response.ok) throw new Error(await response.text());
      }
    },
    { text, names },
  );
}

test('drop, pick, download, and a sessions list that keeps its place', async ({ app, appPage: page }) => {
  // A session's row, by the exact name its link shows.
  const row = (name: string) => page.locator('tr', { has: page.getByRole('link', { name, exact: true }) });
  // 0. The empty list says a profile can be dropped; a recorded session's header names the program.
  await page.keyboard.press('s');
  await expect(page.getByText('or drop the file anywhere on this window')).toBeVisible();
  await recordShortSession(app, 'header e2e');
  // Recorded by another process (the CLI): the list learns of it on a reload.
  await page.reload();
  await page.keyboard.press('s');
  await row('header e2e').getByRole('link', { name: 'header e2e' }).click();
  await expect(page.getByTestId('session-process')).toHaveText(/^node · PID \d+$/);
  await screenshot(page, 'files-session-header-dark-1440');

  // 1. A profile dropped anywhere on the window: the overlay, then the new session.
  await dropFile(page, cpuProfile, async () => {
    await expect(page.getByTestId('drop-overlay')).toContainText('Drop a profile to import');
    await screenshot(page, 'files-drop-overlay-dark-1440');
  });
  await expect(page.getByRole('heading', { level: 1, name: 'node-hot.cpuprofile' })).toBeVisible();
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
  const sessionId = /#\/session\/(\d+)/.exec(page.url())![1]!;

  // 2. The export downloads through the browser, with the bytes `thermograph export` writes.
  await page.getByRole('button', { name: /Export profile/ }).click();
  await page.getByRole('menuitem', { name: /folded/ }).click();
  await expect(page.getByLabel('File name')).toHaveValue(`thermograph-${sessionId}-cpu.folded.txt`);
  await screenshot(page, 'files-download-dialog-dark-1440');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`thermograph-${sessionId}-cpu.folded.txt`);
  const folder = mkdtempSync(path.join(tmpdir(), 'thermograph-e2e-download-'));
  try {
    const saved = path.join(folder, 'saved.folded');
    await download.saveAs(saved);
    const direct = path.join(folder, 'direct.folded');
    execFileSync(process.execPath, [
      'out/main/cli.js',
      'export',
      sessionId,
      '--format',
      'folded',
      '--out',
      direct,
      '--db',
      app.databasePath,
    ]);
    expect(readFileSync(saved).equals(readFileSync(direct))).toBe(true);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  // 3. Over a slow link: a drop's card shows how much was sent, and Cancel imports nothing.
  await page.keyboard.press('s');
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Network.enable');
  const link = { offline: false, latency: 0, downloadThroughput: -1 };
  // Slow enough that the upload is still being sent when Cancel is clicked.
  await devtools.send('Network.emulateNetworkConditions', { ...link, uploadThroughput: 2 * 1024 });
  await dropFile(page, cpuProfile, async () => {});
  const card = page.getByTestId('upload-card');
  await expect(card).toContainText(/Sending \d+ % of 15\.8 KiB/);
  await screenshot(page, 'files-drop-progress-dark-1440');
  await card.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Import of node-hot.cpuprofile cancelled.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();
  await expect(page.locator('tr[data-session-id]')).toHaveCount(2);

  // The import dialog's file picker, over a faster link: the dialog shows the progress.
  await devtools.send('Network.emulateNetworkConditions', { ...link, uploadThroughput: 24 * 1024 });
  await page.getByRole('button', { name: 'Import profile' }).click();
  await page.getByLabel('Profile file', { exact: true }).setInputFiles(cpuProfile);
  await page.getByLabel('Session name').fill('picked profile');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('dialog').getByRole('status')).toContainText(/Sending \d+ % of 15\.8 KiB|Importing/);
  await screenshot(page, 'files-import-progress-dark-1440');
  await expect(page.getByRole('heading', { level: 1, name: 'picked profile' })).toBeVisible();
  await devtools.send('Network.emulateNetworkConditions', { ...link, uploadThroughput: -1 });
  await expect(page.getByTestId('session-process')).toHaveCount(0);

  // 4. The sessions list: the top function column, and its scroll kept across a rename and a reload.
  // Two uploads of one file are one target: the newer one compares with the older, its baseline.
  await uploadMany(page, ['twin.folded', 'twin.folded']);
  await uploadMany(
    page,
    Array.from({ length: 24 }, (_, index) => `run-${String(index).padStart(2, '0')}.folded`),
  );
  await page.keyboard.press('s');
  const twins = page.locator('tr', { hasText: 'twin.folded' });
  const [newerTwin, olderTwin] = [
    await twins.nth(0).getAttribute('data-session-id'),
    await twins.nth(1).getAttribute('data-session-id'),
  ];
  await twins.nth(1).getByRole('button', { name: 'Mark as baseline' }).click();
  await expect(twins.nth(0).getByRole('link', { name: /Compare .* with the baseline/ })).toHaveAttribute(
    'href',
    `#/compare/${olderTwin}/${newerTwin}`,
  );
  // Another target has no baseline: no Compare with a baseline that is not its own.
  await expect(row('run-05.folded').getByRole('link', { name: /Compare/ })).toHaveCount(0);
  await expect(row('node-hot.cpuprofile').locator('td.top')).not.toHaveText('—');
  await expect(row('picked profile').locator('td.top')).toHaveText('hotFunction');
  const frame = page.getByRole('grid', { name: 'Sessions' });
  await frame.evaluate((element) => element.scrollTo({ top: 240 }));
  await expect.poll(() => frame.evaluate((element) => element.scrollTop)).toBe(240);
  await screenshot(page, 'files-sessions-scrolled-dark-1440');
  const target = page.locator('tr[data-session-id]').nth(14);
  await target.hover();
  await target.getByRole('button', { name: /^Rename/ }).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('renamed in place');
  await page.keyboard.press('Enter');
  await expect(row('renamed in place')).toBeVisible();
  expect(await frame.evaluate((element) => element.scrollTop)).toBe(240);
  await page.reload();
  await expect(row('renamed in place')).toBeVisible();
  await expect.poll(() => frame.evaluate((element) => element.scrollTop)).toBe(240);

  // 5. Narrow and light: the list and the upload's overlay still fit.
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, 'files-sessions-dark-1024');
  await page.emulateMedia({ colorScheme: 'light' });
  await screenshot(page, 'files-sessions-light-1024');
  await dropFile(page, folded, async () => {
    await expect(page.getByTestId('drop-overlay')).toBeVisible();
    await screenshot(page, 'files-drop-overlay-light-1024');
  });
  await expect(page.getByRole('heading', { level: 1, name: 'perf-go-hot.folded' })).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, 'files-session-light-1440');
});

test('a dropped file that is no profile is refused with the formats Thermograph reads', async ({ app, page }) => {
  // Not appPage: its check counts the refusal's HTTP 400 as a page error.
  await page.goto(`${app.url}#/sessions`);
  await expect(page.getByText('or drop the file anywhere on this window')).toBeVisible();
  await dropFile(page, 'test/fixtures/targets/README.md', async () => {});
  const toast = page.getByRole('alert').filter({ hasText: 'README.md is not in a profile format Thermograph reads' });
  await expect(toast).toContainText('Supported formats:');
  await screenshot(page, 'files-drop-refused-dark-1440');
  await expect(page.locator('tr[data-session-id]')).toHaveCount(0);
});
