// Watching cost and honesty: what alert rules and anomaly detection add to every sample, and how
// often they raise a false alarm on steady series. The cost is 5 alert rules plus anomaly detectors
// on 8 metrics, fed realistic samples, in ns per sample; the next session sets it beside the
// recorder's own per-sample cost ("recorder with alerts ≤ 1.2× recorder alone"). The false-alarm rows
// run the detector with its defaults over simulated days of each steady noise shape.
// Run alone with `npx tsx test/bench/watch-bench.ts`.

import type { WatchSample } from '../../src-main/analysis/watch/alert-evaluator';
import { parseAlertRule } from '../../src-main/analysis/watch/alert-rule-parser';
import { AnomalyDetector } from '../../src-main/analysis/watch/anomaly-detector';
import { defaultWatchedMetrics, Watcher } from '../../src-main/analysis/watch/watcher';
import type { MetricKey } from '../../src-shared/model/resource';
import type { AlertRule } from '../../src-shared/model/watch';
import { seededRandom } from '../helpers/seeded-random';
import { noiseMetric, noiseShapes, normal, steadySeries } from '../helpers/watch-series';
import { median, printTable, type BenchRow } from './table';

const ruleTexts = ['cpu>90%:10s', 'rss>1.5GB', 'fds>900', 'heap>=512MiB:5s', 'threads>200:1s'];
const sampleCount = 200_000;
const rounds = 5;
/** A tenth of the sampler's 40 µs budget for one reading (sampler-bench): watching must stay small beside it. */
const goalNanoseconds = 4000;
const falseAlarmStreams = 4;
const streamDays = Number(process.env.WATCH_BENCH_DAYS ?? 1);

/** Steady 10 Hz samples of every watched metric, generated before timing. */
function samples(): WatchSample[] {
  const random = seededRandom(42);
  return Array.from({ length: sampleCount }, (_, index) => {
    const sample: Partial<Record<MetricKey, number>> & { time: number } = { time: index * 100 };
    sample.cpuUser = Math.max(0, 40 + 10 * normal(random));
    sample.cpuSystem = Math.max(0, 5 + 2 * normal(random));
    sample.rss = 300e6 + 1e6 * normal(random);
    sample.jsHeapUsed = 120e6 + 2e6 * normal(random);
    sample.fileDescriptors = Math.round(64 + normal(random));
    sample.threads = 12;
    sample.readBytesRate = Math.max(0, 1e5 + 3e4 * normal(random));
    sample.writeBytesRate = Math.max(0, 5e4 + 2e4 * normal(random));
    sample.involuntarySwitchRate = Math.max(0, 30 + 6 * normal(random));
    return sample as WatchSample;
  });
}

function rules(): AlertRule[] {
  return ruleTexts.map((text) => {
    const parsed = parseAlertRule(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.rule;
  });
}

/** Median ns per sample for the rules and the detectors over the same samples. */
function measureCost(): number {
  const input = samples();
  const perSample: number[] = [];
  let events = 0;
  for (let round = 0; round < rounds; round++) {
    const watcher = new Watcher(rules(), defaultWatchedMetrics);
    const started = process.hrtime.bigint();
    for (const sample of input) {
      const { alerts, anomalies } = watcher.push(sample);
      events += alerts.length + anomalies.length;
    }
    perSample.push(Number(process.hrtime.bigint() - started) / input.length);
  }
  // Keeps the loop's results alive so the optimizer cannot drop it.
  if (events < 0) console.log(events);
  return median(perSample);
}

/**
 * False alarms per 24 h of one noise shape at one interval: 4 seeded streams of `streamDays` days each
 * (WATCH_BENCH_DAYS, default 1; the README's table is 5), a detector per stream as in a recording.
 */
function falseAlarmsPerDay(shape: (typeof noiseShapes)[number], intervalMs: number): number {
  let alarms = 0;
  const readings = (streamDays * 86_400_000) / intervalMs;
  for (let stream = 1; stream <= falseAlarmStreams; stream++) {
    const next = steadySeries(shape, stream * 7919, intervalMs);
    const detector = new AnomalyDetector(noiseMetric[shape]);
    for (let index = 0; index < readings; index++) if (detector.push(index * intervalMs, next())) alarms++;
  }
  return alarms / (falseAlarmStreams * streamDays);
}

/** The watch group's rows: the cost per sample, then the false-alarm rate of every shape at 1 s and 100 ms. */
export async function runWatchBench(): Promise<BenchRow[]> {
  const nanoseconds = measureCost();
  const rows: BenchRow[] = [
    {
      group: 'watch',
      measure: `${ruleTexts.length} alert rules + anomaly detection on ${defaultWatchedMetrics.length} metrics, per sample`,
      ours: `${(nanoseconds / 1000).toFixed(2)} µs`,
      peer: '—',
      floor: '—',
      goal: `≤ ${goalNanoseconds / 1000} µs`,
      met: nanoseconds <= goalNanoseconds,
    },
  ];
  for (const intervalMs of [1000, 100]) {
    for (const shape of noiseShapes) {
      const rate = falseAlarmsPerDay(shape, intervalMs);
      rows.push({
        group: 'watch',
        measure: `false anomalies, steady ${shape} at ${intervalMs} ms (${falseAlarmStreams * streamDays} days)`,
        ours: `${rate.toFixed(2)} / 24 h`,
        peer: '—',
        floor: '—',
        goal: '≤ 1 / 24 h',
        met: rate <= 1,
      });
    }
  }
  return Promise.resolve(rows);
}

if (/watch-bench\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  runWatchBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
