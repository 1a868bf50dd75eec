// A sweep of every screen in both themes at 1440 and 1024 px: the new-recording picker and launch
// form, the sessions list, a session (timeline, threads, diagnosis), Compare (tables and overlaid
// timelines), Trends and the shortcuts overlay. On each, every piece of text must reach WCAG's contrast
// (4.5:1, 3:1 for large text) against what is behind it, the page must not scroll sideways, and no
// control may be cut off at the window's edge. Then, in a window zoomed in to 683 CSS px, tables
// scrolled sideways must keep their name column in view, and the banner of a lost engine must read
// in both themes. Two short timeline-only recordings (`thermograph record`) serve it all;
// screenshots land in test-results/screenshots/themes-*.png. A second test checks that a plain
// wheel over the charts scrolls the page while Ctrl+wheel zooms them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { textContrast } from '../helpers/contrast';
import { expect, screenshot, test, type RunningApp } from './app-fixture';
import { recordShortSession } from './record-short';

/** A text element as the page draws it: its colour and the backgrounds behind it, innermost first. */
interface DrawnText {
  text: string;
  colour: string;
  backgrounds: string[];
  large: boolean;
}

/** What a screen looks like to the checks: its texts, and what overflows. */
interface ScreenReport {
  texts: DrawnText[];
  /** Page-level scrollers (and the document) that scroll sideways. */
  sideways: string[];
  /** Buttons, links and fields reaching past the window's right edge outside a scrolling table. */
  cutOff: string[];
}

/**
 * Reads every visible element holding text of its own. Runs in the page, so it is one inline
 * function (this file is type-checked without the DOM's types: the page's objects are typed loosely).
 */
