// Launching a command: a missing program gets a clear error in place, and a real one records with
// its output captured into the session; the form then remembers the command and its folder.
import { homedir } from 'node:os';
import { expect, screenshot, test } from './app-fixture';

test("a command that does not exist shows the engine's error next to the Start button", async ({ appPage: page }) => {
  await page.getByRole('tab', { name: 'Launch command' }).click();
  await page.getByRole('textbox', { name: 'Command line' }).fill('thermograph-no-such-program --flag "two words"');
  await expect(page.getByRole('list', { name: 'Arguments' }).getByRole('listitem')).toHaveText([
    'thermograph-no-such-program',
    '--flag',
    'two words',
  ]);
  await page.getByRole('button', { name: /Start recording/ }).click();
  const error = page.getByRole('alert').filter({ hasText: 'thermograph-no-such-program' });
  await expect(error).toContainText(/not found/i);
  await expect(page).toHaveURL(/#\/new$|\/\?token=[^#]*$/);
  await screenshot(page, 'launch-command-not-found');

  // Bad environment lines are reported before anything is sent.
  await page.getByRole('textbox', { name: 'Environment variables' }).fill('GOOD=1\n1BAD=x');
  await expect(page.getByText('Line 2: "1BAD" is not a valid variable name')).toBeVisible();
  await expect(page.getByRole('button', { name: /Start recording/ })).toBeDisabled();
});

test('a launched command records with its stdout and stderr in the output panel', async ({ appPage: page }) => {
  await page.getByRole('tab', { name: 'Launch command' }).click();
  const script =
    "console.log('hello from the target'); console.error('a warning <b>not bold</b>'); setTimeout(() => {}, 1500)";
  await page.getByRole('textbox', { name: 'Command line' }).fill(`node -e "${script}"`);
  // A first launch runs in the user's home, not in the folder Thermograph was started from.
  const workingDirectory = page.getByRole('textbox', { name: 'Working directory' });
  await expect(workingDirectory).toHaveValue(homedir());
  await workingDirectory.fill(process.cwd());
  await page.getByRole('textbox', { name: 'Environment variables' }).fill('THERMOGRAPH_E2E=1');
  await page.getByRole('combobox', { name: 'Sampling interval' }).selectOption('250');
  await page.getByRole('textbox', { name: 'Command line' }).press('Enter');

  await expect(page).toHaveURL(/#\/session\/\d+$/);
  const output = page.locator('section.output pre');
  await expect(output.locator('.stdout')).toContainText('hello from the target');
  // Output is text, never markup: the tags show literally.
  await expect(output.locator('.stderr')).toContainText('a warning <b>not bold</b>');
  await expect(page.getByTestId('session-status')).toContainText('Target exited (code 0)', { timeout: 20_000 });
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-status', 'ready');
  await screenshot(page, 'launch-session-output');

  // Record again: the same command in a new session, with its output again.
  const firstUrl = page.url();
  await page.getByRole('button', { name: 'Record again' }).click();
  await expect.poll(() => page.url()).not.toBe(firstUrl);
  await expect(page).toHaveURL(/#\/session\/\d+$/);
  await expect(output.locator('.stdout')).toContainText('hello from the target');
  await expect(page.getByTestId('session-status')).toContainText('Target exited (code 0)', { timeout: 20_000 });

  // The next launch starts in the folder used last, and offers the launch again: one click fills both fields.
  await page.keyboard.press('n');
  await page.getByRole('tab', { name: 'Launch command' }).click();
  await expect(workingDirectory).toHaveValue(process.cwd());
  const recent = page.getByRole('list', { name: 'Recent' }).getByRole('button');
  await expect(recent).toHaveCount(1);
  await expect(recent).toContainText(`node -e "${script}"`);
  await workingDirectory.fill('/tmp');
  await recent.click();
  await expect(page.getByRole('textbox', { name: 'Command line' })).toHaveValue(`node -e "${script}"`);
  await expect(workingDirectory).toHaveValue(process.cwd());
  await screenshot(page, 'launch-recent');
});
