// What an experiment adds to the time of its own runs (issue 9: at most 5 %): a fixed ten-run
// experiment (5 a side) of the steady fixture (≈ 200 ms a run) on a real engine and database, its
// whole time from start to verdict beside the sum of its runs' wall times (each measured by the
// runner from just before its spawn to its exit). The difference is the runner's own work between
// runs: the plan, the comparison, the store's writes and events, the process group's checks.
// Median of three experiments.

import { ExperimentRunner } from '../../src-main/recommend/actions/experiment-runner';
import { SessionStore } from '../../src-main/store/session-store';
import { startEngine, waitForEnd } from '../helpers/engine';
import { experimentRequest, fixtures } from '../integration/recommend/experiment-fixtures';
import { median, type BenchRow } from './table';

const experiments = 3;
const runsASide = 5;

/** Runs the experiments; returns the row. */
export async function runExperimentBench(): Promise<BenchRow[]> {
  const harness = startEngine();
  const store = SessionStore.open(harness.databasePath);
  const runner = new ExperimentRunner({ store, emit: () => undefined });
  try {
    const recording = await harness.engine.api.startRecording({
      target: { kind: 'command', argv: [process.execPath, fixtures.steady], env: {} },
      profiler: 'none',
      intervalMs: 100,
    });
    const session = await waitForEnd(harness.engine, recording.id);
    const ratios: number[] = [];
    const totals: number[] = [];
    const runTimes: number[] = [];
    for (let index = 0; index < experiments; index++) {
      // A variable the program never reads: both sides run the same, and no run stops early.
      const request = experimentRequest(session, { kind: 'environment', name: 'THERMOGRAPH_BENCH', value: '1' });
      const startedAt = process.hrtime.bigint();
      const started = runner.start({ ...request, runs: runsASide, maximumRuns: runsASide });
      const ended = await runner.whenOver(started.id);
      const totalMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      if (ended.state !== 'rolled-back' && ended.state !== 'kept')
        throw new Error(`the experiment ended ${ended.state}: ${ended.verdict}`);
      const ownMs = ended.runs.reduce((sum, run) => sum + run.wallMs, 0);
      ratios.push(totalMs / ownMs);
      totals.push(totalMs);
      runTimes.push(ownMs / ended.runs.length);
    }
    const ratio = median(ratios);
    const perRunOverhead = ((ratio - 1) * median(runTimes)).toFixed(1);
    return [
      {
        group: 'experiment',
        measure: `${runsASide * 2}-run experiment, whole time vs its runs' own (${median(runTimes).toFixed(0)} ms a run)`,
        ours: `${ratio.toFixed(3)}× (${(median(totals) / 1000).toFixed(2)} s; ${perRunOverhead} ms a run)`,
        peer: '—',
        floor: "1× (the runs' own wall times, spawn to exit)",
        goal: '≤ 1.05×',
        met: ratio <= 1.05,
      },
    ];
  } finally {
    await runner.stopAll();
    store.close();
    await harness.dispose();
  }
}
