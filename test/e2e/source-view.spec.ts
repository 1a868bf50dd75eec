// The source view end to end on one imported Node.js profile (committed .cpuprofile, whose frames
// name test/fixtures/targets/node-hot.js in this checkout): pick hotFunction in the hotspot table,
// the source panel shows its file with the hot loop marked and scrolled into view, and "Open in
// editor" without an editor shows the path with a Copy button instead of navigating (a vscode://
// link wedged the tab in Chromium); at 1440 and 1024 px, in the dark and light themes.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { expect, screenshot, test } from './app-fixture';
import { callApi } from './page-api';

const profileFile = path.resolve('test/fixtures/profiles/cpuprofile/node-hot.cpuprofile');
const target = path.resolve('test/fixtures/targets/node-hot.js');
const targetLines = readFileSync(target, 'utf8').split('\n');
const hotLine =
  targetLines.findIndex(
    (line, index) =>
      index > targetLines.findIndex((text) => text.includes('function hotFunction')) && line.includes('units * 20_000'),
  ) + 1;

// No editor: "Open" must fall back to the path, whatever the machine running the tests has set.
test.use({ serveEnvironment: { THERMOGRAPH_EDITOR: '' } });

test('pick a function: its source with the hot line marked, and the path to copy without an editor', async ({
  appPage: page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const session = (await callApi(page, 'importProfile', { path: profileFile, name: 'source' })) as { id: number };
  await page.goto(`${page.url().split('#')[0]}#/session/${session.id}`);
  await page.getByTestId('hotspot-table').locator('tbody tr', { hasText: 'hotFunction' }).first().click();

  const view = page.getByTestId('source-view');
  await expect(view).toContainText('hotFunction');
  const hot = view.locator('[data-hottest="true"]');
  await expect(hot).toHaveAttribute('data-line', String(hotLine));
  await expect(hot).toContainText('units * 20_000');
  // Scrolled into view inside its box: with the panel on screen, the hot line is too.
  await view.scrollIntoViewIfNeeded();
  await expect(hot).toBeInViewport();
  await expect(view.getByTestId('source-notes')).toContainText('Self cost only');

  // Open without an editor: the path and a Copy button, and the page stays where it is.
  const before = page.url();
  await view.getByTestId('source-open').click();
  const copyRow = view.getByTestId('source-copy-row');
  await expect(copyRow.getByRole('textbox', { name: 'Source location' })).toHaveValue(`${target}:${hotLine}`);
  await expect(page).toHaveURL(before);
  await copyRow.getByTestId('source-copy').click();
  await expect(copyRow.getByRole('status')).toContainText(/Copied|Ctrl\+C/);
  await view.scrollIntoViewIfNeeded();
  await screenshot(page, 'source-view-1440-dark');

  // Both themes at both widths: the same panel, the hot line still marked.
  for (const [width, height, scheme] of [
    [1440, 900, 'light'],
    [1024, 768, 'light'],
    [1024, 768, 'dark'],
  ] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await page.setViewportSize({ width, height });
    await view.scrollIntoViewIfNeeded();
    await expect(hot).toBeInViewport();
    await screenshot(page, `source-view-${width}-${scheme}`);
  }
  // A later click still works (the tab was not handed to an external protocol).
  await page.getByTestId('hotspot-table').locator('tbody tr', { hasText: 'coldFunction' }).first().click();
  await expect(view).toContainText('coldFunction');
});
