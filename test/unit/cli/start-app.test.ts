// `npm start` (resources/install/start-app.mjs) builds only when a source is newer than the last
// build's stamp: checked on a throwaway project folder with real files and modification times.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const startApp = pathToFileURL(resolve(__dirname, '../../../resources/install/start-app.mjs')).href;
const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** Asks the real script, in its own Node process, whether `root` needs a build. */
function needsBuild(root: string): boolean {
  const script = `import { needsBuild } from ${JSON.stringify(startApp)}; console.log(needsBuild(${JSON.stringify(root)}));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim() === 'true';
}

/** Writes `path` under `root` with the given modification time (seconds since the epoch). */
function file(root: string, path: string, seconds: number): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), '');
  utimesSync(join(root, path), seconds, seconds);
}

describe('npm start', () => {
  it('builds when nothing was built, not when the build is newer than every source, and again after an edit', () => {
    const root = mkdtempSync(join(tmpdir(), 'thermograph-start-'));
    folders.push(root);
    file(root, 'src-main/cli/main.ts', 1_000);
    file(root, 'src-renderer/App.svelte', 1_100);
    file(root, 'package.json', 900);
    expect(needsBuild(root)).toBe(true);

    file(root, 'out/main/start.js', 2_000);
    file(root, 'out/.build-stamp', 2_000);
    expect(needsBuild(root)).toBe(false);

    // Files outside the sources (a test, a screenshot) do not ask for a build.
    file(root, 'test/unit/x.test.ts', 3_000);
    expect(needsBuild(root)).toBe(false);

    file(root, 'src-shared/model/session.ts', 3_000);
    expect(needsBuild(root)).toBe(true);
  });
});
