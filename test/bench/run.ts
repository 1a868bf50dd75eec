// `npm run bench`: every performance goal measured in one run, ours beside the peer and the floor.
// Groups run one after another so they do not disturb each other on a small machine.

import { runRecorderBench } from './recorder-bench';
import { runSamplerBench } from './sampler-bench';
import { runStoreBench } from './store-bench';
import { printTable, type BenchRow } from './table';
import { runTimelineBench } from './timeline-bench';

const groups: [string, () => Promise<BenchRow[]>][] = [
  ['sampler', runSamplerBench],
  ['recorder', runRecorderBench],
  ['store', runStoreBench],
  ['timeline', runTimelineBench],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: BenchRow[] = [];
  for (const [name, run] of groups) {
    if (only.length > 0 && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}…\n`);
    rows.push(...(await run()));
  }
  console.log(`Thermograph benchmarks — ${new Date().toISOString()}, Node ${process.version}, medians unless noted`);
  printTable(rows);
  const missed = rows.filter((row) => !row.met);
  if (missed.length > 0)
    console.log(`\n${missed.length} goal(s) not met: ${missed.map((row) => row.measure).join('; ')}`);
}

void main();
