// Thermograph's own cost is recorded with every session it records, through the CLI: the CPU time
// of its process and of the reading pump it started, and its peak memory, shown by `show`.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../src-shared/model/session';
import { useCliDatabase } from './cli-harness';

const busy = resolve(__dirname, '../../fixtures/targets/cpu-busy.js');
const harness = useCliDatabase();

describe('a recording’s overhead', () => {
  it('is measured and stored with the session, and shown by show', () => {
    const recorded = harness.run('record', [
      '--interval',
      '100',
      '--duration',
      '2',
      '--profile',
      'none',
      '--json',
      '--',
      process.execPath,
      busy,
      '10',
    ]);
    expect(recorded.code, recorded.stderr).toBe(0);
    const session = (JSON.parse(recorded.stdout) as { session: SessionSummary }).session;
    const overhead = session.overhead!;
    expect(overhead).not.toBeNull();
    // The CLI's own process did the sampling's bookkeeping, and the reading pump (used below one
    // sample a second) read the files; neither can have used more than the recording's two seconds.
    expect(overhead.processCpuMs).toBeGreaterThan(0);
    expect(overhead.processCpuMs + overhead.pumpCpuMs).toBeLessThan(2_000 * 2);
    expect(overhead.cpuPercent).toBeGreaterThan(0);
    expect(overhead.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
    // A CLI recording is the process's only work.
    expect(overhead.shared).toBe(false);

    const shown = harness.run('show', [String(session.id)]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/overhead {3}(< )?\d+(\.\d)? % of a core \(.* of CPU.*\); peak memory \d/);
    const json = JSON.parse(harness.run('show', [String(session.id), '--json']).stdout) as { session: SessionSummary };
    expect(json.session.overhead).toEqual(overhead);
  });

  it('is absent for an imported profile, which Thermograph did not record', () => {
    const folded = resolve(__dirname, '../../fixtures/profiles/folded/tricky.folded');
    const imported = harness.run('import', [folded, '--json']);
    expect((JSON.parse(imported.stdout) as { session: SessionSummary }).session.overhead).toBeNull();
  });
});
