// Store benchmark: ingest rate and read latency of the columnar sample store, beside a
// row-per-sample SQLite table (the obvious design, as the peer) and the bytes-only floor. Every
// goal is a ratio to the peer or the floor measured in the same run, so it holds on a slower or a
// busier machine; ingest alternates batch by batch with its floor, so both see the same load.
// Run alone with `npx tsx test/bench/store-bench.ts`.

import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { metricKeys } from '../../src-shared/model/resource';
import type { MetricKey, ResourceSample } from '../../src-shared/model/resource';
import { openDatabase } from '../../src-main/store/database';
import { blobOf, ColumnScratch, packSamples } from '../../src-main/store/sample-columns';
import { fullChunkSamples } from '../../src-main/store/sample-repository';
import { SessionStore } from '../../src-main/store/session-store';
import { median, printTable } from './table';
import type { BenchRow } from './table';

const start = 1_700_000_000_000;
const runs = 5;
const bigSessionSamples = 1_000_000;
const windowSamples = 6_000;
const windowReads = 50;
const windowRounds = 3;
const chartMetrics: readonly MetricKey[] = ['cpuUser', 'cpuSystem', 'rss', 'readBytesRate'];

function syntheticSamples(count: number, firstTime: number): ResourceSample[] {
  return Array.from({ length: count }, (_, index) => {
    const sample = { time: firstTime + index * 100 } as Record<string, number | null>;
    metricKeys.forEach(
      (key, metric) => (sample[key] = key === 'pss' && index % 7 === 0 ? null : (index * 31 + metric * 17) % 1_000_003),
    );
    return sample as ResourceSample;
  });
}

function session(store: SessionStore, name: string): number {
  return store.createSession({
    name,
    target: { kind: 'pid', pid: 1, name: 'bench', commandLine: 'bench', runtime: 'native' },
    host: { hostname: 'bench', platform: 'linux', release: '', arch: 'x64', cpuCount: 2, totalMemoryBytes: 0 },
    settings: {
      intervalMs: 100,
      includeChildren: false,
      durationMs: null,
      profiler: 'none',
      samplingHz: null,
      allocations: false,
      alertRules: [],
      anomalyDetection: false,
    },
    startedAt: start,
  }).id;
}

