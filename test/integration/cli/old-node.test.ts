// Under Node 20 the SQLite driver's prebuilt addon crashed `thermograph record` with a segmentation
// fault and no message. This runs the built bin with the machine's own older Node, when it has one
// (Debian's /usr/bin/node is 20 here; CI puts Node 24 first on PATH for everything else).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unsupportedNodeMessage } from '../../../src-main/cli/node-version';
import { cli, useCliDatabase } from './cli-harness';

/** An installed Node.js older than the engine supports, or null when the machine has none. */
function olderNode(): string | null {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    if (version && unsupportedNodeMessage(version) !== null) return candidate;
  }
  return null;
}

const older = olderNode();

describe.skipIf(older === null)(`the bin under an unsupported Node.js (${older ?? 'none installed'})`, () => {
  const harness = useCliDatabase();

  it('record exits 1 with a message naming the versions instead of crashing, and writes no database', () => {
    const database = join(harness.folder, 'old-node.db');
    const result = spawnSync(older!, [cli, 'record', '--db', database, '--duration', '1', '--', 'sleep', '2'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/needs Node\.js 22\.12 or newer .* but this is Node\.js v\d+/);
    expect(existsSync(database)).toBe(false);
  });
});
