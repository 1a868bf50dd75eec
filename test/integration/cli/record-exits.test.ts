// `record` exits once the recording has ended, also when the Node.js profiler's target exited while
// it was still being set up: the profiler's timers were once armed after its session had ended, and
// kept the CLI alive for ever after a short run or a series' failing run (a CI job would hang).

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);

describe('record with the Node.js profiler', () => {
  it('exits after a series stops at a short failing run', () => {
    const counter = join(harness.folder, 'runs');
    // About 100 ms of work, then a failure from the second run on (a counter file tells the runs apart).
    const program = [
      'let s = 0; for (let i = 0; i < 3e7; i++) s += i % 7;',
      `const fs = require('fs'); const f = ${JSON.stringify(counter)};`,
      "const n = fs.existsSync(f) ? Number(fs.readFileSync(f, 'utf8')) + 1 : 1; fs.writeFileSync(f, String(n));",
      'process.exit(n >= 2 ? 1 : 0);',
    ].join(' ');
    for (let attempt = 0; attempt < 3; attempt++) {
      rmSync(counter, { force: true });
      const result = harness.run('record', ['--repeat', '3', '--', process.execPath, '-e', program]);
      // null would mean the harness's timeout killed a CLI that never exited.
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/the command exited with code 1/);
    }
  }, 200_000);
});
