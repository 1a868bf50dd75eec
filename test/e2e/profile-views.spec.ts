// The profile panel's views end to end on one imported Node.js profile (committed .cpuprofile):
// switch views with the digit keys, walk the bottom-up tree with the keyboard, merge a function
// from the context menu and remove it from the breadcrumb, export with a transform applied; at
// 1440 and 1024 px, in the dark and light themes. An imported Go allocation profile says what it
// is: sampled allocations including collected objects, not retained memory.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './app-fixture';
import { callApi } from './page-api';

const nodeHot = path.resolve('test/fixtures/profiles/cpuprofile/node-hot.cpuprofile');
const goAllocations = path.resolve('test/fixtures/profiles/pprof/go-allocs.pb.gz');

/** Imports the profile into a session of its own and opens it. */
async function openImported(page: Page): Promise<number> {
  const session = (await callApi(page, 'importProfile', { path: nodeHot, name: 'views' })) as { id: number };
  await page.goto(`${page.url().split('#')[0]}#/session/${session.id}`);
  await expect(page.getByTestId('flame-graph')).toBeVisible();
  return session.id;
}

/** The tab of a view. */
function tab(page: Page, name: string) {
  return page.getByTestId('profile-panel').getByRole('tab', { name, exact: true });
}

/** The selected row of a tree table: its function name and level. */
async function selectedRow(page: Page, testId: string): Promise<{ name: string; level: number }> {
  const row = page.getByTestId(testId).locator('[role="row"][aria-selected="true"]');
  return {
    name: (await row.locator('.name').textContent()) ?? '',
    level: Number(await row.getAttribute('aria-level')),
  };
}