function milliseconds(work: () => void): number {
  const begin = performance.now();
  work();
  return performance.now() - begin;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Ingest rates (samples per second) of the store and of its floor, one run of the same batches. */
interface IngestRun {
  ours: number;
  floor: number;
}

/**
 * Appends `samples` in batches of `batchSize` to a fresh session and, batch by batch in turn (each
 * side first every other batch), writes the same batch to the floor: the packed columns appended to
 * a plain file, the bytes any columnar store must produce and write (packed into reused memory, as
 * the store does). Median of runs by ratio.
 */
function ingestRuns(store: SessionStore, folder: string, samples: ResourceSample[], batchSize: number): IngestRun {
  const results: IngestRun[] = [];
  const scratch = new ColumnScratch();
  for (let run = 0; run < runs; run++) {
    const id = session(store, `ingest ${batchSize} #${run}`);
    const path = join(folder, `floor-${run}.bin`);
    const descriptor = openSync(path, 'w');
    collectGarbage();
    let oursMs = 0;
    let floorMs = 0;
    const appendOurs = (batch: ResourceSample[]) => (oursMs += milliseconds(() => store.appendSamples(id, batch)));
    const appendFloor = (batch: ResourceSample[]) =>
      (floorMs += milliseconds(() => {
        const packed = packSamples(batch, scratch);
        writeSync(descriptor, blobOf(packed.times));
        for (const column of packed.metrics) writeSync(descriptor, blobOf(column));
      }));
    for (let index = 0; index < samples.length; index += batchSize) {
      const batch = samples.slice(index, index + batchSize);
      // Whichever side packs a batch first reads its sample objects from memory and leaves them in
      // the cache for the other (a third of packing time here), so the sides take turns going first.
      if ((index / batchSize) % 2 === 0) {
        appendOurs(batch);
        appendFloor(batch);
      } else {
        appendFloor(batch);
        appendOurs(batch);
      }
    }
    closeSync(descriptor);
    rmSync(path);
    store.deleteSession(id);
    results.push({ ours: samples.length / (oursMs / 1_000), floor: samples.length / (floorMs / 1_000) });
  }
  const ratios = results.map((result) => result.ours / result.floor);
  const middle = median(ratios.slice());
  return results[ratios.indexOf(middle)] ?? results[0]!;
}

/** The obvious design: one row per sample, one REAL column per metric. */
function createRowTable(database: Database): {
  insert: (samples: ResourceSample[]) => void;
  readWindow: (from: number, to: number) => unknown[];
} {
  const columns = metricKeys.map((key) => `"${key}" REAL`).join(', ');
  database.exec(
    `CREATE TABLE IF NOT EXISTS row_samples (session_id INTEGER NOT NULL, time REAL NOT NULL, ${columns}, PRIMARY KEY (session_id, time)) WITHOUT ROWID`,
  );
  const insertRow = database.prepare(
    `INSERT INTO row_samples VALUES (${['?', '?', ...metricKeys.map(() => '?')].join(', ')})`,
  );
  const window = database
    .prepare(
      `SELECT time, ${chartMetrics.map((key) => `"${key}"`).join(', ')} FROM row_samples WHERE session_id = 1 AND time BETWEEN ? AND ?`,
    )
    .raw(true);
  const insert = database.transaction((samples: ResourceSample[]) => {
    for (const sample of samples) insertRow.run(1, sample.time, ...metricKeys.map((key) => sample[key]));
  });
  return { insert, readWindow: (from, to) => window.all(from, to) };
}

/** Median milliseconds to copy `bytes` bytes once (Buffer.from of a buffer already in memory). */
function copyFloorMs(bytes: number): number {
  const source = Buffer.alloc(bytes, 1);
  return median(Array.from({ length: 20 }, () => milliseconds(() => Buffer.from(source))));
}

const rate = (value: number) => `${Math.round(value / 1_000).toLocaleString('en-US')}k samples/s`;
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const times = (ratio: number) => `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`;

/** Measures the store and returns the bench rows. */
export async function runStoreBench(): Promise<BenchRow[]> {
  const folder = mkdtempSync(join(tmpdir(), 'thermograph-store-bench-'));
  try {
    const database = openDatabase(join(folder, 'bench.db'));
    const store = new SessionStore(database);
    const ingestSamples = syntheticSamples(100_000, start);
    const small = ingestSamples.slice(0, 20_000);
    const bulk = ingestRuns(store, folder, ingestSamples, 1_000);
    const recorder = ingestRuns(store, folder, small, 10);

    const peerDatabase = openDatabase(join(folder, 'peer.db'));
    const peer = createRowTable(peerDatabase);
    const peerRates = Array.from({ length: runs }, (_, run) => {
      const batchStart = start + run * 1e9;
      const shifted = ingestSamples.map((sample) => ({ ...sample, time: sample.time + batchStart - start }));
      const elapsed = milliseconds(() => {
        for (let index = 0; index < shifted.length; index += 1_000) peer.insert(shifted.slice(index, index + 1_000));
      });
      return shifted.length / (elapsed / 1_000);
    });
    peerDatabase.exec('DELETE FROM row_samples');

    // A 1M-sample session in chunks of a full chunk's worth, the layout a long 10 Hz recording ends
    // up with once its 10-sample flushes are merged (about 4,100 per chunk).
    const big = session(store, 'one million samples');
    for (let first = 0; first < bigSessionSamples; first += 50_000) {
      const part = syntheticSamples(50_000, start + first * 100);
      for (let index = 0; index < part.length; index += fullChunkSamples)
        store.appendSamples(big, part.slice(index, index + fullChunkSamples));
      peer.insert(part);
    }
    store.compactSession(big);
    collectGarbage();

    // Windows spread over the whole session, the same ones for us and the peer.
    const windowStarts = Array.from({ length: windowReads }, (_, index) =>
      Math.floor((((index * 7_919) % 997) / 997) * (bigSessionSamples - windowSamples)),
    );
    const window = (first: number) => ({ from: start + first * 100, to: start + (first + windowSamples - 1) * 100 });
    // Rounds of the same windows, read by us and then by the peer: each reads with its own cache warm,
    // and both see the same load in a round; judged by the median over rounds of the medians' ratio.
    let checked = 0;
    const windowTimes: number[] = [];
    const peerWindowTimes: number[] = [];
    const windowRatios: number[] = [];
    for (let round = 0; round < windowRounds; round++) {
      const ours = windowStarts.map((first) =>
        milliseconds(() => {
          checked += store.readSamples(big, { ...window(first), metrics: chartMetrics }).times.length;
        }),
      );
      const theirs = windowStarts.map((first) =>
        milliseconds(() => peer.readWindow(window(first).from, window(first).to)),
      );
      windowTimes.push(...ours);
      peerWindowTimes.push(...theirs);
      windowRatios.push(median(ours) / median(theirs));
    }
    if (checked !== windowRounds * windowReads * windowSamples)
      throw new Error(
        `window reads returned ${checked} samples, expected ${windowRounds * windowReads * windowSamples}`,
      );
    const wholeTimes = Array.from({ length: runs }, () => {
      collectGarbage();
      return milliseconds(() => store.readSamples(big, { metrics: chartMetrics }));
    });
    const columnsRead = chartMetrics.length + 1;
    const deleteMs = milliseconds(() => store.deleteSession(big));
    store.close();
    peerDatabase.close();

    const group = 'store';
    const bulkRatio = bulk.ours / bulk.floor;
    const peerIngest = median(peerRates);
    const windowMs = median(windowTimes);
    const peerWindowMs = median(peerWindowTimes);
    const windowRatio = median(windowRatios);
    const wholeMs = median(wholeTimes);
    const wholeFloorMs = copyFloorMs(bigSessionSamples * columnsRead * 8);
    return [
      {
        group,
        measure: `ingest, batches of 1,000 (median of ${runs} runs, each batch beside its floor)`,
        ours: `${rate(bulk.ours)} (${times(bulkRatio)} the floor)`,
        peer: `${rate(peerIngest)} (row per sample)`,
        floor: `${rate(bulk.floor)} (file write)`,
        goal: '≥ 0.5× the floor',
        met: bulkRatio >= 0.5,
      },
      {
        group,
        measure: 'ingest, batches of 10 (recorder, compacting)',
        ours: `${rate(recorder.ours)} (${times(recorder.ours / recorder.floor)} the floor)`,
        peer: '—',
        floor: `${rate(recorder.floor)} (file write)`,
        goal: '— (10 Hz needs 10/s)',
        met: true,
      },
      {
        group,
        measure: `read ${windowSamples.toLocaleString('en-US')}-sample window of 1M, ${chartMetrics.length} metrics (${windowRounds} rounds of ${windowReads} beside the peer's)`,
        ours: `${ms(windowMs)} (${times(windowRatio)} the peer)`,
        peer: `${ms(peerWindowMs)} (row per sample)`,
        floor: `${ms(copyFloorMs(windowSamples * columnsRead * 8))} (memcpy)`,
        goal: '≤ 0.5× the peer',
        met: windowRatio <= 0.5,
      },
      {
        group,
        measure: `read ${chartMetrics.length} metrics × 1M samples whole`,
        ours: `${ms(wholeMs)} (${times(wholeMs / wholeFloorMs)} the floor)`,
        peer: '—',
        floor: `${ms(wholeFloorMs)} (memcpy)`,
        goal: '— (feeds the timeline goal)',
        met: true,
      },
      {
        group,
        measure: 'delete a 1M-sample session',
        ours: ms(deleteMs),
        peer: '—',
        floor: '—',
        goal: '— (cascade stays fast)',
        met: true,
      },
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// Guarded by file name rather than import.meta: bundled into out/main/bench.js, import.meta.url
// would name the bundle and this would run a second time.
if (/store-bench\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  runStoreBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
