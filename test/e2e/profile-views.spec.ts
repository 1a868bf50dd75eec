// The profile panel's views end to end on one imported Node.js profile (committed .cpuprofile):
// switch views with the digit keys, walk the bottom-up tree with the keyboard, merge a function
// from the context menu and remove it from the breadcrumb, export with a transform applied; at
// 1440 and 1024 px, in the dark and light themes.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './app-fixture';

const nodeHot = path.resolve('test/fixtures/profiles/cpuprofile/node-hot.cpuprofile');

/** Calls the engine over its browser-mode WebSocket from the page (the UI's own transport). */
async function callApi(page: Page, method: string, params: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ method, params }) => {
      const token = new URLSearchParams(window.location.search).get('token') ?? '';
      const socket = new WebSocket(`ws://${window.location.host}/api?token=${encodeURIComponent(token)}`);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      const reply = await new Promise<{ result: { ok: boolean; value?: unknown; error?: { message: string } } }>(
        (resolve) => {
          socket.onmessage = (message) => {
            const data = JSON.parse(String(message.data));
            if (data.id === 1) resolve(data);
          };
          socket.send(JSON.stringify({ id: 1, method, params }));
        },
      );
      socket.close();
      if (!reply.result.ok) throw new Error(reply.result.error!.message);
      return reply.result.value;
    },
    { method, params },
  );
}

/** Imports the profile into a session of its own and opens it. */
async function openImported(page: Page): Promise<number> {
  const session = (await callApi(page, 'importProfile', { path: nodeHot, name: 'views' })) as { id: number };
  await page.goto(`${page.url().split('#')[0]}#/session/${session.id}`);
  await expect(page.getByTestId('flame-graph')).toBeVisible();
  return session.id;
}

test('switch the profile views with the keyboard', async ({ appPage: page }) => {
  await openImported(page);
  const panel = page.getByTestId('profile-panel');
  const tab = (name: string) => panel.getByRole('tab', { name, exact: true });
  await expect(tab('Flame graph')).toHaveAttribute('aria-selected', 'true');

  await tab('Flame graph').focus();
  for (const [key, name, pane] of [
    ['2', 'Stack chart', 'stack-pane'],
    ['3', 'Call tree', 'tree-pane'],
    ['4', 'Bottom-up', 'bottom-up-pane'],
    ['5', 'Sandwich', 'sandwich-pane'],
    ['1', 'Flame graph', 'flame-pane'],
  ] as const) {
    await page.keyboard.press(key);
    await expect(tab(name)).toHaveAttribute('aria-selected', 'true');
    await expect(tab(name)).toBeFocused();
    await expect(page.getByTestId(pane)).toBeVisible();
  }
  await page.keyboard.press('ArrowRight');
  await expect(tab('Stack chart')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('stack-pane').scrollIntoViewIfNeeded();
  await screenshot(page, 'profile-views-stack-placeholder');

  // The choice is remembered across a reload.
  await page.reload();
  await expect(tab('Stack chart')).toHaveAttribute('aria-selected', 'true');
});
