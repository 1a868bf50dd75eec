// The profile panel end to end: record a Node.js program with a planted hot function, find it in
// the flame graph by search, zoom into it, read its callers and callees, and narrow the profile to
// a range brushed on the timeline. Names from profiled programs show as text, never as markup, and
// an imported profile exports for other tools.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './app-fixture';
import { downloadTo, importWithPicker } from './browser-files';
import { launchWithNodeProfiler } from './launch-node';

const nodeHot = path.resolve('test/fixtures/targets/node-hot.js');
const trickyFolded = path.resolve('test/fixtures/profiles/folded/tricky.folded');
const nodeWorkers = path.resolve('test/fixtures/targets/node-workers.js');
// The "editor" the server runs for "open in editor": it writes its arguments to a file we read.
const editorLog = path.join(mkdtempSync(path.join(tmpdir(), 'thermograph-editor-')), 'opened.txt');
const recordingEditor = path.resolve('test/fixtures/targets/record-arguments.js');
test.use({
  serveEnvironment: { THERMOGRAPH_EDITOR: `${process.execPath} ${recordingEditor} ${editorLog} {file} {line}` },
});
test.afterAll(() => rmSync(path.dirname(editorLog), { recursive: true, force: true }));

/** The flame graph's completed draws and zoom depth, from its data attributes. */
async function flameState(page: Page, testId = 'flame-graph') {
  const graph = page.getByTestId(testId);
  return {
    draws: Number(await graph.getAttribute('data-draws')),
    zoomDepth: Number(await graph.getAttribute('data-zoom-depth')),
    orientation: await graph.getAttribute('data-orientation'),
  };
}

/**
 * Hovers the flame graph column at `xFraction` from the root upwards until the tooltip names
 * `name`; returns that point (the box is then under the pointer).
 */
async function findBox(
  page: Page,
  name: string,
  xFraction: number,
  testId = 'flame-graph',
): Promise<{ x: number; y: number }> {
  const canvas = page.getByTestId(testId).locator('canvas');
  const box = (await canvas.boundingBox())!;
  const tooltip = page.getByTestId(testId).getByRole('tooltip');
  for (let row = 0; row < 40; row++) {
    const point = { x: box.x + box.width * xFraction, y: box.y + box.height - 9 - row * 18 };
    if (point.y < box.y) break;
    await page.mouse.move(point.x, point.y);
    if ((await tooltip.count()) > 0 && (await tooltip.locator('.tooltip-name').textContent()) === name) return point;
  }
  throw new Error(`no box named ${name} in the flame graph column at ${xFraction}`);
}

/** Imports the hand-written folded fixture into a session of its own and waits for its flame graph. */
async function importTricky(page: Page): Promise<void> {
  await importWithPicker(page, trickyFolded, 'tricky names');
  await expect.poll(async () => (await flameState(page)).draws).toBeGreaterThan(0);
}

/** The tooltip's name in a graph, or null when no tooltip shows. */
async function tooltipName(page: Page, testId = 'flame-graph'): Promise<string | null> {
  const tooltip = page.getByTestId(testId).getByRole('tooltip');
  return (await tooltip.count()) > 0 ? await tooltip.locator('.tooltip-name').textContent() : null;
}

