// Test helpers that start real engines on throwaway databases and real target programs.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createEngine } from '../../src-main/api/engine';
import type { Engine } from '../../src-main/api/engine-types';
import type { SessionSummary } from '../../src-shared/model/session';

/** The folder of the target programs used by tests. */
export const targetsFolder = resolve(__dirname, '../fixtures/targets');

/** Path of one target program. */
export function targetPath(name: string): string {
  return join(targetsFolder, name);
}

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
    const timer = setTimeout(() => rejectEnd(new Error(`session ${sessionId} did not end within ${timeoutMs} ms`)), timeoutMs);
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

/** Spawns a target program with node and waits for its "ready" line. */
export async function spawnTarget(name: string, args: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [targetPath(name), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolveReady, rejectReady) => {
    child.once('error', rejectReady);
    child.once('exit', (code) => rejectReady(new Error(`${name} exited early with code ${code}`)));
    child.stdout!.once('data', () => resolveReady());
  });
  return child;
}

/** Kills a target if it is still running. */
export function killTarget(child: ChildProcess | undefined): void {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Waits a number of milliseconds. */
export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, milliseconds));
}