function readScreen(page: Page): Promise<ScreenReport> {
  return page.evaluate(() => {
    type Style = {
      color: string;
      backgroundColor: string;
      backgroundImage: string;
      opacity: string;
      visibility: string;
      fontSize: string;
      fontWeight: string;
      overflowX: string;
      overflowY: string;
    };
    type Box = { left: number; right: number; width: number; height: number };
    type Node = {
      nodeType: number;
      textContent: string | null;
      childNodes: ArrayLike<Node>;
      parentElement: Element | null;
    };
    type Element = Node & {
      tagName: string;
      className: unknown;
      clientWidth: number;
      clientHeight: number;
      scrollWidth: number;
      getBoundingClientRect(): Box;
      closest(selector: string): Element | null;
      getAttribute(name: string): string | null;
    };
    const browser = globalThis as unknown as {
      document: { documentElement: Element; querySelectorAll(selector: string): ArrayLike<Element> };
      getComputedStyle(element: Element): Style;
      innerWidth: number;
      innerHeight: number;
    };
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${typeof element.className === 'string' && element.className ? '.' + element.className.trim().split(/\s+/).join('.') : ''}`;
    const texts: DrawnText[] = [];
    const all = Array.from(browser.document.querySelectorAll('body *'));
    for (const element of all) {
      const own = Array.from(element.childNodes)
        .filter((child) => child.nodeType === 3)
        .map((child) => child.textContent ?? '')
        .join('')
        .trim();
      if (!own || ['SCRIPT', 'STYLE', 'OPTION', 'TITLE'].includes(element.tagName)) continue;
      const box = element.getBoundingClientRect();
      if (box.width < 2 || box.height < 2) continue;
      // Hidden for sighted readers (.visually-hidden clips to 1 px, handled above) or not drawn.
      const style = browser.getComputedStyle(element);
      if (style.visibility !== 'visible') continue;
      // Disabled controls and faded-out content are exempt (WCAG 1.4.3 "inactive components").
      let faded = false;
      const backgrounds: string[] = [];
      for (let at: Element | null = element; at; at = at.parentElement) {
        const atStyle = browser.getComputedStyle(at);
        if (Number(atStyle.opacity) < 1) faded = true;
        if (atStyle.backgroundImage !== 'none') backgrounds.push('image');
        if (atStyle.backgroundColor !== 'rgba(0, 0, 0, 0)') backgrounds.push(atStyle.backgroundColor);
      }
      if (faded || element.closest('[disabled], [aria-disabled="true"], [hidden]')) continue;
      const size = Number.parseFloat(style.fontSize);
      const weight = Number.parseFloat(style.fontWeight);
      texts.push({
        text: `${describe(element)} “${own.slice(0, 40)}”`,
        colour: style.color,
        backgrounds,
        large: size >= 24 || (size >= 18.66 && weight >= 700),
      });
    }
    const sideways: string[] = [];
    const root = browser.document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) sideways.push('the document');
    for (const element of all) {
      const style = browser.getComputedStyle(element);
      // A page-level scroller: it scrolls up and down and is most of the window tall.
      const pageScroller =
        ['auto', 'scroll'].includes(style.overflowY) && element.clientHeight > browser.innerHeight * 0.5;
      if (pageScroller && element.scrollWidth > element.clientWidth + 1 && !element.closest('.table-frame'))
        sideways.push(`${describe(element)} (${element.scrollWidth} px in ${element.clientWidth} px)`);
    }
    const cutOff: string[] = [];
    for (const control of Array.from(browser.document.querySelectorAll('button, a[href], input, select, textarea'))) {
      const box = control.getBoundingClientRect();
      if (box.width < 2 || box.height < 2) continue;
      // Inside a table that scrolls sideways on purpose, a control is reached by scrolling it.
      if (control.closest('.table-frame')) continue;
      if (box.right > browser.innerWidth + 1 || box.left < -1)
        cutOff.push(
          `${describe(control)} “${(control.textContent ?? control.getAttribute('aria-label') ?? '').trim().slice(0, 30)}” at ${Math.round(box.left)}–${Math.round(box.right)} px`,
        );
    }
    return { texts, sideways, cutOff };
  });
}

/** The texts below WCAG AA contrast, each with its colours and ratio. */
function poorContrast(report: ScreenReport): string[] {
  const poor: string[] = [];
  for (const text of report.texts) {
    // Text over a gradient or a picture (the logo) cannot be measured from colours alone.
    const opaque = text.backgrounds.findIndex((layer) => layer === 'image' || layer.startsWith('rgb('));
    if (opaque >= 0 && text.backgrounds[opaque] === 'image') continue;
    const { ratio, background } = textContrast(text.colour, text.backgrounds);
    const needed = text.large ? 3 : 4.5;
    const behind = `rgb(${background.red.toFixed(0)}, ${background.green.toFixed(0)}, ${background.blue.toFixed(0)})`;
    if (ratio < needed)
      poor.push(`${text.text}: ${text.colour} on ${behind} is ${ratio.toFixed(2)}:1 (needs ${needed})`);
  }
  return poor;
}

/** How far a table's first body cell sits from its scrolling frame's left edge, after scrolling it right. */
function pinnedOffset(page: Page, frame: string): Promise<{ scrolled: number; offset: number }> {
  return page
    .locator(frame)
    .first()
    .evaluate((element) => {
      type Box = { left: number };
      const frameElement = element as unknown as {
        scrollLeft: number;
        scrollWidth: number;
        clientWidth: number;
        getBoundingClientRect(): Box;
        querySelector(selector: string): { getBoundingClientRect(): Box } | null;
      };
      frameElement.scrollLeft = frameElement.scrollWidth;
      const cell = frameElement.querySelector('tbody tr:not(.spacer) > td:first-child')!;
      return {
        scrolled: frameElement.scrollLeft,
        offset: cell.getBoundingClientRect().left - frameElement.getBoundingClientRect().left,
      };
    });
}

/** The screens of the sweep: where each is and what says it has drawn. */
const screens: { name: string; open: (page: Page, app: RunningApp) => Promise<void> }[] = [
  {
    name: 'new-recording',
    open: async (page, app) => {
      await page.goto(`${app.url}#/new`);
      await expect(page.locator('tbody tr[data-pid]').first()).toBeVisible();
    },
  },
  {
    name: 'launch',
    open: async (page) => {
      await page.getByRole('tab', { name: 'Launch command' }).click();
      await expect(page.getByRole('tab', { name: 'Launch command' })).toHaveAttribute('aria-selected', 'true');
    },
  },
  {
    name: 'sessions',
    open: async (page, app) => {
      await page.goto(`${app.url}#/sessions`);
      await expect(page.getByRole('row', { name: /themes one/ })).toBeVisible();
    },
  },
  {
    name: 'session',
    open: async (page, app) => {
      await page.goto(`${app.url}#/session/1`);
      await expect(page.getByTestId('timeline')).toHaveAttribute('data-status', 'ready');
      await expect(page.getByTestId('thread-panel')).not.toHaveAttribute('data-threads', '0');
    },
  },
  {
    name: 'session-threads',
    open: async (page) => {
      await page.getByTestId('thread-panel').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'compare',
    open: async (page, app) => {
      await page.goto(`${app.url}#/compare/1/2`);
      await expect(page.getByRole('table', { name: 'Metrics' })).toBeVisible();
      await expect(page.getByTestId('timeline-comparison')).toHaveAttribute('data-status', 'ready');
    },
  },
  {
    name: 'compare-timelines',
    open: async (page) => {
      await page.getByTestId('timeline-comparison').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'trends',
    open: async (page, app) => {
      await page.goto(`${app.url}#/trends/1`);
      await expect(page.getByTestId('trend-summary')).toBeVisible();
    },
  },
  {
    name: 'shortcuts',
    open: async (page) => {
      await page.locator('body').press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    },
  },
];

test('every screen reads in both themes at 1440 and 1024 px, without sideways scrolling, cut-off controls or lost name columns', async ({
  app,
  page,
}) => {
  await recordShortSession(app, 'themes one');
  await recordShortSession(app, 'themes two');
  const problems: string[] = [];
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: width === 1440 ? 900 : 768 });
    for (const theme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      for (const screen of screens) {
        await screen.open(page, app);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await screenshot(page, `themes-${screen.name}-${theme}-${width}`);
        const report = await readScreen(page);
        expect(report.texts.length, `${screen.name} shows text`).toBeGreaterThan(5);
        const where = `${screen.name}, ${theme}, ${width} px`;
        problems.push(...poorContrast(report).map((problem) => `${where}: ${problem}`));
        problems.push(...report.sideways.map((scroller) => `${where}: ${scroller} scrolls sideways`));
        if (width === 1024) problems.push(...report.cutOff.map((control) => `${where}: ${control} is cut off`));
      }
      await page.keyboard.press('Escape');
    }
  }
  // A table scrolled sideways keeps its name column in view: the picker's (a VirtualTable with a
  // pinned column) and Compare's metrics (a plain .table with data-pinned).
  // A 1024 px window zoomed to 150 % is 683 CSS pixels wide.
  await page.setViewportSize({ width: 683, height: 768 });
  await page.goto(`${app.url}#/new`);
  await expect(page.locator('tbody tr[data-pid]').first()).toBeVisible();
  const picker = await pinnedOffset(page, '[role="grid"][aria-label="Processes"]');
  expect(picker.scrolled).toBeGreaterThan(0);
  expect(Math.abs(picker.offset)).toBeLessThanOrEqual(2);
  await screenshot(page, 'themes-pinned-picker-683');

  await page.goto(`${app.url}#/compare/1/2`);
  await expect(page.getByRole('table', { name: 'Metrics' })).toBeVisible();
  const metrics = await pinnedOffset(page, '.table-frame:has(table[aria-label="Metrics"])');
  expect(metrics.scrolled).toBeGreaterThan(0);
  expect(Math.abs(metrics.offset)).toBeLessThanOrEqual(2);
  await screenshot(page, 'themes-pinned-metrics-683');

  // The banner that says the engine is gone, in both themes.
  await page.setViewportSize({ width: 1024, height: 768 });
  await app.stop();
  await expect(page.getByRole('alert').filter({ hasText: 'Lost connection' })).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await screenshot(page, `themes-connection-lost-${theme}-1024`);
    problems.push(...poorContrast(await readScreen(page)).map((problem) => `connection lost, ${theme}: ${problem}`));
  }
  expect(problems, problems.join('\n')).toEqual([]);
});