test('record a Node.js program, find its hot function, zoom, read callers and brush a range', async ({
  appPage: page,
}) => {
  test.setTimeout(120_000);
  await launchWithNodeProfiler(page, `node ${nodeHot} 6`, 250);

  // While it records, the panel says the profile is coming.
  await expect(page).toHaveURL(/#\/session\/\d+$/);
  const panel = page.getByTestId('profile-panel');
  await expect(panel.getByText('Profile is being collected…')).toBeVisible();
  await screenshot(page, 'profile-collecting');

  // When the program exits, the CPU flame graph draws.
  await expect(page.getByTestId('session-status')).toContainText('Target exited', { timeout: 30_000 });
  await expect.poll(async () => (await flameState(page)).draws, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(panel.getByRole('button', { name: 'CPU', pressed: true })).toBeVisible();
  await expect(page.getByTestId('hotspot-table').locator('tbody tr[data-frame-id]').first()).toContainText(
    'hotFunction',
  );
  await screenshot(page, 'profile-recorded');

  // Search: the planted function holds most of the CPU time.
  await page.getByTestId('flame-graph').getByRole('application').focus();
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search the flame graph' });
  await expect(search).toBeFocused();
  await search.fill('hotfunction');
  const result = page.getByTestId('flame-search-result');
  await expect(result).toHaveText(/^1 match · \d+(\.\d)?% of CPU time$/);
  const share = Number(/· ([\d.]+)%/.exec((await result.textContent())!)![1]);
  expect(share).toBeGreaterThan(40);
  await screenshot(page, 'profile-search-hot-function');
  // The light theme dims the rest to nearly white boxes (the palettes' contrast is unit-tested).
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => showsWhiteBackground(page)).toBe(true);
  await screenshot(page, 'profile-search-hot-function-light');
  await page.emulateMedia({ colorScheme: 'dark' });

  // Click its box: it fills the width and the breadcrumb names it; Escape goes back up.
  const point = await findBox(page, 'hotFunction', 0.2);
  await screenshot(page, 'profile-hover-tooltip');
  await page.mouse.click(point.x, point.y);
  await expect.poll(async () => (await flameState(page)).zoomDepth).toBe(1);
  await expect(page.getByRole('navigation', { name: 'Zoom path' })).toContainText('hotFunction');
  await screenshot(page, 'profile-zoomed-hot-function');
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await flameState(page)).zoomDepth).toBe(0);
  await page.keyboard.press('i');
  await expect.poll(async () => (await flameState(page)).orientation).toBe('icicle');
  await page.keyboard.press('i');

  // Pick it in the hotspot table: its callers and callees open beside the table.
  await search.fill('');
  await page.getByTestId('hotspot-table').locator('tbody tr', { hasText: 'hotFunction' }).first().click();
  await expect.poll(async () => (await flameState(page, 'sandwich-callers')).draws).toBeGreaterThan(0);
  await expect(page.getByTestId('sandwich')).toContainText('hotFunction');
  await screenshot(page, 'profile-sandwich');

  // Its location opens the configured editor at the function's line.
  const hotRow = page.getByTestId('hotspot-table').locator('tbody tr', { hasText: 'hotFunction' }).first();
  await hotRow.getByRole('button', { name: /node-hot\.js:\d+/ }).click();
  await expect(page.getByText(/Opened .*node-hot\.js:\d+ in the editor/)).toBeVisible();
  await expect.poll(() => (existsSync(editorLog) ? readFileSync(editorLog, 'utf8') : '')).toMatch(/node-hot\.js \d+/);
  const [openedFile, openedLine] = readFileSync(editorLog, 'utf8').trim().split(' ');
  expect(openedFile).toBe(nodeHot);
  expect(readFileSync(nodeHot, 'utf8').split('\n')[Number(openedLine) - 1]).toContain('hotFunction');

  // Brush half of the timeline: the profile reloads for that range, with fewer samples.
  const loadsBefore = Number(await panel.getAttribute('data-loads'));
  const samplesBefore = await panel.locator('.facts').textContent();
  // The session view scrolls: bring the timeline back into view before dragging on it.
  await page.getByTestId('timeline').scrollIntoViewIfNeeded();
  const chart = (await page.getByTestId('timeline').locator('canvas').first().boundingBox())!;
  await page.mouse.move(chart.x + chart.width * 0.25, chart.y + 70);
  await page.mouse.down();
  await page.mouse.move(chart.x + chart.width * 0.55, chart.y + 70, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('profile-range')).toBeVisible();
  await expect.poll(async () => Number(await panel.getAttribute('data-loads'))).toBeGreaterThan(loadsBefore);
  await expect(panel.locator('.facts')).not.toHaveText(samplesBefore!);
  await screenshot(page, 'profile-brushed-range');

  await page.getByTestId('profile-range').getByRole('button', { name: 'Clear range' }).click();
  await expect(page.getByTestId('profile-range')).toBeHidden();
  await expect(panel.locator('.facts')).toHaveText(samplesBefore!);
});

test('frame names are data: markup in an imported profile shows literally', async ({ appPage: page }) => {
  await importTricky(page);
  // An imported profile has no timeline: the profile is the page.
  await expect(page.getByTestId('timeline')).toHaveCount(0);
  const table = page.getByTestId('hotspot-table');
  await expect(table.locator('td', { hasText: '<script>alert(1)</script>' })).toHaveCount(1);
  await expect(table.locator('td', { hasText: '__proto__' })).toHaveCount(1);

  await page.getByRole('searchbox', { name: 'Search the flame graph' }).fill('/^<script>/');
  await expect(page.getByTestId('flame-search-result')).toHaveText(/^1 match · /);
  // The heaviest child of main (7 of 47) is the leftmost box of its row; its tooltip names it as text.
  await findBox(page, '<script>alert(1)</script>', 0.05);
  await expect(page.getByTestId('flame-graph').getByRole('tooltip').locator('.tooltip-name')).toHaveText(
    '<script>alert(1)</script>',
  );
  await screenshot(page, 'profile-tricky-names');

  // Export for another tool: the browser downloads the file, names intact.
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'thermograph-export-')), 'tricky.speedscope.json');
  await page.getByRole('button', { name: 'Export profile' }).click();
  await expect(page.getByRole('menu', { name: 'Export formats' })).toContainText(
    'The CPU profile of the whole session',
  );
  await screenshot(page, 'export-menu');
  await page.getByRole('menuitem', { name: /speedscope/ }).click();
  await page.getByLabel('File name').fill('tricky.speedscope.json');
  expect(await downloadTo(page, page.getByRole('dialog'), out)).toBe('tricky.speedscope.json');
  await expect(page.getByText('Downloading tricky.speedscope.json').first()).toBeVisible();
  const written = JSON.parse(readFileSync(out, 'utf8')) as { shared: { frames: { name: string }[] } };
  expect(written.shared.frames.map((frame) => frame.name)).toContain('<script>alert(1)</script>');
  rmSync(path.dirname(out), { recursive: true, force: true });
});

