// Launching a command: a missing program gets a clear error in place, and a real one records with
// its output captured into the session.
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
});
