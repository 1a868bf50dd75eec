// Test helpers that start real engines on throwaway databases. Target programs: fixtures/targets/start-target.ts.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../src-main/api/engine';
import type { Engine } from '../../src-main/api/engine-types';
import type { SessionSummary } from '../../src-shared/model/session';

/** A temporary folder removed by the returned cleanup. */
export function temporaryFolder(prefix = 'thermograph-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A real engine on a fresh database, closed and removed by dispose(). */
export function startEngine(): { engine: Engine; databasePath: string; dispose: () => Promise<void> } {
  const folder = temporaryFolder();
  const databasePath = join(folder.path, 'test.db');
  const engine = createEngine({ databasePath, mode: 'cli' });
  return {
    engine,
    databasePath,
    dispose: async () => {
      await engine.close();
      folder.remove();
    },
  };
}

/** Resolves with the session once it has ended. */
export function waitForEnd(engine: Engine, sessionId: number, timeoutMs = 30_000): Promise<SessionSummary> {
  return new Promise((resolveEnd, rejectEnd) => {
    const timer = setTimeout(
      () => rejectEnd(new Error(`session ${sessionId} did not end within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const check = (session: SessionSummary) => {
      if (session.id !== sessionId || session.status !== 'ended') return;
      clearTimeout(timer);
      unsubscribe();
      resolveEnd(session);
    };
    const unsubscribe = engine.subscribe((event, payload) => {
      if (event === 'sessionDidChange') check(payload as SessionSummary);
    });
    void engine.api.getSession({ sessionId }).then(check, () => undefined);
  });
}

/** Waits a number of milliseconds. */
export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, milliseconds));
}
