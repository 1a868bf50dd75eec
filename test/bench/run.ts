// `npm run bench`: every performance goal measured in one run, ours beside the peer and the floor.
// Groups run one after another so they do not disturb each other on a small machine.

import { runDiagnosisBench } from './diagnosis-bench';
import { runExperimentBench } from './experiment-bench';
import { runCompareBench } from './profile/compare-bench';
import { runFlameDrawBench } from './profile/flame-draw-bench';
import { runImportBench } from './profile/import-bench';
import { runOverheadBench } from './profile/overhead-bench';
import { runProfileRetentionBench } from './profile/profile-retention-bench';
import { runProfileViewsBench } from './profile/profile-views-bench';
import { runReportBench } from './profile/report-bench';
import { runScreenBench } from './profile/screen-bench';
import { runStackChartDrawBench } from './profile/stack-chart-draw-bench';
import { runTreeDrawBench } from './profile/tree-draw-bench';
import { runRecorderBench } from './recorder-bench';
import { runRetentionBench } from './retention-bench';
import { runSamplerBench } from './sampler-bench';
import { runStoreBench } from './store-bench';
import { printTable, type BenchRow } from './table';
import { runTimelineBench } from './timeline-bench';
import { runWatchBench } from './watch-bench';

const groups: [string, () => Promise<BenchRow[]>][] = [
  ['sampler', runSamplerBench],
  ['recorder', runRecorderBench],
  ['watch', runWatchBench],
  ['store', runStoreBench],
  ['timeline', runTimelineBench],
  ['retention', runRetentionBench],
  ['profile-retention', runProfileRetentionBench],
  ['profile-overhead', runOverheadBench],
  ['profile-import', runImportBench],
  ['profile-screen', runScreenBench],
  ['flame-draw', runFlameDrawBench],
  ['profile-views', runProfileViewsBench],
  ['stack-chart-draw', runStackChartDrawBench],
  ['tree-draw', runTreeDrawBench],
  ['compare', runCompareBench],
  ['report', runReportBench],
  ['diagnosis', runDiagnosisBench],
  ['experiment', runExperimentBench],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: BenchRow[] = [];
  for (const [name, run] of groups) {
    if (only.length > 0 && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}…\n`);
    try {
      rows.push(...(await run()));
    } catch (error) {
      // One broken group must not hide every other group's numbers: it becomes a failed row.
      const message = error instanceof Error ? error.message : String(error);
      rows.push({
        group: name,
        measure: 'the group failed',
        ours: message,
        peer: '—',
        floor: '—',
        goal: '—',
        met: false,
      });
    }
  }
  console.log(`Thermograph benchmarks — ${new Date().toISOString()}, Node ${process.version}, medians unless noted`);
  printTable(rows);
  const missed = rows.filter((row) => !row.met);
  if (missed.length > 0)
    console.log(`\n${missed.length} goal(s) not met: ${missed.map((row) => row.measure).join('; ')}`);
}

void main();
