// Background checkpoints: samples reach the database file within ten seconds of being appended,
// without the writer checkpointing (its own threshold is thousands of pages away), and closing the
// store still removes the WAL as SQLite's last connection does.

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionStore } from '../../../src-main/store/session-store';
import { newSession, samples, temporaryFolder } from './store-fixtures';

let folder: string;
let remove: () => void;
beforeEach(() => ({ folder, remove } = temporaryFolder()));
afterEach(() => remove());

/** Polls `condition` every 50 ms until it holds or `limitMs` passes; returns whether it held. */
async function eventually(condition: () => boolean, limitMs: number): Promise<boolean> {
  for (let waited = 0; waited < limitMs; waited += 50) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

describe('background checkpoints', () => {
  it('copies appended samples into the database file while the store stays open', async () => {
    const path = join(folder, 'thermograph.db');
    const store = SessionStore.open(path);
    const id = store.createSession(newSession()).id;
    const before = statSync(path).size;
    store.appendSamples(id, samples(10, 1_700_000_000_000));
    // The commit went to the WAL only; a checkpoint is what grows the database file.
    expect(statSync(path).size).toBe(before);
    expect(await eventually(() => statSync(path).size > before, 15_000)).toBe(true);
    expect(store.readSamples(id).times.length).toBe(10);
    store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  }, 25_000);
});
