// Comparing: the differential call tree of two 200k-node CPU profiles (the diff flame graph's
// model), and two series of 30 runs compared metric by metric. The profiles share one generated
// call tree (the bench's generator, as for the import benches) with the candidate's weights moved,
// so most frames match and some grow or shrink, as between two builds of one service. The diff is
// judged against building both profiles' own flame graphs in the same run (the floor: the diff
// walks both profiles and lays out one tree, and on top matches their frames by a key that survives
// two recordings), and the absolute 300 ms is printed beside it. The series comparison has
// no peer; its goal is the absolute 50 ms. Then the differential flame graph of the same two
// profiles drawn in the app (diff-flame-draw.ts), beside the ordinary flame graph of one side.
// Run alone with `npx tsx test/bench/profile/compare-bench.ts` (after `npm run build`).

import { compareSides, type SideData } from '../../../src-main/analysis/compare/compare-sides';
import { diffProfiles } from '../../../src-main/analysis/compare/profile-diff';
import { runMetricNames, type RunMetrics } from '../../../src-main/analysis/compare/run-metrics';
import { flameGraph } from '../../../src-main/analysis/flame-graph';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import type { Profile } from '../../../src-shared/profile/profile';
import { seededRandom } from '../../../src-shared/seeded-random';
import { median, printTable, type BenchRow } from '../table';
import { makeCallTree, type CallTree } from './call-tree';
import { scaled } from './bench-cache';
import { measureDiffFlameDraw } from './diff-flame-draw';

const group = 'compare';
const nodes = scaled(200_000);
const runs = 7;
const seriesRuns = 30;

/** A profile of the tree: one sample per node's self samples, weights scaled per function by `weightOf`. */
export function profileOf(tree: CallTree, weightOf: (fn: number) => number): Profile {
  const builder = new ProfileBuilder({
    kind: 'cpu',
    weightUnit: 'milliseconds',
    startTime: 0,
    source: { tool: 'bench', requestedIntervalMs: 1 },
  });
  const frames = tree.functions.map((fn) =>
    builder.frame({ name: fn.name || '(anonymous)', kind: 'js', file: fn.url, line: fn.line, column: fn.column }),
  );
  const stacks = new Int32Array(tree.parent.length);
  let time = 0;
  for (let node = 0; node < tree.parent.length; node++) {
    const parent = tree.parent[node]!;
    stacks[node] = builder.stack(parent < 0 ? -1 : stacks[parent]!, frames[tree.func[node]!]!);
    const weight = tree.selfSamples[node]! * weightOf(tree.func[node]!);
    if (weight > 0) builder.sample(stacks[node]!, time++, weight);
  }
  return builder.build();
}

function timed(work: () => void): number {
  const began = performance.now();
  work();
  return performance.now() - began;
}

/** Runs of one series: every run metric around `typical`, 3 % noise. */
function series(random: () => number, typical: number): SideData {
  const metrics: RunMetrics[] = Array.from({ length: seriesRuns }, () => {
    const run = {} as RunMetrics;
    for (const name of runMetricNames) run[name] = typical * (1 + 0.03 * (random() - 0.5));
    return run;
  });
  return {
    label: 'bench',
    sessions: metrics.map((_, index) => ({ id: index + 1, name: 'bench' })),
    runs: metrics,
    samples: [],
    profiles: [],
  };
}

/** Runs the compare benchmark and returns its rows. */
export async function runCompareBench(): Promise<BenchRow[]> {
  const tree = makeCallTree({ nodes, seed: 9, deepening: 0.5, maximumDepth: 400 });
  const random = seededRandom(21);
  const moved = Float64Array.from(tree.functions, () => (random() < 0.1 ? 0.5 + random() * 1.5 : 1));
  const baseline = profileOf(tree, () => 1);
  const candidate = profileOf(tree, (fn) => moved[fn]!);
  const all = { kind: 'cpu' as const, range: null, thread: null };
  const diffTimes: number[] = [];
  const floorTimes: number[] = [];
  let diffNodes = 0;
  for (let run = 0; run < runs; run++) {
    floorTimes.push(timed(() => flameGraph(baseline, all)) + timed(() => flameGraph(candidate, all)));
    diffTimes.push(timed(() => (diffNodes = diffProfiles(baseline, candidate).tree.length)));
  }
  const seriesRandom = seededRandom(5);
  const before = series(seriesRandom, 1_000);
  const after = series(seriesRandom, 1_050);
  const seriesTimes = Array.from({ length: runs }, () => timed(() => compareSides(before, after)));
  const diff = median(diffTimes.slice());
  const floor = median(floorTimes.slice());
  const compared = median(seriesTimes.slice());
  // Drawn last, once the timings above are taken: the app and the browser would compete with them.
  const drawn = await measureDiffFlameDraw(baseline, candidate, `${Math.round(nodes / 1000)}k-node CPU profiles`);
  return [
    {
      group,
      measure: `diff tree of two ${Math.round(nodes / 1000)}k-node CPU profiles (${diffNodes.toLocaleString('en-US')} merged nodes; median of ${runs})`,
      ours: `${diff.toFixed(0)} ms (${(diff / floor).toFixed(2)}× both flame graphs)`,
      peer: '— (speedscope and 0x cannot compare)',
      floor: `${floor.toFixed(0)} ms (each profile's own flame graph)`,
      goal: '≤ 3× both flame graphs; ≤ 300 ms',
      met: diff <= 3 * floor && diff <= 300,
    },
    {
      group,
      measure: `compare two series of ${seriesRuns} runs, ${runMetricNames.length} metrics (median of ${runs})`,
      ours: `${compared.toFixed(2)} ms`,
      peer: '—',
      floor: '—',
      goal: '≤ 50 ms (absolute)',
      met: compared <= 50,
    },
    drawn,
  ];
}

// Run alone: `npx tsx test/bench/profile/compare-bench.ts`.
if (process.argv[1] && /compare-bench\.[cm]?[jt]s$/.test(process.argv[1])) {
  runCompareBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
