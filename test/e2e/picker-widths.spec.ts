// The process picker at the window sizes people use: at 1,024 × 768 a process's name, PID and
// command line must still be readable (the command line cut with an ellipsis, whole in the row's
// tooltip); at 1,280 and 1,440 px the other columns come back.
import { startTarget } from '../fixtures/targets/start-target';
import { expect, screenshot, test } from './app-fixture';

const sizes = [
  { width: 1024, height: 768, columns: ['Name', 'PID', 'CPU %', 'Runtime', 'Command line'] },
  { width: 1280, height: 800, columns: ['Name', 'PID', 'CPU %', 'RSS', 'Runtime', 'Command line'] },
  { width: 1440, height: 900, columns: ['Name', 'PID', 'User', 'CPU %', 'RSS', 'Runtime', 'Command line'] },
];

for (const size of sizes) {
  test(`at ${size.width} × ${size.height} the picker shows the name, PID and command line`, async ({
    appPage: page,
  }) => {
    // argv[0] names the process: a 19-character name, longer than the kernel's 15.
    const target = await startTarget('sleeper.js', ['60'], { argv0: 'thermograph-sleeper' });
    try {
      await page.setViewportSize({ width: size.width, height: size.height });
      const grid = page.getByRole('grid', { name: 'Processes' });
      await page.getByRole('searchbox', { name: 'Search processes' }).fill(String(target.pid));
      const row = grid.locator(`tr[data-pid="${target.pid}"]`);
      await expect(row).toBeVisible();
      // Every column this width must show is there (header cells read "CPU % ▼": compare starts).
      const headers = (await grid.locator('thead th').allTextContents()).map((text) => text.trim());
      for (const column of size.columns) expect(headers.some((header) => header.startsWith(column))).toBe(true);
      const frame = (await grid.boundingBox())!;

      // The whole name, uncut.
      const name = row.locator('td .name .text');
      await expect(name).toHaveText('thermograph-sleeper');
      expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      // The PID, inside the table.
      const pid = (await row.getByRole('cell', { name: String(target.pid), exact: true }).boundingBox())!;
      expect(pid.x + pid.width).toBeLessThanOrEqual(frame.x + frame.width);
      // The command line: a real share of the width, ends at the table's edge, cut with an ellipsis.
      const command = row.locator('td.command');
      const commandBox = (await command.boundingBox())!;
      expect(commandBox.width).toBeGreaterThanOrEqual(130);
      expect(commandBox.x + commandBox.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
      await expect(command).toHaveCSS('text-overflow', 'ellipsis');
      await expect(command).toContainText('sleeper.js 60');
      expect(await row.getAttribute('title')).toContain('sleeper.js 60');

      // The toolbar's controls stay on screen.
      const viewport = page.viewportSize()!;
      for (const control of [
        page.getByRole('button', { name: 'Refresh' }),
        page.getByRole('checkbox', { name: 'Every 3 s' }),
      ]) {
        const box = (await control.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      }
      await page.getByRole('searchbox', { name: 'Search processes' }).fill('');
      await screenshot(page, `picker-${size.width}`);
    } finally {
      await target.stop();
    }
  });
}
