// `record --tag`: every session a recording (or every run of a series) makes carries the tags, so a
// CI job can group its runs by one and `compare` takes the tag as a side.

import { describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../../src-shared/compare/report';
import type { SessionSummary } from '../../../src-shared/model/session';
import { useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);
const shortProgram = [process.execPath, '-e', 'setTimeout(() => {}, 150)'];

describe('record --tag', () => {
  it('tags every run of a series, and compare takes the tag as a side', () => {
    const recorded = harness.run('record', [
      ...['--repeat', '2', '--interval', '100', '--profile', 'none'],
      ...['--tag', 'nightly', '--tag', 'linux x64', '--json', '--'],
      ...shortProgram,
    ]);
    expect(recorded.code, recorded.stderr).toBe(0);
    const { sessions } = JSON.parse(recorded.stdout) as { sessions: SessionSummary[] };
    expect(sessions.map((session) => session.tags)).toEqual([
      ['nightly', 'linux x64'],
      ['nightly', 'linux x64'],
    ]);
    const compared = harness.run('compare', ['nightly', 'linux x64', '--json']);
    expect(compared.code, compared.stderr).toBe(0);
    const report = JSON.parse(compared.stdout) as ComparisonReport;
    expect(report.baseline.sessions.map((session) => session.id)).toEqual(sessions.map((session) => session.id));
  });

  it('refuses a tag a list could not hold, before recording anything', () => {
    const refused = harness.run('record', ['--tag', 'a,b', '--', ...shortProgram]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--tag must be a word without commas or line breaks, not "a,b"');
    expect(JSON.parse(harness.run('sessions', ['--json']).stdout).sessions).toEqual([]);
  });
});
