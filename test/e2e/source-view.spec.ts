// The source view end to end on one imported Node.js profile (committed .cpuprofile, whose frames
// name test/fixtures/targets/node-hot.js in this checkout): pick hotFunction in the hotspot table,
// the source panel shows its file with the hot loop marked and scrolled into view, and "Open in
// editor" without an editor shows the path with a Copy button instead of navigating (a vscode://
// link wedged the tab in Chromium); at 1440 and 1024 px, in the dark and light themes, where the hot
// line's number reads at WCAG's 4.5:1 on its highlight.
import path from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Locator } from '@playwright/test';
import { textContrast } from '../helpers/contrast';
import { expect, screenshot, test } from './app-fixture';
import { callApi } from './page-api';

const target = path.resolve('test/fixtures/targets/node-hot.js');
/**
 * The committed profile names the target in the checkout it was recorded in (/work/main); a copy
 * naming this checkout's file is imported, so the source view reads the file beside the test.
 */
const profileFile = path.join(mkdtempSync(path.join(tmpdir(), 'thermograph-source-view-')), 'node-hot.cpuprofile');
writeFileSync(
  profileFile,
  readFileSync(path.resolve('test/fixtures/profiles/cpuprofile/node-hot.cpuprofile'), 'utf8').replaceAll(
    'file:///work/main/test/fixtures/targets/node-hot.js',
    pathToFileURL(target).href,
  ),
);
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
    expect(await hotNumberContrast(hot), `the hot line's number in the ${scheme} theme`).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, `source-view-${width}-${scheme}`);
  }
  // A later click still works (the tab was not handed to an external protocol).
  await page.getByTestId('hotspot-table').locator('tbody tr', { hasText: 'coldFunction' }).first().click();
  await expect(view).toContainText('coldFunction');
});

/** The contrast of the hot row's line number on the row's highlight and what lies behind it. */
async function hotNumberContrast(hot: Locator): Promise<number> {
  const colours = await hot.locator('.number').evaluate((element) => {
    // Type-checked without the DOM's types: the page's objects are typed loosely.
    type Element = { parentElement: Element | null };
    const browser = globalThis as unknown as {
      getComputedStyle(element: Element): { color: string; backgroundColor: string };
    };
    const layers: string[] = [];
    for (let node: Element | null = element; node; node = node.parentElement) {
      layers.push(browser.getComputedStyle(node).backgroundColor);
    }
    return { text: browser.getComputedStyle(element).color, layers };
  });
  return textContrast(colours.text, colours.layers).ratio;
}