test('a Node.js program with a worker thread: pick the worker and see its own hot function', async ({
  appPage: page,
}) => {
  test.setTimeout(90_000);
  await launchWithNodeProfiler(page, `node ${nodeWorkers} 4`);
  await expect(page.getByTestId('session-status')).toContainText('Target exited', { timeout: 30_000 });
  await expect.poll(async () => (await flameState(page)).draws, { timeout: 20_000 }).toBeGreaterThan(0);

  const threads = page.getByRole('combobox', { name: 'Thread' });
  await expect(threads.locator('option')).toHaveCount(3);
  await threads.selectOption((await threads.locator('option', { hasText: 'hasher' }).getAttribute('value'))!);
  await expect(page.getByTestId('hotspot-table').locator('tbody tr[data-frame-id]').first()).toContainText(
    'workerHotFunction',
  );
  await screenshot(page, 'profile-worker-thread');
  await threads.selectOption((await threads.locator('option', { hasText: /^main/ }).getAttribute('value'))!);
  await expect(page.getByTestId('hotspot-table').locator('tbody tr[data-frame-id]').first()).toContainText(
    'mainHotFunction',
  );
});

test('the tooltip follows the box under a still pointer when the graph zooms', async ({ appPage: page }) => {
  // tricky.folded: main (28 of 47) is the leftmost box above the root; zoomed into main, its
  // lightest child, constructor, is at the right end, where node's children are when zoomed out.
  await importTricky(page);
  const main = await findBox(page, 'main', 0.1);
  await page.mouse.click(main.x, main.y);
  await expect.poll(async () => (await flameState(page)).zoomDepth).toBe(1);
  const point = await findBox(page, 'constructor', 0.9);

  // Escape zooms out under the still pointer: constructor moved away, so its tooltip must go.
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await flameState(page)).zoomDepth).toBe(0);
  const afterEscape = await tooltipName(page);
  expect(afterEscape).not.toBe('constructor');
  await screenshot(page, 'profile-tooltip-after-escape');
  // What it shows is what a pointer arriving there would show.
  await page.mouse.move(point.x + 1, point.y);
  await page.mouse.move(point.x, point.y);
  expect(await tooltipName(page)).toBe(afterEscape);

  // The same for Ctrl+wheel: zooming around the pointer describes the box now under it.
  const beforeWheel = await tooltipName(page);
  const draws = (await flameState(page)).draws;
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -2400);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await flameState(page)).draws).toBeGreaterThan(draws);
  const afterWheel = await tooltipName(page);
  await page.mouse.move(point.x + 1, point.y);
  await page.mouse.move(point.x, point.y);
  expect(await tooltipName(page)).toBe(afterWheel);
  expect(beforeWheel).not.toBeNull();
});

test("a function's callers and callees are rooted at the function, not at 'all'", async ({ appPage: page }) => {
  // work: 10 of the 47 samples, called from __proto__ (6) and constructor (4).
  await importTricky(page);
  const table = page.getByTestId('hotspot-table');
  await table
    .locator('tbody tr[data-frame-id]')
    .filter({ has: page.getByTitle('work', { exact: true }) })
    .click();
  await expect.poll(async () => (await flameState(page, 'sandwich-callers')).draws).toBeGreaterThan(0);
  await expect.poll(async () => (await flameState(page, 'sandwich-callees')).draws).toBeGreaterThan(0);

  // The root row of each half: the bottom of the callers' flame, the top of the callees' icicle.
  const callers = (await page.getByTestId('sandwich-callers').locator('canvas').boundingBox())!;
  await page.mouse.move(callers.x + callers.width / 2, callers.y + callers.height - 9);
  await expect.poll(() => tooltipName(page, 'sandwich-callers')).toBe('Callers of work · 21.3% of all');
  await screenshot(page, 'profile-sandwich-root');
  const callees = (await page.getByTestId('sandwich-callees').locator('canvas').boundingBox())!;
  await page.mouse.move(callees.x + callees.width / 2, callees.y + 9);
  await expect.poll(() => tooltipName(page, 'sandwich-callees')).toBe('Callees of work · 21.3% of all');
});

