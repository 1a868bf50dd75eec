// A profile summary stored before the sessions list showed the top function gets it the first time
// its profile is decoded (the session opened), and listeners hear of the change.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src-main/api/engine';
import type { SessionSummary } from '../../../src-shared/model/session';

const folder = mkdtempSync(join(tmpdir(), 'thermograph-top-function-'));
const databasePath = join(folder, 'sessions.db');
const fixture = join(import.meta.dirname, '../../fixtures/profiles/cpuprofile/node-hot.cpuprofile');

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('top function of older sessions', () => {
  it('is filled in when the profile is first decoded', async () => {
    const first = createEngine({ databasePath, mode: 'cli' });
    const imported = await first.api.importProfile({ path: fixture });
    expect(imported.profiles[0]!.topFunction?.name).toBe('hotFunction');
    await first.close();

    // As an older Thermograph stored it: no top function in the summary.
    const database = new Database(databasePath);
    database.prepare("UPDATE profiles SET summary = json_remove(summary, '$.topFunction')").run();
    database.close();

    const engine = createEngine({ databasePath, mode: 'browser' });
    try {
      const before = await engine.api.getSession({ sessionId: imported.id });
      expect(before.profiles[0]!.topFunction).toBeUndefined();
      const heard: SessionSummary[] = [];
      engine.subscribe((event, payload) => {
        if (event === 'sessionDidChange') heard.push(payload as SessionSummary);
      });
      await engine.api.getHotspots({ sessionId: imported.id, selection: { kind: 'cpu' } });
      const after = await engine.api.getSession({ sessionId: imported.id });
      expect(after.profiles[0]!.topFunction).toMatchObject({ name: 'hotFunction' });
      expect(heard.map((session) => session.profiles[0]!.topFunction?.name)).toEqual(['hotFunction']);
      // Once stored, a second view writes nothing more.
      await engine.api.getFlameGraph({ sessionId: imported.id, selection: { kind: 'cpu' } });
      expect(heard).toHaveLength(1);
    } finally {
      await engine.close();
    }
  });
});
