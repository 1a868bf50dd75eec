// Attaching to a running Node.js service from the picker: without an inspector and without the
// user's consent, Thermograph sends no signal (the service's own SIGUSR1 listener would run), says
// how to profile it instead, and still records its timeline.
import { spawn } from 'node:child_process';
import { startTarget, type RunningTarget } from '../fixtures/targets/start-target';
import { expect, screenshot, test } from './app-fixture';

let target: RunningTarget | null = null;

test.afterEach(async () => {
  await target?.stop();
  target = null;
});

test('a Node.js service with its own SIGUSR1 listener is not signalled, and the session says why', async ({
  appPage: page,
}) => {
  const optIn = page.getByRole('checkbox', { name: /allow SIGUSR1 to open its inspector/ });
  // Not offered for a process that is not Node.js (SIGUSR1 would only hurt it), unless the user
  // chooses the Node.js profiler for it.
  const shell = spawn('sleep', ['60'], { stdio: 'ignore' });
  try {
    await page.getByRole('searchbox', { name: 'Search processes' }).fill(String(shell.pid));
    await page.locator(`tr[data-pid="${shell.pid}"]`).click();
    await expect(optIn).toBeHidden();
    await page.getByRole('combobox', { name: 'Profiler', exact: true }).selectOption('node');
    await expect(optIn).toBeVisible();
    await page.getByRole('combobox', { name: 'Profiler', exact: true }).selectOption('auto');
  } finally {
    shell.kill();
  }

  target = await startTarget('sigusr1-handler.js', ['60']);
  await page.getByRole('searchbox', { name: 'Search processes' }).fill(String(target.pid));
  const row = page.locator(`tr[data-pid="${target.pid}"]`);
  await row.click();

  // The opt-in is offered for a running Node.js process, unchecked, and goes away with the profiler.
  await expect(optIn).toBeVisible();
  await expect(optIn).not.toBeChecked();
  await screenshot(page, 'attach-node-opt-in');
  await page.getByRole('combobox', { name: 'Profiler', exact: true }).selectOption('none');
  await expect(optIn).toBeHidden();
  await page.getByRole('combobox', { name: 'Profiler', exact: true }).selectOption('auto');

  await page.getByRole('combobox', { name: 'Sampling interval' }).selectOption('250');
  await page.getByRole('button', { name: /Start recording/ }).click();
  await expect(page.getByText(/--inspect=127\.0\.0\.1:0/).first()).toBeVisible();
  await expect(page.getByTestId('session-status')).toContainText('Recording');
  // No promise of a profile that will not come.
  await expect(page.getByText('Profile is being collected…')).toBeHidden();
  await screenshot(page, 'attach-node-refused');
  // The service is alive: its handler, which exits with status 7, never ran.
  expect(target.child.exitCode).toBeNull();
  await page.getByRole('button', { name: /Stop/ }).click();
  await expect(page.getByTestId('session-status')).not.toContainText('Recording');
  expect(target.child.exitCode).toBeNull();
});
