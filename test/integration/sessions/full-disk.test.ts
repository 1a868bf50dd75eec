// A disk that fills up during a recording: the recording goes on, warns, keeps samples in memory,
// and saves them once space is freed. Uses a real, tiny tmpfs (mounting needs root) a little larger
// than an empty database (512 KiB at schema 11, whose opening also needs room for its write-ahead log).

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src-main/api/engine';
import type { SessionSummary } from '../../../src-shared/model/session';
import { targetPath } from '../../fixtures/targets/start-target';
import { sleep } from '../../helpers/engine';

const isRoot = process.getuid?.() === 0;
const cli = resolve(__dirname, '../../../out/main/cli.js');
let mountPoint = '';

beforeAll(() => {
  if (!isRoot) return;
  mountPoint = mkdtempSync(join(tmpdir(), 'thermograph-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=900k', 'tmpfs', mountPoint]);
});

afterAll(() => {
  if (!isRoot) return;
  execFileSync('umount', [mountPoint]);
  rmdirSync(mountPoint);
});

// Without root there is no real full disk to make; the store's unit tests cover SQLITE_FULL itself.
describe.runIf(isRoot)('a full disk during a recording', () => {
  it('warns, keeps the samples in memory, and saves everything once space is freed', async () => {
    const databasePath = join(mountPoint, 'full.db');
    const engine = createEngine({ databasePath, mode: 'cli' });
    const warnings: string[] = [];
    const changes: SessionSummary[] = [];
    engine.subscribe((event, payload) => {
      if (event === 'recordingDidWarn') warnings.push((payload as { message: string }).message);
      if (event === 'sessionDidChange') changes.push(payload as SessionSummary);
    });
    try {
      const session = await engine.api.startRecording({
        target: { kind: 'command', argv: [process.execPath, targetPath('file-writer.js'), '30'] },
        intervalMs: 100,
        durationSeconds: 6,
      });
      while (!changes.some((change) => change.id === session.id && change.status === 'ended')) await sleep(200);
      const ended = changes.find((change) => change.status === 'ended')!;
      expect(warnings.some((warning) => warning.includes('is full'))).toBe(true);
      expect(ended.endMessage).toContain('Not saved yet');
      expect((await engine.api.getSession({ sessionId: session.id })).status).toBe('recording');

      // While the disk is full, the CLI can still list the sessions (read-only with a note when even
      // opening would need to write).
      const listed = spawnSync(process.execPath, [cli, 'sessions', '--json', '--db', databasePath], {
        encoding: 'utf8',
      });
      expect(listed.status).toBe(0);
      expect(JSON.parse(listed.stdout).sessions.map((listedSession: { id: number }) => listedSession.id)).toEqual([
        session.id,
      ]);

      execFileSync('mount', ['-o', 'remount,size=8m', mountPoint]);
      let stored = await engine.api.getSession({ sessionId: session.id });
      for (let wait = 0; wait < 40 && stored.status !== 'ended'; wait++) {
        await sleep(250);
        stored = await engine.api.getSession({ sessionId: session.id });
      }
      expect(stored).toMatchObject({ status: 'ended', endReason: 'duration-elapsed' });
      // Every tick of the 6 s recording at 10 Hz is there, including those held in memory.
      expect(stored.sampleCount).toBeGreaterThanOrEqual(50);
    } finally {
      await engine.close();
    }
  });
});