/** The selected node's index, from the graph's data attribute (-1 for none). */
async function selectedNode(page: Page): Promise<number> {
  return Number(await page.getByTestId('flame-graph').getAttribute('data-selected'));
}

/** The part of a canvas the pixel check uses (the tests' types have no DOM). */
interface CanvasLike {
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, width: number, height: number): { data: ArrayLike<number> } } | null;
}

/**
 * Whether the canvas shows the light theme's white background: some pixel of its left column's top
 * 40 rows (where the gaps between rows are) is white. No box colour is that light.
 */
async function showsWhiteBackground(page: Page): Promise<boolean> {
  return page
    .getByTestId('flame-graph')
    .locator('canvas')
    .evaluate((canvas) => {
      const data = (canvas as unknown as CanvasLike).getContext('2d')!.getImageData(2, 0, 1, 40).data;
      for (let pixel = 0; pixel < data.length; pixel += 4) {
        if (data[pixel]! > 250 && data[pixel + 1]! > 250 && data[pixel + 2]! > 250) return true;
      }
      return false;
    });
}

test('the keyboard walks the flame graph, Enter zooms, the tooltip gives shares, colours and theme follow the choice', async ({
  appPage: page,
}) => {
  // tricky.folded: all 47 → main 28 → its heaviest child is the markup-named frame (7 samples).
  await importTricky(page);
  const graph = page.getByTestId('flame-graph');
  const tooltip = graph.getByRole('tooltip');
  await graph.getByRole('application').focus();
  await expect(graph.getByRole('application')).toBeFocused();

  // The first arrow selects the root; up (towards the leaves in a flame) goes to the heaviest child.
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => tooltipName(page)).toBe('all');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => tooltipName(page)).toBe('main');
  await page.keyboard.press('ArrowUp');
  const markup = `<script>alert(1)</script>`;
  await expect.poll(() => tooltipName(page)).toBe(markup);
  await expect(tooltip).toContainText('7 samples');
  await expect(tooltip).toContainText('14.9% of all');
  await expect(tooltip.locator('dt', { hasText: 'Of parent' })).toBeVisible();
  await expect(tooltip).toContainText('25.0%');
  await screenshot(page, 'flame-keyboard-tooltip-1440');

  // Right goes to the next sibling, down back to the parent, Enter zooms into it.
  const before = await selectedNode(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => selectedNode(page)).not.toBe(before);
  expect(['__proto__', 'std::vector<int, std::allocator<int> >::push_back(int const&)']).toContain(
    await tooltipName(page),
  );
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => tooltipName(page)).toBe('main');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await flameState(page)).zoomDepth).toBe(1);
  await expect(page.getByRole('navigation', { name: 'Zoom path' })).toContainText('main');
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await flameState(page)).zoomDepth).toBe(0);

  // The colour choice is the user's: it survives a reload.
  const colourBy = page.getByRole('group', { name: 'Colour by' });
  await expect(colourBy.getByRole('button', { name: 'Function', pressed: true })).toBeVisible();
  const draws = (await flameState(page)).draws;
  await colourBy.getByRole('button', { name: 'Module' }).click();
  await expect.poll(async () => (await flameState(page)).draws).toBeGreaterThan(draws);
  await page.reload();
  await expect.poll(async () => (await flameState(page)).draws).toBeGreaterThan(0);
  await expect(
    page.getByRole('group', { name: 'Colour by' }).getByRole('button', { name: 'Module', pressed: true }),
  ).toBeVisible();
  await page.getByRole('group', { name: 'Colour by' }).getByRole('button', { name: 'Function' }).click();

  // The canvas follows the theme: a light system theme (the default follows it) repaints its background light.
  expect(await showsWhiteBackground(page)).toBe(false);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => showsWhiteBackground(page)).toBe(true);
  await screenshot(page, 'flame-light-theme-1440');
  await page.emulateMedia({ colorScheme: 'dark' });

  // At 1024 px the keyboard tooltip is whole inside the window, though the graph is only four rows tall.
  await page.setViewportSize({ width: 1024, height: 768 });
  await graph.getByRole('application').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => tooltipName(page)).toBe('main');
  const tipBox = (await tooltip.boundingBox())!;
  expect(tipBox.x).toBeGreaterThanOrEqual(0);
  expect(tipBox.y).toBeGreaterThanOrEqual(0);
  expect(tipBox.x + tipBox.width).toBeLessThanOrEqual(1024);
  expect(tipBox.y + tipBox.height).toBeLessThanOrEqual(768);
  await screenshot(page, 'flame-keyboard-tooltip-1024');
});