test('views by key, the bottom-up tree by keyboard, a merge from the context menu, and its export', async ({
  appPage: page,
}) => {
  const sessionId = await openImported(page);

  // 1–5 pick the views; the focus stays on the tabs so the next key works too.
  await tab(page, 'Flame graph').focus();
  for (const [key, name, pane] of [
    ['2', 'Stack chart', 'stack-pane'],
    ['3', 'Call tree', 'tree-pane'],
    ['5', 'Sandwich', 'sandwich-pane'],
    ['4', 'Bottom-up', 'bottom-up-pane'],
  ] as const) {
    await page.keyboard.press(key);
    await expect(tab(page, name)).toHaveAttribute('aria-selected', 'true');
    await expect(tab(page, name)).toBeFocused();
    await expect(page.getByTestId(pane)).toBeVisible();
  }

  // Bottom-up: the heaviest function comes first, its heaviest callers already open.
  const bottomUp = page.getByTestId('bottom-up');
  await expect(bottomUp.locator('[role="row"]').first()).toContainText('hotFunction');
  await expect(bottomUp.locator('[role="row"][aria-level="2"]').first()).toBeVisible();
  await bottomUp.getByRole('treegrid').focus();
  await page.keyboard.press('Home');
  expect(await selectedRow(page, 'bottom-up')).toEqual({ name: 'hotFunction', level: 1 });
  await page.keyboard.press('ArrowLeft');
  await expect(bottomUp.locator('[role="row"][aria-level="2"]')).toHaveCount(0);
  // The second function's callers are not loaded yet: → asks the engine, → again enters them.
  await page.keyboard.press('ArrowDown');
  expect((await selectedRow(page, 'bottom-up')).level).toBe(1);
  const second = (await selectedRow(page, 'bottom-up')).name;
  await page.keyboard.press('ArrowRight');
  await expect(bottomUp.locator('[role="row"][aria-level="2"]').first()).toBeVisible();
  await page.keyboard.press('ArrowRight');
  expect((await selectedRow(page, 'bottom-up')).level).toBe(2);
  await page.keyboard.press('ArrowLeft');
  expect(await selectedRow(page, 'bottom-up')).toEqual({ name: second, level: 1 });
  // Enter shows that function's callers and callees in the details.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sandwich')).toContainText(second);
  await page.getByTestId('bottom-up-pane').scrollIntoViewIfNeeded();
  await screenshot(page, 'profile-views-bottom-up-dark-1440');

  // Call tree: opened along the heaviest path down to hotFunction.
  await page.keyboard.press('3');
  await expect(page.getByTestId('call-tree').locator('[role="row"][aria-selected="true"]')).toContainText(
    'hotFunction',
  );
  await screenshot(page, 'profile-views-call-tree-dark-1440');
  // A right click on a row opens its menu; Escape closes it.
  await page.getByTestId('call-tree').locator('[role="row"]', { hasText: 'coldFunction' }).click({ button: 'right' });
  await expect(page.getByTestId('frame-menu')).toContainText('coldFunction');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('frame-menu')).toHaveCount(0);

  // Merge "slice" from the flame graph's context menu: the breadcrumb names it and the graph loses it.
  await page.keyboard.press('1');
  const searchBox = page.getByRole('searchbox', { name: 'Search the flame graph' });
  await searchBox.fill('/^slice$/');
  await expect(page.getByTestId('flame-search-result')).toHaveText(/^1 match/);
  // From the keyboard: the root, then the heaviest child twice (processImmediate, slice), Shift+F10.
  await page.getByTestId('flame-graph').getByRole('application').focus();
  for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('flame-graph').getByRole('tooltip').locator('.tooltip-name')).toHaveText('slice');
  await page.keyboard.press('Shift+F10');
  const menu = page.getByTestId('frame-menu');
  await expect(menu.getByRole('menuitem', { name: 'Merge function' })).toBeFocused();
  await expect(menu.getByRole('menuitem', { name: 'Focus on subtree' })).toBeVisible();
  await screenshot(page, 'profile-views-context-menu-dark-1440');
  await menu.getByRole('menuitem', { name: 'Merge function' }).click();
  const crumbs = page.getByTestId('transform-breadcrumb');
  await expect(crumbs).toContainText('Whole profile');
  await expect(crumbs).toContainText('Merge slice');
  await expect(page.getByTestId('flame-search-result')).toHaveText('No match');
  await screenshot(page, 'profile-views-merged-dark-1440');

  // The export writes the profile with the merge applied.
  await page.getByRole('button', { name: /Export profile/ }).click();
  await expect(page.getByRole('menu')).toContainText('with Merge slice');
  await page.getByRole('menuitem', { name: /folded/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  const folder = mkdtempSync(path.join(tmpdir(), 'thermograph-e2e-views-'));
  try {
    const saved = path.join(folder, `thermograph-${sessionId}.folded`);
    await download.saveAs(saved);
    const folded = readFileSync(saved, 'utf8');
    expect(folded).toContain('hotFunction');
    expect(folded).not.toMatch(/(^|;)slice(;| )/m);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  // The breadcrumb's × removes it: the graph has slice again; transforms survive a reload.
  await page.keyboard.press('Escape');
  await crumbs.getByRole('button', { name: 'Remove the last transform' }).click();
  await expect(crumbs).toHaveCount(0);
  await expect(page.getByTestId('flame-search-result')).toHaveText(/^1 match/);
  await page.getByLabel('Hide runtime internals').check();
  await expect(crumbs).toContainText('Hide runtime internals');
  await page.reload();
  await expect(page.getByTestId('transform-breadcrumb')).toContainText('Hide runtime internals');
  await expect(page.getByLabel('Hide runtime internals')).toBeChecked();
});

test('every view at 1024 px in the light theme', async ({ appPage: page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.emulateMedia({ colorScheme: 'light' });
  await openImported(page);
  await tab(page, 'Flame graph').focus();
  for (const [key, name, pane] of [
    ['1', 'flame', 'flame-pane'],
    ['2', 'stack', 'stack-pane'],
    ['3', 'call-tree', 'tree-pane'],
    ['4', 'bottom-up', 'bottom-up-pane'],
    ['5', 'sandwich', 'sandwich-pane'],
  ] as const) {
    await page.keyboard.press(key);
    await expect(page.getByTestId(pane)).toBeVisible();
    await page.getByTestId(pane).scrollIntoViewIfNeeded();
    await screenshot(page, `profile-views-${name}-light-1024`);
  }
  // The sandwich view picked the heaviest function and draws its callers and callees.
  await expect(page.getByTestId('sandwich')).toContainText('hotFunction');
  // Focus on a function from a bottom-up row's menu: it is the only function left; the first crumb undoes it.
  await page.keyboard.press('4');
  const bottomUp = page.getByTestId('bottom-up');
  await bottomUp.locator('[role="row"][aria-level="1"]', { hasText: 'coldFunction' }).click({ button: 'right' });
  await page.getByTestId('frame-menu').getByRole('menuitem', { name: 'Focus on function' }).click();
  await expect(page.getByTestId('transform-breadcrumb')).toContainText('Focus coldFunction');
  await expect(bottomUp.locator('[role="row"][aria-level="1"]')).toHaveText([/coldFunction/]);
  await screenshot(page, 'profile-views-focused-light-1024');
  await page.getByTestId('transform-breadcrumb').getByRole('button', { name: 'Whole profile' }).click();
  await expect(page.getByTestId('transform-breadcrumb')).toHaveCount(0);
  await expect(bottomUp.locator('[role="row"][aria-level="1"]').first()).toContainText('hotFunction');
  // Nothing sticks out sideways at 1024 px.
  expect(await page.locator('html').evaluate((element) => element.scrollWidth)).toBeLessThanOrEqual(1024);
});

test('an allocation profile says it is sampled allocations, not retained memory', async ({ appPage: page }) => {
  const session = (await callApi(page, 'importProfile', { path: goAllocations, name: 'allocations' })) as {
    id: number;
  };
  await page.goto(`${page.url().split('#')[0]}#/session/${session.id}`);
  const panel = page.getByTestId('profile-panel');
  await expect(page.getByTestId('flame-graph')).toBeVisible();
  await expect(panel.locator('.kind-tag')).toHaveText('Allocations');
  await expect(panel.locator('.kind-tag')).toHaveAttribute(
    'title',
    /sampled allocations, including objects since collected, not memory retained/,
  );
  await expect(page.getByTestId('allocation-note')).toHaveText(/including collected objects · not retained memory/);
  await screenshot(page, 'profile-views-allocation-dark-1440');
  // The export menu says the same.
  await panel.getByRole('button', { name: 'Export profile' }).click();
  await expect(panel.getByRole('menu', { name: 'Export formats' })).toContainText(
    'sampled allocations, including objects since collected, not memory retained',
  );
  await screenshot(page, 'profile-views-allocation-export-dark-1440');
});
