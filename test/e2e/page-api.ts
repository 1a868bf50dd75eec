// The engine's API called from a test's page, over the browser-mode WebSocket the UI itself uses.
import type { Page } from '@playwright/test';

/** What the page's script uses of its window (the e2e tests are type-checked without the DOM library). */
interface PageGlobals {
  location: { search: string; host: string };
}

/** Calls the engine over its browser-mode WebSocket from the page (the UI's own transport). */
export async function callApi(page: Page, method: string, params: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ method, params }) => {
      const { location } = globalThis as unknown as PageGlobals;
      const token = new URLSearchParams(location.search).get('token') ?? '';
      const socket = new WebSocket(`ws://${location.host}/api?token=${encodeURIComponent(token)}`);
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
