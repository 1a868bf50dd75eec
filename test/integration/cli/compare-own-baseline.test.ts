// `thermograph compare baseline SESSION` compares with that session's own target's baseline (one per
// target), not with every target's marked sessions together: two imported files are two targets,
// each with its baseline, and a second import of one of them compares with that one's only.

import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../../src-shared/compare/report';
import { useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);
const fixture = resolve(__dirname, '../../fixtures/profiles/folded/perf-go-hot.folded');

function imported(path: string): number {
  const result = harness.run('import', [path, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { session: { id: number } }).session.id;
}

describe('compare baseline', () => {
  it("uses the candidate's own target's baseline", () => {
    const first = join(harness.folder, 'service-a.folded');
    const second = join(harness.folder, 'service-b.folded');
    copyFileSync(fixture, first);
    copyFileSync(fixture, second);
    const baselineA = imported(first);
    const baselineB = imported(second);
    const candidateA = imported(first);
    for (const id of [baselineA, baselineB]) expect(harness.run('baseline', [String(id)]).code).toBe(0);

    const result = harness.run('compare', ['baseline', String(candidateA), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as ComparisonReport;
    expect(report.baseline.sessions.map((session) => session.id)).toEqual([baselineA]);
    expect(report.candidate.sessions.map((session) => session.id)).toEqual([candidateA]);
  });
});
