// Import speed and memory through the engine's importer registry (importProfileFile, the path
// `thermograph import` and the Import dialog take), each run in a fresh process (import-child.ts):
// a large perf script replaying a real recording, and a 700k-node .cpuprofile. The floor is reading
// the same file into buffers without parsing, in the same kind of process, from the page cache.
// Run alone with `npx tsx test/bench/profile/import-bench.ts`.

import { statSync } from 'node:fs';
import { median, printTable, type BenchRow } from '../table';
import { quickMode } from './bench-cache';
import { runChild } from './child-run';
import type { ImportMeasurement } from './import-child';
import { cpuProfileInput, cpuProfileNodes, perfScriptInput, quickNote } from './inputs';
import { duration, megabytes, reason, throughput, times } from './measure-format';

const runs = quickMode ? 2 : 3;
const group = 'profile-import';

/** Runs import-child.ts once and returns what it measured. */
function measureInChild(mode: 'import' | 'read', file: string): Promise<ImportMeasurement> {
  return runChild<ImportMeasurement>('import-child.ts', [mode, file], ['--expose-gc']);
}

/** Medians of repeated child runs, the floor's first so the file is in the page cache for all. */
async function measureFile(file: string): Promise<{ imports: ImportMeasurement[]; floorMs: number }> {
  const floors: number[] = [];
  const imports: ImportMeasurement[] = [];
  await measureInChild('read', file);
  for (let run = 0; run < runs; run++) {
    floors.push((await measureInChild('read', file)).milliseconds);
    imports.push(await measureInChild('import', file));
  }
  return { imports, floorMs: median(floors) };
}

const failedRow = (measure: string, error: unknown, goal: string): BenchRow => ({
  group,
  measure,
  ours: `failed: ${reason(error)}`,
  peer: '—',
  floor: '—',
  goal,
  met: false,
});

// The goals are ratios to the floor measured in the same run, so a slower or busier machine moves
// both sides; the absolute figures are printed beside them.
const perfGoal = 0.25;
const cpuProfileGoal = 10;

async function perfScriptRows(): Promise<BenchRow[]> {
  const measure = `perf script parse (real recording replayed)${quickNote}`;
  const goal = `≥ ${perfGoal}× the floor's MB/s`;
  let file: string;
  try {
    file = await perfScriptInput();
  } catch (error) {
    return [failedRow(`${measure}: input could not be made`, error, goal)];
  }
  try {
    const size = statSync(file).size;
    const { imports, floorMs } = await measureFile(file);
    const milliseconds = median(imports.map((run) => run.milliseconds));
    const peak = median(imports.map((run) => run.peakBytes - run.baselineBytes));
    const ratio = floorMs / milliseconds;
    return [
      {
        group,
        measure: `${measure}, ${megabytes(size)}, ${imports[0]!.samples.toLocaleString('en')} samples (median of ${runs})`,
        ours: `${times(ratio)} the floor: ${throughput(size, milliseconds)} (${duration(milliseconds)})`,
        peer: '—',
        floor: `${throughput(size, floorMs)} (read into buffers)`,
        goal,
        met: ratio >= perfGoal,
      },
      {
        group,
        measure: 'perf script import, peak memory above baseline',
        ours: `${megabytes(peak)} (${times(peak / size)} input)`,
        peer: '—',
        floor: '—',
        goal: '— (reported)',
        met: true,
      },
    ];
  } catch (error) {
    return [failedRow(measure, error, goal)];
  }
}

async function cpuProfileRows(): Promise<BenchRow[]> {
  const measure = `.cpuprofile import, ${cpuProfileNodes.toLocaleString('en')} nodes${quickNote}`;
  const goal = `≤ ${cpuProfileGoal}× the floor's time`;
  try {
    const file = await cpuProfileInput();
    const size = statSync(file).size;
    const { imports, floorMs } = await measureFile(file);
    const milliseconds = median(imports.map((run) => run.milliseconds));
    const peak = median(imports.map((run) => run.peakBytes - run.baselineBytes));
    const ratio = milliseconds / floorMs;
    return [
      {
        group,
        measure: `${measure}, ${megabytes(size)}, ${imports[0]!.samples.toLocaleString('en')} samples (median of ${runs})`,
        ours: `${times(ratio)} the floor: ${duration(milliseconds)}`,
        peer: '—',
        floor: `${duration(floorMs)} (read into buffers)`,
        goal,
        met: ratio <= cpuProfileGoal,
      },
      {
        group,
        measure: `.cpuprofile import, peak memory above baseline (input ${megabytes(size)})`,
        ours: `${megabytes(peak)} (${times(peak / size)} input)`,
        peer: '—',
        floor: '—',
        goal: '≤ 3× input',
        met: peak <= 3 * size,
      },
    ];
  } catch (error) {
    return [failedRow(measure, error, goal)];
  }
}

/** Measures the import rows. */
export async function runImportBench(): Promise<BenchRow[]> {
  return [...(await perfScriptRows()), ...(await cpuProfileRows())];
}

// Run alone: `npx tsx test/bench/profile/import-bench.ts`.
if (process.argv[1] && /import-bench\.[cm]?[jt]s$/.test(process.argv[1])) {
  runImportBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