/** The session page's scroll position (it scrolls as one page). */
function pageScroll(page: Page): Promise<number> {
  return page.locator('section.session').evaluate((section) => (section as unknown as { scrollTop: number }).scrollTop);
}

test('a plain wheel over the timeline and the flame graph scrolls the page; Ctrl+wheel zooms the chart', async ({
  app,
  page,
}) => {
  await recordShortSession(app, 'wheel timeline');
  const imported = spawnSync(
    process.execPath,
    ['out/main/cli.js', 'import', path.resolve('test/fixtures/profiles/cpuprofile/node-hot.cpuprofile')].concat([
      '--db',
      app.databasePath,
    ]),
    { encoding: 'utf8' },
  );
  expect(imported.status, imported.stderr).toBe(0);
  // Short enough that the session is a page to scroll.
  await page.setViewportSize({ width: 1024, height: 600 });

  await page.goto(`${app.url}#/session/1`);
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-status', 'ready');
  const resetZoom = page.getByRole('button', { name: 'Reset zoom' });
  const timeline = page.getByTestId('timeline').locator('canvas').first();
  await timeline.scrollIntoViewIfNeeded();
  const box = (await timeline.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + 60);
  const before = await pageScroll(page);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await expect(resetZoom).toBeEnabled();
  expect(await pageScroll(page)).toBe(before);
  await resetZoom.click();
  await page.mouse.move(box.x + box.width * 0.5, box.y + 60);
  await page.mouse.wheel(0, 200);
  await expect.poll(() => pageScroll(page)).toBeGreaterThan(before);
  await expect(resetZoom).toBeDisabled();

  // The flame graph of an imported profile: the same rule.
  await page.goto(`${app.url}#/session/2`);
  const flame = page.getByTestId('flame-graph');
  await expect(flame).not.toHaveAttribute('data-draws', '0');
  const canvas = flame.locator('canvas').first();
  await canvas.scrollIntoViewIfNeeded();
  const flameBox = (await canvas.boundingBox())!;
  await page.mouse.move(flameBox.x + flameBox.width * 0.5, flameBox.y + 10);
  const flameBefore = await pageScroll(page);
  await page.mouse.wheel(0, -200);
  await page.mouse.wheel(0, 400);
  await expect.poll(() => pageScroll(page)).not.toBe(flameBefore);
  await screenshot(page, 'themes-wheel-flame-1024');
});
