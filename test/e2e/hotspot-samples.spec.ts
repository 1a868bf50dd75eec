// "Samples" means the same in the app and the CLI: the hotspot table's column is Total samples (the
// function anywhere on the stack), with the self samples on hover, and its figure for the hot function
// is the TOTAL SAMPLES that `thermograph hotspots` prints for the same imported profile.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { HotspotTable } from '../../src-shared/profile/views';
import { expect, screenshot, test } from './app-fixture';
import { importWithPicker } from './browser-files';

const nodeHot = path.resolve('test/fixtures/profiles/cpuprofile/node-hot.cpuprofile');

/** The CLI's hotspots of the fixture, from its own throwaway database. */
function cliHotspots(): HotspotTable {
  const database = path.join('test-results', `hotspot-samples-${process.pid}.db`);
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['out/main/cli.js', ...args, '--db', database], { encoding: 'utf8' });
  const imported = JSON.parse(cli(['import', nodeHot, '--json']).stdout) as { session: { id: number } };
  const listed = cli(['hotspots', String(imported.session.id), '--json']);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
  return (JSON.parse(listed.stdout) as { hotspots: HotspotTable }).hotspots;
}

async function importHot(page: Page): Promise<void> {
  await importWithPicker(page, nodeHot);
  const tab = page.getByTestId('profile-panel').getByRole('tab', { name: /Hotspots/ });
  if ((await tab.count()) > 0) await tab.click();
}

test('the hotspot table counts total samples as the CLI does, self samples on hover', async ({ appPage: page }) => {
  const cli = cliHotspots();
  const hot = cli.rows.find((row) => cli.frames[row.frame]!.name === 'hotFunction')!;
  await page.setViewportSize({ width: 1440, height: 900 });
  await importHot(page);
  const table = page.getByTestId('hotspot-table');
  await expect(table.getByRole('columnheader', { name: 'Total samples' })).toBeVisible();
  const cell = table.locator('tbody tr', { hasText: 'hotFunction' }).first().locator('td').nth(3);
  await expect(cell).toHaveText(String(hot.totalSamples));
  await expect(cell).toHaveAttribute('title', `${hot.selfSamples} self samples (the function itself running)`);
  await screenshot(page, 'hotspot-samples-1440');
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(table.getByRole('columnheader', { name: 'Total samples' })).toBeVisible();
  await screenshot(page, 'hotspot-samples-1024');
});
